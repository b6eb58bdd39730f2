package edition_test

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/l10n-dev/l10n/internal/corpus"
	"github.com/l10n-dev/l10n/pipeline/build"
	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/extract"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// hugoDocs returns the folder of the Hugo documentation corpus's articles
// (shared/corpora/hugo-docs/articles, next to the repository or in a
// folder above it), or skips the test.
func hugoDocs(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		p := filepath.Join(dir, "shared", "corpora", "hugo-docs", "articles")
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			return p
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Skip("no shared/corpora/hugo-docs next to the repository")
		}
		dir = up
	}
}

// TestCorpusIdentityHTML builds every fourth article of the Hugo
// documentation corpus (real-world Markdown with raw HTML, reference
// links and odd URLs) with every unit translated by its own source: the
// URL policy and the sanitizer must leave the HTML edition's article byte
// for byte as the source's (the no-break spaces of each locale's
// typesetting aside) and warn of nothing.
func TestCorpusIdentityHTML(t *testing.T) {
	src := hugoDocs(t)
	names, err := filepath.Glob(filepath.Join(src, "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(names)
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "articles"), 0o755); err != nil {
		t.Fatal(err)
	}
	var slugs []string
	for i := 0; i < len(names); i += 4 {
		data, err := os.ReadFile(names[i])
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, "articles", filepath.Base(names[i])), data, 0o644); err != nil {
			t.Fatal(err)
		}
		slugs = append(slugs, filepath.Base(names[i][:len(names[i])-len(".md")]))
	}
	p, err := project.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := extract.Run(p, extract.Options{Locales: []string{"uk"}}); err != nil {
		t.Fatal(err)
	}
	for _, slug := range slugs {
		read := func(loc string) *catalog.File {
			data, err := os.ReadFile(filepath.Join(root, project.CatalogPath(slug, loc)))
			if err != nil {
				t.Fatal(err)
			}
			f, err := catalog.Parse(data)
			if err != nil {
				t.Fatal(err)
			}
			return f
		}
		en, uk := read("en"), read("uk")
		for i, e := range uk.Entries {
			e.Other = en.Entries[i].Other
		}
		if err := os.WriteFile(filepath.Join(root, project.CatalogPath(slug, "uk")), uk.Encode(nil, nil), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := build.Run(p, build.Options{Locales: []string{"en", "uk"}, Policy: build.PolicyFail})
	if err != nil {
		t.Fatal(err)
	}
	for _, ed := range res.Editions {
		for _, w := range ed.Warnings {
			t.Errorf("%s", w)
		}
	}
	for _, slug := range slugs {
		page := func(loc string) []byte {
			data, err := os.ReadFile(filepath.Join(root, project.EditionPath(slug, loc, ".html")))
			if err != nil {
				t.Fatal(err)
			}
			return data
		}
		if got, want := corpus.Article(page("uk")), corpus.Article(page("en")); !bytes.Equal(got, want) {
			t.Errorf("%s: the identity translation's HTML edition differs from the source's", slug)

		}
	}
	t.Logf("%d articles", len(slugs))
}
