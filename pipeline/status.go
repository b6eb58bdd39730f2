package pipeline

import (
	"strings"
	"unicode"

	"github.com/l10n-dev/l10n/internal/stage"
	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/pseudo"
)

// Selection names articles and locales; empty means all articles and the
// project's target locales.
type Selection struct {
	Articles []string
	Locales  []string
}

// StatusRow is the translation state of one article in one locale.
type StatusRow struct {
	Article      string `json:"article"`
	Locale       string `json:"locale"`
	Units        int    `json:"units"`
	Translated   int    `json:"translated"`
	Missing      int    `json:"missing"`
	Stale        int    `json:"stale"`
	Obsolete     int    `json:"obsolete"`
	Words        int    `json:"words"`
	MissingWords int    `json:"missing_words"`
	StaleWords   int    `json:"stale_words"`
	Conflicts    int    `json:"conflicts"` // units with an import conflict to resolve (# l10n:conflict)
}

// Status counts the units of each article in each locale by state, with
// the English word counts a translator plans by.
func (p *Project) Status(sel Selection) ([]StatusRow, error) {
	slugs, locales, err := p.selection(sel.Articles, sel.Locales)
	if err != nil {
		return nil, err
	}
	rows := []StatusRow{}
	for _, slug := range slugs {
		a, err := p.loadArticle(slug)
		if err != nil {
			return nil, err
		}
		for _, loc := range locales {
			if loc == p.Source {
				continue
			}
			f, _, err := p.readCatalog(CatalogPath(slug, loc))
			if err != nil {
				return nil, err
			}
			rows = append(rows, a.status(f, loc))
		}
	}
	return rows, nil
}

func (a *article) status(f *catalog.File, loc string) StatusRow {
	r := StatusRow{Article: a.slug, Locale: loc, Units: len(a.doc.Units)}
	live, _ := targetEntries(f)
	current := map[string]bool{}
	for i := range a.doc.Units {
		current[a.id(i)] = true
		w := Words(a.doc.Units[i].Text)
		r.Words += w
		if len(conflicts(live[a.id(i)])) > 0 {
			r.Conflicts++
		}
		switch stateOf(live[a.id(i)], a.hash(i)) {
		case Missing:
			r.Missing++
			r.MissingWords += w
		case Stale:
			r.Stale++
			r.StaleWords += w
		default:
			r.Translated++
		}
	}
	r.Obsolete = len(f.Obsolete)
	for _, e := range f.Entries {
		if !current[e.ID] {
			r.Obsolete++
		}
	}
	return r
}

// Words counts the words of a unit's text, leaving out link destinations
// and Markdown punctuation.
func Words(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] == ']' && i+1 < len(s) && s[i+1] == '(' {
			if j := strings.IndexByte(s[i:], ')'); j > 0 {
				s = s[:i+1] + s[i+j+1:]
			}
		}
	}
	for _, f := range strings.Fields(s) {
		if strings.IndexFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			n++
		}
	}
	return n
}

// Pseudo writes a pseudo-translated catalog (locale en-XA by default) for
// each article: every unit translated, so the edition can be built.
func (p *Project) Pseudo(sel Selection) ([]string, error) {
	all, err := p.Articles()
	if err != nil {
		return nil, err
	}
	slugs, err := selectArticles(all, sel.Articles)
	if err != nil {
		return nil, err
	}
	locales := sel.Locales
	if len(locales) == 0 {
		locales = []string{pseudo.Locale}
	}
	if _, err := p.locales(locales); err != nil {
		return nil, err
	}
	keep, err := p.keepNames()
	if err != nil {
		return nil, err
	}
	var writes []write
	for _, slug := range slugs {
		a, err := p.loadArticle(slug)
		if err != nil {
			return nil, err
		}
		f := &catalog.File{}
		source := map[string]string{}
		for i := range a.doc.Units {
			f.Entries = append(f.Entries, &catalog.Entry{ID: a.id(i), Hash: a.hash(i), Other: pseudo.Unit(a.doc, i, keep...)})
			source[a.id(i)] = a.doc.Units[i].Text
		}
		notes := func(e *catalog.Entry) []string { return []string{"en: " + source[e.ID]} }
		for _, loc := range locales {
			rel := CatalogPath(slug, loc)
			snap, err := stage.Read(p.abs(rel))
			if err != nil {
				return nil, err
			}
			header := []string{"Pseudo-translation of " + ArticlePath(slug) + ", written by `l10n pseudo`: do not edit."}
			writes = append(writes, write{Rel: rel, Data: f.Encode(header, notes), Snap: snap})
		}
	}
	return p.commitWrites(writes)
}

// keepNames returns the glossary's keep-as-is names, which pseudo leaves
// unaccented as a translation must.
func (p *Project) keepNames() ([]string, error) {
	g, err := p.readGlossary()
	if err != nil || g == nil {
		return nil, err
	}
	var names []string
	for _, t := range g.Terms {
		if t.Keep {
			names = append(names, t.EN...)
		}
	}
	return names, nil
}

// Prune deletes the obsolete entries of the selected catalogs, source
// catalogs included: the one command that drops translations.
func (p *Project) Prune(sel Selection) ([]string, error) {
	slugs, locales, err := p.selection(sel.Articles, sel.Locales)
	if err != nil {
		return nil, err
	}
	g, err := p.readGlossary()
	if err != nil {
		return nil, err
	}
	var writes []write
	for _, slug := range slugs {
		a, err := p.loadArticle(slug)
		if err != nil {
			return nil, err
		}
		a.unused = nil
		writes = append(writes, p.sourceCatalog(a))
		for _, loc := range locales {
			if loc == p.Source {
				continue
			}
			f, snap, err := p.targetFile(a, loc)
			if err != nil {
				return nil, err
			}
			f.Obsolete = nil
			writes = append(writes, write{Rel: CatalogPath(slug, loc), Data: f.Encode(targetHeader(slug, loc), a.sourceNotes(loc, g)), Snap: snap})
		}
	}
	return p.commitWrites(writes)
}
