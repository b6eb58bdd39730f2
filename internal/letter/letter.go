// Package letter answers unicode's questions about a rune — is it a
// letter, a Latin one, what is its lower case — as package unicode does,
// with the answers for ASCII and the Cyrillic block (U+0400–U+04FF) at
// hand: the checks of a Ukrainian or Russian translation and the
// typesetter of its edition ask them for every rune, and package unicode
// searches its tables for a Cyrillic one.
package letter

import (
	"strings"
	"unicode"
)

// Is reports whether r is a letter: unicode.IsLetter(r).
func Is(r rune) bool {
	switch {
	case r < 0x80:
		return 'a' <= r|0x20 && r|0x20 <= 'z'
	case 0x400 <= r && r <= 0x4FF:
		// Letters but for ҂ (U+0482, a sign) and the combining marks
		// U+0483–U+0489.
		return r <= 0x481 || r >= 0x48A
	case 0xC0 <= r && r <= 0x24F:
		// Latin-1's letters and Latin Extended-A and -B, but for × and ÷.
		return r != 0xD7 && r != 0xF7
	}
	return unicode.IsLetter(r)
}

// IsLatin reports whether r is a letter of the Latin script:
// unicode.Is(unicode.Latin, r).
func IsLatin(r rune) bool {
	switch {
	case r < 0x80:
		return 'a' <= r|0x20 && r|0x20 <= 'z'
	case 0x400 <= r && r <= 0x4FF:
		return false
	}
	return unicode.Is(unicode.Latin, r)
}

// Lower returns the lower case of r: unicode.ToLower(r).
func Lower(r rune) rune {
	switch {
	case r < 0x80:
		if 'A' <= r && r <= 'Z' {
			return r + 0x20
		}
		return r
	case 0x410 <= r && r <= 0x42F: // А–Я
		return r + 0x20
	case 0x400 <= r && r <= 0x40F: // Ѐ–Џ
		return r + 0x50
	case 0x430 <= r && r <= 0x45F: // а–я, ѐ–џ
		return r
	}
	return unicode.ToLower(r)
}

// LowerString returns s in lower case: strings.ToLower(s), and s itself
// when no rune of it changes.
func LowerString(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return strings.Map(Lower, s)
		}
	}
	return strings.ToLower(s)
}
