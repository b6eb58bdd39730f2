package serve

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/l10n-dev/l10n/cmd/l10n-corpus/newsgen"
	"github.com/l10n-dev/l10n/pipeline/project"
	"github.com/l10n-dev/l10n/pipeline/status"
)

// The benchmarks of the workbench run on generated news corpora (see
// cmd/l10n-corpus):
//
//	go test -run '^$' -bench . -benchmem ./pipeline/serve/

// benchServer writes a generated project of n articles and serves it.
func benchServer(b *testing.B, n int) (*Server, *project.Project) {
	b.Helper()
	dir := b.TempDir()
	if _, err := newsgen.Write(dir, newsgen.Options{N: n, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	p, err := project.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	s, err := New(p, Options{Addr: "127.0.0.1:8080"})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = s.Close() })
	return s, p
}

// serveOnce serves one request and checks its status.
func serveOnce(b *testing.B, s *Server, req *http.Request, want int) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	s.ServeHTTP(w, req)
	if w.Code != want {
		b.Fatalf("%s %s: %d %s", req.Method, req.URL, w.Code, w.Body.String())
	}
	return w
}

// BenchmarkDashboard serves the dashboard of a project of 1,000 articles
// in two locales (2,000 rows), once its rows are counted: what a
// reload costs when no file changed.
func BenchmarkDashboard(b *testing.B) {
	s, _ := benchServer(b, 1000)
	// The first request counts every article (l10n status); later ones
	// only the articles whose files changed.
	serveOnce(b, s, httptest.NewRequest("GET", "http://127.0.0.1:8080/", nil), 200)
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest("GET", "http://127.0.0.1:8080/", nil)
		serveOnce(b, s, req, 200)
	}
}

// unitsPerArticle is the size of the article the editor benchmarks
// open: an article with about 40 units.
const unitsPerArticle = 40

// editorArticle returns the corpus's article whose unit count is
// closest to unitsPerArticle.
func editorArticle(b *testing.B, p *project.Project) (string, int) {
	rows, err := status.Run(p, project.Selection{Locales: []string{"uk"}})
	if err != nil {
		b.Fatal(err)
	}
	best := rows[0]
	for _, r := range rows {
		if abs(r.Units-unitsPerArticle) < abs(best.Units-unitsPerArticle) {
			best = r
		}
	}
	return best.Article, best.Units
}

func abs(n int) int { return max(n, -n) }

// BenchmarkEditor serves the editor page of a 40-unit article (its
// checks, glossary hints and memory suggestions included), in a project
// of 40 articles.
func BenchmarkEditor(b *testing.B) {
	s, p := benchServer(b, 40)
	slug, units := editorArticle(b, p)
	b.ReportMetric(float64(units), "units")
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest("GET", "http://127.0.0.1:8080/edit/"+slug+"/uk", nil)
		serveOnce(b, s, req, 200)
	}
}

// BenchmarkCheckAPI checks one unit's text as the translator types:
// the request the page makes a moment after each pause in typing.
func BenchmarkCheckAPI(b *testing.B) {
	s, p := benchServer(b, 40)
	slug, _ := editorArticle(b, p)
	a, err := s.article(slug)
	if err != nil {
		b.Fatal(err)
	}
	f, _, err := s.pr.readCatalog(slug, "uk")
	if err != nil {
		b.Fatal(err)
	}
	// The longest translated unit.
	var req checkRequest
	for _, id := range a.ids {
		if e := f.Lookup(id); e != nil && len(e.Other) > len(req.Text) {
			req = checkRequest{Unit: id, Text: e.Other}
		}
	}
	body, _ := json.Marshal(req)
	b.SetBytes(int64(len(req.Text)))
	b.ReportAllocs()
	for b.Loop() {
		r := httptest.NewRequest("POST", "http://127.0.0.1:8080/api/check/"+slug+"/uk", strings.NewReader(string(body)))
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("X-L10n-Token", s.Token())
		serveOnce(b, s, r, 200)
	}
}
