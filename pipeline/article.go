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
	slug string
	// from is the folder its catalogs are read from, locales/<from>:
	// its slug, or the slug it had before a rename extract recognised.
	from    string
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
	return p.loadArticleFrom(slug, slug)
}

// loadArticleFrom loads an article whose catalogs are in locales/<from>.
func (p *Project) loadArticleFrom(slug, from string) (*article, error) {
	doc, err := p.readArticle(slug)
	if err != nil {
		return nil, err
	}
	en, snap, err := p.readCatalog(CatalogPath(from, p.Source))
	if err != nil {
		return nil, err
	}
	a := &article{slug: slug, from: from, doc: doc, en: en, enSnap: snap}
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
// a stale entry, like removing gettext's fuzzy flag); article.confirmed
// decides against which English.
func stateOf(e *catalog.Entry, srcHash string) State {
	switch {
	case e == nil || strings.TrimSpace(e.Other) == "":
		return Missing
	case e.Hash != "" && e.Hash != srcHash:
		return Stale
	}
	return Translated
}

// confirmed returns a target entry for unit i with its confirmation bound
// to the English the translator saw. An entry whose hash the translator
// deleted confirms the translation against the "#. en:" text its catalog
// showed: if that is the unit's text, the entry is translated (and the
// next extract records the current hash); if the English changed since,
// the entry is stale, made from that text. Any other entry is returned as
// it is.
func (a *article) confirmed(e *catalog.Entry, i int) *catalog.Entry {
	if e == nil || e.Hash != "" || strings.TrimSpace(e.Other) == "" {
		return e
	}
	u := &a.doc.Units[i]
	seen, ok := shownSource(e.Notes, u.Text)
	if !ok || seen == u.Text {
		// No "#. en:" line (a catalog written by hand): confirmed
		// against the current English.
		return e
	}
	c := *e
	c.Hash, c.Previous = catalog.Hash(Description(u), seen), seen
	return &c
}

// shownSource returns the English a target entry's "#. en:" lines showed;
// it is the unit's current text when the lines are exactly those extract
// writes for it. ok is false when there is no "#. en:" line.
func shownSource(notes []string, current string) (string, bool) {
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
	// What extract writes for the current text, line by line.
	want := strings.Split("en: "+current, "\n")
	rest := notes[start:]
	same := len(rest) >= len(want)
	for k := 0; same && k < len(want); k++ {
		same = rest[k] == strings.TrimRight(want[k], " ")
	}
	if same && (len(rest) == len(want) || strings.HasPrefix(rest[len(want)], "glossary: ")) {
		return current, true
	}
	// Another text: its lines run up to the glossary's.
	lines := []string{strings.TrimPrefix(strings.TrimPrefix(rest[0], "en:"), " ")}
	for _, n := range rest[1:] {
		if strings.HasPrefix(n, "glossary: ") {
			break
		}
		lines = append(lines, n)
	}
	return strings.Join(lines, "\n"), true
}

// liveEntries indexes a target catalog's live entries by id, each
// confirmation bound to the English the translator saw (see confirmed).
func (a *article) liveEntries(f *catalog.File) map[string]*catalog.Entry {
	live, _ := targetEntries(f)
	for i := range a.doc.Units {
		if e := live[a.id(i)]; e != nil {
			live[a.id(i)] = a.confirmed(e, i)
		}
	}
	return live
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
