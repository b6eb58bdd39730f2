package tm

import (
	"encoding/binary"
	"errors"
	"slices"
	"sync"
	"unsafe"

	"github.com/l10n-dev/l10n/internal/offheap"
)

// storeFormat names the layout Encode writes; change it when the layout,
// or what Build makes of entries, changes.
const storeFormat = "l10n tm memory 3"

// Encoder is what Encode writes a memory with: numbers and strings, in
// order (project.RecordEncoder is one).
type Encoder interface {
	Int(n int64)
	// Text writes s, which it must not keep once it returns: Encode
	// hands it parts of a buffer it reuses.
	Text(s string)
	// TextParts writes a string of n bytes as Text does, which fill
	// writes in parts (not to be kept either).
	TextParts(n int, fill func(write func([]byte)))
	// Len returns how many bytes were written: Encode aligns the arrays
	// that a decoder reads in place.
	Len() int
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
// and bags, their signatures and the posting lists — most of the
// numbers — as arrays of 4-byte numbers, each one string aligned to 8
// bytes of the record, which Decode reads in place (see writeWords).
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
	lens := numWriter{w: w}
	off, at := make([]int32, len(m.sources)), int32(0) // where each bag is written
	for _, i := range live {
		off[i] = at
		at += int32(len(m.sources[i].ids))
		lens.add(uint64(len(m.sources[i].ids)))
	}
	lens.end()
	writeWords(w, int(at), func(add func(uint32)) {
		for _, i := range live {
			for _, id := range m.sources[i].ids {
				add(uint32(id))
			}
		}
	})
	writeWords(w, int(at), func(add func(uint32)) {
		for _, i := range live {
			for _, r := range m.bag(&m.sources[i]) {
				add(uint32(r))
			}
		}
	})
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
	writeWords(w, 8*len(live), func(add func(uint32)) {
		for _, i := range live {
			for _, x := range m.sigs[i] {
				add(uint32(x))
				add(uint32(x >> 32))
			}
		}
	})
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
	writeWords(w, len(starts), func(add func(uint32)) {
		for _, x := range starts {
			add(uint32(x))
		}
	})
	writeWords(w, 4*int(n), func(add func(uint32)) {
		for _, p := range m.postings {
			if s := &m.sources[p.src]; len(s.entries) > 0 {
				add(uint32(num[p.src]))
				add(uint32(off[p.src]))
				add(uint32(p.n))
				add(uint32(p.pos))
			}
		}
	})
}

// numWriter writes an array of numbers as varints, in parts of about
// textPart bytes (each part whole numbers), so that no array is in
// memory whole, and an empty part after them, so that a reader finds
// where they end without reading them.
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

// end writes what is left, and the empty part that ends the array.
func (n *numWriter) end() {
	if len(n.b) > 0 {
		n.w.Text(string(n.b))
	}
	n.w.Text("")
}

// writeWords writes an array of n numbers, which fill adds, as 4 bytes
// each, little-endian, in one string (written in parts of about
// textPart bytes, so that no array is in memory whole) whose bytes
// begin at a multiple of 8 of the encoder's: a string of up to 7 bytes
// pads it. A record that begins at such a multiple in its file
// (project.Records.PutFunc), mapped from a page, has the array aligned
// for Decode to read in place, as numbers (see int32s).
func writeWords(w Encoder, n int, fill func(add func(uint32))) {
	size := 4 * n
	pad := -(w.Len() + 1 + varintLen(uint64(size))) & 7
	w.Text(string(make([]byte, pad)))
	added := 0
	w.TextParts(size, func(write func([]byte)) {
		var b []byte
		fill(func(x uint32) {
			b = binary.LittleEndian.AppendUint32(b, x)
			if added++; len(b) >= textPart {
				write(b)
				b = b[:0]
			}
		})
		if len(b) > 0 {
			write(b)
		}
	})
	if added != n {
		panic("tm: writeWords: the numbers added are not as many as announced")
	}
}

