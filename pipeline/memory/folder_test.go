package memory_test

import (
	"bytes"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/l10n-dev/l10n/cmd/l10n-corpus/newsgen"
	"github.com/l10n-dev/l10n/internal/offheap"
	"github.com/l10n-dev/l10n/pipeline/memory"
	"github.com/l10n-dev/l10n/pipeline/project"
	"github.com/l10n-dev/l10n/pipeline/tm"
)

// TestEntriesOwnTexts: a folder's entries, their texts kept on the heap
// or outside it (offheap), carry each translation's own text, source
// and unit, as the catalogs hold them, and no part of a catalog's text.
func TestEntriesOwnTexts(t *testing.T) {
	dir, p, slugs := newsProject(t, 6, 3)
	for _, where := range []struct {
		name  string
		texts *offheap.Store
	}{{"heap", nil}, {"offheap", offheap.New(dir, 0)}, {"offheap, its first bytes on the heap", offheap.New(dir, 64<<10)}} {
		n := 0
		folders := map[bool]int{} // by whether they miss a translation
		for _, d := range slugs {
			slug := d.Name()
			es, missing, err := memory.EntriesOf(p, slug, p.Locales, where.texts)
			if err != nil {
				t.Fatal(err)
			}
			// What each catalog says of the units, read on their own.
			type unit struct{ other, id string }
			byLoc := map[string]map[string]unit{}
			wantMissing := false
			for _, loc := range p.Locales {
				f, _, err := p.ReadCatalog(project.CatalogPath(slug, loc))
				if err != nil {
					t.Fatal(err)
				}
				byLoc[loc] = map[string]unit{}
				for _, e := range append(f.Entries, f.Obsolete...) {
					byLoc[loc][e.ID] = unit{e.Other, e.ID}
				}
				for _, e := range f.Entries {
					wantMissing = wantMissing || loc != p.Source && strings.TrimSpace(e.Other) == "" && len(e.Plural) == 0
				}
			}
			if missing != wantMissing {
				t.Errorf("%s: %s: missing a translation %v, want %v", where.name, slug, missing, wantMissing)
			}
			folders[missing]++
			holds := where.texts.Holds()
			for _, e := range es {
				// In a store, every string of the entry is the store's
				// (so the memory may keep its entries there).
				if where.texts != nil && runtime.GOOS == "linux" {
					for _, x := range []string{e.Source, e.Target, e.Locale, e.Origin.Slug, e.Origin.Unit, e.Origin.File} {
						if !holds(x) {
							t.Fatalf("%s: %s/%s in %s: %.30q is not the store's", where.name, slug, e.Origin.Unit, e.Locale, x)
						}
					}
				}
				u, ok := byLoc[e.Locale][e.Origin.Unit]
				if !ok {
					t.Fatalf("%s: %s/%s: no such unit in %s", where.name, slug, e.Origin.Unit, e.Locale)
				}
				if e.Target != u.other || e.Source == "" || e.Origin.Slug != slug {
					t.Errorf("%s: %s/%s in %s: target %.40q (catalog %.40q), source %.40q", where.name, slug, e.Origin.Unit, e.Locale, e.Target, u.other, e.Source)
				}
				n++
			}
		}
		if n < 100 {
			t.Errorf("%s: %d entries in all: the corpus translates too little to test", where.name, n)
		}
		if folders[true] == 0 || folders[false] == 0 {
			t.Errorf("%s: folders by whether they miss a translation: %v, want some of each", where.name, folders)
		}
		if where.texts != nil && where.texts.Mapped() == 0 && runtime.GOOS == "linux" { // offheap_linux.go maps
			t.Errorf("%s: nothing kept outside the heap", where.name)
		}
	}
}

// TestLoadInStore: the memory extract builds in a store — each folder's
// entries there, some of them read before (ReadFolder), built from those
// parts and the parts then freed — encodes to the bytes of the memory
// built on the heap, after the collector has run: nothing it keeps was
// freed under it.
func TestLoadInStore(t *testing.T) {
	dir, p, slugs := newsProject(t, 40, 5)
	heap, err := memory.LoadFor(p, nil, true, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		dir  string
		from int64
	}{{dir, 0}, {dir, 64 << 10}, {"", 0}} { // "": a store that cannot map, all on the heap
		store, from := offheap.New(c.dir, c.from), c.from
		read := map[string][]tm.Entry{}
		for i, d := range slugs {
			if i%2 == 0 {
				f, err := memory.ReadFolder(p, d.Name(), p.Locales, store)
				if err != nil {
					t.Fatal(err)
				}
				read[d.Name()] = memory.FolderEntries(f)
			}
		}
		m, err := memory.LoadFor(p, nil, true, read, store)
		if err != nil {
			t.Fatal(err)
		}
		read = nil
		runtime.GC()
		runtime.GC()
		want, got := &project.RecordEncoder{}, &project.RecordEncoder{}
		heap.Encode(want)
		m.Encode(got)
		if !bytes.Equal(want.B, got.B) {
			t.Errorf("store after %d bytes: the memory encodes to %d bytes, on the heap %d", from, len(got.B), len(want.B))
		}
		if m.Len() < 500 {
			t.Errorf("%d entries: the corpus translates too little to test", m.Len())
		}
		if mapped := store.Mapped() > 0; mapped != (c.dir != "" && runtime.GOOS == "linux") {
			t.Errorf("store in %q: mapped %v", c.dir, mapped)
		}
		store.Close()
	}
}

// newsProject returns the folder and project of n generated news
// articles with their catalogs (newsgen, seed), and its catalog folders.
func newsProject(t *testing.T, n int, seed uint64) (string, *project.Project, []os.DirEntry) {
	t.Helper()
	dir := t.TempDir()
	if _, err := newsgen.Write(dir, newsgen.Options{N: n, Seed: seed}); err != nil {
		t.Fatal(err)
	}
	p, err := project.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	slugs, err := os.ReadDir(p.Abs("locales"))
	if err != nil {
		t.Fatal(err)
	}
	return dir, p, slugs
}
