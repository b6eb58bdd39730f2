// Package serve is l10n's workbench: a local web application over a
// project's catalogs, served from the l10n binary by `l10n serve`. A
// dashboard lists every article in every locale with its counts, as
// l10n status gives them; an editor shows one article in one locale, each
// unit's English beside its translation, with the glossary's advice, the
// translation memory's suggestions, the findings of l10n check refreshed
// as the translator types, and a preview of the edition.
//
// Pages are rendered on the server (html/template) and read without
// JavaScript; a small script adds saving in place, the live checks and
// the keyboard. Assets are embedded; a page makes no request outside the
// server. Saves go through the project's one write path (internal/stage)
// and never overwrite a unit someone else changed on disk meanwhile.
//
// The server is meant for one machine: it checks the Host header of
// every request against the address it serves (against DNS rebinding),
// refuses state-changing requests from other origins or without its
// token (against cross-site request forgery), limits request bodies and
// accepts only the project's own articles and locales in its URLs.
package serve

import (
	"crypto/rand"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"sync"
	"time"

	"golang.org/x/text/language"

	"github.com/l10n-dev/l10n/pipeline/check"
	"github.com/l10n-dev/l10n/pipeline/glossary"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed assets
var assetFiles embed.FS

// maxBody is the largest request body the server reads: a unit's text
// is a paragraph; a preview carries an article's drafts.
const maxBody = 1 << 20

// Options configure a Server.
type Options struct {
	// Addr is the address the server is reached at, host:port, as the
	// listener has it: requests naming another host are refused.
	Addr string
	// Token is the server's secret for state-changing requests; a random
	// one when empty.
	Token string
	// LockWait is how long a save waits for another l10n command that
	// is writing the project (extract, import …) to release the project
	// lock: DefaultLockWait when 0; a negative wait gives up at once.
	LockWait time.Duration
}

// DefaultLockWait is how long a save waits for the project lock unless
// Options say otherwise.
const DefaultLockWait = 10 * time.Second

// Server is the workbench over one project. It is an http.Handler.
type Server struct {
	pr    *adapter
	hosts hostCheck
	token string
	wait  time.Duration // for the project lock
	pages *template.Template
	mux   *http.ServeMux

	// saving serialises the saves of this server (see save).
	saving sync.Mutex

	mu       sync.Mutex
	gloss    *glossary.Glossary
	checkers map[string]*check.Checker // by locale, for gloss
	// spellers are the hunspell processes, one per locale, started when
	// a unit of the locale is first checked; nil for a locale without.
	spellers map[string]*check.Speller
	words    []string // the project's word list
	articles map[string]*cachedArticle

	mem    *memory
	status statusCache
	// background is the count of the dashboard's rows begun at start.
	background sync.WaitGroup

	// beforeWrite, when set (by tests), runs as a save is about to write
	// the catalog it read, with the attempt's number: where another
	// program's write can fall between the two.
	beforeWrite func(attempt int)
}

// New returns the workbench over a project, to be reached at opts.Addr.
func New(p *Project, opts Options) (*Server, error) {
	hosts, err := newHostCheck(opts.Addr)
	if err != nil {
		return nil, err
	}
	s := &Server{pr: &adapter{p: p}, hosts: hosts, token: opts.Token, articles: map[string]*cachedArticle{},
		spellers: map[string]*check.Speller{}}
	if s.wait = opts.LockWait; s.wait == 0 {
		s.wait = DefaultLockWait
	}
	if s.token == "" {
		b := make([]byte, 24)
		if _, err := rand.Read(b); err != nil {
			return nil, err
		}
		s.token = hex.EncodeToString(b)
	}
	s.pages, err = template.New("").Funcs(templateFuncs).ParseFS(templateFiles, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("serve: templates: %w", err)
	}
	if _, err := s.glossary(); err != nil {
		return nil, err
	}
	if _, err := s.pr.articles(); err != nil {
		return nil, err
	}
	s.mem = newMemory(s.pr)
	s.routes()
	// Count the dashboard's rows while the first page loads.
	s.background.Go(func() { _, _ = s.status.rows(s.pr) })
	return s, nil
}

// Token returns the server's token for state-changing requests.
func (s *Server) Token() string { return s.token }

// routes sets up the server's pages and API.
func (s *Server) routes() {
	m := http.NewServeMux()
	assets, _ := fs.Sub(assetFiles, "assets")
	m.Handle("GET /assets/", http.StripPrefix("/assets/", http.FileServerFS(assets)))
	m.HandleFunc("GET /{$}", s.dashboard)
	m.HandleFunc("GET /edit/{slug}/{locale}", s.editor)
	m.HandleFunc("POST /save/{slug}/{locale}", s.save)
	m.HandleFunc("POST /api/check/{slug}/{locale}", s.checkUnit)
	m.HandleFunc("GET /preview/{slug}/{locale}", s.preview)
	m.HandleFunc("POST /preview/{slug}/{locale}", s.preview)
	s.mux = m
}

// ServeHTTP serves a request after the checks every request passes.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.guard(s.mux).ServeHTTP(w, r)
}

// glossary returns the project's glossary, reading it again, with the
// checkers made from it.
func (s *Server) glossary() (*glossary.Glossary, error) {
	g, err := s.pr.glossary()
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gloss = g
	s.checkers = map[string]*check.Checker{}
	s.words = s.pr.wordList()
	return g, nil
}

// checker returns the checker of a locale.
func (s *Server) checker(loc string) *check.Checker {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.checkers[loc]
	if c == nil {
		c = check.New(s.pr.source(), loc, s.gloss, nil)
		sp, ok := s.spellers[loc]
		if !ok {
			sp = startSpeller(loc)
			s.spellers[loc] = sp
		}
		if sp != nil {
			c = c.WithSpeller(sp, s.words)
		}
		s.checkers[loc] = c
	}
	return c
}

// startSpeller returns a hunspell speller for a locale, or nil when
// hunspell is not installed or the locale is a pseudo-locale (regions
// XA, XB, XC), whose words are no language's.
func startSpeller(loc string) *check.Speller {
	t, err := language.Parse(loc)
	if err != nil {
		return nil
	}
	if r, _ := t.Region(); r.String() == "XA" || r.String() == "XB" || r.String() == "XC" {
		return nil
	}
	sp, err := check.StartHunspell(check.DictionaryFor(loc))
	if err != nil {
		return nil
	}
	return sp
}

// Close ends the server's hunspell processes, once the count of the
// dashboard's rows begun at start is done.
func (s *Server) Close() error {
	s.background.Wait() // it writes status's records
	s.mu.Lock()
	defer s.mu.Unlock()
	var errs []error
	for loc, sp := range s.spellers {
		if sp != nil {
			errs = append(errs, sp.Close())
		}
		delete(s.spellers, loc)
	}
	s.checkers = map[string]*check.Checker{}
	return errors.Join(errs...)
}

// errNotFound is an article or locale the project does not have.
var errNotFound = errors.New("no such article or locale in this project")

// target returns the article and locale a request names, checked against
// the project's lists: no other name reaches the file system.
func (s *Server) target(r *http.Request) (slug, loc string, err error) {
	slug, loc = r.PathValue("slug"), r.PathValue("locale")
	if !s.pr.validLocale(loc) {
		return "", "", errNotFound
	}
	slugs, err := s.pr.articles()
	if err != nil {
		return "", "", err
	}
	for _, a := range slugs {
		if a == slug {
			return slug, loc, nil
		}
	}
	return "", "", errNotFound
}
