package glossary

import (
	"math"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"

	"github.com/l10n-dev/l10n/internal/letter"
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
	case r >= 0xc0 && r <= 0x24f: // Latin-1's letters, Latin Extended-A and -B
		return r != 0xd7 && r != 0xf7 // but × and ÷
	}
	return letter.Is(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
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
	out := make([]span, 0, len(s)/8+1) // a word and a space are about 8 bytes in news text
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
// it separates words. Package tm cuts prose into words with it; Split
// finds the same words in its own pass.
func WordAt(s string, i int) int {
	start := i
	for i < len(s) {
		r, n := decode(s, i)
		if !isWordRune(r) {
			if !isApostrophe(r) || i == start {
				break
			}
			// Inside a word when letters are on both sides.
			next, _ := utf8.DecodeRuneInString(s[i+n:])
			prev, _ := utf8.DecodeLastRuneInString(s[:i])
			if !letter.Is(next) || !letter.Is(prev) {
				break
			}
		}
		i += n
	}
	return i
}

// decode is utf8.DecodeRuneInString(s[i:]) with the two-byte sequences
// (Latin-1 and Latin Extended, Greek, Cyrillic) decoded inline.
func decode(s string, i int) (rune, int) {
	c := s[i]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	if c >= 0xc2 && c < 0xe0 && i+1 < len(s) && s[i+1]&0xc0 == 0x80 {
		return rune(c&0x1f)<<6 | rune(s[i+1]&0x3f), 2
	}
	return utf8.DecodeRuneInString(s[i:])
}

// Key returns the form a word of lang is compared in: Split's
// case-folded form of it (NFC, lang's apostrophe, ё as е in Russian, no
// soft hyphens, case-folded).
func (l Lang) Key(w string) string {
	if lower, ok := foldSimple(w); ok {
		return l.normWord(lower)
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
	// A simple text whose words normWord leaves as they are: the text,
	// its folding (byte for byte in place) and where each word is in
	// both. No string per word is made.
	text, lower string
	spans       []wordSpan
	// Any other text (strs set): each word and its folding.
	strs bool
	norm []string // NFC, canonical apostrophes, ё as е (ru)
	fold []string // norm, case-folded with cases.Fold
	// lo holds lower's bytes, and spans' array stays with it, for the
	// next Split once Release gives them back.
	lo []byte
}

// spares are Words that Release gave back, their buffers kept for the
// next Split of a simple text: a check splits a text or two for each
// unit, and each split's folding and words were garbage at once.
var spares sync.Pool

// Release gives w's buffers back for a later Split to reuse: neither w
// nor the words it matched may be used after (the texts of Hits, which
// are copies or parts of the text split, may).
func (w *Words) Release() {
	*w = Words{lo: w.lo[:0], spans: w.spans[:0]}
	spares.Put(w)
}

// spare returns Words to fill: one Release gave back, or a new one.
func spare() *Words {
	if w, ok := spares.Get().(*Words); ok {
		return w
	}
	return &Words{}
}

// wordSpan is where a word is in a simple text.
type wordSpan struct{ start, end uint32 }

// normAt returns word k, normalised.
func (w *Words) normAt(k int) string {
	if w.strs {
		return w.norm[k]
	}
	sp := w.spans[k]
	return w.text[sp.start:sp.end]
}

// foldAt returns word k, normalised and case-folded.
func (w *Words) foldAt(k int) string {
	if w.strs {
		return w.fold[k]
	}
	sp := w.spans[k]
	return w.lower[sp.start:sp.end]
}

// Split splits a text written in lang into words: NFC-normalised, with
// lang's apostrophe and ё rules applied, and case-folded.
func Split(text string, lang Lang) *Words {
	if strings.ContainsRune(text, '\u00ad') {
		text = strings.ReplaceAll(text, "\u00ad", "")
	}
	if w, ok := splitSimple(text, lang); ok {
		return w
	}
	return splitWords(text, lang)
}

// splitWords is Split of a text without soft hyphens through x/text's
// tables: NFC, then each word case-folded.
func splitWords(text string, lang Lang) *Words {
	text = norm.NFC.String(text)
	spans := split(text)
	w := &Words{lang: lang, strs: true, norm: make([]string, len(spans)), fold: make([]string, len(spans))}
	c := cases.Fold()
	for i, sp := range spans {
		w.norm[i] = lang.normWord(text[sp.start:sp.end])
		w.fold[i] = c.String(w.norm[i])
	}
	return w
}

// splitSimple is Split of a text without soft hyphens when the text is
// simple (see foldSimple), in one pass that folds it and finds its words
// as WordAt does; ok is false for any other text. A word and its folding
// are spans of the text and its folding, unless normWord changes a word
// (an apostrophe that is not lang's, ё in Russian): then each word is a
// string of its own.
func splitSimple(text string, lang Lang) (w *Words, ok bool) {
	if len(text) > math.MaxUint32 {
		return nil, false
	}
	twoByte := twoBytes()
	w = spare()
	lo := w.lo // the folding: as long as the text (see simpleFold)
	if cap(lo) < len(text) {
		lo = make([]byte, 0, len(text))
	}
	spans := w.spans
	if cap(spans) < len(text)/8+1 {
		spans = make([]wordSpan, 0, len(text)/8+1) // a word and a space are about 8 bytes in news text
	}
	start := -1 // of the word the scan is in
	plain, changed := true, false
	var prev rune
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf && c != '\'' {
			// ASCII but the apostrophe: what the cases below do, in short.
			in := 'a' <= c && c <= 'z' || '0' <= c && c <= '9'
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
				in = true
			}
			lo = append(lo, c)
			switch {
			case in && start < 0:
				start, plain = i, true
			case !in && start >= 0:
				spans = append(spans, wordSpan{start: uint32(start), end: uint32(i)})
				changed = changed || !plain && lang.normWord(text[start:i]) != text[start:i]
				start = -1
			}
			prev = rune(text[i])
			i++
			continue
		}
		if c := text[i]; c >= 0xc2 && c < 0xe0 && i+1 < len(text) && text[i+1]&0xc0 == 0x80 {
			// A two-byte rune (Cyrillic, accented Latin): what the
			// cases below do, from the table, for all but a few. (The
			// word's edges are written out in each path: one closure
			// for them made Split some 75% slower.)
			r := rune(c&0x1f)<<6 | rune(text[i+1]&0x3f)
			if t := twoByte[r-0x80]; t&twoSlow == 0 {
				f := t & twoFold
				lo = append(lo, byte(0xc0|f>>6), byte(0x80|f&0x3f))
				switch in := t&twoWord != 0; {
				case in && start < 0:
					start, plain = i, true
				case !in && start >= 0:
					spans = append(spans, wordSpan{start: uint32(start), end: uint32(i)})
					changed = changed || !plain && lang.normWord(text[start:i]) != text[start:i]
					start = -1
				}
				prev = r
				i += 2
				continue
			}
		}
		r, n := decode(text, i)
		f, ok := foldRune(r)
		switch {
		case !ok:
			w.Release()
			return nil, false
		case n == 1:
			lo = append(lo, byte(f))
		case n == 2:
			// f is as long as r (see simpleFold).
			lo = append(lo, byte(0xc0|f>>6), byte(0x80|f&0x3f))
		default:
			lo = utf8.AppendRune(lo, f)
		}
		in := isWordRune(r)
		if !in && start >= 0 && isApostrophe(r) {
			// Inside a word when letters are on both sides.
			next, _ := utf8.DecodeRuneInString(text[i+n:])
			in = letter.Is(next) && letter.Is(prev)
		}
		switch {
		case in && start < 0:
			start, plain = i, true
		case !in && start >= 0:
			spans = append(spans, wordSpan{start: uint32(start), end: uint32(i)})
			changed = changed || !plain && lang.normWord(text[start:i]) != text[start:i]
			start = -1
		}
		if in && (r == '\'' || r >= 0x2bc && (isApostrophe(r) || r == '\u0301' || r == 'ё' || r == 'Ё')) {
			plain = false
		}
		prev = r
		i += n
	}
	if start >= 0 {
		spans = append(spans, wordSpan{start: uint32(start), end: uint32(len(text))})
		changed = changed || !plain && lang.normWord(text[start:]) != text[start:]
	}
	lower := unsafe.String(unsafe.SliceData(lo), len(lo)) // lo is not written again until Release
	if !changed {
		*w = Words{lang: lang, text: text, lower: lower, spans: spans, lo: lo}
		return w, true
	}
	*w = Words{lang: lang, strs: true, norm: make([]string, len(spans)), fold: make([]string, len(spans)), spans: spans[:0], lo: lo}
	for i, sp := range spans {
		word := text[sp.start:sp.end]
		w.norm[i] = lang.normWord(word)
		// Folding makes no rune normWord changes, so a word it left as
		// it was folds to a word it leaves as it is.
		w.fold[i] = lower[sp.start:sp.end]
		if w.norm[i] != word {
			w.fold[i] = lang.normWord(w.fold[i])
		}
	}
	return w, true
}

