package serve

import (
	"slices"
	"sync"
	"sync/atomic"

	projmemory "github.com/l10n-dev/l10n/pipeline/memory"
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

// build indexes the project's translations as every command does
// (memory.Load: every catalog's translations with the English they were
// made from, and tm/*.tmx). A project whose memory cannot be read (a
// catalog that does not parse) gets no suggestions until it can.
func (m *memory) build() *tm.Memory {
	mem, err := projmemory.Load(m.pr.p, nil)
	if err != nil {
		return nil
	}
	return mem
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
