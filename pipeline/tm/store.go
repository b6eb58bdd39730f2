package tm

import (
	"encoding/binary"
	"errors"
	"slices"
	"unsafe"
)

// storeFormat names the layout Encode writes; change it when the layout,
// or what Build makes of entries, changes.
const storeFormat = "l10n tm memory 2"

// Encoder is what Encode writes a memory with: numbers and strings, in
// order (project.RecordEncoder is one).
type Encoder interface {
	Int(n int64)
	Text(s string)
}

// Decoder reads back what an Encoder wrote, in the same order
// (project.RecordDecoder is one): a string it returns may be a part of
// one copy of the data, which the decoded memory then keeps.
type Decoder interface {
	Int() int64
	Text() string
	// OK reports whether what was read so far was well formed.
	OK() bool
	End() bool
}

// Encode writes the memory, index included, so that Decode makes it
// again without cutting a text into tokens: the texts and the token
// keys as strings, the numbers (entries' fields, elements) as flat
// arrays of varints, each array one string, and the sources' token ids
// and bags — most of the numbers — as arrays of 4-byte numbers, which
// Decode copies rather than reads one by one.
func (m *Memory) Encode(w Encoder) {
	w.Text(storeFormat)
	w.Text(m.source)
	w.Int(int64(m.minThr))
	// The entries: their texts, then their fields, with tables of the
	// repeated strings (locales, slugs, files).
	locs, slugs, files := table{}, table{}, table{}
	for i := range m.entries {
		e := &m.entries[i]
		locs.id(e.Locale)
		slugs.id(e.Origin.Slug)
		files.id(e.Origin.File)
	}
	for _, t := range []table{locs, slugs, files} {
		writeTexts(w, len(t.names), func(i int) string { return t.names[i] })
	}
	// The sources that have entries (a memory that Replace changed may
	// have others), numbered in order.
	num := make([]int, len(m.sources))
	var live []int32
	for i := range m.sources {
		num[i] = len(live)
		if len(m.sources[i].entries) > 0 {
			live = append(live, int32(i))
		}
	}
	w.Int(int64(len(m.entries)))
	writeTexts(w, len(m.entries), func(i int) string { return m.entries[i].Target })
	writeTexts(w, len(m.entries), func(i int) string { return m.entries[i].Origin.Unit })
	ents := numWriter{w: w}
	for i := range m.entries {
		e := &m.entries[i]
		reused := 0
		if e.Reused {
			reused = 1
		}
		for _, v := range []int{int(e.Kind), int(e.State), reused, num[m.bySource[e.Source]],
			locs.ids[e.Locale], slugs.ids[e.Origin.Slug], e.Origin.Sentence, files.ids[e.Origin.File], e.Origin.Line} {
			ents.add(uint64(v))
		}
	}
	ents.end()
	// Sources: each text (that of its first entry) and token count; then
	// every token id and every bag, in source order.
	writeTexts(w, len(live), func(i int) string { return m.entries[m.sources[live[i]].entries[0]].Source })
	lens, ids, bags := numWriter{w: w}, wordWriter{w: w}, wordWriter{w: w}
	off, at := make([]int32, len(m.sources)), int32(0) // where each bag is written
	for _, i := range live {
		off[i] = at
		at += int32(len(m.sources[i].ids))
		lens.add(uint64(len(m.sources[i].ids)))
	}
	lens.end()
	for _, i := range live {
		for _, id := range m.sources[i].ids {
			ids.add(uint32(id))
		}
	}
	ids.end()
	for _, i := range live {
		for _, r := range m.bag(&m.sources[i]) {
			bags.add(uint32(r))
		}
	}
	bags.end()
	// The tokens, by id: kind and key.
	keys := make([]string, len(m.kinds))
	for k, id := range m.dict {
		keys[id] = k.key
	}
	kinds := make([]byte, len(m.kinds))
	for i, k := range m.kinds {
		kinds[i] = byte(k)
	}
	w.Int(int64(len(m.kinds)))
	w.Text(string(kinds))
	writeTexts(w, len(keys), func(i int) string { return keys[i] })
	// The elements, by number: key and rank.
	elems := make([]uint64, len(m.rank))
	for key, el := range m.elems {
		elems[el] = key
	}
	w.Int(int64(len(elems)))
	el := numWriter{w: w}
	for i, key := range elems {
		el.add(key)
		el.add(uint64(m.rank[i]))
	}
	el.end()
	// The index (see makeIndex) of the sources written, so that Decode
	// need not make it: each source's signature, then the posting lists'
	// starts and the postings. The sources left out are left out of the
	// lists, which keep their order: the index that makeIndex makes of
	// the sources written.
	m.index()
	sigs := wordWriter{w: w}
	for _, i := range live {
		for _, x := range m.sigs[i] {
			sigs.add(uint32(x))
			sigs.add(uint32(x >> 32))
		}
	}
	sigs.end()
	starts, n := make([]int32, len(m.rank)+1), int32(0)
	for r := range m.rank {
		for _, p := range m.posts(int32(r)) {
			if len(m.sources[p.src].entries) > 0 {
				n++
			}
		}
		starts[r+1] = n
	}
	w.Int(int64(n))
	posts := wordWriter{w: w}
	for _, x := range starts {
		posts.add(uint32(x))
	}
	posts.end()
	posts = wordWriter{w: w}
	for _, p := range m.postings {
		if s := &m.sources[p.src]; len(s.entries) > 0 {
			posts.add(uint32(num[p.src]))
			posts.add(uint32(off[p.src]))
			posts.add(uint32(p.n))
			posts.add(uint32(p.pos))
		}
	}
	posts.end()
}

