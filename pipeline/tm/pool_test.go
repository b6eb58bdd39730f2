package tm

import (
	"runtime"
	"testing"
	"weak"
)

// TestLookedUpMemoryIsCollected: a memory that was looked up, adapted
// and replaced in is collected once nothing refers to it, at the next
// collection — no pool of the runtime's keeps it (a pool used since the
// last two collections is held, and a pool inside the memory held it:
// a lookup over parts, Partial, kept part after part alive).
func TestLookedUpMemoryIsCollected(t *testing.T) {
	entries := []Entry{
		{Kind: Unit, Source: "The committee met on 3 May in Geneva.", Target: "Комітет зібрався 3 травня в Женеві.", Locale: "uk", Origin: Origin{Slug: "a", Unit: "p1"}},
		{Kind: Unit, Source: "Families of prisoners of war asked for news.", Target: "Родини військовополонених просили новин.", Locale: "uk", Origin: Origin{Slug: "b", Unit: "p1"}},
	}
	var w weak.Pointer[Memory]
	func() {
		m := Build(entries, Options{Source: "en"})
		w = weak.Make(m)
		if ms := m.Lookup(Query{Source: "The committee met on 5 May in Geneva.", Locale: "uk"}); len(ms) == 0 || ms[0].Adapted == "" {
			t.Fatalf("no adapted match: %+v", ms)
		}
		p := NewPartial(Query{Source: "Families of prisoners of war asked for news.", Locale: "uk"}, []string{"uk"})
		p.Add(m)
		if ms := p.Matches(); len(ms[0]) == 0 {
			t.Fatal("the part answers nothing")
		}
		if _, ok := m.Replace([]string{"b"}, []Entry{{Kind: Unit, Source: "Families waited.", Target: "Родини чекали.", Locale: "uk", Origin: Origin{Slug: "b", Unit: "p1"}}}, Options{Source: "en"}); !ok {
			t.Fatal("Replace refused")
		}
	}()
	runtime.GC()
	if w.Value() != nil {
		t.Error("the memory outlives the collection after its last use")
	}
}
