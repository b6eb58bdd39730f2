package catalog

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// aliasBomb is a YAML "billion laughs": nine levels of aliases, each
// naming the one before nine times.
func aliasBomb() string {
	var b strings.Builder
	b.WriteString(`a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]` + "\n")
	prev := "a"
	for _, name := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		b.WriteString(name + ": &" + name + " [" + strings.TrimSuffix(strings.Repeat("*"+prev+",", 9), ",") + "]\n")
		prev = name
	}
	return b.String()
}

// TestParseHostile parses hostile catalogs: each gets an *Error at its
// line, without expanding an alias or running out of stack.
func TestParseHostile(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"alias bomb", aliasBomb(), `line 1: message "a" must be a string or a mapping of go-i18n keys`},
		{"alias bomb in a message", "p-one:\n  other: Текст\n" + aliasBomb() + "p-two:\n  other: *i\n",
			`line 3: message "a" must be a string or a mapping of go-i18n keys`},
		{"alias as the text", "x: &x Текст\np-one:\n  other: *x\n", `line 3: message "p-one": the alias *x stands for another value`},
		{"alias as the message", "x: &x Текст\np-one: *x\n", `line 2: message "p-one": the alias *x stands for another value`},
		{"10,000-deep flow sequences", "p-one:\n  other: " + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + "\n",
			`line 2: message "p-one": the value of other must be a string`},
		{"10,001-deep flow sequences", "p-one:\n  other: " + strings.Repeat("[", 10001) + strings.Repeat("]", 10001) + "\n", "line 2: exceeded max depth of 10000"},
		{"10,001-deep flow mappings", "p-one:\n  other: " + strings.Repeat("{a: ", 10001) + strings.Repeat("}", 10001) + "\n", "line 2: exceeded max depth of 10000"},
		{"10,001-deep block sequences", strings.Repeat("- ", 10001) + "x\n", "line 1: exceeded max depth of 10000"},
		{"10,001-deep obsolete entry", "p-one: x\n#~ p-two:\n#~   other: " + strings.Repeat("[", 10001) + strings.Repeat("]", 10001) + "\n", "line 3: exceeded max depth of 10000"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.in))
			var ce *Error
			if !errors.As(err, &ce) || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

// TestTrailingCommentKept: a translator's comment at the end of a line
// that starts like a generated line ("#." notes, "#|" previous source,
// "#~" obsolete lines) stays the translator's through a write and a
// read, and so does a bare "#".
func TestTrailingCommentKept(t *testing.T) {
	tests := []struct{ in, want string }{
		{"p-one:\n  other: Текст #. перевірити\n", "# . перевірити"},
		{"p-one:\n  other: Текст #| було\n", "# | було"},
		{"p-one:\n  other: Текст #~ старе\n", "# ~ старе"},
		{"p-one:   #\n  other: Текст\n", "#"},
		{"p-one: {other: Текст}  #\n", "#"},
		{"p-one:\n  other: Текст # на останньому рядку", "# на останньому рядку"}, // no final line break
	}
	for _, tc := range tests {
		f, err := Parse([]byte(tc.in))
		if err != nil {
			t.Fatalf("%q: %v", tc.in, err)
		}
		g, err := Parse(f.Encode(nil, func(*Entry) []string { return []string{"en: Text"} }))
		if err != nil {
			t.Fatalf("%q: %v", tc.in, err)
		}
		if e := g.Entries[0]; len(e.Comments) != 1 || e.Comments[0] != tc.want || e.Previous != "" || len(e.Notes) != 1 || len(g.Obsolete) != 0 {
			t.Errorf("%q: comments %q, previous %q, notes %q, %d obsolete", tc.in, e.Comments, e.Previous, e.Notes, len(g.Obsolete))
		}
	}
}

// BenchmarkParseSize parses catalogs of growing size: a catalog of many
// entries, and one entry of a long text. Twice the input should take
// about twice the time.
//
//	go test -run '^$' -bench ParseSize ./pipeline/catalog
func BenchmarkParseSize(b *testing.B) {
	gens := []struct {
		name string
		gen  func(n int) []byte
	}{
		{"entries", func(n int) []byte {
			var s strings.Builder
			for i := 0; s.Len() < n; i++ {
				fmt.Fprintf(&s, "#. en: Text %d\n# a note\np-text-%d:\n  hash: sha1-0c6b\n  other: Текст %d\n\n", i, i, i)
			}
			return []byte(s.String())
		}},
		{"long-text", func(n int) []byte { return []byte("p-one:\n  other: " + strings.Repeat("слово ", n/11) + "\n") }},
		{"comments", func(n int) []byte {
			var s strings.Builder
			s.WriteString("p-one:\n  other: x\n")
			for i := 0; s.Len() < n; i++ {
				fmt.Fprintf(&s, "  # note %d\n", i)
			}
			return []byte(s.String())
		}},
	}
	for _, g := range gens {
		for _, size := range []int{256 << 10, 512 << 10, 1 << 20, 2 << 20} {
			data := g.gen(size)
			b.Run(fmt.Sprintf("%s/%dKiB", g.name, size>>10), func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				for b.Loop() {
					if _, err := Parse(data); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
