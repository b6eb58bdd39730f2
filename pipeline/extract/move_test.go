package extract

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/l10n-dev/l10n/internal/corpus"
	"github.com/l10n-dev/l10n/internal/stage"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// TestRenames: extract takes a new article without catalogs for a gone
// one renamed when at least half of the larger one's units have the same
// English; of several candidates the largest share wins, then the first
// slug, then the first gone article; each gone article goes to one new
// article, and each new article takes one. The Ukrainian translations go
// with their article.
func TestRenames(t *testing.T) {
	tests := []struct {
		name  string
		gone  map[string]string // slug: the paragraphs of its source catalog
		fresh map[string]string // slug: its paragraphs
		want  map[string]string // new slug: old slug
	}{
		{"two renames", map[string]string{"o1": "ABC", "o2": "DEF"}, map[string]string{"n1": "ABC", "n2": "DEFG"},
			map[string]string{"n1": "o1", "n2": "o2"}},
		{"two claim one gone article", map[string]string{"o1": "ABCD"}, map[string]string{"n1": "ABCD", "n2": "ABCX"},
			map[string]string{"n1": "o1"}},
		{"one claims two gone articles", map[string]string{"o1": "ABCD", "o2": "ABXY"}, map[string]string{"n1": "ABCD"},
			map[string]string{"n1": "o1"}},
		{"the larger share wins", map[string]string{"o1": "ABCD"}, map[string]string{"n-a": "ABXY", "n-b": "ABCY"},
			map[string]string{"n-b": "o1"}},
		{"half of the larger", map[string]string{"o1": "ABCD"}, map[string]string{"n1": "AB"},
			map[string]string{"n1": "o1"}},
		{"a third", map[string]string{"o1": "ABC"}, map[string]string{"n1": "AXY"},
			map[string]string{}},
		{"a tie goes to the first slug", map[string]string{"o1": "AB"}, map[string]string{"n-b": "AB", "n-a": "AB"},
			map[string]string{"n-a": "o1"}},
		{"a one-paragraph article", map[string]string{"o1": "A"}, map[string]string{"n1": "A"},
			map[string]string{"n1": "o1"}},
		{"the next best after a taken one", map[string]string{"o1": "ABC", "o2": "ABD"}, map[string]string{"n1": "ABC", "n2": "ABC"},
			map[string]string{"n1": "o1", "n2": "o2"}},
		{"a tie between gone articles goes to the first", map[string]string{"o-b": "AB", "o-a": "AB"}, map[string]string{"n1": "AB"},
			map[string]string{"n1": "o-a"}},
	}
	para := func(c rune) string { return "Paragraph " + string(c) + " of the story." }
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			write := func(rel, data string) { corpus.WriteFiles(t, root, map[string]string{rel: data}) }
			write(project.ConfigFile, "source: en\nlocales: [uk]\n")
			for old, units := range tt.gone {
				var en, uk strings.Builder
				for i, c := range units {
					id := "p-" + strings.ToLower(string(c))
					en.WriteString(id + ":\n  description: Paragraph\n  other: " + para(c) + "\n")
					if i == 0 {
						uk.WriteString(id + ":\n  other: Переклад " + old + "\n")
					}
				}
				write(project.CatalogPath(old, "en"), en.String())
				write(project.CatalogPath(old, "uk"), uk.String())
			}
			for slug, units := range tt.fresh {
				var md []string
				for _, c := range units {
					md = append(md, para(c))
				}
				write(project.ArticlePath(slug), strings.Join(md, "\n\n")+"\n")
			}
			p, err := project.Open(root)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Run(p, Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := res.Renamed
			if got == nil {
				got = map[string]string{}
			}
			if !maps.Equal(got, tt.want) {
				t.Fatalf("renamed %v, want %v", got, tt.want)
			}
			for slug, old := range tt.want {
				data, err := os.ReadFile(filepath.Join(root, project.CatalogPath(slug, "uk")))
				if err != nil || !strings.Contains(string(data), "Переклад "+old+"\n") {
					t.Errorf("%s's uk catalog does not hold %s's translation: %v\n%s", slug, old, err, data)
				}
				if _, err := os.Stat(filepath.Join(root, "locales", old)); !os.IsNotExist(err) {
					t.Errorf("%s's catalogs are still there: %v", old, err)
				}
			}
		})
	}
}