// numWriter writes an array of numbers as varints, in parts of about
// textPart bytes (each part whole numbers), so that no array is in
// memory whole; the reader knows how many numbers to read.
type numWriter struct {
	w Encoder
	b []byte
}

// add writes a number.
func (n *numWriter) add(x uint64) {
	n.b = binary.AppendUvarint(n.b, x)
	if len(n.b) >= textPart {
		n.w.Text(string(n.b))
		n.b = n.b[:0]
	}
}

// end writes what is left.
func (n *numWriter) end() {
	if len(n.b) > 0 {
		n.w.Text(string(n.b))
	}
}

// wordWriter writes an array of numbers as 4 bytes each, little-endian,
// in parts of about textPart bytes, so that no array is in memory whole;
// the reader knows how many numbers to read.
type wordWriter struct {
	w Encoder
	b []byte
}

// add writes a number.
func (n *wordWriter) add(x uint32) {
	n.b = binary.LittleEndian.AppendUint32(n.b, x)
	if len(n.b) >= textPart {
		n.w.Text(string(n.b))
		n.b = n.b[:0]
	}
}

// end writes what is left.
func (n *wordWriter) end() {
	if len(n.b) > 0 {
		n.w.Text(string(n.b))
	}
}

// words fills out with what a wordWriter wrote, each number below max
// (as unsigned), and reports whether the data held them whole and well.
func (d *decoder) words(out []int32, max uint64) bool {
	for len(out) > 0 {
		part := d.r.Text()
		if part == "" || len(part)%4 != 0 || len(part)/4 > len(out) {
			return false
		}
		for i := 0; i < len(part); i += 4 {
			x := uint32(part[i]) | uint32(part[i+1])<<8 | uint32(part[i+2])<<16 | uint32(part[i+3])<<24
			if uint64(x) >= max {
				return false
			}
			out[i/4] = int32(x)
		}
		out = out[len(part)/4:]
	}
	return true
}

// numReader reads what a numWriter wrote.
type numReader struct {
	d   *decoder
	cur varints
}

// next reads the next number.
func (n *numReader) next() uint64 {
	if n.cur.s == "" && !n.cur.bad {
		n.cur.s = n.d.r.Text()
		if n.cur.s == "" {
			n.cur.bad = true
		}
	}
	return n.cur.next()
}

// below reads the next number, which must be below max (0 otherwise).
func (n *numReader) below(max int) int {
	x := n.next()
	if x >= uint64(max) {
		n.cur.bad = true
		return 0
	}
	return int(x)
}

// done reports whether the numbers were read whole and well.
func (n *numReader) done() bool { return !n.cur.bad && n.cur.s == "" }

// writeTexts writes n strings, text(i) for each: their count, their
// lengths as one array of varints, then the strings one after the other
// in parts of about textPart bytes (each part whole strings).
func writeTexts(w Encoder, n int, text func(i int) string) {
	var lens []byte
	for i := range n {
		lens = binary.AppendUvarint(lens, uint64(len(text(i))))
	}
	w.Int(int64(n))
	w.Text(string(lens))
	var part []byte
	for i := range n {
		part = append(part, text(i)...)
		if len(part) >= textPart {
			w.Text(string(part))
			part = part[:0]
		}
	}
	if len(part) > 0 {
		w.Text(string(part))
	}
}

