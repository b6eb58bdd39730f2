package glossary

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Pattern is a compiled glossary form: words matched one by one against
// consecutive words of a text. A word written with a trailing "*" matches
// any word that starts with it and goes on with letters only (a case
// ending). A pattern written entirely in capitals (an abbreviation such as
// МКЧХ or ICRC) is case-sensitive; any other is matched case-insensitively.
type Pattern struct {
	// Text is the pattern as the glossary writes it.
	Text string
	// CaseSensitive is set for patterns written entirely in capitals.
	CaseSensitive bool
	words         []patWord
}

type patWord struct {
	s      string // normalised; case-folded unless the pattern is case-sensitive
	prefix bool   // written with a trailing "*"
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
	// A "*" must close a word.
	stars := strings.Count(s, "*")
	glued := false
	for _, sp := range spans {
		if sp.star {
			stars--
			r, _ := utf8.DecodeRuneInString(s[sp.end+1:])
			glued = glued || isWordRune(r)
		}
	}
	if stars > 0 || glued {
		return nil, fmt.Errorf("form %q: \"*\" may only end a word (Міжнародн*), never start one or stand alone", text)
	}
	p := &Pattern{Text: text, CaseSensitive: allCaps(s)}
	c := cases.Fold()
	for _, sp := range spans {
		w := lang.normWord(s[sp.start:sp.end])
		if !p.CaseSensitive {
			w = c.String(w)
		}
		p.words = append(p.words, patWord{s: w, prefix: sp.star})
	}
	return p, nil
}

// allCaps reports whether s has at least two letters and no lower-case
// or title-case one.
func allCaps(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
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
	if i+len(p.words) > len(w.norm) {
		return false
	}
	for j, pw := range p.words {
		tw := w.fold[i+j]
		if p.CaseSensitive {
			tw = w.norm[i+j]
		}
		if !strings.HasPrefix(tw, pw.s) {
			return false
		}
		rest := tw[len(pw.s):]
		switch {
		case rest == "":
		case pw.prefix && allLetters(rest):
		case inflect && isEnglishSuffix(rest):
		default:
			return false
		}
	}
	return true
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
	for i := range w.norm {
		if p.matchAt(w, i, false) {
			return i
		}
	}
	return -1
}

// matched returns the words of w that p matches at word i, as the text
// has them (normalised), joined by spaces.
func (p *Pattern) matched(w *Words, i int) string {
	return strings.Join(w.norm[i:i+len(p.words)], " ")
}
