package xliff

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/l10n-dev/l10n/internal/corpus"
	"github.com/l10n-dev/l10n/pipeline/segment"
)

// elements renders content the way the tests spell it: prose as is, codes
// as XLIFF elements.
func elements(c Content) string {
	var b bytes.Buffer
	encodeContent(&b, c)
	return b.String()
}

func TestFromMarkdown(t *testing.T) {
	doc, err := segment.Parse([]byte("x\n\n[ICRC]: https://icrc.org\n"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ in, want string }{
		{"In total, about 3,767 have been [returned](#) home.",
			`In total, about 3,767 have been <bpt id="1" ctype="link">[</bpt>returned<ept id="1">](#)</ept> home.`},
		{"**Related article:** [The Global Threat](#)",
			`<bpt id="1" ctype="bold">**</bpt>Related article:<ept id="1">**</ept> <bpt id="2" ctype="link">[</bpt>The Global Threat<ept id="2">](#)</ept>`},
		{"*The views expressed do not reflect The Moscow Times.*",
			`<bpt id="1" ctype="italic">*</bpt>The views expressed do not reflect The Moscow Times.<ept id="1">*</ept>`},
		{"Run `l10n build` & see <b>this</b>",
			`Run <ph id="1" ctype="x-code">` + "`l10n build`" + `</ph> &amp; see <ph id="2" ctype="x-html">&lt;b&gt;</ph>this<ph id="3" ctype="x-html">&lt;/b&gt;</ph>`},
		{"The [ICRC] said, see <https://icrc.org>.",
			`The <ph id="1" ctype="x-link-label">[ICRC]</ph> said, see <ph id="2" ctype="x-autolink">&lt;https://icrc.org&gt;</ph>.`},
		{"line one  \nline two\nline three",
			`line one<ph id="1" ctype="lb">  ` + "\n" + `</ph>line two` + "\nline three"},
		{"*[nested](/u \"t\")*", `<bpt id="1" ctype="italic">*</bpt><bpt id="2" ctype="link">[</bpt>nested<ept id="2">](/u "t")</ept><ept id="1">*</ept>`},
		{"[![moon](moon.jpg)](/uri)", `<bpt id="1" ctype="link">[</bpt><bpt id="2" ctype="x-image">![</bpt>moon<ept id="2">](moon.jpg)</ept><ept id="1">](/uri)</ept>`},
		{"~~gone~~ \\*not emphasis\\* &amp;", `<bpt id="1" ctype="x-strike">~~</bpt>gone<ept id="1">~~</ept> \*not emphasis\* &amp;amp;`},
		{"form\ffeed", `form<ph id="1" ctype="x-char">` + "\ufffd" + `</ph>feed`},
		{`See {{< ref "a_b.md" >}} and *{{% param x %}}*`,
			`See <ph id="1" ctype="x-placeable">{{&lt; ref "a_b.md" &gt;}}</ph> and <bpt id="2" ctype="italic">*</bpt><ph id="3" ctype="x-placeable">{{% param x %}}</ph><ept id="2">*</ept>`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			c := FromMarkdown(doc, tt.in)
			if got := elements(c); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			if c.Markdown() != tt.in {
				t.Errorf("Markdown() = %q", c.Markdown())
			}
		})
	}
}

// TestCorpusRoundTrip splits every unit of every CommonMark and GFM
// example, writes it as XLIFF, reads it back and resolves the source as
// a target: the Markdown must come back byte for byte.
func TestCorpusRoundTrip(t *testing.T) {
	examples, err := corpus.All()
	if err != nil {
		t.Fatal(err)
	}
	units := 0
	for _, ex := range examples {
		d, err := segment.Parse([]byte(ex.Markdown))
		if err != nil {
			t.Fatalf("%s: %v", ex.Name, err)
		}
		f := &File{Original: "articles/x.md", SourceLanguage: "en", TargetLanguage: "en-XA", Datatype: "x-markdown"}
		var contents []Content
		for i, u := range d.Units {
			c, err := split(d, u.Text)
			if err != nil {
				t.Errorf("%s unit %d: %v", ex.Name, i, err)
				continue
			}
			contents = append(contents, c)
			f.Units = append(f.Units, &Unit{ID: "u" + string(rune('a'+i)), Source: c, Target: c, HasTarget: true, State: StateTranslated})
		}
		doc, err := Decode(Encode(&Document{Files: []*File{f}}))
		if err != nil {
			t.Fatalf("%s: %v", ex.Name, err)
		}
		for i, u := range doc.Files[0].Units {
			units++
			if !contents[i].Same(u.Source) {
				t.Errorf("%s unit %d: source differs after decoding:\n%#v\n%#v", ex.Name, i, contents[i], u.Source)
			}
			got, err := Resolve(u.Target, u.Source, contents[i])
			if err != nil || got != d.Units[i].Text {
				t.Errorf("%s unit %d: resolved %q, %v; want %q", ex.Name, i, got, err, d.Units[i].Text)
			}
		}
	}
	if units < 500 {
		t.Errorf("only %d units", units)
	}
}

