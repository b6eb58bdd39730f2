package tm_test

import (
	"hash/fnv"
	"reflect"
	"slices"
	"testing"

	"github.com/l10n-dev/l10n/pipeline/project"
	"github.com/l10n-dev/l10n/pipeline/tm"
)

// TestPartialIsWhole: a lookup over the parts of a memory, one at a time
// (tm.Partial), answers as the memory of all their entries does, on
// generated news whose templated sentences give most queries many close
// matches — the same source and translation in several parts (a match's
// Count summed across them, its entry preferred among theirs: some
// copies need review; other translations of a source that tie at the
// limit), Reused entries, locales read by another (uk-UA) —
// cut into 2, 3 and 7 parts by article, at several thresholds and
// limits, with and without a Skip.
func TestPartialIsWhole(t *testing.T) {
	entries, queries := templated(t)
	for i := range entries {
		switch i % 7 {
		case 2:
			entries[i].State = tm.NeedsReview
		case 4:
			entries[i].State, entries[i].Reused = tm.NeedsReview, true
		case 5:
			entries[i].Locale = "uk-UA"
		}
	}
	// Ties at a limit: other translations of some sources, in other
	// articles, each once, some translated where the first needs review.
	for i, n := 0, len(entries); i < n; i += 5 {
		for k, alt := range []string{" (a)", " (b)"} {
			e := entries[i]
			e.Target += alt
			e.Origin.Slug += alt
			e.State, e.Reused = tm.State(k), false
			entries = append(entries, e)
		}
	}
	queries = append(queries[:len(queries)/2], entries[0].Source, entries[3].Source, entries[10].Source)
	opts := tm.Options{NoSentences: true, MinThreshold: 60}
	whole := tm.Build(entries, opts)
	locales := []string{"uk", "ru", "de", "uk-UA"}
	skip := func(e *tm.Entry) bool { return e.Origin.Unit == "3" }
	for _, n := range []int{2, 3, 7} {
		cut := make([][]tm.Entry, n)
		for _, e := range entries {
			h := fnv.New32a()
			h.Write([]byte(e.Origin.Slug))
			k := h.Sum32() % uint32(n)
			cut[k] = append(cut[k], e)
		}
		parts := make([]*tm.Memory, n)
		for k := range cut {
			parts[k] = tm.Build(cut[k], opts)
		}
		for _, text := range queries {
			for _, thr := range []int{60, 90} {
				for _, limit := range []int{1, 3, -1} {
					for _, sk := range []func(*tm.Entry) bool{nil, skip} {
						var wantKeys, gotKeys string
						q := tm.Query{Source: text, Threshold: thr, Limit: limit, Skip: sk, Keys: &wantKeys}
						want := whole.LookupLocales(q, locales)
						q.Keys = &gotKeys
						p := tm.NewPartial(q, locales)
						for _, m := range parts {
							p.Add(m)
						}
						if got := p.Matches(); !reflect.DeepEqual(got, want) {
							t.Fatalf("%d parts, threshold %d, limit %d, skip %v, query %q:\n got %v\nwant %v", n, thr, limit, sk != nil, text, got, want)
						}
						if gotKeys != wantKeys {
							t.Fatalf("%d parts, query %q: keys %q, want %q", n, text, gotKeys, wantKeys)
						}
						// The same, its matches spilled and restored
						// before each part and at the end.
						p = tm.NewPartial(q, locales)
						for _, m := range parts {
							spilled(t, p)
							p.Add(m)
						}
						spilled(t, p)
						if got := p.Matches(); !reflect.DeepEqual(got, want) {
							t.Fatalf("spilled, %d parts, threshold %d, limit %d, skip %v, query %q:\n got %v\nwant %v", n, thr, limit, sk != nil, text, got, want)
						}
					}
				}
			}
		}
	}
}

// spilled spills p's matches and restores them, and checks that p
// held none in between and that the spill reads back whole only.
func spilled(t *testing.T, p *tm.Partial) {
	t.Helper()
	e := &project.RecordEncoder{}
	p.Spill(e)
	if got := p.Matches(); slices.ContainsFunc(got, func(ms []tm.Match) bool { return ms != nil }) {
		t.Fatalf("a spilled Partial holds %v", got)
	}
	if len(e.B) > 2 {
		if p.Restore(project.NewRecordDecoder(e.B[:len(e.B)-1])) {
			t.Fatal("Restore read a cut spill")
		}
	}
	d := project.NewRecordDecoder(e.B)
	if !p.Restore(d) || !d.End() {
		t.Fatal("Restore did not read its spill back")
	}
}
