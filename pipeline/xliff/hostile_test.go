package xliff

import (
	"fmt"
	"strings"
	"testing"
)

// unitDoc is an XLIFF document with one unit whose source is src.
func unitDoc(prolog, src string) string {
	return prolog + `<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="articles/a.md" source-language="en"><body>` +
		`<trans-unit id="p-one"><source>` + src + `</source></trans-unit></body></file></xliff>`
}

// TestDecodeHostile decodes hostile XLIFF: entity declarations (the
// "billion laughs", an external entity) are refused at their line; deep
// nesting and a long source read whole.
func TestDecodeHostile(t *testing.T) {
	laughs := "<?xml version=\"1.0\"?>\n<!DOCTYPE xliff [\n<!ENTITY lol \"lol\">\n"
	for i := 1; i <= 9; i++ {
		laughs += fmt.Sprintf("<!ENTITY lol%d \"%s\">\n", i, strings.Repeat(fmt.Sprintf("&lol%d;", i-1), 10))
	}
	laughs = strings.Replace(laughs, "&lol0;", "&lol;", -1) + "]>\n"
	tests := []struct{ name, in, want string }{
		{"billion laughs", unitDoc(laughs, "&lol9;"), "line 2: a document type declaration with an internal subset (<!ENTITY …>) is not allowed"},
		{"external entity", unitDoc("<?xml version=\"1.0\"?>\n<!DOCTYPE xliff [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n", "&xxe;"),
			"line 2: a document type declaration with an internal subset"},
		{"external parameter entity", unitDoc("<!DOCTYPE xliff [<!ENTITY % dtd SYSTEM \"http://example.com/x.dtd\"> %dtd;]>", "x"),
			"line 1: a document type declaration with an internal subset"},
		{"undeclared entity after an external DTD", unitDoc("<!DOCTYPE xliff SYSTEM \"http://example.com/xliff.dtd\">\n", "&xxe;"),
			"line 2: invalid character entity &xxe;"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode([]byte(tc.in))
			if _, ok := err.(*Error); !ok || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("err = %v, want %q", err, tc.want)
			}
		})
	}
	// A DTD named but never read is allowed.
	if d, err := Decode([]byte(unitDoc("<!DOCTYPE xliff SYSTEM \"http://example.com/xliff.dtd\">\n", "Text"))); err != nil || d.Files[0].Units[0].Source.Plain() != "Text" {
		t.Errorf("external DTD: %v", err)
	}
	// 10,000 nested <g> codes, and 10,000 nested elements l10n skips.
	g := unitDoc("", strings.Repeat(`<g id="1">`, 10000)+"text"+strings.Repeat("</g>", 10000))
	d, err := Decode([]byte(g))
	if err != nil {
		t.Fatal(err)
	}
	if c := d.Files[0].Units[0].Source; len(c) != 20001 || c.Plain() != "text" {
		t.Errorf("%d pieces, %q", len(c), c.Plain())
	}
	skip := unitDoc("", "text") + ""
	skip = strings.Replace(skip, "<body>", "<body>"+strings.Repeat("<x:ext xmlns:x=\"urn:x\">", 10000)+strings.Repeat("</x:ext>", 10000), 1)
	if _, err := Decode([]byte(skip)); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkDecodeSize decodes documents of growing size: many units, one
// long source, nested codes. Twice the input should take about twice the
// time.
//
//	go test -run '^$' -bench DecodeSize ./pipeline/xliff
func BenchmarkDecodeSize(b *testing.B) {
	gens := []struct {
		name string
		gen  func(n int) string
	}{
		{"units", func(n int) string {
			unit := `<trans-unit id="p-%d"><source>Text <bpt id="1">[</bpt>link<ept id="1">](#)</ept></source><target state="translated">Текст</target></trans-unit>`
			var s strings.Builder
			for i := 0; s.Len() < n; i++ {
				fmt.Fprintf(&s, unit, i)
			}
			return strings.Replace(unitDoc("", "x"), `<trans-unit id="p-one"><source>x</source></trans-unit>`, s.String(), 1)
		}},
		{"long-source", func(n int) string { return unitDoc("", strings.Repeat("word <!-- c --> ", n/16)) }},
		{"nested-codes", func(n int) string {
			k := n / 14
			return unitDoc("", strings.Repeat(`<g id="1">`, k)+"text"+strings.Repeat("</g>", k))
		}},
	}
	for _, g := range gens {
		for _, size := range []int{512 << 10, 1 << 20, 2 << 20, 4 << 20} {
			data := []byte(g.gen(size))
			b.Run(fmt.Sprintf("%s/%dKiB", g.name, size>>10), func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				for b.Loop() {
					if _, err := Decode(data); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
