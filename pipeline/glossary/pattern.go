package glossary

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"github.com/l10n-dev/l10n/internal/letter"
)

// Pattern is a compiled glossary form: words matched one by one against
// consecutive words of a text. A word written with a trailing "*" matches
// any word that starts with it and goes on with letters only (a case
// ending); with a trailing "+", only with one of the language's
// inflection endings (see Endings), so that Землян+ finds Земляного but
// not the Russian-looking Земляной. In Ukrainian a stem that ends in к, г
// or х also matches its alternation ц, з, с before і (Оленівк* finds
// Оленівці). A word in parentheses, (війн*), is optional. The
// conjunctions і, й and та (Ukrainian) stand for one another. A pattern
// written entirely in capitals (an abbreviation such as МКЧХ or ICRC) is
// case-sensitive; any other is matched case-insensitively.
type Pattern struct {
	// Text is the pattern as the glossary writes it.
	Text string
	// CaseSensitive is set for patterns written entirely in capitals.
	CaseSensitive bool
	words         []patWord
	lang          Lang
}

type patWord struct {
	s        string // normalised; case-folded unless the pattern is case-sensitive
	alt      string // s's Ukrainian alternation before і (Оленівц for Оленівк*), or ""
	prefix   bool   // written with a trailing "*" or "+"
	inflect  bool   // written with a trailing "+": the rest is an inflection ending
	optional bool   // written in parentheses
	conj     bool   // a conjunction that its interchangeable ones may replace
}

// Compile compiles a pattern written in lang.
func Compile(text string, lang Lang) (*Pattern, error) {
	s := norm.NFC.String(text)
	if strings.TrimSpace(s) == "" {
		return nil, errors.New("empty form")
	}
	spans := split(s)
	if len(spans) == 0 {
		return nil, fmt.Errorf("form %q has no words", text)
	}
	// A "*" or "+" must close a word.
	stars := strings.Count(s, "*")
	glued := false
	for _, sp := range spans {
		if sp.star {
			stars--
			r, _ := utf8.DecodeRuneInString(s[sp.end+1:])
			glued = glued || isWordRune(r)
		}
	}
	for i, r := range s {
		next, _ := utf8.DecodeRuneInString(s[i+1:])
		if r == '+' && isWordRune(next) {
			glued = true
		}
	}
	if stars > 0 || glued {
		return nil, fmt.Errorf("form %q: \"*\" and \"+\" may only end a word (Міжнародн*), never start one or stand alone", text)
	}
	p := &Pattern{Text: text, CaseSensitive: allCaps(s), lang: lang}
	c := cases.Fold()
	optional := 0
	for _, sp := range spans {
		w := lang.normWord(s[sp.start:sp.end])
		if !p.CaseSensitive {
			w = c.String(w)
		}
		end := sp.end
		if sp.star {
			end++
		}
		pw := patWord{s: w, prefix: sp.star, inflect: sp.star && s[sp.end] == '+', conj: lang.conjunction(w)}
		if stem, alt, ok := lang.alternation(w); ok && pw.prefix {
			pw.alt = stem + alt
		}
		pw.optional = strings.HasSuffix(strings.TrimRight(s[:sp.start], " "), "(") &&
			strings.HasPrefix(strings.TrimLeft(s[end:], " "), ")")
		if pw.optional {
			optional++
		}
		p.words = append(p.words, pw)
	}
	if optional == len(p.words) {
		return nil, fmt.Errorf("form %q: every word is optional", text)
	}
	return p, nil
}

// allCaps reports whether s has at least two letters and no lower-case
// or title-case one.
func allCaps(s string) bool {
	n := 0
	for _, r := range s {
		if letter.Is(r) {
			if unicode.IsLower(r) || unicode.IsTitle(r) {
				return false
			}
			if unicode.IsUpper(r) {
				n++
			}
		}
	}
	return n >= 2
}

// matchAt reports whether p matches the words of w starting at word i.
// With inflect, a word may also carry an English plural or possessive
// ending.
func (p *Pattern) matchAt(w *Words, i int, inflect bool) bool {
	return p.matchLen(w, i, inflect) >= 0
}

