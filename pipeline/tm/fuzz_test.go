package tm

import (
	"reflect"
	"strconv"
	"testing"

	"github.com/l10n-dev/l10n/pipeline/project"
)

// FuzzDecode decodes arbitrary bytes as a stored memory (extract's cache
// in out/.cache, which a crash, a disk or a hand can damage): an error
// or a memory that answers lookups, and whose folders Replace replaces
// or refuses to, never a panic.
func FuzzDecode(f *testing.F) {
	small := []Entry{
		{Kind: Unit, Source: "The ICRC visited 25 camps in 2024.", Target: "МКЧХ відвідав 25 таборів у 2024 році.", Locale: "uk", Origin: Origin{Slug: "a", Unit: "p-one"}},
		{Kind: Unit, Source: "Prisoners of war were exchanged.", Target: "Военнопленными обменялись.", Locale: "ru", Origin: Origin{Slug: "a", Unit: "p-two"}, State: NeedsReview},
		{Kind: Imported, Source: "Kyiv", Target: "Київ", Locale: "uk", Origin: Origin{File: "tm/x.tmx", Line: 3}},
	}
	f.Add(encode(Build(small, Options{})))
	f.Add(encode(Build(small, Options{NoSentences: true, MinThreshold: 60})))
	f.Add(encode(Build(nil, Options{})))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Decode(project.NewRecordDecoder(data))
		if err != nil {
			return
		}
		for _, q := range []string{"The ICRC visited 26 camps in 2024.", "Kyiv", "Prisoners of war"} {
			for _, loc := range []string{"uk", "ru"} {
				m.Lookup(Query{Source: q, Locale: loc, Threshold: 50, Limit: 3})
			}
		}
		// The same memory with folder "a" replaced (package memory's
		// cache after a translation changed): refused or answering.
		m, _ = Decode(project.NewRecordDecoder(data))
		changed := []Entry{small[0]}
		changed[0].Target = "МКЧХ відвідав 25 таборів у 2024 році (ред.)."
		for _, opts := range []Options{{}, {NoSentences: true, MinThreshold: 60}} {
			delta, ok := m.Replace([]string{"a"}, changed, opts)
			if !ok {
				continue
			}
			for _, loc := range []string{"uk", "ru"} {
				m.Lookup(Query{Source: small[0].Source, Locale: loc, Threshold: 50, Limit: 3})
				delta.Touches(loc, small[1].Source, 50, 0, true)
			}
			break
		}
	})
}

