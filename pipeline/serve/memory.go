package serve

import (
	"slices"
	"sync"
	"sync/atomic"

	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/tm"
)

// memory is the translation memory the editor suggests from: every
// translated unit of every catalog of the project, indexed at start and
// again after each save (in the background; lookups use the last index
// built).
type memory struct {
	pr      *adapter
	current atomic.Pointer[tm.Memory]
	// dirty is set by a save; building clears it and builds again while
	// it is set.
	dirty    atomic.Bool
	building sync.Mutex
}

func newMemory(pr *adapter) *memory {
	m := &memory{pr: pr}
	m.current.Store(m.build())
	return m
}

// get returns the memory's current index.
func (m *memory) get() *memoryIndex { return &memoryIndex{m.current.Load()} }

// refresh rebuilds the index in the background.
func (m *memory) refresh() {
	m.dirty.Store(true)
	go func() {
		if !m.building.TryLock() {
			return // the build running sees dirty and builds again
		}
		defer m.building.Unlock()
		for m.dirty.Swap(false) {
			m.current.Store(m.build())
		}
	}()
}

// wait waits for a rebuild in progress, for tests.
func (m *memory) wait() {
	m.building.Lock()
	defer m.building.Unlock()
	for m.dirty.Swap(false) {
		m.current.Store(m.build())
	}
}

// build indexes the project's translated units: each entry of a target
// catalog whose translation was made from its unit's current English (as
// the source catalog has it). A catalog that does not parse is left out.
func (m *memory) build() *tm.Memory {
	var entries []tm.Entry
	slugs, _ := m.pr.articles()
	for _, slug := range slugs {
		en, _, err := m.pr.readCatalog(slug, m.pr.source())
		if err != nil {
			continue
		}
		for _, loc := range m.pr.locales() {
			f, _, err := m.pr.readCatalog(slug, loc)
			if err != nil {
				continue
			}
			for _, src := range en.Entries {
				e := f.Lookup(src.ID)
				if e == nil || e.Other == "" {
					continue
				}
				if e.Hash != "" && e.Hash != catalog.Hash(src.Description, src.Other) {
					continue
				}
				entries = append(entries, tm.Entry{Kind: tm.Unit, Source: src.Other, Target: e.Other,
					Locale: loc, Origin: tm.Origin{Slug: slug, Unit: src.ID}, State: tm.Translated})
			}
		}
	}
	return tm.Build(entries, tm.Options{Source: m.pr.source()})
}

// memoryIndex answers lookups from one index.
type memoryIndex struct{ m *tm.Memory }

// suggestion is a match of the memory for a unit: a unit's translation,
// a sentence's, or a paragraph assembled from its sentences'.
type suggestion struct {
	Percent int
	Source  string // the English of the match
	Text    string // the translation to insert: adapted when it could be
	Origin  string
}

// suggest returns the memory's best matches for a unit's English in a
// locale, the unit itself left out.
func (x *memoryIndex) suggest(slug, id, source, loc string) []suggestion {
	if x.m == nil {
		return nil
	}
	ms := x.m.Lookup(tm.Query{Source: source, Locale: loc, Skip: func(e *tm.Entry) bool {
		return e.Origin.Slug == slug && e.Origin.Unit == id
	}})
	var out []suggestion
	for _, mt := range ms {
		s := suggestion{Percent: mt.Percent, Source: mt.Source, Text: mt.Translation(), Origin: mt.From()}
		if !slices.ContainsFunc(out, func(o suggestion) bool { return o.Text == s.Text }) {
			out = append(out, s)
		}
	}
	return out
}
