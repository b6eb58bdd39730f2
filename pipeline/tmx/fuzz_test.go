package tmx

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// FuzzDecode decodes arbitrary input: Decode never panics, and what it
// reads, written with Encode, reads back with the same segments, and a
// second round gives the same document.
func FuzzDecode(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.tmx"))
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
	small := &Document{Units: []*Unit{{ID: "a/p-1", Variants: []*Variant{
		{Lang: "en", Seg: Seg("By [Anton Zemlianyi](#), **3,767** `code`")},
		{Lang: "uk", Seg: Seg("Автор: [Антон Земляний](#), **3\u00a0767** `code`")},
	}}}}
	f.Add(Encode(small))
	f.Add(utf16Bytes(`<tmx version="1.4"><header srclang="en"/><body><tu><tuv lang="en"><seg>a<ph x="1">&amp;</ph></seg></tuv></tu></body></tmx>`, false, true))
	f.Add([]byte(`<tmx><body><tu tuid="&#9;"><tuv xml:lang="en"><seg><![CDATA[<b>]]>&#xD;<hi><it pos="end">x</it></hi></seg></tuv></tu></body></tmx>`))
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
		if len(d2.Units) != len(d1.Units) {
			t.Fatalf("%d units, then %d", len(d1.Units), len(d2.Units))
		}
		for i, u := range d1.Units {
			for j, v := range u.Variants {
				w := d2.Units[i].Variants[j]
				if !reflect.DeepEqual(v.Seg, w.Seg) || v.Lang != w.Lang {
					t.Fatalf("unit %d variant %d: %+v, then %+v", i, j, v, w)
				}
			}
		}
		d3, err := Decode(Encode(d2))
		if err != nil {
			t.Fatal(err)
		}
		clearLines(d2)
		clearLines(d3)
		if !reflect.DeepEqual(d2, d3) {
			t.Fatalf("second round differs:\n%s\n%s", Encode(d2), Encode(d3))
		}
	})
}
