package tm

import (
	"encoding/binary"
	"slices"
	"unicode/utf8"

	"github.com/l10n-dev/l10n/pipeline/numfmt"
)

// Replace changes m, in place, into the memory that Build(entries, opts)
// makes when entries are m's entries as Build had them, with the units
// of some catalog folders (the entries whose Origin.Slug is in slugs)
// replaced by units, which are those folders' units as they are now (their
// Origin.Slug in slugs, in slug order). m's entries must come as package
// memory gives them to Build: the units of each folder, folders in slug
// order, then the imported ones; units go where their slug sorts.
//
// Only what changed is cut into tokens and indexed: the other sources
// keep their tokens, and the index its order of elements (an element no
// source had before ranks after every other; the order only steers the
// filters, never what a lookup finds), so that m answers every lookup
// as the memory Build makes of the same entries does. When it cannot
// (the entries are not in that order, opts are not m's, or a locale's
// length ratio changed, which pairs every unit's sentences anew; see
// Build), it returns false and m is not to be used: build the memory.
// It must be called before m is looked up.
//
// The memory it returns holds the entries that went and those that came
// (sentence pairs included), less those that came as they went: only a
// lookup that Touches it can find another answer in m than it did
// before.
func (m *Memory) Replace(slugs []string, units []Entry, opts Options) (*Memory, bool) {
	if o := newMemory(opts); o.source != m.source || o.minThr != m.minThr {
		return nil, false
	}
	gone := map[string]bool{}
	for _, s := range slugs {
		gone[s] = true
	}
	for i := range units {
		if u := &units[i]; u.Kind != Unit || !gone[u.Origin.Slug] || u.Source == "" || u.Target == "" ||
			i > 0 && u.Origin.Slug < units[i-1].Origin.Slug {
			return nil, false
		}
	}
	sentences := !opts.NoSentences
	// The length ratios the kept entries were paired with, and those of
	// the entries now: they must be the same.
	var ratios map[string]float64
	if sentences {
		before, after := map[string][]float64{}, map[string][]float64{}
		for i := range m.entries {
			if e := &m.entries[i]; e.Kind == Unit && !e.Reused {
				r := unitRatio(e)
				before[e.Locale] = append(before[e.Locale], r)
				if !gone[e.Origin.Slug] {
					after[e.Locale] = append(after[e.Locale], r)
				}
			}
		}
		for i := range units {
			if e := &units[i]; !e.Reused {
				after[e.Locale] = append(after[e.Locale], unitRatio(e))
			}
		}
		ratios = map[string]float64{}
		for loc, r := range after {
			ratios[loc] = lengthRatio(r, baseOf(numfmt.Of(loc)))
			if b, ok := before[loc]; ok && lengthRatio(b, baseOf(numfmt.Of(loc))) != ratios[loc] {
				return nil, false
			}
		}
	}
	// The new units cut into tokens, with their sentence pairs.
	var came []added
	t := tokenizers.Get().(*tokenizer)
	for _, u := range units {
		if sentences {
			toks, spans := t.cut(u.Source, m.srcFmt, true, true)
			came = append(came, added{u, toks})
			pairs, ptoks := pairSentences(t, toks, spans, numfmt.Of(u.Locale), ratios[u.Locale], &u)
			for k, p := range pairs {
				came = append(came, added{p, ptoks[k]})
			}
		} else {
			came = append(came, added{u, t.tokens(u.Source, m.srcFmt)})
		}
	}
	tokenizers.Put(t)
	at, ok := m.folders(gone)
	if !ok {
		return nil, false // not in Build's order
	}
	if m.entriesInStore && !m.heldCame(came) {
		// The entries that come have strings of the heap, which the
		// store's memory may not hold (see BuildParts).
		m.entries, m.entriesInStore = slices.Clone(m.entries), false
	}
	paired := m.paired
	went, ok := m.replaceInPlace(at, gone, came)
	if !ok {
		went = m.replaceAll(gone, came)
	}
	if (paired > 0) != (m.paired > 0) {
		return nil, false // lookups assemble sentences, or stop doing so
	}
	if m.postStart != nil && len(m.sigs) < len(m.sources) {
		m.extendIndex()
	}
	// The entries that went and came, less those that came back as
	// they were.
	back := map[Entry]int{}
	for _, e := range went {
		back[e]++
	}
	var delta []Entry
	for _, a := range came {
		if back[a.e] > 0 {
			back[a.e]--
		} else {
			delta = append(delta, a.e)
		}
	}
	for _, e := range went {
		if back[e] > 0 {
			back[e]--
			delta = append(delta, e)
		}
	}
	return Build(delta, Options{Source: m.source, NoSentences: true, MinThreshold: m.minThr}), true
}

