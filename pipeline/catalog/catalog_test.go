package catalog

import (
	"fmt"
	"os"
	"path/filepath"
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
		{"a: x\n#~ b:\n#~   other: [\n", "line 3:13: '[' opened here is not closed"},
		// In the obsolete section, parsed as a document of its own, the
		// lines and columns are the file's.
		{"a: x\n\n#~ b:\n#~   other: x\n#~ c: y\n#~ b:\n#~   other: y\n", `line 6: message id "b" is already defined at line 3`},
		{"a: x\n#~  c: 'x\n#~ d: y\n", "line 2:8: the quote ' opened here"},
		{"a: x\n#~ b:\n#~   other: x\n#~ c: &a x\n#~ d: *b\n", "line 5:7: *b names no anchor &b"},
		{"a: x\nb:\n  other: *c\n", "line 3:10: *c names no anchor &c"},
		// A value that a "#" turned into a comment: the hint, at the "#".
		{"a:\n  hash: sha1-1\n  other: #Текст\n", `line 3:10: message "a": other is empty: write other: "" (go-i18n rejects an empty key): "#" after a space starts a comment`},
		{"a: # Текст\n", `line 1:4: message "a": the text must be a string: quote it: "#" after a space`},
		{"a: # Текст", `line 1:4: message "a": the text must be a string: quote it: "#" after a space`}, // no final line break
		{"a:\n  id: b\n  other: x\n", `line 2: message "a": id "b" differs from its key`},
		// A live entry after "#~" lines keeps its file's line.
		{"#~ b:\n#~   other: x\na:\n  other:\n", `line 4: message "a": other is empty`},
		// A key given twice in one message: one translation would go
		// without a word (go-i18n's loader refuses the file).
		{"a:\n  other: x\n  other: y\n", `line 3: message "a": other is already given at line 2: keep one of them`},
		{"a:\n  hash: sha1-1\n  other: x\n  Hash: sha1-2\n", `line 4: message "a": Hash is already given at line 2`},
		{"a: {other: x, other: y}\n", `line 1: message "a": other is already given at line 1`},
		{"a: x\n#~ b:\n#~   other: x\n#~\n#~   other: y\n", `line 5: message "b": other is already given at line 3`},
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

// seedCatalog reads the repository's Ukrainian catalog of the seed article
// and returns it with its header lines (without "# ").
func seedCatalog(t *testing.T) (string, []string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "locales", "ngo-indifference-to-ukrainian-pows", "uk.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var header []string
	for _, l := range strings.Split(string(data), "\n") {
		if !strings.HasPrefix(l, "# ") {
			break
		}
		header = append(header, strings.TrimPrefix(l, "# "))
	}
	return string(data), header
}

// notesAsRead gives each entry the "#." lines it was read with, so that
// Encode writes the file as it was.
func notesAsRead(e *Entry) []string { return e.Notes }

// TestCommentPlacements puts a translator's comment in every place a
// translator puts one in the real Ukrainian catalog of the seed, and
// checks that parsing and writing it keeps the comment, files it where it
// belongs, changes nothing else, and that writing it again changes no
// byte.
func TestCommentPlacements(t *testing.T) {
	file, header := seedCatalog(t)
	const mark = "# NOTE by Olena"
	tests := []struct {
		name string
		edit func(s string) string
		// where the comment must be: an entry id (its Comments), "above:"
		// and an id (its Above), "header", "end", "obsolete:" and an id,
		// "obsolete-above:" and an id, "obsolete-end".
		want string
	}{
		{"after the header, a blank line apart", func(s string) string {
			return strings.Replace(s, "\n\n#. en: NGO", "\n\n"+mark+"\n\n#. en: NGO", 1)
		}, "header"},
		{"added to the header", func(s string) string {
			return strings.Replace(s, "delete its `hash:` line.\n", "delete its `hash:` line.\n"+mark+"\n", 1)
		}, "header"},
		{"section comment followed by a blank line", func(s string) string {
			return strings.Replace(s, "\n\n#. en: November 26, 2024", "\n\n"+mark+"\n\n#. en: November 26, 2024", 1)
		}, "above:p-november-26-2024"},
		{"two section blocks", func(s string) string {
			return strings.Replace(s, "\n\n#. en: November 26, 2024", "\n\n"+mark+"\n\n# --- part two ---\n\n#. en: November 26, 2024", 1)
		}, "above:p-november-26-2024"},
		{"directly above the key", func(s string) string {
			return strings.Replace(s, "\np-november-26-2024:", "\n"+mark+"\np-november-26-2024:", 1)
		}, "p-november-26-2024"},
		{"above the generated notes", func(s string) string {
			return strings.Replace(s, "\n#. en: November 26, 2024", "\n"+mark+"\n#. en: November 26, 2024", 1)
		}, "p-november-26-2024"},
		{"trailing on the key line", func(s string) string {
			return strings.Replace(s, "\np-by-anton-zemlianyi:\n", "\np-by-anton-zemlianyi:   "+mark+"\n", 1)
		}, "p-by-anton-zemlianyi"},
		{"trailing on the other line", func(s string) string {
			return strings.Replace(s, "  other: 26 листопада 2024 року\n", "  other: 26 листопада 2024 року "+mark+"\n", 1)
		}, "p-november-26-2024"},
		{"trailing on a quoted other", func(s string) string {
			return strings.Replace(s, "  other: 'Автор: [Антон Земляний](#)'\n", "  other: 'Автор: [Антон Земляний](#)'  "+mark+"\n", 1)
		}, "p-by-anton-zemlianyi"},
		{"between hash and other, indented", func(s string) string {
			return strings.Replace(s, "a93f908fb17163a5778411a47c3f4c5e1b1b6963\n", "a93f908fb17163a5778411a47c3f4c5e1b1b6963\n  "+mark+"\n", 1)
		}, "p-november-26-2024"},
		{"between hash and other, at column 0", func(s string) string {
			return strings.Replace(s, "a93f908fb17163a5778411a47c3f4c5e1b1b6963\n", "a93f908fb17163a5778411a47c3f4c5e1b1b6963\n"+mark+"\n", 1)
		}, "p-november-26-2024"},
		{"after other, indented", func(s string) string {
			return strings.Replace(s, "  other: 26 листопада 2024 року\n", "  other: 26 листопада 2024 року\n  "+mark+"\n", 1)
		}, "p-november-26-2024"},
		{"after the last entry's other, indented", func(s string) string { return s + "  " + mark + "\n" }, "p-original-url"},
		{"at the end of the file", func(s string) string { return s + "\n" + mark + "\n" }, "end"},
		{"at the end of the file, no blank line", func(s string) string { return s + mark + "\n" }, "end"},
		{"trailing on a flow-style entry", func(s string) string {
			return strings.Replace(s, "p-november-26-2024:\n  hash: sha1-a93f908fb17163a5778411a47c3f4c5e1b1b6963\n  other: 26 листопада 2024 року\n",
				"p-november-26-2024: {hash: sha1-a93f908fb17163a5778411a47c3f4c5e1b1b6963, other: 26 листопада 2024 року}  "+mark+"\n", 1)
		}, "p-november-26-2024"},
		{"trailing on a plain-string entry", func(s string) string {
			return strings.Replace(s, "p-november-26-2024:\n  hash: sha1-a93f908fb17163a5778411a47c3f4c5e1b1b6963\n  other: 26 листопада 2024 року\n",
				"p-november-26-2024: 26 листопада 2024 року "+mark+"\n", 1)
		}, "p-november-26-2024"},
		{"obsolete entry's own comment", func(s string) string {
			return s + "\n#~ " + obsoleteHeader()[0] + "\n#~ " + obsoleteHeader()[1] + "\n#~\n#~ " + mark + "\n#~ p-gone:\n#~   hash: sha1-1\n#~   other: Зникле\n"
		}, "obsolete:p-gone"},
		{"section comment among obsolete entries", func(s string) string {
			return s + "\n#~ " + obsoleteHeader()[0] + "\n#~ " + obsoleteHeader()[1] + "\n#~\n#~ p-a:\n#~   other: А\n#~\n#~ " + mark + "\n#~\n#~ p-gone:\n#~   other: Зникле\n"
		}, "obsolete-above:p-gone"},
		{"added to the obsolete section's header", func(s string) string {
			return s + "\n#~ " + obsoleteHeader()[0] + "\n#~ " + obsoleteHeader()[1] + "\n#~ " + mark + "\n#~\n#~ p-gone:\n#~   other: Зникле\n"
		}, "obsolete-above:p-gone"},
		{"after the last obsolete entry", func(s string) string {
			return s + "\n#~ " + obsoleteHeader()[0] + "\n#~ " + obsoleteHeader()[1] + "\n#~\n#~ p-gone:\n#~   other: Зникле\n#~\n#~ " + mark + "\n"
		}, "obsolete-end"},
		{"an obsolete section without entries", func(s string) string {
			return s + "\n#~ " + obsoleteHeader()[0] + "\n#~ " + obsoleteHeader()[1] + "\n#~\n#~ " + mark + "\n"
		}, "obsolete-end"},
		{"an obsolete section without entries, in its header", func(s string) string {
			return s + "\n#~ " + obsoleteHeader()[0] + "\n#~ " + obsoleteHeader()[1] + "\n#~ " + mark + "\n"
		}, "obsolete-end"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.edit(file)
			if in == file {
				t.Fatal("the edit changed nothing")
			}
			f, err := Parse([]byte(in))
			if err != nil {
				t.Fatal(err)
			}
			if got := placeOf(f, mark); got != tc.want {
				t.Errorf("the comment is at %q, want %q", got, tc.want)
			}
			if n := len(f.Entries); n != 22 {
				t.Errorf("%d entries, want 22", n)
			}
			out := f.Encode(header, notesAsRead)
			if strings.Count(string(out), mark) != 1 {
				t.Fatalf("the comment is written %d times:\n%s", strings.Count(string(out), mark), out)
			}
			g, err := Parse(out)
			if err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			if got := placeOf(g, mark); got != tc.want {
				t.Errorf("written and read again, the comment is at %q, want %q", got, tc.want)
			}
			if again := g.Encode(header, notesAsRead); string(again) != string(out) {
				t.Errorf("a second write changes the file:\n%s", lineDiff(string(out), string(again)))
			}
			// Without the comment, the entries are those of the seed.
			orig, _ := Parse([]byte(file))
			for i, e := range g.Entries {
				o := orig.Entries[i]
				if e.ID != o.ID || e.Other != o.Other || e.Hash != o.Hash && strings.Contains(in, o.Hash) || strings.Join(e.Notes, "\n") != strings.Join(o.Notes, "\n") {
					t.Errorf("entry %d: %+v, the seed has %+v", i, e, o)
				}
			}
			// The placements written where the translator put them
			// (not moved above a key) come out byte for byte.
			if tc.want == "header" || strings.HasPrefix(tc.want, "above:") || tc.want == "end" && strings.HasSuffix(in, "\n\n"+mark+"\n") {
				if string(out) != in {
					t.Errorf("the file changed:\n%s", lineDiff(in, string(out)))
				}
			}
		})
	}
}

