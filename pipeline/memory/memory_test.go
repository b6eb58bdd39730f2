package memory_test

import (
	"testing"

	"github.com/l10n-dev/l10n/pipeline/memory"
	"github.com/l10n-dev/l10n/pipeline/project"
	"github.com/l10n-dev/l10n/pipeline/tm"
)

// TestDefaultThreshold: a project without settings offers what the
// memory offers by default.
func TestDefaultThreshold(t *testing.T) {
	if project.DefaultFuzzy != tm.DefaultThreshold || project.DefaultMemory().Threshold != tm.DefaultThreshold {
		t.Errorf("project's default %d, the memory's %d", project.DefaultFuzzy, tm.DefaultThreshold)
	}
}

// TestNotes: the catalog lines of a match, and the test that tells them
// from other notes.
func TestNotes(t *testing.T) {
	exact := tm.Match{Entry: tm.Entry{Source: "By [Anton](#)", Target: "Автор: [Антон](#)", Origin: tm.Origin{Slug: "a", Unit: "p-by"}}, Percent: 100}
	adapted := tm.Match{Entry: tm.Entry{Source: "About 3,767\nprisoners", Target: "Близько 3 767 полонених", Origin: tm.Origin{File: "tm/x.tmx", Line: 12}}, Percent: 99, Adapted: "Близько 3 956 полонених"}
	for _, c := range []struct{ got, want string }{
		{memory.FromNote(exact), "tm: 100% a/p-by"},
		{memory.FromNote(adapted), "tm: 99% tm/x.tmx:12, adapted"},
		{memory.SuggestionNote(adapted), "tm 99%: About 3,767 prisoners → Близько 3 956 полонених"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
		if !project.IsMemoryNote(c.got) {
			t.Errorf("%q is not a memory note", c.got)
		}
	}
	for _, n := range []string{"en: tm: 100%", "glossary: \"tm\" → x", "tm 1000%: x", "tm x%: y", "tmx: 100%"} {
		if project.IsMemoryNote(n) {
			t.Errorf("%q is a memory note", n)
		}
	}
}