// twoBytes returns the table of each rune of two bytes in UTF-8
// (U+0080–U+07FF, at r−0x80): what splitSimple does with it, its folding
// (twoFold), whether it is a word's (twoWord), and twoSlow for a rune the
// table does not answer for: one foldRune refuses or folds to another
// length, an apostrophe (a word's only between letters), and the runes
// that make a word one normWord changes (a stress mark, ё and Ё). The
// table is generated (twobytes_gen.go, from makeTwoBytes): made as a
// program runs, it cost the first Split x/text's answers for the first
// eight blocks of simpleFold, half a megabyte and 1–2 ms, which was some
// 5% of a check after one article changed.
func twoBytes() *[0x800 - 0x80]rune { return &twoByteTable }

// makeTwoBytes makes twoBytes' table from foldRune and isWordRune;
// TestTwoBytesGenerated checks that twobytes_gen.go holds it.
func makeTwoBytes() *[0x800 - 0x80]rune {
	t := new([0x800 - 0x80]rune)
	for r := rune(0x80); r < 0x800; r++ {
		f, ok := foldRune(r)
		e := f & twoFold
		switch {
		case !ok || f < 0x80 || f >= 0x800, isApostrophe(r), r == '\u0301', r == 'ё', r == 'Ё':
			e = twoSlow
		case isWordRune(r):
			e |= twoWord
		}
		t[r-0x80] = e
	}
	return t
}

