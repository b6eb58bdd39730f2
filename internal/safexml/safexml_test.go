package safexml

import (
	"encoding/xml"
	"errors"
	"strings"
	"testing"
	"unicode/utf16"
)

func utf16LE(s string, bom bool) []byte {
	var out []byte
	if bom {
		out = append(out, 0xFF, 0xFE)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

// read reads a document and returns its root's name and text.
func read(data []byte) (string, error) {
	r, err := NewReader(data, "TEST")
	if err != nil {
		return "", err
	}
	var got string
	err = r.Root("doc", func(start xml.StartElement, line int) error {
		s, err := r.Text()
		got = start.Name.Local + ":" + s + ":" + Lang(start)
		return err
	})
	return got, err
}

func TestReader(t *testing.T) {
	doc := "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<doc xml:lang=\"uk\">Привіт 😀</doc>\n"
	tests := []struct {
		name string
		in   []byte
		want string
		line int
		msg  string
	}{
		{"utf-8", []byte(strings.Replace(doc, "UTF-16", "UTF-8", 1)), "doc:Привіт 😀:uk", 0, ""},
		{"utf-8 bom", append([]byte{0xEF, 0xBB, 0xBF}, strings.Replace(doc, "UTF-16", "UTF-8", 1)...), "doc:Привіт 😀:uk", 0, ""},
		{"utf-16le bom", utf16LE(doc, true), "doc:Привіт 😀:uk", 0, ""},
		{"utf-16le", utf16LE(doc, false), "doc:Привіт 😀:uk", 0, ""},
		{"lang attribute", []byte(`<doc lang="ru">x</doc>`), "doc:x:ru", 0, ""},
		{"doctype naming a dtd", []byte("<!DOCTYPE doc SYSTEM \"doc.dtd\">\n<doc>x</doc>"), "doc:x:", 0, ""},
		{"internal subset", []byte("<?xml version=\"1.0\"?>\n<!DOCTYPE doc [<!ENTITY a \"b\">]>\n<doc>&a;</doc>"), "", 2, "internal subset"},
		{"undefined entity", []byte("<doc>\n&a;</doc>"), "", 2, "entity"},
		{"latin-1", []byte(`<?xml version="1.0" encoding="ISO-8859-1"?><doc/>`), "", 1, "TEST is UTF-8 or UTF-16"},
		{"invalid utf-8", []byte("<doc>\n\n\xc0</doc>"), "", 3, "invalid UTF-8"},
		{"two roots", []byte("<doc/>\n<doc/>"), "", 2, "after the root"},
		{"no root", []byte("<!-- nothing -->"), "", 1, "no <doc>"},
		{"unclosed", []byte("<doc>\n<a>"), "", 2, "unexpected EOF"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := read(tc.in)
			if tc.msg == "" {
				if err != nil || got != tc.want {
					t.Errorf("got %q, %v; want %q", got, err, tc.want)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) || e.Line != tc.line || !strings.Contains(e.Err.Error(), tc.msg) {
				t.Errorf("got %v; want line %d: …%s…", err, tc.line, tc.msg)
			}
		})
	}
}

func TestEscape(t *testing.T) {
	if got := EscapeText("a<b>&c\r\n\x01"); got != "a&lt;b&gt;&amp;c&#xD;\n\uFFFD" {
		t.Errorf("EscapeText: %q", got)
	}
	if got := EscapeAttr("\"a\"\t\n\r<"); got != "&quot;a&quot;&#x9;&#xA;&#xD;&lt;" {
		t.Errorf("EscapeAttr: %q", got)
	}
	// What the escapers write reads back unchanged.
	in := "x\ty\r\nz \"q\" <&> ʼ"
	r, err := NewReader([]byte(`<doc a="`+EscapeAttr(in)+`">`+EscapeText(in)+`</doc>`), "TEST")
	if err != nil {
		t.Fatal(err)
	}
	err = r.Root("doc", func(start xml.StartElement, line int) error {
		s, err := r.Text()
		if s != in || Attr(start, "a") != in {
			t.Errorf("read back %q and %q", s, Attr(start, "a"))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
