// Package tm is l10n's translation memory: the translated units of every
// catalog of a project (and, later, the sentence pairs inside them and
// the translation units of TMX files), indexed once per run, so that a
// unit nobody has translated yet can start from the translation of the
// same or a similar English text.
//
// A Memory answers two questions about an English text (inline Markdown)
// and a target locale:
//
//   - Exact: which entries have exactly this source, bytes and markup
//     included (a 100% match);
//   - Lookup: which entries have a similar source, scored as a
//     percentage (see Match.Percent), best first, at or above a threshold
//     (DefaultThreshold, 75%). A match whose source differs from the
//     query only in numbers, URLs (link destinations, autolinks) or code
//     spans comes with its translation adapted to the query (see Adapt).
//
// Texts are compared as sequences of tokens: words (compared in lower
// case), numbers, punctuation characters and Markdown markup codes (the
// codes l10n's XLIFF export makes: a link's "[" and "](url)", "**", a
// code span). The match percentage is the token-level edit distance
// ratio that CAT tools use: 100 × (1 − d / max(n, m)), rounded down, where
// n and m are the two texts' token counts and d is their Levenshtein
// distance in which inserting, deleting or replacing a token costs 1,
// except that replacing a number by another number, a URL by another URL
// or a code span by another code span costs 0.1 (such a difference is
// adapted, not translated). Only a byte-identical source scores 100: a
// match that differs in case or spacing alone scores 99.
//
// The index is an inverted index of the sources' tokens (each number,
// URL and code span indexed as its class, so that a changed figure does
// not hide a match), with posting lists sorted by text length. A lookup
// reads only the shortest posting lists that can prove a source similar
// enough (prefix filtering: a source scoring at least T% shares at least
// ⌈T·n/100⌉ of the query's n tokens, so it has one of any n − ⌈T·n/100⌉ + 1
// of them), only for sources whose length allows T%, and then computes
// the edit distance of those candidates alone. There is no quadratic
// scan: the cost of a lookup grows with the number of similar texts, not
// with the size of the memory.
//
// Entries have a Kind and an Origin, so that sentence pairs (Sentence)
// and TMX translation units (Imported) join the same index as units do.
// A Memory is immutable once built and safe for concurrent lookups.
package tm

import (
	"cmp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"sync"

	"golang.org/x/text/language"
)

// DefaultThreshold is the lowest match percentage Lookup returns when
// the query does not set one.
const DefaultThreshold = 75

// DefaultLimit is how many matches Lookup returns at most when the query
// does not say.
const DefaultLimit = 3

// Kind says what an entry of the memory is.
type Kind uint8

// Entry kinds, in the order Lookup prefers them at equal scores.
const (
	// Unit is a translated unit of a catalog.
	Unit Kind = iota
	// Sentence is a pair of sentences inside a translated unit.
	Sentence
	// Imported is a translation unit of a TMX file.
	Imported
)

