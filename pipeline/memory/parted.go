package memory

import (
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"

	"github.com/l10n-dev/l10n/internal/offheap"
	"github.com/l10n-dev/l10n/internal/pool"
	"github.com/l10n-dev/l10n/internal/stage"
	"github.com/l10n-dev/l10n/pipeline/project"
	"github.com/l10n-dev/l10n/pipeline/tm"
)

// A memory of more than twice the catalog folders a part holds (the
// project's memory setting part), without sentence pairs, is parted:
// its folders are cut into parts of about that many (by a hash of their
// slug, so that a folder stays in its part as others come and go; the
// TMX files join the first), each part a memory of its own that a run
// builds or reads, asks and lets go before the next, so that what the
// run holds is one part, whatever the size of the corpus. A lookup asks
// every part and merges their answers (tm.Partial), which are then what
// one memory of all the entries answers. A run first takes every lookup
// it has without answering it (Gather), then answers them all a part at
// a time (Answer): from the parts the cache keeps, in each the folders
// that changed replaced, or from the parts built anew, each kept in the
// cache as a record of its own. Sentence pairs are made across a whole
// memory (a locale's length ratio), so a memory with them is never
// parted.

// partsFor returns how many parts the memory of a project with the
// given number of catalog folders is in: 1 for one memory.
func partsFor(p *project.Project, folders int) int {
	size := p.Memory.Part
	if p.Memory.Sentences || size <= 0 || folders <= 2*size {
		return 1
	}
	return (folders + size - 1) / size
}

// Parted reports whether the memory of a project with the given number
// of catalog folders that hold a catalog (Inputs.Catalogued) is parted
// (see Lazy.Gather): then a run that reads the folders for the memory's
// key (ReadFolder) keeps none of their entries (Folder.Digested), which
// it would hold all at once.
func Parted(p *project.Project, folders int) bool { return partsFor(p, folders) > 1 }

// Digested returns f without its entries: its slug and digest.
func (f Folder) Digested() Folder {
	f.entries = nil
	return f
}

// partOf returns the part of the folder slug among n.
func partOf(slug string, n int) int {
	h := fnv.New32a()
	h.Write([]byte(slug))
	return int(h.Sum32() % uint32(n))
}

// partName returns the name of part k's record in the cache.
func (l *Lazy) partName(k int) string { return l.name + " part " + strconv.Itoa(k) }

// pending is a lookup Gather took: its key (pendingKey) and arguments
// but the unit's text, which is in the spill of the lookups taken
// (Lazy.takenSpill) and then in each part's, not on the heap; the unit's
// id is a part of the key (id).
type pending struct {
	key, slug string
	locs      []string
	n         int
}

// id returns the id of the lookup's unit, as the key holds it (read from
// the end, past the locales and n, which hold no NUL).
func (q pending) id() string {
	rest := q.key[len(q.slug)+1:]
	rest = rest[:strings.LastIndexByte(rest, 0)]
	return rest[:strings.LastIndexByte(rest, 0)]
}

// pendingKey returns the key of a lookup of unit id of article slug: what
// makes its answer, but for the unit's text, which the answer keeps
// beside it (a unit has one text in a run, unless its article changed
// since Gather read it; the key does not hold a copy of every text).
func pendingKey(slug, id string, locs []string, n int) string {
	return strings.Join([]string{slug, id, strings.Join(locs, ","), strconv.Itoa(n)}, "\x00")
}

// Parted reports whether the memory is parted: extract then takes its
// lookups first (Gather) and answers them all at once (Answer).
func (l *Lazy) Parted() bool { return l.nparts > 1 }

// Parts returns how many parts the memory is in.
func (l *Lazy) Parts() int { return l.nparts }

// Gather makes Lookup take the lookups it is asked without answering
// them (each answers no match, and is not among the article's Asked),
// until Answer answers them all.
func (l *Lazy) Gather() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.gathering = true
}