// heldCame reports whether the store of m's entries holds every string
// of the entries that come.
func (m *Memory) heldCame(came []added) bool {
	holds := m.entriesStore.Holds()
	for i := range came {
		if !entryHeld(holds, &came[i].e) {
			return false
		}
	}
	return true
}

// extendIndex adds to an index made of m's first sources (see makeIndex)
// the sources that Replace added since, and the elements: the index that
// makeIndex makes of all of them, without making it again. The sources'
// numbers are above those of the sources indexed, so each new posting
// goes after the postings in its list of sources as long or shorter.
func (m *Memory) extendIndex() {
	k := len(m.sigs)
	for i := k; i < len(m.sources); i++ {
		m.sigs = append(m.sigs, signatureOf(m.bag(&m.sources[i])))
	}
	// The new sources' postings by rank, each list shortest first.
	added := map[int32][]posting{}
	n := 0
	for _, si := range m.byLength() {
		if int(si) < k {
			continue
		}
		s := &m.sources[si]
		bag := m.bag(s)
		for j, r := range bag[:prefix(len(bag), m.minThr)] {
			added[r] = append(added[r], posting{si, s.off, int32(len(bag)), int32(j)})
			n++
		}
	}
	old, oldStart := m.postings, m.postStart
	m.postings = make([]posting, 0, len(old)+n)
	m.postStart = make([]int32, len(m.rank)+1)
	for r := range m.rank {
		var was []posting
		if r+1 < len(oldStart) {
			was = old[oldStart[r]:oldStart[r+1]]
		}
		for _, p := range added[int32(r)] {
			i := 0
			for i < len(was) && was[i].n <= p.n {
				i++
			}
			m.postings = append(m.postings, was[:i]...)
			m.postings = append(m.postings, p)
			was = was[i:]
		}
		m.postings = append(m.postings, was...)
		m.postStart[r+1] = int32(len(m.postings))
	}
}

// unitRatio is a unit's length ratio: its target's length in characters
// to its source's (see lengthRatio).
func unitRatio(e *Entry) float64 {
	return float64(utf8.RuneCountInString(e.Target)) / float64(utf8.RuneCountInString(e.Source))
}

// sourceOf returns the number of a source text whose tokens are toks,
// indexing it if the memory has no such source: its tokens are numbered,
// and an element the memory does not have ranks after all others.
func (m *Memory) sourceOf(text string, toks []token) int32 {
	if si, ok := m.bySource[text]; ok {
		return si
	}
	si := int32(len(m.sources))
	m.bySource[text] = si
	s := source{ids: make([]int32, len(toks)), off: int32(len(m.bags))}
	for j, t := range toks {
		s.ids[j] = m.intern(tokKey{t.kind, t.key}, t.kind)
	}
	m.elements(s.ids, nil, func(_ int, key uint64, el int32) {
		if el < 0 {
			el = int32(len(m.rank))
			m.elems[key] = el
			m.rank = append(m.rank, el)
		}
		m.bags = append(m.bags, m.rank[el])
	})
	m.sources = append(m.sources, s)
	slices.Sort(m.bag(&m.sources[si]))
	return si
}

// Touches reports whether an entry of m, in a locale that a query for
// loc reads, scores floor or more (thr at least) against text or, with
// sentences, thr or more against one of its sentences: whether a memory
// with or without m's entries (see Replace) may answer a lookup of text
// at threshold thr differently, when the memory without them answered
// it with matches down to floor — the lowest score of a list as long as
// the lookup's limit, thr for a shorter one, and neither holding an
// assembled match — and assembles sentences (sentences: the lookup
// found no exact match in a memory with sentence pairs). An entry that
// scores below floor is beaten by every match of the list, so it is no
// match of its own, nor does it count towards one.
func (m *Memory) Touches(loc, text string, thr, floor int, sentences bool) bool {
	if len(m.entries) == 0 || len(m.reading(loc)) == 0 {
		return false
	}
	t := tokenizers.Get().(*tokenizer)
	qt, spans := t.cut(text, m.srcFmt, true, true)
	tokenizers.Put(t)
	if len(m.lookupTokens(Query{Source: text, Locale: loc, Threshold: max(thr, floor), Limit: -1}, qt)) > 0 {
		return true
	}
	for _, sp := range spans {
		if !sentences {
			break
		}
		q := Query{Source: text[sp.Start:sp.End], Locale: loc, Threshold: thr, Limit: -1}
		if len(m.lookupTokens(q, within(qt, sp))) > 0 {
			return true
		}
	}
	return false
}

