package project

import (
	"hash/maphash"
	"iter"
	"math"
	"math/bits"
	"unsafe"
)

// recordIndex is the index of a records file, as compact as the file
// holds it: its entries in appendIndex's encoding, the parts joined in
// one array (raw), and a table of where each begins in raw, by the hash
// of its name (open addressing, at most half full). A run holds no
// string, map entry or struct per record: the index of a records file
// was a map of names to entries, some 130 bytes a record, which for
// 20,000 articles was 7 MB live in every command with nothing changed,
// three quarters of check's heap; this is some 75 bytes, in two
// allocations the collector need not scan.
type recordIndex struct {
	raw     []byte
	slots   []uint32 // an entry's offset in raw, plus one; 0 for none
	n       int
	written int64 // the file's time, of the entries that say so
	seed    maphash.Seed
}

// newRecordIndex makes the index of parts, the index's parts of a file
// written at written, of records that end by limit. It returns false
// when a part is not whole entries, an entry's record is not within
// [len(recordsMagic), limit), or two entries have one name.
func newRecordIndex(parts [][]byte, written, limit int64) (*recordIndex, bool) {
	// The entries are counted first, each part on its own, so that the
	// table is made at its size.
	size, n := 0, 0
	for _, p := range parts {
		size += len(p)
		for data := p; len(data) > 0; n++ {
			_, e, rest, ok := parseEntry(data, written)
			if !ok || e.off < int64(len(recordsMagic)) || e.len < 0 || e.off+e.len > limit {
				return nil, false
			}
			data = rest
		}
	}
	if size >= math.MaxUint32 {
		return nil, false
	}
	ix := &recordIndex{raw: make([]byte, 0, size), n: n, written: written, seed: maphash.MakeSeed()}
	for _, p := range parts {
		ix.raw = append(ix.raw, p...)
	}
	ix.slots = make([]uint32, max(2, 1<<bits.Len(uint(2*n))))
	mask := uint64(len(ix.slots) - 1)
	for at := 0; at < len(ix.raw); {
		name, _, rest, _ := parseEntry(ix.raw[at:], written)
		i := maphash.Bytes(ix.seed, name) & mask
		for ix.slots[i] != 0 {
			if other, _, _, _ := parseEntry(ix.raw[ix.slots[i]-1:], written); string(other) == string(name) {
				return nil, false
			}
			i = (i + 1) & mask
		}
		ix.slots[i] = uint32(at) + 1
		at = len(ix.raw) - len(rest)
	}
	return ix, true
}

// len returns how many entries the index holds.
func (ix *recordIndex) len() int { return ix.n }

// ords returns the bound of the entries' ord: a slice of that length
// has a place for each.
func (ix *recordIndex) ords() int { return len(ix.slots) }

// get returns the entry named name. Its name is a part of the index,
// which the index keeps; its ord is its slot.
func (ix *recordIndex) get(name string) (indexEntry, bool) {
	if ix == nil {
		return indexEntry{}, false
	}
	mask := uint64(len(ix.slots) - 1)
	for i := maphash.String(ix.seed, name) & mask; ix.slots[i] != 0; i = (i + 1) & mask {
		e, ok := ix.entry(int(i))
		if ok && e.name == name {
			return e, true
		}
	}
	return indexEntry{}, false
}

// entry returns the entry of slot i, whose bytes newRecordIndex read.
func (ix *recordIndex) entry(i int) (indexEntry, bool) {
	name, e, _, ok := parseEntry(ix.raw[ix.slots[i]-1:], ix.written)
	if len(name) > 0 {
		e.name = unsafe.String(&name[0], len(name))
	}
	e.ord = i
	return e, ok
}

// all returns the index's entries, in no order.
func (ix *recordIndex) all() iter.Seq[indexEntry] {
	return func(yield func(indexEntry) bool) {
		for i, s := range ix.slots {
			if s == 0 {
				continue
			}
			if e, ok := ix.entry(i); ok && !yield(e) {
				return
			}
		}
	}
}
