package tm

import (
	"bytes"
	"fmt"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unsafe"

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
			if mapped.entriesInStore {
				t.Fatal("entries with strings of the heap went into the store")
			}
			// Entries whose strings the store holds, in parts (a folder
			// each), go there too when no sentences are paired.
			held := BuildParts(heldParts(es, in.Store), in)
			if want := opts.NoSentences && runtime.GOOS == "linux"; held.entriesInStore != want {
				t.Fatalf("entries in the store: %v, want %v", held.entriesInStore, want)
			}
			sameAnswers(t, heap, mapped, queries) // makes the index
			sameAnswers(t, heap, held, queries)
			if !bytes.Equal(encode(heap), encode(mapped)) {
				t.Fatal("encoded otherwise")
			}
			if !bytes.Equal(encode(heap), encode(held)) {
				t.Fatal("encoded otherwise from parts, its entries in the store")
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
			_, okHeld := held.Replace([]string{"second"}, units, opts)
			if okHeap != okMapped || okHeap != okHeld {
				t.Fatalf("replaced: on the heap %v, in the store %v, its entries too %v", okHeap, okMapped, okHeld)
			}
			if held.entriesInStore {
				t.Fatal("Replace wrote entries of the heap into the store")
			}
			if okHeap {
				sameAnswers(t, heap, mapped, queries)
				sameAnswers(t, heap, held, queries)
			} else if opts.NoSentences {
				t.Fatal("not replaced")
			}
		})
	}
}

// heldParts returns copies of es, a part per slug, whose strings are
// in st.
func heldParts(es []Entry, st *offheap.Store) [][]Entry {
	var parts [][]Entry
	for i, e := range es {
		if i == 0 || e.Origin.Slug != es[i-1].Origin.Slug {
			parts = append(parts, nil)
		}
		ss := []string{e.Source, e.Target, e.Locale, e.Origin.Slug, e.Origin.Unit, e.Origin.File}
		st.Move(ss)
		e.Source, e.Target, e.Locale, e.Origin.Slug, e.Origin.Unit, e.Origin.File = ss[0], ss[1], ss[2], ss[3], ss[4], ss[5]
		parts[len(parts)-1] = append(parts[len(parts)-1], e)
	}
	return parts
}

// TestEntryStrings: entryHeld names every string of an Entry; a field
// added to Entry or Origin that holds a string, or another pointer,
// must be named there too (or keep entries out of the store).
func TestEntryStrings(t *testing.T) {
	var walk func(t reflect.Type, path string) []string
	walk = func(t reflect.Type, path string) []string {
		switch t.Kind() {
		case reflect.String:
			return []string{path}
		case reflect.Struct:
			var out []string
			for i := range t.NumField() {
				out = append(out, walk(t.Field(i).Type, path+"."+t.Field(i).Name)...)
			}
			return out
		case reflect.Bool, reflect.Int, reflect.Uint8:
			return nil
		}
		return []string{path + " (" + t.Kind().String() + ")"}
	}
	got := walk(reflect.TypeFor[Entry](), "Entry")
	want := []string{"Entry.Source", "Entry.Target", "Entry.Locale", "Entry.Origin.Slug", "Entry.Origin.Unit", "Entry.Origin.File"}
	if !slices.Equal(got, want) {
		t.Errorf("Entry's strings and pointers: %q; entryHeld names %q", got, want)
	}
	// And heldBy refuses an entry with any one of them on the heap.
	st := offheap.New(t.TempDir(), 0)
	defer st.Close()
	for k := range want {
		ss := []string{"a", "b", "uk", "s", "u", "f"}
		st.Move(ss)
		heap := strings.Repeat("x", 3)
		ss[k] = heap
		e := Entry{Source: ss[0], Target: ss[1], Locale: ss[2], Origin: Origin{Slug: ss[3], Unit: ss[4], File: ss[5]}}
		if heldBy(st, [][]Entry{{e}}) {
			t.Errorf("%s on the heap, held", want[k])
		}
	}
	ss := []string{"a", "b", "uk", "s", "u"}
	st.Move(ss)
	e := Entry{Source: ss[0], Target: ss[1], Locale: ss[2], Origin: Origin{Slug: ss[3], Unit: ss[4]}}
	if got := heldBy(st, [][]Entry{nil, {e, e}}); got != (runtime.GOOS == "linux") {
		t.Errorf("every string in the store: held %v", got)
	}
}

