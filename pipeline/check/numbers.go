package check

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/l10n-dev/l10n/internal/letter"
	"github.com/l10n-dev/l10n/pipeline/numfmt"
)

// readNumberWords makes Numbers read the numbers a translation spells out
// whether or not they can change a finding (for the tests, which compare).
var readNumberWords = false

// numberFormat is how a locale writes numbers (see numfmt.Format).
type numberFormat struct{ numfmt.Format }

// numberFormatOf returns a locale's number format.
func numberFormatOf(locale string) numberFormat { return numberFormat{numfmt.Of(locale)} }

// num is a number found in a text.
type num struct {
	raw     string // as written
	value   string // digits, with "." before a fraction: 3767, 3.5
	grouped bool   // written with a thousands separator
	percent bool   // followed by % (or, where words count, a word for percent)
	runs    []string
	ordinal string // the English ordinal suffix: 34th
	scaled  string // value times the multiplier word after it: 14 тисяч, 3.5 million
}

// year reports whether n reads as a year: 1000–2100, four digits, no
// grouping, no fraction.
func (n num) year() bool {
	if n.grouped || n.percent || len(n.value) != 4 {
		return false
	}
	v, err := strconv.Atoi(n.value)
	return err == nil && v >= 1000 && v <= 2100
}

// numbers returns the numbers written with digits in s, as eachNumber
// reads them, in one allocation: a source's, kept for every locale.
func (f numberFormat) numbers(s string, words bool, mult func(rest string) int) []num {
	// As many as there are runs of digits, at most.
	runs := 0
	for i := 0; i < len(s); i++ {
		if numfmt.IsDigit(rune(s[i])) && (i == 0 || !numfmt.IsDigit(rune(s[i-1]))) {
			runs++
		}
	}
	if runs == 0 {
		return nil
	}
	out := make([]num, 0, runs)
	f.eachNumber(s, words, mult, func(n num) { out = append(out, n) })
	return out
}

// eachNumber calls yield with each number written with digits in s, in
// order (a translation's numbers, read once, need no slice); words says
// whether a word for percent after a number counts as a percent sign.
// mult, if not nil, returns the power of ten of a multiplier word at the
// start of the text after a number (thousand, тисяч, тис., млн), or 0.
func (f numberFormat) eachNumber(s string, words bool, mult func(rest string) int, yield func(num)) {
	for i := 0; i < len(s); {
		// A digit is ASCII, and no byte of a longer UTF-8 sequence is.
		if !numfmt.IsDigit(rune(s[i])) {
			i++
			continue
		}
		start := i
		sc := f.Scan(s[i:])
		n := num{value: sc.Value, grouped: sc.Grouped, runs: sc.Runs}
		i += sc.Len
		n.raw = s[start:i]
		n.percent = percentAfter(s[i:], words)
		n.ordinal = ordinalAfter(s[i:])
		if mult != nil {
			if p := mult(s[i:]); p > 0 {
				n.scaled = scale(n.value, p)
			}
		}
		yield(n)
	}
}

// percentAfter reports whether s, after a number, starts with a percent
// sign (after an optional space) or, if words, a word for percent.
func percentAfter(s string, words bool) bool {
	s = trimNumberSpaces(s)
	if strings.HasPrefix(s, "%") {
		return true
	}
	if !words {
		return false
	}
	// EqualFold compares the first runes first: most words after a
	// number start with none that folds to a word for percent.
	if r, _ := utf8.DecodeRuneInString(s); !slices.Contains(percentStarts, r) {
		return false
	}
	for _, w := range percentWords {
		if len(s) >= len(w) && strings.EqualFold(s[:len(w)], w) {
			return true
		}
	}
	return false
}

// percentWords are the words for percent that percentAfter reads.
var percentWords = []string{"відсот", "процент", "percent", "per cent"}

// percentStarts are the runes that fold to the first rune of a word of
// percentWords: the case-folding orbit of each (ᲀ, U+1C80, is в too).
var percentStarts = func() []rune {
	var out []rune
	for _, w := range percentWords {
		r0, _ := utf8.DecodeRuneInString(w)
		for r := r0; ; {
			out = append(out, r)
			if r = unicode.SimpleFold(r); r == r0 {
				break
			}
		}
	}
	return out
}()

// trimNumberSpaces returns s without the spaces it starts with that may
// stand between a number and its sign or word: a space, a no-break
// space, a narrow no-break space or a thin space. It is
// strings.TrimLeft(s, " \u00a0\u202f\u2009"), which walks the cut set
// rune by rune for every number of a text.
func trimNumberSpaces(s string) string {
	for {
		switch {
		case strings.HasPrefix(s, " "):
			s = s[1:]
		case strings.HasPrefix(s, "\u00a0"):
			s = s[len("\u00a0"):]
		case strings.HasPrefix(s, "\u202f"), strings.HasPrefix(s, "\u2009"):
			s = s[len("\u202f"):]
		default:
			return s
		}
	}
}

