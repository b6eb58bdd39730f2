package project

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestFolderRecords: the survey lists a catalog folder once and takes
// what it holds from its record while the folder's stamp stays; a
// catalog added, or a staged file left by a killed run, gives the folder
// a new stamp and it is listed again (the other folders' records are
// kept); a catalog written in place changes no listing and keeps the
// record; a survey that is not committed writes nothing.
func TestFolderRecords(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("folders are listed on every run where they have no change time")
	}
	root := t.TempDir()
	p := &Project{Root: root, Source: "en", Locales: []string{"uk"}}
	var warnings []string
	p.Warn = func(msg string) { warnings = append(warnings, msg) }
	write := func(rel, data string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p.Abs(rel)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p.Abs(rel), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, slug := range []string{"a", "b"} {
		write(ArticlePath(slug), "# Title\n")
		write(CatalogPath(slug, "en"), "p-1:\n  other: Title\n")
		write(CatalogPath(slug, "uk"), "p-1:\n  other: Назва\n")
	}
	survey := func() *Layout {
		t.Helper()
		warnings = nil
		pk, err := p.Pick(nil, nil, PickSurvey|PickFolderRecords)
		if err != nil {
			t.Fatal(err)
		}
		return pk.Layout
	}
	time.Sleep(10 * time.Millisecond) // the folders older than their records
	// A command that does not write the records keeps none.
	pk, err := p.Pick(nil, nil, PickSurvey)
	if err != nil {
		t.Fatal(err)
	}
	if pk.Layout.Commit(); len(pk.Layout.listed) != 0 || len(p.RecordsWritten(foldersCommand)) != 0 {
		t.Errorf("a survey without PickFolderRecords kept %d records", len(pk.Layout.listed))
	}
	l := survey()
	if got := l.Catalogs("a"); !slices.Equal(got, []string{"en", "uk"}) {
		t.Fatalf("catalogs of a: %v", got)
	}
	// Folders of the same catalogs share one list of them.
	if a, b := l.Catalogs("a"), l.Catalogs("b"); &a[0] != &b[0] || cap(a) != len(a) {
		t.Errorf("catalogs of a and b: two lists (or one with room to append to)")
	}
	if !l.Unstaged("a") || !l.Unstaged("b") {
		t.Error("folders without staged files not reported so")
	}
	if _, err := os.Stat(p.Abs(RecordsPath(foldersCommand, Shard{}))); err == nil {
		t.Error("a survey wrote its records before Commit")
	}
	l.Commit()
	first := p.RecordsWritten(foldersCommand)
	if len(first) != 2 {
		t.Fatalf("records %v, want one per folder", first)
	}

	// Nothing changed: every folder from its record, nothing to write.
	time.Sleep(10 * time.Millisecond)
	write(CatalogPath("a", "uk"), "p-1:\n  other: Заголовок\n") // in place
	l = survey()
	if len(l.listed) != 0 {
		t.Errorf("%d folders listed again", len(l.listed))
	}
	if got := l.Catalogs("a"); !slices.Equal(got, []string{"en", "uk"}) {
		t.Errorf("catalogs of a from its record: %v", got)
	}
	l.Commit()
	if now := p.RecordsWritten(foldersCommand); !now[folderRecordName("a")].Equal(first[folderRecordName("a")]) {
		t.Error("a record renewed though its folder did not change")
	}

	// A catalog of a locale that is not the project's, and a killed
	// run's staged file.
	write(CatalogPath("a", "de"), "p-1:\n  other: Titel\n")
	write(filepath.Join(CatalogDir("b"), ".uk.yaml.l10n-tmp-999999-00"), "half")
	// Older than the records this survey writes (within the same tick of
	// the file system's clock, they would be listed once more).
	time.Sleep(10 * time.Millisecond)
	l = survey()
	if got := l.Catalogs("a"); !slices.Equal(got, []string{"de", "en", "uk"}) {
		t.Errorf("catalogs of a after one was added: %v", got)
	}
	if !slices.ContainsFunc(warnings, func(w string) bool { return strings.Contains(w, CatalogPath("a", "de")) }) {
		t.Errorf("no warning of the catalog in de: %q", warnings)
	}
	if l.Unstaged("b") || !l.Unstaged("a") {
		t.Errorf("staged files: a unstaged %v, b unstaged %v; want true, false", l.Unstaged("a"), l.Unstaged("b"))
	}
	l.Commit()
	now := p.RecordsWritten(foldersCommand)
	for _, slug := range []string{"a", "b"} {
		if !now[folderRecordName(slug)].After(first[folderRecordName(slug)]) {
			t.Errorf("record of %s not renewed", slug)
		}
	}
	// From the records, the same.
	l = survey()
	if got := l.Catalogs("a"); len(l.listed) != 0 || !slices.Equal(got, []string{"de", "en", "uk"}) || l.Unstaged("b") {
		t.Errorf("from the records: listed %d, catalogs of a %v, b unstaged %v", len(l.listed), got, l.Unstaged("b"))
	}
}

