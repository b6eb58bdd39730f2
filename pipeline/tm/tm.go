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
// The index is built once, from the distinct sources of all entries. A
// text's elements are its tokens, each number, URL and code span counted
// as its class (so that a changed figure does not hide a match), each
// with its occurrence number (the second "the" is another element than
// the first), ordered by rarity across the memory. A source scoring at
// least T% against a query of n tokens shares at least ⌈T·max(n, m)/100⌉
// elements with it, so it shares one of the query's rarest
// n − ⌈T·n/100⌉ + 1 elements, and one of its own m − ⌈T·m/100⌉ + 1
// rarest (prefix filtering). Each source is indexed under its rarest
// elements only; a lookup reads the posting lists of the query's rarest
// elements, keeps the sources whose length allows T% and whose first
// shared element is early enough in both texts (positional filtering),
// rules out those whose signature differs too much from the query's
// (see signature), counts the elements each candidate left shares with
// the query against a bitset, and computes the edit distance, within a
// band around the diagonal, of those that can still reach T%; a lookup
// for the best few verifies the candidates whose count allows the best
// score first and stops when none left can beat what it has. There is
// no quadratic scan: the cost of a lookup grows with the number of
// sources that share the query's rarest words, not with the memory's
// size as such (see the benchmarks).
//
// Entries have a Kind and an Origin, so that sentence pairs (Sentence)
// and TMX translation units (Imported, see FromTMX) join the same index
// as units do. Build pairs the sentences of each translated unit itself
// (see pairSentences) unless told not to, and Lookup offers a paragraph
// assembled from its sentences' matches (Assembled). A Memory is
// immutable once built and safe for concurrent lookups.
package tm

import (
	"cmp"
	"maps"
	"math/bits"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"sync"

	"golang.org/x/text/language"

	"github.com/l10n-dev/l10n/internal/offheap"
	"github.com/l10n-dev/l10n/pipeline/numfmt"
	"github.com/l10n-dev/l10n/pipeline/sentence"
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
	// Assembled is a paragraph put together from the matches of its
	// sentences (see Match.Parts); Lookup makes it, the memory holds
	// none.
	Assembled
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
	case Assembled:
		return "assembled"
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
	// Reused marks a translation the memory itself pre-filled that
	// nobody has confirmed: it is the memory's own output (an adapted
	// one a new pair), so Lookup never offers it — offered, it would
	// change suggestions on the next run and spread text no translator
	// has read — but it is exported. Nor does it count towards a
	// locale's length ratio or make lookups assemble sentences (see
	// Build): a memory without its Reused entries answers every lookup
	// as the memory with them does.
	Reused bool
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
	// for an exact match. An assembled match's Adapted is its Target
	// when each of its parts is exact or adapted.
	Adapted string
	// Parts are the matches of the query's sentences an Assembled match
	// is made of, in order; nil for any other match.
	Parts []Match

	dist int32  // edit distance in tenths of a token
	loc  string // the entry's canonical locale
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
	// Keys, when set, is given the keys of the query's tokens (see
	// MayTouch), for a caller that keeps the query to ask later whether
	// a change to the memory may answer it otherwise.
	Keys *string
}

// Options configure Build.
type Options struct {
	// Source is the locale the entries' sources are written in; "en"
	// when empty.
	Source string
	// NoSentences leaves the sentence pairs of units out of the memory
	// (see Sentence): only whole units match.
	NoSentences bool
	// MinThreshold is the lowest threshold lookups will ask for (1–100);
	// 0 means DefaultThreshold. The index is built for it: a lower one
	// makes a larger index and slower lookups. A lookup with a lower
	// threshold is answered at MinThreshold.
	MinThreshold int
	// Store, when set, holds the memory's arrays of numbers (the
	// sources' tokens and bags, the index) outside the heap (see
	// offheap), where they last as long as the process: for a memory a
	// command keeps for its whole run, not one made again and again.
	Store *offheap.Store
}

// Memory is an indexed translation memory. Build makes one; it is
// immutable and safe for concurrent use.
type Memory struct {
	source  string // Options.Source
	store   *offheap.Store
	srcFmt  numfmt.Format
	minThr  int
	entries []Entry
	// entriesInStore tells that entries are in the store's memory (see
	// BuildParts, DecodeIn: entriesStore, which holds all their strings),
	// where no string of the heap may be written.
	entriesInStore bool
	entriesStore   *offheap.Store
	// paired is how many of the entries are sentence pairs that
	// lookups offer (not Reused).
	paired int
	// locOf is each entry's canonical locale, a number in locNames (four
	// bytes an entry where the string took sixteen, and nothing for the
	// collector to follow).
	locOf    []int32
	locNames []string
	// sources are the distinct source texts, whatever their entries'
	// locales; bySource finds one.
	sources  []source
	bySource map[string]int32
	// dict numbers the tokens of the sources; kinds says what each is.
	dict  map[tokKey]int32
	kinds []tokKind
	// classes are the token ids that stand for any number, URL and code
	// span in the index.
	classes [3]int32
	// elems numbers the indexed elements: a token, or a placeable's
	// class, with its occurrence in the text (see element); rank orders
	// them, rarest first.
	elems map[uint64]int32
	rank  []int32
	// bags holds the sources' bags, one after the other, so that a
	// lookup reads a candidate's bag without reading its source. In a
	// decoded memory, bags, sigs, postings, postStart and the sources'
	// ids may be parts of read-only data (a mapped file; see int32s):
	// they are appended to (which copies them) or made anew, never
	// written in place. In a memory built with a store (Options.Store),
	// they and rank are in the store's memory, outside the heap.
	bags []int32
	// sigs are the sources' signatures (see signature).
	sigs []signature
	// postings lists, per element rank, the sources that have the
	// element among the first elements of their bag (their prefix, see
	// prefix), shortest sources first: the list of rank r is
	// postings[postStart[r]:postStart[r+1]] (see posts).
	postings  []posting
	postStart []int32
	// locales maps each canonical target locale of the entries to its
	// number format.
	locales map[string]numfmt.Format
	indexed sync.Once // the signatures and posting lists are made (index)
	// keys are the hashes of the sources' tokens, made for MayTouch.
	keyed sync.Once
	keys  [][]uint32
	// scratch holds the lookups' *scratch. A pool of its own, not a
	// field: the runtime keeps every pool used since the last two
	// collections, and a pool inside the memory would keep the memory
	// (a part that a lookup over the parts let go, tm.Partial) with it.
	scratch *sync.Pool
	reads   sync.Map // a query's locale → the canonical locales it reads ([]string)
}

