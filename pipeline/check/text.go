package check

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/l10n-dev/l10n/internal/letter"
)

// isSpace reports whether r is a space inside a line: a plain space, a
// no-break space (U+00A0), a narrow no-break space (U+202F) or a thin
// space (U+2009).
func isSpace(r rune) bool {
	return r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\u2009'
}

// afterSpace holds the bytes that may start what Typography reads after a
// space: a space (the first byte of each rune isSpace reports) or one of
// , . ; : ! ?
var afterSpace = func() (t [256]bool) {
	for _, c := range []byte(" \xc2\xe2,.;:!?") {
		t[c] = true
	}
	return t
}()

// typographyStart holds the bytes that may start what Typography reads:
// " ' - and the spaces (the first byte of each rune isSpace reports).
// One look in it skips any other byte.
var typographyStart = func() (t [256]bool) {
	for _, c := range []byte("\"'- \xc2\xe2") {
		t[c] = true
	}
	return t
}()

// Typography checks Ukrainian and Russian typography in the target's
// reader text (code, URLs and HTML left out), one finding per rule:
// straight quotes where «» are wanted (quotes), a straight apostrophe in
// a word where Ukrainian wants ʼ or ’ and Russian ’ (apostrophe), two
// spaces in a row (spaces), a space before , . ; : ! ? (punctuation), and a
// hyphen between spaces where a dash — is wanted (dash). Other locales
// are not checked.
func (c *Checker) Typography(tgt *Text) []Finding {
	if c.lang != "uk" && c.lang != "ru" {
		return nil
	}
	var out []Finding
	seen := map[string]bool{}
	add := func(key string, at int, msg string) {
		if seen[key] {
			return
		}
		seen[key] = true
		out = append(out, Finding{Check: Typography, Key: key, Severity: Warning,
			Message: fmt.Sprintf("%s (near %s)", msg, context(tgt.Plain, at))})
	}
	s := tgt.Plain
	for i := 0; i < len(s); {
		b := s[i]
		if !typographyStart[b] {
			// No case below applies to a rune that starts with another
			// byte (the spaces beyond ASCII start with C2 or E2), nor to
			// a byte inside a rune.
			i++
			continue
		}
		if b == ' ' && (i+1 == len(s) || !afterSpace[s[i+1]]) {
			// A space before what no case below reads after one: a
			// letter, a digit, most punctuation.
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if r != '"' && r != '\'' && r != '-' && !isSpace(r) {
			i += w // no case below applies
			continue
		}
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		next, _ := utf8.DecodeRuneInString(s[i+w:])
		switch {
		case r == '"':
			add("quotes", i, `straight quotes: use «…»`)
		case r == '\'' && letter.Is(prev) && letter.Is(next):
			if c.lang == "uk" {
				add("apostrophe", i, "straight apostrophe: use ʼ (U+02BC) or ’")
			} else {
				add("apostrophe", i, "straight apostrophe: use ’")
			}
		case r == '\'':
			add("quotes", i, `straight quotes: use «…»`)
		case isSpace(r) && isSpace(next):
			add("spaces", i, "double space")
		case isSpace(r) && strings.ContainsRune(",.;:!?", next) && i > 0 && !isSpace(prev) && prev != '\n':
			after, _ := utf8.DecodeRuneInString(s[i+w+1:])
			if !letter.Is(after) && !unicode.IsDigit(after) && after != '.' {
				add("punctuation", i, fmt.Sprintf("space before %q", next))
			}
		case r == '-' && isSpace(prev) && isSpace(next):
			add("dash", i, "hyphen used as a dash: use —")
		}
		i += w
	}
	return out
}

// context returns the text around byte offset at, for a message.
func context(s string, at int) string {
	const width = 12
	start, end := at, at
	for n := 0; n < width && start > 0; n++ {
		_, w := utf8.DecodeLastRuneInString(s[:start])
		start -= w
	}
	for n := 0; n <= width && end < len(s); n++ {
		_, w := utf8.DecodeRuneInString(s[end:])
		end += w
	}
	out := s[start:end]
	if start > 0 {
		out = "…" + out
	}
	if end < len(s) {
		out += "…"
	}
	return strings.ReplaceAll(out, "\n", " ")
}

// Unchanged reports, as an error, a target that is the source text unchanged, unless
// the source has nothing to translate: no letters outside code, URLs and
// HTML, or only names that stay in Latin script (keep-as-is terms and
// Latin approved forms of the glossary). Targets in the source's language
// (en-GB for en) are not checked.
func (c *Checker) Unchanged(src, tgt *Text) []Finding {
	if c.lang == c.srcLang || strings.TrimSpace(src.Raw) != strings.TrimSpace(tgt.Raw) {
		return nil
	}
	rest := src.Plain
	for _, n := range c.names {
		rest = strings.ReplaceAll(rest, n, "")
	}
	if strings.IndexFunc(rest, letter.Is) < 0 {
		return nil
	}
	return []Finding{{Check: Unchanged, Severity: Error, Message: "the translation is the source text unchanged"}}
}

// Length bounds: a translation of a source of at least lengthMin
// characters should be between lengthLow and lengthHigh times as long.
const (
	lengthMin  = 40
	lengthLow  = 0.5
	lengthHigh = 2.0
)

// Length warns when the target's reader text is less than half or more
// than twice as long as the source's, for sources of 40 characters or
// more: a sentence left out, or two units pasted into one.
func (c *Checker) Length(src, tgt *Text) []Finding {
	s := src.length()
	if s < lengthMin {
		return nil
	}
	t := tgt.length()
	ratio := float64(t) / float64(s)
	if ratio >= lengthLow && ratio <= lengthHigh {
		return nil
	}
	return []Finding{{Check: Length, Severity: Warning,
		Message: fmt.Sprintf("the translation is %.2g× the source's length (%d characters against %d; expected %.1f–%.0f×)", ratio, t, s, lengthLow, lengthHigh)}}
}

// length returns the length of t's reader text without its outer
// spaces, in runes: counted once, so that a source is counted once for
// every locale.
func (t *Text) length() int {
	if t.runes == 0 {
		t.runes = runeCount(strings.TrimSpace(t.Plain)) + 1
	}
	return t.runes - 1
}

// runeCount is utf8.RuneCountInString, which decodes every rune beyond
// ASCII through a call: the two-byte runes of Cyrillic and accented Latin
// are counted here (a valid two-byte sequence is one rune), the rest as
// the decoder reads them (an invalid byte is a rune of its own).
func runeCount(s string) int {
	n := 0
	for i := 0; i < len(s); n++ {
		switch c := s[i]; {
		case c < utf8.RuneSelf:
			i++
		case c >= 0xc2 && c < 0xe0 && i+1 < len(s) && s[i+1]&0xc0 == 0x80:
			i += 2
		default:
			_, w := utf8.DecodeRuneInString(s[i:])
			i += w
		}
	}
	return n
}
