package check

import (
	"encoding/binary"
	"fmt"
	"os"
	"slices"

	"github.com/l10n-dev/l10n/internal/spill"
)

// diskRuns are a ConsistencyIndex's texts beyond its limit: sorted runs
// of entries in one temporary file (internal/spill: removed from its
// folder as soon as it is made, so that nothing is left behind however
// the process ends). In memory each run keeps every blockLen-th key and
// a Bloom filter of its keys (about 1.4 bytes a text, where the map
// takes some 40).
type diskRuns struct {
	f    *spill.File
	runs []run
	buf  []byte // a block read, or a run written
}

// run is a sorted run of entries on disk.
type run struct {
	off   int64    // of its first entry
	n     int      // entries
	keys  []uint64 // the key of every blockLen-th entry
	bloom []uint64 // bloomBits bits a key
}

const (
	entryLen  = 20 // source hash, target hash, reference: 8 + 4 + 8 bytes
	blockLen  = 64 // entries a lookup reads at most
	bloomBits = 10 // bits a key: about 1% false positives with bloomHash positions
	bloomHash = 7  // bit positions a key sets
)

func newDiskRuns() (*diskRuns, error) {
	f, err := spill.New(os.TempDir())
	if err != nil {
		return nil, err
	}
	return &diskRuns{f: f}, nil
}

// write adds the entries of m to disk as a run sorted by key.
func (d *diskRuns) write(m map[uint64]firstSeen) error {
	keys := make([]uint64, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	r := run{off: d.f.Offset(), n: len(keys), bloom: make([]uint64, (len(keys)*bloomBits+63)/64)}
	d.buf = slices.Grow(d.buf[:0], len(keys)*entryLen)
	for i, k := range keys {
		if i%blockLen == 0 {
			r.keys = append(r.keys, k)
		}
		r.setBloom(k)
		f := m[k]
		d.buf = binary.LittleEndian.AppendUint64(d.buf, k)
		d.buf = binary.LittleEndian.AppendUint32(d.buf, f.target)
		d.buf = binary.LittleEndian.AppendUint64(d.buf, f.ref)
	}
	if _, err := d.f.Write(d.buf); err != nil {
		return fmt.Errorf("consistency index: %w", err)
	}
	if err := d.f.Flush(); err != nil {
		return fmt.Errorf("consistency index: %w", err)
	}
	d.runs = append(d.runs, r)
	if cap(d.buf) > blockLen*entryLen {
		d.buf = nil // the run's buffer goes; lookups need a block
	}
	return nil
}

// find looks a key up in the runs.
func (d *diskRuns) find(key uint64) (firstSeen, bool, error) {
	for i := range d.runs {
		r := &d.runs[i]
		if !r.mayHave(key) {
			continue
		}
		// The block whose first key is the last at or below key.
		b, ok := slices.BinarySearch(r.keys, key)
		if !ok {
			if b == 0 {
				continue
			}
			b--
		}
		n := min(blockLen, r.n-b*blockLen)
		d.buf = slices.Grow(d.buf[:0], n*entryLen)[:n*entryLen]
		if err := d.f.ReadAt(d.buf, r.off+int64(b*blockLen*entryLen)); err != nil {
			return firstSeen{}, false, fmt.Errorf("consistency index: %w", err)
		}
		lo, hi := 0, n
		for lo < hi {
			mid := (lo + hi) / 2
			k := binary.LittleEndian.Uint64(d.buf[mid*entryLen:])
			switch {
			case k == key:
				e := d.buf[mid*entryLen:]
				return firstSeen{target: binary.LittleEndian.Uint32(e[8:]), ref: binary.LittleEndian.Uint64(e[12:])}, true, nil
			case k < key:
				lo = mid + 1
			default:
				hi = mid
			}
		}
	}
	return firstSeen{}, false, nil
}

func (d *diskRuns) close() error { return d.f.Close() }

// bloomAt returns the i-th bit position of a key in a filter of m bits:
// the key is a hash already, and its two halves make the positions
// (double hashing).
func bloomAt(key uint64, i, m int) int {
	h1, h2 := uint32(key), uint32(key>>32)|1
	return int((h1 + uint32(i)*h2) % uint32(m))
}

func (r *run) setBloom(key uint64) {
	m := len(r.bloom) * 64
	for i := range bloomHash {
		b := bloomAt(key, i, m)
		r.bloom[b/64] |= 1 << (b % 64)
	}
}

func (r *run) mayHave(key uint64) bool {
	m := len(r.bloom) * 64
	for i := range bloomHash {
		b := bloomAt(key, i, m)
		if r.bloom[b/64]&(1<<(b%64)) == 0 {
			return false
		}
	}
	return true
}
