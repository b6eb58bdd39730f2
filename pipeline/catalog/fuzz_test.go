package catalog

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// FuzzParse parses any bytes as a catalog: Parse never panics and fails
// only with an *Error at a line of the input; ParseShared reads what it
// reads (or fails as it fails); a catalog it reads, written back with
// Encode, reads back with the same entries, and writing that gives the
// same bytes.
func FuzzParse(f *testing.F) {
	f.Add([]byte(sample))
	for _, pattern := range []string{
		filepath.Join("..", "..", "locales", "*", "*.yaml"),
		filepath.Join("..", "pipelinetest", "testdata", "*", "locales", "*", "*.yaml"),
		filepath.Join("..", "..", "internal", "uitext", "messages", "*.yaml"),
	} {
		files, err := filepath.Glob(pattern)
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
	}
	notes := func(e *Entry) []string { return []string{"en: " + e.Other} }
	f.Fuzz(func(t *testing.T, data []byte) {
		cat, err := Parse(data)
		if shared, serr := ParseShared(data); !reflect.DeepEqual(shared, cat) || !reflect.DeepEqual(serr, err) {
			t.Fatalf("ParseShared reads\n%#v, %v\nParse\n%#v, %v", shared, serr, cat, err)
		}
		if err != nil {
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("error of type %T: %v", err, err)
			}
			// Lines break as YAML breaks them: at "\n", "\r\n" and
			// a "\r" alone (" \r0" is two lines).
			lines := bytes.Count(data, []byte("\n")) + bytes.Count(data, []byte("\r")) - bytes.Count(data, []byte("\r\n")) + 1
			if ce.Line < 1 || ce.Line > lines {
				t.Fatalf("error at line %d of %d: %v", ce.Line, lines, err)
			}
			return
		}
		once := cat.Encode([]string{"header"}, notes)
		back, err := Parse(once)
		if err != nil {
			t.Fatalf("what Encode wrote does not parse: %v\n%s", err, once)
		}
		for _, pair := range [][2][]*Entry{{cat.Entries, back.Entries}, {cat.Obsolete, back.Obsolete}} {
			if len(pair[0]) != len(pair[1]) {
				t.Fatalf("%d entries, %d after a round\n%s", len(pair[0]), len(pair[1]), once)
			}
			for i, e := range pair[0] {
				if g := pair[1][i]; !sameEntry(e, g) {
					t.Fatalf("entry %d:\n%#v\nafter a round\n%#v\n%s", i, e, g, once)
				}
			}
		}
		if twice := back.Encode([]string{"header"}, notes); !bytes.Equal(twice, once) {
			t.Fatalf("a second round writes differently:\n%s\n---\n%s", once, twice)
		}
	})
}

// sameEntry compares what a catalog entry says, not where it was or how
// its YAML was quoted, nor its comment lines' runes that Encode escapes
// (a carriage return inside a comment line, which YAML reads as a line
// break: see appendComment).
func sameEntry(a, b *Entry) bool {
	return a.ID == b.ID && a.Description == b.Description && a.Hash == b.Hash && a.Other == b.Other &&
		a.Previous == b.Previous && reflect.DeepEqual(escaped(a.Comments), escaped(b.Comments)) &&
		reflect.DeepEqual(escaped(tidy(a.Above)), escaped(tidy(b.Above))) &&
		len(a.Plural) == len(b.Plural) && (len(a.Plural) == 0 || reflect.DeepEqual(a.Plural, b.Plural))
}

// escaped returns comment lines as Encode writes them (appendComment).
func escaped(lines []string) []string {
	var out []string
	for _, l := range lines {
		out = append(out, string(appendComment(nil, l)))
	}
	return out
}
