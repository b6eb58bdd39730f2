package extract

import (
	"fmt"
	"slices"
	"strings"

	"github.com/l10n-dev/l10n/internal/stage"
	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/project"
	"github.com/l10n-dev/l10n/pipeline/pseudo"
)

// Pseudo writes a pseudo-translated catalog (locale en-XA by default) for
// each article: every unit translated, so the edition can be built. It
// refuses the source locale, and a catalog that holds a translation: it
// writes only catalogs that it wrote before (their header says so) or
// that have no translation yet. Translator comments and obsolete entries
// are kept, as extract keeps them.
func Pseudo(p *project.Project, sel project.Selection) ([]string, error) {
	locales := sel.Locales
	if len(locales) == 0 {
		locales = []string{pseudo.Locale}
	}
	pk, err := p.Pick(sel.Articles, locales, project.PickSurvey)
	if err != nil {
		return nil, err
	}
	for _, loc := range pk.Locales {
		if loc == p.Source {
			return nil, &project.InputError{Err: fmt.Errorf("%s is the source locale: pseudo writes a pseudo-locale such as %s", loc, pseudo.Locale)}
		}
		if slices.Contains(p.Locales, loc) {
			p.Warnf("%s is one of the project's locales: its catalogs without translations now hold pseudo-translations, which status counts as translated", loc)
		}
	}
	keep, err := keepNames(p)
	if err != nil {
		return nil, err
	}
	var writes []stage.File
	for _, slug := range pk.Slugs {
		a, err := p.LoadArticle(slug)
		if err != nil {
			return nil, err
		}
		for _, loc := range pk.Locales {
			rel := project.CatalogPath(slug, loc)
			old, snap, err := p.ReadCatalog(rel)
			if err != nil {
				return nil, err
			}
			if err := pseudoMayWrite(a, old, rel, keep); err != nil {
				return nil, err
			}
			f := a.MergeTarget(old)
			for i, e := range f.Entries {
				e.Other, e.Hash, e.Previous, e.Style = pseudo.Unit(a.Doc, i, keep...), a.Hash(i), "", 0
			}
			g := *f
			g.Header = project.OwnHeader(f.Header)
			writes = append(writes, stage.File{Rel: rel, Data: g.Encode(project.PseudoHeader(slug, loc), a.SourceNotes(loc, nil)), Snap: snap})
		}
	}
	return stage.Files(p.Root, writes)
}

// pseudoMayWrite returns an error if pseudo must not rewrite a catalog:
// one that holds a translation, or one pseudo wrote whose text someone
// replaced by hand.
func pseudoMayWrite(a *project.Article, f *catalog.File, rel string, keep []string) error {
	refuse := func(e *catalog.Entry, why string) error {
		return &project.InputError{File: rel, Line: e.Line, Err: fmt.Errorf("%s %s: pseudo writes only its own catalogs (a pseudo-locale such as %s) and catalogs without translations; nothing written", e.ID, why, pseudo.Locale)}
	}
	if project.IsPseudo(f) {
		live, _ := project.TargetEntries(f)
		for i := range a.Doc.Units {
			e := live[a.ID(i)]
			if e != nil && e.Other != "" && e.Hash == a.Hash(i) && e.Other != pseudo.Unit(a.Doc, i, keep...) && !strings.Contains(e.Other, pseudo.Open) {
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
func keepNames(p *project.Project) ([]string, error) {
	g, err := p.ReadGlossary()
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