// posting is a source in a posting list: its number, where its bag
// starts in Memory.bags, its token count and the element's place in its
// bag.
type posting struct{ src, off, n, pos int32 }

// candidate is a source a lookup verifies: its number, where its bag
// starts in Memory.bags and its token count.
type candidate struct{ src, off, n int32 }

// tokKey is what the dictionary of tokens is keyed by.
type tokKey struct {
	kind tokKind
	key  string
}

// source is a distinct source text: its tokens and, sorted, the ranks
// of its elements (its bag, in Memory.bags from off); entries are its
// entries, in every locale.
type source struct {
	ids     []int32
	off     int32
	entries []int32
}

// bag returns a source's bag.
func (m *Memory) bag(s *source) []int32 { return m.bags[s.off : int(s.off)+len(s.ids)] }

// scratch is the working memory of one lookup.
type scratch struct {
	elems   bitset // the query's elements, by rank
	srcs    bitset // the candidates seen
	rows    [2][]int32
	cands   []candidate
	bounded []bounded
}

// bitset is a set of small non-negative numbers.
type bitset []uint64

func (b bitset) has(i int32) bool { return b[i>>6]&(1<<(i&63)) != 0 }
func (b bitset) set(i int32)      { b[i>>6] |= 1 << (i & 63) }
func (b bitset) unset(i int32)    { b[i>>6] &^= 1 << (i & 63) }

// element is the key of the n-th occurrence (n from 0) of a token or
// class in a text.
func element(class int32, n int) uint64 { return uint64(class)<<24 | uint64(min(n, 1<<24-1)) }

// Build indexes the entries. Entries with an empty source or target are
// left out. Texts are cut into tokens on all cores.
func Build(entries []Entry, opts Options) *Memory { return BuildParts([][]Entry{entries}, opts) }

// BuildParts is Build of the entries of parts, one part after the
// other, for a caller that reads its entries in parts (package memory:
// a catalog folder each), which need not be copied into one array. With
// a Store, when every string of every entry is one that the store holds
// (offheap.Store.Holds) and no sentences are paired, the memory keeps
// its entries in the store too.
func BuildParts(parts [][]Entry, opts Options) *Memory {
	m := newMemory(opts)
	n := 0
	for _, es := range parts {
		n += len(es)
	}
	// Room for every entry (sentence pairs make more).
	if opts.NoSentences && heldBy(opts.Store, parts) {
		m.entries, m.entriesInStore = offheap.MakeReferring[Entry](m.store, n)
		m.entries, m.entriesStore = m.entries[:0], m.store
	} else {
		m.entries = make([]Entry, 0, n)
	}
	m.locOf = make([]int32, 0, n)
	for i, k := range []tokKind{kNumber, kURL, kCode} {
		m.classes[i] = m.intern(tokKey{kind: k}, k)
	}
	var df []int32 // per element: how many sources have it
	canon := map[string]int32{}
	add := func(e Entry, ts []token) {
		si, ok := m.bySource[e.Source]
		if !ok {
			si = int32(len(m.sources))
			m.bySource[e.Source] = si
			s := source{ids: offheap.Make[int32](m.store, len(ts)), off: int32(len(m.bags))}
			m.bags = offheap.Grow(m.store, m.bags, len(ts)) // a bag has an element per token
			for j, t := range ts {
				s.ids[j] = m.intern(tokKey{t.kind, t.key}, t.kind)
			}
			m.elements(s.ids, nil, func(j int, key uint64, el int32) {
				if el < 0 {
					el = int32(len(df))
					m.elems[key] = el
					df = append(df, 0)
				}
				df[el]++
				m.bags = append(m.bags, el)
			})
			m.sources = append(m.sources, s)
		}
		m.sources[si].entries = append(m.sources[si].entries, int32(len(m.entries)))
		m.entries = append(m.entries, e)
		m.locOf = append(m.locOf, m.noteEntry(&e, canon))
	}
	m.cutAll(parts, n, !opts.NoSentences, add)
	// Nothing may append to entries in the store (see heldBy).
	m.entries = slices.Clip(m.entries)
	// Rank the elements, rarest first, and sort each bag by rank.
	order := make([]int32, len(df))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return cmp.Or(cmp.Compare(df[a], df[b]), cmp.Compare(a, b)) })
	m.rank = offheap.Make[int32](m.store, len(df))
	for r, el := range order {
		m.rank[el] = int32(r)
	}
	m.bags = slices.Clip(m.bags)
	for i := range m.bags {
		m.bags[i] = m.rank[m.bags[i]]
	}
	for i := range m.sources {
		slices.Sort(m.bag(&m.sources[i]))
	}
	return m
}

