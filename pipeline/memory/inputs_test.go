package memory_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/l10n-dev/l10n/pipeline/memory"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// readInputs returns a project's memory inputs for its target locales,
// as extract reads them.
func readInputs(t *testing.T, p *project.Project) (memory.Inputs, []string) {
	t.Helper()
	l, err := p.ReadLayout()
	if err != nil {
		t.Fatal(err)
	}
	var targets []string
	for _, loc := range p.Locales {
		if loc != p.Source {
			targets = append(targets, loc)
		}
	}
	rs := p.OpenRecords("extract")
	defer rs.Abort()
	return memory.ReadInputs(p, l, targets, rs, false, nil), targets
}

// TestStamped: the stamps the inputs took of an article and its catalogs
// are those project.Stamps takes, nil where it gives nil (a catalog
// missing, an article deleted) or the inputs took none (a locale not the
// memory's, a folder they did not see).
func TestStamped(t *testing.T) {
	_, p, slugs := newsProject(t, 12, 7)
	noRU, deleted := slugs[3].Name(), slugs[5].Name()
	if err := os.Remove(p.Abs(project.CatalogPath(noRU, "ru"))); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(p.Abs(project.ArticlePath(deleted))); err != nil {
		t.Fatal(err)
	}
	in, targets := readInputs(t, p)
	locs := append([]string{p.Source}, targets...)
	if !slices.Contains(locs, "ru") || len(locs) < 3 {
		t.Fatalf("locales %v: the test needs ru and another target", locs)
	}
	stamps := func(slug string, locs []string) []project.Stamp {
		rels := []string{project.ArticlePath(slug)}
		for _, loc := range locs {
			rels = append(rels, project.CatalogPath(slug, loc))
		}
		return p.Stamps(rels...)
	}
	for _, d := range slugs {
		for _, ls := range [][]string{locs, locs[:1], locs[1:2], {}} {
			got, want := in.Stamped(d.Name(), ls), stamps(d.Name(), ls)
			if !slices.Equal(got, want) || (got == nil) != (want == nil) {
				t.Errorf("%s in %v: stamps %v, want %v", d.Name(), ls, got, want)
			}
		}
	}
	for _, c := range []struct {
		what, slug string
		locs       []string
	}{
		{"no ru catalog", noRU, locs},
		{"a deleted article", deleted, locs[:1]},
		{"a folder the inputs did not see", "a99999-none", locs[:1]},
		{"a locale not the memory's", slugs[0].Name(), []string{p.Source, "de"}},
	} {
		if got := in.Stamped(c.slug, c.locs); got != nil {
			t.Errorf("%s: stamps %v, want none", c.what, got)
		}
	}
	if got := in.Stamped(slugs[0].Name(), locs); len(got) != 1+len(locs) || cap(got) != len(got) {
		t.Errorf("stamps %v (room for %d), want %d and no room past them: an append must not write over the next folder's", got, cap(got), 1+len(locs))
	}
}

// TestUnchanged: a memory's inputs are unchanged while every file they
// stamped is as it was and no catalog of the memory's locales nor file
// of its TMX folder has come; any change to one of them, and only to
// one of them, says they changed.
func TestUnchanged(t *testing.T) {
	for _, c := range []struct {
		what   string
		change func(p *project.Project, slugs []os.DirEntry) error
		want   bool
	}{
		{"nothing", func(*project.Project, []os.DirEntry) error { return nil }, true},
		{"an article edited", func(p *project.Project, s []os.DirEntry) error {
			return appendTo(p.Abs(project.ArticlePath(s[2].Name())), "\nMore.\n")
		}, false},
		{"a catalog edited", func(p *project.Project, s []os.DirEntry) error {
			return appendTo(p.Abs(project.CatalogPath(s[4].Name(), "uk")), "\n")
		}, false},
		{"a source catalog edited", func(p *project.Project, s []os.DirEntry) error {
			return appendTo(p.Abs(project.CatalogPath(s[4].Name(), p.Source)), "\n")
		}, false},
		{"an article deleted", func(p *project.Project, s []os.DirEntry) error {
			return os.Remove(p.Abs(project.ArticlePath(s[6].Name())))
		}, false},
		{"a catalog come back", func(p *project.Project, s []os.DirEntry) error {
			return os.WriteFile(p.Abs(project.CatalogPath(s[1].Name(), "ru")), nil, 0o644)
		}, false},
		{"a new catalog folder", func(p *project.Project, _ []os.DirEntry) error {
			if err := os.MkdirAll(p.Abs(project.CatalogDir("a99999-new")), 0o755); err != nil {
				return err
			}
			return os.WriteFile(p.Abs(project.CatalogPath("a99999-new", "uk")), nil, 0o644)
		}, false},
		{"a catalog of another locale", func(p *project.Project, s []os.DirEntry) error {
			return os.WriteFile(p.Abs(project.CatalogPath(s[0].Name(), "de")), nil, 0o644)
		}, true},
		{"a new TMX file", func(p *project.Project, _ []os.DirEntry) error {
			return os.WriteFile(p.Abs(filepath.Join(project.MemoryDir, "new.tmx")), nil, 0o644)
		}, false},
		{"a TMX file edited", func(p *project.Project, _ []os.DirEntry) error {
			return appendTo(p.Abs(filepath.Join(project.MemoryDir, "old.tmx")), "\n")
		}, false},
	} {
		t.Run(c.what, func(t *testing.T) {
			_, p, slugs := newsProject(t, 8, 3)
			// A folder without its ru catalog, and a TMX file.
			if err := os.Remove(p.Abs(project.CatalogPath(slugs[1].Name(), "ru"))); err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(p.Abs(project.MemoryDir), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p.Abs(filepath.Join(project.MemoryDir, "old.tmx")), []byte("<tmx/>"), 0o644); err != nil {
				t.Fatal(err)
			}
			in, targets := readInputs(t, p)
			l := memory.NewCached(p, targets, in)
			if !memory.Unchanged(l) {
				t.Fatal("inputs changed before any change")
			}
			if err := c.change(p, slugs); err != nil {
				t.Fatal(err)
			}
			if got := memory.Unchanged(l); got != c.want {
				t.Errorf("unchanged = %v, want %v", got, c.want)
			}
		})
	}
}

// appendTo appends text to the file at path.
func appendTo(path, text string) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
