package project

import (
	"strconv"
	"strings"

	"github.com/l10n-dev/l10n/internal/stage"
	"github.com/l10n-dev/l10n/pipeline/align"
	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/glossary"
	"github.com/l10n-dev/l10n/pipeline/segment"
)

// Article is an article with its units' ids: the source catalog's ids
// matched to the current text, as extract would write them.
type Article struct {
	Slug string
	// From is the folder its catalogs are read from, locales/<from>:
	// its slug, or the slug it had before a rename extract recognised.
	From    string
	Doc     *segment.Doc
	En      *catalog.File
	EnSnap  stage.Snapshot
	Known   []align.Known
	KnownE  []*catalog.Entry // the catalog entry of each known unit
	Matches []align.Match
	Unused  []int // known units that match no current unit

	// source is the project's source locale, the language of the
	// article's text.
	source string

	// hits caches the glossary terms of each unit (see terms).
	hits   [][]glossary.Hit
	hitsOf *glossary.Glossary
}

// LoadArticle loads an article whose catalogs are in locales/<slug>.
func (p *Project) LoadArticle(slug string) (*Article, error) {
	return p.LoadArticleFrom(slug, slug)
}

// LoadArticleFrom loads an article whose catalogs are in locales/<from>.
func (p *Project) LoadArticleFrom(slug, from string) (*Article, error) {
	doc, err := p.ReadArticle(slug)
	if err != nil {
		return nil, err
	}
	en, snap, err := p.ReadCatalog(CatalogPath(from, p.Source))
	if err != nil {
		return nil, err
	}
	return p.article(slug, from, doc, en, snap), nil
}

// ArticleOf is LoadArticleFrom of an article's Markdown and source
// catalog as ReadArticleText and ReadCatalogData read them (or failed
// to: the errors are reported in LoadArticleFrom's order), for a caller
// that reads them once for another use too.
func (p *Project) ArticleOf(slug, from string, src []byte, srcErr error, snap stage.Snapshot, snapErr error) (*Article, error) {
	if srcErr != nil {
		return nil, srcErr
	}
	doc, err := p.SegmentArticle(slug, src)
	if err != nil {
		return nil, err
	}
	if snapErr != nil {
		return nil, snapErr
	}
	en, err := ParseCatalog(CatalogPath(from, p.Source), snap)
	if err != nil {
		return nil, err
	}
	return p.article(slug, from, doc, en, snap), nil
}

// article aligns an article's units with its source catalog's ids.
func (p *Project) article(slug, from string, doc *segment.Doc, en *catalog.File, snap stage.Snapshot) *Article {
	a := &Article{Slug: slug, From: from, Doc: doc, En: en, EnSnap: snap, source: p.Source}
	for _, e := range append(append([]*catalog.Entry{}, en.Entries...), en.Obsolete...) {
		a.Known = append(a.Known, align.Known{ID: e.ID, Text: e.Other})
		a.KnownE = append(a.KnownE, e)
	}
	units := make([]align.Unit, len(doc.Units))
	for i := range doc.Units {
		units[i] = align.Unit{Prefix: idPrefix(&doc.Units[i]), Text: doc.Units[i].Text}
	}
	a.Matches, a.Unused = align.Assign(a.Known, units)
	return a
}

// ID returns the id of unit i.
func (a *Article) ID(i int) string { return a.Matches[i].ID }

// Hash returns go-i18n's hash of unit i's source message.
func (a *Article) Hash(i int) string {
	u := &a.Doc.Units[i]
	return catalog.Hash(Description(u), u.Text)
}

