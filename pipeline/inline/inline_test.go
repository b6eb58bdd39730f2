package inline_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"

	"github.com/l10n-dev/l10n/pipeline/inline"
)

// refs defines [ICRC] and [img], as an article's skeleton would.
var refs = inline.Refs{
	parser.NewReference([]byte("ICRC"), []byte("https://icrc.org"), nil),
	parser.NewReference([]byte("img"), []byte("photo.png"), nil),
}

func TestPlain(t *testing.T) {
	drop := inline.PlainOptions{}
	mark := inline.PlainOptions{Atoms: inline.MarkAtoms, Lines: true}
	show := inline.PlainOptions{Atoms: inline.ShowAtoms}
	verbatim := inline.PlainOptions{Verbatim: true}
	tests := []struct {
		text string
		o    inline.PlainOptions
		want string
	}{
		{"**Bold** [link](#) `code` &amp; \\*", show, "Bold link code & *"},
		{"**Bold** [link](#) `code` &amp; \\*", mark, "Bold link \uFFFC & *"},
		{"**Bold** [link](#) `code` &amp; \\*", drop, "Bold link  & *"},
		{"**Bold** [link](#) `code` &amp; \\*", verbatim, "Bold link  &amp; \\*"},
		// One pass, as a renderer reads it: an escaped "&" starts no
		// reference, and a reference to "\" escapes nothing.
		{`\&amp; and &#92;*`, show, `&amp; and \*`},
		{"See <https://icrc.org> and {{< ref x >}} <b>now</b>", show, "See https://icrc.org and  now"},
		{"See <https://icrc.org> and {{< ref x >}} <b>now</b>", mark, "See \uFFFC and \uFFFC \uFFFCnow\uFFFC"},
		{"Bare www.icrc.org link", mark, "Bare \uFFFC link"},
		{"one\ntwo  \nthree", mark, "one\ntwo\nthree"},
		{"one\ntwo  \nthree", show, "one two three"},
		{"first\n\nsecond", mark, "first\nsecond"},
		{"first\n\nsecond", show, "firstsecond"},
		{"![alt *text*](a.png \"title\") [ICRC]", show, "alt text ICRC"},
		{"~~gone~~ &eacute;t&#233;", show, "gone été"},
	}
	for _, tt := range tests {
		if got := inline.Default().Parse(tt.text, refs).Plain(tt.o); got != tt.want {
			t.Errorf("Plain(%q, %+v) = %q, want %q", tt.text, tt.o, got, tt.want)
		}
	}
}

// TestParseLine: a text that starts like a link reference definition
// defines a link in a paragraph's place, and is text on one line.
func TestParseLine(t *testing.T) {
	const text = "[1]: Notes"
	if got := inline.Default().Parse(text, nil).Plain(inline.PlainOptions{}); got != "" {
		t.Errorf("Parse(%q) reads %q, want a definition", text, got)
	}
	if got := inline.Default().ParseLine(text, nil).Plain(inline.PlainOptions{}); got != text {
		t.Errorf("ParseLine(%q) reads %q", text, got)
	}
}

func TestPlaceablePatterns(t *testing.T) {
	syn := inline.New(regexp.MustCompile(`SKU-[0-9]+`), regexp.MustCompile(`%[a-z]+%`))
	tr := syn.Parse("Order SKU-123 as %name% with {{< x >}}, not `SKU-1`.", nil)
	var got []string
	for _, p := range inline.Placeables(tr.Root) {
		got = append(got, string(p.Value(tr.Src)))
	}
	if strings.Join(got, "|") != "SKU-123|%name%|{{< x >}}" {
		t.Errorf("placeables %q", got)
	}
	if n := len(inline.Placeables(inline.Default().Parse("Order SKU-123", nil).Root)); n != 0 {
		t.Errorf("Default has the project's pattern: %d placeables", n)
	}
}

func TestLinks(t *testing.T) {
	tr := inline.Default().Parse("The [ICRC] and [its page][ICRC], [inline](a.md \"t\"), ![photo][img], <info@icrc.org>, https://x.org/a and [undefined].", refs)
	type link struct{ kind, dest string }
	var got []link
	for _, l := range tr.Links() {
		got = append(got, link{l.Node.Kind().String(), l.Dest})
	}
	want := []link{
		{"Link", "https://icrc.org"}, {"Link", "https://icrc.org"}, {"Link", "a.md"},
		{"Image", "photo.png"}, {"AutoLink", "info@icrc.org"}, {"AutoLink", "https://x.org/a"},
	}
	if len(got) != len(want) {
		t.Fatalf("Links = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("link %d = %v, want %v", i, got[i], want[i])
		}
	}
}