// TestLayoutPlaces: what the survey finds is kept by a folder's place
// among the sorted slugs — articles (a slug that is a prefix of another
// included), then the folders of articles gone — and for a slug of
// neither on its own; each folder reads as what it holds.
func TestLayoutPlaces(t *testing.T) {
	root := t.TempDir()
	p := &Project{Root: root, Source: "en", Locales: []string{"uk", "ru"}, Warn: func(string) {}}
	write := func(rel string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p.Abs(rel)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p.Abs(rel), []byte("p-1:\n  other: x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(ArticlePath("a"))
	write(CatalogPath("a", "en"))
	write(ArticlePath("a-b"))
	write(CatalogPath("a-b", "en"))
	write(CatalogPath("a-b", "uk"))
	write(ArticlePath("z"))
	write(CatalogPath("gone", "en"))
	write(CatalogPath("gone", "ru"))
	write(filepath.Join(CatalogDir("gone"), ".ru.yaml.l10n-tmp-1-00"))
	write(CatalogPath("old", "en"))
	write(filepath.Join(CatalogDir("old"), ".en.yaml.l10n-tmp-1-00"))
	pk, err := p.Pick(nil, nil, PickSurvey|PickDeleted)
	if err != nil {
		t.Fatal(err)
	}
	l := pk.Layout
	if !slices.Equal(pk.Deleted, []string{"gone", "old"}) {
		t.Fatalf("deleted %v", pk.Deleted)
	}
	for _, tt := range []struct {
		slug     string
		catalogs []string
		unstaged bool
	}{
		{"a", []string{"en"}, true},
		{"a-b", []string{"en", "uk"}, true},
		{"z", nil, false}, // no folder: nothing listed, nothing to say
		{"gone", []string{"en", "ru"}, false},
		{"old", []string{"en"}, false}, // a's catalogs, and a staged file
	} {
		if got := l.Catalogs(tt.slug); !slices.Equal(got, tt.catalogs) {
			t.Errorf("catalogs of %s: %v, want %v", tt.slug, got, tt.catalogs)
		}
		if got := l.Unstaged(tt.slug); got != tt.unstaged {
			t.Errorf("%s unstaged: %v, want %v", tt.slug, got, tt.unstaged)
		}
	}
	// A slug of neither list (an article a command is about to make) is
	// listed when asked, and kept.
	if got := l.Catalogs("new"); got != nil || l.Unstaged("new") {
		t.Errorf("a slug without a folder: catalogs %v, unstaged %v", got, l.Unstaged("new"))
	}
	write(CatalogPath("new", "uk"))
	if got := l.Catalogs("new"); got != nil {
		t.Errorf("a slug's folder listed again in one run: %v", got)
	}
	if _, ok := l.others["new"]; !ok || len(l.others) != 1 {
		t.Errorf("others %v: want new alone", l.others)
	}
	// Folders that hold the same share one kind: z and new.
	if len(l.kinds) != 5 {
		t.Errorf("%d kinds of folder, want 5 (en; en and a staged file; en, uk; en, ru and a staged file; none)", len(l.kinds))
	}
}