// take notes a lookup while gathering: its unit's text goes to the
// spill of the lookups taken, as a part's spill holds it with no match
// yet, so that the first part reads them as the next part reads the
// part's before. (Held on the heap until the parts, the texts of the
// untranslated units of 20,000 articles and their copies were 5 MB of
// the 43 MB live at a cold extract's highest.) A spill that fails fails
// Answer.
func (l *Lazy) take(slug, id, text string, locs []string, n int) {
	key := pendingKey(slug, id, locs, n)
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.taken == nil {
		l.taken = map[string]bool{}
	}
	if l.taken[key] || l.takeErr != nil {
		return
	}
	l.taken[key] = true
	if l.takenSpill == nil {
		if l.takenSpill, l.takeErr = newMatchSpill(l.p, 0); l.takeErr != nil {
			return
		}
	}
	locs = slices.Clone(locs)
	l.pending = append(l.pending, pending{key: key, slug: slug, locs: locs, n: n})
	l.takeErr = l.takenSpill.put(spilled(tm.NewPartial(tm.Query{Source: text}, locs), text, ""))
}

// Answer answers the lookups Gather took: from the parts the cache
// keeps, their folders that changed replaced, or else from the parts
// built one at a time, each kept in the cache as it is built. Lookup
// then answers from there. It calls tick once for each part, read or
// built, or once each when it has nothing to answer.
func (l *Lazy) Answer(tick func()) error {
	defer func() {
		for range l.nparts - l.ticked {
			tick()
		}
	}()
	l.tick = func() { l.ticked++; tick() }
	l.mu.Lock()
	l.gathering = false
	l.mu.Unlock()
	l.dropAnswers() // a call before's
	if l.takeErr != nil {
		return l.takeErr
	}
	if len(l.pending) == 0 {
		return nil
	}
	if err := l.takenSpill.done(); err != nil {
		return err
	}
	if l.openParts() {
		if ok, err := l.answerParts(); ok || err != nil {
			return err
		}
	}
	l.deltas, l.changedParts, l.units, l.base = nil, nil, nil, ""
	l.tick = func() {} // the parts read before it failed counted
	return l.buildParts()
}

// lookupParted is Lookup of a parted memory, once Answer answered: what
// it found.
func (l *Lazy) lookupParted(slug, id, text string, locs []string, n int) ([][]tm.Match, string, error) {
	j, ok := l.answers[pendingKey(slug, id, locs, n)]
	var d *project.RecordDecoder
	if ok {
		var err error
		if d, err = l.spill.get(j); err != nil {
			return nil, "", err
		}
	}
	if !ok || d.Text() != text {
		// Not taken, or with another text: its article or catalogs
		// changed since Gather read them.
		return nil, "", fmt.Errorf("%s: %w", project.CatalogDir(slug), stage.ErrChanged)
	}
	// The keys are kept among the article's lookups (Asked): a copy of
	// their own, not the whole record's.
	keys := strings.Clone(d.Text())
	p := tm.NewPartial(query(l.p, slug, id, text, n, nil), locs)
	if !p.Restore(d) || !d.End() {
		return nil, "", fmt.Errorf("memory: a lookup's answer did not read back from %s", l.spill.f.Name())
	}
	return p.Matches(), keys, nil
}

// openParts reads the parts from the cache, once, replacing in each the
// folders of the part that changed since; false when the cache cannot
// give this run's memory.
func (l *Lazy) openParts() bool {
	l.partsOnce.Do(func() { l.opened = l.cachedParts() })
	return l.opened
}

