package segment

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/l10n-dev/l10n/internal/corpus"
)

func texts(d *Doc) []string {
	t := make([]string, len(d.Units))
	for i, u := range d.Units {
		t[i] = u.Text
	}
	return t
}

// TestRoundTripExamples renders every CommonMark and GFM example with its
// own unit texts, through the path translations take (not the verbatim
// shortcut), and wants the source back byte for byte.
func TestRoundTripExamples(t *testing.T) {
	examples, err := corpus.All()
	if err != nil {
		t.Fatal(err)
	}
	if len(examples) < 652 {
		t.Fatalf("only %d examples", len(examples))
	}
	for _, ex := range examples {
		for _, variant := range []struct{ name, src string }{
			{"", ex.Markdown},
			{"/crlf", strings.ReplaceAll(ex.Markdown, "\n", "\r\n")},
			{"/bom-nonl", "\ufeff" + strings.TrimSuffix(ex.Markdown, "\n")},
		} {
			d, err := Parse([]byte(variant.src))
			if err != nil {
				t.Errorf("%s%s: %v", ex.Name, variant.name, err)
				continue
			}
			if got := d.Render(texts(d), true); !bytes.Equal(got, d.Src) {
				t.Errorf("%s%s: verbatim render differs:\n%q\n%q", ex.Name, variant.name, got, d.Src)
			}
			merged := false
			for _, u := range d.Units {
				merged = merged || u.Merged()
			}
			if merged {
				t.Errorf("%s%s: unexpected merged unit", ex.Name, variant.name)
				continue
			}
			if got := d.Render(texts(d), false); !bytes.Equal(got, d.Src) {
				t.Errorf("%s%s: render differs:\n got %q\nwant %q", ex.Name, variant.name, got, d.Src)
			}
		}
	}
}

func TestSeed(t *testing.T) {
	src, err := os.ReadFile("../../articles/ngo-indifference-to-ukrainian-pows.md")
	if err != nil {
		t.Fatal(err)
	}
	d, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range d.Units {
		t.Logf("%d %s %v %q", u.Line, u.Kind, u.Merged(), u.Text[:min(60, len(u.Text))])
	}
}

func TestRenderTranslations(t *testing.T) {
	tests := []struct {
		name, src string
		units     []string // expected unit texts
		tr        []string // translations
		want      string
	}{
		{"front matter", "---\ntitle: Hello world\ndate: 2024-11-26\nsummary: 'It''s here' # note\ntags: [a, b]\n---\n\nBody text.\n",
			[]string{"Hello world", "It's here", "Body text."},
			[]string{"Привіт: світ", "Це «тут»", "Текст."},
			"---\ntitle: \"Привіт: світ\"\ndate: 2024-11-26\nsummary: 'Це «тут»' # note\ntags: [a, b]\n---\n\nТекст.\n"},
		{"block scalar", "---\ndescription: |\n  Two\n  lines\nauthor: X\n---\nText here.\n",
			[]string{"Two\nlines\n", "Text here."},
			[]string{"Два\nрядки", "Текст тут."},
			"---\ndescription: \"Два\\nрядки\"\nauthor: X\n---\nТекст тут.\n"},
		{"more lines in a quote", "> one\n> two\n",
			[]string{"one\ntwo"}, []string{"один\nдва\nтри"}, "> один\n> два\n> три\n"},
		{"fewer lines in a list", "- one\n  two\n- b\n",
			[]string{"one\ntwo", "b"}, []string{"один два", "бе"}, "- один два\n- бе\n"},
		{"new line in a one-line list item", "1. item\n",
			[]string{"item"}, []string{"пункт\nще"}, "1. пункт\n   ще\n"},
		{"table cell pipes", "| a | b |\n|---|---|\n| x | y |\n",
			[]string{"a", "b", "x", "y"}, []string{"а|б", "б\\|в", "x", "у\nу"}, "| а\\|б | б\\|в |\n|---|---|\n| x | у у |\n"},
		{"atx heading", "## Title ##\n", []string{"Title"}, []string{"Заголовок\nдва"}, "## Заголовок два ##\n"},
		// A thematic break and a setext heading, not front matter (its
		// line is not YAML), whose translation is YAML: the break is
		// written "***", or the edition would read as front matter.
		{"not front matter", "---\n : A\n---\n", []string{": A"}, []string{"⟦: ÅÅ⟧"}, "***\n ⟦: ÅÅ⟧\n---\n"},
		{"not front matter, translation not YAML", "---\n : A\n---\n", []string{": A"}, []string{": Б"}, "---\n : Б\n---\n"},
		{"crlf", "a\r\nb\r\n\r\nc\r\n", []string{"a\nb", "c"}, []string{"а\nб\nв", "ц"}, "а\r\nб\r\nв\r\n\r\nц\r\n"},
		{"code and html are skeleton", "```\ncode\n```\n\n<div>\nhtml\n</div>\n\n[x]: /url\n\nText [x].\n",
			[]string{"Text [x]."}, []string{"Текст [x]."}, "```\ncode\n```\n\n<div>\nhtml\n</div>\n\n[x]: /url\n\nТекст [x].\n"},
		{"url-only paragraph is skeleton", "<https://example.com>\n\n`code`\n\nWord.\n",
			[]string{"Word."}, []string{"Слово."}, "<https://example.com>\n\n`code`\n\nСлово.\n"},
		{"split sentence", "This long sentence is cut by the export in\n\nthe middle of its words.\n",
			[]string{"This long sentence is cut by the export in the middle of its words."},
			[]string{"Це довге речення."}, "Це довге речення.\n"},
		{"no merge after a full stop", "This is a complete sentence of many words.\n\nthen lower case.\n",
			[]string{"This is a complete sentence of many words.", "then lower case."}, []string{"А.", "б."}, "А.\n\nб.\n"},
		{"no merge of short lines", "Foo bar\n\nbaz qux\n",
			[]string{"Foo bar", "baz qux"}, []string{"А", "б"}, "А\n\nб\n"},
	}
	for _, tc := range tests {
		d, err := Parse([]byte(tc.src))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		got := texts(d)
		if strings.Join(got, "|") != strings.Join(tc.units, "|") {
			t.Errorf("%s: units %q, want %q", tc.name, got, tc.units)
			continue
		}
		if out := string(d.Render(tc.tr, false)); out != tc.want {
			t.Errorf("%s: render\n got %q\nwant %q", tc.name, out, tc.want)
		}
		if out := d.Render(got, true); !bytes.Equal(out, d.Src) {
			t.Errorf("%s: verbatim render differs", tc.name)
		}
	}
}

