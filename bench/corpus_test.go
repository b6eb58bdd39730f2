// Package bench holds the benchmarks of whole commands on a corpus on
// disk, for profiling: see README.md. compare.sh times the commands
// themselves against their peers.
package bench

import (
	"bytes"
	"os"
	"slices"
	"testing"

	"github.com/l10n-dev/l10n/pipeline/build"
	"github.com/l10n-dev/l10n/pipeline/check"
	"github.com/l10n-dev/l10n/pipeline/extract"
	"github.com/l10n-dev/l10n/pipeline/lint"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// corpus opens the project named by L10N_BENCH_CORPUS (a corpus that
// cmd/l10n-corpus wrote), or skips the benchmark when it is not set.
func corpus(b *testing.B) *project.Project {
	b.Helper()
	dir := os.Getenv("L10N_BENCH_CORPUS")
	if dir == "" {
		b.Skip("L10N_BENCH_CORPUS names no corpus (see bench/README.md)")
	}
	p, err := project.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	return p
}

// cold removes a command's records (project.RecordsPath) with the timer
// stopped, so that the next run does all of its work.
func cold(b *testing.B, p *project.Project, name string) {
	b.StopTimer()
	if err := os.RemoveAll(p.Abs(project.RecordsPath(name, project.Shard{}))); err != nil {
		b.Fatal(err)
	}
	b.StartTimer()
}

// BenchmarkCorpusExtract extracts every article of the corpus, whose
// catalogs are up to date, without its records nor the translation
// memory's cache: it must write nothing.
func BenchmarkCorpusExtract(b *testing.B) {
	p := corpus(b)
	for b.Loop() {
		cold(b, p, "extract")
		cold(b, p, "memory") // the translation memory's cache
		res, err := extract.Run(p, extract.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Written) > 0 {
			b.Fatalf("extract wrote %d catalogs of an up-to-date corpus", len(res.Written))
		}
	}
}

// BenchmarkCorpusCheck checks every catalog of the corpus with every
// check family; it must go through every article, and reports its
// findings per run (the generated news corpus has missing and stale
// units; a corpus of copies, l10n-corpus -copies-of, is as clean as the
// project it copies).
func BenchmarkCorpusCheck(b *testing.B) {
	p := corpus(b)
	defer func() { p.Progress = nil }()
	for b.Loop() {
		cold(b, p, "check")
		n, done, total := 0, 0, 0
		count := func(check.Finding) error { n++; return nil }
		p.Progress = func(i, of int) { done, total = i, of }
		if _, err := lint.Run(p, lint.Options{Emit: count}); err != nil {
			b.Fatal(err)
		}
		if done == 0 || done != total {
			b.Fatalf("check went through %d of %d articles", done, total)
		}
		b.ReportMetric(float64(n), "findings/op")
	}
}

// BenchmarkCorpusBuild builds every edition of the corpus, all of them
// (Force), as a cold build does.
func BenchmarkCorpusBuild(b *testing.B) {
	p := corpus(b)
	for b.Loop() {
		res, err := build.Run(p, build.Options{Force: true})
		if err != nil {
			b.Fatal(err)
		}
		if res.Reused > 0 {
			b.Fatalf("a forced build reused %d editions", res.Reused)
		}
	}
}

// unchanged runs extract, check and build as the command line does on a
// project that did not change since their last run: each must find its
// records and do nothing.
func unchanged(b *testing.B, p *project.Project) {
	b.Helper()
	res, err := extract.Run(p, extract.Options{})
	if err != nil {
		b.Fatal(err)
	}
	if len(res.Written) > 0 {
		b.Fatalf("extract wrote %d catalogs", len(res.Written))
	}
	checkAll(b, p)
	bres, err := build.Run(p, build.Options{})
	if err != nil {
		b.Fatal(err)
	}
	if bres.Reused != len(bres.Editions) {
		b.Fatalf("build made %d editions of an unchanged corpus", len(bres.Editions)-bres.Reused)
	}
}

// checkAll runs check over the corpus, as the command line does, and
// fails if it found nothing: the generated news corpus has findings.
func checkAll(b *testing.B, p *project.Project) {
	b.Helper()
	n := 0
	if _, err := lint.Run(p, lint.Options{Emit: func(check.Finding) error { n++; return nil }}); err != nil {
		b.Fatal(err)
	}
	if n == 0 {
		b.Fatal("check found nothing in the corpus")
	}
}

// BenchmarkCorpusUnchanged is "nothing changed costs nothing": extract,
// check and build on a corpus where nothing changed since they last ran
// (one untimed run first writes their records). compare.sh times the
// same with the commands themselves, against a cold run.
func BenchmarkCorpusUnchanged(b *testing.B) {
	p := corpus(b)
	b.StopTimer()
	if _, err := extract.Run(p, extract.Options{}); err != nil {
		b.Fatal(err)
	}
	if _, err := lint.Run(p, lint.Options{Emit: func(check.Finding) error { return nil }}); err != nil {
		b.Fatal(err)
	}
	if _, err := build.Run(p, build.Options{}); err != nil {
		b.Fatal(err)
	}
	b.StartTimer()
	for b.Loop() {
		unchanged(b, p)
	}
}

// BenchmarkCorpusWarm runs each of extract, check and build alone on a
// corpus where nothing changed since its last run (one untimed run
// first writes the records), so that a profile shows one command's
// warm path without any cold work in it.
func BenchmarkCorpusWarm(b *testing.B) {
	p := corpus(b)
	warm := false // whether the records are there: the setup run only writes them
	commands := []struct {
		name string
		run  func(b *testing.B)
	}{
		{"extract", func(b *testing.B) {
			res, err := extract.Run(p, extract.Options{})
			if err != nil {
				b.Fatal(err)
			}
			if warm && len(res.Written) > 0 {
				b.Fatalf("extract wrote %d catalogs", len(res.Written))
			}
		}},
		{"check", func(b *testing.B) { checkAll(b, p) }},
		{"build", func(b *testing.B) {
			res, err := build.Run(p, build.Options{})
			if err != nil {
				b.Fatal(err)
			}
			if warm && res.Reused != len(res.Editions) {
				b.Fatalf("build made %d editions of an unchanged corpus", len(res.Editions)-res.Reused)
			}
		}},
	}
	for _, c := range commands {
		b.Run(c.name, func(b *testing.B) {
			warm = false
			c.run(b) // the records, if a run before left none (b.Loop resets the timer)
			warm = true
			for b.Loop() {
				c.run(b)
			}
		})
	}
}

// BenchmarkCorpusParagraph is "one article changed" for extract: a
// paragraph appended to one article of the corpus (the edit compare.sh
// makes), then extract, which looks the new unit up in the translation
// memory of every other catalog. The article and its catalogs are put
// back after each run, with the timer stopped; one untimed run first
// writes extract's records, so that every other article is skipped.
func BenchmarkCorpusParagraph(b *testing.B) {
	p := corpus(b)
	slug, rels := middle(b, p)
	saved, restore := keep(b, p, rels)
	defer restore()
	edit := func() { appendParagraph(b, p, rels[0], saved[rels[0]]) }
	if _, err := extract.Run(p, extract.Options{}); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		b.StopTimer()
		restore()
		edit()
		b.StartTimer()
		res, err := extract.Run(p, extract.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Written) != len(rels)-1 {
			b.Fatalf("extract wrote %d catalogs, want the %d of %s", len(res.Written), len(rels)-1, slug)
		}
	}
}

