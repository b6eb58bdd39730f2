package letter

import (
	"strings"
	"testing"
	"unicode"
)

// TestAsUnicode compares every answer with package unicode's, for every
// rune and a few that are not.
func TestAsUnicode(t *testing.T) {
	bad := 0
	for r := rune(-2); r <= unicode.MaxRune+2; r++ {
		if got, want := Is(r), unicode.IsLetter(r); got != want {
			t.Errorf("Is(%U) = %v, unicode.IsLetter %v", r, got, want)
			bad++
		}
		if got, want := IsLatin(r), unicode.Is(unicode.Latin, r); got != want {
			t.Errorf("IsLatin(%U) = %v, unicode.Is(Latin) %v", r, got, want)
			bad++
		}
		if got, want := Lower(r), unicode.ToLower(r); got != want {
			t.Errorf("Lower(%U) = %U, unicode.ToLower %U", r, got, want)
			bad++
		}
		if bad > 20 {
			t.Fatal("too many differences")
		}
	}
}

// BenchmarkCyrillic measures the three questions over a Ukrainian
// sentence against package unicode's answers.
func BenchmarkCyrillic(b *testing.B) {
	s := []rune("Міжнародний комітет Червоного Хреста відвідав 3 767 військовополонених у Ростовській області.")
	b.Run("letter", func(b *testing.B) {
		n := 0
		for b.Loop() {
			for _, r := range s {
				if Is(r) && !IsLatin(r) && Lower(r) == r {
					n++
				}
			}
		}
	})
	b.Run("unicode", func(b *testing.B) {
		n := 0
		for b.Loop() {
			for _, r := range s {
				if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) && unicode.ToLower(r) == r {
					n++
				}
			}
		}
	})
}

// TestLowerString compares LowerString with strings.ToLower.
func TestLowerString(t *testing.T) {
	for _, s := range []string{"", "abc", "ABC", "Київ", "КИЇВ", "київ", "ǅemal", "İstanbul", "ΣΑΣ", "a\xffB", "\xd0", "Ёлка ПОЛЕ", "straße", "ẞ"} {
		if got, want := LowerString(s), strings.ToLower(s); got != want {
			t.Errorf("LowerString(%q) = %q, strings.ToLower %q", s, got, want)
		}
	}
}

// FuzzLowerString compares LowerString with strings.ToLower on any text.
func FuzzLowerString(f *testing.F) {
	f.Add("Київ")
	f.Add("a\xffB")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := LowerString(s), strings.ToLower(s); got != want {
			t.Errorf("LowerString(%q) = %q, strings.ToLower %q", s, got, want)
		}
	})
}