// String returns the kind's name: unit, sentence or imported.
func (k Kind) String() string {
	switch k {
	case Unit:
		return "unit"
	case Sentence:
		return "sentence"
	case Imported:
		return "imported"
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// State says how far a translator vouches for an entry.
type State uint8

// Entry states, in the order Lookup prefers them at equal scores.
const (
	// Translated is a translation a translator made or confirmed.
	Translated State = iota
	// NeedsReview is a translation nobody has confirmed yet: pre-filled
	// from the memory, or marked for review.
	NeedsReview
)

// String returns the state's name: translated or needs-review.
func (s State) String() string {
	switch s {
	case Translated:
		return "translated"
	case NeedsReview:
		return "needs-review"
	}
	return "state(" + strconv.Itoa(int(s)) + ")"
}

// Origin says where an entry comes from: a unit of a catalog (Slug and
// Unit, and Sentence for a sentence pair), or a file (File and Line, for
// a TMX translation unit).
type Origin struct {
	Slug string // the article's slug
	Unit string // the unit's id
	// Sentence is the 1-based number of a sentence pair in its unit; 0
	// for a whole unit.
	Sentence int
	File     string // a TMX file, as the project names it (tm/agency.tmx)
	Line     int    // the line of the <tu> in File
}

// String returns the origin as a catalog comment names it:
// "slug/unit", "slug/unit#2" for the second sentence of a unit, or
// "tm/agency.tmx:12".
func (o Origin) String() string {
	if o.File != "" {
		if o.Line > 0 {
			return o.File + ":" + strconv.Itoa(o.Line)
		}
		return o.File
	}
	s := o.Slug + "/" + o.Unit
	if o.Sentence > 0 {
		s += "#" + strconv.Itoa(o.Sentence)
	}
	return s
}

// Entry is one translation in the memory.
type Entry struct {
	Kind Kind
	// Source is the text in the memory's source locale, as inline
	// Markdown.
	Source string
	// Target is its translation, as inline Markdown.
	Target string
	// Locale is the target's locale (BCP 47).
	Locale string
	Origin Origin
	State  State
}

// Match is an entry found for a query.
type Match struct {
	Entry
	// Percent is the match percentage (see the package comment): 100
	// for an identical source, 99 or less otherwise.
	Percent int
	// Count is how many entries of the memory have this source and this
	// translation; Entry is the one Lookup prefers among them.
	Count int
	// Adapted is the translation with the query's numbers (in the target
	// locale's form), URLs and code spans in place of the match's, when
	// the sources differ in nothing else (see Adapt); "" otherwise, and
	// for an exact match.
	Adapted string

	dist int32 // edit distance in tenths of a token
}

// Query is what Lookup looks for.
type Query struct {
	// Source is the text to translate, as inline Markdown.
	Source string
	// Locale is the target locale.
	Locale string
	// Threshold is the lowest match percentage returned (1–100); 0 means
	// DefaultThreshold.
	Threshold int
	// Limit is the most matches returned; 0 means DefaultLimit, a
	// negative limit means no limit.
	Limit int
	// Skip, when set, leaves out the entries it reports true for, such
	// as the unit being looked up.
	Skip func(*Entry) bool
}

// Memory is an indexed translation memory. Build makes one; it is
// immutable and safe for concurrent use.
type Memory struct {
	source  string
	srcFmt  numberFormat
	entries []Entry
	// sources are the distinct source texts; bySource finds one.
	sources  []source
	bySource map[string]int32
	// dict numbers the tokens of the sources (kind byte + key).
	dict    map[string]int32
	classes [3]int32 // token ids of the number, URL and code classes
	indexes map[string]*index
	toks    sync.Pool // *tokenizer
}

// source is a distinct source text and its tokens.
type source struct {
	ids   []int32
	kinds []tokKind
}

// index holds one target locale's entries.
type index struct {
	locale string
	tgtFmt numberFormat
	// entries lists, per source, the entries with that source.
	entries map[int32][]int32
	// postings maps an indexed element (a token's id or class, and its
	// occurrence in the text) to the sources holding it, sorted by their
	// token count.
	postings map[uint64][]int32
}

// element is the key of a token's n-th occurrence (n from 0) in the
// posting lists.
func element(class int32, n int) uint64 { return uint64(class)<<24 | uint64(n) }

// Build indexes entries whose source texts are written in the source
// locale. Entries with an empty source or target are left out. Texts are
// cut into tokens on all cores.
func Build(sourceLocale string, entries []Entry) *Memory {
	m := &Memory{
		source:   sourceLocale,
		srcFmt:   numberFormatOf(sourceLocale),
		bySource: map[string]int32{},
		dict:     map[string]int32{},
		indexes:  map[string]*index{},
	}
	m.toks.New = func() any { return newTokenizer() }
	var texts []string
	for _, e := range entries {
		if e.Source == "" || e.Target == "" {
			continue
		}
		if _, ok := m.bySource[e.Source]; !ok {
			m.bySource[e.Source] = int32(len(texts))
			texts = append(texts, e.Source)
		}
		m.entries = append(m.entries, e)
	}
	for i, k := range []tokKind{kNumber, kURL, kCode} {
		m.classes[i] = m.intern(string(rune(k)))
	}
	toks := m.tokenizeAll(texts)
	m.sources = make([]source, len(texts))
	for i, ts := range toks {
		s := source{ids: make([]int32, len(ts)), kinds: make([]tokKind, len(ts))}
		for j, t := range ts {
			s.ids[j] = m.intern(string(rune(t.kind)) + t.key)
			s.kinds[j] = t.kind
		}
		m.sources[i] = s
	}
	count := map[int32]int{}
	for ei := range m.entries {
		e := &m.entries[ei]
		key := canonical(e.Locale)
		ix := m.indexes[key]
		if ix == nil {
			ix = &index{locale: key, tgtFmt: numberFormatOf(key), entries: map[int32][]int32{}, postings: map[uint64][]int32{}}
			m.indexes[key] = ix
		}
		si := m.bySource[e.Source]
		if len(ix.entries[si]) == 0 {
			clear(count)
			s := &m.sources[si]
			for j, id := range s.ids {
				c := m.class(id, s.kinds[j])
				el := element(c, count[c])
				count[c]++
				ix.postings[el] = append(ix.postings[el], si)
			}
		}
		ix.entries[si] = append(ix.entries[si], int32(ei))
	}
	for _, ix := range m.indexes {
		for el, list := range ix.postings {
			slices.SortFunc(list, func(a, b int32) int {
				return cmp.Or(cmp.Compare(len(m.sources[a].ids), len(m.sources[b].ids)), cmp.Compare(a, b))
			})
			ix.postings[el] = list
		}
	}
	return m
}

// tokenizeAll cuts texts into tokens on all cores.
func (m *Memory) tokenizeAll(texts []string) [][]token {
	out := make([][]token, len(texts))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(texts)/64))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t := newTokenizer()
			for i := w; i < len(texts); i += workers {
				out[i] = t.tokens(texts[i], m.srcFmt)
			}
		}()
	}
	wg.Wait()
	return out
}

