package catalog

import (
	"strings"
	"testing"
)

const sample = `# header

#. en: Hello
# translator's note
greeting:
  hash: sha1-1
  other: Привіт

#. en: line one
#| en: old line one
#| old line two
multi:
  # inside the entry
  hash: sha1-2
  other: |-
    рядок один
    рядок два

plain: just a string

#~ # Obsolete: …
#~
#~ # kept by the translator
#~ gone:
#~   hash: sha1-3
#~   other: "Зникле «слово»"
`

func TestParseEncode(t *testing.T) {
	f, err := Parse([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Entries) != 3 || len(f.Obsolete) != 1 {
		t.Fatalf("%d entries, %d obsolete", len(f.Entries), len(f.Obsolete))
	}
	g := f.Entries[0]
	if g.ID != "greeting" || g.Hash != "sha1-1" || g.Other != "Привіт" || g.Line != 5 ||
		strings.Join(g.Comments, "|") != "# translator's note" {
		t.Errorf("greeting: %+v", g)
	}
	m := f.Entries[1]
	if m.Other != "рядок один\nрядок два" || m.Previous != "old line one\nold line two" ||
		strings.Join(m.Comments, "|") != "# inside the entry" {
		t.Errorf("multi: %+v", m)
	}
	if p := f.Entries[2]; p.Other != "just a string" || p.Hash != "" {
		t.Errorf("plain: %+v", p)
	}
	o := f.Obsolete[0]
	if o.ID != "gone" || o.Other != "Зникле «слово»" || o.Line != 24 || strings.Join(o.Comments, "|") != "# kept by the translator" {
		t.Errorf("obsolete: %+v", o)
	}
	// Encoding and parsing again changes nothing.
	notes := func(e *Entry) []string { return []string{"en: " + e.ID} }
	once := f.Encode([]string{"header"}, notes)
	g2, err := Parse(once)
	if err != nil {
		t.Fatalf("%v\n%s", err, once)
	}
	if twice := g2.Encode([]string{"header"}, notes); string(twice) != string(once) {
		t.Errorf("not stable:\n%s\n---\n%s", once, twice)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a:\n  other: [x\n", "did not find expected"},
		{"a:\n  other:\n", `line 2: message "a": other is empty`},
		{"a:\n  other: x\n  note: y\n", `line 3: message "a": unknown key "note"`},
		{"a:\n  other: 2024\n", `line 2: message "a": the value of other must be a string`},
		{"1234:\n  other: x\n", `line 1: message id "1234" is not a string`},
		{"a:\n  other: x\na:\n  other: y\n", `line 3: message id "a" is already defined at line 1`},
		{"a: x\n#~ b:\n#~   other: [\n", "line 3"},
		{"a: \"\xff\"\n", "line 1: invalid UTF-8"},
	}
	for _, tc := range tests {
		_, err := Parse([]byte(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%q) = %v, want %q", tc.in, err, tc.want)
		}
	}
}

// TestPlainSafe checks the encoder's fast path against yaml.v3: a value it
// writes plain reads back as the same string.
func TestPlainSafe(t *testing.T) {
	for _, v := range []string{"Paragraph", "sha1-f7ff9e8b7bb2e09b70935a5d785e0cc5d9d0abf0", "p-in-total-about", "h1-x_y",
		"true", "No", "null", "NaN", "Inf", "y", "1e3", "0x1F", "-", "a b", "a:b", "#x", "", "Table cell", "ü"} {
		f, err := Parse([]byte(encodeScalar("k", v, 0)))
		if err != nil {
			t.Errorf("%q: %v", v, err)
			continue
		}
		if got := f.Entries[0].Other; got != v {
			t.Errorf("%q reads back as %q", v, got)
		}
	}
}
