package catalog_test

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/l10n-dev/l10n/cmd/l10n-corpus/newsgen"
	"github.com/l10n-dev/l10n/pipeline/catalog"
)

// The benchmarks read and write the catalogs of a generated corpus (see
// cmd/l10n-corpus): source catalogs with descriptions, pseudo-translated
// catalogs with hashes, stale entries and missing translations. Run them
// with
//
//	go test -run '^$' -bench . -benchmem ./pipeline/catalog/

// benchArticles is the number of generated articles whose catalogs the
// benchmarks read (three catalogs each).
const benchArticles = 20

// corpusCatalogs writes a generated project of n articles and returns the
// contents of its catalogs, in path order.
func corpusCatalogs(tb testing.TB, n int) (paths []string, data [][]byte) {
	tb.Helper()
	dir := tb.TempDir()
	if _, err := newsgen.Write(dir, newsgen.Options{N: n, Seed: 1}); err != nil {
		tb.Fatal(err)
	}
	paths, err := filepath.Glob(filepath.Join(dir, "locales", "*", "*.yaml"))
	if err != nil {
		tb.Fatal(err)
	}
	sort.Strings(paths)
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		data = append(data, b)
	}
	return paths, data
}

func totalSize(data [][]byte) int64 {
	var n int64
	for _, d := range data {
		n += int64(len(d))
	}
	return n
}

// BenchmarkParse parses every catalog of the corpus.
func BenchmarkParse(b *testing.B) {
	_, data := corpusCatalogs(b, benchArticles)
	b.SetBytes(totalSize(data))
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range data {
			if _, err := catalog.Parse(d); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(data)), "ns/catalog")
}

// BenchmarkScanLines reads every catalog of the corpus for its lines and
// characters alone, as Parse does first.
func BenchmarkScanLines(b *testing.B) {
	_, data := corpusCatalogs(b, benchArticles)
	texts := make([]string, len(data))
	for i, d := range data {
		texts[i] = string(d)
	}
	b.SetBytes(totalSize(data))
	for b.Loop() {
		for _, s := range texts {
			if _, valid, _ := catalog.ScanLines(s); !valid {
				b.Fatal("not valid UTF-8")
			}
		}
	}
}

// BenchmarkEncode writes every catalog of the corpus again, with one
// generated note per entry, as extract does.
func BenchmarkEncode(b *testing.B) {
	_, data := corpusCatalogs(b, benchArticles)
	var files []*catalog.File
	for _, d := range data {
		f, err := catalog.Parse(d)
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, f)
	}
	notes := func(e *catalog.Entry) []string { return []string{"en: " + e.ID} }
	b.SetBytes(totalSize(data))
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			f.Encode([]string{"header"}, notes)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(files)), "ns/catalog")
}