// intern returns the id of a token key, numbering a new key.
func (m *Memory) intern(key string) int32 {
	id, ok := m.dict[key]
	if !ok {
		id = int32(len(m.dict))
		m.dict[key] = id
	}
	return id
}

// class returns what a token is indexed as: the class of a placeable,
// the token itself otherwise.
func (m *Memory) class(id int32, k tokKind) int32 {
	if k.placeable() {
		return m.classes[k-kNumber]
	}
	return id
}

// canonical returns a locale's canonical BCP 47 form, or the locale as
// given when it does not parse.
func canonical(locale string) string {
	t, err := language.Parse(locale)
	if err != nil {
		return locale
	}
	return t.String()
}

// sameLocale reports whether a query for locale q reads entries of
// locale e: the same tag, or the same language where one of them names
// the language alone (uk reads uk-UA, uk-UA reads uk).
func sameLocale(q, e string) bool {
	if q == e {
		return true
	}
	qt, err1 := language.Parse(q)
	et, err2 := language.Parse(e)
	if err1 != nil || err2 != nil {
		return false
	}
	qb, _ := qt.Base()
	eb, _ := et.Base()
	if qb != eb {
		return false
	}
	return qt.String() == qb.String() || et.String() == eb.String()
}

// Len returns the number of entries in the memory.
func (m *Memory) Len() int { return len(m.entries) }

// Locales returns the target locales of the memory's entries, sorted.
func (m *Memory) Locales() []string {
	var out []string
	for l := range m.indexes {
		out = append(out, l)
	}
	slices.Sort(out)
	return out
}

