package serve

import (
	"slices"
	"sync"

	projmemory "github.com/l10n-dev/l10n/pipeline/memory"
	"github.com/l10n-dev/l10n/pipeline/tm"
)

// memory is the translation memory the editor suggests from: every
// translated unit of every catalog of the project, as extract's lookups
// see it (memory.Open: read from what extract keeps in the cache, the
// catalog folders that changed since replaced). Nothing is read until
// an editor page asks; a memory of one piece is then held while its
// inputs stay as they were, and a parted one (memory: part) is asked a
// part at a time for each page and let go, so that the workbench holds
// what extract does, whatever the size of the corpus.
type memory struct {
	pr *adapter
	mu sync.Mutex
	// held is the last memory of one piece opened (nil: none).
	held *projmemory.Lazy
	// answered are the suggestions of the pages the memory of key
	// answered (by answeredKey), so that a page shown again with nothing
	// changed asks nothing; at most maxAnswered pages.
	key      string
	answered map[string][][]suggestion
}

// maxAnswered is how many pages' suggestions the workbench remembers.
const maxAnswered = 256

// answeredKey returns the key of a page's lookups in answered.
func answeredKey(slug, loc string, units []ask) string {
	b := []byte(slug + "\x00" + loc)
	for _, u := range units {
		b = append(append(append(append(b, 0), u.id...), 0), u.source...)
	}
	return string(b)
}

func newMemory(pr *adapter) *memory { return &memory{pr: pr} }

// ask is a unit the editor wants suggestions for: its id and English.
type ask struct{ id, source string }

// suggestion is a match of the memory for a unit: a unit's translation,
// a sentence's, or a paragraph assembled from its sentences'.
type suggestion struct {
	Percent int
	Source  string // the English of the match
	Text    string // the translation to insert: adapted when it could be
	Origin  string
}

// suggest returns the memory's best matches for units of an article in
// a locale (each unit's own entry left out), a list per unit. A project
// whose memory cannot be read (a catalog that does not parse) gets no
// suggestions until it can.
func (m *memory) suggest(slug, loc string, units []ask) [][]suggestion {
	out := make([][]suggestion, len(units))
	if len(units) == 0 || m.pr.p.Memory.Off {
		return out
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	l, err := projmemory.Open(m.pr.p, nil)
	if err != nil {
		return out
	}
	l.ReadCopies() // the workbench runs long
	opened := true
	if m.key != l.Key() {
		m.key, m.answered = l.Key(), map[string][][]suggestion{}
	}
	page := answeredKey(slug, loc, units)
	if was, ok := m.answered[page]; ok {
		return was
	}
	if m.held != nil && m.held.Key() == l.Key() {
		l, opened = m.held, false // as it was: no need to read it again
	} else {
		m.held = nil // the collector's while the new one is read
	}
	asks := make([]projmemory.Ask, len(units))
	for i, u := range units {
		asks[i] = projmemory.Ask{Slug: slug, ID: u.id, Text: u.source, Locales: []string{loc}, N: tm.DefaultLimit}
	}
	found, err := l.LookupAll(asks)
	if err != nil {
		m.held = nil
		return out
	}
	if opened {
		// What it built, or replaced enough of, is kept for the next
		// page and the next extract.
		l.Save()
	}
	if m.held = nil; !l.Parted() {
		m.held = l
	}
	for i, ms := range found {
		for _, mt := range ms[0] {
			s := suggestion{Percent: mt.Percent, Source: mt.Source, Text: mt.Translation(), Origin: mt.From()}
			if !slices.ContainsFunc(out[i], func(o suggestion) bool { return o.Text == s.Text }) {
				out[i] = append(out[i], s)
			}
		}
	}
	if len(m.answered) >= maxAnswered {
		clear(m.answered)
	}
	m.answered[page] = out
	return out
}
