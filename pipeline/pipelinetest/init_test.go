package pipelinetest_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/l10n-dev/l10n/pipeline/extract"
	"github.com/l10n-dev/l10n/pipeline/glossary"
	"github.com/l10n-dev/l10n/pipeline/project"
	"github.com/l10n-dev/l10n/pipeline/status"
)

// TestFindRoot finds the project's root from the root and from folders
// below it, and says outside one how to start one.
func TestFindRoot(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{"articles", "locales/x", "out/uk"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	want, _ := filepath.EvalSymlinks(root)
	for _, dir := range []string{root, filepath.Join(root, "articles"), filepath.Join(root, "locales", "x"), filepath.Join(root, "out", "uk")} {
		got, err := project.FindRoot(dir)
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		if g, _ := filepath.EvalSymlinks(got); g != want {
			t.Errorf("project.FindRoot(%s) = %s, want %s", dir, got, root)
		}
	}
	// l10n.yaml alone marks a root too: a project before its first
	// article.
	cfg := t.TempDir()
	if err := os.WriteFile(filepath.Join(cfg, project.ConfigFile), []byte("locales: [de]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := project.FindRoot(cfg); err != nil || got != cfg {
		t.Errorf("project.FindRoot(%s) = %s, %v", cfg, got, err)
	}
	_, err := project.FindRoot(t.TempDir())
	if !errors.Is(err, project.ErrNoProject) || !strings.Contains(err.Error(), "l10n init") || !strings.Contains(err.Error(), "-C") {
		t.Errorf("outside a project: %v", err)
	}
	var ie *project.InputError
	if _, err := project.FindRoot(filepath.Join(root, "nope")); !errors.As(err, &ie) || !strings.Contains(err.Error(), "no such project folder") {
		t.Errorf("a missing folder: %v", err)
	}
}

// TestInit makes a project, checks its files, and that a second project.Init
// keeps every file and a folder inside the project is refused.
func TestInit(t *testing.T) {
	dir := t.TempDir()
	res, err := project.Init(dir, project.InitOptions{Locales: []string{"UK", "de_AT"}})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{project.ConfigFile, project.GlossaryFile, "glossary.schema.json", ".gitignore", "articles" + string(filepath.Separator)}; !slices.Equal(res.Created, want) {
		t.Errorf("created %q, want %q", res.Created, want)
	}
	p, err := project.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if p.Source != "en" || !slices.Equal(p.Locales, []string{"uk", "de-AT"}) {
		t.Errorf("source %s, locales %q", p.Source, p.Locales)
	}
	if g, err := glossary.Load(filepath.Join(dir, project.GlossaryFile)); err != nil || g == nil {
		t.Errorf("glossary: %v", err)
	}
	first, _, _ := strings.Cut(readFile(t, filepath.Join(dir, project.GlossaryFile)), "\n")
	if first != "# yaml-language-server: $schema=glossary.schema.json" {
		t.Errorf("glossary's first line %q", first)
	}
	if s := readFile(t, filepath.Join(dir, "glossary.schema.json")); !strings.Contains(s, `"$schema"`) {
		t.Errorf("schema: %.80s", s)
	}
	ignore := readFile(t, filepath.Join(dir, ".gitignore"))
	for _, name := range []string{"out/", ".uk.yaml.l10n-tmp-123-0a1b2c3d4e5f6789", ".l10n.lock"} {
		if !ignored(ignore, name) {
			t.Errorf(".gitignore does not ignore %s", name)
		}
	}
	if ignored(ignore, "uk.yaml") || ignored(ignore, ".uk.yaml.tmp123") {
		t.Error(".gitignore ignores catalogs")
	}
	// Again: nothing made, nothing changed.
	if err := os.WriteFile(filepath.Join(dir, project.GlossaryFile), []byte("terms: []\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err = project.Init(dir, project.InitOptions{})
	if err != nil || len(res.Created) != 0 {
		t.Errorf("second init: %v, created %q", err, res.Created)
	}
	if s := readFile(t, filepath.Join(dir, project.GlossaryFile)); s != "terms: []\n" {
		t.Errorf("second init rewrote the glossary: %q", s)
	}
	if _, err := project.Init(dir, project.InitOptions{Locales: []string{"fr"}}); err == nil {
		t.Error("init with other locales than l10n.yaml's: no error")
	}
	if _, err := project.Init(filepath.Join(dir, "articles"), project.InitOptions{}); err == nil || !strings.Contains(err.Error(), "inside the project") {
		t.Errorf("init inside a project: %v", err)
	}
	for _, bad := range []string{"xx", "../uk", "en"} {
		if _, err := project.Init(t.TempDir(), project.InitOptions{Locales: []string{bad}}); err == nil {
			t.Errorf("init --locale %s: no error", bad)
		}
	}
}

// ignored reports whether a .gitignore's patterns match a file name.
func ignored(gitignore, name string) bool {
	for _, l := range strings.Split(gitignore, "\n") {
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		if ok, _ := filepath.Match(strings.TrimSuffix(l, "/"), strings.TrimSuffix(name, "/")); ok {
			return true
		}
	}
	return false
}

// TestAddLocale adds locales to a copy of the seed project: catalogs made
// for every article with every unit missing, l10n.yaml made or edited
// in place with its comments kept.
func TestAddLocale(t *testing.T) {
	tests := []struct {
		name, config string // "" for no l10n.yaml
		want         string
	}{
		{"no l10n.yaml", "", "# The l10n project: the articles' language and the target locales (see the l10n README, \"l10n.yaml\").\nsource: en\nlocales: [uk, ru, de]\n"},
		{"flow list", "source: en   # English\nlocales: [uk, ru]  # the desks\nbase_url: https://example.org/news/\n",
			"source: en   # English\nlocales: [uk, ru, de]  # the desks\nbase_url: https://example.org/news/\n"},
		{"block list", "# the project\nsource: en\n\nlocales:\n  - uk   # Ukrainian\n  - ru\n\nbase_url: https://example.org/news/\n",
			"# the project\nsource: en\n\nlocales:\n  - uk   # Ukrainian\n  - ru\n  - de\n\nbase_url: https://example.org/news/\n"},
		{"no locales key", "source: en\nbase_url: https://example.org/news/", "source: en\nbase_url: https://example.org/news/\nlocales: [uk, ru, de]\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := seedProject(t).Root
			if tt.config != "" {
				if err := os.WriteFile(filepath.Join(root, project.ConfigFile), []byte(tt.config), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			p, err := project.Open(root)
			if err != nil {
				t.Fatal(err)
			}
			res, err := extract.AddLocale(p, "DE")
			if err != nil {
				t.Fatal(err)
			}
			if got := readFile(t, filepath.Join(root, project.ConfigFile)); got != tt.want {
				t.Errorf("l10n.yaml:\n%s\nwant\n%s", got, tt.want)
			}
			slugs, _ := p.Articles()
			if !res.Added || !res.Config || res.Locale != "de" || len(res.Catalogs) != len(slugs) {
				t.Errorf("result %+v for %d articles", res, len(slugs))
			}
			rows, err := status.Run(p, project.Selection{Locales: []string{"de"}})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				if r.Units == 0 || r.Missing != r.Units {
					t.Errorf("%s de: %d units, %d missing", r.Article, r.Units, r.Missing)
				}
			}
			// Again: nothing to do.
			p, _ = project.Open(root)
			before := readFile(t, filepath.Join(root, project.ConfigFile))
			if res, err := extract.AddLocale(p, "de"); err != nil || res.Added || len(res.Catalogs) != 0 {
				t.Errorf("second add: %+v, %v", res, err)
			}
			if readFile(t, filepath.Join(root, project.ConfigFile)) != before {
				t.Error("second add changed l10n.yaml")
			}
		})
	}
	p := seedProject(t)
	for _, bad := range []string{"xx", "en", "uk/../x", ""} {
		if _, err := extract.AddLocale(p, bad); err == nil {
			t.Errorf("AddLocale(%q): no error", bad)
		}
	}
}
