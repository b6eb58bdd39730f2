package tm_test

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/l10n-dev/l10n/cmd/l10n-corpus/newsgen"
	"github.com/l10n-dev/l10n/pipeline/pseudo"
	"github.com/l10n-dev/l10n/pipeline/segment"
	"github.com/l10n-dev/l10n/pipeline/tm"
)

// templated returns a memory's entries and queries from generated
// news, whose templated sentences give most queries many close matches:
// uk and ru, some sources translated twice (a match's Count).
func templated(t *testing.T) (entries []tm.Entry, queries []string) {
	t.Helper()
	for i := 0; len(entries) < 4000; i++ {
		slug, src := newsgen.Article(1, i, false)
		d, err := segment.Parse(src)
		if err != nil {
			t.Fatal(err)
		}
		for k := range d.Units {
			e := tm.Entry{Source: d.Units[k].Text, Target: pseudo.Unit(d, k), Locale: "uk", Origin: tm.Origin{Slug: slug, Unit: fmt.Sprint(k)}}
			entries = append(entries, e)
			switch k % 3 {
			case 0:
				e.Locale = "ru"
				entries = append(entries, e)
			case 1:
				e.Origin.Slug += "-copy"
				entries = append(entries, e)
			}
		}
	}
	for i := range 6 {
		_, src := newsgen.Article(2, i, true)
		d, err := segment.Parse(src)
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range d.Units {
			queries = append(queries, u.Text)
		}
	}
	return entries, queries
}

// TestLimitedLookups: a lookup of the best n returns the first n of
// what an unlimited lookup returns, on generated news, whose templated
// sentences give most queries many close matches (where a limited
// lookup stops probing early and verifies the fewest candidates): two
// locales, sources translated twice (a match's Count), with sentences
// paired and without, at several thresholds.
func TestLimitedLookups(t *testing.T) {
	entries, queries := templated(t)
	for _, sentences := range []bool{false, true} {
		m := tm.Build(entries, tm.Options{NoSentences: !sentences, MinThreshold: 60})
		full := 0
		for _, q := range queries {
			for _, thr := range []int{60, 75, 90} {
				every := m.Lookup(tm.Query{Source: q, Locale: "uk", Threshold: thr, Limit: -1})
				if len(every) > 3 {
					full++
				}
				for _, limit := range []int{1, 2, 3} {
					want := every[:min(limit, len(every))]
					if got := m.Lookup(tm.Query{Source: q, Locale: "uk", Threshold: thr, Limit: limit}); !reflect.DeepEqual(got, want) {
						t.Errorf("sentences %v, threshold %d, limit %d, query %q:\n got %v\nwant %v", sentences, thr, limit, q, got, want)
					}
				}
			}
		}
		if full < len(queries)/2 {
			t.Errorf("sentences %v: only %d of %d lookups had more than 3 matches: the limit is hardly tested", sentences, full, 3*len(queries))
		}
	}
}

// TestLookupLocales: a lookup in several locales at once returns what a
// lookup in each does, in locales with entries, without (de), and read
// through another (uk-UA), at several thresholds and limits.
func TestLookupLocales(t *testing.T) {
	entries, queries := templated(t)
	locales := []string{"uk", "ru", "de", "uk-UA"}
	for _, sentences := range []bool{false, true} {
		m := tm.Build(entries, tm.Options{NoSentences: !sentences, MinThreshold: 60})
		for _, q := range queries[:len(queries)/2] {
			for _, thr := range []int{60, 90} {
				for _, limit := range []int{1, 3, -1} {
					q := tm.Query{Source: q, Threshold: thr, Limit: limit}
					got := m.LookupLocales(q, locales)
					for i, l := range locales {
						q.Locale = l
						if want := m.Lookup(q); !reflect.DeepEqual(got[i], want) {
							t.Errorf("sentences %v, threshold %d, limit %d, %s, query %q:\n got %v\nwant %v", sentences, thr, limit, l, q.Source, got[i], want)
						}
					}
				}
			}
		}
	}
}
