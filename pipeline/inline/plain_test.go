package inline_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"

	"github.com/l10n-dev/l10n/internal/corpus"
	"github.com/l10n-dev/l10n/pipeline/inline"
	"github.com/l10n-dev/l10n/pipeline/segment"
)

// dumpTree writes everything a tree's readers can see of it: each node's
// kind, position, attributes, lines (blocks), segments, line breaks and
// rawness (Text), bytes (Placeable), destination, title and reference
// (links and images), level (emphasis), children.
func dumpTree(b *strings.Builder, n ast.Node, depth int) {
	fmt.Fprintf(b, "%*s%s pos=%d attrs=%v", depth*2, "", n.Kind(), n.Pos(), n.Attributes())
	if n.Type() == ast.TypeBlock {
		fmt.Fprintf(b, " blank=%v lines=", n.HasBlankPreviousLines())
		for i := range n.Lines().Len() {
			fmt.Fprintf(b, "%v,", n.Lines().At(i))
		}
	}
	switch t := n.(type) {
	case *ast.Text:
		fmt.Fprintf(b, " %v soft=%v hard=%v raw=%v", t.Segment, t.SoftLineBreak(), t.HardLineBreak(), t.IsRaw())
	case *inline.Placeable:
		for i := range t.Segments.Len() {
			fmt.Fprintf(b, " %v", t.Segments.At(i))
		}
	case *ast.Link:
		fmt.Fprintf(b, " dest=%q title=%q ref=%v", t.Destination, t.Title, t.Reference)
	case *ast.Image:
		fmt.Fprintf(b, " dest=%q title=%q ref=%v", t.Destination, t.Title, t.Reference)
	case *ast.Emphasis:
		fmt.Fprintf(b, " level=%d", t.Level)
	case *ast.AutoLink:
		fmt.Fprintf(b, " type=%v protocol=%q", t.AutoLinkType, t.Protocol)
	case *ast.Document, *ast.Paragraph, *ast.CodeSpan:
	default:
		fmt.Fprintf(b, " (%T)", n)
	}
	b.WriteByte('\n')
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		dumpTree(b, c, depth+1)
	}
}

func dump(tr *inline.Tree) string {
	var b strings.Builder
	fmt.Fprintf(&b, "src %q\n", tr.Src)
	dumpTree(&b, tr.Root, 0)
	return b.String()
}

// plainSyntaxes are the syntaxes the fast path is checked with: l10n's,
// and one with project placeables (one pattern starts with a letter,
// which the transformer finds in prose, one with a "$", which becomes a
// trigger).
var plainSyntaxes = []*inline.Syntax{
	inline.Default(),
	inline.New(regexp.MustCompile(`[A-Z]{2,}-\d+`), regexp.MustCompile(`\$\w+`), regexp.MustCompile(`(?i)kyiv`)),
}

// samePlain checks that a text the fast path reads (plainTree) gives
// the tree goldmark gives, read as Parse and as ParseLine read it, with
// and without link references; it reports whether the fast path read it.
func samePlain(t *testing.T, s *inline.Syntax, text string) bool {
	t.Helper()
	fast := s.PlainTree(text)
	if plain := fast != nil && fast.Text() != ""; s.IsPlain(text) != plain {
		t.Fatalf("%q: IsPlain %v, but the fast path's tree is of Text nodes alone: %v", text, !plain, plain)
	}
	if fast == nil {
		return false
	}
	want := dump(fast)
	for _, o := range []inline.PlainOptions{{}, {Lines: true}, {Atoms: inline.MarkAtoms, Lines: true}, {Atoms: inline.ShowAtoms, Verbatim: true}} {
		if got, walked := fast.Plain(o), inline.Plain(fast.Root, fast.Src, o); got != walked {
			t.Fatalf("%q: Tree.Plain(%+v) = %q, Plain %q", text, o, got, walked)
		}
	}
	sameAsGoldmark(t, s, text, want)
	return true
}

// sameAsGoldmark checks that goldmark reads text into the tree dumped as
// want, as Parse and as ParseLine read it, with and without link
// references.
func sameAsGoldmark(t *testing.T, s *inline.Syntax, text, want string) {
	t.Helper()
	refs := inline.Refs{parser.NewReference([]byte("ICRC"), []byte("https://icrc.org"), nil)}
	for _, line := range []bool{false, true} {
		for _, r := range []inline.Refs{nil, refs} {
			if got := dump(s.GoldmarkTree(text, r, line)); got != want {
				t.Fatalf("%q (line %v): goldmark reads\n%s\nthe fast path\n%s", text, line, got, want)
			}
		}
	}
}

// TestPlainTree checks the plain fast path against goldmark: on texts
// at its edges, and on every unit (read in its place, and each of its
// lines) of the spec examples, the real-world corpus, the Hugo
// documentation and the seed articles that it reads. It also checks
// that it reads most of the seed's prose.
func TestPlainTree(t *testing.T) {
	cases := []struct {
		text  string
		plain bool
	}{
		{"Hello", true},
		{"Hello world", true},
		{"x (y) z: said.", true},
		{"(a) b (c", true},
		{"a  b", true},
		{"a\nb c\nd", true},
		{"Привіт, світ — 79 246 грн, 4,5 %", true},
		{"KYIV, April 4: AB-12 and $x cost 5 (NATO).", true},
		{"a\n\nb", false},    // two paragraphs
		{"a \nb", false},     // a hard line break
		{"a\n b", false},     // indentation
		{" a", false},        // indentation
		{"a\n", false},       // a trailing line feed
		{"a\tb", false},      // a tab
		{"a\r\nb", false},    // a carriage return
		{"a *b*", false},     // emphasis
		{"a [b]", false},     // a link
		{"a &amp; b", false}, // an entity
		{"a \\* b", false},   // an escape
		{"see www.example.com", false},
		{"see http://example.com", false},
		{"mail ann@example.com", false},
		{"a {{< x >}}", false},
		{"", false},
	}
	for _, c := range cases {
		for _, s := range plainSyntaxes {
			if got := samePlain(t, s, c.text); got != c.plain && s == inline.Default() {
				t.Errorf("%q: plain %v, want %v", c.text, got, c.plain)
			}
		}
	}
	examples := corpus.Everything(t)
	seedUnits, seedPlain := 0, 0
	read := 0
	for _, ex := range examples {
		texts := strings.Split(ex.Markdown, "\n")
		if d, err := segment.Parse([]byte(ex.Markdown)); err == nil {
			for _, u := range d.Units {
				texts = append(texts, u.Text)
				if strings.HasSuffix(ex.Name, ".md") && !u.FrontMatter() {
					seedUnits++
					if inline.Default().PlainTree(u.Text) != nil {
						seedPlain++
					}
				}
			}
		}
		for _, text := range texts {
			for _, s := range plainSyntaxes {
				if samePlain(t, s, text) {
					read++
				}
			}
		}
	}
	t.Logf("the fast path read %d texts; %d of the seed's %d units", read, seedPlain, seedUnits)
	if seedPlain*4 < seedUnits {
		t.Errorf("the fast path read %d of the seed's %d units: fewer than a quarter", seedPlain, seedUnits)
	}
}

// FuzzPlainTree checks the plain fast path against goldmark on any text
// it reads.
func FuzzPlainTree(f *testing.F) {
	for _, s := range []string{"Hello world", "a\nb (c) d", "x  y (z", "AB-12 costs $5 in Kyiv.", "Привіт, світ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, s := range plainSyntaxes {
			samePlain(t, s, text)
		}
	})
}