// TestFinishRenames: once the new catalogs are written, a rename removes
// the old ones it read — not one changed meanwhile, which stays, named in
// the error, with the folder — and moves the old folder's other files,
// leaving one whose name the new folder has.
func TestFinishRenames(t *testing.T) {
	setup := func(t *testing.T) (*project.Project, func(rel, data string)) {
		root := t.TempDir()
		p, err := project.Open(root)
		if err != nil {
			t.Fatal(err)
		}
		return p, func(rel, data string) { corpus.WriteFiles(t, root, map[string]string{rel: data}) }
	}
	read := func(t *testing.T, p *project.Project, rel string) movedFile {
		t.Helper()
		snap, err := stage.Read(p.Abs(rel))
		if err != nil {
			t.Fatal(err)
		}
		return movedFile{rel, snap}
	}
	exists := func(p *project.Project, rel string) bool {
		_, err := os.Stat(p.Abs(rel))
		return err == nil
	}
	uk, en, notes := project.CatalogPath("old", "uk"), project.CatalogPath("old", "en"), filepath.Join("locales", "old", "notes.txt")

	t.Run("done", func(t *testing.T) {
		p, write := setup(t)
		write(uk, "p-1:\n  other: Текст\n")
		write(en, "p-1:\n  other: Text\n")
		write(notes, "the desk's notes\n")
		write(project.CatalogPath("new", "uk"), "p-1:\n  other: Текст\n")
		moved := []movedFile{read(t, p, project.CatalogPath("old", "ru")), read(t, p, uk), read(t, p, en)} // ru: none
		if err := finishRenames(p, map[string]string{"new": "old"}, moved); err != nil {
			t.Fatal(err)
		}
		if exists(p, filepath.Join("locales", "old")) || !exists(p, filepath.Join("locales", "new", "notes.txt")) {
			t.Error("the old folder is still there, or its notes did not move")
		}
	})
	t.Run("changed meanwhile", func(t *testing.T) {
		p, write := setup(t)
		write(uk, "p-1:\n  other: Текст\n")
		write(en, "p-1:\n  other: Text\n")
		moved := []movedFile{read(t, p, en), read(t, p, uk)}
		write(uk, "p-1:\n  other: Текст, виправлений\n")
		err := finishRenames(p, map[string]string{"new": "old"}, moved)
		var ie *project.InputError
		if !errors.As(err, &ie) || ie.File != uk || !errors.Is(err, stage.ErrChanged) {
			t.Fatalf("got %v, want the changed catalog named", err)
		}
		if data, _ := os.ReadFile(p.Abs(uk)); string(data) != "p-1:\n  other: Текст, виправлений\n" {
			t.Errorf("the edited catalog: %q", data)
		}
		if !exists(p, filepath.Join("locales", "old")) {
			t.Error("the folder of the edited catalog is gone")
		}
	})
	t.Run("a name the new folder has", func(t *testing.T) {
		p, write := setup(t)
		write(notes, "the old notes\n")
		write(filepath.Join("locales", "new", "notes.txt"), "the new notes\n")
		err := finishRenames(p, map[string]string{"new": "old"}, nil)
		var ie *project.InputError
		if !errors.As(err, &ie) || ie.File != filepath.Join("locales", "new", "notes.txt") || !strings.Contains(err.Error(), "exists already") {
			t.Fatalf("got %v", err)
		}
		if data, _ := os.ReadFile(p.Abs(notes)); string(data) != "the old notes\n" {
			t.Errorf("the old notes: %q", data)
		}
	})
}

// TestMoveKeepsWork: l10n mv replaces the catalogs under the new name
// only when they hold no one's work — empty entries, English, a memory's
// unconfirmed pre-fill — and otherwise refuses, naming the file and the
// entry, with nothing moved: a translation after a pre-fill, a
// translator's comment alone, a section comment alone, a header comment,
// a file that is no catalog.
func TestMoveKeepsWork(t *testing.T) {
	const prefill = "#. tm: 100% from other-article\n# l10n:review\np-a:\n  other: Передзаповнено\n"
	tests := []struct {
		name string
		file string // under locales/new
		data string
		line int // of the error; 0: replaced
		err  string
	}{
		{"empty entries", "uk.yaml", "p-a:\n  other: \"\"\np-b:\n  other: \"\"\n", 0, ""},
		{"English", "en.yaml", "p-a:\n  other: Paragraph A.\n", 0, ""},
		{"a pre-fill", "uk.yaml", prefill, 0, ""},
		{"a translation after a pre-fill", "uk.yaml", prefill + "p-b:\n  other: Переклад\n", 5, "holds work"},
		{"a translator's comment", "uk.yaml", "# ask the desk\np-a:\n  other: \"\"\n", 2, "holds work"},
		{"a section comment", "uk.yaml", "p-a:\n  other: \"\"\n\n# The second half\n\np-b:\n  other: \"\"\n", 6, "holds work"},
		{"a header comment", "uk.yaml", "# kept by the desk\n\n# Top of the story\n\np-a:\n  other: \"\"\n", 0, "holds comments"},
		{"no catalog", "notes.txt", "the desk's notes\n", 0, "is not a catalog"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			files := map[string]string{
				project.ConfigFile:                       "source: en\nlocales: [uk]\n",
				project.ArticlePath("old"):               "Paragraph A.\n",
				project.CatalogPath("old", "en"):         "p-a:\n  description: Paragraph\n  other: Paragraph A.\n",
				project.CatalogPath("old", "uk"):         "p-a:\n  other: Абзац А.\n",
				filepath.Join("locales", "new", tt.file): tt.data,
			}
			corpus.WriteFiles(t, root, files)
			p, err := project.Open(root)
			if err != nil {
				t.Fatal(err)
			}
			done, err := Move(p, "old", "new")
			if tt.err == "" {
				if err != nil {
					t.Fatal(err)
				}
				want := []string{project.ArticlePath("old") + " → " + project.ArticlePath("new"), filepath.Join("locales", "old") + " → " + filepath.Join("locales", "new")}
				if !slices.Equal(done, want) {
					t.Errorf("moved %q, want %q", done, want)
				}
				if data, _ := os.ReadFile(filepath.Join(root, project.CatalogPath("new", "uk"))); string(data) != files[project.CatalogPath("old", "uk")] {
					t.Errorf("new's uk catalog after the move: %q", data)
				}
				return
			}
			var ie *project.InputError
			if !errors.As(err, &ie) || ie.File != filepath.Join("locales", "new", tt.file) || ie.Line != tt.line || !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("got %v (%+v), want %s:%d: %s", err, ie, filepath.Join("locales", "new", tt.file), tt.line, tt.err)
			}
			for rel, data := range files {
				if got, _ := os.ReadFile(filepath.Join(root, rel)); string(got) != data {
					t.Errorf("%s changed: %q", rel, got)
				}
			}
		})
	}
}
