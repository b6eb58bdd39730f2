package tm

import (
	"reflect"
	"runtime"
	"slices"
	"testing"
	"unsafe"

	"github.com/l10n-dev/l10n/internal/offheap"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// TestDecodedReadOnly keeps a memory in a project's records as package
// memory does (Records.PutFunc) and decodes it as a run reads it
// (Records.ReadDecoder: on Linux a read-only mapping of the file, which
// a write faults), its arrays of numbers then read in place; replaces a
// folder whose sources changed (new sources, their bags and index
// appended) and one added, and looks everything up: the memory never
// writes to what it was decoded from, and answers as Build's.
func TestDecodedReadOnly(t *testing.T) {
	es := storeEntries(t)
	second := withSlug(es, "second", "second")
	edited := slices.Clone(second)
	edited[2].Source += " Nobody said so."
	edited[3].Source, edited[3].Target = "A source of its own.", "Власне джерело."
	p, err := project.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, opts := range []Options{{}, {NoSentences: true, MinThreshold: 50}} {
		for _, c := range []struct {
			slugs []string
			units []Entry
			store string // "": Decode; "heap": DecodeIn, units of the heap; "held": DecodeIn, units the store holds
		}{
			{[]string{"second"}, edited, ""},
			{[]string{"a-new", "second"}, append(extremes(es, seedSlug, "a-new"), edited...), ""},
			{[]string{"second"}, edited, "heap"},
			{[]string{"second"}, edited, "held"},
			{[]string{"a-new", "second"}, append(extremes(es, seedSlug, "a-new"), edited...), "held"},
		} {
			rs := p.OpenRecords("memory")
			rs.Put("before", []byte("a record of 7 bytes")) // the memory's then begins past a multiple of 8
			size := 0
			rs.PutFunc("memory", func(write func([]byte)) {
				e := &project.RecordEncoder{}
				Build(es, opts).Encode(e)
				size = len(e.B)
				write(e.B)
			})
			rs.Commit(true)
			rs = p.OpenRecords("memory")
			d, ok := rs.ReadDecoder("memory")
			rs.Abort()
			if !ok {
				t.Fatal("the memory's record is not there")
			}
			var st *offheap.Store
			if c.store != "" {
				st = offheap.New(t.TempDir(), 0)
				if data, ok := d.Mapped(); ok {
					st.Keep(data)
				}
			}
			m, err := DecodeIn(d, st)
			if err != nil {
				t.Fatal(err)
			}
			if want := st != nil && runtime.GOOS == "linux"; m.entriesInStore != want {
				t.Fatalf("decoded entries in the store: %v, want %v", m.entriesInStore, want)
			}
			units := c.units
			if c.store == "held" {
				units = slices.Concat(heldParts(units, st)...)
			}
			// The record's texts and its arrays are parts of one mapping.
			text := uintptr(unsafe.Pointer(unsafe.StringData(m.entries[0].Target)))
			bags := uintptr(unsafe.Pointer(unsafe.SliceData(m.bags)))
			if runtime.GOOS == "linux" && littleEndian && (bags < text || bags >= text+uintptr(size)) {
				t.Fatal("the bags were copied, not read in place from the mapped record")
			}
			if _, ok := m.Replace(c.slugs, units, opts); !ok {
				t.Fatal("Replace refused")
			}
			if m.entriesInStore && !heldBy(m.entriesStore, [][]Entry{m.entries}) {
				t.Fatal("entries in the store hold strings it does not")
			}
			if c.store == "held" && len(c.slugs) == 1 && runtime.GOOS == "linux" && !m.entriesInStore {
				t.Fatal("a folder replaced in place by units the store holds moved the entries to the heap")
			}
			if c.store == "heap" && m.entriesInStore {
				t.Fatal("Replace wrote entries of the heap into the store")
			}
			want := Build(replaced(es, c.slugs, c.units), opts)
			if !reflect.DeepEqual(m.entries, want.entries) {
				t.Fatal("Replace made other entries than Build")
			}
			sameAnswers(t, want, m, append(storeQueries(c.units), storeQueries(es[:12])...))
		}
	}
}
