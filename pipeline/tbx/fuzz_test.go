package tbx

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// clearLines zeroes the Line fields, which only a decoded document has.
func clearLines(d *Document) {
	for _, e := range d.Entries {
		e.Line = 0
		for _, l := range e.Langs {
			l.Line = 0
			for _, t := range l.Terms {
				t.Line = 0
			}
		}
	}
}

// FuzzDecode decodes arbitrary input: Decode never panics, what it reads
// Encode writes so that it reads back the same, and ToGlossary and
// MergeGlossary take whatever Decode gives without failing a merge into
// an empty glossary.
func FuzzDecode(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.tbx"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`<martif><text><body><termEntry id="a"><langSet xml:lang="en"><tig><term>A</term></tig></langSet><langSet xml:lang="uk"><tig><term>Б</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig></langSet></termEntry></body></text></martif>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d1, err := Decode(data)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		d2, err := Decode(Encode(d1))
		if err != nil {
			t.Fatalf("reading what Encode wrote: %v\n%s", err, Encode(d1))
		}
		clearLines(d2)
		d3, err := Decode(Encode(d2))
		if err != nil {
			t.Fatal(err)
		}
		clearLines(d3)
		if !reflect.DeepEqual(d2, d3) {
			t.Fatalf("second round differs:\n%s\n%s", Encode(d2), Encode(d3))
		}
		terms, _ := ToGlossary(d1, ImportOptions{Locales: []string{"uk", "ru"}})
		if _, _, err := MergeGlossary(nil, terms); err != nil {
			t.Fatalf("merging %+v: %v", terms, err)
		}
	})
}