// indexesFor returns the indexes a query for a locale reads, in a fixed
// order.
func (m *Memory) indexesFor(locale string) []*index {
	q := canonical(locale)
	var out []*index
	for l, ix := range m.indexes {
		if sameLocale(q, l) {
			out = append(out, ix)
		}
	}
	slices.SortFunc(out, func(a, b *index) int { return cmp.Compare(a.locale, b.locale) })
	return out
}

// Exact returns the entries whose source is source, byte for byte, in
// locale (see Lookup for the order), one per distinct translation.
func (m *Memory) Exact(locale, source string) []Match {
	return m.lookup(Query{Source: source, Locale: locale, Threshold: 100, Limit: -1}, false)
}

// Lookup returns the best matches for a query: exact matches first, then
// fuzzy matches at or above the threshold, one per distinct source and
// translation, ordered by percentage, then finer by edit distance, then
// translated before needs-review entries, then by how many entries share
// the translation, then units before sentences before imported entries,
// then by origin. The order is deterministic.
func (m *Memory) Lookup(q Query) []Match { return m.lookup(q, true) }

func (m *Memory) lookup(q Query, fuzzy bool) []Match {
	thr := q.Threshold
	if thr <= 0 {
		thr = DefaultThreshold
	}
	thr = min(thr, 100)
	limit := q.Limit
	if limit == 0 {
		limit = DefaultLimit
	}
	idxs := m.indexesFor(q.Locale)
	if len(idxs) == 0 {
		return nil
	}
	type hit struct {
		src  int32
		dist int32
		pct  int
	}
	var hits []hit
	exact, hasExact := m.bySource[q.Source]
	if hasExact {
		hits = append(hits, hit{src: exact, pct: 100})
	}
	var qt []token
	if fuzzy && thr < 100 {
		t := m.toks.Get().(*tokenizer)
		qt = t.tokens(q.Source, m.srcFmt)
		m.toks.Put(t)
		ids, kinds := m.queryIDs(qt)
		seen := map[int32]bool{}
		for _, ix := range idxs {
			for _, si := range m.candidates(ix, ids, kinds, thr) {
				if seen[si] || hasExact && si == exact {
					continue
				}
				seen[si] = true
				s := &m.sources[si]
				l := int32(max(len(ids), len(s.ids)))
				dmax := 10 * l * int32(100-thr) / 100
				d := distance(ids, kinds, s.ids, s.kinds, dmax)
				if d > dmax {
					continue
				}
				pct := min(int((10*l-d)*100/(10*l)), 99)
				if pct >= thr {
					hits = append(hits, hit{src: si, dist: d, pct: pct})
				}
			}
		}
	}
	// One match per distinct source and translation.
	type group struct {
		best  int32
		count int
		pct   int
		dist  int32
	}
	type gkey struct {
		src    int32
		target string
	}
	groups := map[gkey]*group{}
	var order []gkey
	for _, h := range hits {
		for _, ix := range idxs {
			for _, ei := range ix.entries[h.src] {
				e := &m.entries[ei]
				if q.Skip != nil && q.Skip(e) {
					continue
				}
				k := gkey{h.src, e.Target}
				g := groups[k]
				if g == nil {
					g = &group{best: ei, pct: h.pct, dist: h.dist}
					groups[k] = g
					order = append(order, k)
				} else if preferEntry(e, &m.entries[g.best]) {
					g.best = ei
				}
				g.count++
			}
		}
	}
	if len(order) == 0 {
		return nil
	}
	out := make([]Match, 0, len(order))
	for _, k := range order {
		g := groups[k]
		out = append(out, Match{Entry: m.entries[g.best], Percent: g.pct, Count: g.count, dist: g.dist})
	}
	slices.SortFunc(out, compareMatches)
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	for i := range out {
		if out[i].Percent < 100 {
			out[i].Adapted = m.adaptTokens(out[i].Source, out[i].Target, q.Source, qt, canonical(out[i].Locale))
		}
	}
	return out
}