func TestInvalidUTF8(t *testing.T) {
	_, err := Parse([]byte("ok\n\nline \xff two\n"))
	if err == nil || err.Error() != "line 3: invalid UTF-8" {
		t.Errorf("err = %v", err)
	}
}

// TestLoneCR refuses a "\r" that is not part of a "\r\n", and any other
// control character but the tab, at its line; "\r\n" line breaks are
// read.
func TestLoneCR(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want string
	}{
		{"ok\r\n\r\nline\r two\r\n", "line 3: a carriage return that ends no line"},
		{"00  \r\r\nA", "line 1: a carriage return that ends no line"},
		{"---\ntitle: x\r---\n", "line 2: a carriage return that ends no line"},
		{"ends with\r", "line 1: a carriage return that ends no line"},
		{"ok\r\n", ""},
		// Other controls but the tab (FuzzPipeline: goldmark reads
		// "\v>A" as a block quote, the unit as text).
		{"\v>A", "line 1: a control character (U+000B)"},
		{"a\n\nb\x00c", "line 3: a control character (U+0000)"},
		{"---\ntitle: \x1b[31mred\n---\n", "line 2: a control character (U+001B)"},
		{"page\fbreak", "line 1: a control character (U+000C)"},
		{"\ttab\tand\x7fDEL are read", ""},
	} {
		_, err := Parse([]byte(tc.src))
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%q: %v", tc.src, err)
		case tc.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tc.want)):
			t.Errorf("%q: err = %v, want %s…", tc.src, err, tc.want)
		}
	}
}

