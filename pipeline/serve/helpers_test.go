package serve

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/l10n-dev/l10n/pipeline/project"
)

// seed is the slug of the seed article.
const seed = "ngo-indifference-to-ukrainian-pows"

// seedProject copies the repository's seed article, its catalogs, the
// glossary and the word list into a new project.
func seedProject(t testing.TB) *project.Project {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "newsroom")
	files := []string{project.ArticlePath(seed), project.GlossaryFile, project.SpellingFile}
	for _, loc := range []string{"en", "uk", "ru"} {
		files = append(files, project.CatalogPath(seed, loc))
	}
	for _, rel := range files {
		data, err := os.ReadFile(filepath.Join("..", "..", rel))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, rel), data)
	}
	p, err := project.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func writeFile(t testing.TB, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t testing.TB, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// startServer serves a project's workbench on a loopback port for the
// test.
func startServer(t testing.TB, p *project.Project) (*Server, *httptest.Server) {
	t.Helper()
	return startServerWith(t, p, Options{})
}

// startServerWith is startServer with options (Addr is the test
// server's).
func startServerWith(t testing.TB, p *project.Project, opts Options) (*Server, *httptest.Server) {
	t.Helper()
	ts := httptest.NewUnstartedServer(nil)
	opts.Addr = ts.Listener.Addr().String()
	s, err := New(p, opts)
	if err != nil {
		t.Fatal(err)
	}
	ts.Config.Handler = s
	ts.Start()
	t.Cleanup(func() {
		ts.Close()
		_ = s.Close()
	})
	return s, ts
}

// catalogFile returns the path of the seed's catalog for a locale.
func catalogFile(p *project.Project, loc string) string {
	return filepath.Join(p.Root, project.CatalogPath(seed, loc))
}

var _ http.Handler = (*Server)(nil)
