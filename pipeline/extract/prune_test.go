package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/l10n-dev/l10n/internal/corpus"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// TestPruneSourceEnd: the comments after the source catalog's last
// obsolete entry stay while an obsolete entry does (a target catalog not
// pruned keeps its translation) and go with the last one.
func TestPruneSourceEnd(t *testing.T) {
	const note = "#~ # the desk: keep until March\n"
	root := t.TempDir()
	path := func(rel string) string { return filepath.Join(root, rel) }
	write := func(rel, data string) { corpus.WriteFiles(t, root, map[string]string{rel: data}) }
	read := func(rel string) string {
		t.Helper()
		data, err := os.ReadFile(path(rel))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	write(project.ConfigFile, "source: en\nlocales: [uk]\n")
	write(project.ArticlePath("a"), "Para one.\n\nPara two.\n")
	p, err := project.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	extract := func() {
		t.Helper()
		if _, err := Run(p, Options{}); err != nil {
			t.Fatal(err)
		}
	}
	extract()
	en, uk := project.CatalogPath("a", "en"), project.CatalogPath("a", "uk")
	write(uk, strings.ReplaceAll(read(uk), `other: ""`, "other: Переклад"))
	write(project.ArticlePath("a"), "Para one.\n")
	extract()
	write(en, read(en)+"#~\n"+note)

	if _, err := Prune(p, project.Selection{Locales: []string{"en"}}); err != nil {
		t.Fatal(err)
	}
	if s := read(en); !strings.Contains(s, "#~ p-para-two:") || !strings.HasSuffix(s, note) {
		t.Errorf("uk keeps the translation: the source catalog keeps the entry and the note after it:\n%s", s)
	}
	if _, err := Prune(p, project.Selection{}); err != nil {
		t.Fatal(err)
	}
	if s := read(en); strings.Contains(s, "#~") {
		t.Errorf("the source catalog after the last obsolete entry went:\n%s", s)
	}
}
