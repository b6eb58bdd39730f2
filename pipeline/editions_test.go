package pipeline_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/l10n-dev/l10n/pipeline"
	"github.com/l10n-dev/l10n/pipeline/segment"
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

var (
	noteComment = regexp.MustCompile(`<!-- l10n (missing|stale) [^>]*-->`)
	// tagSpace is white space next to a tag, where HTML ignores it.
	tagSpace = regexp.MustCompile(`\s*(<[^>]*>)\s*`)
)

// TestMarkdownNotesKeepStructure builds every spec example untranslated
// under PolicyMark: each unit gets a note, and the Markdown edition renders
// to the source's HTML once the notes (HTML comments) are taken out, so no
// note moves a block out of its list, quote or table.
func TestMarkdownNotesKeepStructure(t *testing.T) {
	p, examples := specProject(t)
	if _, err := p.Extract(pipeline.ExtractOptions{Locales: []string{"uk"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Build(pipeline.BuildOptions{Locales: []string{"uk"}}); err != nil {
		t.Fatal(err)
	}
	notes := 0
	for slug, src := range examples {
		d, err := segment.Parse([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(filepath.Join(p.Root, pipeline.EditionPath(slug, "uk", ".md")))
		if err != nil {
			t.Fatal(err)
		}
		md := string(data)
		n := strings.Count(md, "<!-- l10n missing ")
		notes += n
		if n != len(d.Units) {
			t.Errorf("%s: %d notes for %d units:\n%s", slug, n, len(d.Units), md)
		}
		got := tagSpace.ReplaceAllString(noteComment.ReplaceAllString(render(t, data), ""), "$1")
		if want := tagSpace.ReplaceAllString(render(t, []byte(src)), "$1"); got != want {
			t.Errorf("%s: the notes change the page:\nsource %q\nedition %q\n got %q\nwant %q", slug, src, md, got, want)
		}
	}
	if notes < 500 {
		t.Errorf("only %d notes", notes)
	}
}