// varintLen is how many bytes binary.AppendUvarint writes for x.
func varintLen(x uint64) int {
	n := 1
	for ; x >= 0x80; x >>= 7 {
		n++
	}
	return n
}

// words reads what writeWords wrote: n numbers of 4 bytes, in one string
// of the decoder's data, or sets bad when the data does not hold them.
func (d *decoder) words(n int) string {
	if pad := d.r.Text(); len(pad) > 7 {
		d.bad = true
	}
	data := d.r.Text()
	if d.bad || !d.r.OK() || len(data) != 4*n {
		d.bad = true
		return ""
	}
	return data
}

// int32s returns the numbers of data (see words): data itself, read in
// place, where the machine's int32 is little-endian and data is aligned
// for it (a decoded memory never writes to them: Replace appends to its
// arrays, which copies them), else a copy.
func int32s(data string) []int32 {
	n := len(data) / 4
	if n == 0 {
		return nil
	}
	p := unsafe.Pointer(unsafe.StringData(data))
	if littleEndian && uintptr(p)%unsafe.Alignof(int32(0)) == 0 {
		return unsafe.Slice((*int32)(p), n)
	}
	out := make([]int32, n)
	if littleEndian {
		copy(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(out))), 4*n), data)
		return out
	}
	for i := range out {
		out[i] = int32(le32(data[4*i:]))
	}
	return out
}

// below reports whether every number of xs is below max, as unsigned.
func below(xs []int32, max uint64) bool {
	for _, x := range xs {
		if uint64(uint32(x)) >= max {
			return false
		}
	}
	return true
}

// littleEndian reports whether this machine lays an int32 out in memory
// as writeWords writes it.
var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// parts returns the parts a numWriter wrote: up to the empty one that
// ends them.
func (d *decoder) parts() []string {
	var out []string
	for !d.bad {
		part := d.r.Text()
		if part == "" {
			break
		}
		out = append(out, part)
	}
	if !d.r.OK() {
		d.bad = true
	}
	return out
}

// numReader reads what a numWriter wrote, from its parts.
type numReader struct {
	parts []string
	cur   varints
}

