package tm

import (
	"bytes"
	"fmt"
	"runtime"
	"testing"

	"github.com/l10n-dev/l10n/internal/offheap"
)

// TestBuildInStore: a memory built with its arrays in a store
// (Options.Store, outside the heap) answers every lookup as one built on
// the heap, encodes to the same bytes, and takes in a replaced folder
// alike; with sentence pairs and without.
func TestBuildInStore(t *testing.T) {
	es := storeEntries(t)
	queries := storeQueries(es)
	for _, opts := range []Options{{}, {NoSentences: true, MinThreshold: 50}} {
		t.Run(fmt.Sprintf("%+v", opts), func(t *testing.T) {
			heap := Build(es, opts)
			in := opts
			in.Store = offheap.New(t.TempDir(), 0)
			defer in.Store.Close()
			mapped := Build(es, in)
			sameAnswers(t, heap, mapped, queries) // makes the index
			if !bytes.Equal(encode(heap), encode(mapped)) {
				t.Fatal("encoded otherwise")
			}
			if in.Store.Mapped() == 0 && runtime.GOOS == "linux" { // offheap_linux.go maps
				t.Fatal("nothing in the store")
			}
			// A folder replaced, in place (as many entries as before)
			// and with sources that are new: the arrays in the store
			// are appended to, never written.
			var units []Entry
			for _, e := range es {
				if e.Origin.Slug == "second" {
					e.Target += " (змінено)"
					if len(units)%2 == 0 {
						e.Source += " Kyiv"
					}
					units = append(units, e)
				}
			}
			_, okHeap := heap.Replace([]string{"second"}, units, opts)
			_, okMapped := mapped.Replace([]string{"second"}, units, opts)
			if okHeap != okMapped {
				t.Fatalf("replaced: on the heap %v, in the store %v", okHeap, okMapped)
			}
			if okHeap {
				sameAnswers(t, heap, mapped, queries)
			} else if opts.NoSentences {
				t.Fatal("not replaced")
			}
		})
	}
}