// FuzzMayTouch: a text whose keys (Query.Keys) MayTouch says a memory's
// entries cannot score against is one Touches says they do not touch,
// at any floor, in any locale, with sentences or without (MayTouch is
// the fast path of package memory's check of an article's lookups).
func FuzzMayTouch(f *testing.F) {
	es := []Entry{
		{Kind: Unit, Source: "The ICRC visited 25 camps in 2024.", Target: "МКЧХ відвідав 25 таборів у 2024 році.", Locale: "uk", Origin: Origin{Slug: "a", Unit: "p-one"}},
		{Kind: Unit, Source: "Prisoners of war were exchanged on [Monday](https://example.org/a).", Target: "Военнопленными обменялись в [понедельник](https://example.org/a).", Locale: "ru", Origin: Origin{Slug: "a", Unit: "p-two"}},
		{Kind: Unit, Source: "Run `l10n check` twice. Then **stop**.", Target: "Запустіть `l10n check` двічі. Потім **зупиніться**.", Locale: "uk", Origin: Origin{Slug: "b", Unit: "p-three"}},
	}
	for _, e := range es {
		f.Add(e.Source, 75)
	}
	f.Add("The ICRC visited 31 camps in 2025.", 60)
	f.Add("Prisoners of war were exchanged on [Tuesday](https://example.org/b). Nobody said so.", 50)
	f.Add("the the the the", 1)
	f.Add("", 75)
	delta := Build(es, Options{NoSentences: true, MinThreshold: 1})
	base := Build(seedEntries(f), Options{})
	f.Fuzz(func(t *testing.T, text string, thr int) {
		thr = 1 + abs(thr)%100
		var keys string
		base.Lookup(Query{Source: text, Locale: "uk", Keys: &keys})
		if delta.MayTouch(keys, thr) {
			return
		}
		for _, loc := range []string{"uk", "ru", "uk-UA"} {
			for _, floor := range []int{0, thr, 90, 100} {
				for _, sentences := range []bool{true, false} {
					if delta.Touches(loc, text, thr, floor, sentences) {
						t.Fatalf("MayTouch(%q, %d) is false, Touches(%s, floor %d, sentences %v) true", text, thr, loc, floor, sentences)
					}
				}
			}
		}
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// FuzzReplace: a decoded memory whose folder "second" Replace changes —
// each unit kept, its translation or its source edited (to another
// unit's, or to a text of its own), dropped, or one added, as the input
// says — holds the entries and the index that Build makes of the entries
// as they are now, and answers a lookup of each changed unit as that
// memory does, or Replace refuses (a locale's length ratio moved). With
// as many units as before, Replace changes the memory in place.
func FuzzReplace(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 0, 1})
	f.Add([]byte{3, 3, 3, 3})
	f.Add([]byte{5, 0, 6})
	es := storeEntries(f)
	second := withSlug(es, "second", "second")
	f.Fuzz(func(t *testing.T, ops []byte) {
		if len(ops) > len(second) {
			ops = ops[:len(second)]
		}
		var units []Entry
		for i, u := range second {
			op := byte(0)
			if i < len(ops) {
				op = ops[i] % 7
			}
			switch op {
			case 1:
				u.Target += " (ред.)"
			case 2:
				o := second[(i+int(ops[i]))%len(second)]
				u.Source, u.Target = o.Source, o.Target
			case 3:
				u.Source += " Nobody said so."
			case 4:
				u.Source, u.Target = "A unit of its own, number "+strconv.Itoa(i)+".", "Власний абзац."
			case 5:
				continue // dropped
			case 6:
				units = append(units, u)
				u.Origin.Unit += "-added"
			}
			units = append(units, u)
		}
		for _, opts := range []Options{{NoSentences: true}, {}} {
			m, err := Decode(project.NewRecordDecoder(encode(Build(es, opts))))
			if err != nil {
				t.Fatal(err)
			}
			array := &m.entries[0]
			if _, ok := m.Replace([]string{"second"}, units, opts); !ok {
				if opts.NoSentences {
					t.Fatal("Replace refused a change without sentence pairs")
				}
				continue
			}
			after := replaced(es, []string{"second"}, units)
			want := Build(after, opts)
			if !reflect.DeepEqual(m.entries, want.entries) || m.paired != want.paired {
				t.Fatalf("Replace made %d entries (%d pairs), Build %d (%d)", len(m.entries), m.paired, len(want.entries), want.paired)
			}
			if opts.NoSentences && len(units) == len(second) && &m.entries[0] != array {
				t.Fatal("a folder of as many units was not replaced in place")
			}
			sigs, starts, posts := m.sigs, m.postStart, m.postings
			m.makeIndex()
			if !reflect.DeepEqual(sigs, m.sigs) || !reflect.DeepEqual(starts, m.postStart) || !reflect.DeepEqual(posts, m.postings) {
				t.Fatal("the extended index is not the one makeIndex makes")
			}
			for _, u := range units {
				for _, loc := range []string{"uk", "ru"} {
					q := Query{Source: u.Source, Locale: loc, Threshold: 50, Limit: 3}
					if a, b := want.Lookup(q), m.Lookup(q); !reflect.DeepEqual(a, b) {
						t.Fatalf("Lookup(%q, %s):\nwant %+v\ngot  %+v", u.Source, loc, a, b)
					}
				}
			}
		}
	})
}

// FuzzRestore reads arbitrary bytes as a lookup's spilled matches (a
// parted memory's spill file, package memory): refused, or matches
// that Matches sorts and that spill again to the same bytes, never a
// panic.
func FuzzRestore(f *testing.F) {
	es := []Entry{
		{Kind: Unit, Source: "The ICRC visited 25 camps in 2024.", Target: "МКЧХ відвідав 25 таборів у 2024 році.", Locale: "uk", Origin: Origin{Slug: "a", Unit: "p-one"}},
		{Kind: Unit, Source: "The ICRC visited 25 camps in 2023.", Target: "МККК посетил 25 лагерей в 2023 году.", Locale: "ru", Origin: Origin{Slug: "b", Unit: "p-two"}, State: NeedsReview},
		{Kind: Imported, Source: "The ICRC visited 26 camps in 2024.", Target: "МКЧХ відвідав 26 таборів у 2024 році.", Locale: "uk-UA", Origin: Origin{File: "tm/x.tmx", Line: 3}},
	}
	q := Query{Source: "The ICRC visited 25 camps in 2024.", Threshold: 50, Limit: 3}
	locales := []string{"uk", "ru"}
	p := NewPartial(q, locales)
	p.Add(Build(es, Options{NoSentences: true, MinThreshold: 50}))
	e := &project.RecordEncoder{}
	p.Spill(e)
	f.Add(e.B)
	f.Add([]byte{4, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		p := NewPartial(q, locales)
		if !p.Restore(project.NewRecordDecoder(data)) {
			return
		}
		e := &project.RecordEncoder{}
		p.Spill(e)
		again := NewPartial(q, locales)
		if !again.Restore(project.NewRecordDecoder(e.B)) {
			t.Fatalf("a restored Partial's spill does not restore: %q", e.B)
		}
		e2 := &project.RecordEncoder{}
		again.Spill(e2)
		if string(e2.B) != string(e.B) {
			t.Fatalf("spilled again as %q, first %q", e2.B, e.B)
		}
		if !again.Restore(project.NewRecordDecoder(e.B)) {
			t.Fatal("a spill did not restore twice")
		}
		again.Matches()
	})
}