// KeepIn returns es copied into store's memory, outside the heap, when
// the store holds every string of every entry (offheap.Store.Holds: the
// caller moved them there), else es itself. The copy lasts until
// offheap.Free.
func KeepIn(store *offheap.Store, es []Entry) []Entry {
	if len(es) == 0 || !heldBy(store, [][]Entry{es}) {
		return es
	}
	kept, ok := offheap.MakeReferring[Entry](store, len(es))
	if !ok {
		return es
	}
	copy(kept, es)
	return kept
}

// heldBy reports whether store holds every string of every entry of
// parts (offheap.Store.Holds), so that the entries may be kept there.
// entryHeld names every string field of Entry (TestEntryStrings).
func heldBy(store *offheap.Store, parts [][]Entry) bool {
	if store == nil {
		return false
	}
	holds := store.Holds()
	for _, es := range parts {
		for i := range es {
			if !entryHeld(holds, &es[i]) {
				return false
			}
		}
	}
	return true
}

// entryHeld reports whether holds (offheap.Store.Holds) holds every
// string of e.
func entryHeld(holds func(string) bool, e *Entry) bool {
	return holds(e.Source) && holds(e.Target) && holds(e.Locale) &&
		holds(e.Origin.Slug) && holds(e.Origin.Unit) && holds(e.Origin.File)
}

// index makes the sources' signatures and the posting lists from their
// sorted bags, once, for the first fuzzy lookup: a memory that Replace
// changes first, or that answers exact lookups alone, never makes them
// twice.
func (m *Memory) index() { m.indexed.Do(m.makeIndex) }

// makeIndex makes the index (see index).
func (m *Memory) makeIndex() {
	m.sigs = offheap.Make[signature](m.store, len(m.sources))
	for i := range m.sources {
		m.sigs[i] = signatureOf(m.bag(&m.sources[i]))
	}
	// Index each source under its prefix, shortest sources first, so
	// that every posting list is sorted by length: the lists one after
	// the other in one array, each from its start in postStart.
	byLen := m.byLength()
	m.postStart = offheap.Make[int32](m.store, len(m.rank)+1)
	for i := range m.sources {
		bag := m.bag(&m.sources[i])
		for _, r := range bag[:prefix(len(bag), m.minThr)] {
			m.postStart[r+1]++
		}
	}
	for r := range m.rank {
		m.postStart[r+1] += m.postStart[r]
	}
	m.postings = offheap.Make[posting](m.store, int(m.postStart[len(m.rank)]))
	next := slices.Clone(m.postStart[:len(m.rank)])
	for _, si := range byLen {
		s := &m.sources[si]
		bag := m.bag(s)
		for j, r := range bag[:prefix(len(bag), m.minThr)] {
			m.postings[next[r]] = posting{si, s.off, int32(len(bag)), int32(j)}
			next[r]++
		}
	}
}

// byLength returns the sources' numbers, shortest first, in number order
// at equal lengths (a counting sort).
func (m *Memory) byLength() []int32 {
	var at []int32 // at[n+1]: how many sources have n tokens, then where they start
	for i := range m.sources {
		n := len(m.sources[i].ids)
		if n+2 > len(at) {
			at = append(at, make([]int32, n+2-len(at))...)
		}
		at[n+1]++
	}
	for n := 1; n < len(at); n++ {
		at[n] += at[n-1]
	}
	out := make([]int32, len(m.sources))
	for i := range m.sources {
		n := len(m.sources[i].ids)
		out[at[n]] = int32(i)
		at[n]++
	}
	return out
}

// posts returns the posting list of an element's rank.
func (m *Memory) posts(r int32) []posting { return m.postings[m.postStart[r]:m.postStart[r+1]] }

// newMemory returns an empty memory for Build or Decode to fill.
func newMemory(opts Options) *Memory {
	if opts.Source == "" {
		opts.Source = "en"
	}
	m := &Memory{
		source:   opts.Source,
		store:    opts.Store,
		srcFmt:   numfmt.Of(opts.Source),
		minThr:   opts.MinThreshold,
		bySource: map[string]int32{},
		dict:     map[tokKey]int32{},
		elems:    map[uint64]int32{},
		locales:  map[string]numfmt.Format{},
	}
	if m.minThr <= 0 {
		m.minThr = DefaultThreshold
	}
	m.minThr = min(m.minThr, 100)
	m.scratch = &sync.Pool{}
	return m
}

// prefix returns how many of a text's n elements, rarest first, a text
// scoring thr% or more against it must share at least one of: a text
// that scores thr% shares ⌈thr·n/100⌉ of them.
func prefix(n, thr int) int {
	if n == 0 {
		return 0
	}
	return n - (thr*n+99)/100 + 1
}

// cut is what Build needs of an entry: the tokens of its source when
// it is the first entry with that source, and the sentence pairs of a
// unit with their sources' tokens.
type cut struct {
	toks  []token
	pairs []Entry
	ptoks [][]token
}

