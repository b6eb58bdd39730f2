package pipelinetest_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	speccorpus "github.com/l10n-dev/l10n/internal/corpus"
	"github.com/l10n-dev/l10n/pipeline/build"
	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/extract"
	"github.com/l10n-dev/l10n/pipeline/project"
	"github.com/l10n-dev/l10n/pipeline/segment"
)

// specProject writes every CommonMark and GFM example as an article of a
// new project and returns the project with the examples by slug.
func specProject(t *testing.T) (*project.Project, map[string]string) {
	t.Helper()
	all, err := speccorpus.All()
	if err != nil {
		t.Fatal(err)
	}
	return corpusProject(t, all, "", "")
}

// render renders Markdown as HTML, marking each code span with the class
// mdCode so that shape can tell it from raw HTML's <code>.
func render(t *testing.T, src []byte) string {
	t.Helper()
	var b bytes.Buffer
	md := segment.Markdown(goldmark.WithRendererOptions(html.WithUnsafe()),
		goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(markCode{}, 0))))
	if err := md.Convert(src, &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

const mdCode = "l10n-md-code"

// markCode gives every code span the class mdCode.
type markCode struct{}

func (markCode) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && n.Kind() == ast.KindCodeSpan {
			n.SetAttributeString("class", []byte(mdCode))
		}
		return ast.WalkContinue, nil
	})
}

var spaces = regexp.MustCompile(`\s+`)

// TestSpecExamples runs every CommonMark 0.31.2 spec example and GFM
// extension example through the pipeline as an article: an identity
// translation (every unit translated by its own text) renders to the same
// HTML, and the pseudo-locale passes everything pseudoCorpus.check
// asserts (the source build byte-identical, check clean, the same
// structure, every run of prose changed, by goldmark and commonmark.js).
func TestSpecExamples(t *testing.T) {
	t.Parallel()
	p, examples := specProject(t)
	if len(examples) != 652+40-len(speccorpus.Refused) {
		t.Fatalf("only %d examples", len(examples))
	}
	if _, err := extract.Run(p, extract.Options{Locales: []string{"uk"}}); err != nil {
		t.Fatal(err)
	}
	// Identity translation: every unit translated by its own source.
	for slug := range examples {
		en := readCatalog(t, filepath.Join(p.Root, project.CatalogPath(slug, "en")))
		rel := filepath.Join(p.Root, project.CatalogPath(slug, "uk"))
		uk := readCatalog(t, rel)
		for i, e := range uk.Entries {
			e.Other = en.Entries[i].Other
		}
		if err := os.WriteFile(rel, uk.Encode(nil, nil), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := build.Run(p, build.Options{Locales: []string{"en", "uk"}, Policy: build.PolicyFail})
	if err != nil {
		t.Fatal(err)
	}
	for _, ed := range res.Editions {
		if len(ed.Warnings) > 0 {
			t.Errorf("%s (%s): %q", ed.Article, ed.Locale, ed.Warnings)
		}
	}
	for slug, src := range examples {
		read := func(loc, ext string) []byte {
			b, err := os.ReadFile(filepath.Join(p.Root, project.EditionPath(slug, loc, ext)))
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
		// The URL policy and the sanitizer leave the translation's HTML
		// as the source's, byte for byte (the locales' typesetting and
		// labels aside).
		if got, want := speccorpus.Article(read("uk", ".html")), speccorpus.Article(read("en", ".html")); !bytes.Equal(got, want) {
			t.Errorf("%s: identity translation's HTML edition differs from the source's:\n got %q\nwant %q", slug, got, want)
		}
		want := render(t, []byte(src))
		if got := render(t, read("uk", ".md")); spaces.ReplaceAllString(got, " ") != spaces.ReplaceAllString(want, " ") {
			t.Errorf("%s: identity translation renders differently:\n got %q\nwant %q", slug, got, want)
		}
	}
	pseudoCorpus{exceptions: map[string]string{
		"gfm--table--7": "GFM drops a row's cells beyond the header's (no reader sees \"boo\"), so they are no unit; commonmark.js has no tables and reads them as text",
	}}.check(t, p, examples)
}

func readCatalog(t *testing.T, path string) *catalog.File {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := catalog.Parse(data)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return f
}

// shape describes an HTML fragment without its prose: the element tree,
// every attribute but alt and an empty title, the text of code (code
// spans, marked by render, and code blocks, <pre><code>), script and
// style elements, and comments. (Text in a raw <pre> can be a Markdown
// paragraph, and text after a raw <code> tag Markdown prose, which are
// prose. An empty title is no title to a reader; goldmark gives a link
// one where a reference definition's title is followed by more text on
// its line (a line "[foo]:0", then two apostrophes and "[foo]"), where
// CommonMark gives none, and not once that text is translated.)
func shape(t *testing.T, s string) string {
	t.Helper()
	nodes, err := xhtml.ParseFragment(strings.NewReader(s), &xhtml.Node{Type: xhtml.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func(n *xhtml.Node, code bool)
	walk = func(n *xhtml.Node, code bool) {
		switch n.Type {
		case xhtml.ElementNode:
			fmt.Fprintf(&b, "<%s", n.Data)
			for _, a := range n.Attr {
				if a.Key != "alt" && (a.Key != "title" || a.Val != "") {
					fmt.Fprintf(&b, " %s=%q", a.Key, a.Val)
				}
			}
			b.WriteString(">")
			isCode := n.Data == "script" || n.Data == "style" ||
				n.Data == "code" && (n.Parent != nil && n.Parent.Data == "pre" || hasClass(n, mdCode))
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c, code || isCode)
			}
			fmt.Fprintf(&b, "</%s>", n.Data)
		case xhtml.TextNode:
			if code {
				fmt.Fprintf(&b, "%q", n.Data)
			}
		case xhtml.CommentNode:
			fmt.Fprintf(&b, "<!--%s-->", n.Data)
		}
	}
	for _, n := range nodes {
		walk(n, false)
	}
	return b.String()
}

func hasClass(n *xhtml.Node, class string) bool {
	for _, a := range n.Attr {
		if a.Key == "class" && a.Val == class {
			return true
		}
	}
	return false
}
