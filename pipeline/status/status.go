// Package status is the stage that counts the units of each article in
// each locale by state (translated, stale, missing, obsolete), with the
// source word counts a translator plans by.
package status

import (
	"slices"

	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// Row is the translation state of one article in one locale. Every unit
// is translated, to review, missing or stale.
type Row struct {
	Article    string `json:"article"`
	Locale     string `json:"locale"`
	Units      int    `json:"units"`
	Translated int    `json:"translated"`
	// Review counts the units pre-filled from the translation memory
	// that nobody has confirmed yet (# l10n:review): not in Translated.
	Review       int `json:"review"`
	Missing      int `json:"missing"`
	Stale        int `json:"stale"`
	Obsolete     int `json:"obsolete"`
	Words        int `json:"words"`
	MissingWords int `json:"missing_words"`
	StaleWords   int `json:"stale_words"`
	ReviewWords  int `json:"review_words"`
	Conflicts    int `json:"conflicts"` // units with an import conflict to resolve (# l10n:conflict)
}

// Total returns the sum of rows' counts (Article and Locale left empty).
func Total(rows []Row) Row {
	var t Row
	for _, r := range rows {
		t.Units += r.Units
		t.Translated += r.Translated
		t.Missing += r.Missing
		t.Stale += r.Stale
		t.Obsolete += r.Obsolete
		t.Words += r.Words
		t.MissingWords += r.MissingWords
		t.StaleWords += r.StaleWords
		t.Conflicts += r.Conflicts
		t.Review += r.Review
		t.ReviewWords += r.ReviewWords
	}
	return t
}

// Run counts the units of each article in each locale by state, with
// the English word counts a translator plans by. An article that is gone
// has a row per catalog left, with every entry obsolete.
func Run(p *project.Project, sel project.Selection) ([]Row, error) {
	pk, err := p.Pick(sel.Articles, sel.Locales, project.PickSurvey|project.PickDeleted)
	if err != nil {
		return nil, err
	}
	rows := []Row{}
	for _, slug := range pk.Slugs {
		a, err := p.LoadArticle(slug)
		if err != nil {
			return nil, err
		}
		words := Words(a)
		for _, loc := range pk.Locales {
			if loc == p.Source {
				continue
			}
			f, _, err := p.ReadCatalog(project.CatalogPath(slug, loc))
			if err != nil {
				return nil, err
			}
			rows = append(rows, status(a, words, f, loc))
		}
	}
	for _, slug := range pk.Deleted {
		for _, loc := range pk.Locales {
			if loc == p.Source || !slices.Contains(pk.Layout.Catalogs(slug), loc) {
				continue
			}
			f, _, err := p.ReadCatalog(project.CatalogPath(slug, loc))
			if err != nil {
				return nil, err
			}
			rows = append(rows, Row{Article: slug, Locale: loc, Obsolete: len(f.Entries) + len(f.Obsolete)})
		}
	}
	return rows, nil
}

func status(a *project.Article, words []int, f *catalog.File, loc string) Row {
	r := Row{Article: a.Slug, Locale: loc, Units: len(a.Doc.Units)}
	live := a.LiveEntries(f)
	current := map[string]bool{}
	for i := range a.Doc.Units {
		current[a.ID(i)] = true
		w := words[i]
		r.Words += w
		if len(project.Conflicts(live[a.ID(i)])) > 0 {
			r.Conflicts++
		}
		switch project.StateOf(live[a.ID(i)], a.Hash(i)) {
		case project.Missing:
			r.Missing++
			r.MissingWords += w
		case project.Stale:
			r.Stale++
			r.StaleWords += w
		default:
			if project.NeedsReview(live[a.ID(i)]) {
				r.Review++
				r.ReviewWords += w
			} else {
				r.Translated++
			}
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

// Words counts the words of each unit of an article, as the unit reads in
// its place (inline.Tree.Words): link destinations, code spans, raw HTML,
// autolinks, placeables and Markdown punctuation are no words to
// translate.
func Words(a *project.Article) []int {
	words := make([]int, len(a.Doc.Units))
	for i := range a.Doc.Units {
		words[i] = a.Doc.UnitTree(i, a.Doc.Units[i].Text).Words()
	}
	return words
}
