package memory

import (
	"fmt"
	"os"
	"reflect"
	"testing"

	"github.com/l10n-dev/l10n/pipeline/project"
)

// TestAsked: the lookups kept for each article (Lookup's, in a spill)
// read back as they were kept, in order, with articles' lookups
// interleaved and more kept after a read; an article with none has none;
// the spill leaves nothing in the cache folder.
func TestAsked(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(dir+"/l10n.yaml", []byte("source: en\nlocales: [uk, ru]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := project.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	l := &Lazy{p: p}
	want := map[string][]Query{}
	keep := func(slug string, qs ...Query) {
		t.Helper()
		l.mu.Lock()
		defer l.mu.Unlock()
		if err := l.keepAsked(slug, qs); err != nil {
			t.Fatal(err)
		}
		want[slug] = append(want[slug], qs...)
	}
	check := func() {
		t.Helper()
		for slug, qs := range want {
			got, ok := l.Asked(slug)
			if !ok || !reflect.DeepEqual(got, qs) {
				t.Fatalf("Asked(%q) = %+v, %v; kept %+v", slug, got, ok, qs)
			}
		}
		if got, ok := l.Asked("none"); got != nil || !ok {
			t.Fatalf("Asked of an article with no lookup = %+v, %v", got, ok)
		}
	}
	for i := range 300 {
		slug := fmt.Sprintf("a%d", i%7)
		keep(slug, Query{Locale: "uk", Text: fmt.Sprintf("Unit %d, «quoted», ʼ", i), Floor: i % 101, Exact: i%3 == 0, Keys: fmt.Sprint(i * 31)},
			Query{Locale: "ru", Text: fmt.Sprintf("Unit %d", i)})
		if i == 150 {
			check()
		}
	}
	check()
	l.dropAsked()
	if l.asked != nil {
		t.Fatal("dropAsked left the spill open")
	}
	if es, _ := os.ReadDir(p.Abs(project.CacheDir)); len(es) > 0 {
		t.Errorf("the cache folder holds %v", es)
	}
}
