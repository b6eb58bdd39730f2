package tm_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/l10n-dev/l10n/cmd/l10n-corpus/newsgen"
	"github.com/l10n-dev/l10n/pipeline/project"
	"github.com/l10n-dev/l10n/pipeline/pseudo"
	"github.com/l10n-dev/l10n/pipeline/segment"
	"github.com/l10n-dev/l10n/pipeline/tm"
)

// The benchmarks run on generated news articles (cmd/l10n-corpus's
// newsgen, the corpus bench/compare.sh uses): the memory holds the units
// of the first articles of seed 1 with pseudo-translations in uk, as
// many as a size asks for; the queries are the units of 20 articles of
// seed 2, which the memory does not hold but whose wire-story sentences
// it shares, as a newsroom's follow-up stories do. Both report the
// process's CPU time per entry or unit (cpu-ns/…, garbage collection
// included) beside the wall time, which other work on the machine's
// cores inflates. Run them with
//
//	go test -run '^$' -bench . -benchmem ./pipeline/tm/

var sizes = []int{10_000, 100_000}

var (
	corpusOnce sync.Once
	corpus     []tm.Entry // enough entries for the largest size
	queries    []string
)

func benchCorpus(b *testing.B) {
	b.Helper()
	corpusOnce.Do(func() {
		largest := sizes[len(sizes)-1]
		for i := 0; len(corpus) < largest; i++ {
			slug, src := newsgen.Article(1, i, false)
			d, err := segment.Parse(src)
			if err != nil {
				panic(err)
			}
			for k := range d.Units {
				corpus = append(corpus, tm.Entry{Source: d.Units[k].Text, Target: pseudo.Unit(d, k), Locale: "uk",
					Origin: tm.Origin{Slug: slug, Unit: fmt.Sprint(k)}})
			}
		}
		for i := 0; i < 20; i++ {
			_, src := newsgen.Article(2, i, true)
			d, err := segment.Parse(src)
			if err != nil {
				panic(err)
			}
			for _, u := range d.Units {
				queries = append(queries, u.Text)
			}
		}
	})
}

// BenchmarkBuild indexes memories of 10,000 and 100,000 entries.
//
// Each runs with the units alone (sentences=false, what the memory held
// before it paired sentences) and with their sentence pairs.
func BenchmarkBuild(b *testing.B) {
	benchCorpus(b)
	for _, n := range sizes {
		for _, sent := range []bool{false, true} {
			b.Run(fmt.Sprintf("entries=%d/sentences=%v", n, sent), func(b *testing.B) {
				cpu := cpuTime()
				for b.Loop() {
					tm.Build(corpus[:n], tm.Options{NoSentences: !sent})
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/entry")
				b.ReportMetric(float64((cpuTime()-cpu).Nanoseconds())/float64(b.N*n), "cpu-ns/entry")
			})
		}
	}
}

// BenchmarkLookup looks up every query unit (exact and fuzzy matches at
// the default threshold, adaptation included) in memories of 10,000 and
// 100,000 entries, and reports the cost per unit and the matches found
// per unit.
func BenchmarkLookup(b *testing.B) {
	benchCorpus(b)
	for _, n := range sizes {
		for _, sent := range []bool{false, true} {
			m := tm.Build(corpus[:n], tm.Options{NoSentences: !sent})
			b.Run(fmt.Sprintf("entries=%d/sentences=%v", n, sent), func(b *testing.B) {
				matches := 0
				cpu := cpuTime()
				for b.Loop() {
					matches = 0
					for _, q := range queries {
						matches += len(m.Lookup(tm.Query{Source: q, Locale: "uk"}))
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(queries)), "ns/unit")
				b.ReportMetric(float64((cpuTime()-cpu).Nanoseconds())/float64(b.N*len(queries)), "cpu-ns/unit")
				b.ReportMetric(float64(matches)/float64(len(queries)), "matches/unit")
			})
		}
	}
}

// BenchmarkExact looks up every query unit for exact matches only, what
// extract does first for each missing unit.
func BenchmarkExact(b *testing.B) {
	benchCorpus(b)
	m := tm.Build(corpus[:sizes[len(sizes)-1]], tm.Options{})
	for b.Loop() {
		for _, q := range queries {
			m.Exact("uk", q)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(queries)), "ns/unit")
}

// BenchmarkDecode decodes stored memories of 10,000 and 100,000 entries
// with their sentence pairs (extract's cache, which a run that finds a
// translation changed reads whole before it replaces that folder), and
// reports the cost per entry.
func BenchmarkDecode(b *testing.B) {
	benchCorpus(b)
	for _, n := range sizes {
		e := &project.RecordEncoder{}
		tm.Build(corpus[:n], tm.Options{}).Encode(e)
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			cpu := cpuTime()
			for b.Loop() {
				if _, err := tm.Decode(project.NewRecordDecoder(e.B)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/entry")
			b.ReportMetric(float64((cpuTime()-cpu).Nanoseconds())/float64(b.N*n), "cpu-ns/entry")
		})
	}
}

// BenchmarkMayTouch asks a memory of one article's units (the folder a
// translator changed, as extract's delta holds it) whether it may touch
// each query unit: what extract asks of every article with units to
// translate once a translation changed elsewhere.
func BenchmarkMayTouch(b *testing.B) {
	benchCorpus(b)
	delta := tm.Build(corpus[:40], tm.Options{})
	base := tm.Build(corpus[:10_000], tm.Options{})
	keys := make([]string, len(queries))
	for i, q := range queries {
		base.Lookup(tm.Query{Source: q, Locale: "uk", Keys: &keys[i]})
	}
	may := 0
	for b.Loop() {
		may = 0
		for _, k := range keys {
			if delta.MayTouch(k, 75) {
				may++
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(keys)), "ns/query")
	b.ReportMetric(float64(may)/float64(len(keys)), "may/query")
}
