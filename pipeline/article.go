package pipeline

import (
	"strconv"
	"strings"

	"github.com/l10n-dev/l10n/internal/stage"
	"github.com/l10n-dev/l10n/pipeline/align"
	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/glossary"
	"github.com/l10n-dev/l10n/pipeline/segment"
)

// article is an article with its units' ids: the source catalog's ids
// matched to the current text, as extract would write them.
type article struct {
	slug    string
	doc     *segment.Doc
	en      *catalog.File
	enSnap  stage.Snapshot
	known   []align.Known
	knownE  []*catalog.Entry // the catalog entry of each known unit
	matches []align.Match
	unused  []int // known units that match no current unit

	// hits caches the glossary terms of each unit (see terms).
	hits   [][]glossary.Hit
	hitsOf *glossary.Glossary
}

func (p *Project) loadArticle(slug string) (*article, error) {
	doc, err := p.readArticle(slug)
	if err != nil {
		return nil, err
	}
	en, snap, err := p.readCatalog(CatalogPath(slug, p.Source))
	if err != nil {
		return nil, err
	}
	a := &article{slug: slug, doc: doc, en: en, enSnap: snap}
	for _, e := range append(append([]*catalog.Entry{}, en.Entries...), en.Obsolete...) {
		a.known = append(a.known, align.Known{ID: e.ID, Text: e.Other})
		a.knownE = append(a.knownE, e)
	}
	units := make([]align.Unit, len(doc.Units))
	for i := range doc.Units {
		units[i] = align.Unit{Prefix: idPrefix(&doc.Units[i]), Text: doc.Units[i].Text}
	}
	a.matches, a.unused = align.Assign(a.known, units)
	return a, nil
}

// id returns the id of unit i.
func (a *article) id(i int) string { return a.matches[i].ID }

// hash returns go-i18n's hash of unit i's source message.
func (a *article) hash(i int) string {
	u := &a.doc.Units[i]
	return catalog.Hash(Description(u), u.Text)
}

// previousText returns the source text unit i had when a translation with
// the given hash was made, if the source catalog still knows it.
func (a *article) previousText(i int, hash string) string {
	m := a.matches[i]
	if m.Known >= 0 {
		e := a.knownE[m.Known]
		if catalog.Hash(e.Description, e.Other) == hash {
			return e.Other
		}
	}
	for _, e := range a.knownE {
		if e.ID == m.ID && catalog.Hash(e.Description, e.Other) == hash {
			return e.Other
		}
	}
	return ""
}

// idPrefix is the start of a new unit id: "title", "h1", "p", "td", "dt".
func idPrefix(u *segment.Unit) string {
	switch u.Kind {
	case segment.Heading:
		return "h" + strconv.Itoa(u.Level)
	case segment.Paragraph:
		return "p"
	case segment.Cell:
		return "td"
	case segment.Term:
		return "dt"
	}
	return string(u.Kind)
}

// Description is the go-i18n description of a unit: its kind, which is
// stable when the unit moves (a position would make every insertion stale
// every unit after it).
func Description(u *segment.Unit) string {
	switch u.Kind {
	case segment.Heading:
		return "Heading"
	case segment.Cell:
		return "Table cell"
	case segment.Term:
		return "Definition term"
	}
	k := string(u.Kind)
	return strings.ToUpper(k[:1]) + k[1:]
}

// State is the state of a unit in a target catalog.
type State int

// Unit states.
const (
	Missing    State = iota // no translation
	Stale                   // translated from an earlier source text
	Translated              // translated from the current source text
)

func (s State) String() string {
	return [...]string{"missing", "stale", "translated"}[s]
}

// stateOf classifies a target entry against the source hash. An entry
// without a hash is one the translator confirmed (by deleting the hash of
// a stale entry, like removing gettext's fuzzy flag); the next extract
// gives it the current hash.
func stateOf(e *catalog.Entry, srcHash string) State {
	switch {
	case e == nil || strings.TrimSpace(e.Other) == "":
		return Missing
	case e.Hash != "" && e.Hash != srcHash:
		return Stale
	}
	return Translated
}

// targetEntries indexes a target catalog's live and obsolete entries.
func targetEntries(f *catalog.File) (live, obsolete map[string]*catalog.Entry) {
	live = map[string]*catalog.Entry{}
	obsolete = map[string]*catalog.Entry{}
	for _, e := range f.Entries {
		live[e.ID] = e
	}
	for _, e := range f.Obsolete {
		obsolete[e.ID] = e
	}
	return live, obsolete
}
