package inline_test

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"

	"github.com/l10n-dev/l10n/cmd/l10n-corpus/newsgen"
	"github.com/l10n-dev/l10n/internal/corpus"
	"github.com/l10n-dev/l10n/pipeline/inline"
)

// articleParser is an article's Markdown as package segment makes it
// (tables, definition lists, the syntax), with fastBlocks (fast) and
// without (slow).
type articleParser struct {
	s          *inline.Syntax
	fast, slow goldmark.Markdown
}

var articleParsers = func() (ps []articleParser) {
	for _, s := range plainSyntaxes {
		mk := func(ext goldmark.Extender) goldmark.Markdown {
			return goldmark.New(goldmark.WithExtensions(extension.Table, extension.DefinitionList, ext),
				goldmark.WithRendererOptions(html.WithUnsafe()))
		}
		ps = append(ps, articleParser{s: s, fast: mk(s), slow: mk(s.WithoutFastBlocks())})
	}
	return ps
}()

// sameBlocks checks that an article's parser reads src to the same tree
// (every node as dumpTree shows it) and the same HTML with fastBlocks as
// without; it returns how many of the tree's paragraphs, headings and
// tight list items the fast path could read (lines that are one run of
// the source, a text fastTree reads) and how many there are.
func sameBlocks(t *testing.T, p articleParser, src string) (fast, blocks int) {
	t.Helper()
	b := []byte(src)
	slow := p.slow.Parser().Parse(text.NewReader(b))
	quick := p.fast.Parser().Parse(text.NewReader(b))
	var want, got strings.Builder
	dumpTree(&want, slow, 0)
	dumpTree(&got, quick, 0)
	if got.String() != want.String() {
		t.Fatalf("%q: with fastBlocks\n%s\nwithout\n%s", src, got.String(), want.String())
	}
	var wantHTML, gotHTML bytes.Buffer
	if err := p.slow.Renderer().Render(&wantHTML, b, slow); err != nil {
		t.Fatal(err)
	}
	if err := p.fast.Renderer().Render(&gotHTML, b, quick); err != nil {
		t.Fatal(err)
	}
	if gotHTML.String() != wantHTML.String() {
		t.Fatalf("%q: HTML with fastBlocks\n%s\nwithout\n%s", src, gotHTML.String(), wantHTML.String())
	}
	_ = ast.Walk(quick, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n.(type) {
		case *ast.Paragraph, *ast.Heading, *ast.TextBlock:
		default:
			return ast.WalkContinue, nil
		}
		if !entering {
			return ast.WalkSkipChildren, nil
		}
		blocks++
		lines := n.Lines()
		if lines.Len() == 0 {
			return ast.WalkSkipChildren, nil
		}
		for i := 1; i < lines.Len(); i++ {
			if lines.At(i).Start != lines.At(i-1).Stop || lines.At(i).Padding != 0 {
				return ast.WalkSkipChildren, nil
			}
		}
		if p.s.FastTree(src[lines.At(0).Start:lines.At(lines.Len()-1).Stop]) != nil && lines.At(0).Padding == 0 {
			fast++
		}
		return ast.WalkSkipChildren, nil
	})
	return fast, blocks
}

// TestFastBlocks checks an article's parser with fastBlocks against the
// same parser without, tree for tree and page for page: on blocks at its
// edges, on the spec examples, the real-world corpus, the Hugo
// documentation, the seed articles and generated news articles. The fast
// path must read most blocks of the news articles.
func TestFastBlocks(t *testing.T) {
	edges := []string{
		"By [Taras Melnyk](https://www.example.com/authors/taras-melnyk)\n",
		"# A *title* with [a link](u)\n\nA paragraph\non two lines with **bold**.\n",
		"> a quote\n> on *two* lines\n",
		"- a *tight* item\n- [another](u)\n\n1. loose\n\n2. items\n",
		"Term\n: A *definition*\n",
		"| a | *b* |\n|---|---|\n| [c](u) | d |\n",
		"A setext *heading*\n===\n",
		"  indented start\nand lazy\n",
		"text\n    indented continuation\n",
		"trailing spaces  \nhard break\n",
		"line one\\\nline two\n",
		"a [ref] link\n\n[ref]: https://example.com\n",
		"*open\n\nclosed*\n",
		"`code\nspan` across\n",
		"www.example.com bare and https://x.org\n",
		"* * *\n- - -\n",
		"para\n- item interrupts\n",
		"no newline at the end",
		"\n\n  \n",
		"«Quoted» — said **she**.\r\nWindows line\r\n",
	}
	for _, p := range articleParsers {
		for _, src := range edges {
			sameBlocks(t, p, src)
		}
	}
	examples := corpus.Everything(t)
	for i := range 20 {
		slug, src := newsgen.Article(1, i, i%5 == 0)
		examples = append(examples, corpus.Example{Name: "news/" + slug + ".md", Markdown: string(src)})
	}
	newsFast, newsBlocks := 0, 0
	for _, ex := range examples {
		for _, p := range articleParsers {
			fast, blocks := sameBlocks(t, p, ex.Markdown)
			if strings.HasPrefix(ex.Name, "news/") && p.s == inline.Default() {
				newsFast += fast
				newsBlocks += blocks
			}
		}
	}
	t.Logf("fastBlocks could read %d of the news articles' %d blocks", newsFast, newsBlocks)
	if newsFast*10 < newsBlocks*8 {
		t.Errorf("fastBlocks could read %d of the news articles' %d blocks: fewer than 80%%", newsFast, newsBlocks)
	}
}

// TestFastBlocksMixed checks fastBlocks on documents made of block
// markers and inline pieces at random (a fixed seed): containers, lazy
// lines, setext underlines, tables and definitions around the inline
// syntax the fast path reads.
func TestFastBlocksMixed(t *testing.T) {
	pieces := []string{"a", "b", "Київ", " ", " ", "\n", "\n", "\n\n", "> ", "- ", "1. ", "# ", "  ", "    ",
		"===", "---", "| ", "|---|", ": ", "[r]: /u\n", "*", "**", "_", "[", "![", "]", "](u)", "`", "\\", "!", "(", "www.x.org", "&amp;", "<b>", "~~"}
	r := rand.New(rand.NewPCG(15, 1))
	for range 20000 {
		var b strings.Builder
		for range 1 + r.IntN(24) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		for _, p := range articleParsers {
			sameBlocks(t, p, b.String())
		}
	}
}

// FuzzFastBlocks checks fastBlocks against goldmark's inline loop on any
// document.
func FuzzFastBlocks(f *testing.F) {
	for _, s := range []string{
		"# A *title*\n\nBy [Taras Melnyk](https://www.example.com/a)\n\n> a *quote*\n> on two\n\n- item *one*\n- two\n",
		"Term\n: A *definition*\n\n| a | *b* |\n|---|---|\n| [c](u) | d |\n",
		"A setext *heading*\n===\n  indented\nlazy\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		for _, p := range articleParsers {
			sameBlocks(t, p, src)
		}
	})
}
