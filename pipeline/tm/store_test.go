package tm

import (
	"encoding/binary"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/l10n-dev/l10n/pipeline/project"
)

// storeEntries are the seed's units, with a second article whose units
// are the seed's with a figure changed, a word dropped, or needing
// review, and whose last units are Reused; and two TMX units.
func storeEntries(t testing.TB) []Entry {
	es := seedEntries(t)
	n := len(es)
	for i := range n {
		e := es[i]
		e.Origin.Slug = "second"
		switch i % 4 {
		case 0:
			e.Source = strings.Replace(e.Source, "2", "7", 1)
		case 1:
			w := strings.Fields(e.Source)
			e.Source = strings.Join(slices.Delete(w, len(w)/2, len(w)/2+1), " ")
		case 2:
			e.State = NeedsReview
		case 3:
			e.State, e.Reused = NeedsReview, true
		}
		es = append(es, e)
	}
	return append(es,
		Entry{Kind: Imported, Source: es[0].Source, Target: "імпорт", Locale: "uk-UA", Origin: Origin{File: "tm/agency.tmx", Line: 7}},
		Entry{Kind: Imported, Source: "A sentence no article has.", Target: "Импорт.", Locale: "ru", Origin: Origin{File: "tm/agency.tmx", Line: 9}})
}

// storeQueries are every source of the entries, and each with a word
// changed, a number added and a sentence added.
func storeQueries(es []Entry) []string {
	var out []string
	for i, e := range es {
		out = append(out, e.Source)
		w := strings.Fields(e.Source)
		switch i % 3 {
		case 0:
			w[len(w)/2] = "zebra"
		case 1:
			w = append(w, "42")
		case 2:
			w = append(w, "Nobody", "said", "so.")
		}
		out = append(out, strings.Join(w, " "))
	}
	return out
}

// encode encodes a memory as the project's records do.
func encode(m *Memory) []byte {
	e := &project.RecordEncoder{}
	m.Encode(e)
	return e.B
}

// sameAnswers fails the test unless two memories answer every query
// (in uk, ru and uk-UA, at thresholds 50, 75 and 100, for the best 3
// and for all) alike.
func sameAnswers(t *testing.T, want, got *Memory, queries []string) {
	t.Helper()
	for _, q := range queries {
		for _, loc := range []string{"uk", "ru", "uk-UA"} {
			for _, thr := range []int{50, 75, 100} {
				for _, limit := range []int{3, -1} {
					qq := Query{Source: q, Locale: loc, Threshold: thr, Limit: limit}
					a, b := want.Lookup(qq), got.Lookup(qq)
					if !reflect.DeepEqual(a, b) {
						t.Fatalf("Lookup(%q, %s, %d%%, %d):\nwant %+v\ngot  %+v", q, loc, thr, limit, a, b)
					}
				}
			}
		}
	}
}

// TestStoreRoundTrip encodes memories of the seed (with sentence pairs
// and without, at two thresholds) and decodes them: the decoded memory
// answers every lookup as the built one does, exports the same TMX and
// encodes to the same bytes. On a little-endian machine, the arrays of
// numbers are read in place and, as a big-endian machine does, number by
// number; a memory encoded at an offset that is not a multiple of 8, by
// a copy.
func TestStoreRoundTrip(t *testing.T) {
	es := storeEntries(t)
	queries := storeQueries(es)
	defer func(n int, le bool) { textPart, littleEndian = n, le }(textPart, littleEndian)
	orders := []bool{littleEndian}
	if littleEndian {
		orders = append(orders, false)
	}
	for k, opts := range []Options{{}, {NoSentences: true, MinThreshold: 50}, {Source: "en-US", MinThreshold: 90}, {}, {NoSentences: true}} {
		i := k % 3
		littleEndian = orders[min(k/3, len(orders)-1)]
		t.Run(fmt.Sprintf("%+v,little-endian=%v", opts, littleEndian), func(t *testing.T) {
			textPart = []int{1 << 20, 1, 300}[i] // the texts in one part, and in many
			m := Build(es, opts)
			data := encode(m)
			got, err := Decode(project.NewRecordDecoder(data))
			if err != nil {
				t.Fatal(err)
			}
			// Encoded after a few bytes of another record (its arrays
			// aligned to the encoder's bytes, not to the decoder's):
			// read by a copy instead, alike.
			for _, shift := range []int{1, 2, 4} {
				e := &project.RecordEncoder{B: make([]byte, shift)}
				m.Encode(e)
				moved, err := Decode(project.NewRecordDecoder(e.B[shift:]))
				if err != nil {
					t.Fatalf("shifted by %d: %v", shift, err)
				}
				if !reflect.DeepEqual(moved.entries, m.entries) || !reflect.DeepEqual(moved.bags, got.bags) ||
					!reflect.DeepEqual(moved.postings, got.postings) || !reflect.DeepEqual(moved.sigs, got.sigs) {
					t.Fatalf("shifted by %d: decoded otherwise", shift)
				}
			}
			if got.Len() != m.Len() || !slices.Equal(got.Locales(), m.Locales()) || got.paired != m.paired {
				t.Fatalf("decoded: %d entries, locales %v, %d pairs; built: %d, %v, %d", got.Len(), got.Locales(), got.paired, m.Len(), m.Locales(), m.paired)
			}
			if !reflect.DeepEqual(got.entries, m.entries) {
				t.Fatal("the decoded entries differ from the built ones")
			}
			if a, b := m.TMX(), got.TMX(); !reflect.DeepEqual(a, b) {
				t.Fatal("the decoded memory exports another TMX")
			}
			if again := encode(got); string(again) != string(data) {
				t.Fatal("the decoded memory encodes to other bytes")
			}
			sameAnswers(t, m, got, queries)
		})
	}
}