func TestResolve(t *testing.T) {
	doc, _ := segment.Parse([]byte("x\n"))
	src := FromMarkdown(doc, "By **[Anton](#a)** and `x`")
	tests := []struct {
		name, target, want, err string
	}{
		{"moved", `<ph id="3">` + "`x`" + `</ph> та <bpt id="1">**</bpt><bpt id="2">[</bpt>Антон<ept id="2">](#a)</ept><ept id="1">**</ept>`, "`x` та **[Антон](#a)**", ""},
		{"placeholders", `<bx id="1"/><bx id="2"/>Антон<ex id="2"/><ex id="1"/> <x id="3"/>`, "**[Антон](#a)** `x`", ""},
		{"empty codes", `<bpt id="1"></bpt>Антон<ept id="1"/>`, "**Антон**", ""},
		{"edited code", `<bpt id="1">**</bpt><bpt id="2">[</bpt>Антон<ept id="2">](#b)</ept><ept id="1">**</ept>`, "**[Антон](#b)**", ""},
		{"own markup", `<bpt id="7">_</bpt>Антон<ept id="7">_</ept>`, "_Антон_", ""},
		{"unknown code", `Антон <x id="9"/>`, "", `<x id="9"> is not in the source`},
		{"g", `<g id="1">Антон</g>`, "", `<g id="1"> is not supported`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := `<xliff version="1.2" xmlns="` + Namespace + `"><file original="a" source-language="en" datatype="x-markdown"><body>` +
				`<trans-unit id="u"><source>` + elements(src) + `</source><target>` + tt.target + `</target></trans-unit></body></file></xliff>`
			d, err := Decode([]byte(x))
			if err != nil {
				t.Fatal(err)
			}
			u := d.Files[0].Units[0]
			got, err := Resolve(u.Target, u.Source, src)
			if tt.err != "" {
				var ce *CodeError
				if !errors.As(err, &ce) || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("got %q, %v; want error %q", got, err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestDecode(t *testing.T) {
	in := `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:x="urn:example">
  <file original="articles/a.md" source-language="en" target-language="uk" datatype="x-markdown">
    <header><note>file note</note><x:ext/></header>
    <body>
      <group id="g">
        <trans-unit id="p-one" xml:space="preserve" approved="yes">
          <source>A <bpt id="1" ctype="link">[</bpt>link<ept id="1">](#)</ept>&#xD;</source>
          <seg-source><mrk mtype="seg" mid="1">A link</mrk></seg-source>
          <target state="needs-review-translation"><mrk mtype="seg" mid="1">Б <bpt id="1">[</bpt>посилання<ept id="1">](#)</ept></mrk></target>
          <alt-trans><target>ignored</target></alt-trans>
          <note from="l10n" annotates="source">a note</note>
          <x:custom/>
        </trans-unit>
      </group>
      <trans-unit id="p-two"><source>Two</source></trans-unit>
    </body>
  </file>
</xliff>
`
	d, err := Decode([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	f := d.Files[0]
	if f.Original != "articles/a.md" || f.TargetLanguage != "uk" || f.Line != 3 || len(f.Units) != 2 || f.Notes[0] != "file note" {
		t.Fatalf("file: %+v", f)
	}
	u := f.Units[0]
	if u.ID != "p-one" || u.Line != 7 || u.State != StateNeedsReview || u.Approved != "yes" || u.Source.Markdown() != "A [link](#)\r" ||
		u.Target.Markdown() != "Б [посилання](#)" || u.Notes[0].Text != "a note" || u.Notes[0].Annotates != "source" {
		t.Errorf("unit: %+v", u)
	}
	if f.Units[1].HasTarget || f.Units[1].Line != 16 {
		t.Errorf("unit 2: %+v", f.Units[1])
	}
}

func TestDecodeErrors(t *testing.T) {
	head := `<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">` + "\n"
	tests := []struct {
		name, in string
		line     int
		msg      string
	}{
		{"not xml", "hello", 1, "no <xliff>"},
		{"unclosed", head + "<file original=\"a\" source-language=\"en\" datatype=\"x\">\n<body>\n", 4, "unexpected EOF"},
		{"mismatched", head + "<file original=\"a\">\n<body></file>\n", 3, "element <body> closed by </file>"},
		{"bad entity", head + "<file original=\"a\"><body><trans-unit id=\"u\">\n<source>a &nbsp; b</source>", 3, "invalid character entity"},
		{"xliff 2", `<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0">`, 1, "XLIFF version 2.0"},
		{"root", "<html/>", 1, "root element is <html>"},
		{"no id", head + "<file original=\"a\"><body>\n<trans-unit><source/></trans-unit>", 3, "without an id"},
		{"no source", head + "<file original=\"a\"><body>\n<trans-unit id=\"u\"><target/></trans-unit></body></file></xliff>", 3, "without a <source>"},
		{"no original", head + "\n<file><body/></file></xliff>", 3, "without an original"},
		{"bad inline", head + "<file original=\"a\"><body><trans-unit id=\"u\">\n<source>a <b>x</b></source></trans-unit></body></file></xliff>", 3, "unexpected <b> in <source>"},
		{"invalid utf-8", head + "\n<file original=\"\xff\"/>", 3, "invalid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode([]byte(tt.in))
			var xe *Error
			if !errors.As(err, &xe) {
				t.Fatalf("got %v, want an *xliff.Error", err)
			}
			if xe.Line != tt.line || !strings.Contains(xe.Err.Error(), tt.msg) {
				t.Errorf("got line %d %q, want line %d %q", xe.Line, xe.Err.Error(), tt.line, tt.msg)
			}
		})
	}
}
