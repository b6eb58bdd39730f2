package pipelinetest_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/l10n-dev/l10n/internal/corpus"
	"github.com/l10n-dev/l10n/pipeline/build"
	"github.com/l10n-dev/l10n/pipeline/extract"
	"github.com/l10n-dev/l10n/pipeline/lint"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// runAll runs extract, check and build as the command line does, and
// returns what they made: the check report as JSON, build's editions as
// JSON, and every file of the project but the records.
func runAll(t *testing.T, p *project.Project) (report, editions string, tree map[string]string) {
	t.Helper()
	if _, err := extract.Run(p, extract.Options{}); err != nil {
		t.Fatal(err)
	}
	rep, err := lint.Run(p, lint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, _ := json.Marshal(rep.Findings)
	res, err := build.Run(p, build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	eds := slices.Clone(res.Editions)
	for i := range eds {
		eds[i].Reused = false
	}
	e, _ := json.Marshal(eds)
	tree = corpus.Files(t, p.Root)
	for k := range tree {
		if strings.HasPrefix(k, project.CacheDir+string(filepath.Separator)) {
			delete(tree, k)
		}
	}
	return string(r), string(e), tree
}

// recordStamps returns every record of extract and check with its
// content and modification time, to see which a run rewrote.
func recordStamps(t *testing.T, p *project.Project) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, command := range []string{"extract", "check"} {
		for name, t := range p.RecordsWritten(command) {
			out[command+"/"+name] = t.String()
		}
	}
	return out
}

// recordsProject is a project of six pseudo-translated articles where a
// translation of one article disagrees with another's (a consistency
// finding across articles), with a word list, and its records written.
func recordsProject(t *testing.T) *project.Project {
	t.Helper()
	p := testProject(t, 6)
	// Pseudo-translations are not compared across units: translate
	// "second item" in three catalogs, two of them alike.
	for _, tr := range [][3]string{{"a00", "uk", "Другий пункт"}, {"a01", "ru", "Второй пункт"}, {"a04", "uk", "Другий елемент"}} {
		rel := project.CatalogPath(tr[0], tr[1])
		data := string(read(t, p.Abs(rel)))
		i := strings.Index(data, pseudoSecond)
		if i < 0 {
			t.Fatalf("%s: no pseudo-translation of \"second item\":\n%s", rel, data)
		}
		write(t, p.Abs(rel), data[:i]+"other: "+tr[2]+data[i+len(pseudoSecond):])
	}
	write(t, p.Abs(project.SpellingFile), "Kharkiv\n")
	// A link to an article the project does not have yet (see
	// TestRecordsWarmIsCold's "linked article added").
	rel := project.ArticlePath("a05")
	write(t, p.Abs(rel), string(read(t, p.Abs(rel)))+"\nSee [the next report](a06.md).\n")
	runAll(t, p)
	return p
}

// replaceIn returns a change to a project's file: its first old replaced
// by new (the test fails if it has none).
func replaceIn(p *project.Project, rel, old, new string) func(t *testing.T) {
	return func(t *testing.T) {
		data := string(read(t, p.Abs(rel)))
		if !strings.Contains(data, old) {
			t.Fatalf("%s has no %q", rel, old)
		}
		write(t, p.Abs(rel), strings.Replace(data, old, new, 1))
	}
}

// pseudoSecond is the catalog line of "second item" pseudo-translated.
const pseudoSecond = "other: ⟦šééçööñđ ííţééɱ⟧"

// age makes every file of the project a few seconds older, as a project
// is between two runs, and waits until the change times that this gives
// them are in the past too, so that the records' stamps are trusted.
func age(t *testing.T, p *project.Project) {
	t.Helper()
	then := time.Now().Add(-10 * time.Second)
	_ = filepath.WalkDir(p.Root, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			err = os.Chtimes(path, then, then)
		}
		return err
	})
	time.Sleep(50 * time.Millisecond)
}