// textPart is about how long a part of the strings writeTexts writes is
// (a variable for the tests).
var textPart = 1 << 20

// texts reads what writeTexts wrote: parts of the decoder's data.
func (d *decoder) texts() []string {
	n := d.count()
	lens := varints{s: d.r.Text()}
	if d.bad || n > len(lens.s) {
		d.bad = true
		return nil
	}
	out := make([]string, n)
	part := ""
	for i := range out {
		k := int(lens.next())
		if k > len(part) {
			if part != "" {
				d.bad = true
				return nil
			}
			part = d.r.Text()
			if k > len(part) || !d.r.OK() {
				d.bad = true
				return nil
			}
		}
		out[i], part = part[:k], part[k:]
	}
	if lens.bad || lens.s != "" || part != "" {
		d.bad = true
		return nil
	}
	return out
}

// table numbers distinct strings in the order they come.
type table struct {
	names []string
	ids   map[string]int
}

func (t *table) id(s string) int {
	if t.ids == nil {
		t.ids = map[string]int{}
	}
	id, ok := t.ids[s]
	if !ok {
		id = len(t.names)
		t.ids[s] = id
		t.names = append(t.names, s)
	}
	return id
}

// errStore reports data that Encode did not write.
var errStore = errors.New("tm: not an encoded memory")

// Decode makes the memory that Encode wrote. Data that Encode did not
// write (of another layout, cut short, altered) is an error, never a
// panic; the caller builds the memory again.
func Decode(r Decoder) (*Memory, error) {
	if r.Text() != storeFormat {
		return nil, errStore
	}
	d := &decoder{r: r}
	srcLoc := r.Text()
	m := newMemory(Options{Source: srcLoc, MinThreshold: int(r.Int())})
	locs, slugs, files := d.texts(), d.texts(), d.texts()
	nEntries := d.count()
	targets, units := d.texts(), d.texts()
	if d.bad || len(targets) != nEntries || len(units) != nEntries ||
		nEntries > 0 && (len(locs) == 0 || len(slugs) == 0 || len(files) == 0) {
		return nil, errStore // an entry's locale, slug and file are in the tables
	}
	ents := numReader{d: d}
	m.entries = make([]Entry, nEntries)
	src := make([]int32, nEntries)
	canon := map[string]string{}
	m.locOf = make([]string, nEntries)
	for i := range m.entries {
		e := &m.entries[i]
		e.Kind, e.State, e.Reused = Kind(ents.below(int(Imported)+1)), State(ents.below(int(NeedsReview)+1)), ents.below(2) == 1
		src[i] = int32(ents.below(1 << 31))
		e.Locale, e.Origin.Slug = locs[ents.below(len(locs))], slugs[ents.below(len(slugs))]
		e.Origin.Sentence = ents.below(1 << 31)
		e.Origin.File, e.Origin.Line = files[ents.below(len(files))], ents.below(1<<31)
		if ents.cur.bad {
			return nil, errStore
		}
		e.Target, e.Origin.Unit = targets[i], units[i]
		m.locOf[i] = m.noteEntry(e, canon)
	}
	if !ents.done() {
		return nil, errStore
	}
	texts := d.texts()
	nSources := len(texts)
	m.sources = make([]source, nSources)
	m.bySource = make(map[string]int32, nSources)
	for i, s := range texts {
		m.bySource[s] = int32(i)
	}
	if d.bad || len(m.bySource) != nSources {
		return nil, errStore
	}
	for i, s := range src {
		if int(s) >= nSources || texts[s] == "" {
			return nil, errStore
		}
		m.entries[i].Source = texts[s]
		m.sources[s].entries = append(m.sources[s].entries, int32(i))
	}
	lens := numReader{d: d}
	total := 0
	for i := range m.sources {
		n := lens.below(1 << 24)
		m.sources[i].off = int32(total)
		total += n
		if total >= 1<<31 {
			return nil, errStore
		}
	}
	if nSources > 0 && !lens.done() {
		return nil, errStore
	}
	// The token ids are checked against the tokens' count once it is
	// read (below).
	all := make([]int32, total)
	if !d.words(all, 1<<31-1) {
		return nil, errStore
	}
	for i := range m.sources {
		s := &m.sources[i]
		end := total
		if i+1 < len(m.sources) {
			end = int(m.sources[i+1].off)
		}
		s.ids = all[s.off:end:end]
	}
	// Each bag is sorted (Build sorts them; lookups count on it).
	m.bags = make([]int32, total)
	if !d.words(m.bags, 1<<31-1) {
		return nil, errStore
	}
	for i := range m.sources {
		if !slices.IsSorted(m.bag(&m.sources[i])) {
			return nil, errStore
		}
	}
	nTokens := d.count()
	kinds := r.Text()
	keys := d.texts()
	if d.bad || len(kinds) != nTokens || len(keys) != nTokens {
		return nil, errStore
	}
	m.kinds = make([]tokKind, nTokens)
	m.dict = make(map[tokKey]int32, nTokens)
	for id := range nTokens {
		k := tokKind(kinds[id])
		if k > kCode {
			return nil, errStore
		}
		m.kinds[id] = k
		m.dict[tokKey{k, keys[id]}] = int32(id)
	}
	for _, id := range all {
		if int(id) >= nTokens {
			return nil, errStore
		}
	}
	for i, k := range []tokKind{kNumber, kURL, kCode} {
		id, ok := m.dict[tokKey{kind: k}]
		if !ok {
			return nil, errStore
		}
		m.classes[i] = id
	}
	nElems := d.count()
	el := numReader{d: d}
	// The count is the data's word: the array grows as the numbers come,
	// and stops where they end.
	m.rank = make([]int32, 0, min(nElems, 1<<16))
	m.elems = make(map[uint64]int32, min(nElems, len(m.bags)))
	for i := range nElems {
		m.elems[el.next()] = int32(i)
		m.rank = append(m.rank, int32(el.below(nElems)))
		if el.cur.bad {
			return nil, errStore
		}
	}
	if nElems > 0 && !el.done() {
		return nil, errStore
	}
	for _, r := range m.bags {
		if int(r) >= nElems {
			return nil, errStore
		}
	}
	if d.bad || len(m.dict) != nTokens || len(m.elems) != nElems || !m.decodeIndex(d) || !r.End() {
		return nil, errStore
	}
	return m, nil
}