// ordinalAfter returns the English ordinal suffix s starts with (st, nd,
// rd, th, not followed by a letter), or "".
func ordinalAfter(s string) string {
	if s == "" || !strings.Contains("snrt", s[:1]) {
		return "" // the common case: no suffix starts so
	}
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if rest, ok := strings.CutPrefix(s, suf); ok {
			if r, _ := utf8.DecodeRuneInString(rest); !letter.Is(r) {
				return suf
			}
		}
	}
	return ""
}

// multiplierAfter returns a function that reads a multiplier word of
// words at the start of a text (after spaces), for numbers. A Checker
// makes its two once (New).
func multiplierAfter(words *numberWords, english bool) func(string) int {
	if words == nil && !english {
		return nil
	}
	starts := multiplierStarts(words, english)
	return func(rest string) int {
		rest = trimNumberSpaces(rest)
		// normalizeWord maps rune by rune, so a word whose first
		// letter, normalised, starts no multiplier is none (most words
		// after a number): the rest of the word is left unread.
		_, n := utf8.DecodeRuneInString(rest)
		if r, _ := utf8.DecodeRuneInString(normalizeWord(rest[:n])); !slices.Contains(starts, r) {
			return 0
		}
		return multiplierAt(rest, words, english)
	}
}

// multiplierAt returns the power of ten of the multiplier word of words
// (English's, if english) that rest starts with, or 0.
func multiplierAt(rest string, words *numberWords, english bool) int {
	// The word's token as dateTokens reads it: the letters
	// normalised, and whether a full stop follows.
	word, period := strings.CutSuffix(firstWord(rest), ".")
	if word == "" {
		return 0
	}
	tok := [1]token{{s: normalizeWord(word), num: -1, period: period}}
	if english {
		return englishMultipliers[strings.TrimSuffix(tok[0].s, "s")]
	}
	return words.multAt(tok[:], 0)
}

// multiplierStarts returns the first runes of the multiplier words that
// multiplierAfter looks up: English's, or those of words (mult, abbr).
func multiplierStarts(words *numberWords, english bool) []rune {
	var out []rune
	add := func(m map[string]int) {
		for k := range m {
			if r, _ := utf8.DecodeRuneInString(k); !slices.Contains(out, r) {
				out = append(out, r)
			}
		}
	}
	if english {
		add(englishMultipliers)
	} else {
		add(words.mult)
		add(words.abbr)
	}
	return out
}

// firstWord returns the letters s starts with and a full stop after them.
func firstWord(s string) string {
	i := 0
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !letter.Is(r) {
			if r == '.' {
				i++
			}
			break
		}
		i += w
	}
	return s[:i]
}

// localForms returns how the target locale may write n, for messages;
// a percent with the sign as the locale's typography wants it (Percent:
// after a no-break space where percentSpace, else right after the
// number), so that the advice of one check is not a finding of another.
func (f numberFormat) localForms(n num, percentSpace bool) string {
	intPart, frac, _ := strings.Cut(n.value, ".")
	dec := ""
	if frac != "" {
		dec = string(f.Decimal) + frac
	}
	var forms []string
	if len(intPart) > 3 && !n.year() {
		g := string(f.Group)
		var b strings.Builder
		for i, r := range intPart {
			if i > 0 && (len(intPart)-i)%3 == 0 {
				b.WriteString(g)
			}
			b.WriteRune(r)
		}
		forms = append(forms, b.String()+dec)
	}
	forms = append(forms, intPart+dec)
	if n.percent {
		sign := "%"
		if percentSpace {
			sign = "\u00a0%"
		}
		for i := range forms {
			forms[i] += sign
		}
	}
	return strings.Join(forms, " or ")
}

