package pipeline_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/l10n-dev/l10n/pipeline"
)

// seedProject copies the seed article, its catalogs and the glossary of
// the repository into a new project.
func seedProject(t *testing.T) *pipeline.Project {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "newsroom")
	files := []string{pipeline.ArticlePath(seed), pipeline.GlossaryFile}
	for _, loc := range []string{"en", "uk", "ru"} {
		files = append(files, pipeline.CatalogPath(seed, loc))
	}
	for _, rel := range files {
		data, err := os.ReadFile(filepath.Join("..", rel))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, rel)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, rel), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := pipeline.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