func TestLabelLink(t *testing.T) {
	tests := []struct{ text, want string }{
		{"See [ICRC].", "[ICRC]"},
		{"See [ICRC][].", "[ICRC][]"},
		{"See ![img][].", "![img][]"},
		{"See [the ICRC][ICRC].", ""},
		{"See [ICRC](https://icrc.org).", ""},
	}
	for _, tt := range tests {
		tr := inline.Default().Parse(tt.text, refs)
		got := ""
		for _, l := range tr.Links() {
			if s, ok := inline.LabelLink(l.Node, tr.Src); ok {
				got = string(tr.Src[s.Start:s.End])
			}
		}
		if got != tt.want {
			t.Errorf("LabelLink in %q = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestRange(t *testing.T) {
	const text = "A ``co`de`` span, <https://icrc.org>, www.icrc.org, (https://x.org/a), <b class=\"x\">, {{< ref \"a.md\" >}}."
	tr := inline.Default().Parse(text, nil)
	var got []string
	_ = ast.Walk(tr.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && inline.IsAtom(n) {
			r, ok := inline.Range(n, tr.Src)
			if !ok {
				t.Errorf("no range for %s", n.Kind())
			}
			got = append(got, text[r.Start:r.End])
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	want := []string{"``co`de``", "<https://icrc.org>", "www.icrc.org", "https://x.org/a", `<b class="x">`, `{{< ref "a.md" >}}`}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("ranges %q, want %q", got, want)
	}
	if c := inline.CodeSpans(tr.Root); len(c) != 1 || inline.CodeText(c[0], tr.Src) != "co`de" {
		t.Errorf("CodeSpans: %v", c)
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		text string
		want int
	}{
		{"In total, about 3,767 have been [returned](https://example.org/a-long-path) home.", 8},
		{"**Related article:** [The Global Threat](#)", 5},
		{"Run `npm install` — or <https://x.org>.", 2},
		{"{{< figure src=\"a.png\" >}} A <b>bold</b> claim", 3},
		{"— … ***", 0},
	}
	for _, tt := range tests {
		if got := inline.Default().Parse(tt.text, nil).Words(); got != tt.want {
			t.Errorf("Words(%q) = %d, want %d", tt.text, got, tt.want)
		}
	}
}

func TestRewriteLinks(t *testing.T) {
	to := func(dest string) string {
		switch dest {
		case "a.md":
			return "a b.md"
		case "b.md":
			return "c.md"
		}
		if strings.HasSuffix(dest, ".md") {
			return strings.TrimSuffix(dest, ".md") + ".uk.md"
		}
		return dest
	}
	tests := []struct{ text, want string }{
		{"See [the story](story.md) and [that](other.md#x).", "See [the story](story.uk.md) and [that](other.md#x)."},
		{"See [*the* story](<story.md> \"t\").", "See [*the* story](<story.uk.md> \"t\")."},
		{"See [the `story`](story.md).", "See [the `story`](story.uk.md)."},
		{"Reference [ICRC] and [x][ICRC] stay; ![img](a.md) is an image.", "Reference [ICRC] and [x][ICRC] stay; ![img](a.md) is an image."},
		{"Escaped [x](st\\_ory.md) as written.", "Escaped [x](st\\_ory.uk.md) as written."},
		{"Needs escapes [x](a.md) [](b.md).", "Needs escapes [x](a.md) [](b.md)."},
		{"[a](s.md) [c](s.md)", "[a](s.uk.md) [c](s.uk.md)"},
		{"No links.", "No links."},
	}
	for _, tt := range tests {
		if got := inline.Default().Parse(tt.text, refs).RewriteLinks(to); got != tt.want {
			t.Errorf("RewriteLinks(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestDecode(t *testing.T) {
	tests := []struct{ in, want string }{
		{`a\*b\\c`, `a*b\c`},
		{`&amp;&lt;&#65;&#x42;&bogus;&`, `&<AB&bogus;&`},
		{`\&amp;`, `&amp;`},
		{`&#92;*`, `\*`},
		{`\a`, `\a`},
		// Decimal with a leading zero is no octal (goldmark's util
		// reads "&#070;" as "8"); CommonMark's limits on digits.
		{`&\&uml;&a&uml;`, `&&uml;&a¨`},
		{`&#070;&#039;&#X46;&#0;&#1234567;&#12345678;&#x110000;&#xD800;&#;&#x;`, "F'F\uFFFD\uFFFD&#12345678;\uFFFD\uFFFD&#;&#x;"},
	}
	for _, tt := range tests {
		if got := string(inline.Decode([]byte(tt.in))); got != tt.want {
			t.Errorf("Decode(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
