package pipelinetest_test

import (
	"testing"

	"github.com/l10n-dev/l10n/cmd/l10n-corpus/newsgen"
	"github.com/l10n-dev/l10n/pipeline/build"
	"github.com/l10n-dev/l10n/pipeline/extract"
	"github.com/l10n-dev/l10n/pipeline/lint"
	"github.com/l10n-dev/l10n/pipeline/project"
	"github.com/l10n-dev/l10n/pipeline/segment"
)

// The benchmarks run on a small corpus of generated news articles (see
// cmd/l10n-corpus); compare.sh in bench/ times whole commands on large
// ones. Run them with
//
//	go test -run '^$' -bench . -benchmem ./pipeline/

// benchArticles is the size of the benchmark corpus: enough articles
// for the worker pool (internal/pool) to be in play, few enough to
// generate in a second.
const benchArticles = 40

// newsCorpus writes a generated project and opens it.
func newsCorpus(b *testing.B) *project.Project {
	b.Helper()
	dir := b.TempDir()
	if _, err := newsgen.Write(dir, newsgen.Options{N: benchArticles, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	p, err := project.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	return p
}

// perArticle reports the time per article of a benchmark over the corpus.
func perArticle(b *testing.B) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchArticles), "ns/article")
}

// BenchmarkSegment segments one article.
func BenchmarkSegment(b *testing.B) {
	_, src := newsgen.Article(1, 0, true)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := segment.Parse(src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExtract extracts every article of the corpus into its three
// catalogs; they are up to date, so nothing is written.
func BenchmarkExtract(b *testing.B) {
	p := newsCorpus(b)
	b.ReportAllocs()
	for b.Loop() {
		res, err := extract.Run(p, extract.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Written) > 0 {
			b.Fatalf("extract wrote %v", res.Written)
		}
	}
	perArticle(b)
}

// BenchmarkCheck runs every check family over the uk and ru catalogs of
// every article.
func BenchmarkCheck(b *testing.B) {
	p := newsCorpus(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := lint.Run(p, lint.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	perArticle(b)
}

// BenchmarkBuild builds the uk and ru editions of every article, all of
// them (Force), as a first build does.
func BenchmarkBuild(b *testing.B) {
	p := newsCorpus(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := build.Run(p, build.Options{Locales: []string{"uk", "ru"}, Force: true}); err != nil {
			b.Fatal(err)
		}
	}
	perArticle(b)
}

// BenchmarkBuildUnchanged builds the editions of every article again when
// nothing changed: each is reused after comparing its inputs' stamps.
func BenchmarkBuildUnchanged(b *testing.B) {
	p := newsCorpus(b)
	if _, err := build.Run(p, build.Options{}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		res, err := build.Run(p, build.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if res.Reused != len(res.Editions) {
			b.Fatalf("reused %d of %d editions", res.Reused, len(res.Editions))
		}
	}
	perArticle(b)
}

// BenchmarkCheckSeed runs every check family over the seed article's
// human translations, whose words (unlike the generated corpus's
// pseudo-translations) go through the glossary and spelling checks.
func BenchmarkCheckSeed(b *testing.B) {
	p := seedProject(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := lint.Run(p, lint.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
