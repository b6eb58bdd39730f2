package xliff

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// FuzzDecode decodes any bytes: Decode never panics and fails only with
// an *Error; a document it reads, written with Encode, reads back with the
// same files and units, and a second round gives the same document.
func FuzzDecode(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("..", "exchange", "testdata", "exchange", "*.xlf"))
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
	f.Add(Encode(&Document{Files: []*File{{Original: "articles/a.md", SourceLanguage: "en", TargetLanguage: "uk", Datatype: "x-markdown",
		Notes: []string{"a note"}, Units: []*Unit{{ID: "p-by", Source: Content{{Kind: Text, Text: "By "}, {Kind: BPT, ID: "1", Ctype: "link", Text: "["},
			{Kind: Text, Text: "Anton"}, {Kind: EPT, ID: "1", Text: "](#)"}, {Kind: PH, ID: "2", Ctype: "x-code", Text: "`x`"}},
			HasTarget: true, State: StateTranslated, Target: Content{{Kind: Text, Text: "Автор: "}}, Notes: []Note{{From: "l10n", Text: "n"}}}}}}}))
	f.Add([]byte(`<xliff version="1.2"><file original="a"><body><group><trans-unit id="u"><source>a<g id="1">b<x id="2"/><mrk mtype="seg">c</mrk></g>&#xD;<![CDATA[<d>]]></source><target state="new"><bx id="3"/><ex rid="3"/></target></trans-unit></group></body></file></xliff>`))
	f.Add([]byte(`<?xml version="1.0"?><!DOCTYPE xliff [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><xliff version="1.2"><file original="a"><body><trans-unit id="u"><source>&b;</source></trans-unit></body></file></xliff>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d1, err := Decode(data)
		if err != nil {
			var xe *Error
			if !errors.As(err, &xe) {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		d2, err := Decode(Encode(d1))
		if err != nil {
			t.Fatalf("reading what Encode wrote: %v\n%s", err, Encode(d1))
		}
		clearLines(d1)
		clearLines(d2)
		if !reflect.DeepEqual(d1, d2) {
			t.Fatalf("a round changes the document:\n%#v\n%#v\n%s", d1, d2, Encode(d1))
		}
		d3, err := Decode(Encode(d2))
		if err != nil {
			t.Fatal(err)
		}
		clearLines(d3)
		if !reflect.DeepEqual(d2, d3) {
			t.Fatalf("second round differs:\n%s\n%s", Encode(d2), Encode(d3))
		}
	})
}

// clearLines sets every line of a decoded document to 0.
func clearLines(d *Document) {
	for _, f := range d.Files {
		f.Line = 0
		for _, u := range f.Units {
			u.Line = 0
		}
	}
}