// middle returns the corpus's middle article and its files: the article,
// its source catalog, then its catalog in each target locale.
func middle(b *testing.B, p *project.Project) (string, []string) {
	slugs, err := p.Articles()
	if err != nil {
		b.Fatal(err)
	}
	slug := slugs[(len(slugs)-1)/2]
	rels := []string{project.ArticlePath(slug), project.CatalogPath(slug, p.Source)}
	for _, loc := range p.Locales {
		if loc != p.Source {
			rels = append(rels, project.CatalogPath(slug, loc))
		}
	}
	return slug, rels
}

// appendParagraph writes the article at rel as was, with a paragraph
// appended: the edit compare.sh makes.
func appendParagraph(b *testing.B, p *project.Project, rel string, was []byte) {
	data := append(slices.Clip(was), "\nA paragraph an editor added to this article after it was translated.\n"...)
	if err := os.WriteFile(p.Abs(rel), data, 0o644); err != nil {
		b.Fatal(err)
	}
}

// keep reads the project's files rels, and returns their contents by
// path and a function that writes them back as they were.
func keep(b *testing.B, p *project.Project, rels []string) (map[string][]byte, func()) {
	saved := map[string][]byte{}
	for _, rel := range rels {
		data, err := os.ReadFile(p.Abs(rel))
		if err != nil {
			b.Fatal(err)
		}
		saved[rel] = data
	}
	return saved, func() {
		for _, rel := range rels {
			if err := os.WriteFile(p.Abs(rel), saved[rel], 0o644); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkCorpusMemoryChanged is compare.sh's "one article changed" as
// compare.sh meets it: one translation of another article's catalog
// changed (which gives the translation memory another key) and a
// paragraph appended to one article, then extract, whose new unit is
// looked up in the memory. Before each run the files and out/.cache are
// put back as an untimed first run left them, with the timer stopped.
func BenchmarkCorpusMemoryChanged(b *testing.B) {
	p := corpus(b)
	slugs, err := p.Articles()
	if err != nil {
		b.Fatal(err)
	}
	slug, other := slugs[(len(slugs)-1)/2], slugs[len(slugs)/4]
	rels := []string{project.ArticlePath(slug), project.CatalogPath(other, "uk"), project.CatalogPath(slug, p.Source)}
	for _, loc := range p.Locales {
		if loc != p.Source {
			rels = append(rels, project.CatalogPath(slug, loc))
		}
	}
	saved, restore := keep(b, p, rels)
	defer restore()
	cache := p.Abs(project.CacheDir)
	if _, err := extract.Run(p, extract.Options{}); err != nil {
		b.Fatal(err)
	}
	kept := b.TempDir()
	if err := os.CopyFS(kept, os.DirFS(cache)); err != nil {
		b.Fatal(err)
	}
	uk := saved[project.CatalogPath(other, "uk")]
	i := bytes.Index(uk, []byte("\n  other: "))
	j := i + bytes.IndexByte(uk[i+1:], '\n') + 1
	if i < 0 || j <= i {
		b.Fatalf("%s has no translation", project.CatalogPath(other, "uk"))
	}
	for b.Loop() {
		b.StopTimer()
		restore()
		if err := os.RemoveAll(cache); err != nil {
			b.Fatal(err)
		}
		if err := os.CopyFS(cache, os.DirFS(kept)); err != nil {
			b.Fatal(err)
		}
		changed := append(append(slices.Clip(uk[:j]), " (ред.)"...), uk[j:]...)
		if err := os.WriteFile(p.Abs(project.CatalogPath(other, "uk")), changed, 0o644); err != nil {
			b.Fatal(err)
		}
		appendParagraph(b, p, rels[0], saved[rels[0]])
		b.StartTimer()
		if _, err := extract.Run(p, extract.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCorpusOneChanged is "one article changed" for check and build
// in process: a paragraph appended to one article, or taken away again,
// and extract run on it with the timer stopped; then the command, which
// finds every other article's record and does that article's work. It
// leaves out process start (some 17 ms on this machine), so that what it
// times against BenchmarkCorpusCheck and BenchmarkCorpusBuild is the
// command's own work, which is what the target weighs.
func BenchmarkCorpusOneChanged(b *testing.B) {
	p := corpus(b)
	_, rels := middle(b, p)
	saved, restore := keep(b, p, rels)
	defer restore()
	edited := false
	warm := false // whether the records are there: the setup run only writes them
	flip := func(b *testing.B) {
		b.StopTimer()
		defer b.StartTimer()
		if edited {
			restore()
		} else {
			appendParagraph(b, p, rels[0], saved[rels[0]])
		}
		edited = !edited
		if _, err := extract.Run(p, extract.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	commands := []struct {
		name string
		run  func(b *testing.B)
	}{
		{"check", func(b *testing.B) { checkAll(b, p) }},
		{"build", func(b *testing.B) {
			res, err := build.Run(p, build.Options{})
			if err != nil {
				b.Fatal(err)
			}
			if built := len(res.Editions) - res.Reused; warm && (built == 0 || built > 1+len(p.Locales)) {
				b.Fatalf("build made %d editions after one article changed", built)
			}
		}},
	}
	for _, c := range commands {
		b.Run(c.name, func(b *testing.B) {
			warm = false
			flip(b)
			c.run(b) // the records of every other article, if a run before left none
			warm = true
			for b.Loop() {
				flip(b)
				c.run(b)
			}
		})
	}
}