// batch is how many entries cutAll cuts at a time: enough to keep the
// cores busy, few enough that the tokens of a batch stay small.
const batch = 512

// cutAll cuts the entries with a source and a target into tokens and,
// if sentences, pairs the sentences of their units (see pairSentences),
// on all cores, and hands each entry with its source's tokens to add,
// in order, on the calling goroutine, while the next batch is cut; a
// unit's sentence pairs follow it. Each source is cut once however many
// entries have it (add is given nil tokens for a source it has seen);
// the source of units whose sentences are paired is cut once for all of
// them that fall in one batch (Build's entries from the catalogs come
// article by article, a unit's locales close together).
func (m *Memory) cutAll(parts [][]Entry, n int, sentences bool, add func(Entry, []token)) {
	// The first entry of each source, and each locale's number format
	// and, for pairing sentences, length ratio.
	first := make([]bool, n)
	seen := map[string]bool{}
	formats := map[string]numfmt.Format{}
	lens := map[string][]float64{}
	i := 0
	for _, es := range parts {
		for _, e := range es {
			if e.Source != "" && e.Target != "" {
				if !seen[e.Source] {
					seen[e.Source], first[i] = true, true
				}
				if _, ok := formats[e.Locale]; !ok {
					formats[e.Locale] = numfmt.Of(e.Locale)
				}
				if sentences && e.Kind == Unit && !e.Reused {
					lens[e.Locale] = append(lens[e.Locale], unitRatio(&e))
				}
			}
			i++
		}
	}
	// Room for every source, so that their array and map are made once.
	m.sources = slices.Grow(m.sources, len(seen))
	if len(m.bySource) == 0 {
		m.bySource = make(map[string]int32, len(seen))
	}
	seen = nil
	ratios := map[string]float64{}
	for loc, r := range lens {
		ratios[loc] = lengthRatio(r, baseOf(formats[loc]))
	}
	workers := min(runtime.GOMAXPROCS(0), (n+63)/64)
	toks := make([]*tokenizer, workers)
	for w := range toks {
		toks[w] = newTokenizer()
	}
	run := func(lo, hi int, work func(t *tokenizer, i int)) {
		var wg sync.WaitGroup
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := lo + w; i < hi; i += workers {
					work(toks[w], i)
				}
			}()
		}
		wg.Wait()
	}
	// The batches are cut on the workers while the calling goroutine
	// adds the one before (add is serial: it numbers the tokens and
	// sources): one batch cut ahead.
	type cutBatch struct {
		entries []*Entry
		out     []cut
	}
	batches := make(chan cutBatch, 1)
	go func() {
		defer close(batches)
		part, next := 0, 0 // the next entry: parts[part][next]
		for lo := 0; lo < n; lo += batch {
			hi := min(lo+batch, n)
			entries := make([]*Entry, 0, hi-lo)
			for len(entries) < hi-lo {
				if next == len(parts[part]) {
					part, next = part+1, 0
					continue
				}
				entries = append(entries, &parts[part][next])
				next++
			}
			out := make([]cut, hi-lo)
			// Within a batch, each source is cut once: by its first
			// entry there (its owner), whose tokens and sentences the
			// others pair theirs with.
			owner := make([]int, hi-lo)
			spans := make([][]sentence.Span, hi-lo)
			srcToks := make([][]token, hi-lo)
			at := map[string]int{}
			for i := lo; i < hi; i++ {
				owner[i-lo] = -1
				e := entries[i-lo]
				if e.Source == "" || e.Target == "" || !(first[i] || sentences && e.Kind == Unit) {
					continue
				}
				o, ok := at[e.Source]
				if !ok {
					o = i
					at[e.Source] = i
				}
				owner[i-lo] = o
			}
			run(lo, hi, func(t *tokenizer, i int) {
				if owner[i-lo] != i {
					return
				}
				if sentences {
					srcToks[i-lo], spans[i-lo] = t.cut(entries[i-lo].Source, m.srcFmt, true, true)
				} else {
					srcToks[i-lo] = t.tokens(entries[i-lo].Source, m.srcFmt)
				}
			})
			run(lo, hi, func(t *tokenizer, i int) {
				o := owner[i-lo]
				if o < 0 {
					return
				}
				e := entries[i-lo]
				c := cut{}
				if first[i] {
					c.toks = srcToks[o-lo]
				}
				if sentences && e.Kind == Unit {
					c.pairs, c.ptoks = pairSentences(t, srcToks[o-lo], spans[o-lo], formats[e.Locale], ratios[e.Locale], e)
				}
				out[i-lo] = c
			})
			batches <- cutBatch{entries, out}
		}
	}()
	for b := range batches {
		for k, c := range b.out {
			if e := b.entries[k]; e.Source != "" && e.Target != "" {
				add(*e, c.toks)
			}
			for j, p := range c.pairs {
				add(p, c.ptoks[j])
			}
		}
	}
}

// intern returns the id of a token, numbering a new one.
func (m *Memory) intern(k tokKey, kind tokKind) int32 {
	id, ok := m.dict[k]
	if !ok {
		id = int32(len(m.kinds))
		m.dict[k] = id
		m.kinds = append(m.kinds, kind)
	}
	return id
}