// MayTouch reports whether an entry of m may score thr or more against
// a text whose tokens have keys (Query.Keys), or against a part of it: false
// says that Touches is false for the text at threshold thr or above,
// whatever the floor, locale and sentences, without cutting the text
// into tokens again.
//
// A source of n tokens scores at most 100·k/n against a text of which
// k of its tokens can be paired with one of the text's: the same token,
// or for a number, URL or code span one of the same kind, which the edit
// distance replaces at a tenth of the cost; every other token of the
// source costs 1 at least. The keys are hashes of what two tokens are
// paired by (for a placeable, its kind alone): two that collide only
// make more sources look as if they may score.
func (m *Memory) MayTouch(keys string, thr int) bool {
	if thr < 1 || len(keys)%4 != 0 {
		return true
	}
	m.keyed.Do(func() {
		byID := make([]uint32, len(m.kinds))
		for k, id := range m.dict {
			byID[id] = keyHash(k.kind, k.key)
		}
		m.keys = make([][]uint32, len(m.sources))
		for i := range m.sources {
			for _, id := range m.sources[i].ids {
				m.keys[i] = append(m.keys[i], byID[id])
			}
		}
	})
	// A source's key is looked up in keys only if the filter of keys
	// may hold it (most do not), and a source is left as soon as its
	// keys left cannot make the score: extract asks this of every
	// article with units to translate, for each of their lookups, once
	// a translation changed elsewhere.
	var filter keyFilter
	for i := 0; i < len(keys); i += 4 {
		filter.add(le32(keys[i:]))
	}
	for i := range m.sources {
		if len(m.sources[i].entries) == 0 {
			continue
		}
		ks := m.keys[i]
		need := (thr*len(ks) + 99) / 100 // 100·k ≥ thr·n
		k := 0
		for j, h := range ks {
			if k >= need || k+len(ks)-j < need {
				break
			}
			if filter.has(h) && hasKey(keys, h) {
				k++
			}
		}
		if k >= need {
			return true
		}
	}
	return false
}

// keyFilter is a set of keys that may say it holds a key it does not
// (one in some forty for a lookup's keys), never the other way round.
type keyFilter [16]uint64

func (f *keyFilter) add(h uint32)      { f[h>>6&15] |= 1 << (h & 63) }
func (f *keyFilter) has(h uint32) bool { return f[h>>6&15]&(1<<(h&63)) != 0 }

// le32 reads a key of keys (tokenKeys): four bytes, little-endian.
func le32(b string) uint32 {
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}

// tokenKeys returns the keys of tokens (see MayTouch): the hash of each
// distinct key, sorted, 4 bytes each, little-endian.
func tokenKeys(ts []token) string {
	hs := make([]uint32, 0, len(ts))
	for _, t := range ts {
		hs = append(hs, keyHash(t.kind, t.key))
	}
	slices.Sort(hs)
	hs = slices.Compact(hs)
	b := make([]byte, 0, 4*len(hs))
	for _, h := range hs {
		b = binary.LittleEndian.AppendUint32(b, h)
	}
	return string(b)
}

// keyHash is the FNV-1a hash of what a token is paired by in the edit
// distance: its kind and key, or a placeable's kind alone.
func keyHash(kind tokKind, key string) uint32 {
	h := uint32(2166136261)
	h = (h ^ uint32(kind)) * 16777619
	if kind.placeable() {
		return h
	}
	for i := 0; i < len(key); i++ {
		h = (h ^ uint32(key[i])) * 16777619
	}
	return h
}

// hasKey reports whether keys (tokenKeys) hold h.
func hasKey(keys string, h uint32) bool {
	lo, hi := 0, len(keys)/4
	for lo < hi {
		mid := (lo + hi) / 2
		x := le32(keys[4*mid:])
		switch {
		case x == h:
			return true
		case x < h:
			lo = mid + 1
		default:
			hi = mid
		}
	}
	return false
}

// Assembles reports whether lookups assemble a paragraph from the
// matches of its sentences: whether the memory has sentence pairs.
func (m *Memory) Assembles() bool { return m.paired > 0 }

