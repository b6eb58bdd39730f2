package segment

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"

	"github.com/l10n-dev/l10n/pipeline/inline"
)

// placeables lists the placeables of a text as Doc.Inline reads it.
func placeablesOf(d *Doc, text string) []string {
	var out []string
	_ = ast.Walk(d.Inline(text), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if p, ok := n.(*inline.Placeable); ok && entering {
			out = append(out, string(p.Value([]byte(text))))
		}
		return ast.WalkContinue, nil
	})
	return out
}

func TestPlaceables(t *testing.T) {
	patterns := []*regexp.Regexp{
		regexp.MustCompile(`%[a-z]+%`),       // starts with punctuation: read by the inline parser
		regexp.MustCompile(`SKU-[0-9]+`),     // starts with a letter: found in the text
		regexp.MustCompile(`\[\[[^\]]+\]\]`), // over what goldmark reads as link brackets
	}
	tests := []struct {
		text string
		want []string
	}{
		{`See {{< ref "a.md" >}} and {{% note %}}, {{ .Title }}.`, []string{`{{< ref "a.md" >}}`, `{{% note %}}`, `{{ .Title }}`}},
		{"{{< figure src=\"a_b.png\" title=\"*x*\" >}} *emphasis*", []string{"{{< figure src=\"a_b.png\" title=\"*x*\" >}}"}},
		{"A {{< figure\n  src=\"a.png\" >}} over lines", []string{"{{< figure\nsrc=\"a.png\" >}}"}},
		{"Code first: `{{` and `}}`", nil},
		{"A shortcode with code: {{< hl `x` >}}", []string{"{{< hl `x` >}}"}},
		{"Escaped \\{{< x >}}", nil},
		{"Unclosed {{< x", nil},
		{"Hello %name%, order SKU-42 (SKU-7) or [[Wiki Page]].", []string{"%name%", "SKU-42", "SKU-7", "[[Wiki Page]]"}},
		{"Not in code: `SKU-42 %name%`", nil},
	}
	for _, tc := range tests {
		d, err := NewParser(WithPlaceables(patterns...)).Parse([]byte(tc.text + "\n"))
		if err != nil {
			t.Fatal(err)
		}
		got := placeablesOf(d, tc.text)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%q: placeables %q, want %q", tc.text, got, tc.want)
		}
		if out := d.Render(texts(d), false); !bytes.Equal(out, d.Src) {
			t.Errorf("%q: render differs: %q", tc.text, out)
		}
	}
}

func TestPlaceableHTML(t *testing.T) {
	var b bytes.Buffer
	if err := Markdown().Convert([]byte("A {{< x a=\"*b*\" >}} <i>.\n\n{{< img\n  src=\"a.png\"\n>}}\n"), &b); err != nil {
		t.Fatal(err)
	}
	want := "<p>A {{&lt; x a=&quot;*b*&quot; &gt;}} <!-- raw HTML omitted -->.</p>\n<p>{{&lt; img\n  src=&quot;a.png&quot;\n&gt;}}\n</p>\n"
	if b.String() != want {
		t.Errorf("got  %q\nwant %q", b.String(), want)
	}
}

func TestParsePlaceable(t *testing.T) {
	if _, err := ParsePlaceable("x*"); err == nil {
		t.Error("a pattern that matches empty text is accepted")
	}
	if _, err := ParsePlaceable("("); err == nil {
		t.Error("a bad regular expression is accepted")
	}
	if _, err := ParsePlaceable(`\{#[a-z-]+\}`); err != nil {
		t.Error(err)
	}
}

// TestFrame checks how a unit's text is framed for the block check.
func TestFrame(t *testing.T) {
	d, err := Parse([]byte("Foo\n    ---\nbar\n\n> Quoted\n>     # not a heading\n\n- Item\n  two\n\n## Heading\n"))
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"Foo\n    ---\nbar", "Quoted\n    # not a heading", "Item\ntwo", "Heading"} {
		if got := d.Frame(i, d.Units[i].Text); got != want {
			t.Errorf("unit %d: frame %q, want %q", i, got, want)
		}
	}
	// Lines the source does not have take the frame of its last line.
	if got := d.Frame(0, "A\nB\nC\nD"); got != "A\n    B\nC\nD" {
		t.Errorf("frame of more lines: %q", got)
	}
	// A paragraph that link reference definitions began: its first line,
	// too deep to start a block there, continues a line of text (found
	// by FuzzPipeline: "# 0" read alone is a heading).
	for _, src := range []string{"[foo]:   0  \n      # 0000000000A0000000", "> [a]: /u\n>      1. not a list\n> more\n"} {
		d, err := Parse([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		u := d.Units[len(d.Units)-1]
		if got := d.Frame(len(d.Units)-1, u.Text); !strings.HasPrefix(got, "x\n    ") || !strings.HasSuffix(got, u.Text[strings.Index(u.Text, "\n")+1:]) {
			t.Errorf("%q: frame %q", src, got)
		}
	}
}