// TestUnits lists what becomes a unit: every leaf block whose inline text
// holds a letter outside code spans, raw HTML, autolinks and placeables.
func TestUnits(t *testing.T) {
	type unit struct {
		kind Kind
		text string
	}
	tests := []struct {
		name, src string
		want      []unit
	}{
		{"the issue's article", "| Step | Deadline |\n|---|---|\n| Capture card sent | 1 week |\n\n" +
			"- “[Using Generics](https://example.com/g)”, a talk by Jane Doe.\n\n" +
			"> `go vet` reports suspicious constructs.\n\n## `go test` flags explained\n\n" +
			"`runtime.move2heap` is a special function.\n\n<https://example.com> is where the report was published.\n\n" +
			"<span>Inline HTML</span> then words.\n",
			[]unit{{Cell, "Step"}, {Cell, "Deadline"}, {Cell, "Capture card sent"}, {Cell, "1 week"},
				{Paragraph, "“[Using Generics](https://example.com/g)”, a talk by Jane Doe."},
				{Paragraph, "`go vet` reports suspicious constructs."}, {Heading, "`go test` flags explained"},
				{Paragraph, "`runtime.move2heap` is a special function."},
				{Paragraph, "<https://example.com> is where the report was published."},
				{Paragraph, "<span>Inline HTML</span> then words."}}},
		{"not prose", "`code`\n\n<https://example.com>\n\nhttps://example.com\n\n<b></b>\n\n{{< youtube abc >}}\n\n" +
			"{{< figure\n  src=\"a.png\"\n>}}\n\n    indented code\n\n<div>\nHTML block\n</div>\n\n[ref]: https://example.com \"Title\"\n", nil},
		{"image description and link text", "![A photo of Kyiv](kyiv.jpg)\n\n[https://example.com](https://example.com)\n",
			[]unit{{Paragraph, "![A photo of Kyiv](kyiv.jpg)"}, {Paragraph, "[https://example.com](https://example.com)"}}},
		{"a letter written as a reference", "&#1234; &eacute;\n", []unit{{Paragraph, "&#1234; &eacute;"}}},
		{"definition list", "`locale`\n: (`string`) The language tag.\n\n  More about it.\n\nTerm\n: Its definition.\n",
			[]unit{{Paragraph, "(`string`) The language tag."}, {Paragraph, "More about it."}, {Term, "Term"}, {Paragraph, "Its definition."}}},
		{"shortcodes inside prose", "See {{< ref \"x.md\" >}} and {{% param name %}}, or {{ .Title }}.\n",
			[]unit{{Paragraph, "See {{< ref \"x.md\" >}} and {{% param name %}}, or {{ .Title }}."}}},
		{"alerts", "> [!NOTE]\n> Mind the gap.\n\n> [!WARNING]+ Radiation hazard\n> Keep out.\n\n> [!TIP]\n\n> [!not an alert] here\n",
			[]unit{{Paragraph, "Mind the gap."}, {Paragraph, "Radiation hazard\nKeep out."}, {Paragraph, "[!not an alert] here"}}},
		{"paired shortcodes hold prose", "{{< note >}}\nMind the gap.\n{{< /note >}}\n",
			[]unit{{Paragraph, "{{< note >}}\nMind the gap.\n{{< /note >}}"}}},
	}
	for _, tc := range tests {
		d, err := Parse([]byte(tc.src))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		var got []unit
		for _, u := range d.Units {
			got = append(got, unit{u.Kind, u.Text})
		}
		if fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
		if out := d.Render(texts(d), false); !bytes.Equal(out, d.Src) {
			t.Errorf("%s: render differs:\n got %q\nwant %q", tc.name, out, d.Src)
		}
	}
}

// TestAtLeastWords checks the word count of mergeSplitSentences against
// strings.Fields.
func TestAtLeastWords(t *testing.T) {
	for _, s := range []string{"", " ", "one", " one ", "one two", "one\ttwo\nthree", "a\u00a0b\u0085c d", "слово  ще\u2003одне ", "\xff \xfe", "x y z w v u", " x y z w v u  "} {
		want := len(strings.Fields(s))
		for n := 0; n <= 7; n++ {
			if got := atLeastWords(s, n); got != (want >= n) {
				t.Errorf("atLeastWords(%q, %d) = %v, strings.Fields finds %d", s, n, got, want)
			}
		}
	}
}

// TestRefusedExamples checks that each spec example l10n refuses
// (corpus.Refused) is refused with an error at a line, and that a
// definition goldmark reads alike on its own lines is not: a title on the
// next line, a destination on the next line, a later definition of the
// same label.
func TestRefusedExamples(t *testing.T) {
	cm, err := corpus.CommonMark()
	if err != nil {
		t.Fatal(err)
	}
	refused := 0
	for _, ex := range cm {
		if _, ok := corpus.Refused[ex.Name]; !ok {
			continue
		}
		refused++
		_, err := Parse([]byte(ex.Markdown))
		var fe *Error
		if !errors.As(err, &fe) || fe.Line != 1 || !strings.Contains(err.Error(), "goldmark#602") {
			t.Errorf("%s: %v", ex.Name, err)
		}
	}
	if refused != len(corpus.Refused) {
		t.Errorf("found %d of %d refused examples", refused, len(corpus.Refused))
	}
	for _, src := range []string{
		"Text.\n\n[1]: https://x.org\n(AP) Kyiv, the text of the paragraph\n",
		"[a]:\nA\n'00000'00000000000000[a]",
		"[a]: /u 'T'\n[b]: /v\n(AP) Kyiv\n\n[a] [b]",
	} {
		if _, err := Parse([]byte(src)); err == nil || !strings.Contains(err.Error(), "goldmark#602") {
			t.Errorf("%q: %v", src, err)
		}
	}
	for _, src := range []string{
		"[a]: /u\n  'Title'\n\n[a]",
		"[a]:\n/u\n'Title'\nText after.\n\n[a]",
		"[a]: /u 'T'\n[b]: /v\n\n(AP) Kyiv\n\n[a] [b]",
		"[a]: /u\n\n[a]: /v\n\n[a]",
		"> [a]: /u\n> 'T'\n\n[a]",
	} {
		if _, err := Parse([]byte(src)); err != nil {
			t.Errorf("%q: %v", src, err)
		}
	}
}
