package check

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"

	"github.com/l10n-dev/l10n/internal/letter"
	"github.com/l10n-dev/l10n/pipeline/numfmt"
)

// percentSpaced reports whether a locale's CLDR percent pattern (through
// x/text) puts a space between the number and the sign: ru "95 %" (with
// U+00A0), uk and en "95%".
func percentSpaced(locale string) bool {
	tag, err := language.Parse(locale)
	if err != nil {
		return false
	}
	s := message.NewPrinter(tag).Sprint(number.Percent(0.95))
	i := len(s) - len("%")
	if i <= 0 || s[i:] != "%" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return isSpace(r)
}

// Percent checks the space between a number and a percent sign against
// the target locale's CLDR pattern: uk writes 95%, ru 95 % (a no-break
// space, U+00A0, is best; any space is accepted). A typography warning
// keyed percent, once a unit. Translations into the source's language
// are not checked.
func (c *Checker) Percent(tgt *Text) []Finding {
	if c.lang == c.srcLang {
		return nil
	}
	s := tgt.Plain
	for off := 0; ; {
		k := strings.IndexByte(s[off:], '%')
		if k < 0 {
			return nil
		}
		i := off + k
		off = i + 1
		if i == 0 {
			continue
		}
		j := i
		for j > 0 {
			r, w := utf8.DecodeLastRuneInString(s[:j])
			if !isSpace(r) {
				break
			}
			j -= w
		}
		if j == 0 || !numfmt.IsDigit(rune(s[j-1])) {
			continue
		}
		spaced := j < i
		switch {
		case spaced && !c.percentSpace:
			return []Finding{{Check: Typography, Key: "percent", Severity: Warning,
				Message: fmt.Sprintf("%s writes no space before %%: %s%% (near %s)", c.Locale, digitsBefore(s[:j]), context(s, i))}}
		case !spaced && c.percentSpace:
			return []Finding{{Check: Typography, Key: "percent", Severity: Warning,
				Message: fmt.Sprintf("%s writes a no-break space before %%: %s\u00a0%% (near %s)", c.Locale, digitsBefore(s[:j]), context(s, i))}}
		}
	}
}

// digitsBefore returns the digits s ends with.
func digitsBefore(s string) string {
	i := len(s)
	for i > 0 && (numfmt.IsDigit(rune(s[i-1])) || s[i-1] == ',' || s[i-1] == '.') {
		i--
	}
	return s[i:]
}

// ApostropheCount counts the apostrophes inside words of a text (between
// two letters): the modifier letter ʼ (U+02BC) and the right single
// quotation mark ’ (U+2019).
func ApostropheCount(t *Text) (modifier, quote int) {
	return inWords(t.Plain, "ʼ"), inWords(t.Plain, "’")
}

// inWords counts the apostrophes a (ʼ or ’) in s that stand between two
// letters. Neither one's first byte is ever inside another rune's UTF-8,
// so each place strings.Index finds is an apostrophe of the text.
func inWords(s, a string) int {
	n := 0
	for off := 0; ; {
		k := strings.Index(s[off:], a)
		if k < 0 {
			return n
		}
		i := off + k
		off = i + len(a)
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		next, _ := utf8.DecodeRuneInString(s[off:])
		if letter.Is(prev) && letter.Is(next) {
			n++
		}
	}
}

// MixedApostrophes takes the apostrophe counts of a catalog's units (see
// ApostropheCount), in catalog order, and returns a typography warning
// (key mixed-apostrophes) for each unit that uses the apostrophe the
// catalog uses less; on a tie, the one the catalog uses first wins.
func MixedApostrophes(counts [][2]int) map[int]Finding {
	var mod, quo, first int
	for _, c := range counts {
		if first == 0 && c[0] > 0 {
			first = 1
		}
		if first == 0 && c[1] > 0 {
			first = 2
		}
		mod += c[0]
		quo += c[1]
	}
	if mod == 0 || quo == 0 {
		return nil
	}
	minority, majorCount, majorName := 1, mod, "ʼ (U+02BC)"
	if quo > mod || quo == mod && first == 2 {
		minority, majorCount, majorName = 0, quo, "’ (U+2019)"
	}
	out := map[int]Finding{}
	for i, c := range counts {
		if c[minority] > 0 {
			out[i] = Finding{Check: Typography, Key: "mixed-apostrophes", Severity: Warning,
				Message: fmt.Sprintf("apostrophes mixed in the catalog: it mostly writes %s (%d times), this unit the other one (%d times)", majorName, majorCount, c[minority])}
		}
	}
	return out
}