// TestRecordsWarmIsCold: a run that finds its records gives what a run
// without them gives (files, check's findings, build's editions), after
// each kind of change to the inputs; and each change makes extract and
// check do again exactly the work it must: the records that change are
// those of the articles and locales whose inputs changed.
func TestRecordsWarmIsCold(t *testing.T) {
	p := recordsProject(t)
	rep, _, _ := runAll(t, p)
	if !strings.Contains(rep, `"check":"consistency"`) {
		t.Fatalf("the project has no finding across articles: %s", rep)
	}
	every := recordStamps(t, p)
	if len(every) != 6*4 {
		t.Fatalf("%d records, want 12 of extract (articles, catalog folders for the memory) and 12 of check: %v", len(every), every)
	}
	all := func(prefix string) []string {
		var out []string
		for k := range every {
			if strings.HasPrefix(k, prefix) {
				out = append(out, k)
			}
		}
		return out
	}
	// A folder's digest for the memory is of its catalogs alone (with
	// the source and target locales): a change to the glossary or to
	// other settings leaves it.
	articles := slices.DeleteFunc(all("extract/"), func(k string) bool { return strings.HasPrefix(k, "extract/memory/") })
	edit := func(rel, old, new string) func(t *testing.T) { return replaceIn(p, rel, old, new) }
	for _, c := range []struct {
		name   string
		change func(t *testing.T)
		want   []string // the records rewritten
	}{
		{"nothing", func(*testing.T) {}, nil},
		{"article", edit(project.ArticlePath("a02"), "second item", "second point"),
			[]string{"extract/a02", "check/uk/a02", "check/ru/a02"}},
		{"target catalog", edit(project.CatalogPath("a01", "ru"), "other: Второй пункт", "other: Второй элемент"),
			[]string{"extract/a01", "extract/memory/a01", "check/ru/a01"}},
		{"translation that the consistency finding names", edit(project.CatalogPath("a00", "uk"), "other: Другий пункт", "other: Другий елемент"),
			[]string{"extract/a00", "extract/memory/a00", "check/uk/a00"}},
		{"source catalog", edit(project.CatalogPath("a03", "en"), "first item of article 3", "first item of article 3 "),
			[]string{"extract/a03", "extract/memory/a03", "check/uk/a03", "check/ru/a03"}},
		{"glossary", func(t *testing.T) {
			write(t, p.Abs(project.GlossaryFile), "terms:\n  - id: icrc\n    en: [International Committee of the Red Cross]\n    uk:\n      approved: [\"Міжнародн* комітет* Червоного Хреста\"]\n")
		}, append(articles, all("check/")...)},
		{"l10n.yaml", func(t *testing.T) {
			write(t, p.Abs(project.ConfigFile), "source: en\nlocales: [uk, ru]\n")
		}, append(articles, all("check/")...)},
		{"spelling list", edit(project.SpellingFile, "Kharkiv", "Odesa"), all("check/")},
		// a05 links to a06, which the project has not yet; once a06 is
		// there, a05's HTML editions must link to a06's, although a05's
		// inputs did not change (the site did). Extract
		// writes a06's record on its next run (its catalogs were not
		// there to stamp before it read the article), and a05's anew:
		// its missing units were looked up in a memory that now has
		// a06's folder too.
		{"linked article added", func(t *testing.T) {
			write(t, p.Abs(project.ArticlePath("a06")), "# The next report\n\nThe committee visited 12 more prisoners of war.\n")
		}, []string{"extract/a05", "extract/memory/a06", "check/uk/a06", "check/ru/a06"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			// Files older than their records, as between two runs; a run
			// renews the records whose stamps moved.
			age(t, p)
			runAll(t, p)
			before := recordStamps(t, p)
			c.change(t)
			rep, eds, tree := runAll(t, p)
			after := recordStamps(t, p)
			var rewritten []string
			for k, v := range after {
				if before[k] != v {
					rewritten = append(rewritten, k)
				}
			}
			slices.Sort(rewritten)
			want := slices.Sorted(slices.Values(c.want))
			if !slices.Equal(rewritten, want) {
				t.Errorf("records rewritten:\n%v\nwant\n%v", rewritten, want)
			}
			// The same run without records.
			if err := os.RemoveAll(p.Abs(project.CacheDir)); err != nil {
				t.Fatal(err)
			}
			coldRep, coldEds, coldTree := runAll(t, p)
			if rep != coldRep {
				t.Errorf("check with records:\n%s\nwithout:\n%s", rep, coldRep)
			}
			if eds != coldEds {
				t.Errorf("build with records:\n%s\nwithout:\n%s", eds, coldEds)
			}
			sameTree(t, coldTree, tree)
		})
	}
}

