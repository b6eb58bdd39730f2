//go:build unix

package tm

import (
	"encoding/binary"
	"reflect"
	"slices"
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"
)

// readOnly returns data in memory that the process may only read, as a
// mapped records file is (project.mapRecord): a write to it faults.
func readOnly(t *testing.T, data []byte) string {
	b, err := unix.Mmap(-1, 0, max(len(data), 1), unix.PROT_READ|unix.PROT_WRITE, unix.MAP_ANON|unix.MAP_PRIVATE)
	if err != nil {
		t.Skip("no anonymous mapping:", err)
	}
	t.Cleanup(func() { unix.Munmap(b) })
	copy(b, data)
	if err := unix.Mprotect(b, unix.PROT_READ); err != nil {
		t.Fatal(err)
	}
	return unsafe.String(&b[0], len(data))
}

// stringDecoder reads what a project.RecordEncoder wrote from a string it
// does not copy (as project.RecordDecoder reads a mapped record).
type stringDecoder struct {
	s   string
	bad bool
}

func (d *stringDecoder) uint() uint64 {
	v, n := binary.Uvarint([]byte(d.s[:min(len(d.s), binary.MaxVarintLen64)]))
	if n <= 0 {
		d.bad = true
		return 0
	}
	d.s = d.s[n:]
	return v
}

func (d *stringDecoder) Int() int64 {
	u := d.uint()
	if u&1 != 0 {
		return ^int64(u >> 1)
	}
	return int64(u >> 1)
}

func (d *stringDecoder) Text() string {
	n := d.uint()
	if d.bad || n > uint64(len(d.s)) {
		d.bad = true
		return ""
	}
	s := d.s[:n]
	d.s = d.s[n:]
	return s
}

func (d *stringDecoder) OK() bool  { return !d.bad }
func (d *stringDecoder) End() bool { return !d.bad && d.s == "" }

// TestDecodedReadOnly decodes a memory from read-only memory, which its
// arrays of numbers are then read in place from, replaces a folder whose
// sources changed (new sources, their bags and index appended) and one
// added, and looks everything up: the memory never writes to what it was
// decoded from (a write faults), and answers as Build's.
func TestDecodedReadOnly(t *testing.T) {
	es := storeEntries(t)
	second := withSlug(es, "second", "second")
	edited := slices.Clone(second)
	edited[2].Source += " Nobody said so."
	edited[3].Source, edited[3].Target = "A source of its own.", "Власне джерело."
	for _, opts := range []Options{{}, {NoSentences: true, MinThreshold: 50}} {
		for _, c := range []struct {
			slugs []string
			units []Entry
		}{
			{[]string{"second"}, edited},
			{[]string{"a-new", "second"}, append(extremes(es, seedSlug, "a-new"), edited...)},
		} {
			data := readOnly(t, encode(Build(es, opts)))
			m, err := Decode(&stringDecoder{s: data})
			if err != nil {
				t.Fatal(err)
			}
			if p := uintptr(unsafe.Pointer(unsafe.SliceData(m.bags))); p < uintptr(unsafe.Pointer(unsafe.StringData(data))) || p >= uintptr(unsafe.Pointer(unsafe.StringData(data)))+uintptr(len(data)) {
				t.Fatal("the bags were copied, not read in place")
			}
			if _, ok := m.Replace(c.slugs, c.units, opts); !ok {
				t.Fatal("Replace refused")
			}
			want := Build(replaced(es, c.slugs, c.units), opts)
			if !reflect.DeepEqual(m.entries, want.entries) {
				t.Fatal("Replace made other entries than Build")
			}
			sameAnswers(t, want, m, append(storeQueries(c.units), storeQueries(es[:12])...))
		}
	}
}
