package tm

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/l10n-dev/l10n/pipeline/segment"
)

// hugoDocs returns the folder of the real-world corpus (the Hugo
// documentation), which lives beside the repository; the test is skipped
// without it, and fails under CI.
func hugoDocs(t testing.TB) string {
	t.Helper()
	for _, up := range []string{"../../..", "../../../.."} {
		dir := filepath.Join(up, "shared", "corpora", "hugo-docs", "articles")
		if _, err := os.Stat(dir); err == nil {
			return dir
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("the hugo-docs corpus is missing (../shared/corpora/hugo-docs/articles from the repository)")
	}
	t.Skip("the hugo-docs corpus is not beside the repository")
	return ""
}

// corpusUnits returns the units of every article of a folder, in file
// order.
func corpusUnits(t testing.TB, dir string) [][]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no articles in %s: %v", dir, err)
	}
	var out [][]string
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, err := segment.Parse(src)
		if err != nil {
			continue
		}
		var units []string
		for _, u := range d.Units {
			units = append(units, u.Text)
		}
		out = append(out, units)
	}
	return out
}

// TestIndexFindsWhatAScanFinds compares Lookup with a scan that computes
// the edit distance of the query to every source of the memory, on the
// Hugo documentation: units of one half of the pages are the memory;
// units of the other half, and memory units with a word dropped, a word
// changed or a number changed, are the queries. At thresholds 50, 75 and
// 90 the index must return exactly the sources and percentages the scan
// finds: prefix filtering, the length window and the bitmap and count
// filters lose nothing; and a lookup of the best 1 or 3 returns the
// first of those.
func TestIndexFindsWhatAScanFinds(t *testing.T) {
	pages := corpusUnits(t, hugoDocs(t))
	var entries []Entry
	var queries []string
	for i, units := range pages {
		for j, u := range units {
			if i%2 == 0 && len(entries) < 2500 {
				entries = append(entries, Entry{Source: u, Target: "t:" + u, Locale: "uk", Origin: Origin{Slug: fmt.Sprint(i), Unit: fmt.Sprint(j)}})
			} else if i%2 == 1 && i%7 == 1 && len(queries) < 60 {
				queries = append(queries, u)
			}
		}
	}
	for k := 0; k < 90; k++ {
		w := strings.Fields(entries[(k*97)%len(entries)].Source)
		if len(w) < 3 {
			continue
		}
		switch k % 3 {
		case 0:
			w = slices.Delete(w, len(w)/2, len(w)/2+1)
		case 1:
			w[len(w)/3] = "zebra"
		case 2:
			w = append(w, "42")
		}
		queries = append(queries, strings.Join(w, " "))
	}
	m := Build(entries, Options{MinThreshold: 50})
	tk := newTokenizer()
	type scored struct {
		src string
		pct int
	}
	found := 0
	for _, q := range queries {
		// The scan: every source's percentage.
		qt := tk.tokens(q, m.srcFmt)
		ids, unknown := m.queryIDs(qt)
		var rows [2][]int32
		var all []scored
		for src, si := range m.bySource {
			s := &m.sources[si]
			l := int32(max(len(ids), len(s.ids)))
			if l == 0 || len(ids) == 0 {
				continue
			}
			d := m.distance(ids, unknown, s.ids, 1<<30, &rows)
			pct := min(int((10*l-d)*100/(10*l)), 99)
			if src == q {
				pct = 100
			}
			all = append(all, scored{src, pct})
		}
		byText := func(a, b scored) int { return strings.Compare(a.src, b.src) }
		for _, thr := range []int{50, 75, 90} {
			var want []scored
			for _, s := range all {
				if s.pct >= thr {
					want = append(want, s)
				}
			}
			var got []scored
			every := m.Lookup(Query{Source: q, Locale: "uk", Threshold: thr, Limit: -1})
			for _, limit := range []int{1, 3} {
				// A limited lookup stops verifying early: it returns the
				// best of what an unlimited one does.
				want := every[:min(limit, len(every))]
				if got := m.Lookup(Query{Source: q, Locale: "uk", Threshold: thr, Limit: limit}); !reflect.DeepEqual(got, want) {
					t.Errorf("threshold %d, limit %d, query %q:\n got %v\nwant %v", thr, limit, q, got, want)
				}
			}
			for _, mt := range every {
				if mt.Kind == Assembled {
					continue // not in the index: see TestAssembled
				}
				got = append(got, scored{mt.Source, mt.Percent})
			}
			slices.SortFunc(want, byText)
			slices.SortFunc(got, byText)
			got = slices.Compact(got)
			if !slices.Equal(got, want) {
				t.Errorf("threshold %d, query %q:\n got %v\nwant %v", thr, q, got, want)
			}
			found += len(got)
		}
	}
	if found < 100 {
		t.Errorf("only %d matches in all: the test proves little", found)
	}
}

// BenchmarkLookupHugoDocs looks up real text: the memory holds the
// units of every other page of the Hugo documentation (about 7,000
// entries), the queries are the units of the pages between.
func BenchmarkLookupHugoDocs(b *testing.B) {
	pages := corpusUnits(b, hugoDocs(b))
	var entries []Entry
	var queries []string
	for i, units := range pages {
		for _, u := range units {
			if i%2 == 0 {
				entries = append(entries, Entry{Source: u, Target: u, Locale: "uk"})
			} else {
				queries = append(queries, u)
			}
		}
	}
	m := Build(entries, Options{})
	matches := 0
	for b.Loop() {
		matches = 0
		for _, q := range queries {
			matches += len(m.Lookup(Query{Source: q, Locale: "uk"}))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(queries)), "ns/unit")
	b.ReportMetric(float64(matches)/float64(len(queries)), "matches/unit")
	b.ReportMetric(float64(m.Len()), "entries")
}
