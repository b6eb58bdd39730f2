package pipelinetest_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/l10n-dev/l10n/internal/corpus"
	"github.com/l10n-dev/l10n/internal/stage"
	"github.com/l10n-dev/l10n/pipeline/build"
	"github.com/l10n-dev/l10n/pipeline/extract"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// testProject writes a small project of n articles, with uk and ru
// catalogs fully translated by pseudo.
func testProject(t *testing.T, n int) *project.Project {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "articles"), 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		src := fmt.Sprintf("# project.Article %d\n\nThe International Committee of the Red Cross said on Monday that %d prisoners of war were visited.\n\n> A quote with [a link](https://example.com/%d) in it.\n\n- first item of article %d\n- second item\n", i, 100+i, i, i)
		if err := os.WriteFile(filepath.Join(dir, project.ArticlePath(fmt.Sprintf("a%02d", i))), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := project.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := extract.Run(p, extract.Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := extract.Pseudo(p, project.Selection{Locales: []string{"uk", "ru"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := extract.Run(p, extract.Options{}); err != nil {
		t.Fatal(err)
	}
	return p
}

func sameTree(t *testing.T, before, after map[string]string) {
	t.Helper()
	for k, v := range before {
		if w, ok := after[k]; !ok {
			t.Errorf("%s was removed", k)
		} else if w != v {
			t.Errorf("%s was changed", k)
		}
	}
	for k := range after {
		if _, ok := before[k]; !ok {
			t.Errorf("%s was left behind", k)
		}
	}
}

func TestExtractUnchangedWritesNothing(t *testing.T) {
	p := testProject(t, 12)
	run := func() {
		t.Helper()
		res, err := extract.Run(p, extract.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Written) > 0 {
			t.Errorf("extract of unchanged articles wrote %v", res.Written)
		}
	}
	// The setup's last extract may have written its records within the
	// file system's timestamp granularity of the catalogs pseudo wrote
	// just before: such a catalog is racily clean (project.Record.Fresh),
	// so the next extract compares it by content and writes its record
	// again (and no catalog). Past that granularity, one such extract
	// leaves records newer than every input.
	time.Sleep(20 * time.Millisecond)
	run()
	before := corpus.Files(t, p.Root)
	run()
	sameTree(t, before, corpus.Files(t, p.Root))
}

func TestExtractWritesNothingOnError(t *testing.T) {
	p := testProject(t, 12)
	// Article 1 changes (its catalogs would be written); a catalog of
	// article 9 is broken.
	if err := os.WriteFile(filepath.Join(p.Root, project.ArticlePath("a01")), []byte("# Changed\n\nNew text of the first paragraph here.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := project.CatalogPath("a09", "ru")
	if err := os.WriteFile(filepath.Join(p.Root, bad), []byte("p-x:\n  other: [unclosed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := corpus.Files(t, p.Root)
	_, err := extract.Run(p, extract.Options{})
	var ie *project.InputError
	if !errors.As(err, &ie) || ie.File != bad {
		t.Fatalf("error %v, want an input error in %s", err, bad)
	}
	sameTree(t, before, corpus.Files(t, p.Root))
}

func TestBuildIncremental(t *testing.T) {
	p := testProject(t, 12)
	first, err := build.Run(p, build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Each article in en, uk and ru, .md and .html, and each locale's index.
	if first.Reused != 0 || len(first.Written) != 12*3*2+3 {
		t.Fatalf("first build: reused %d, wrote %d files", first.Reused, len(first.Written))
	}
	for _, w := range first.Written {
		if strings.Contains(w, ".cache") {
			t.Errorf("Written lists a build record: %s", w)
		}
	}
	built := corpus.Files(t, filepath.Join(p.Root, "out"))

	second, err := build.Run(p, build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if second.Reused != 36 || len(second.Written) != 0 {
		t.Errorf("second build: reused %d, wrote %v", second.Reused, second.Written)
	}
	for i := range second.Editions {
		if !second.Editions[i].Reused {
			t.Errorf("%v not reused", second.Editions[i])
		}
		second.Editions[i].Reused = false
	}
	if fmt.Sprint(second.Editions) != fmt.Sprint(first.Editions) {
		t.Errorf("editions differ:\n%v\n%v", second.Editions, first.Editions)
	}

	// One unit of one catalog changes (its title): one edition is built
	// again, and its locale's index.
	uk := filepath.Join(p.Root, project.CatalogPath("a05", "uk"))
	data, _ := os.ReadFile(uk)
	data = []byte(strings.Replace(string(data), "other: ", "other: Змінено ", 1))
	if err := os.WriteFile(uk, data, 0o644); err != nil {
		t.Fatal(err)
	}
	third, err := build.Run(p, build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{project.EditionPath("a05", "uk", ".md"), project.EditionPath("a05", "uk", ".html"), build.IndexPath("uk")}
	if third.Reused != 35 || fmt.Sprint(third.Written) != fmt.Sprint(want) {
		t.Errorf("after one change: reused %d, wrote %v, want 35 and %v", third.Reused, third.Written, want)
	}

	// Touched inputs with the same content: nothing is built, and the
	// records take the new times.
	later := time.Now().Add(time.Hour)
	ru := filepath.Join(p.Root, project.CatalogPath("a03", "ru"))
	was := p.RecordsWritten("build")[build.RecordName("a03", "ru")]
	if err := os.Chtimes(ru, later, later); err != nil {
		t.Fatal(err)
	}
	touched, err := build.Run(p, build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if touched.Reused != 36 || len(touched.Written) != 0 {
		t.Errorf("after touch: reused %d, wrote %v", touched.Reused, touched.Written)
	}
	if now := p.RecordsWritten("build")[build.RecordName("a03", "ru")]; !now.After(was) {
		t.Errorf("record not renewed: written %v, before the touch %v", now, was)
	}

	// An edition changed or removed by hand is built again.
	html := filepath.Join(p.Root, project.EditionPath("a07", "ru", ".html"))
	time.Sleep(10 * time.Millisecond)
	if err := os.WriteFile(html, []byte("edited"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(p.Root, project.EditionPath("a08", "uk", ".md"))); err != nil {
		t.Fatal(err)
	}
	fourth, err := build.Run(p, build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if fourth.Reused != 34 {
		t.Errorf("after hand edits: reused %d, want 34", fourth.Reused)
	}
	now := corpus.Files(t, filepath.Join(p.Root, "out"))
	for _, rel := range []string{"ru/a07.html", "uk/a08.md"} {
		if now[rel] != built[rel] {
			t.Errorf("%s not rebuilt", rel)
		}
	}

	// A new policy, and Force, build everything.
	if res, err := build.Run(p, build.Options{Policy: build.PolicyShip}); err != nil || res.Reused != 0 {
		t.Errorf("new policy: reused %d, %v", res.Reused, err)
	}
	if res, err := build.Run(p, build.Options{Policy: build.PolicyShip, Force: true}); err != nil || res.Reused != 0 {
		t.Errorf("force: reused %d, %v", res.Reused, err)
	}
}

// TestBuildSameAsForced checks that reused editions are the ones a full
// build makes, and that a failing policy still writes nothing.
func TestBuildSameAsForced(t *testing.T) {
	p := testProject(t, 6)
	uk := filepath.Join(p.Root, project.CatalogPath("a02", "uk"))
	data, _ := os.ReadFile(uk)
	data = []byte(strings.Replace(string(data), "other: ", "other: \"\"\n  #", 1))
	if err := os.WriteFile(uk, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := build.Run(p, build.Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := build.Run(p, build.Options{}); err != nil {
		t.Fatal(err)
	}
	cached := corpus.Files(t, filepath.Join(p.Root, "out"))
	record := build.RecordName("a01", "ru")
	stamp, ok := p.RecordsWritten("build")[record]
	if !ok {
		t.Fatalf("no record %s", record)
	}
	time.Sleep(10 * time.Millisecond)
	if _, err := build.Run(p, build.Options{Force: true}); err != nil {
		t.Fatal(err)
	}
	sameTree(t, cached, corpus.Files(t, filepath.Join(p.Root, "out")))
	if after := p.RecordsWritten("build")[record]; !after.Equal(stamp) {
		t.Errorf("a forced build of unchanged editions rewrote the record %s", record)
	}

	before := corpus.Files(t, p.Root)
	res, err := build.Run(p, build.Options{Policy: build.PolicyFail})
	if !errors.Is(err, build.ErrIncomplete) || !strings.Contains(err.Error(), project.CatalogPath("a02", "uk")) {
		t.Fatalf("policy fail: %v", err)
	}
	if len(res.Written) > 0 {
		t.Errorf("policy fail wrote %v", res.Written)
	}
	sameTree(t, before, corpus.Files(t, p.Root))
}

// TestBuildReuseStaysInside checks that an edition is not reused once an
// input has become a link that leaves the project, even to the same bytes.
func TestBuildReuseStaysInside(t *testing.T) {
	p := testProject(t, 3)
	if _, err := build.Run(p, build.Options{}); err != nil {
		t.Fatal(err)
	}
	art := filepath.Join(p.Root, project.ArticlePath("a01"))
	data, err := os.ReadFile(art)
	if err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(t.TempDir(), "a01.md")
	if err := os.WriteFile(outside, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(art); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, art); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	_, err = build.Run(p, build.Options{})
	var ie *project.InputError
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), "outside the project") {
		t.Fatalf("build with an article outside the project: %v", err)
	}
}

// TestExtractRefusesConcurrentEdit saves a catalog while extract runs:
// extract must stop with ErrChanged and replace nothing.
func TestExtractRefusesConcurrentEdit(t *testing.T) {
	p := testProject(t, 10)
	// Every catalog would be rewritten.
	for i := range 10 {
		art := filepath.Join(p.Root, project.ArticlePath(fmt.Sprintf("a%02d", i)))
		data, _ := os.ReadFile(art)
		if err := os.WriteFile(art, append(data, []byte("\nA new closing paragraph for every article.\n")...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	saved := filepath.Join(p.Root, project.CatalogPath("a02", "uk"))
	var before map[string]string
	p.Progress = func(done, total int) {
		if done == total {
			// A translator saves after extract read the catalog.
			data, _ := os.ReadFile(saved)
			if err := os.WriteFile(saved, append(data, []byte("# saved meanwhile\n")...), 0o644); err != nil {
				t.Error(err)
			}
			before = corpus.Files(t, p.Root)
			for rel := range before {
				if strings.Contains(rel, ".l10n-") {
					delete(before, rel) // staged, to be removed
				}
			}
		}
	}
	_, err := extract.Run(p, extract.Options{})
	if !errors.Is(err, stage.ErrChanged) {
		t.Fatalf("error %v, want ErrChanged", err)
	}
	sameTree(t, before, corpus.Files(t, p.Root))
}