// next reads the next number.
func (n *numReader) next() uint64 {
	if n.cur.s == "" && !n.cur.bad {
		if len(n.parts) == 0 {
			n.cur.bad = true
			return 0
		}
		n.cur.s, n.parts = n.parts[0], n.parts[1:]
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
func (n *numReader) done() bool { return !n.cur.bad && n.cur.s == "" && len(n.parts) == 0 }

// writeTexts writes n strings, text(i) for each: their count, their
// lengths as one array of varints, then the strings one after the other
// in parts of about textPart bytes (each part whole strings).
func writeTexts(w Encoder, n int, text func(i int) string) {
	var lens []byte
	for i := range n {
		lens = binary.AppendUvarint(lens, uint64(len(text(i))))
	}
	w.Int(int64(n))
	w.Text(inPlace(lens))
	var part []byte
	for i := range n {
		part = append(part, text(i)...)
		if len(part) >= textPart {
			w.Text(inPlace(part))
			part = part[:0]
		}
	}
	if len(part) > 0 {
		w.Text(inPlace(part))
	}
}

// inPlace returns b's bytes as a string without a copy, for an Encoder's
// Text, which does not keep it.
func inPlace(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// textPart is about how long a part of the strings writeTexts writes is
// (a variable for the tests).
var textPart = 1 << 20

// texts reads what writeTexts wrote: parts of the decoder's data.
func (d *decoder) texts() []string {
	t := d.table()
	out, ok := t.cut()
	if !ok {
		d.bad = true
	}
	return out
}

// textTable is what writeTexts wrote, found in a decoder's data and not yet
// cut into its strings: their count, their lengths and the parts that
// hold them. Cutting a large table (a memory's translations: some
// 65,000 strings on 1,000 articles) takes milliseconds, which DecodeIn
// spends on every core instead of while it reads the data in order.
type textTable struct {
	n     int
	lens  string
	parts []string
}

// table reads what writeTexts wrote, up to where it ends: the parts
// whose lengths add up to those of the strings.
func (d *decoder) table() textTable {
	t := textTable{n: d.count(), lens: d.r.Text()}
	if d.bad || t.n > len(t.lens) {
		d.bad = true
		return textTable{}
	}
	lens := varints{s: t.lens}
	total := uint64(0)
	for range t.n {
		total += lens.next()
	}
	if lens.bad || lens.s != "" {
		d.bad = true
		return textTable{}
	}
	for got := uint64(0); got < total; {
		part := d.r.Text()
		if part == "" || !d.r.OK() {
			d.bad = true
			return textTable{}
		}
		t.parts = append(t.parts, part)
		got += uint64(len(part))
	}
	return t
}

// cut returns the strings of t, and false when they are not as
// writeTexts writes them (a string across two parts, or a part with
// bytes that no string has).
func (t textTable) cut() ([]string, bool) {
	lens := varints{s: t.lens}
	out := make([]string, t.n)
	parts, part := t.parts, ""
	for i := range out {
		k := int(lens.next())
		if k > len(part) {
			if part != "" || len(parts) == 0 {
				return nil, false
			}
			part, parts = parts[0], parts[1:]
			if k > len(part) {
				return nil, false
			}
		}
		out[i], part = part[:k], part[k:]
	}
	if lens.bad || lens.s != "" || part != "" || len(parts) > 0 {
		return nil, false
	}
	return out, true
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
// panic; the caller builds the memory again. The data is cut into its
// parts first, in order; then the parts are read on all cores.
func Decode(r Decoder) (*Memory, error) { return DecodeIn(r, nil) }

// DecodeIn is Decode that keeps the memory's entries in store, outside
// the heap, when the store holds every string the data gives them
// (offheap.Store.Holds: a caller whose data is a mapping that lasts,
// offheap.Store.Keep, tells the store so first).
func DecodeIn(r Decoder, store *offheap.Store) (*Memory, error) {
	if r.Text() != storeFormat {
		return nil, errStore
	}
	d := &decoder{r: r}
	srcLoc := r.Text()
	m := newMemory(Options{Source: srcLoc, MinThreshold: int(r.Int())})
	locs, slugs, files := d.texts(), d.texts(), d.texts()
	nEntries := d.count()
	// The translations, their units and the tokens' keys are cut into
	// strings by the goroutines that read them.
	targets, units := d.table(), d.table()
	ents := numReader{parts: d.parts()}
	texts := d.texts()
	lens := numReader{parts: d.parts()}
	if d.bad || targets.n != nEntries || units.n != nEntries ||
		nEntries > 0 && (len(locs) == 0 || len(slugs) == 0 || len(files) == 0) {
		return nil, errStore // an entry's locale, slug and file are in the tables
	}
	nSources := len(texts)
	// The sources, their bags and signatures have room for a few more:
	// Replace appends those of the folders it replaces.
	m.sources = make([]source, nSources, nSources+spare(nSources))
	total := 0
	for i := range m.sources {
		n := lens.below(1 << 24)
		m.sources[i].off = int32(total)
		total += n
		if total >= 1<<31 {
			return nil, errStore
		}
	}
	if !lens.done() {
		return nil, errStore
	}
	ids, bags := d.words(total), d.words(total)
	nTokens := d.count()
	kinds := r.Text()
	keys := d.table()
	nElems := d.count()
	elems := numReader{parts: d.parts()}
	sigs := d.words(8 * nSources)
	nPosts := d.count()
	if d.bad || len(kinds) != nTokens || keys.n != nTokens || nPosts > total {
		return nil, errStore // a posting is a place in a bag
	}
	starts, posts := d.words(nElems+1), d.words(4*nPosts)
	if d.bad || !r.End() {
		return nil, errStore
	}
	var wg sync.WaitGroup
	var ok [7]bool
	wg.Go(func() { ok[0] = m.decodeEntries(&ents, locs, slugs, files, targets, units, texts, store) })
	wg.Go(func() {
		m.bySource = make(map[string]int32, nSources)
		for i, s := range texts {
			m.bySource[s] = int32(i)
		}
		ok[1] = len(m.bySource) == nSources
	})
	// Where each source's token ids and bag end.
	end := func(i int) int {
		if i+1 < len(m.sources) {
			return int(m.sources[i+1].off)
		}
		return total
	}
	wg.Go(func() {
		// Each source's token ids.
		all := int32s(ids)
		if !below(all, uint64(nTokens)) {
			return
		}
		for i := range m.sources {
			s := &m.sources[i]
			s.ids = all[s.off:end(i):end(i)]
		}
		ok[2] = true
	})
	wg.Go(func() {
		// Each source's bag: the ranks of its elements, sorted (Build
		// sorts them; lookups count on it).
		m.bags = int32s(bags)
		if !below(m.bags, uint64(nElems)) {
			return
		}
		for i := range m.sources {
			if !slices.IsSorted(m.bags[m.sources[i].off:end(i)]) {
				return
			}
		}
		ok[6] = true
	})
	wg.Go(func() {
		keys, cut := keys.cut()
		if !cut {
			return
		}
		m.kinds = make([]tokKind, nTokens)
		m.dict = make(map[tokKey]int32, nTokens)
		for id := range nTokens {
			k := tokKind(kinds[id])
			if k > kCode {
				return
			}
			m.kinds[id] = k
			m.dict[tokKey{k, keys[id]}] = int32(id)
		}
		for i, k := range []tokKind{kNumber, kURL, kCode} {
			id, found := m.dict[tokKey{kind: k}]
			if !found {
				return
			}
			m.classes[i] = id
		}
		ok[3] = len(m.dict) == nTokens
	})
	wg.Go(func() {
		// The count is the data's word: the array grows as the numbers
		// come, and stops where they end.
		m.rank = make([]int32, 0, min(nElems, 1<<16))
		m.elems = make(map[uint64]int32, min(nElems, total))
		for i := range nElems {
			m.elems[elems.next()] = int32(i)
			m.rank = append(m.rank, int32(elems.below(nElems)))
			if elems.cur.bad {
				return
			}
		}
		ok[4] = elems.done() && len(m.elems) == nElems
	})
	wg.Go(func() { ok[5] = m.decodeIndex(sigs, starts, posts, nPosts, nElems, total) })
	wg.Wait()
	if ok != [7]bool{true, true, true, true, true, true, true} {
		return nil, errStore
	}
	return m, nil
}

// spare is the room a decoded array of n leaves for what Replace appends
// to it: about what a few catalog folders add, so that Replace does not
// copy the array.
func spare(n int) int { return n/64 + 64 }

// decodeEntries reads the entries' fields, with the tables of the
// repeated strings, their targets and units, and the sources' texts
// (see Encode), and gives each source its entries; it reports whether
// they were well formed.
func (m *Memory) decodeEntries(ents *numReader, locs, slugs, files []string, targetTable, unitTable textTable, texts []string, store *offheap.Store) bool {
	targets, cutTargets := targetTable.cut()
	units, cutUnits := unitTable.cut()
	if !cutTargets || !cutUnits {
		return false
	}
	if heldAll(store, locs, slugs, files, targets, units, texts) {
		m.entries, m.entriesInStore = offheap.MakeFilled[Entry](store, len(targets)) // filled below, in order
		m.entriesStore = store
	} else {
		m.entries = make([]Entry, len(targets))
	}
	canon := map[string]int32{}
	m.locOf = make([]int32, len(targets))
	// Each source's entries are a part of one array, whose parts are
	// counted first: a part's capacity is its length, so that Replace,
	// which appends to them, never writes into the next.
	srcOf := make([]int32, len(targets))
	count := make([]int32, len(texts)+1)
	// Each locale of the table in its canonical form, once.
	canons := make([]int32, len(locs))
	for i, loc := range locs {
		canons[i] = m.noteEntry(&Entry{Kind: Unit, Locale: loc}, canon)
	}
	for i := range m.entries {
		e := &m.entries[i]
		e.Kind, e.State, e.Reused = Kind(ents.below(int(Imported)+1)), State(ents.below(int(NeedsReview)+1)), ents.below(2) == 1
		src := ents.below(len(texts))
		loc := ents.below(len(locs))
		e.Locale, e.Origin.Slug = locs[loc], slugs[ents.below(len(slugs))]
		e.Origin.Sentence = ents.below(1 << 31)
		e.Origin.File, e.Origin.Line = files[ents.below(len(files))], ents.below(1<<31)
		if ents.cur.bad || texts[src] == "" {
			return false
		}
		e.Target, e.Origin.Unit, e.Source = targets[i], units[i], texts[src]
		m.locOf[i] = canons[loc]
		if e.Kind == Sentence && !e.Reused {
			m.paired++ // as noteEntry counts them
		}
		srcOf[i] = int32(src)
		count[src+1]++
	}
	for i := range texts {
		count[i+1] += count[i]
	}
	all := make([]int32, len(targets))
	for i := range texts {
		lo := count[i]
		m.sources[i].entries = all[lo:lo:count[i+1]]
	}
	for i, src := range srcOf {
		s := &m.sources[src]
		s.entries = append(s.entries, int32(i))
	}
	return ents.done()
}

// heldAll reports whether store holds every string of the tables
// (offheap.Store.Holds).
func heldAll(store *offheap.Store, tables ...[]string) bool {
	if store == nil {
		return false
	}
	holds := store.Holds()
	for _, t := range tables {
		for _, x := range t {
			if !holds(x) {
				return false
			}
		}
	}
	return true
}

// decodeIndex reads the index that Encode wrote (the sources'
// signatures, the posting lists' starts and n postings) for nElems
// elements and bags of total ranks, and reports whether it was well
// formed: the memory is then indexed.
func (m *Memory) decodeIndex(sigs, starts, posts string, n, nElems, total int) bool {
	words := int32s(sigs)
	if p := unsafe.SliceData(words); len(words) > 0 && uintptr(unsafe.Pointer(p))%unsafe.Alignof(signature{}) == 0 {
		// As Encode writes a signature: each number low half first.
		m.sigs = unsafe.Slice((*signature)(unsafe.Pointer(p)), len(words)/8)
	} else {
		m.sigs = make([]signature, len(m.sources), cap(m.sources))
		for i := range m.sigs {
			for k := range m.sigs[i] {
				w := words[8*i+2*k:]
				m.sigs[i][k] = uint64(uint32(w[0])) | uint64(uint32(w[1]))<<32
			}
		}
	}
	m.postStart = int32s(starts)
	// A posting is four int32s, one after the other.
	words4 := int32s(posts)
	m.postings = nil
	if n > 0 {
		m.postings = unsafe.Slice((*posting)(unsafe.Pointer(unsafe.SliceData(words4))), n)
	}
	if !below(m.postStart, uint64(n)+1) || !below(words4, uint64(total)+1) ||
		m.postStart[0] != 0 || m.postStart[nElems] != int32(n) {
		return false
	}
	for r := range nElems {
		lo, hi := m.postStart[r], m.postStart[r+1]
		if hi < lo {
			return false
		}
		// Shortest first, each a source and a part of the bags (what
		// lookups read).
		for i := lo; i < hi; i++ {
			p := &m.postings[i]
			if int(p.src) >= len(m.sources) || int(p.off)+int(p.n) > total || i > lo && p.n < m.postings[i-1].n {
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