// placeOf says where a comment line is in a parsed catalog.
func placeOf(f *File, c string) string {
	for _, l := range f.Header {
		if l == c {
			return "header"
		}
	}
	for _, l := range f.End {
		if l == c {
			return "end"
		}
	}
	for _, l := range f.ObsoleteEnd {
		if l == c {
			return "obsolete-end"
		}
	}
	for _, set := range []struct {
		prefix  string
		entries []*Entry
	}{{"", f.Entries}, {"obsolete:", f.Obsolete}} {
		for _, e := range set.entries {
			for _, l := range e.Comments {
				if l == c {
					return set.prefix + e.ID
				}
			}
			for _, l := range e.Above {
				if l == c {
					if set.prefix == "" {
						return "above:" + e.ID
					}
					return "obsolete-above:" + e.ID
				}
			}
		}
	}
	return "nowhere"
}

// lineDiff shows the first line where two texts differ.
func lineDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("line %d: %q\n     vs %q", i+1, x, y)
		}
	}
	return "(same)"
}

// TestCommentLikeText checks that lines of a multi-line string that start
// with "#" are text, not comments.
func TestCommentLikeText(t *testing.T) {
	in := "a:\n  hash: sha1-1\n  other: |-\n    first\n    # not a comment\n  # a comment\nb:\n  other: \"one\n    # also text\n    two\"\nc: {other: \"ü\", hash: x}  # flow\n"
	f, err := Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if a := f.Entries[0]; a.Other != "first\n# not a comment" || strings.Join(a.Comments, "|") != "# a comment" {
		t.Errorf("a: %q %q", a.Other, a.Comments)
	}
	if b := f.Entries[1]; b.Other != "one # also text two" || len(b.Comments) != 0 {
		t.Errorf("b: %q %q", b.Other, b.Comments)
	}
	if c := f.Entries[2]; strings.Join(c.Comments, "|") != "# flow" {
		t.Errorf("c: %q", c.Comments)
	}
}

