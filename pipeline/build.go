package pipeline

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/edition"
	"github.com/l10n-dev/l10n/pipeline/segment"
)

// Policy says what build does with units that are missing or stale.
type Policy string

// Build policies.
const (
	// PolicyMark builds with the English source for missing units and
	// the stale translation for stale ones, and marks both visibly in
	// the HTML edition.
	PolicyMark Policy = "mark"
	// PolicyFail builds nothing for an edition with a missing or stale
	// unit and returns ErrIncomplete.
	PolicyFail Policy = "fail"
	// PolicyShip builds like PolicyMark, without marks.
	PolicyShip Policy = "ship"
)

// ParsePolicy checks a policy name.
func ParsePolicy(s string) (Policy, error) {
	switch p := Policy(s); p {
	case PolicyMark, PolicyFail, PolicyShip:
		return p, nil
	}
	return "", fmt.Errorf("unknown policy %q (want mark, fail or ship)", s)
}

// ErrIncomplete is returned by Build under PolicyFail when an edition has
// missing or stale units.
var ErrIncomplete = errors.New("editions incomplete")

// BuildOptions selects what build makes.
type BuildOptions struct {
	Articles []string
	Locales  []string // the project's target locales when empty
	Policy   Policy   // PolicyMark when empty
}

// Edition describes one built edition.
type Edition struct {
	Article string `json:"article"`
	Locale  string `json:"locale"`
	Missing int    `json:"missing"`
	Stale   int    `json:"stale"`
}

// BuildResult says what build did.
type BuildResult struct {
	Editions []Edition
	Written  []string
}

// Build writes the editions out/<locale>/<slug>.md and .html. Building the
// source locale reproduces each article byte for byte.
func (p *Project) Build(opts BuildOptions) (*BuildResult, error) {
	all, err := p.Articles()
	if err != nil {
		return nil, err
	}
	slugs, err := selectArticles(all, opts.Articles)
	if err != nil {
		return nil, err
	}
	locales, err := p.locales(opts.Locales)
	if err != nil {
		return nil, err
	}
	policy := opts.Policy
	if policy == "" {
		policy = PolicyMark
	}
	res := &BuildResult{}
	var writes []write
	var incomplete []string
	for n, slug := range slugs {
		a, err := p.loadArticle(slug)
		if err != nil {
			return nil, err
		}
		for _, loc := range locales {
			ed, md, page, err := p.buildEdition(a, loc, policy)
			if err != nil {
				return nil, err
			}
			res.Editions = append(res.Editions, ed)
			if policy == PolicyFail && ed.Missing+ed.Stale > 0 {
				incomplete = append(incomplete, fmt.Sprintf("%s: %d missing, %d stale", CatalogPath(slug, loc), ed.Missing, ed.Stale))
				continue
			}
			for _, out := range []struct {
				ext  string
				data []byte
			}{{".md", md}, {".html", page}} {
				rel := EditionPath(slug, loc, out.ext)
				snap, err := catalog.ReadSnapshot(p.abs(rel))
				if err != nil {
					return nil, err
				}
				writes = append(writes, write{rel: rel, data: out.data, snap: snap})
			}
		}
		if p.Progress != nil {
			p.Progress(n+1, len(slugs))
		}
	}
	if len(incomplete) > 0 {
		return res, fmt.Errorf("%w (policy fail): %s", ErrIncomplete, strings.Join(incomplete, "; "))
	}
	res.Written, err = p.commitWrites(writes)
	return res, err
}

// buildEdition makes one edition's Markdown and HTML.
func (p *Project) buildEdition(a *article, loc string, policy Policy) (Edition, []byte, []byte, error) {
	ed := Edition{Article: a.slug, Locale: loc}
	d := a.doc
	texts := make([]string, len(d.Units))
	states := make([]State, len(d.Units))
	source := loc == p.Source
	if source {
		for i := range d.Units {
			texts[i], states[i] = d.Units[i].Text, Translated
		}
	} else {
		rel := CatalogPath(a.slug, loc)
		if _, err := os.Stat(p.abs(rel)); err != nil {
			return ed, nil, nil, &InputError{File: rel, Err: fmt.Errorf("no catalog for locale %s: run `l10n extract --locale %s` (or `l10n pseudo --locale %s`)", loc, loc, loc)}
		}
		f, _, err := p.readCatalog(rel)
		if err != nil {
			return ed, nil, nil, err
		}
		live, _ := targetEntries(f)
		for i := range d.Units {
			e := live[a.id(i)]
			states[i] = stateOf(e, a.hash(i))
			switch states[i] {
			case Missing:
				ed.Missing++
				texts[i] = d.Units[i].Text
			case Stale:
				ed.Stale++
				texts[i] = edition.Sanitize(d, d.Units[i].Text, e.Other)
			default:
				texts[i] = edition.Sanitize(d, d.Units[i].Text, e.Other)
			}
		}
	}
	md, spans := d.RenderSpans(texts, source)
	// The HTML page holds the body only: front matter is metadata.
	body := d.Body
	for i := range d.Units {
		if d.Units[i].FrontMatter() {
			body = d.Body + spans[i].End - d.Units[i].Span().End
		}
	}
	var marks []edition.Mark
	if policy == PolicyMark {
		for i, st := range states {
			var m edition.Mark
			switch st {
			case Missing:
				m = edition.Mark{Class: "l10n-missing", Lang: p.Source}
			case Stale:
				m = edition.Mark{Class: "l10n-stale"}
			default:
				continue
			}
			m.Span = segment.Span{Start: spans[i].Start - body, End: spans[i].End - body}
			marks = append(marks, m)
		}
	}
	title := a.slug
	if i, ok := d.Title(); ok {
		if t := strings.TrimSpace(inlineText(d, texts[i], d.Units[i].FrontMatter())); t != "" {
			title = t
		}
	}
	page, err := edition.HTML(edition.Page{
		Lang: loc, Title: title, Markdown: md[body:], Marks: marks,
		SourceURLs: destinations(d),
	})
	if err != nil {
		return ed, nil, nil, fmt.Errorf("%s: rendering HTML: %w", EditionPath(a.slug, loc, ".html"), err)
	}
	return ed, md, page, nil
}

// inlineText returns the plain text of a unit's Markdown.
func inlineText(d *segment.Doc, s string, plain bool) string {
	if plain {
		return s
	}
	return edition.PlainText(d, s)
}

// destinations returns the link and image destinations of an article.
func destinations(d *segment.Doc) map[string]bool {
	out := map[string]bool{}
	for _, r := range d.Refs {
		out[string(r.Destination())] = true
	}
	for i := range d.Units {
		_ = ast.Walk(d.Inline(d.Units[i].Text), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if entering {
				switch n := n.(type) {
				case *ast.Link:
					out[string(n.Destination)] = true
				case *ast.Image:
					out[string(n.Destination)] = true
				}
			}
			return ast.WalkContinue, nil
		})
	}
	return out
}

// Clean removes the built editions.
func (p *Project) Clean() error {
	return os.RemoveAll(filepath.Join(p.Root, "out"))
}
