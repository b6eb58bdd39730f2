package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
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
// the English word counts a translator plans by. An article that is gone
// has a row per catalog left, with every entry obsolete.
func (p *Project) Status(sel Selection) ([]StatusRow, error) {
	pk, err := p.pick(sel.Articles, sel.Locales, pickSurvey|pickDeleted)
	if err != nil {
		return nil, err
	}
	rows := []StatusRow{}
	for _, slug := range pk.slugs {
		a, err := p.loadArticle(slug)
		if err != nil {
			return nil, err
		}
		for _, loc := range pk.locales {
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
	for _, slug := range pk.deleted {
		for _, loc := range pk.locales {
			if loc == p.Source || !slices.Contains(pk.layout.catalogs(slug), loc) {
				continue
			}
			f, _, err := p.readCatalog(CatalogPath(slug, loc))
			if err != nil {
				return nil, err
			}
			rows = append(rows, StatusRow{Article: slug, Locale: loc, Obsolete: len(f.Entries) + len(f.Obsolete)})
		}
	}
	return rows, nil
}

func (a *article) status(f *catalog.File, loc string) StatusRow {
	r := StatusRow{Article: a.slug, Locale: loc, Units: len(a.doc.Units)}
	live := a.liveEntries(f)
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

// pseudoMark opens the header of a catalog that l10n pseudo wrote.
const pseudoMark = "Pseudo-translation"

// pseudoHeader is the header of a pseudo-translated catalog.
func pseudoHeader(slug, loc string) []string {
	return []string{
		fmt.Sprintf("%s (%s) of %s, written by `l10n pseudo`, which rewrites it: not a translation.", pseudoMark, loc, ArticlePath(slug)),
		"Each unit is its English with accented letters, about 30% longer and bracketed, to test editions before translations arrive.",
	}
}

// isPseudo reports whether a catalog's header marks it as l10n pseudo's.
func isPseudo(f *catalog.File) bool {
	for _, l := range f.Header {
		if strings.HasPrefix(l, "# "+pseudoMark) {
			return true
		}
	}
	return false
}

// Pseudo writes a pseudo-translated catalog (locale en-XA by default) for
// each article: every unit translated, so the edition can be built. It
// refuses the source locale, and a catalog that holds a translation: it
// writes only catalogs that it wrote before (their header says so) or
// that have no translation yet. Translator comments and obsolete entries
// are kept, as extract keeps them.
func (p *Project) Pseudo(sel Selection) ([]string, error) {
	locales := sel.Locales
	if len(locales) == 0 {
		locales = []string{pseudo.Locale}
	}
	pk, err := p.pick(sel.Articles, locales, pickSurvey)
	if err != nil {
		return nil, err
	}
	for _, loc := range pk.locales {
		if loc == p.Source {
			return nil, &InputError{Err: fmt.Errorf("%s is the source locale: pseudo writes a pseudo-locale such as %s", loc, pseudo.Locale)}
		}
		if slices.Contains(p.Locales, loc) {
			p.warn("%s is one of the project's locales: its catalogs without translations now hold pseudo-translations, which status counts as translated", loc)
		}
	}
	keep, err := p.keepNames()
	if err != nil {
		return nil, err
	}
	var writes []write
	for _, slug := range pk.slugs {
		a, err := p.loadArticle(slug)
		if err != nil {
			return nil, err
		}
		for _, loc := range pk.locales {
			rel := CatalogPath(slug, loc)
			old, snap, err := p.readCatalog(rel)
			if err != nil {
				return nil, err
			}
			if err := a.pseudoMayWrite(old, rel, keep); err != nil {
				return nil, err
			}
			f := a.mergeTarget(old)
			for i, e := range f.Entries {
				e.Other, e.Hash, e.Previous, e.Style = pseudo.Unit(a.doc, i, keep...), a.hash(i), "", 0
			}
			g := *f
			g.Header = ownHeader(f.Header)
			writes = append(writes, write{Rel: rel, Data: g.Encode(pseudoHeader(slug, loc), a.sourceNotes(loc, nil)), Snap: snap})
		}
	}
	return p.commitWrites(writes)
}

// pseudoMayWrite returns an error if pseudo must not rewrite a catalog:
// one that holds a translation, or one pseudo wrote whose text someone
// replaced by hand.
func (a *article) pseudoMayWrite(f *catalog.File, rel string, keep []string) error {
	refuse := func(e *catalog.Entry, why string) error {
		return &InputError{File: rel, Line: e.Line, Err: fmt.Errorf("%s %s: pseudo writes only its own catalogs (a pseudo-locale such as %s) and catalogs without translations; nothing written", e.ID, why, pseudo.Locale)}
	}
	if isPseudo(f) {
		live, _ := targetEntries(f)
		for i := range a.doc.Units {
			e := live[a.id(i)]
			if e != nil && e.Other != "" && e.Hash == a.hash(i) && e.Other != pseudo.Unit(a.doc, i, keep...) && !strings.Contains(e.Other, pseudo.Open) {
				return refuse(e, "was translated by hand in a pseudo catalog")
			}
		}
		return nil
	}
	for _, e := range append(append([]*catalog.Entry{}, f.Entries...), f.Obsolete...) {
		if strings.TrimSpace(e.Other) != "" {
			return refuse(e, "holds a translation")
		}
	}
	return nil
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

// Prune deletes the obsolete entries of the selected catalogs: the one
// command that drops translations. It touches only the locales it is
// given (all of the project's and the source when none is), and only
// catalogs that exist. The source catalog keeps an obsolete entry as long
// as a catalog that is not pruned keeps a translation of it as obsolete:
// that entry is what gives a paragraph that comes back its id, and so its
// translations. The catalogs of an article that is gone are all obsolete:
// prune deletes them, the source catalog last.
func (p *Project) Prune(sel Selection) ([]string, error) {
	pk, err := p.pick(sel.Articles, sel.Locales, pickSurvey|pickDeleted)
	if err != nil {
		return nil, err
	}
	pruneSource := len(sel.Locales) == 0 || slices.Contains(pk.locales, p.Source)
	var targets []string
	for _, loc := range pk.locales {
		if loc != p.Source {
			targets = append(targets, loc)
		}
	}
	g, err := p.readGlossary()
	if err != nil {
		return nil, err
	}
	var writes []write
	for _, slug := range pk.slugs {
		a, err := p.loadArticle(slug)
		if err != nil {
			return nil, err
		}
		kept := map[string]bool{} // obsolete ids a catalog not pruned keeps
		for _, loc := range pk.layout.catalogs(slug) {
			if loc == p.Source {
				continue
			}
			f, snap, err := p.targetFile(a, loc)
			if err != nil {
				return nil, err
			}
			if !slices.Contains(targets, loc) {
				for _, e := range f.Obsolete {
					kept[e.ID] = true
				}
				continue
			}
			f.Obsolete, f.ObsoleteEnd = nil, nil
			writes = append(writes, write{Rel: CatalogPath(slug, loc), Data: encodeTarget(f, slug, loc, a.sourceNotes(loc, g)), Snap: snap})
		}
		if pruneSource {
			var keep []int
			for _, k := range a.unused {
				if kept[a.knownE[k].ID] {
					keep = append(keep, k)
				}
			}
			a.unused = keep
			if len(keep) == 0 {
				a.en.ObsoleteEnd = nil
			}
			writes = append(writes, p.sourceCatalog(a))
		}
	}
	for _, slug := range pk.deleted {
		left := 0
		for _, loc := range pk.layout.catalogs(slug) {
			rel := CatalogPath(slug, loc)
			if loc == p.Source {
				continue
			}
			if !slices.Contains(targets, loc) {
				left++
				continue
			}
			snap, err := stage.Read(p.abs(rel))
			if err != nil {
				return nil, &InputError{File: rel, Err: err}
			}
			writes = append(writes, write{Rel: rel, Snap: snap, Remove: true})
		}
		if rel := CatalogPath(slug, p.Source); pruneSource && left == 0 && slices.Contains(pk.layout.catalogs(slug), p.Source) {
			snap, err := stage.Read(p.abs(rel))
			if err != nil {
				return nil, &InputError{File: rel, Err: err}
			}
			writes = append(writes, write{Rel: rel, Snap: snap, Remove: true})
		}
	}
	written, err := p.commitWrites(writes)
	for _, slug := range pk.deleted {
		// The folder goes with its last catalog.
		_ = os.Remove(p.abs(filepath.Join("locales", slug)))
	}
	return written, err
}
