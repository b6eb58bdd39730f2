package tm

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/l10n-dev/l10n/internal/toolkit"
	"github.com/l10n-dev/l10n/pipeline/tmx"
)

// TestTMXRoundTrip exports the seed's memory as TMX and imports it back:
// every unit of both locales returns with its source, translation,
// locale and state, one translation unit per catalog unit, and the
// imported memory finds what the original finds.
func TestTMXRoundTrip(t *testing.T) {
	entries := seedEntries(t)
	entries[3].State = NeedsReview
	m := Build(entries, Options{})
	doc, err := tmx.Decode(tmx.Encode(m.TMX()))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Units) != len(entries)/2 {
		t.Errorf("%d translation units, want %d", len(doc.Units), len(entries)/2)
	}
	got := FromTMX(doc, "tm/seed.tmx", "en")
	want := map[string]Entry{}
	for _, e := range entries {
		want[e.Locale+" "+e.Origin.String()] = e
	}
	if len(got) != len(entries) {
		t.Fatalf("%d entries back, want %d", len(got), len(entries))
	}
	for i, e := range got {
		w, ok := want[e.Locale+" "+doc.Units[i/2].ID]
		if !ok || e.Kind != Imported || e.Source != w.Source || e.Target != w.Target || e.State != w.State || e.Origin.File != "tm/seed.tmx" || e.Origin.Line != doc.Units[i/2].Line {
			t.Errorf("entry %d: %+v, want %+v", i, e, w)
		}
	}
	if n := len(m.TMX("uk-UA").Units[0].Variants); n != 2 {
		t.Errorf("export for uk-UA: %d variants, want en and uk", n)
	}
	back := Build(got, Options{})
	for _, e := range entries[:10] {
		a, b := m.Suggest(e.Locale, e.Source+" Again.", 0, 1), back.Suggest(e.Locale, e.Source+" Again.", 0, 1)
		if len(a) != len(b) || len(a) > 0 && (a[0].Translation() != b[0].Translation() || a[0].Percent != b[0].Percent) {
			t.Errorf("%s: %+v from the memory, %+v from its TMX", e.Origin, a, b)
		}
	}
}

// TestTMXTranslateToolkit reads the seed memory's TMX with Translate
// Toolkit's tmx storage: every unit comes back with its id, English
// source and both translations.
func TestTMXTranslateToolkit(t *testing.T) {
	python := toolkit.Python(t)
	entries := seedEntries(t)
	path := filepath.Join(t.TempDir(), "memory.tmx")
	if err := os.WriteFile(path, tmx.Encode(Build(entries, Options{}).TMX()), 0o644); err != nil {
		t.Fatal(err)
	}
	script := `
import json, sys
from translate.storage import tmx
f = tmx.tmxfile.parsefile(sys.argv[1])
json.dump([{"id": u.getid(), "source": u.source, "uk": u.gettarget("uk"), "ru": u.gettarget("ru")} for u in f.units], sys.stdout, ensure_ascii=False)
`
	out, err := exec.Command(python, "-c", script, path).Output()
	if err != nil {
		t.Fatalf("Translate Toolkit: %v\n%s", err, out)
	}
	var units []struct{ ID, Source, UK, RU string }
	if err := json.Unmarshal(out, &units); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	want := map[string]map[string]string{}
	var src []string
	for _, e := range entries {
		id := e.Origin.String()
		if want[id] == nil {
			want[id] = map[string]string{"source": e.Source}
			src = append(src, id)
		}
		want[id][e.Locale] = e.Target
	}
	if len(units) != len(src) {
		t.Fatalf("Translate Toolkit read %d units, want %d", len(units), len(src))
	}
	for i, u := range units {
		w := want[src[i]]
		got := map[string]string{"source": u.Source, "uk": u.UK, "ru": u.RU}
		if u.ID != src[i] || !reflect.DeepEqual(got, w) {
			t.Errorf("unit %d %s:\n got %q\nwant %s %q", i, u.ID, got, src[i], w)
		}
	}
}