// TestMatchHeld: a Partial holds a match (held) with copies of every
// string it holds (it keeps matches past the part whose store they came
// from), and gives back the same match; a field added to Match must be
// named here, and held and hold must know it.
func TestMatchHeld(t *testing.T) {
	var names []string
	for i := range reflect.TypeFor[Match]().NumField() {
		names = append(names, reflect.TypeFor[Match]().Field(i).Name)
	}
	if want := []string{"Entry", "Percent", "Count", "Adapted", "Parts", "dist", "loc"}; !slices.Equal(names, want) {
		t.Errorf("Match's fields: %q, held knows %q", names, want)
	}
	st := offheap.New(t.TempDir(), 0)
	defer st.Close()
	ss := []string{"a", "b", "uk", "s", "u", "f", "adapted", "uk-UA"}
	st.Move(ss)
	m := Match{Entry: Entry{Kind: Sentence, Source: ss[0], Target: ss[1], Locale: ss[2], Origin: Origin{Slug: ss[3], Unit: ss[4], Sentence: 2, File: ss[5], Line: 7}, State: NeedsReview, Reused: true},
		Percent: 97, Count: 3, Adapted: ss[6], dist: 5, loc: ss[7]}
	p := NewPartial(Query{}, []string{"uk-UA"})
	h := p.hold(&m)
	o := h.match()
	if !reflect.DeepEqual(o, m) {
		t.Errorf("held gives back\n%+v\nnot\n%+v", o, m)
	}
	held := st.Holds()
	for i, s := range []string{o.Source, o.Target, o.Locale, o.Origin.Slug, o.Origin.Unit, o.Origin.File, o.Adapted, o.loc} {
		if held(s) && runtime.GOOS == "linux" {
			t.Errorf("held string %d: %q, in the store", i, s)
		}
	}
}

// TestPartialOutlivesParts: a lookup over parts, each built in a store of
// its own that is dropped once the part is asked (its pages punched out
// of the file: a string still in it would read as zeros), answers as
// the memory of all the entries does; and its matches share what the
// lookup has of theirs — an exact match's source is the query's text,
// a locale the lookup's own string — without changing an answer.
func TestPartialOutlivesParts(t *testing.T) {
	es := storeEntries(t)
	queries := storeQueries(es)
	opts := Options{NoSentences: true, MinThreshold: 50}
	whole := Build(es, opts)
	locales := []string{"uk", "ru", "uk-UA"}
	cut := make([][]Entry, 3)
	for i, e := range es {
		cut[i%3] = append(cut[i%3], e)
	}
	var lookups []*Partial
	var want [][][]Match
	for _, text := range queries {
		for _, limit := range []int{3, -1} {
			q := Query{Source: strings.Clone(text), Threshold: 75, Limit: limit}
			want = append(want, whole.LookupLocales(q, locales))
			lookups = append(lookups, NewPartial(q, locales))
		}
	}
	for _, part := range cut {
		in := opts
		in.Store = offheap.New(t.TempDir(), 0)
		m := BuildParts(heldParts(part, in.Store), in)
		for _, p := range lookups {
			p.Add(m)
		}
		in.Store.Drop()
	}
	exact, shared := 0, 0
	for j, p := range lookups {
		got := p.Matches()
		if !reflect.DeepEqual(got, want[j]) {
			t.Fatalf("query %q, limit %d:\n got %v\nwant %v", p.q.Source, p.q.Limit, got, want[j])
		}
		for i, ms := range got {
			for _, m := range ms {
				if m.Percent == 100 {
					exact++
					if unsafe.StringData(m.Source) != unsafe.StringData(p.q.Source) {
						t.Errorf("query %q: an exact match's source is a copy", p.q.Source)
					}
				}
				if m.Locale == locales[i] {
					shared++
					if unsafe.StringData(m.Locale) != unsafe.StringData(locales[i]) {
						t.Errorf("query %q: the locale %s is a copy", p.q.Source, m.Locale)
					}
				}
			}
		}
	}
	if exact == 0 || shared == 0 {
		t.Fatalf("%d exact matches, %d locales shared: the test tests nothing", exact, shared)
	}
}
