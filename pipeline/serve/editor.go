package serve

import (
	"bytes"
	"errors"
	"html/template"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/yuin/goldmark"

	"github.com/l10n-dev/l10n/internal/fileerr"
	"github.com/l10n-dev/l10n/pipeline/check"
	"github.com/l10n-dev/l10n/pipeline/glossary"
	"github.com/l10n-dev/l10n/pipeline/segment"
)

// Unit states as the editor shows them.
const (
	stateMissing    = "missing"
	stateStale      = "stale"
	stateTranslated = "translated"
	// stateAbsent is a unit the catalog does not hold: extract has not
	// run since the article changed.
	stateAbsent = "absent"
)

// unitView is a unit as the editor shows it.
type unitView struct {
	ID    string
	Kind  string
	State string
	// Source is the English (inline Markdown); SourceHTML renders it.
	Source     string
	SourceHTML template.HTML
	// Text is the translation; Hash the entry's hash, as loaded: a save
	// sends both back, so that a change on disk meanwhile is noticed.
	Text, Hash string
	// SourceHash is the hash of the English as the page shows it.
	SourceHash string
	// Diff is the word-level change from the English a stale
	// translation was made from to the current English.
	Diff     []diffPart
	Hints    []hint
	Memory   []suggestion
	Findings []findingView
	Line     int
	// Rows is the height of the text area, in lines.
	Rows int
}

