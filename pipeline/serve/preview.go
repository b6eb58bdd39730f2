package serve

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/edition"
	"github.com/l10n-dev/l10n/pipeline/project"
	"github.com/l10n-dev/l10n/pipeline/segment"
)

// preview serves the edition of an article in a locale as the catalog
// holds it (GET), or with the texts being edited in place of the saved
// ones (POST, form fields "u.<unit id>"): the page l10n build writes,
// with the units that are missing or stale marked, rendered by the
// edition package. It is framed by the editor, runs no script and loads
// nothing from elsewhere.
func (s *Server) preview(w http.ResponseWriter, r *http.Request) {
	u := interfaceLanguage(w, r)
	slug, loc, err := s.target(r)
	if err != nil {
		s.answerError(w, r, u, err)
		return
	}
	drafts := map[string]string{}
	if r.Method == http.MethodPost {
		if err := r.ParseForm(); err != nil {
			s.answerError(w, r, u, badRequest(err))
			return
		}
		for k, v := range r.PostForm {
			if id, ok := strings.CutPrefix(k, "u."); ok && len(v) > 0 {
				drafts[id] = strings.ReplaceAll(v[0], "\r\n", "\n")
			}
		}
	}
	a, err := s.article(slug)
	if err != nil {
		s.answerError(w, r, u, err)
		return
	}
	f, _, err := s.pr.readCatalog(slug, loc)
	if err != nil {
		s.answerError(w, r, u, err)
		return
	}
	page, err := renderEdition(a, loc, s.pr.source(), f, drafts)
	if err != nil {
		s.answerError(w, r, u, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", previewPolicy)
	_, _ = w.Write(page)
}

// renderEdition renders an article's HTML edition in a locale from a
// catalog in memory, drafts (by unit id) in place of its texts: each
// unit's translation, or its English where it is missing, marked as
// l10n build's default policy marks it (missing, stale, or pre-filled by
// the memory and not yet reviewed).
func renderEdition(a *article, loc, source string, f *catalog.File, drafts map[string]string) ([]byte, error) {
	d := a.doc
	texts := make([]string, len(d.Units))
	states := make([]string, len(d.Units))
	// review marks the translations the memory pre-filled that nobody
	// confirmed (build marks them so too); a draft that differs from the
	// saved text is the translator's own, and saving it confirms it.
	review := make([]bool, len(d.Units))
	for i := range d.Units {
		e := f.Lookup(a.ids[i])
		edited := false
		if t, ok := drafts[a.ids[i]]; ok && e != nil && t != e.Other {
			c := *e
			c.Other = t
			e, edited = &c, true
		}
		states[i] = a.stateOf(e, i)
		switch states[i] {
		case stateMissing, stateAbsent:
			texts[i] = d.Units[i].Text
		default:
			texts[i] = edition.Sanitize(d, d.Units[i].Text, e.Other)
			review[i] = states[i] == stateTranslated && !edited && project.NeedsReview(e)
		}
	}
	md, spans := d.RenderSpans(texts, false)
	body := d.Body
	for i := range d.Units {
		if d.Units[i].FrontMatter() {
			body = d.Body + spans[i].End - d.Units[i].Span().End
		}
	}
	title := a.slug
	var marks []edition.Mark
	var units []edition.Unit
	for i, st := range states {
		u := &d.Units[i]
		if u.Kind == segment.Title && strings.TrimSpace(texts[i]) != "" {
			title = texts[i]
		}
		if u.FrontMatter() {
			continue
		}
		span := segment.Span{Start: spans[i].Start - body, End: spans[i].End - body}
		switch st {
		case stateMissing, stateAbsent:
			marks = append(marks, edition.Mark{Span: span, Class: "l10n-missing", Lang: source})
		case stateStale:
			marks = append(marks, edition.Mark{Span: span, Class: "l10n-stale"})
		default:
			if review[i] {
				marks = append(marks, edition.Mark{Span: span, Class: "l10n-review"})
			}
		}
		units = append(units, edition.Unit{Span: span, ID: a.ids[i], Translated: st == stateTranslated || st == stateStale})
	}
	if i, ok := d.Title(); ok && !d.Units[i].FrontMatter() {
		title = edition.PlainText(d, texts[i])
	}
	page, err := edition.HTML(edition.Page{Lang: loc, Title: title, Markdown: md[body:], Marks: marks,
		SourceURLs: edition.SourceURLs(d), Units: units})
	if err != nil {
		return nil, fmt.Errorf("rendering the edition of %s in %s: %w", a.slug, loc, err)
	}
	return page, nil
}