// TestPluralForms reads every plural form go-i18n knows (CLDR's zero,
// one, two, few, many and other), in block style (the fast reader) and
// in flow style (yaml.v3), and writes them back in CLDR's order (other
// in the style it was read in).
func TestPluralForms(t *testing.T) {
	for _, in := range []string{
		"a:\n  zero: '0'\n  one: '1'\n  two: '2'\n  few: '3'\n  many: '4'\n  other: '5'\n",
		"a: {other: '5', many: '4', few: '3', two: '2', one: '1', zero: '0'}\n",
	} {
		f, err := Parse([]byte(in))
		if err != nil {
			t.Fatalf("%q: %v", in, err)
		}
		e := f.Entries[0]
		want := map[string]string{"zero": "0", "one": "1", "two": "2", "few": "3", "many": "4"}
		if e.Other != "5" || fmt.Sprint(e.Plural) != fmt.Sprint(want) {
			t.Errorf("%q: other %q, plural %v", in, e.Other, e.Plural)
		}
		if got := string(f.Encode(nil, nil)); got != "a:\n  zero: \"0\"\n  one: \"1\"\n  two: \"2\"\n  few: \"3\"\n  many: \"4\"\n  other: '5'\n" {
			t.Errorf("%q written as\n%s", in, got)
		}
	}
}