// findingView is a finding of l10n check, as the editor shows it.
type findingView struct {
	Check    string `json:"check"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

// hint is the glossary's advice on one term of a unit's English.
type hint struct {
	Text      string   // the term as the English has it
	Keep      bool     // a name: keep as is
	Approved  []string // approved forms in the locale
	Forbidden []string
	Note      string
}

// editorPage is what the editor template shows.
type editorPage struct {
	UI              *ui
	Slug, Locale    string
	Title           string
	LocaleName      string
	Units           []unitView
	ToDo, Findings  int
	Token           string
	Catalog         string
	SourceLang      string
	Translated, All int
}

// editor serves one article in one locale.
func (s *Server) editor(w http.ResponseWriter, r *http.Request) {
	u := interfaceLanguage(w, r)
	slug, loc, err := s.target(r)
	if err != nil {
		s.fail(w, r, u, err)
		return
	}
	page, err := s.editorData(u, slug, loc)
	if err != nil {
		s.fail(w, r, u, err)
		return
	}
	s.render(w, "editor.html", page)
}

// editorData gathers what the editor shows of an article in a locale.
func (s *Server) editorData(u *ui, slug, loc string) (*editorPage, error) {
	if _, err := s.glossary(); err != nil {
		return nil, err
	}
	a, err := s.article(slug)
	if err != nil {
		return nil, err
	}
	f, _, err := s.pr.readCatalog(slug, loc)
	if err != nil {
		return nil, err
	}
	found, err := s.pr.check(slug, loc)
	if err != nil {
		return nil, err
	}
	byUnit := map[string][]findingView{}
	for _, x := range found {
		byUnit[x.Unit] = append(byUnit[x.Unit], findingView{Check: x.Check, Severity: x.Severity.String(), Message: x.Message})
	}
	c := s.checker(loc).WithInline(a.doc.Tree)
	var asks []ask
	var asked []int // the units of asks, by their place in page.Units
	page := &editorPage{UI: u, Slug: slug, Locale: loc, Token: s.token, Title: slug,
		LocaleName: u.LanguageName(loc), Catalog: filepath.ToSlash(s.pr.catalogPath(slug, loc)),
		SourceLang: s.pr.source(), All: len(a.doc.Units)}
	if i, ok := a.doc.Title(); ok {
		page.Title = a.doc.Units[i].Text
	}
	for i := range a.doc.Units {
		unit := &a.doc.Units[i]
		id := a.ids[i]
		e := f.Lookup(id)
		v := unitView{ID: id, Kind: string(unit.Kind), Source: unit.Text,
			SourceHTML: inlineHTML(unit.Text, unit.FrontMatter()), State: a.stateOf(e, i), SourceHash: a.hashes[i]}
		if e != nil {
			v.Text, v.Hash, v.Line = e.Other, e.Hash, e.Line
		}
		for _, x := range byUnit[id] {
			switch x.Check {
			case check.Missing:
				if v.State != stateAbsent {
					v.State = stateMissing
				}
				continue
			case check.Stale:
				v.State = stateStale
				continue
			}
			v.Findings = append(v.Findings, x)
		}
		switch {
		case v.State == stateTranslated && e != nil:
			// l10n check ran without spelling, which the server's own
			// hunspell answers.
			for _, x := range suppressed(c.Spelling(parseUnit(c, a.doc, i, e.Other, false)), e) {
				if x.Check == check.Spelling {
					v.Findings = append(v.Findings, x)
				}
			}
		case v.State == stateStale && e != nil:
			// l10n check reports a stale unit as stale: the translator
			// revising it wants its content checked too.
			v.Findings = slices.Compact(slices.SortedStableFunc(slices.Values(append(s.checkText(a, i, loc, e), v.Findings...)),
				func(x, y findingView) int { return strings.Compare(x.Check+x.Message, y.Check+y.Message) }))
		}
		if v.State == stateStale && e != nil && e.Previous != "" {
			v.Diff = wordDiff(e.Previous, unit.Text)
		}
		v.Hints = hints(c.Terms(parseUnit(c, a.doc, i, unit.Text, true)), loc)
		if v.State != stateTranslated && v.State != stateAbsent {
			asks, asked = append(asks, ask{id, unit.Text}), append(asked, len(page.Units))
		}
		v.Rows = max(2, min(12, len(v.Text)/60+strings.Count(v.Text, "\n")+2))
		switch v.State {
		case stateMissing, stateStale:
			page.ToDo++
		case stateTranslated:
			page.Translated++
		}
		page.Findings += len(v.Findings)
		page.Units = append(page.Units, v)
	}
	for k, ms := range s.mem.suggest(slug, loc, asks) {
		page.Units[asked[k]].Memory = ms
	}
	return page, nil
}

// hints turns the glossary terms of a unit into advice for a locale.
func hints(hits []glossary.Hit, loc string) []hint {
	var out []hint
	for _, h := range hits {
		x := hint{Text: h.Text, Keep: h.Term.Keep, Note: h.Term.Note}
		if f := h.Term.Forms(loc); f != nil {
			for _, p := range f.Approved {
				x.Approved = append(x.Approved, p.Text)
			}
			for _, p := range f.Forbidden {
				x.Forbidden = append(x.Forbidden, p.Text)
			}
		}
		out = append(out, x)
	}
	return out
}

// inlineMarkdown returns the renderer of a unit's English for reading:
// goldmark's safe defaults (raw HTML is left out, dangerous URLs are
// dropped). It is made when the editor first renders a unit, not when
// l10n starts.
var inlineMarkdown = sync.OnceValue(func() goldmark.Markdown { return segment.Markdown() })

// inlineHTML renders a unit's English: inline Markdown, or plain text for
// a front-matter field.
func inlineHTML(text string, plain bool) template.HTML {
	if plain {
		return template.HTML(template.HTMLEscapeString(text))
	}
	var b bytes.Buffer
	if err := inlineMarkdown().Convert([]byte(text), &b); err != nil {
		return template.HTML(template.HTMLEscapeString(text))
	}
	out := strings.TrimSpace(b.String())
	// One paragraph: its content, inline.
	if strings.HasPrefix(out, "<p>") && strings.HasSuffix(out, "</p>") && strings.Count(out, "<p>") == 1 {
		out = out[3 : len(out)-4]
	}
	return template.HTML(out)
}

// cachedArticle is an article as last read, with the stamps of the files
// it was made from.
type cachedArticle struct {
	a     *article
	stamp string
}

// article returns an article, segmented again only when its file or its
// source catalog changed.
func (s *Server) article(slug string) (*article, error) {
	stamp := stamp(s.pr.root(), s.pr.articlePath(slug), s.pr.catalogPath(slug, s.pr.source()))
	s.mu.Lock()
	c := s.articles[slug]
	s.mu.Unlock()
	if c != nil && c.stamp == stamp {
		return c.a, nil
	}
	a, err := s.pr.loadArticle(slug)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.articles[slug] = &cachedArticle{a: a, stamp: stamp}
	s.mu.Unlock()
	return a, nil
}

// stamp returns the sizes and modification times of files under root:
// what changes when one of them is written.
func stamp(root string, rels ...string) string {
	var b strings.Builder
	for _, rel := range rels {
		if fi, err := os.Stat(filepath.Join(root, rel)); err == nil {
			b.WriteString(fi.ModTime().Format(time.RFC3339Nano))
			b.WriteByte('/')
			b.WriteString(strconv.FormatInt(fi.Size(), 10))
		}
		b.WriteByte(';')
	}
	return b.String()
}

// render writes a page.
func (s *Server) render(w http.ResponseWriter, name string, data any) {
	var b bytes.Buffer
	if err := s.pages.ExecuteTemplate(&b, name, data); err != nil {
		http.Error(w, "l10n serve: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", pagePolicy)
	_, _ = w.Write(b.Bytes())
}

// errorPage is what the error template shows.
type errorPage struct {
	UI      *ui
	Message string
}

// fail answers a request that failed: 404 for a name the project does
// not have, 400 for bad input (a file:line to fix), 500 otherwise.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, u *ui, err error) {
	code := http.StatusInternalServerError
	var fe *fileerr.Error
	switch {
	case errors.Is(err, errNotFound):
		code = http.StatusNotFound
	case errors.As(err, &fe):
		code = http.StatusBadRequest
	}
	msg := err.Error()
	if code == http.StatusNotFound {
		msg = u.T("serve-err-not-found")
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", pagePolicy)
	w.WriteHeader(code)
	_ = s.pages.ExecuteTemplate(w, "error.html", errorPage{UI: u, Message: msg})
}