// The parts of an entry of twoBytes' table.
const (
	twoFold = 0xffff
	twoWord = 1 << 16
	twoSlow = 1 << 17
)

// Len returns the number of words.
func (w *Words) Len() int {
	if w.strs {
		return len(w.norm)
	}
	return len(w.spans)
}

// Word returns the i-th word, normalised but not case-folded.
func (w *Words) Word(i int) string { return w.normAt(i) }

// allLetters reports whether s holds only letters and apostrophes (what a
// pattern's "*" may stand for).
func allLetters(s string) bool {
	for _, r := range s {
		if !letter.Is(r) && !unicode.Is(unicode.Mn, r) && !isApostrophe(r) {
			return false
		}
	}
	return true
}

// foldSimple returns the case folding of s (as cases.Fold folds it) when
// s is simple: every rune is simple (see foldRune), so s is in NFC as it
// stands and its folding keeps every byte offset. Most news text is
// simple, and skipping the NFC and folding tables for it makes matching
// several times faster; TestSimpleRunes and TestSplitSimple check the
// claim against x/text.
func foldSimple(s string) (string, bool) {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
			i++
			continue
		}
		r, n := decode(s, i)
		f, ok := foldRune(r)
		switch {
		case !ok:
			return "", false
		case n == 2:
			// f is as long as r (see simpleFold).
			b.WriteByte(byte(0xc0 | f>>6))
			b.WriteByte(byte(0x80 | f&0x3f))
		default:
			b.WriteRune(f)
		}
		i += n
	}
	return b.String(), true
}

// foldRune returns the case folding of r and true when r is simple: ASCII,
// Latin-1, the basic Cyrillic letters, the modifier apostrophe and general
// punctuation by a switch, any rune below simpleLimit by simpleFold.
func foldRune(r rune) (rune, bool) {
	switch {
	case r < 0x80:
		if r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r, true
	case r >= 0x410 && r <= 0x42f: // А–Я
		return r + 0x20, true
	case r >= 0x430 && r <= 0x45f: // а–џ
		return r, true
	case r >= 0x400 && r <= 0x40f: // Ѐ–Џ
		return r + 0x50, true
	case r >= 0xc0 && r <= 0xde && r != 0xd7: // À–Þ but ×
		return r + 0x20, true
	case r >= 0xe0 && r <= 0xff, r >= 0x2002 && r <= 0x206f, r == 0x2bc, r == 0xab, r == 0xbb, r == 0xa0:
		return r, true
	case r >= 0 && r < simpleLimit:
		f := simpleFold(r)
		return f, f >= 0
	}
	return r, false
}

// simpleLimit bounds the runes simpleFold covers: the alphabetic scripts,
// symbols and punctuation below the CJK blocks.
const simpleLimit = 0x3000

// simpleFold returns the case folding of a rune below simpleLimit when
// the rune is simple, -1 when it is not. A rune is simple when it is in
// NFC alone, has combining class 0 and combines with no rune before it
// (so any sequence of such runes is in NFC: the quick check of UAX #15),
// and folds to one rune of the same length in UTF-8. The answers come
// from x/text, a block of foldBlock runes at a time, made when a text
// first holds a rune of the block outside foldRune's switch (accented
// Latin, Greek, extended Cyrillic, the pseudo-locale's letters): a run
// pays for the blocks its texts use.
func simpleFold(r rune) rune {
	b := &simpleFolds[r/foldBlock]
	t := b.Load()
	if t == nil {
		t = foldsOf(r / foldBlock * foldBlock)
		b.Store(t)
	}
	return t[r%foldBlock]
}

// foldBlock is how many runes simpleFold answers for at once.
const foldBlock = 256

// simpleFolds are the blocks simpleFold has made (two goroutines may
// make one at once: they make the same).
var simpleFolds [simpleLimit / foldBlock]atomic.Pointer[[foldBlock]rune]

// foldsOf makes the block of simpleFold's answers from rune lo.
func foldsOf(lo rune) *[foldBlock]rune {
	fold := cases.Fold()
	t := new([foldBlock]rune)
	for i := range t {
		r := lo + rune(i)
		t[i] = -1
		s := string(r)
		if !utf8.ValidRune(r) || !norm.NFC.IsNormalString(s) {
			continue
		}
		if p := norm.NFC.PropertiesString(s); p.CCC() != 0 || !p.BoundaryBefore() {
			continue
		}
		f := fold.String(s)
		fr, n := utf8.DecodeRuneInString(f)
		if n != len(f) || n != len(s) || fr == utf8.RuneError {
			continue
		}
		t[i] = fr
	}
	return t
}
