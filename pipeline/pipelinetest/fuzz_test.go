package pipelinetest_test

import (
	"testing"

	"github.com/l10n-dev/l10n/cmd/l10n-corpus/newsgen"
	speccorpus "github.com/l10n-dev/l10n/internal/corpus"
	"github.com/l10n-dev/l10n/pipeline/segment"
	"github.com/yuin/goldmark/ast"
	goldtext "github.com/yuin/goldmark/text"
)

// FuzzPipeline holds the newsroom's invariants on any article that
// segment reads (one it refuses gets a line error, as the CLI's exit 2):
// the source-locale build is the article byte for byte, and its
// pseudo-translation keeps the structure (goldmark's element tree, URLs,
// code and raw HTML), changes only the front matter's translatable
// fields, builds without a warning under the fail policy and passes
// l10n check with nothing reported — the corpus tests' a. to d.
// (pseudoCorpus.check), run through extract, build and check on a
// project of its own. commonmark.js, the corpus tests' e., is left out:
// a process per input. So is an article with raw HTML, whose tags the
// browser's parser (the structure compared) may leave open over the
// Markdown after them (a "<code" that swallows the next paragraph, which
// is prose to goldmark and to l10n).
func FuzzPipeline(f *testing.F) {
	examples, err := speccorpus.All()
	if err != nil {
		f.Fatal(err)
	}
	for i, ex := range examples {
		if i%8 == 0 {
			f.Add(ex.Markdown)
		}
	}
	for i := range 3 {
		_, src := newsgen.Article(1, i, i == 0)
		f.Add(string(src))
	}
	f.Add("---\ntitle: A title\n---\n# Heading\n\nText with [a link](https://x.org) and `code`.\n")
	f.Fuzz(func(t *testing.T, src string) {
		d, err := segment.Parse([]byte(src))
		if err != nil || hasRawHTML(d.Src[d.Body:]) {
			return
		}
		p, docs := corpusProject(t, []speccorpus.Example{{Name: "a", Markdown: src}}, "", "")
		invariants(t, p, docs)
	})
}

// hasRawHTML reports whether goldmark reads raw HTML in a Markdown body.
func hasRawHTML(body []byte) bool {
	found := false
	root := segment.Markdown().Parser().Parse(goldtext.NewReader(body))
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n.(type) {
		case *ast.HTMLBlock, *ast.RawHTML:
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}