// cachedParts implements openParts: from the cache's record of the
// parts' inputs, the folders that changed since, by part; each part
// that has some read (one at a time) and those folders replaced, for
// the entries that went and came (deltas). The parts are read again,
// one at a time, to be asked (answerParts) or kept anew (saveParts):
// what the run holds is one part.
func (l *Lazy) cachedParts() bool {
	rs := l.records()
	defer rs.Abort() // the decoders' data outlive the files
	d, ok := rs.ReadDecoder(l.name)
	if !ok {
		return false
	}
	key, slugs, ok := l.changedSince(d)
	if !ok || !d.End() {
		return false
	}
	changed := make([][]string, l.nparts)
	for _, slug := range slugs {
		k := partOf(slug, l.nparts)
		changed[k] = append(changed[k], slug)
	}
	targets := targetsOf(l.p, l.locales)
	l.changedParts, l.units = changed, make([][]tm.Entry, l.nparts)
	var deltas []*tm.Memory
	for k := range l.nparts {
		if len(changed[k]) == 0 {
			if !rs.Has(l.partName(k)) {
				return false
			}
			continue
		}
		for _, slug := range changed[k] {
			es, _, err := entriesOf(l.p, slug, targets, nil)
			if err != nil {
				return false // building reports it
			}
			l.units[k] = append(l.units[k], slices.DeleteFunc(es, func(e tm.Entry) bool { return e.Reused })...)
		}
		_, delta, done, ok := l.part(rs, k)
		if !ok {
			return false
		}
		done()
		deltas = append(deltas, delta)
	}
	l.deltas, l.base = deltas, key
	l.built = len(slugs) >= resaveAt && l.unchanged()
	return true
}

// part reads part k from the cache's records rs, its folders that
// changed replaced: the part, the entries that went and came (nil when
// none changed), and done, to call once the part is not read any more,
// which lets its pages of the cache leave the run's memory.
func (l *Lazy) part(rs *project.Records, k int) (m, delta *tm.Memory, done func(), ok bool) {
	d, ok := rs.ReadDecoder(l.partName(k))
	if !ok {
		return nil, nil, nil, false
	}
	done = func() {
		if data, ok := d.Mapped(); ok {
			offheap.Forget(data)
		}
	}
	// On the heap: its strings are the mapping's, which lasts, and the
	// collector takes the rest once the part is done.
	m, err := tm.DecodeIn(d, nil)
	if err != nil {
		done()
		return nil, nil, nil, false
	}
	if len(l.changedParts[k]) > 0 {
		if delta, ok = m.Replace(l.changedParts[k], slices.Clone(l.units[k]), options(l.p)); !ok {
			done()
			return nil, nil, nil, false
		}
	}
	return m, delta, done, true
}

// answerParts answers the lookups Gather took from the cache's parts, one
// at a time; false when a part cannot be read.
func (l *Lazy) answerParts() (bool, error) {
	rs := l.records()
	defer rs.Abort()
	keys, lookups := l.lookups()
	for k := range l.nparts {
		m, _, done, ok := l.part(rs, k)
		if !ok {
			return false, nil
		}
		err := l.ask(lookups, keys, m, k)
		done()
		if err != nil {
			return false, err
		}
		l.tick()
	}
	l.answer()
	return true, nil
}

// ask asks every lookup of part m, on every core, each with its matches
// from the parts before read back from their spill; what each holds
// then goes to the part's spill, which the next part reads (the last
// part's: the answers, with the keys of the lookups' texts).
func (l *Lazy) ask(lookups []*tm.Partial, keys []string, m *tm.Memory, k int) error {
	next, err := newMatchSpill(l.p, len(lookups))
	if err != nil {
		return err
	}
	// The first part reads the spill of the lookups taken, which stays
	// until every part was asked (a run of the cache's parts that fails
	// gives way to one that builds them, from the first).
	prev := l.spill
	if k == 0 {
		prev.close() // a run of the parts before that failed
		prev = l.takenSpill
	}
	err = pool.Ordered(len(lookups), func(j int) ([]byte, error) {
		text, err := restore(prev, j, lookups[j], &keys[j])
		if err != nil {
			return nil, err
		}
		lookups[j].Add(m)
		b := spilled(lookups[j], text, keys[j])
		// What the lookup holds until the next part is its query
		// without its text and keys (the record above has them).
		lookups[j].SetSource("")
		keys[j] = ""
		return b, nil
	}, func(_ int, b []byte) error { return next.put(b) })
	if err == nil {
		err = next.done()
	}
	if k > 0 {
		prev.close()
	}
	l.spill = next
	return err
}

// answer keeps where the answers of the lookups Gather took are: the
// last part's spill, by lookup.
func (l *Lazy) answer() {
	l.answers = make(map[string]int, len(l.pending))
	for j, q := range l.pending {
		l.answers[q.key] = j
	}
	l.pending, l.taken = nil, nil
	l.takenSpill.close()
	l.takenSpill = nil
}