// added is an entry that Replace adds, with its source's tokens.
type added struct {
	e    Entry
	toks []token
}

// span is where a folder's entries are in a memory's entries.
type span struct{ lo, hi int }

// folders returns where the entries of each folder in gone are, or
// false when m's entries are not in Build's order: each folder's units
// together, folders in slug order, then the imported ones.
func (m *Memory) folders(gone map[string]bool) (map[string]span, bool) {
	at := map[string]span{}
	prev, imported := "", false
	for i := range m.entries {
		e := &m.entries[i]
		if e.Kind == Imported {
			imported = true
			continue
		}
		if imported || e.Origin.Slug < prev {
			return nil, false
		}
		prev = e.Origin.Slug
		if gone[prev] {
			sp, ok := at[prev]
			if !ok {
				sp.lo = i
			}
			sp.hi = i + 1
			at[prev] = sp
		}
	}
	return at, true
}

// replaceAll replaces the entries of the folders gone by came (see
// Replace), making the entries and the sources' lists of entries anew,
// and returns the entries that went. m's entries are in Build's order
// (see folders).
func (m *Memory) replaceAll(gone map[string]bool, came []added) []Entry {
	// The entries in Build's order, each with its source.
	srcOf := make([]int32, len(m.entries))
	for si := range m.sources {
		for _, ei := range m.sources[si].entries {
			srcOf[ei] = int32(si)
		}
		m.sources[si].entries = m.sources[si].entries[:0]
	}
	var went []Entry
	entries := make([]Entry, 0, len(m.entries)+len(came))
	srcs := make([]int32, 0, cap(entries))
	next := 0 // the next of came
	put := func(before string, last bool) {
		for ; next < len(came) && (last || came[next].e.Origin.Slug < before); next++ {
			entries = append(entries, came[next].e)
			srcs = append(srcs, m.sourceOf(came[next].e.Source, came[next].toks))
		}
	}
	for i := range m.entries {
		e := &m.entries[i]
		switch {
		case e.Kind == Imported:
			put("", true)
		case gone[e.Origin.Slug]:
			went = append(went, *e)
			continue
		default:
			put(e.Origin.Slug, false)
		}
		entries = append(entries, *e)
		srcs = append(srcs, srcOf[i])
	}
	put("", true)
	m.entries, m.locOf, m.paired = entries, make([]int32, len(entries)), 0
	m.entriesInStore = false // a new array, on the heap
	canon := map[string]int32{}
	for i := range m.entries {
		e := &m.entries[i]
		m.sources[srcs[i]].entries = append(m.sources[srcs[i]].entries, int32(i))
		m.locOf[i] = m.noteEntry(e, canon)
	}
	return went
}

// replaceInPlace replaces the entries of the folders gone, which are
// where at says, by came (see Replace) where they are, when each folder
// has as many entries as before (a translation or a source changed, not
// a unit added or removed): the other entries keep their numbers, and
// only the sources of the entries that went or came change their lists.
// It returns the entries that went, or false, having changed nothing,
// when the folders' counts differ.
func (m *Memory) replaceInPlace(at map[string]span, gone map[string]bool, came []added) ([]Entry, bool) {
	counts := map[string]int{}
	for _, a := range came {
		counts[a.e.Origin.Slug]++
	}
	for slug := range gone {
		if sp := at[slug]; sp.hi-sp.lo != counts[slug] {
			return nil, false
		}
	}
	var went []Entry
	canon := map[string]int32{}
	for k := 0; k < len(came); {
		slug := came[k].e.Origin.Slug
		for i := at[slug].lo; k < len(came) && came[k].e.Origin.Slug == slug; i, k = i+1, k+1 {
			old := &m.entries[i]
			went = append(went, *old)
			if old.Kind == Sentence && !old.Reused {
				m.paired--
			}
			was := &m.sources[m.bySource[old.Source]]
			if j, found := slices.BinarySearch(was.entries, int32(i)); found {
				was.entries = slices.Delete(was.entries, j, j+1)
			}
			now := &m.sources[m.sourceOf(came[k].e.Source, came[k].toks)]
			if j, found := slices.BinarySearch(now.entries, int32(i)); !found {
				now.entries = slices.Insert(now.entries, j, int32(i))
			}
			*old = came[k].e
			m.locOf[i] = m.noteEntry(old, canon)
		}
	}
	return went, true
}
