package po

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// FuzzParse parses any bytes as a PO file: Parse never panics and fails
// only with an *Error at a line of the input; a file it reads, written
// back with Encode, reads back the same, and writing that gives the same
// bytes.
func FuzzParse(f *testing.F) {
	f.Add(Encode(sample()))
	files, err := filepath.Glob(filepath.Join("..", "exchange", "testdata", "exchange", "*.po"))
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
	f.Add([]byte("\ufeff# c\r\nmsgid \"\"\r\nmsgstr \"Language: ru\\n\"\r\n\r\n#, fuzzy\n#| msgid \"old\"\nmsgctxt \"a/x\"\nmsgid \"\"\n\"new \"\nmsgstr \"\\x41\\101\\t\"\n" +
		"msgid \"one\"\nmsgid_plural \"many\"\nmsgstr[0] \"один\"\nmsgstr[1] \"много\"\n\n#~ msgid \"gone\"\n#~ msgstr \"\"\n#~ \"ушёл\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		first, err := Parse(data)
		if err != nil {
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("error of type %T: %v", err, err)
			}
			if lines := bytes.Count(data, []byte("\n")) + 1; pe.Line < 1 || pe.Line > lines {
				t.Fatalf("error at line %d of %d: %v", pe.Line, lines, err)
			}
			return
		}
		once := Encode(first)
		second, err := Parse(once)
		if err != nil {
			t.Fatalf("what Encode wrote does not parse: %v\n%s", err, once)
		}
		if a, b := withoutLines(first), withoutLines(second); !reflect.DeepEqual(a, b) {
			t.Fatalf("a round changes the file:\n%#v\n%#v\n%s", a, b, once)
		}
		if twice := Encode(second); !bytes.Equal(twice, once) {
			t.Fatalf("a second round writes differently:\n%s\n---\n%s", once, twice)
		}
	})
}

// withoutLines returns f with its line numbers cleared.
func withoutLines(f *File) *File {
	g := *f
	g.HeaderLine = 0
	g.Messages = nil
	for _, m := range f.Messages {
		c := *m
		c.Line = 0
		g.Messages = append(g.Messages, &c)
	}
	return &g
}
