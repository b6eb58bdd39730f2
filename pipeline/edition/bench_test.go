package edition_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/l10n-dev/l10n/cmd/l10n-corpus/newsgen"
	"github.com/l10n-dev/l10n/pipeline/build"
	"github.com/l10n-dev/l10n/pipeline/edition"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// benchEditions is how many generated articles the benchmarks render, in
// each of their three locales.
const benchEditions = 12

// benchPage is a Markdown edition as build wrote it, to render again.
type benchPage struct {
	lang, title string
	md          []byte
}

// generatedEditions writes a generated news project (cmd/l10n-corpus),
// builds it and returns its Markdown editions in en, uk and ru: the
// text, marks aside, that build gives edition.HTML.
func generatedEditions(b *testing.B) []benchPage {
	b.Helper()
	dir := b.TempDir()
	if _, err := newsgen.Write(dir, newsgen.Options{N: benchEditions, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	p, err := project.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	res, err := build.Run(p, build.Options{})
	if err != nil {
		b.Fatal(err)
	}
	var pages []benchPage
	for _, ed := range res.Editions {
		md, err := os.ReadFile(filepath.Join(dir, project.EditionPath(ed.Article, ed.Locale, ".md")))
		if err != nil {
			b.Fatal(err)
		}
		if _, body, ok := strings.Cut(string(md), "\n---\n"); ok && strings.HasPrefix(string(md), "---\n") {
			md = []byte(body) // the page holds the body only
		}
		pages = append(pages, benchPage{ed.Locale, ed.Title, md})
	}
	return pages
}

// BenchmarkHTML renders the HTML page of each edition of a few generated
// articles: parse, URL policy, typesetting, template and render.
func BenchmarkHTML(b *testing.B) {
	pages := generatedEditions(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, pg := range pages {
			if _, err := edition.HTML(edition.Page{Lang: pg.lang, Title: pg.title, Markdown: pg.md,
				Alternates: []edition.Alternate{{Locale: "en", Href: "../en/a.html", Source: true}, {Locale: "uk", Href: "../uk/a.html"}, {Locale: "ru", Href: "../ru/a.html"}},
				URL:        "https://example.org/" + pg.lang + "/a.html"}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(pages)), "ns/page")
}

// BenchmarkTypeset finds the no-break spaces of each edition's whole
// text, in its locale: the typesetter's rules alone.
func BenchmarkTypeset(b *testing.B) {
	pages := generatedEditions(b)
	var n int64
	for _, pg := range pages {
		n += int64(len(pg.md))
	}
	b.SetBytes(n)
	for b.Loop() {
		for _, pg := range pages {
			edition.TypesetRules(pg.lang, pg.md)
		}
	}
}