// TestCheckRecordsGlossaryAlone: check run alone after the glossary
// changed, with no extract between them to write the glossary's notes
// into the catalogs (CI that runs only check), finds what a check
// without records finds. In TestRecordsWarmIsCold extract runs first, and
// the notes it writes change every catalog: no test failed with the
// glossary taken out of check's recipe.
func TestCheckRecordsGlossaryAlone(t *testing.T) {
	p := recordsProject(t)
	check := func() string {
		t.Helper()
		rep, err := lint.Run(p, lint.Options{})
		if err != nil {
			t.Fatal(err)
		}
		r, _ := json.Marshal(rep.Findings)
		return string(r)
	}
	before := check()
	age(t, p)
	write(t, p.Abs(project.GlossaryFile), "terms:\n  - id: second\n    en: [second item]\n    uk:\n      approved: [\"Другий елемент\"]\n")
	warm := check()
	if warm == before || !strings.Contains(warm, `"check":"glossary"`) {
		t.Fatalf("check after the glossary changed reports as before, or no glossary finding:\n%s", warm)
	}
	if err := os.RemoveAll(p.Abs(project.CacheDir)); err != nil {
		t.Fatal(err)
	}
	if cold := check(); warm != cold {
		t.Errorf("check with records after the glossary changed:\n%s\nwithout:\n%s", warm, cold)
	}
}

