package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestMemoryCommands: a copy of the seed is pre-filled from the memory
// on extract; status shows the units to review in a column of their own
// and --strict fails on them; check reports them as warnings; tm export
// and glossary export write their files; a malformed --map is a usage
// error.
func TestMemoryCommands(t *testing.T) {
	t.Setenv("COLUMNS", "")
	root := seedProject(t)
	write(t, filepath.Join(root, "articles", "copy.md"), read(t, filepath.Join(root, "articles", seed+".md")))
	if code, _, stderr := l10n("-C", root, "extract", "-q"); code != 0 {
		t.Fatal(stderr)
	}
	code, out, _ := l10n("-C", root, "status")
	if code != 0 || !strings.Contains(out, " REVIEW ") || !regexp.MustCompile(`(?m)^  uk +0 +0% +22 +0 +0 +0 +0$`).MatchString(out) {
		t.Errorf("status: %d\n%s", code, out)
	}
	if code, _, _ := l10n("-C", root, "status", "--strict"); code != 1 {
		t.Errorf("status --strict: exit %d with units to review", code)
	}
	if code, out, _ := l10n("-C", root, "check", "--article", "copy"); code != 0 || strings.Count(out, "[review]") != 44 {
		t.Errorf("check: %d\n%s", code, out)
	}
	if code, _, _ := l10n("-C", root, "check", "--article", "copy", "--fail-on", "warning"); code != 1 {
		t.Errorf("check --fail-on warning: exit %d", code)
	}
	tmx := filepath.Join(t.TempDir(), "m.tmx")
	if code, _, stderr := l10n("-C", root, "tm", "export", "--locale", "uk", "-o", tmx); code != 0 {
		t.Fatal(stderr)
	}
	if data, err := os.ReadFile(tmx); err != nil || strings.Count(string(data), "<tu ") != 44 || strings.Contains(string(data), `xml:lang="ru"`) {
		t.Errorf("tm export: %v\n%.300s", err, data)
	}
	if code, out, _ := l10n("-C", root, "glossary", "export"); code != 0 || !strings.Contains(out, `<termEntry id="icrc">`) {
		t.Errorf("glossary export: %d\n%.300s", code, out)
	}
	if code, _, stderr := l10n("-C", root, "glossary", "import", "--map", "xx", "x.tbx"); code != 2 || !strings.Contains(stderr, "FROM=TO") {
		t.Errorf("glossary import --map xx: %d %s", code, stderr)
	}
}
