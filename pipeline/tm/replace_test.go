package tm

import (
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/l10n-dev/l10n/pipeline/numfmt"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// withSlug returns copies of the unit entries of es from one folder as
// another folder's.
func withSlug(es []Entry, from, to string) []Entry {
	var out []Entry
	for _, e := range es {
		if e.Kind == Unit && e.Origin.Slug == from {
			e.Origin.Slug = to
			out = append(out, e)
		}
	}
	return out
}

// replaced returns es with the units of the folders slugs replaced by
// units, in Build's order: folders by slug, then the imported entries.
func replaced(es []Entry, slugs []string, units []Entry) []Entry {
	var out []Entry
	for _, e := range es {
		if e.Kind == Imported || !slices.Contains(slugs, e.Origin.Slug) {
			out = append(out, e)
		}
	}
	out = append(out, units...)
	slices.SortStableFunc(out, func(a, b Entry) int {
		if (a.Kind == Imported) != (b.Kind == Imported) {
			if a.Kind == Imported {
				return 1
			}
			return -1
		}
		if a.Kind == Imported {
			return 0
		}
		return strings.Compare(a.Origin.Slug, b.Origin.Slug)
	})
	return out
}

// ratiosOf returns the length ratio of each locale of Build's entries
// (see lengthRatio).
func ratiosOf(es []Entry) map[string]float64 {
	lens := map[string][]float64{}
	for i := range es {
		if e := &es[i]; e.Kind == Unit && !e.Reused {
			lens[e.Locale] = append(lens[e.Locale], unitRatio(e))
		}
	}
	out := map[string]float64{}
	for loc, r := range lens {
		out[loc] = lengthRatio(r, baseOf(numfmt.Of(loc)))
	}
	return out
}

// extremes returns two units of a new folder per locale of es's units
// in folder from: one far shorter than its source, one far longer, so
// that the locales' length ratios stay as they are.
func extremes(es []Entry, from, to string) []Entry {
	var out []Entry
	seen := map[string]bool{}
	for _, e := range withSlug(es, from, to) {
		if seen[e.Locale] || e.Reused {
			continue
		}
		seen[e.Locale] = true
		short, long := e, e
		short.Target = strings.Fields(e.Target)[0]
		long.Origin.Unit += "-long"
		long.Source += " Kyiv said so."
		long.Target = strings.Repeat(e.Target+" ", 4) + "Київ так сказав."
		out = append(out, short, long)
	}
	return out
}

// TestReplaceIsBuild: a decoded memory whose folders Replace changes
// holds the entries, answers every lookup and encodes to a memory that
// answers as the memory Build makes of the entries as they are now; a
// lookup that the entries that went and came do not touch is answered
// as before; a change that moves a locale's length ratio is refused.
func TestReplaceIsBuild(t *testing.T) {
	es := storeEntries(t)
	queries := storeQueries(es)
	second := withSlug(es, "second", "second")
	edited := slices.Clone(second)
	edited[1].Target += " (ред.)"
	// A source changed with its translation, one that another unit
	// has too, and one that nobody has: each unit where it was.
	resourced := slices.Clone(edited)
	resourced[2].Source, resourced[2].Target = resourced[0].Source, resourced[0].Target
	resourced[3].Source += " Nobody said so."
	for _, c := range []struct {
		name  string
		slugs []string
		units []Entry
		ok    bool
	}{
		{"a translation changed", []string{"second"}, edited, true},
		{"sources changed", []string{"second"}, resourced, true},
		{"sources changed and a folder added", []string{"a-new", "second"}, append(extremes(es, seedSlug, "a-new"), resourced...), true},
		{"a unit gone", []string{"second"}, slices.Delete(slices.Clone(second), 4, 5), false},
		{"a folder added first", []string{"a-new"}, extremes(es, seedSlug, "a-new"), true},
		{"a folder added between", []string{"third"}, extremes(es, seedSlug, "third"), true},
		{"a folder deleted", []string{"second"}, nil, false},
		{"two folders", []string{"a-new", "second"}, append(extremes(es, seedSlug, "a-new"), edited...), true},
		{"nothing", nil, nil, true},
		{"every translation longer", []string{"second"}, func() []Entry {
			out := slices.Clone(second)
			for i := range out {
				out[i].Target = strings.Repeat(out[i].Target+" ", 3)
			}
			return out
		}(), false},
	} {
		for _, opts := range []Options{{}, {NoSentences: true, MinThreshold: 50}} {
			t.Run(c.name, func(t *testing.T) {
				before := Build(es, opts)
				m, err := Decode(project.NewRecordDecoder(encode(before)))
				if err != nil {
					t.Fatal(err)
				}
				array := &m.entries[0]
				delta, ok := m.Replace(c.slugs, c.units, opts)
				after := replaced(es, c.slugs, c.units)
				// Folders of as many entries as before are replaced
				// in place.
				counts := func(es []Entry) map[string]int {
					n := map[string]int{}
					for _, e := range es {
						n[e.Origin.Slug]++
					}
					return n
				}
				if ok && len(m.entries) > 0 && (&m.entries[0] == array) != maps.Equal(counts(es), counts(after)) {
					t.Fatalf("entries replaced in place: %v, with every folder's count kept: %v", &m.entries[0] == array, maps.Equal(counts(es), counts(after)))
				}
				same := maps.Equal(ratiosOf(es), ratiosOf(after))
				if same != c.ok {
					t.Fatalf("the case keeps the length ratios: %v, want %v", same, c.ok)
				}
				if want := c.ok || opts.NoSentences; ok != want {
					t.Fatalf("Replace: ok %v, want %v", ok, want)
				}
				if !ok {
					return
				}
				want := Build(after, opts)
				if !reflect.DeepEqual(m.entries, want.entries) || m.paired != want.paired {
					t.Fatalf("Replace made %d entries (%d pairs), Build %d (%d)", len(m.entries), m.paired, len(want.entries), want.paired)
				}
				// The decoded index, extended, is the one makeIndex
				// makes of the memory as Replace left it.
				sigs, starts, posts := m.sigs, m.postStart, m.postings
				if sigs == nil {
					t.Fatal("the decoded memory has no index")
				}
				m.makeIndex()
				if !reflect.DeepEqual(sigs, m.sigs) || !reflect.DeepEqual(starts, m.postStart) || !reflect.DeepEqual(posts, m.postings) {
					t.Fatalf("the extended index (%d postings) is not the one makeIndex makes (%d)", len(posts), len(m.postings))
				}
				// Every third query of the entries (each source, and
				// it changed: see storeQueries), and every one of the
				// units.
				var qs []string
				for i := 0; i < len(queries); i += 6 {
					qs = append(qs, queries[i:min(i+2, len(queries))]...)
				}
				qs = append(qs, storeQueries(c.units)...)
				sameAnswers(t, want, m, qs)
				again, err := Decode(project.NewRecordDecoder(encode(m)))
				if err != nil {
					t.Fatal(err)
				}
				sameAnswers(t, want, again, qs)
				// What the change does not touch is answered as before:
				// all of a lookup's matches, and its best three, down to
				// the lowest score of the three.
				untouched, skipped := 0, 0
				for _, q := range qs {
					// The keys of the lookup's tokens, as package memory
					// keeps them: what MayTouch rules out, Touches does.
					var keys string
					before.Lookup(Query{Source: q, Locale: "uk", Keys: &keys})
					may := delta.MayTouch(keys, 75)
					if !may {
						skipped++
					}
					for _, loc := range []string{"uk", "ru", "uk-UA"} {
						for _, limit := range []int{3, -1} {
							qq := Query{Source: q, Locale: loc, Threshold: 75, Limit: limit}
							was := before.Lookup(qq)
							floor, exact := 0, len(was) > 0 && was[0].Percent == 100
							if len(was) == limit && !slices.ContainsFunc(was, func(m Match) bool { return m.Kind == Assembled }) {
								floor = was[limit-1].Percent
							}
							if delta.Touches(loc, q, 75, floor, !exact && before.Assembles()) {
								if !may {
									t.Fatalf("%q in %s: MayTouch false, Touches true", q, loc)
								}
								continue
							}
							untouched++
							if now := want.Lookup(qq); !reflect.DeepEqual(was, now) {
								t.Fatalf("%q in %s (limit %d), untouched by the change, is answered\nbefore %+v\nafter  %+v", q, loc, limit, was, now)
							}
						}
					}
				}
				if c.slugs != nil && (untouched == 0 || untouched == 6*len(qs)) {
					t.Errorf("the change touches %d of %d lookups", 6*len(qs)-untouched, 6*len(qs))
				}
				if c.slugs != nil && (skipped == 0 || skipped == len(qs)) {
					t.Errorf("MayTouch rules out %d of %d lookups", skipped, len(qs))
				}
			})
		}
	}
}

// TestMayTouchCounts: MayTouch says what counting every source's keys
// found in the lookup's keys says (its filter and its early exits change
// no answer), for the lookups of the stored entries and their texts
// changed, at thresholds from 1 to 100 and above.
func TestMayTouchCounts(t *testing.T) {
	es := storeEntries(t)
	// A memory of a few entries, as a changed folder's delta is, asked
	// for every entry's text.
	m := Build(es[:len(es)/8], Options{})
	counted := func(keys string, thr int) bool {
		for i := range m.sources {
			if len(m.sources[i].entries) == 0 {
				continue
			}
			k := 0
			for _, h := range m.keys[i] {
				if hasKey(keys, h) {
					k++
				}
			}
			if 100*k >= thr*len(m.keys[i]) {
				return true
			}
		}
		return false
	}
	checked, yes := 0, 0
	for _, q := range storeQueries(es) {
		var keys string
		m.Lookup(Query{Source: q, Locale: "uk", Keys: &keys})
		for _, thr := range []int{1, 30, 50, 75, 99, 100, 101} {
			got := m.MayTouch(keys, thr)
			if want := counted(keys, thr); got != want {
				t.Fatalf("MayTouch(keys of %q, %d) = %v, counting says %v", q, thr, got, want)
			}
			checked++
			if got {
				yes++
			}
		}
	}
	if yes < checked/10 || yes > checked*9/10 {
		t.Fatalf("MayTouch said %d of %d yes: the test tells little", yes, checked)
	}
	t.Logf("%d of %d yes", yes, checked)
}
