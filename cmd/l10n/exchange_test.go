package main

import (
	"encoding/json"
	"maps"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// replaceOnce replaces old, which must occur once, in a file.
func replaceOnce(t *testing.T, path, old, new string) {
	t.Helper()
	data := read(t, path)
	if strings.Count(data, old) != 1 {
		t.Fatalf("%s: %q occurs %d times", path, old, strings.Count(data, old))
	}
	write(t, path, strings.Replace(data, old, new, 1))
}

// TestImportOutcomes plays the newsroom's case through the CLI: a PO file
// is out while the desk corrects the catalog. import --dry-run prints the
// outcome of each unit that changes, --json reports the same words, and
// the real import exits 1 naming the unit in conflict, which status and
// check then show until the comment is deleted.
func TestImportOutcomes(t *testing.T) {
	root := seedProject(t)
	cat := filepath.Join(root, "locales", seed, "uk.yaml")
	if code, _, stderr := l10n("-C", root, "export", "--format", "po", "--locale", "uk", "-o", "uk.po"); code != 0 {
		t.Fatalf("export: %d %s", code, stderr)
	}
	po := filepath.Join(root, "uk.po")
	// The desk: two corrections. The translator: one of the same unit,
	// one of another.
	replaceOnce(t, cat, "other: 'Оригінал статті:'", "other: 'Оригінал статті (правка редактора):'")
	replaceOnce(t, cat, "other: 26 листопада 2024 року", "other: 26 листопада 2024 р.")
	replaceOnce(t, po, `msgstr "26 листопада 2024 року"`, `msgstr "26.11.2024"`)
	replaceOnce(t, po, `msgstr "**Михайло Терещенко / ТАСС**"`, `msgstr "**Михайло Терещенко, ТАСС**"`)

	before := snapshot(t, root)
	code, out, stderr := l10n("-C", root, "import", "--dry-run", "uk.po")
	// The outcomes on stdout; what would be written and the summary on
	// stderr.
	if code != 1 || stderr != "would update "+filepath.Join("locales", seed, "uk.yaml")+"\n"+
		"22 units read: 1 taken, 1 kept, 1 conflict, 19 unchanged; 2 catalog entries to update (0 of them stale)\n" {
		t.Errorf("import --dry-run: exit %d, stderr %q", code, stderr)
	}
	line := regexp.MustCompile(`(?m)^uk\.po:\d+: (\w+): ` + seed + `/([\w-]+) \(uk\)`)
	text := map[string]string{}
	for _, m := range line.FindAllStringSubmatch(out, -1) {
		text[m[2]] = m[1]
	}
	want := map[string]string{
		"p-original-url":              "kept",
		"p-november-26-2024":          "conflict",
		"p-mikhail-tereshchenko-tass": "taken",
	}
	if !maps.Equal(text, want) {
		t.Errorf("import --dry-run outcomes %v, want %v\n%s", text, want, out)
	}
	if strings.Contains(out, "units read") {
		t.Errorf("the summary is on stdout:\n%s", out)
	}
	if !reflect.DeepEqual(before, snapshot(t, root)) {
		t.Error("import --dry-run wrote files")
	}

	code, out, _ = l10n("-C", root, "import", "--dry-run", "--json", "uk.po")
	var res struct {
		Taken     int `json:"taken"`
		Kept      int `json:"kept"`
		Conflict  int `json:"conflict"`
		Unchanged int `json:"unchanged"`
		Outcomes  []struct {
			Unit    string `json:"unit"`
			Outcome string `json:"outcome"`
			Base    bool   `json:"base"`
		} `json:"outcomes"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || code != 1 {
		t.Fatalf("import --json: exit %d, %v\n%s", code, err, out)
	}
	words := map[string]string{}
	for _, o := range res.Outcomes {
		if !o.Base {
			t.Errorf("%s: no base", o.Unit)
		}
		if o.Outcome != "unchanged" {
			words[o.Unit] = o.Outcome
		}
	}
	if !maps.Equal(words, want) || res.Taken != 1 || res.Kept != 1 || res.Conflict != 1 || res.Unchanged != 19 {
		t.Errorf("import --json: %+v", res)
	}

	code, out, _ = l10n("-C", root, "import", "uk.po")
	if code != 1 || !strings.Contains(out, "error: "+seed+"/p-november-26-2024 (uk): conflict:") {
		t.Errorf("import: exit %d\n%s", code, out)
	}
	if c := read(t, cat); !strings.Contains(c, `# l10n:conflict uk.po: "26.11.2024"`) || !strings.Contains(c, "other: 26 листопада 2024 р.") ||
		!strings.Contains(c, "Терещенко, ТАСС") || !strings.Contains(c, "правка редактора") {
		t.Errorf("catalog after the import:\n%s", c)
	}
	code, out, _ = l10n("-C", root, "status", "--strict", "--locale", "uk")
	if code != 1 || !strings.Contains(out, "CONFLICTS") {
		t.Errorf("status --strict: exit %d\n%s", code, out)
	}
	code, out, _ = l10n("-C", root, "check", "--locale", "uk")
	if code != 1 || !strings.Contains(out, `error: [conflict] p-november-26-2024: uk.po has another translation, "26.11.2024"`) {
		t.Errorf("check: exit %d\n%s", code, out)
	}
	// The translator keeps the desk's text and deletes the comment.
	replaceOnce(t, cat, "# l10n:conflict uk.po: \"26.11.2024\"\n", "")
	code, out, _ = l10n("-C", root, "status", "--locale", "uk")
	if code != 0 || strings.Contains(out, "CONFLICTS") {
		t.Errorf("status after the resolution: exit %d\n%s", code, out)
	}
	code, out, _ = l10n("-C", root, "check", "--locale", "uk", "--json")
	if strings.Contains(out, `"conflict"`) || code == 2 {
		t.Errorf("check after the resolution: exit %d\n%s", code, out)
	}
}

// TestExportWritesNothingOnBadInput: an export of two locales whose
// second has a catalog that does not parse exits 2 naming it, and leaves
// the first locale's file as it was, though its export changed: every
// locale is read and checked before any file is written (each is then
// written an article at a time).
func TestExportWritesNothingOnBadInput(t *testing.T) {
	root := seedProject(t)
	if code, _, stderr := l10n("-C", root, "export", "--format", "xliff", "-o", "x/"); code != 0 {
		t.Fatalf("export: %d %s", code, stderr)
	}
	uk := filepath.Join(root, "x", "uk.xlf")
	before := read(t, uk)
	replaceOnce(t, filepath.Join(root, "locales", seed, "uk.yaml"), "other: 26 листопада 2024 року", "other: 26 листопада 2024 р.")
	ru := filepath.Join(root, "locales", seed, "ru.yaml")
	write(t, ru, read(t, ru)+"\nbroken: [\n")
	code, _, stderr := l10n("-C", root, "export", "--format", "xliff", "-o", "x/")
	if code != 2 || !strings.Contains(stderr, filepath.Join("locales", seed, "ru.yaml")+":") {
		t.Errorf("export with a broken catalog: exit %d, %q", code, stderr)
	}
	if read(t, uk) != before {
		t.Error("the Ukrainian export was written")
	}
}
