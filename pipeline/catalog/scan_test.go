package catalog

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// fastRune reports whether the fast reader handles a character of a
// line: what scanLines finds byte by byte, said of runes.
func fastRune(r rune) bool {
	switch {
	case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0:
		return false // control characters, tab and carriage return among them; NEL
	case r == 0x2028 || r == 0x2029 || r == 0xfeff || r == 0xfffe || r == 0xffff:
		return false
	}
	return true
}

// checkScan fails unless scanLines reads s as the standard library and
// fastRune do: valid as utf8.Valid, the lines of strings.Split, fast when
// every character but the line breaks is fastRune's.
func checkScan(t *testing.T, s string) {
	t.Helper()
	lines, valid, fast := scanLines(s)
	if want := utf8.ValidString(s); valid != want {
		t.Fatalf("scanLines(%q): valid %v, utf8.ValidString %v", s, valid, want)
	}
	if !valid {
		return
	}
	want := true
	for _, r := range s {
		if r != '\n' && !fastRune(r) {
			want = false
		}
	}
	if fast != want {
		t.Fatalf("scanLines(%q): fast %v, want %v", s, fast, want)
	}
	if split := strings.Split(s, "\n"); strings.Join(lines, "\x00") != strings.Join(split, "\x00") || len(lines) != len(split) {
		t.Fatalf("scanLines(%q): lines %q, want %q", s, lines, split)
	}
}

// scanSeeds are texts at the edges of scanLines: every kind of character
// it treats apart, at the start, inside and at the end of the eight bytes
// it reads at once, and UTF-8 cut short or malformed.
var scanSeeds = []string{
	"", "\n", "a", "a\n", "\n\n", "abcdefgh", "abcdefghi\njklmnopq\n", "abcdefg\n", "abcdefgh\n",
	"tab\there", "cr\r\n", "abcdefg\x7f", "\x7fabcdefgh", "abcdefgh\x1f", "\x00", "abcdefghijklmno\x01",
	"Загалом близько 3 767 українських", "«Ахмат» — ʼ ’", "a\u00a0b", "nel\u0085", "c1\u0080", "\u009f",
	"ls\u2028", "ps\u2029", "\ufeffbom", "\ufffe", "\uffff", "\ufffd", "😀 emoji", "\U0010ffff",
	"\xff", "\xc0\x80", "\xc1\xbf", "\xc2", "\xc2\x41", "\xe0\x80\x80", "\xe0\x9f\xbf", "\xed\xa0\x80",
	"\xed\x9f\xbf", "\xe2\x80", "\xef\xbb", "\xf0\x80\x80\x80", "\xf0\x8f\xbf\xbf", "\xf4\x90\x80\x80",
	"\xf4\x8f\xbf\xbf", "\xf5\x80\x80\x80", "\xf0\x9f\x98", "abcdefg\xd0", "abcdefgh\x80", "\x80abcdefgh",
}

func TestScanLines(t *testing.T) {
	for _, s := range scanSeeds {
		checkScan(t, s)
		checkScan(t, "0123456"+s+"0123456789")
	}
	for name, s := range map[string]string{"sample": sample, "obsolete": "#~ a:\n#~   other: x\n"} {
		if _, valid, fast := scanLines(s); !valid || !fast {
			t.Errorf("%s: valid %v, fast %v", name, valid, fast)
		}
	}
}

// FuzzScanLines checks scanLines against utf8.ValidString, strings.Split
// and fastRune on any text.
func FuzzScanLines(f *testing.F) {
	for _, s := range scanSeeds {
		f.Add(s)
	}
	f.Add(sample)
	f.Fuzz(checkScan)
}

// checkQuiet fails unless analyzeRunes finds a value quiet reports as
// quiet one that every style may write.
func checkQuiet(t *testing.T, v string) {
	t.Helper()
	if !quiet(v) {
		return
	}
	if a, ok := analyzeRunes(v); !ok || a != (scalarStyles{plain: true, single: true, block: true}) {
		t.Fatalf("quiet(%q), but analyzeRunes finds %+v, %v", v, a, ok)
	}
}

// quietSeeds are values at the edges of quiet.
var quietSeeds = []string{
	"x", "Paragraph", "sha1-f7ff9e8b7bb2e09b70935a5d785e0cc5d9d0abf0", "p-in-total-about", "a b", "a:b", "a: b", "a:",
	"a#b", "a #b", "#a", "-a", "- a", "?a", "? a", ".5", "...", "---", "'q'", "\"q\"", "a\tb", "a\nb", "a ", " a",
	"26 листопада 2024 року", "«Ахмат» — ʼ’", "⟦Ĥééááţ⟧", "a\u00a0b", "nel\u0085", "c1\u0080", "ls\u2028", "ps\u2029",
	"bom\ufeff", "\ufffe", "\uffff", "\ufffd", "emoji 😀", "bad \xff", "cut \xd0", "cut \xe2\x80", "surrogate \xed\xa0\x80",
	"over \xe0\x80\x80", "https://example.com/a#b", "[x](https://example.com)", "10:30", "a\x7f",
}

func TestQuiet(t *testing.T) {
	n := 0
	for _, v := range quietSeeds {
		checkQuiet(t, v)
		if quiet(v) {
			n++
		}
	}
	for _, v := range []string{"Paragraph", "26 листопада 2024 року", "⟦Ĥééááţ⟧", "See [x](https://example.com).", "a#b", "10:30"} {
		if !quiet(v) {
			t.Errorf("quiet(%q) = false", v)
		}
	}
	t.Logf("%d of the values are quiet", n)
}

// FuzzQuiet checks quiet against analyzeRunes on any value.
func FuzzQuiet(f *testing.F) {
	for _, v := range quietSeeds {
		f.Add(v)
	}
	f.Fuzz(checkQuiet)
}