// decodeIndex reads the index that Encode wrote, and reports whether it
// was well formed: the memory is then indexed.
func (m *Memory) decodeIndex(d *decoder) bool {
	words := make([]int32, 8*len(m.sources))
	if !d.words(words, 1<<32) {
		return false
	}
	m.sigs = make([]signature, len(m.sources))
	for i := range m.sigs {
		for k := range m.sigs[i] {
			w := words[8*i+2*k:]
			m.sigs[i][k] = uint64(uint32(w[0])) | uint64(uint32(w[1]))<<32
		}
	}
	n := d.count()
	if d.bad || n > len(m.bags) {
		return false // a posting is a place in a bag
	}
	m.postStart = make([]int32, len(m.rank)+1)
	m.postings = make([]posting, n)
	// A posting is four int32s, one after the other: read in place.
	var words4 []int32
	if n > 0 {
		words4 = unsafe.Slice(&m.postings[0].src, 4*n)
	}
	if !d.words(m.postStart, uint64(n)+1) || !d.words(words4, uint64(len(m.bags))+1) ||
		m.postStart[0] != 0 || m.postStart[len(m.rank)] != int32(n) {
		return false
	}
	for r := range m.rank {
		lo, hi := m.postStart[r], m.postStart[r+1]
		if hi < lo {
			return false
		}
		// Shortest first, each a source and a part of the bags (what
		// lookups read).
		for i := lo; i < hi; i++ {
			p := &m.postings[i]
			if int(p.src) >= len(m.sources) || int(p.off)+int(p.n) > len(m.bags) || i > lo && p.n < m.postings[i-1].n {
				return false
			}
		}
	}
	m.indexed.Do(func() {})
	return true
}

// decoder reads counts through a Decoder.
type decoder struct {
	r   Decoder
	bad bool
}

// count reads a count: a negative or unlikely one (more than 2³¹) is bad.
func (d *decoder) count() int {
	n := d.r.Int()
	if n < 0 || n >= 1<<31 {
		d.bad = true
		return 0
	}
	return int(n)
}

// varints reads an array of unsigned varints from a string.
type varints struct {
	s   string
	bad bool
}

// next reads the next number.
func (v *varints) next() uint64 {
	var x uint64
	for i := 0; i < len(v.s) && i < binary.MaxVarintLen64; i++ {
		b := v.s[i]
		x |= uint64(b&0x7f) << (7 * i)
		if b < 0x80 {
			v.s = v.s[i+1:]
			return x
		}
	}
	v.bad, v.s = true, ""
	return 0
}