// kindOf returns the kind of a token id; unknown holds the kinds of the
// tokens of a query that the memory does not have (negative ids).
func (m *Memory) kindOf(id int32, unknown []tokKind) tokKind {
	if id < 0 {
		return unknown[-1-id]
	}
	return m.kinds[id]
}

// elements calls fn with each token's element key and number, or -1
// for an element the memory does not have (and key 0 for a token no
// text of the memory has); unknown holds the kinds of the query's
// unknown tokens.
func (m *Memory) elements(ids []int32, unknown []tokKind, fn func(j int, key uint64, el int32)) {
	count := counts.Get().(map[int32]int)
	defer func() { clear(count); counts.Put(count) }()
	for j, id := range ids {
		k := m.kindOf(id, unknown)
		if id < 0 && !k.placeable() {
			fn(j, 0, -1)
			continue
		}
		c := m.class(id, k)
		key := element(c, count[c])
		count[c]++
		el, ok := m.elems[key]
		if !ok {
			el = -1
		}
		fn(j, key, el)
	}
}

// counts holds the maps elements counts a text's tokens in, each cleared
// for the next text: a memory is built from hundreds of thousands.
var counts = sync.Pool{New: func() any { return map[int32]int{} }}

// class returns what a token is indexed as: the class of a placeable,
// the token itself otherwise.
func (m *Memory) class(id int32, k tokKind) int32 {
	if k.placeable() {
		return m.classes[k-kNumber]
	}
	return id
}

// noteEntry counts entry e among the memory's sentence pairs (paired)
// and returns the number of its locale's canonical form in m.locNames,
// with the locale's number format in m.locales; canon keeps the numbers
// of the locales found so far, as entries name them.
func (m *Memory) noteEntry(e *Entry, canon map[string]int32) int32 {
	if e.Kind == Sentence && !e.Reused {
		m.paired++
	}
	li, ok := canon[e.Locale]
	if !ok {
		loc := canonical(e.Locale)
		li = int32(slices.Index(m.locNames, loc))
		if li < 0 {
			li = int32(len(m.locNames))
			m.locNames = append(m.locNames, loc)
			m.locales[loc] = numfmt.Of(loc)
		}
		canon[e.Locale] = li
	}
	return li
}

// locOfEntry returns the canonical locale of entry i.
func (m *Memory) locOfEntry(i int32) string { return m.locNames[m.locOf[i]] }

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

// Locales returns the target locales of the memory's entries, canonical
// and sorted.
func (m *Memory) Locales() []string {
	return slices.Sorted(maps.Keys(m.locales))
}

// reading returns the canonical locales of the entries a query for a
// locale reads.
func (m *Memory) reading(locale string) []string {
	if v, ok := m.reads.Load(locale); ok {
		return v.([]string)
	}
	q := canonical(locale)
	var out []string
	for l := range m.locales {
		if sameLocale(q, l) {
			out = append(out, l)
		}
	}
	m.reads.Store(locale, out)
	return out
}

// Exact returns the entries whose source is source, byte for byte, in
// locale (see Lookup for the order), one per distinct translation.
func (m *Memory) Exact(locale, source string) []Match {
	return m.lookup(Query{Source: source, Threshold: 100, Limit: -1}, []string{locale}, false, false)[0]
}

// Lookup returns the best matches for a query: exact matches first, then
// fuzzy matches at or above the threshold, one per distinct source and
// translation, ordered by percentage, then finer by edit distance, then
// translated before needs-review entries, then by how many entries share
// the translation, then units before sentences before imported entries,
// then by origin. The order is deterministic.
//
// When no exact match is found and the query has two sentences or more
// (see package sentence), each sentence is looked up on its own, at the
// same threshold, among the entries of every kind; if every one finds a
// match, the paragraph their translations make (in order, with the
// query's spaces between them) is offered as an Assembled match, with
// the percentage of its parts averaged over their tokens (at most 99),
// unless a whole match scores as well or has the same source.
func (m *Memory) Lookup(q Query) []Match { return m.lookup(q, []string{q.Locale}, true, true)[0] }

// LookupLocales returns, for each of locales, what Lookup returns for q
// in that locale (q.Locale is not read), sharing between them the work
// that does not depend on the locale: cutting the query into tokens and
// finding and scoring the sources, verified while any locale may still
// need them. A unit missing in several locales, as a new paragraph is,
// costs about one lookup.
func (m *Memory) LookupLocales(q Query, locales []string) [][]Match {
	return m.lookup(q, locales, true, true)
}

// hit is a source found for a query.
type hit struct {
	src  int32
	dist int32
	pct  int
}

func (m *Memory) lookup(q Query, locales []string, fuzzy, assemble bool) [][]Match {
	var qt []token
	var spans []sentence.Span
	if fuzzy {
		t := tokenizers.Get().(*tokenizer)
		if assemble && m.paired > 0 {
			qt, spans = t.cut(q.Source, m.srcFmt, true, true)
		} else {
			qt = t.tokens(q.Source, m.srcFmt)
		}
		tokenizers.Put(t)
		if q.Keys != nil {
			*q.Keys = tokenKeys(qt)
		}
	}
	return m.lookupEach(q, locales, qt, spans, fuzzy, assemble, true)
}

// lookupTokens implements lookup for a query cut into tokens qt, in
// q.Locale, without assembling.
func (m *Memory) lookupTokens(q Query, qt []token) []Match {
	return m.lookupEach(q, []string{q.Locale}, qt, nil, true, false, true)[0]
}