// TestReusedAnswersNothing: a memory without its Reused entries answers
// every lookup as the memory with them, so a memory kept for lookups
// (package memory) may leave them out.
func TestReusedAnswersNothing(t *testing.T) {
	es := storeEntries(t)
	var kept []Entry
	for _, e := range es {
		if !e.Reused {
			kept = append(kept, e)
		}
	}
	if len(kept) == len(es) {
		t.Fatal("no Reused entry to leave out")
	}
	for _, opts := range []Options{{}, {NoSentences: true, MinThreshold: 50}} {
		sameAnswers(t, Build(es, opts), Build(kept, opts), storeQueries(es))
	}
}

// TestStoreCorrupt decodes every prefix of an encoded memory and the
// memory with each of many bytes changed: an error or a memory, never a
// panic; a prefix is always an error.
func TestStoreCorrupt(t *testing.T) {
	m := Build(storeEntries(t), Options{})
	data := encode(m)
	step := max(1, len(data)/400)
	for n := 0; n < len(data); n += step {
		if _, err := Decode(project.NewRecordDecoder(data[:n])); err == nil {
			t.Fatalf("a prefix of %d of %d bytes decoded", n, len(data))
		}
	}
	for i := 0; i < len(data); i += step {
		for _, b := range []byte{0, 0x7f, 0x80, 0xff, data[i] ^ 1} {
			bad := slices.Clone(data)
			bad[i] = b
			if got, err := Decode(project.NewRecordDecoder(bad)); err == nil {
				got.Lookup(Query{Source: m.entries[0].Source, Locale: "uk", Threshold: 50})
			}
		}
	}
	if _, err := Decode(project.NewRecordDecoder([]byte("l10n tm memory 0"))); err == nil {
		t.Fatal("another layout decoded")
	}
}

// TestStoreEmpty: a memory without entries encodes and decodes, and
// finds nothing.
func TestStoreEmpty(t *testing.T) {
	got, err := Decode(project.NewRecordDecoder(encode(Build(nil, Options{}))))
	if err != nil {
		t.Fatal(err)
	}
	if got.Len() != 0 || len(got.Lookup(Query{Source: "Kyiv", Locale: "uk"})) != 0 {
		t.Fatal("an empty memory decoded with entries")
	}
}

// TestTextTable reads tables as writeTexts writes them, in one part and
// in many, and tables that writeTexts never writes: table finds where
// each ends (the item after it reads as written), and cut gives its
// strings, or refuses a string across two parts, a part with bytes no
// string has, and lengths that the parts do not hold.
func TestTextTable(t *testing.T) {
	defer func(n int) { textPart = n }(textPart)
	// raw encodes a table by hand: count, lengths, then the parts.
	raw := func(n int, lens []uint64, parts ...string) []byte {
		e := &project.RecordEncoder{}
		e.Int(int64(n))
		var b []byte
		for _, l := range lens {
			b = binary.AppendUvarint(b, l)
		}
		e.Text(string(b))
		for _, p := range parts {
			e.Text(p)
		}
		e.Text("after")
		return e.B
	}
	written := func(part int, ss ...string) []byte {
		textPart = part
		e := &project.RecordEncoder{}
		writeTexts(e, len(ss), func(i int) string { return ss[i] })
		e.Text("after")
		return e.B
	}
	for _, tc := range []struct {
		name  string
		data  []byte
		want  []string // nil: cut refuses
		bad   bool     // table refuses
		after string   // the item after the table
	}{
		{"none", written(1 << 20), []string{}, false, "after"},
		{"one part", written(1<<20, "Kyiv", "", "Київ"), []string{"Kyiv", "", "Київ"}, false, "after"},
		{"a part each", written(1, "Kyiv", "Київ", "", "x"), []string{"Kyiv", "Київ", "", "x"}, false, "after"},
		{"parts of two", written(8, "Kyiv", "Odesa", "Lviv", "Kharkiv"), []string{"Kyiv", "Odesa", "Lviv", "Kharkiv"}, false, "after"},
		// The parts hold the strings' bytes, but not as writeTexts cuts them.
		{"across two parts", raw(2, []uint64{3, 3}, "abcd", "ef"), nil, false, "after"},
		{"bytes of no string", raw(1, []uint64{2}, "abc"), nil, false, "after"},
		// The table ends where its strings do: what follows is the
		// record's next item, whatever it is.
		{"a part more", raw(1, []uint64{2}, "ab", "c"), []string{"ab"}, false, "c"},
		{"lengths beyond the data", raw(1, []uint64{1 << 40}, "ab"), nil, true, ""},
		{"more strings than lengths", raw(3, []uint64{1}, "a"), nil, true, ""},
		{"lengths left over", raw(1, []uint64{1, 1}, "a", "b"), nil, true, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := &decoder{r: project.NewRecordDecoder(tc.data)}
			tab := d.table()
			if d.bad != tc.bad {
				t.Fatalf("table: bad %v, want %v", d.bad, tc.bad)
			}
			if tc.bad {
				return
			}
			if after := d.r.Text(); after != tc.after {
				t.Errorf("the item after the table reads %q, want %q", after, tc.after)
			}
			got, ok := tab.cut()
			if ok != (tc.want != nil) || ok && !slices.Equal(got, tc.want) {
				t.Errorf("cut: %q, %v; want %q", got, ok, tc.want)
			}
			if ok {
				d := &decoder{r: project.NewRecordDecoder(tc.data)}
				if texts := d.texts(); d.bad || !slices.Equal(texts, tc.want) {
					t.Errorf("texts: %q (bad %v)", texts, d.bad)
				}
			}
		})
	}
}