// TestRecordsStampCollision: a catalog rewritten behind l10n's back with
// the same size, its modification time set back to the recorded one (as
// a file rewritten within the file system's timestamp granularity has),
// is read again: its change time moved, which nobody can set back. A
// stamp that moves (touch) with the content unchanged changes nothing
// but the record.
func TestRecordsStampCollision(t *testing.T) {
	p := recordsProject(t)
	age(t, p)
	rep, _, _ := runAll(t, p)
	rel := p.Abs(project.CatalogPath("a01", "uk"))
	fi, err := os.Stat(rel)
	if err != nil {
		t.Fatal(err)
	}
	orig := read(t, rel)
	now := time.Now()
	if err := os.Chtimes(rel, now, now); err != nil {
		t.Fatal(err)
	}
	before := recordStamps(t, p)
	if again, _, _ := runAll(t, p); again != rep {
		t.Errorf("check after a touch:\n%s\nwant\n%s", again, rep)
	}
	after := recordStamps(t, p)
	for k, v := range after {
		if want := k == "check/uk/a01" || k == "extract/a01" || k == "extract/memory/a01"; (before[k] != v) != want {
			t.Errorf("after a touch of %s: record %s rewritten: %v", rel, k, before[k] != v)
		}
	}
	// The same size: a missing unit where there was a translation.
	data := string(orig)
	i := strings.Index(data, pseudoSecond)
	repl := `other: ""` + strings.Repeat(" ", len(pseudoSecond)-len(`other: ""`))
	write(t, rel, data[:i]+repl+data[i+len(repl):])
	if err := os.Chtimes(rel, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	if now, err := os.Stat(rel); err != nil || now.Size() != fi.Size() || !now.ModTime().Equal(fi.ModTime()) {
		t.Fatalf("the catalog's size and time moved: %v", err)
	}
	if again, _, _ := runAll(t, p); !strings.Contains(again, `"file":"locales/a01/uk.yaml","line":`) || !strings.Contains(again, `"check":"missing"`) {
		t.Errorf("check did not read again a catalog rewritten with the same size and time:\n%s", again)
	}
}

// TestBuildOutputsByHand checks that build makes again what someone
// changed under out/ since it last ran — an edition or an index page
// deleted, rewritten in place with the same size and its modification
// time set back, an edition of a gone article put back — and that an
// index page whose rows did not change is neither made again nor
// rewritten.
func TestBuildOutputsByHand(t *testing.T) {
	p := testProject(t, 4)
	if _, err := build.Run(p, build.Options{}); err != nil {
		t.Fatal(err)
	}
	built := corpus.Files(t, filepath.Join(p.Root, "out"))
	index := build.IndexRecordName("uk")
	was, ok := p.RecordsWritten("build")[index]
	if !ok {
		t.Fatalf("no record %s", index)
	}
	res, err := build.Run(p, build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Written) != 0 || res.Reused != 12 {
		t.Fatalf("nothing changed: wrote %v, reused %d", res.Written, res.Reused)
	}
	if now := p.RecordsWritten("build")[index]; !now.Equal(was) {
		t.Errorf("an index page whose rows did not change got a new record (%v, was %v)", now, was)
	}

	// In place, same size, modification time set back: only the change
	// time tells.
	sameSize := func(rel string) {
		path := filepath.Join(p.Root, rel)
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.WriteAt([]byte("X"), 10); err != nil {
			t.Fatal(err)
		}
		f.Close()
		if err := os.Chtimes(path, fi.ModTime(), fi.ModTime()); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(10 * time.Millisecond)
	sameSize(project.EditionPath("a01", "uk", ".html"))
	sameSize(build.IndexPath("uk"))
	for _, rel := range []string{project.EditionPath("a02", "ru", ".md"), build.IndexPath("ru")} {
		if err := os.Remove(filepath.Join(p.Root, rel)); err != nil {
			t.Fatal(err)
		}
	}
	res, err = build.Run(p, build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{project.EditionPath("a01", "uk", ".html"), project.EditionPath("a02", "ru", ".md"), build.IndexPath("uk"), build.IndexPath("ru")}
	slices.Sort(want)
	got := slices.Sorted(slices.Values(res.Written))
	if !slices.Equal(got, want) {
		t.Errorf("after edits by hand: wrote %v, want %v", got, want)
	}
	now := corpus.Files(t, filepath.Join(p.Root, "out"))
	for rel, data := range built {
		if !strings.HasPrefix(rel, ".cache") && now[rel] != data {
			t.Errorf("%s is not as built", rel)
		}
	}

	// An article goes (its catalogs stay); its editions go with it. Put
	// back by hand after that build, they go again.
	gone := filepath.Join(p.Root, project.ArticlePath("a03"))
	if err := os.Remove(gone); err != nil {
		t.Fatal(err)
	}
	res, err = build.Run(p, build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Removed) != 6 {
		t.Fatalf("article gone: removed %v, want its 6 editions", res.Removed)
	}
	if res, err = build.Run(p, build.Options{}); err != nil || len(res.Written)+len(res.Removed) != 0 {
		t.Fatalf("nothing changed: wrote %v, removed %v, %v", res.Written, res.Removed, err)
	}
	back := project.EditionPath("a03", "uk", ".html")
	if err := os.WriteFile(filepath.Join(p.Root, back), []byte(built[filepath.Join("uk", "a03.html")]), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err = build.Run(p, build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Removed, []string{back}) {
		t.Errorf("an edition of a gone article put back: removed %v, want %s", res.Removed, back)
	}
}

// TestIndexOrderKept: an index page made again because a row changed
// takes the order of its rows from its record while the titles are
// those it was sorted by, and sorts them again when a title changed:
// the page is the one a build without records makes, either way.
func TestIndexOrderKept(t *testing.T) {
	p := testProject(t, 5)
	if _, err := build.Run(p, build.Options{}); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(p.Root, build.IndexPath("uk"))
	cold := func() string {
		t.Helper()
		warm, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.RemoveAll(filepath.Join(p.Root, "out")); err != nil {
			t.Fatal(err)
		}
		if _, err := build.Run(p, build.Options{}); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		if string(warm) != string(data) {
			t.Errorf("the index page made from records differs from the one made without:\n%s\n---\n%s", warm, data)
		}
		return string(data)
	}
	edit := func(slug, to string) {
		t.Helper()
		rel := filepath.Join(p.Root, project.CatalogPath(slug, "uk"))
		data, err := os.ReadFile(rel)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(data), "\n")
		for i, l := range lines {
			if strings.HasPrefix(l, "  other: ") {
				lines[i] = "  other: " + to
				break
			}
		}
		if err := os.WriteFile(rel, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := build.Run(p, build.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	// A row's counts changed (a unit of a02 untranslated), its title not.
	untranslateSecond(t, p, "a02")
	if _, err := build.Run(p, build.Options{}); err != nil {
		t.Fatal(err)
	}
	cold()
	// A title changed so that its row goes first, then last.
	edit("a03", "⟦a — стаття три⟧")
	if got := cold(); strings.Index(got, "⟦a — стаття три⟧") > strings.Index(got, "a00.html") {
		t.Errorf("the renamed article is not listed first:\n%s", got)
	}
	edit("a03", "⟦я — стаття три⟧")
	if got := cold(); strings.Index(got, "⟦я — стаття три⟧") < strings.Index(got, "a00.html") {
		t.Error("the article renamed again is still listed first")
	}
}

// TestIndexFreshAfterChange checks that the build after one that remade
// an index page (a row's counts changed) finds the page fresh: its
// record says the page's size as written, so nothing changed costs
// nothing from the first run after a change on (the page was made and
// compared again once, as its record counted the bytes of the
// comparison and of the write).
func TestIndexFreshAfterChange(t *testing.T) {
	p := testProject(t, 5)
	if _, err := build.Run(p, build.Options{}); err != nil {
		t.Fatal(err)
	}
	// A unit of a02 untranslated: its row's counts change.
	untranslateSecond(t, p, "a02")
	page := filepath.Join(p.Root, build.IndexPath("uk"))
	before, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := build.Run(p, build.Options{}); err != nil {
		t.Fatal(err)
	}
	if after, err := os.ReadFile(page); err != nil || string(after) == string(before) {
		t.Fatalf("the index page did not change with a row's counts (%v)", err)
	}
	name := build.IndexRecordName("uk")
	written := p.RecordsWritten("build")[name]
	time.Sleep(10 * time.Millisecond)
	if _, err := build.Run(p, build.Options{}); err != nil {
		t.Fatal(err)
	}
	if again := p.RecordsWritten("build")[name]; !again.Equal(written) {
		t.Errorf("the build after the change made the index page again (its record written at %v, then %v)", written, again)
	}
}

// untranslateSecond empties the translation of the second unit of an
// article's uk catalog: its index row's counts change, its title not.
func untranslateSecond(t *testing.T, p *project.Project, slug string) {
	t.Helper()
	rel := filepath.Join(p.Root, project.CatalogPath(slug, "uk"))
	data, err := os.ReadFile(rel)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	n := 0
	for i, l := range lines {
		if strings.HasPrefix(l, "  other: ") {
			if n++; n == 2 {
				lines[i] = `  other: ""`
			}
		}
	}
	if err := os.WriteFile(rel, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
}