// Numbers checks that every number the source writes with digits appears
// in the target in a form valid for the target locale: 3,767 as 3 767
// (with a space, U+00A0 or U+202F) or 3767; 3.5 as 3,5; a year never
// grouped; 95% as 95 % or 95%; the ordinal 34th as 34 or XXXIV; 14,000
// as 14 тисяч or 14 тис.; any number in the target language's words
// (сто сімдесят сім). A number the source spells out (fifty, five
// thousand) must be in the target in digits or words too.
func (c *Checker) Numbers(src, tgt *Text) []Finding {
	// A source's "51 percent" asks for the number only: the word is
	// prose, which a translation writes in its own language (the
	// pseudo-locale accents it); a source's "51%" asks for the sign,
	// or a word for percent that check knows.
	want := c.sourceNumbers(src)
	words := c.numWords != nil && !tgt.pseudo() && c.srcLang == "en"
	if len(want) == 0 && !words {
		return nil
	}
	wanted := map[string]bool{}
	for _, n := range want {
		wanted[n.value] = true
	}
	type seen struct{ grouped, plain, percent bool }
	have := map[string]*seen{}
	note := func(v string, grouped, percent bool) {
		s := have[v]
		if s == nil {
			s = &seen{}
			have[v] = s
		}
		if grouped {
			s.grouped = true
		} else {
			s.plain = true
		}
		s.percent = s.percent || percent
	}
	c.tgtNum.eachNumber(tgt.Plain, true, c.tgtMult, func(n num) {
		note(n.value, n.grouped, n.percent)
		if n.scaled != "" {
			note(n.scaled, false, n.percent)
		}
		if !wanted[n.value] && len(n.runs) > 1 {
			// "у 2022 125 полонених" is not 2 022 125: read the runs too.
			for i, r := range n.runs {
				note(numfmt.Canon(r), false, n.percent && i == len(n.runs)-1)
			}
		}
	})
	// The numbers the translation spells out, read only when they can
	// change a finding (most units have no number the digits left
	// missing): a number missing or a year not seen ungrouped, or a
	// number the source spells out.
	if c.numWords != nil && !tgt.pseudo() && (readNumberWords || len(sourceSpelled(src)) > 0 || slices.ContainsFunc(want, func(n num) bool {
		h := have[n.value]
		if h == nil && n.scaled != "" {
			h = have[n.scaled]
		}
		return h == nil || n.year() && !h.plain
	})) {
		for _, v := range c.numWords.wordValues(dateTokens(tgt.Plain)) {
			note(v, false, false)
		}
	}
	var romans map[string]bool
	var out []Finding
	done := map[string]bool{}
	for _, n := range want {
		if done[n.value] {
			continue
		}
		done[n.value] = true
		add := func(msg string, args ...any) {
			out = append(out, Finding{Check: Numbers, Key: n.raw + pct(n), Severity: Error, Message: fmt.Sprintf(msg, args...)})
		}
		h := have[n.value]
		if h == nil && n.scaled != "" {
			h = have[n.scaled]
		}
		if h == nil && n.ordinal != "" {
			if romans == nil {
				romans = romanValues(tgt.Plain)
			}
			if romans[n.value] {
				continue
			}
		}
		switch {
		case h != nil && n.year() && !h.plain:
			add("the year %s is grouped: write %s", n.raw, n.value)
		case h == nil && n.grouped && strings.ContainsRune(n.raw, c.tgtNum.Decimal) && containsNumber(tgt.Plain, n.raw):
			add("%s reads as a decimal fraction in %s: write %s", n.raw, c.Locale, c.tgtNum.localForms(n, c.percentSpace))
		case h == nil && strings.Contains(n.value, ".") && containsNumber(tgt.Plain, n.raw):
			add("%s has a decimal point: %s writes %s", n.raw, c.Locale, c.tgtNum.localForms(n, c.percentSpace))
		case h == nil && n.ordinal != "":
			add("%s is missing: write %s (%s-й) or %s", n.raw+n.ordinal, n.value, n.value, toRoman(atoi(n.value)))
		case h == nil:
			add("%s is missing: write %s", n.raw+pct(n), c.tgtNum.localForms(n, c.percentSpace))
		case n.percent && !h.percent:
			add("%s%% lost its percent sign: write %s", n.raw, c.tgtNum.localForms(n, c.percentSpace))
		}
	}
	if words {
		out = append(out, c.numberWordFindings(src, func(v string) bool { return have[v] != nil })...)
	}
	return out
}

// sourceNumbers returns the numbers of a source text, as ParseSource
// found them or found now.
func (c *Checker) sourceNumbers(src *Text) []num {
	if src.nums != nil {
		return *src.nums
	}
	return c.srcNum.numbers(src.Plain, false, c.srcMult)
}

func atoi(s string) int {
	v, _ := strconv.Atoi(s)
	return v
}

func pct(n num) string {
	if n.percent {
		return "%"
	}
	return ""
}

// containsNumber reports whether s holds raw with no digit right before or
// after it.
func containsNumber(s, raw string) bool {
	for off := 0; ; {
		i := strings.Index(s[off:], raw)
		if i < 0 {
			return false
		}
		i += off
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+len(raw):])
		if !numfmt.IsDigit(before) && !numfmt.IsDigit(after) {
			return true
		}
		off = i + 1
	}
}