// lookupEach implements lookup for a query cut into tokens qt and, for
// assembling, sentences spans, in each of locales. Without cut, each
// locale's matches are group's, unsorted, each adapted, none assembled
// (see Partial).
func (m *Memory) lookupEach(q Query, locales []string, qt []token, spans []sentence.Span, fuzzy, assemble, cut bool) [][]Match {
	if skip := q.Skip; skip != nil {
		q.Skip = func(e *Entry) bool { return e.Reused || skip(e) }
	} else {
		q.Skip = func(e *Entry) bool { return e.Reused }
	}
	thr := q.Threshold
	if thr <= 0 {
		thr = DefaultThreshold
	}
	thr = max(min(thr, 100), m.minThr)
	limit := q.Limit
	if limit == 0 {
		limit = DefaultLimit
	}
	// The entries' locales each locale reads; those that read none
	// have no matches.
	outs := make([][]Match, len(locales))
	var locs [][]string
	var which []int
	for i, l := range locales {
		if r := m.reading(l); len(r) > 0 {
			locs = append(locs, r)
			which = append(which, i)
		}
	}
	if len(locs) == 0 {
		return outs
	}
	var hits []hit
	exact, hasExact := m.bySource[q.Source]
	if hasExact {
		hits = append(hits, hit{src: exact, pct: 100})
	}
	if fuzzy && thr < 100 {
		m.index()
		hits = m.fuzzy(qt, thr, exact, hasExact, hits, limit, locs, q.Skip)
	}
	for k, i := range which {
		q.Locale = locales[i]
		out := m.group(hits, locs[k], q.Skip, limit)
		if cut {
			slices.SortFunc(out, compareMatches)
			if limit > 0 && len(out) > limit {
				out = out[:limit]
			}
		}
		for j := range out {
			if out[j].Percent < 100 {
				out[j].Adapted = m.adaptTokens(out[j].Source, out[j].Target, q.Source, qt, out[j].loc)
			}
		}
		if cut && assemble && fuzzy && thr < 100 && m.paired > 0 && (len(out) == 0 || out[0].Percent < 100) {
			a, ok := m.assemble(q, thr, qt, spans)
			if ok && (len(out) == 0 || a.Percent > out[0].Percent) && !slices.ContainsFunc(out, func(o Match) bool { return o.Source == a.Source }) {
				out = append([]Match{a}, out...)
				if limit > 0 && len(out) > limit {
					out = out[:limit]
				}
			}
		}
		outs[i] = out
	}
	return outs
}

// fuzzy appends to hits the sources other than exact that score thr or
// more against a query's tokens. With a limit above 0, only the sources
// that can be among the limit best matches in one of the locales (each
// a list of the entries' locales it reads) that skip does not leave
// out are needed: once each locale has limit sources with matches
// scoring p or more (the floor, the lowest of the locales'), a source
// that cannot reach p is not verified. The query's elements are probed
// one at a time, rarest first, and the candidates of each verified best
// bound first before the next is probed; the floor, as it rises,
// shortens the prefix of elements to probe (a source sharing none of
// the first prefix(n, p) shares fewer than p% of the query's) and
// tightens the length and position filters, so that a query with close
// matches reads the long posting lists of its common elements last or
// never. Every source that scores the floor or more is verified
// whatever the order: a limited lookup returns the best of what an
// unlimited one does (TestIndexFindsWhatAScanFinds), and one in several
// locales what one in each does (TestLookupLocales).
func (m *Memory) fuzzy(qt []token, thr int, exact int32, hasExact bool, hits []hit, limit int, locs [][]string, skip func(*Entry) bool) []hit {
	// best holds, for each locale, the scores of the best sources with
	// matches there so far, at most limit of them, best first; floor is
	// the score a source must reach to be among them in some locale.
	best := make([][]int, len(locs))
	floor := thr
	note := func(src int32, pct int) {
		if limit <= 0 {
			return
		}
		f := 100
		for i, l := range locs {
			if m.usable(src, l, skip) {
				j, _ := slices.BinarySearchFunc(best[i], pct, func(a, b int) int { return cmp.Compare(b, a) })
				best[i] = slices.Insert(best[i], j, pct)
				if len(best[i]) > limit {
					best[i] = best[i][:limit]
				}
			}
			if len(best[i]) < limit {
				f = thr
			} else {
				f = min(f, best[i][limit-1])
			}
		}
		floor = max(thr, f)
	}
	if hasExact {
		if note(exact, 100); floor == 100 {
			return hits // nothing beats an exact match
		}
	}
	ids, unknown := m.queryIDs(qt)
	// The query's elements in the memory's order: those the memory
	// does not have first (no source shares them), then the others by
	// rank.
	var ranks []int32
	missing := 0
	m.elements(ids, unknown, func(_ int, _ uint64, el int32) {
		if el < 0 {
			missing++
		} else {
			ranks = append(ranks, m.rank[el])
		}
	})
	slices.Sort(ranks)
	sc, _ := m.scratch.Get().(*scratch)
	if sc == nil {
		// Its New would keep m: see Memory.scratch.
		sc = &scratch{elems: make(bitset, (len(m.rank)+63)/64), srcs: make(bitset, (len(m.sources)+63)/64)}
	}
	defer m.scratch.Put(sc)
	for _, r := range ranks {
		sc.elems.set(r)
	}
	sig := signatureOf(ranks)
	sc.cands = sc.cands[:0]
	for i := 0; i < min(prefix(len(ids), floor)-missing, len(ranks)); i++ {
		lo := len(sc.cands)
		sc.cands = m.candidates(ranks[i:i+1], missing+i, len(ids), floor, sc.srcs, sc.cands)
		// Filter the candidates by the elements they share with the
		// query: a source of m tokens sharing k of them is at least
		// max(n, m) − k tokens away, so it scores at most
		// ub = ⌊100·k / max(n, m)⌋.
		sc.bounded = sc.bounded[:0]
		for _, c := range sc.cands[lo:] {
			if hasExact && c.src == exact {
				continue
			}
			l := max(len(ids), int(c.n))
			need := (floor*l + 99) / 100
			if sig.overlapBound(&m.sigs[c.src], len(ranks), int(c.n)) < need {
				continue
			}
			k := sc.elems.count(m.bags[c.off:c.off+c.n], need)
			if k < need {
				continue
			}
			sc.bounded = append(sc.bounded, bounded{c.src, int32(l), int32(min(100*k/l, 99))})
		}
		if limit > 0 {
			slices.SortFunc(sc.bounded, func(a, b bounded) int { return cmp.Or(cmp.Compare(b.ub, a.ub), cmp.Compare(a.src, b.src)) })
		}
		for _, c := range sc.bounded {
			if int(c.ub) < floor {
				break
			}
			dmax := int32(10 * int(c.l) * (100 - floor) / 100)
			d := m.distance(ids, unknown, m.sources[c.src].ids, dmax, &sc.rows)
			if d > dmax {
				continue
			}
			pct := min(int((10*c.l-d)*100/(10*c.l)), 99)
			if pct < floor {
				continue
			}
			hits = append(hits, hit{src: c.src, dist: d, pct: pct})
			note(c.src, pct)
		}
	}
	for _, c := range sc.cands {
		sc.srcs.unset(c.src)
	}
	for _, r := range ranks {
		sc.elems.unset(r)
	}
	return hits
}

