package tm

import (
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