// preferEntry reports whether a is a better representative than b of
// entries with the same source and translation.
func preferEntry(a, b *Entry) bool {
	return cmp.Or(cmp.Compare(a.State, b.State), cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Origin.String(), b.Origin.String())) < 0
}

// compareMatches orders matches best first (see Lookup).
func compareMatches(a, b Match) int {
	return cmp.Or(
		cmp.Compare(b.Percent, a.Percent),
		cmp.Compare(a.dist, b.dist),
		cmp.Compare(a.State, b.State),
		cmp.Compare(b.Count, a.Count),
		cmp.Compare(a.Kind, b.Kind),
		cmp.Compare(a.Origin.String(), b.Origin.String()),
		cmp.Compare(a.Source, b.Source),
		cmp.Compare(a.Target, b.Target),
	)
}

// queryIDs returns the ids of a query's tokens; a token the memory does
// not hold gets a negative id of its own.
func (m *Memory) queryIDs(ts []token) ([]int32, []tokKind) {
	ids := make([]int32, len(ts))
	kinds := make([]tokKind, len(ts))
	var unknown map[string]int32
	for i, t := range ts {
		key := string(rune(t.kind)) + t.key
		id, ok := m.dict[key]
		if !ok {
			if unknown == nil {
				unknown = map[string]int32{}
			}
			if id, ok = unknown[key]; !ok {
				id = -1 - int32(len(unknown))
				unknown[key] = id
			}
		}
		ids[i], kinds[i] = id, t.kind
	}
	return ids, kinds
}

// candidates returns the sources of an index that may score thr or more
// against a query of tokens ids: those of a length that allows it which
// hold one of the query's n − ⌈thr·n/100⌉ + 1 indexed elements with the
// shortest posting lists.
func (m *Memory) candidates(ix *index, ids []int32, kinds []tokKind, thr int) []int32 {
	n := len(ids)
	if n == 0 {
		return nil
	}
	minLen := (thr*n + 99) / 100
	maxLen := 100 * n / thr
	type list struct{ srcs []int32 }
	lists := make([]list, 0, n)
	count := map[int32]int{}
	for i, id := range ids {
		if id < 0 && !kinds[i].placeable() {
			lists = append(lists, list{})
			continue
		}
		c := m.class(id, kinds[i])
		el := element(c, count[c])
		count[c]++
		p := ix.postings[el]
		lo := sort.Search(len(p), func(j int) bool { return len(m.sources[p[j]].ids) >= minLen })
		hi := sort.Search(len(p), func(j int) bool { return len(m.sources[p[j]].ids) > maxLen })
		lists = append(lists, list{p[lo:hi]})
	}
	slices.SortStableFunc(lists, func(a, b list) int { return cmp.Compare(len(a.srcs), len(b.srcs)) })
	prefix := n - minLen + 1
	var out []int32
	seen := map[int32]bool{}
	for _, l := range lists[:min(prefix, len(lists))] {
		for _, s := range l.srcs {
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	slices.Sort(out)
	return out
}

// distance returns the edit distance of two token sequences in tenths of
// a token (see the package comment), or a number above limit as soon as
// the distance is sure to exceed it.
func distance(a []int32, ak []tokKind, b []int32, bk []tokKind, limit int32) int32 {
	prev := make([]int32, len(b)+1)
	cur := make([]int32, len(b)+1)
	for j := range prev {
		prev[j] = int32(10 * j)
	}
	for i := range a {
		cur[0] = int32(10 * (i + 1))
		best := cur[0]
		for j := range b {
			sub := prev[j]
			switch {
			case a[i] == b[j]:
			case ak[i] == bk[j] && ak[i].placeable():
				sub++
			default:
				sub += 10
			}
			v := min(sub, prev[j+1]+10, cur[j]+10)
			cur[j+1] = v
			best = min(best, v)
		}
		if best > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
