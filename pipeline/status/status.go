// Package status is the stage that counts the units of each article in
// each locale by state (translated, stale, missing, obsolete), with the
// source word counts a translator plans by.
package status

import (
	"slices"

	"github.com/l10n-dev/l10n/internal/pool"
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
//
// The articles are counted on every core; each row is kept as a record
// (out/.cache/status.rec) with the stamps of the article, its source
// catalog and its catalog in the locale, so that a later run reads an
// article only when one of them changed (or l10n, or l10n.yaml).
func Run(p *project.Project, sel project.Selection) ([]Row, error) {
	pk, err := p.Pick(sel.Articles, sel.Locales, project.PickSurvey|project.PickDeleted)
	if err != nil {
		return nil, err
	}
	var targets []string
	for _, loc := range pk.Locales {
		if loc != p.Source {
			targets = append(targets, loc)
		}
	}
	rs := newRecords(p)
	rows := make([]Row, 0, len(pk.Slugs)*len(targets))
	// Each article's rows, in the order of targets, and their records:
	// kept as the file holds them, or new (nil: none).
	type counted struct {
		rows []Row
		kept []bool
		recs [][]byte
	}
	err = pool.Ordered(len(pk.Slugs), func(i int) (counted, error) {
		slug := pk.Slugs[i]
		c := counted{rows: make([]Row, len(targets)), kept: make([]bool, len(targets)), recs: make([][]byte, len(targets))}
		// Stamped before they are read: a file changed meanwhile has
		// other stamps at the next run.
		base := p.Stamps(project.ArticlePath(slug), project.CatalogPath(slug, p.Source))
		var a *project.Article
		var words []int
		for k, loc := range targets {
			var now []project.Stamp
			if base != nil {
				if s := p.Stamps(project.CatalogPath(slug, loc)); s != nil {
					now = append(append(now, base...), s...)
				}
			}
			if r, ok := rs.read(slug, loc, now); ok {
				c.rows[k], c.kept[k] = r, true
				continue
			}
			if a == nil {
				var err error
				if a, err = p.LoadArticle(slug); err != nil {
					return counted{}, err
				}
				words = Words(a)
			}
			f, _, err := p.ReadCatalog(project.CatalogPath(slug, loc))
			if err != nil {
				return counted{}, err
			}
			c.rows[k] = status(a, words, f, loc)
			c.recs[k] = rs.encode(c.rows[k], now)
		}
		return c, nil
	}, func(i int, c counted) error {
		rows = append(rows, c.rows...)
		for k, loc := range targets {
			if c.kept[k] || c.recs[k] != nil {
				rs.file.Put(RecordName(pk.Slugs[i], loc), c.recs[k])
			}
		}
		return nil
	})
	if err != nil {
		rs.file.Abort()
		return nil, err
	}
	// A run over every article and locale drops the records of others.
	rs.file.Commit(len(sel.Articles) == 0 && len(sel.Locales) == 0)
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
