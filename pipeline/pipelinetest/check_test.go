package pipelinetest_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/l10n-dev/l10n/internal/golden"
	"github.com/l10n-dev/l10n/pipeline/check"
	"github.com/l10n-dev/l10n/pipeline/lint"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// checkReportText returns what `l10n check` prints: the findings, then the
// summary it writes to stderr.
func checkReportText(t *testing.T, rep *lint.Report) string {
	t.Helper()
	var b bytes.Buffer
	if err := rep.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	if s := rep.Summary(); s != "" {
		b.WriteString("stderr: " + s + "\n")
	}
	return b.String()
}

// TestCheckBroken checks a small project whose catalogs break every
// check and compares the report with testdata/check-broken.golden.
func TestCheckBroken(t *testing.T) {
	p, err := project.Open(filepath.Join("testdata", "check-broken"))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := lint.Run(p, lint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := checkReportText(t, rep)
	golden.Check(t, filepath.Join("testdata", "check-broken.golden"), []byte(got))

	// Every family shows up, and --fail-on semantics follow the counts.
	seen := map[string]bool{}
	for _, f := range rep.Findings {
		seen[f.Check] = true
	}
	for _, c := range []string{"missing", "stale", "obsolete", "glossary", "markup", "numbers", "unchanged", "length", "typography", "suppression"} {
		if !seen[c] {
			t.Errorf("no %s finding", c)
		}
	}
	if !rep.Fails(check.Error) || !rep.Fails(check.Warning) || rep.Suppressed != 2 {
		t.Errorf("Fails(error)=%v Fails(warning)=%v suppressed=%d", rep.Fails(check.Error), rep.Fails(check.Warning), rep.Suppressed)
	}

	// Selecting a locale and an article narrows the report.
	ru, err := lint.Run(p, lint.Options{Locales: []string{"ru"}, Articles: []string{"dispatch"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ru.Findings {
		if f.Locale != "ru" || f.File != "locales/dispatch/ru.yaml" {
			t.Errorf("--locale ru reported %+v", f)
		}
	}
	if len(ru.Findings) == 0 || ru.Suppressed != 1 {
		t.Errorf("ru: %d findings, %d suppressed", len(ru.Findings), ru.Suppressed)
	}
}

// TestCheckJSON checks the JSON form: an array of objects with exactly
// the documented keys, [] when there is nothing to report.
func TestCheckJSON(t *testing.T) {
	p, err := project.Open(filepath.Join("testdata", "check-broken"))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := lint.Run(p, lint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(rep.Findings)
	if err != nil {
		t.Fatal(err)
	}
	var objs []map[string]any
	if err := json.Unmarshal(data, &objs); err != nil {
		t.Fatal(err)
	}
	want := []string{"article", "check", "file", "line", "locale", "message", "severity", "unit"}
	for _, o := range objs {
		var keys []string
		for k := range o {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		if !reflect.DeepEqual(keys, want) {
			t.Fatalf("keys %v, want %v", keys, want)
		}
	}
	first := objs[0]
	if first["file"] != "locales/dispatch/uk.yaml" || first["severity"] != "error" || first["check"] != "missing" || first["line"] != 12.0 {
		t.Errorf("first finding %v", first)
	}
	clean, err := json.Marshal((&lint.Report{Findings: []check.Finding{}}).Findings)
	if err != nil || string(clean) != "[]" {
		t.Errorf("clean report is %s, %v", clean, err)
	}
}

// TestCheckSeed checks the repository's own seed article: its uk and ru
// catalogs pass with no errors and no warnings (exit 0 even with
// --fail-on warning).
func TestCheckSeed(t *testing.T) {
	p, err := project.Open(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := lint.Run(p, lint.Options{Articles: []string{"ngo-indifference-to-ukrainian-pows"}, Locales: []string{"uk", "ru"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Findings {
		if f.Severity >= check.Warning {
			t.Errorf("%s", f)
		}
	}
	if rep.Fails(check.Warning) {
		t.Error("the seed fails check --fail-on warning")
	}
}

// TestCheckStates breaks a copy of the seed's uk and ru catalogs, entry
// by entry: a translation emptied (missing), a hash from an older source
// (stale), a forbidden form (a glossary error and a misspelling) under a
// reasoned suppression, a suppression without a reason.
func TestCheckStates(t *testing.T) {
	root := seedProject(t).Root
	slug := seed
	edit := func(loc string, pairs ...string) {
		t.Helper()
		path := filepath.Join(root, "locales", slug, loc+".yaml")
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		s := string(data)
		for i := 0; i+1 < len(pairs); i += 2 {
			if !strings.Contains(s, pairs[i]) {
				t.Fatalf("%s: no %q", loc, pairs[i])
			}
			s = strings.Replace(s, pairs[i], pairs[i+1], 1)
		}
		if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	old := "hash: sha1-b45a9d8890df93c356cf07d197c59a73f7e5995f"
	edit("uk",
		"other: 26 листопада 2024 року", `other: ""`,
		old, "hash: sha1-0000000000000000000000000000000000000000",
		"p-in-total-about:", "# l10n:ignore glossary:kyiv spelling:Киевом — quoting a Russian source\np-in-total-about:",
		"Москвою та Києвом", "Москвою та Киевом")
	edit("ru",
		"other: 26 ноября 2024 года", `other: " "`,
		old, "hash: sha1-0000000000000000000000000000000000000000",
		"p-original-url:", "# l10n:ignore unchanged\np-original-url:")
	p, err := project.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := lint.Run(p, lint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range rep.Findings {
		got = append(got, f.Locale+" "+f.Unit+" "+f.Check+" "+f.Severity.String())
	}
	want := []string{
		"uk p-november-26-2024 missing error",
		"uk p-the-tied-hands stale warning",
		"ru p-november-26-2024 missing error",
		"ru p-the-tied-hands stale warning",
		"ru p-original-url suppression error",
	}
	if !reflect.DeepEqual(got, want) || rep.Suppressed != 2 {
		t.Errorf("got %q (%d suppressed), want %q (2 suppressed)", got, rep.Suppressed, want)
	}
}

// TestCheckBadGlossary wants a one-line input error naming
// glossary.yaml and the line of the bad key.
func TestCheckBadGlossary(t *testing.T) {
	root := t.TempDir()
	src := filepath.Join("testdata", "check-broken")
	for _, rel := range []string{"articles/dispatch.md", "locales/dispatch/en.yaml", "locales/dispatch/uk.yaml"} {
		data, err := os.ReadFile(filepath.Join(src, rel))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(root, rel)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, rel), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	bad := "terms:\n  - id: icrc\n    en: [ICRC]\n    uk:\n      aproved: [МКЧХ]\n"
	if err := os.WriteFile(filepath.Join(root, "glossary.yaml"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := project.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	_, err = lint.Run(p, lint.Options{Locales: []string{"uk"}})
	var ie *project.InputError
	if !errors.As(err, &ie) || ie.File != "glossary.yaml" || ie.Line != 5 || strings.Contains(err.Error(), "\n") {
		t.Fatalf("error %v, want an InputError at glossary.yaml:5", err)
	}
	if !strings.HasPrefix(err.Error(), "glossary.yaml:5: ") {
		t.Errorf("error %q", err)
	}

	// Without a glossary, everything but the glossary is checked.
	if err := os.Remove(filepath.Join(root, "glossary.yaml")); err != nil {
		t.Fatal(err)
	}
	rep, err := lint.Run(p, lint.Options{Locales: []string{"uk"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Findings {
		if f.Check == "glossary" {
			t.Errorf("glossary finding without a glossary: %s", f)
		}
	}
}

// seedCopy copies the seed project (article, catalogs, glossary, word
// list) into a temporary folder, with the article also under a second
// slug, and returns the folder.
func seedCopy(t *testing.T, second string) string {
	t.Helper()
	root := t.TempDir()
	slug := "ngo-indifference-to-ukrainian-pows"
	cp := func(from, to string) {
		data, err := os.ReadFile(filepath.Join("..", "..", from))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(root, to)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, to), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range []string{slug, second} {
		if s == "" {
			continue
		}
		cp("articles/"+slug+".md", "articles/"+s+".md")
		for _, loc := range []string{"en", "uk", "ru"} {
			cp("locales/"+slug+"/"+loc+".yaml", "locales/"+s+"/"+loc+".yaml")
		}
	}
	cp("glossary.yaml", "glossary.yaml")
	cp("spelling.txt", "spelling.txt")
	return root
}

// TestCheckConsistency translates the seed's "Original url:" one way in
// one article and another way in a second: the later article gets a
// consistency warning naming the first's catalog line; a suppression
// silences it.
func TestCheckConsistency(t *testing.T) {
	root := seedCopy(t, "zz-copy")
	path := filepath.Join(root, "locales", "zz-copy", "uk.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	changed := strings.Replace(string(data), "other: 'Оригінал статті:'", "other: 'Першоджерело:'", 1)
	if changed == string(data) {
		t.Fatal("no Оригінал статті in the copy")
	}
	if err := os.WriteFile(path, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := project.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := lint.Run(p, lint.Options{NoSpelling: true})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range rep.Findings {
		got = append(got, f.String())
	}
	if len(got) != 1 || rep.Findings[0].Check != check.Consistency || rep.Findings[0].File != "locales/zz-copy/uk.yaml" ||
		!strings.Contains(got[0], "locales/ngo-indifference-to-ukrainian-pows/uk.yaml:") || !strings.Contains(got[0], "(p-original-url)") {
		t.Errorf("findings %q, want one consistency warning naming the first article's unit", got)
	}
	// Suppressed on the entry, it is counted, not reported.
	withSup := strings.Replace(changed, "p-original-url:", "# l10n:ignore consistency — the house style changed\np-original-url:", 1)
	if err := os.WriteFile(path, []byte(withSup), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err = lint.Run(p, lint.Options{NoSpelling: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 0 || rep.Suppressed != 1 {
		t.Errorf("suppressed: %v, %d suppressed", rep.Findings, rep.Suppressed)
	}
}

// TestCheckSpellingSetup: without hunspell check says so once and runs
// the rest; a malformed spelling.txt is an input error naming its line.
func TestCheckSpellingSetup(t *testing.T) {
	root := seedCopy(t, "")
	p, err := project.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", t.TempDir())
	rep, err := lint.Run(p, lint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Notes) != 1 || !strings.Contains(rep.Notes[0], "hunspell is not installed") || len(rep.Findings) != 0 {
		t.Errorf("notes %q, findings %v", rep.Notes, rep.Findings)
	}
	if err := os.WriteFile(filepath.Join(root, "spelling.txt"), []byte("# words\nкомбатант*\nтри слова тут\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = lint.Run(p, lint.Options{})
	var ie *project.InputError
	if !errors.As(err, &ie) || ie.File != "spelling.txt" || ie.Line != 3 {
		t.Errorf("error %v, want spelling.txt:3", err)
	}
}