// PreviousText returns the source text unit i had when a translation with
// the given hash was made, if the source catalog still knows it.
func (a *Article) PreviousText(i int, hash string) string {
	m := a.Matches[i]
	if m.Known >= 0 {
		e := a.KnownE[m.Known]
		if catalog.Hash(e.Description, e.Other) == hash {
			return e.Other
		}
	}
	for _, e := range a.KnownE {
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

// String returns the state's name: missing, stale or translated.
func (s State) String() string {
	return [...]string{"missing", "stale", "translated"}[s]
}

// StateOf classifies a target entry against the source hash. An entry
// without a hash is one the translator confirmed (by deleting the hash of
// a stale entry, like removing gettext's fuzzy flag); article.confirmed
// decides against which English.
func StateOf(e *catalog.Entry, srcHash string) State {
	switch {
	case e == nil || strings.TrimSpace(e.Other) == "":
		return Missing
	case e.Hash != "" && e.Hash != srcHash:
		return Stale
	}
	return Translated
}

// Confirmed returns a target entry for unit i with its confirmation bound
// to the English the translator saw. An entry whose hash the translator
// deleted confirms the translation against the "#. en:" text its catalog
// showed: if that is the unit's text, the entry is translated (and the
// next extract records the current hash); if the English changed since,
// the entry is stale, made from that text. Any other entry is returned as
// it is.
func (a *Article) Confirmed(e *catalog.Entry, i int) *catalog.Entry {
	if e == nil || e.Hash != "" || strings.TrimSpace(e.Other) == "" {
		return e
	}
	u := &a.Doc.Units[i]
	known := ""
	if m := a.Matches[i]; m.Known >= 0 {
		known = a.KnownE[m.Known].Other
	}
	seen, ok := ShownSource(e.Notes, u.Text, known)
	if !ok || seen == u.Text {
		// No "#. en:" line (a catalog written by hand): confirmed
		// against the current English.
		return e
	}
	c := *e
	c.Hash, c.Previous = catalog.Hash(Description(u), seen), seen
	return &c
}

// ShownSource returns the English a target entry's "#. en:" lines showed:
// the first of texts (the unit's current English, the source catalog's)
// whose lines they are exactly as extract writes them, which keeps what
// the lines cannot show (the spaces at a line's end, a hard line break's),
// or else the text of the lines. ok is false when there is no "#. en:"
// line.
func ShownSource(notes []string, texts ...string) (string, bool) {
	start := -1
	for k, n := range notes {
		if strings.HasPrefix(n, "en: ") || n == "en:" {
			start = k
			break
		}
	}
	if start < 0 {
		return "", false
	}
	rest := notes[start:]
	for _, text := range texts {
		if shows(rest, text) {
			return text, true
		}
	}
	// Another text: its lines run up to the glossary's.
	lines := []string{strings.TrimPrefix(strings.TrimPrefix(rest[0], "en:"), " ")}
	for _, n := range rest[1:] {
		if laterNote(n) {
			break
		}
		lines = append(lines, n)
	}
	return strings.Join(lines, "\n"), true
}

// shows reports whether notes, from the "#. en:" line on, are the lines
// extract writes for text.
func shows(notes []string, text string) bool {
	want := strings.Split("en: "+text, "\n")
	if len(notes) < len(want) {
		return false
	}
	for k, w := range want {
		if notes[k] != strings.TrimRight(w, " ") {
			return false
		}
	}
	return len(notes) == len(want) || laterNote(notes[len(want)])
}

// laterNote reports whether a "#." line opens one of the notes that
// follow the English: the glossary's advice or the memory's.
func laterNote(n string) bool {
	return strings.HasPrefix(n, "glossary: ") || IsMemoryNote(n)
}

// LiveEntries indexes a target catalog's live entries by id, each
// confirmation bound to the English the translator saw (see confirmed).
func (a *Article) LiveEntries(f *catalog.File) map[string]*catalog.Entry {
	live, _ := TargetEntries(f)
	for i := range a.Doc.Units {
		if e := live[a.ID(i)]; e != nil {
			live[a.ID(i)] = a.Confirmed(e, i)
		}
	}
	return live
}

// TargetEntries indexes a target catalog's live and obsolete entries.
func TargetEntries(f *catalog.File) (live, obsolete map[string]*catalog.Entry) {
	live = make(map[string]*catalog.Entry, len(f.Entries))
	obsolete = make(map[string]*catalog.Entry, len(f.Obsolete))
	for _, e := range f.Entries {
		live[e.ID] = e
	}
	for _, e := range f.Obsolete {
		obsolete[e.ID] = e
	}
	return live, obsolete
}
