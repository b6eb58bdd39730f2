package glossary

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// Lang is the base language a text or a pattern is written in. It decides
// how words are normalised: Ukrainian treats the apostrophes ' ’ ʼ as one
// letter, Russian reads ё as е.
type Lang string

// LangOf returns the base language of a locale: "uk" for uk and uk-UA, ""
// when the locale does not parse.
func LangOf(locale string) Lang {
	t, err := language.Parse(locale)
	if err != nil {
		return ""
	}
	b, _ := t.Base()
	return Lang(b.String())
}

// apostrophe returns the form every apostrophe of a word takes in lang.
func (l Lang) apostrophe() rune {
	if l == "uk" {
		return 'ʼ' // U+02BC, the Ukrainian letter apostrophe
	}
	return '\''
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

// isWordRune reports whether r belongs to a word: a letter, a digit or a
// combining mark. Apostrophes belong to a word only between letters.
func isWordRune(r rune) bool {
	switch {
	case r < 0x80:
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	case r >= 0x410 && r <= 0x44f: // А–я
		return true
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// span is the byte range of a word in a normalised text, and whether a
// "*" follows it (in a pattern).
type span struct {
	start, end int
	star       bool
}

// split returns the words of s, which must be NFC. Hyphens, punctuation
// and spaces separate words; an apostrophe between two letters is part of
// the word.
func split(s string) []span {
	var out []span
	for i := 0; i < len(s); {
		end := WordAt(s, i)
		if end == i {
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
			continue
		}
		r, n := utf8.DecodeRuneInString(s[end:])
		star := r == '*' || r == '+' && !strings.HasPrefix(s[end+n:], "+")
		out = append(out, span{start: i, end: end, star: star})
		i = end
	}
	return out
}

// WordAt returns the end of the word that starts at byte i of s, or i
// when none does. A word is a run of letters, digits and combining marks
// with apostrophes between letters (ukraine's, з'їзд); what else stops
// it separates words. Package tm cuts prose into words with it.
func WordAt(s string, i int) int {
	start := i
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			if !isApostrophe(r) || i == start {
				break
			}
			// Inside a word when letters are on both sides.
			next, _ := utf8.DecodeRuneInString(s[i+n:])
			prev, _ := utf8.DecodeLastRuneInString(s[:i])
			if !unicode.IsLetter(next) || !unicode.IsLetter(prev) {
				break
			}
		}
		i += n
	}
	return i
}

// Key returns the form a word of lang is compared in: Split's
// case-folded form of it (NFC, lang's apostrophe, ё as е in Russian, no
// soft hyphens, case-folded).
func (l Lang) Key(w string) string {
	if simple(w) {
		return l.normWord(lowerSimple(w))
	}
	return cases.Fold().String(l.normWord(norm.NFC.String(w)))
}

// normWord returns a word in its canonical form for lang: one apostrophe,
// ё as е in Russian, no soft hyphens or stress marks.
func (l Lang) normWord(w string) string {
	clean := true
	for _, r := range w {
		if isApostrophe(r) && r != l.apostrophe() || r == '\u00ad' || r == '\u0301' || l == "ru" && (r == 'ё' || r == 'Ё') {
			clean = false
			break
		}
	}
	if clean {
		return w
	}
	var b strings.Builder
	for _, r := range w {
		switch {
		case isApostrophe(r):
			b.WriteRune(l.apostrophe())
		case r == '\u00ad' || r == '\u0301' && (l == "uk" || l == "ru"):
		case l == "ru" && r == 'ё':
			b.WriteRune('е')
		case l == "ru" && r == 'Ё':
			b.WriteRune('Е')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Words is a text split into normalised words for matching. Make one per
// text with Split; the zero value holds no words.
type Words struct {
	lang Lang
	norm []string // NFC, canonical apostrophes, ё as е (ru)
	fold []string // norm, case-folded with cases.Fold
}

// Split splits a text written in lang into words: NFC-normalised, with
// lang's apostrophe and ё rules applied, and case-folded.
func Split(text string, lang Lang) *Words {
	if strings.ContainsRune(text, '\u00ad') {
		text = strings.ReplaceAll(text, "\u00ad", "")
	}
	fast := simple(text)
	if !fast {
		text = norm.NFC.String(text)
	}
	spans := split(text)
	w := &Words{lang: lang, norm: make([]string, len(spans)), fold: make([]string, len(spans))}
	var lower string
	if fast {
		// Lower-casing simple text keeps every byte offset.
		lower = lowerSimple(text)
	}
	var c cases.Caser
	if !fast {
		c = cases.Fold()
	}
	for i, sp := range spans {
		w.norm[i] = lang.normWord(text[sp.start:sp.end])
		if fast {
			w.fold[i] = lang.normWord(lower[sp.start:sp.end])
		} else {
			w.fold[i] = c.String(w.norm[i])
		}
	}
	return w
}

// Len returns the number of words.
func (w *Words) Len() int { return len(w.norm) }

// Word returns the i-th word, normalised but not case-folded.
func (w *Words) Word(i int) string { return w.norm[i] }

// allLetters reports whether s holds only letters and apostrophes (what a
// pattern's "*" may stand for).
func allLetters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) && !isApostrophe(r) {
			return false
		}
	}
	return true
}

// simple reports whether s holds only runes that are in NFC whatever
// follows them and whose case folding (cases.Fold) is their simple
// lower-case mapping: ASCII, Latin-1, the basic Cyrillic letters, the
// modifier apostrophe and general punctuation. Most news text is simple,
// and skipping the NFC and folding tables for it makes matching several
// times faster; TestSimpleRunes checks the claim against x/text.
func simple(s string) bool {
	for _, r := range s {
		if !simpleRune(r) {
			return false
		}
	}
	return true
}

func simpleRune(r rune) bool {
	switch {
	case r < 0xb5: // before MICRO SIGN, which folds to μ
		return true
	case r >= 0xc0 && r <= 0xff && r != 0xdf: // Latin-1 letters but ß (folds to ss)
		return true
	case r >= 0x400 && r <= 0x45f: // basic Cyrillic: Ѐ–џ
		return true
	case r == 0x2bc || r == 0xab || r == 0xbb || r == 0xa0: // ʼ « » NBSP
		return true
	case r >= 0x2002 && r <= 0x206f: // general punctuation but two singletons
		return true
	}
	return false
}

// lowerSimple lower-cases a simple text (see simple) rune by rune, as
// strings.ToLower would, without its table lookups.
func lowerSimple(s string) string {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
		case r >= 0x410 && r <= 0x42f: // А–Я
			r += 0x20
		case r >= 0x400 && r <= 0x40f: // Ѐ–Џ
			r += 0x50
		case r >= 0xc0 && r <= 0xde && r != 0xd7: // À–Þ but ×
			r += 0x20
		}
		b = utf8.AppendRune(b, r)
	}
	return string(b)
}