// matchLen returns how many words of w p matches at word i, or -1. Where
// an optional word may be skipped or matched, the longer match wins.
func (p *Pattern) matchLen(w *Words, i int, inflect bool) int {
	var at func(j, k int) int
	at = func(j, k int) int {
		if j == len(p.words) {
			return k - i
		}
		pw := p.words[j]
		n := -1
		if k < w.Len() && p.wordMatches(pw, w, k, inflect) {
			n = at(j+1, k+1)
		}
		if n < 0 && pw.optional {
			n = at(j+1, k)
		}
		return n
	}
	return at(0, i)
}

// wordMatches reports whether pattern word pw matches word k of w.
func (p *Pattern) wordMatches(pw patWord, w *Words, k int, inflect bool) bool {
	var tw string
	if p.CaseSensitive {
		tw = w.normAt(k)
	} else {
		tw = w.foldAt(k)
	}
	if pw.conj && p.lang.conjunction(tw) {
		return true
	}
	rest, ok := strings.CutPrefix(tw, pw.s)
	if !ok && pw.alt != "" {
		// Ukrainian alternation before і: Оленівк* finds Оленівці.
		if r, ok2 := strings.CutPrefix(tw, pw.alt); ok2 && strings.HasPrefix(r, "і") {
			rest, ok = r, true
		}
	}
	if !ok {
		return false
	}
	switch {
	case rest == "":
		return true
	case pw.inflect:
		return p.lang.isEnding(rest) || !p.lang.hasEndings() && allLetters(rest)
	case pw.prefix:
		return allLetters(rest)
	case inflect:
		return isEnglishSuffix(rest)
	}
	return false
}

// isEnglishSuffix reports whether s is a plural or possessive ending an
// English form takes in running text: POWs, crosses, POW's.
func isEnglishSuffix(s string) bool {
	switch s {
	case "s", "es", "'s", "S", "ES", "'S":
		return true
	}
	return false
}

// Find returns the index of the first word of w where p matches, or -1.
func (p *Pattern) Find(w *Words) int {
	if !p.mayOccur(w) {
		return -1
	}
	return p.findEach(w)
}

// mayOccur reports whether each word p needs (neither optional nor a
// conjunction, which its like may stand for) may be in w: whether the
// text, folded unless p is case-sensitive, holds the word or its
// alternation. A word of a simple text is a part of the text and of its
// folding, and a word matches only a word that starts with it or its
// alternation, so most patterns are ruled out by a few searches of the
// text (what a check asks of most translations) rather than a look at
// every word. Words that are not simple say yes.
func (p *Pattern) mayOccur(w *Words) bool {
	if w.strs {
		return true
	}
	text := w.lower
	if p.CaseSensitive {
		text = w.text
	}
	for _, pw := range p.words {
		if pw.optional || pw.conj || strings.Contains(text, pw.s) || pw.alt != "" && strings.Contains(text, pw.alt) {
			continue
		}
		return false
	}
	return true
}

// findEach is Find by a look at every word of w.
func (p *Pattern) findEach(w *Words) int {
	// A match at i starts with the first word, unless it is optional:
	// most words are not it.
	pre := len(p.words) > 0 && !p.words[0].optional
	for i := range w.Len() {
		if pre && !p.wordMatches(p.words[0], w, i, false) {
			continue
		}
		if p.matchAt(w, i, false) {
			return i
		}
	}
	return -1
}

// MatchesWord reports whether p, a one-word pattern, matches the word s
// (written in p's language): what a spelling check accepts as a word of
// the glossary. Patterns of several words match none.
func (p *Pattern) MatchesWord(s string) bool {
	w := Split(s, p.lang)
	return w.Len() == 1 && p.matchLen(w, 0, false) == 1
}

// Words returns the words of p, each a one-word pattern of its own (the
// optional mark dropped, and "+" read as "*": a word with a foreign ending
// is the glossary check's to report, not the spelling's).
func (p *Pattern) Words() []*Pattern {
	out := make([]*Pattern, len(p.words))
	for i, pw := range p.words {
		pw.optional, pw.inflect = false, false
		out[i] = &Pattern{Text: p.Text, CaseSensitive: p.CaseSensitive, lang: p.lang, words: []patWord{pw}}
	}
	return out
}

// matched returns the words of w that p matches at word i, as the text
// has them (normalised), joined by spaces.
func (p *Pattern) matched(w *Words, i int) string {
	n := p.matchLen(w, i, false)
	if n < 0 {
		n = p.matchLen(w, i, true)
	}
	if n < 0 {
		return ""
	}
	words := make([]string, n)
	for k := range words {
		words[k] = w.normAt(i + k)
	}
	return strings.Join(words, " ")
}