// lookups returns the lookups Gather took, each without its text, which
// the first part reads from the spill of the lookups taken, and where
// each is given the keys of its query's tokens on the first part.
func (l *Lazy) lookups() ([]string, []*tm.Partial) {
	keys := make([]string, len(l.pending))
	lookups := make([]*tm.Partial, len(l.pending))
	for j, q := range l.pending {
		lookups[j] = tm.NewPartial(query(l.p, q.slug, q.id(), "", q.n, &keys[j]), q.locs)
	}
	return keys, lookups
}

// buildParts answers the lookups Gather took from the memory built a
// part at a time: each part's folders read (on every core), the part
// built, every lookup asked of it (on every core), the part kept in the
// cache, then dropped. The cache is kept when the memory's inputs were,
// once it was made, still as when they were taken.
func (l *Lazy) buildParts() error {
	targets := targetsOf(l.p, l.locales)
	slugs := make([][]string, l.nparts)
	for _, f := range l.in.Folders {
		k := partOf(f.Slug, l.nparts)
		slugs[k] = append(slugs[k], f.Slug)
	}
	imported, err := files(l.p)
	if err != nil {
		return err
	}
	keys, lookups := l.lookups()
	rs := l.records()
	for k := range l.nparts {
		// Each part in a store of its own, outside the heap (the
		// collector neither scans it nor counts it), given back whole
		// once the part is done; the lookups keep copies of the
		// strings of their matches (tm.Partial).
		store := offheap.New(l.p.Abs("."), 0)
		var parts [][]tm.Entry
		err := pool.Ordered(len(slugs[k]), func(i int) ([]tm.Entry, error) {
			es, _, err := entriesOf(l.p, slugs[k][i], targets, store)
			return slices.DeleteFunc(es, func(e tm.Entry) bool { return e.Reused }), err
		}, func(_ int, es []tm.Entry) error {
			if len(es) > 0 {
				parts = append(parts, es)
			}
			return nil
		})
		if err != nil {
			store.Drop()
			rs.Abort()
			return err
		}
		if k == 0 {
			own(imported, store)
			parts = append(parts, imported)
		}
		opts := options(l.p)
		opts.Store = store
		m := tm.BuildParts(parts, opts)
		for _, es := range parts {
			offheap.Free(store, es) // the memory has its own copy
		}
		if err := l.ask(lookups, keys, m, k); err != nil {
			store.Drop()
			rs.Abort()
			return err
		}
		l.putPart(rs, k, m)
		store.Drop()
		l.tick()
	}
	l.answer()
	rs.Put(l.name, l.partsHeader())
	if l.built = l.unchanged(); l.built {
		rs.Commit(true)
	} else {
		rs.Abort()
	}
	return nil
}

// putPart puts part k, m, in the cache's records rs.
func (l *Lazy) putPart(rs *project.Records, k int, m *tm.Memory) {
	rs.PutFunc(l.partName(k), func(write func([]byte)) {
		e := &partEncoder{write: write}
		m.Encode(e)
		e.flush()
	})
}

// partsHeader returns the record that names the parts' inputs (see
// writeInputs).
func (l *Lazy) partsHeader() []byte {
	e := &project.RecordEncoder{}
	l.writeInputs(e)
	return e.B
}

// saveParts keeps the parts read from the cache in place of the cache's,
// once enough folders were replaced (see cachedParts): the parts with
// folders replaced read again, one at a time, and encoded anew; the
// others as the cache holds them.
func (l *Lazy) saveParts() {
	old := l.records()
	defer old.Abort()
	rs := l.records()
	rs.Put(l.name, l.partsHeader())
	for k := range l.nparts {
		if len(l.changedParts[k]) == 0 {
			rs.Put(l.partName(k), nil)
			continue
		}
		m, _, done, ok := l.part(old, k)
		if !ok {
			rs.Abort()
			return
		}
		l.putPart(rs, k, m)
		done()
	}
	rs.Commit(true)
}