// TestHeaderOfHandWrittenCatalog: a catalog written by hand, without the
// generated header, keeps a translator's comments on its first lines,
// indented or not, as its header.
func TestHeaderOfHandWrittenCatalog(t *testing.T) {
	if f, err := Parse([]byte("# Olena's catalog\n")); err != nil || placeOf(f, "# Olena's catalog") != "header" {
		t.Errorf("a catalog of one comment: %+v, %v", f, err)
	}
	for _, in := range []string{
		"# Olena's catalog\n\na:\n  other: x\n",
		"  # Olena's catalog\n\na:\n  other: x\n",
		"# Olena's catalog\n\na: {other: x}\n",
	} {
		f, err := Parse([]byte(in))
		if err != nil {
			t.Fatalf("%q: %v", in, err)
		}
		if got := placeOf(f, "# Olena's catalog"); got != "header" {
			t.Errorf("%q: the comment is at %q", in, got)
		}
		if out := string(f.Encode(nil, nil)); !strings.HasPrefix(out, "# Olena's catalog\n\na:\n") {
			t.Errorf("%q written as\n%s", in, out)
		}
	}
}

// TestPreviousAsWritten reads the "#|" lines of an entry: Encode's "#| en:
// " before the first goes, anything else stays as written.
func TestPreviousAsWritten(t *testing.T) {
	tests := []struct{ in, want string }{
		{"#| en: old text\na:\n  other: x\n", "old text"},
		{"#| old text\na:\n  other: x\n", "old text"},
		{"#| english: old\na:\n  other: x\n", "english: old"},
		{"#| en:\n#| second\na:\n  other: x\n", "\nsecond"},
		{"#| en: one\n#| two\na:\n  other: x\n", "one\ntwo"},
	}
	for _, tc := range tests {
		f, err := Parse([]byte(tc.in))
		if err != nil {
			t.Fatalf("%q: %v", tc.in, err)
		}
		if got := f.Entries[0].Previous; got != tc.want {
			t.Errorf("%q: previous %q, want %q", tc.in, got, tc.want)
		}
	}
}
