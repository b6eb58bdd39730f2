package edition

import (
	"strings"
	"testing"
)

// clipByRunes is clip as it reads s: as []rune throughout.
func clipByRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := strings.TrimRight(string(r[:n]), " ")
	if i := strings.LastIndexByte(cut, ' '); i > 0 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:—–-") + "…"
}

// FuzzDescription holds the page's description, made of a paragraph
// without strings.Fields' slices and cut without a []rune copy, to those
// readings: oneLine to strings.Join(strings.Fields(s), " "), atLeastWords
// to the count of strings.Fields, clip to clipByRunes, on any text
// (invalid UTF-8 and Unicode's spaces too) at any length.
func FuzzDescription(f *testing.F) {
	for _, s := range []string{"", " ", "one", "  two  words ", "a\tb\nc\u00a0d\u2028e\u3000f", "Київ — учасники переговорів, не дійшли",
		strings.Repeat("слово, ", 40), "\xff\xfe \xd0 x", "x\u0085y", strings.Repeat("a ", 30) + "\xffb"} {
		f.Add(s, 5)
	}
	f.Fuzz(func(t *testing.T, s string, n int) {
		n = min(max(n, 0), 300)
		if got, want := oneLine(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Fatalf("oneLine(%q) = %q, want %q", s, got, want)
		}
		for _, k := range []int{0, 1, n, descriptionWords} {
			if got, want := atLeastWords(s, k), len(strings.Fields(s)) >= k; got != want {
				t.Fatalf("atLeastWords(%q, %d) = %v, want %v", s, k, got, want)
			}
		}
		for _, k := range []int{0, 1, n, 200} {
			if got, want := clip(s, k), clipByRunes(s, k); got != want {
				t.Fatalf("clip(%q, %d) = %q, want %q", s, k, got, want)
			}
		}
	})
}