// bounded is a candidate that passed the filters: its source, the
// longer of its and the query's token counts, and the best score it can
// reach.
type bounded struct{ src, l, ub int32 }

// usable reports whether a source has an entry in locs that skip does
// not leave out: whether a hit on it makes a match.
func (m *Memory) usable(src int32, locs []string, skip func(*Entry) bool) bool {
	for _, ei := range m.sources[src].entries {
		if slices.Contains(locs, m.locOfEntry(ei)) && (skip == nil || !skip(&m.entries[ei])) {
			return true
		}
	}
	return false
}

// group turns hits into matches: one per distinct source and
// translation among the entries in locales that skip does not leave out,
// represented by the entry preferEntry prefers, unsorted. With a limit
// above 0 it stops once it has that many matches and the hits left
// score lower (the best hits first: compareMatches orders by score
// first).
func (m *Memory) group(hits []hit, locs []string, skip func(*Entry) bool, limit int) []Match {
	type gkey struct {
		src    int32
		target string
	}
	slices.SortFunc(hits, func(a, b hit) int { return cmp.Or(cmp.Compare(b.pct, a.pct), cmp.Compare(a.dist, b.dist)) })
	index := map[gkey]int{}
	var out []Match
	for i, h := range hits {
		if limit > 0 && len(out) >= limit && i > 0 && (h.pct != hits[i-1].pct || h.dist != hits[i-1].dist) {
			break
		}
		for _, ei := range m.sources[h.src].entries {
			e := &m.entries[ei]
			if !slices.Contains(locs, m.locOfEntry(ei)) || skip != nil && skip(e) {
				continue
			}
			k := gkey{h.src, e.Target}
			i, ok := index[k]
			if !ok {
				index[k] = len(out)
				out = append(out, Match{Entry: *e, Percent: h.pct, Count: 1, dist: h.dist, loc: m.locOfEntry(ei)})
				continue
			}
			out[i].Count++
			if preferEntry(e, &out[i].Entry) {
				out[i].Entry, out[i].loc = *e, m.locOfEntry(ei)
			}
		}
	}
	return out
}

// preferEntry reports whether a is a better representative than b of
// entries with the same source and translation.
func preferEntry(a, b *Entry) bool {
	return cmp.Or(cmp.Compare(a.State, b.State), cmp.Compare(a.Kind, b.Kind), compareOrigins(a.Origin, b.Origin)) < 0
}

// compareOrigins orders origins: units and sentences by slug, unit and
// sentence, before files by name and line.
func compareOrigins(a, b Origin) int {
	return cmp.Or(
		cmp.Compare(a.File, b.File),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Slug, b.Slug),
		cmp.Compare(a.Unit, b.Unit),
		cmp.Compare(a.Sentence, b.Sentence),
	)
}

// compareMatches orders matches best first (see Lookup).
func compareMatches(a, b Match) int {
	return cmp.Or(
		cmp.Compare(b.Percent, a.Percent),
		cmp.Compare(a.dist, b.dist),
		cmp.Compare(a.State, b.State),
		cmp.Compare(b.Count, a.Count),
		cmp.Compare(a.Kind, b.Kind),
		compareOrigins(a.Origin, b.Origin),
		cmp.Compare(a.Source, b.Source),
		cmp.Compare(a.Target, b.Target),
	)
}

