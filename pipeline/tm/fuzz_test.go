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
