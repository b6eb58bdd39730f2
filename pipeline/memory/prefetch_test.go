package memory_test

import (
	"os"
	"testing"

	"github.com/l10n-dev/l10n/pipeline/memory"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// TestPrefetch: Prefetch builds the memory ahead of the lookups when a
// folder misses a translation and the cache does not hold the memory,
// and not when the cache holds it or no folder misses one (a run that
// would look nothing up must not pay for a memory).
func TestPrefetch(t *testing.T) {
	_, p, slugs := newsProject(t, 12, 3)
	open := func() *memory.Lazy {
		t.Helper()
		l, err := memory.Open(p, p.Locales)
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	// Cold: newsgen extracted the articles, with records and a memory.
	if err := os.RemoveAll(p.Abs(project.CacheDir)); err != nil {
		t.Fatal(err)
	}
	l := open()
	l.SaveAhead()
	l.Prefetch()
	if !memory.Prefetching(l) {
		t.Fatal("a memory that no cache holds, with translations missing, is not prefetched")
	}
	if m, err := l.Get(); err != nil || m == nil {
		t.Fatalf("Get after Prefetch: %v, %v", m, err)
	}
	l.Save()
	l = open()
	if l.Prefetch(); memory.Prefetching(l) {
		t.Error("prefetched a memory that the cache holds")
	}
	l.Abort()
	// Without the folders that miss a translation, nor the cache.
	kept := 0
	for _, d := range slugs {
		_, missing, err := memory.EntriesOf(p, d.Name(), p.Locales, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !missing {
			kept++
			continue
		}
		for _, rel := range []string{project.ArticlePath(d.Name()), project.CatalogDir(d.Name())} {
			if err := os.RemoveAll(p.Abs(rel)); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := os.RemoveAll(p.Abs(project.CacheDir)); err != nil {
		t.Fatal(err)
	}
	if kept == 0 || kept == len(slugs) {
		t.Fatalf("%d of %d folders miss no translation: the corpus cannot test it", kept, len(slugs))
	}
	l = open()
	if l.Prefetch(); memory.Prefetching(l) {
		t.Error("prefetched a memory though no folder misses a translation")
	}
	l.Abort()
}
