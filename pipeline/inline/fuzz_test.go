package inline_test

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
	xhtml "golang.org/x/net/html"

	"github.com/l10n-dev/l10n/internal/corpus"
	"github.com/l10n-dev/l10n/pipeline/inline"
	"github.com/l10n-dev/l10n/pipeline/segment"
)

// letters returns the letters of s, sorted: what two readings of a text
// must agree on whatever the order they write things in.
func letters(s string) string {
	var r []rune
	for _, c := range s {
		if unicode.IsLetter(c) {
			r = append(r, c)
		}
	}
	slices.Sort(r)
	return string(r)
}

// nothing renders the atoms (code spans, autolinks, placeables) as
// nothing, for the oracle: goldmark's own HTML of prose.
type nothing struct{}

func (nothing) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	skip := func(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
		return ast.WalkSkipChildren, nil
	}
	reg.Register(ast.KindCodeSpan, skip)
	reg.Register(ast.KindAutoLink, skip)
	reg.Register(inline.KindPlaceable, skip)
}

// oracle is goldmark's HTML renderer, safe (raw HTML omitted), with the
// atoms left out.
var oracle = renderer.NewRenderer(renderer.WithNodeRenderers(
	util.Prioritized(html.NewRenderer(), 1000),
	util.Prioritized(nothing{}, 1)))

// proseLetters returns the letters a browser shows of a tree rendered by
// the oracle: its text and its images' alt text.
func proseLetters(t testing.TB, tr *inline.Tree) string {
	var b bytes.Buffer
	if err := oracle.Render(&b, tr.Src, tr.Root); err != nil {
		t.Fatal(err)
	}
	var s strings.Builder
	z := xhtml.NewTokenizer(&b)
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			return letters(s.String())
		case xhtml.TextToken:
			s.Write(z.Text())
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			tok := z.Token()
			for _, a := range tok.Attr {
				if tok.Data == "img" && a.Key == "alt" {
					s.WriteString(a.Val)
				}
			}
		}
	}
}

// checkLetters wants the letters of a tree's plain text (atoms dropped)
// to be the letters goldmark's HTML shows outside code, raw HTML, URLs
// and placeables. goldmark writes an image's alt text from all the text
// in it, a code span's too: those letters count on the plain side.
func checkLetters(t testing.TB, name string, tr *inline.Tree) {
	t.Helper()
	plain := tr.Plain(inline.PlainOptions{})
	for _, img := range inline.All[*ast.Image](tr.Root) {
		for _, c := range inline.CodeSpans(img) {
			plain += inline.CodeText(c, tr.Src)
		}
	}
	if got, want := letters(plain), proseLetters(t, tr); got != want {
		t.Errorf("%s: %q: plain text has letters %q, the HTML %q", name, tr.Src, got, want)
	}
	// Marked atoms add no letter, and show their content only.
	if got := letters(tr.Plain(inline.PlainOptions{Atoms: inline.MarkAtoms, Lines: true})); got != letters(tr.Plain(inline.PlainOptions{})) {
		t.Errorf("%s: %q: marked atoms add letters", name, tr.Src)
	}
}

// checkWalks runs every walk of a tree and wants their results inside
// the source.
func checkWalks(t testing.TB, tr *inline.Tree) {
	t.Helper()
	_ = ast.Walk(tr.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if r, ok := inline.Range(n, tr.Src); ok {
			if r.Start < 0 || r.End > len(tr.Src) || r.Start >= r.End {
				t.Errorf("%q: %s at %v", tr.Src, n.Kind(), r)
			}
		}
		if r, ok := inline.LabelLink(n, tr.Src); ok && (r.Start < 0 || r.End > len(tr.Src) || tr.Src[r.End-1] != ']') {
			t.Errorf("%q: label link at %v", tr.Src, r)
		}
		return ast.WalkContinue, nil
	})
	for _, c := range inline.CodeSpans(tr.Root) {
		r, ok := inline.Range(c, tr.Src)
		for k := c.FirstChild(); ok && k != nil; k = k.NextSibling() {
			if seg := k.(*ast.Text).Segment; seg.Start < r.Start || seg.Stop > r.End {
				t.Errorf("%q: code span text at %d-%d outside its range %v", tr.Src, seg.Start, seg.Stop, r)
			}
		}
	}
	_ = tr.Links()
	_ = tr.Words()
	if got := tr.RewriteLinks(func(d string) string { return d }); got != string(tr.Src) {
		t.Errorf("%q: RewriteLinks(identity) = %q", tr.Src, got)
	}
	_ = tr.RewriteLinks(func(d string) string { return d + "x" })
}

// TestPlainLetters checks every unit of the spec examples, the
// real-world corpus, the Hugo documentation and the seed articles, read
// in its place (segment.Doc.UnitTree) against goldmark's HTML of it.
func TestPlainLetters(t *testing.T) {
	examples := corpus.Everything(t)
	units := 0
	for _, ex := range examples {
		d, err := segment.Parse([]byte(ex.Markdown))
		if err != nil {
			continue // bad front matter: no units
		}
		for i, u := range d.Units {
			if u.FrontMatter() {
				continue
			}
			tr := d.UnitTree(i, u.Text)
			checkLetters(t, fmt.Sprintf("%s unit %d", ex.Name, i), tr)
			checkWalks(t, tr)
			units++
		}
	}
	t.Logf("checked %d units", units)
}

// FuzzParse parses any text with any link reference definition: no
// walk panics or leaves the source, and the plain text has every letter
// of prose.
func FuzzParse(f *testing.F) {
	examples, err := corpus.All()
	if err != nil {
		f.Fatal(err)
	}
	for _, ex := range examples {
		f.Add(ex.Markdown, "ICRC", "https://icrc.org")
	}
	f.Add("See [ICRC], [x][ICRC], [ICRC][] and ![ICRC].", "ICRC", "<a b>")
	f.Fuzz(func(t *testing.T, text, label, dest string) {
		if !utf8.ValidString(text) || !utf8.ValidString(label) || !utf8.ValidString(dest) {
			// Units come from articles and catalogs, which are
			// refused unless they are UTF-8; dropping an atom from
			// invalid bytes may join two halves of a letter
			// ("0\xce`0`\x88").
			return
		}
		var refs inline.Refs
		if strings.TrimSpace(label) != "" {
			refs = inline.Refs{parser.NewReference([]byte(label), []byte(dest), nil)}
		}
		for _, tr := range []*inline.Tree{inline.Default().Parse(text, refs), inline.Default().ParseLine(text, refs)} {
			checkWalks(t, tr)
			checkLetters(t, "fuzz", tr)
		}
	})
}