// queryIDs returns the ids of a query's tokens; a token the memory does
// not hold gets a negative id of its own, and unknown holds the kinds of
// those (unknown[-1-id]).
func (m *Memory) queryIDs(ts []token) (ids []int32, unknown []tokKind) {
	ids = make([]int32, len(ts))
	var seen map[tokKey]int32
	for i, t := range ts {
		key := tokKey{t.kind, t.key}
		id, ok := m.dict[key]
		if !ok {
			if seen == nil {
				seen = map[tokKey]int32{}
			}
			if id, ok = seen[key]; !ok {
				id = -1 - int32(len(unknown))
				seen[key] = id
				unknown = append(unknown, t.kind)
			}
		}
		ids[i] = id
	}
	return ids, unknown
}

// candidates appends to out the sources, not in seen, that have one of
// the elements probe (ranks) of a query of n tokens in their prefix,
// where a score of thr is possible, and adds them to seen. The query's
// elements in the memory's order are its skip unknown ones, then probe.
//
// A source of m tokens that scores thr shares a := ⌈thr·max(n, m)/100⌉
// elements with the query, so the first element they share (in the
// global order) has at most n − a elements of the query before it and at
// most m − a of the source's: a probe further down the query, or a
// posting further down the source's bag, is not needed for that source
// (positional filtering). Sources of fewer than ⌈thr·n/100⌉ or more than
// 100·n/thr tokens cannot score thr at all.
func (m *Memory) candidates(probe []int32, skip, n, thr int, seen bitset, out []candidate) []candidate {
	minLen := (thr*n + 99) / 100
	for i, r := range probe {
		qi := skip + i
		// The longest source this probe can still be the first shared
		// element of: n − ⌈thr·max/100⌉ ≥ qi.
		maxLen := 100 * (n - qi) / thr
		p := m.posts(r)
		lo := sort.Search(len(p), func(j int) bool { return int(p[j].n) >= minLen })
		for _, ps := range p[lo:] {
			if int(ps.n) > maxLen {
				break
			}
			if a := (thr*max(n, int(ps.n)) + 99) / 100; int(ps.pos) > int(ps.n)-a || seen.has(ps.src) {
				continue
			}
			seen.set(ps.src)
			out = append(out, candidate{ps.src, ps.off, ps.n})
		}
	}
	return out
}

// signature is a set of elements folded into 256 bits: each element
// flips one bit, chosen by a hash of its rank. Two sets whose
// signatures differ in k bits differ in at least k elements, which
// bounds how many they can share (the bitmap filter of Sandes, Teodoro
// and Melo, 2020): one XOR and four population counts tell most
// candidates that cannot reach a threshold from those that may, before
// their bags are read.
type signature [4]uint64

// signatureOf returns the signature of a set of element ranks.
func signatureOf(ranks []int32) signature {
	var s signature
	for _, r := range ranks {
		h := uint32(r) * 0x9e3779b1 >> 24
		s[h>>6] ^= 1 << (h & 63)
	}
	return s
}

// overlapBound returns the most elements a set of n elements with
// signature s can share with one of m elements with signature t: the
// sets differ in at least as many elements as the signatures do bits.
func (s *signature) overlapBound(t *signature, n, m int) int {
	d := 0
	for i := range s {
		d += bits.OnesCount64(s[i] ^ t[i])
	}
	return (n + m - d) / 2
}

// count returns how many of the elements of bag are in b, or a number
// below need as soon as fewer than need can be.
func (b bitset) count(bag []int32, need int) int {
	n := 0
	for i, r := range bag {
		if b.has(r) {
			n++
		} else if n+len(bag)-i-1 < need {
			return n
		}
	}
	return n
}

// distance returns the edit distance of a query's tokens (a, with the
// kinds of its unknown tokens) and a source's (b) in tenths of a token
// (see the package comment), or limit+1 as soon as the distance is sure
// to exceed limit. Only the cells within limit/10 of the diagonal are
// computed: a path through any other costs more. rows is scratch space.
func (m *Memory) distance(a []int32, unknown []tokKind, b []int32, limit int32, rows *[2][]int32) int32 {
	inf := limit + 1
	band := int(limit / 10)
	if d := len(a) - len(b); d > band || -d > band {
		return inf
	}
	for k := range rows {
		if cap(rows[k]) < len(b)+1 {
			rows[k] = make([]int32, len(b)+1)
		}
		rows[k] = rows[k][:len(b)+1]
	}
	prev, cur := rows[0], rows[1]
	for j := range prev {
		prev[j] = inf
		if j <= band {
			prev[j] = int32(10 * j)
		}
	}
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-band), min(len(b), i+band)
		cur[lo-1] = inf
		if lo == 1 && i <= band {
			cur[0] = int32(10 * i)
		}
		best := cur[lo-1]
		ak := m.kindOf(a[i-1], unknown)
		for j := lo; j <= hi; j++ {
			sub := prev[j-1]
			switch {
			case a[i-1] == b[j-1]:
			case ak.placeable() && ak == m.kinds[b[j-1]]:
				sub++
			default:
				sub += 10
			}
			v := min(sub, prev[j]+10, cur[j-1]+10, inf)
			cur[j] = v
			best = min(best, v)
		}
		if hi < len(b) {
			cur[hi+1] = inf
		}
		if best > limit {
			return inf
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
