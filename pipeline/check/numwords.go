package check

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/l10n-dev/l10n/pipeline/glossary"
	"github.com/l10n-dev/l10n/pipeline/numfmt"
)

// numberWords are a language's words for numbers in every case a
// newsroom writes them (uk пʼятдесяти, ru пятидесяти), the collective and
// adverbial forms that stand for a count (троє, тричі, трижды, обидва),
// and the multipliers (тисяч, тис., млн). l10n carries them as data for
// uk and ru; x/text spells no numbers out.
type numberWords struct {
	value map[string]int // word → value
	mult  map[string]int // multiplier word → power of ten
	abbr  map[string]int // multiplier abbreviations written with a full stop (тис.)
	// forms gives the nominative of a value for messages.
	forms map[int]string
}

// wordTable builds a numberWords from "value: stem endings…" lines,
// where an ending "-" stands for none.
func wordTable(values map[int]string, mult map[string]int, abbr map[string]int) *numberWords {
	n := &numberWords{value: map[string]int{}, mult: map[string]int{}, abbr: abbr, forms: map[int]string{}}
	for v, spec := range values {
		for _, group := range strings.Split(spec, ",") {
			f := strings.Fields(group)
			if len(f) == 0 {
				continue
			}
			for _, e := range append([]string{""}, f[1:]...) {
				if e == "" && len(f) > 1 {
					continue
				}
				if e == "-" {
					e = ""
				}
				w := normalizeWord(f[0] + e)
				n.value[w] = v
				if _, ok := n.forms[v]; !ok {
					n.forms[v] = w
				}
			}
		}
	}
	for w, p := range mult {
		n.mult[normalizeWord(w)] = p
	}
	return n
}

// numberWordTables are the number words of uk and ru, made when New is
// first called, not when the program starts.
var numberWordTables = sync.OnceValue(func() map[glossary.Lang]*numberWords {
	return map[glossary.Lang]*numberWords{
		"uk": wordTable(map[int]string{
			1:   "один -, одн а е ого ій им у ою ому",
			2:   "дв а і ох ом ома оє ічі, вдвічі -, удвічі -, обидв а і, об ох ом ома",
			3:   "три -, тр ьох ьом ьома оє ичі, втричі -",
			4:   "чотири -, чотир ьох ьом ма, четверо -",
			5:   "пʼят ь и ьох ьом ьма ьома еро",
			6:   "шість -, шест и еро, шіст ьох ьом ьма ьома",
			7:   "сім -, сем и еро, сімо х м ма, сьома -",
			8:   "вісім -, восьми -, восьмеро -, вісьм ох ом ома а",
			9:   "девʼят ь и ьох ьом ьма ьома еро",
			10:  "десят ь и ьох ьом ьма ьома еро",
			11:  "одинадцят ь и ьох ьом ьма ьома",
			12:  "дванадцят ь и ьох ьом ьма ьома",
			13:  "тринадцят ь и ьох ьом ьма ьома",
			14:  "чотирнадцят ь и ьох ьом ьма ьома",
			15:  "пʼятнадцят ь и ьох ьом ьма ьома",
			16:  "шістнадцят ь и ьох ьом ьма ьома",
			17:  "сімнадцят ь и ьох ьом ьма ьома",
			18:  "вісімнадцят ь и ьох ьом ьма ьома",
			19:  "девʼятнадцят ь и ьох ьом ьма ьома",
			20:  "двадцят ь и ьох ьом ьма ьома",
			30:  "тридцят ь и ьох ьом ьма ьома",
			40:  "сорок - а",
			50:  "пʼятдесят - и ьох ьом ьма ьома",
			60:  "шістдесят - и ьох ьом ьма ьома, шістдесяти -",
			70:  "сімдесят - и ьох ьом ьма ьома",
			80:  "вісімдесят - и ьох ьом ьма ьома",
			90:  "девʼяност о а",
			100: "ст о а ам ами ах",
			200: "двісті -, двохсот -, двомстам -, двомастами -, двохстах -",
			300: "триста -, трьохсот -",
			400: "чотириста -, чотирьохсот -",
			500: "пʼятсот -, пʼятисот -",
			600: "шістсот -, шестисот -",
			700: "сімсот -, семисот -",
			800: "вісімсот -, восьмисот -",
			900: "девʼятсот -, девʼятисот -",
		}, map[string]int{
			"тисяча": 3, "тисячі": 3, "тисяч": 3, "тисячу": 3, "тисячею": 3, "тисячам": 3, "тисячами": 3, "тисячах": 3,
			"мільйон": 6, "мільйона": 6, "мільйону": 6, "мільйоном": 6, "мільйони": 6, "мільйонів": 6, "мільйонам": 6, "мільйонами": 6, "мільйонах": 6, "млн": 6,
			"мільярд": 9, "мільярда": 9, "мільярду": 9, "мільярдом": 9, "мільярди": 9, "мільярдів": 9, "мільярдам": 9, "мільярдами": 9, "мільярдах": 9, "млрд": 9,
			"трильйон": 12, "трильйона": 12, "трильйони": 12, "трильйонів": 12, "трлн": 12,
		}, map[string]int{"тис": 3}),
		"ru": wordTable(map[int]string{
			1:   "один -, одн а о ого ой им у ом ому",
			2:   "дв а е ух ум умя ое ажды, вдвое -, об а е оих еих оим еим оими еими",
			3:   "тр и ех ем емя ое ижды, втрое -",
			4:   "четыр е ех ем ьмя ежды, четверо -",
			5:   "пят ь и ью еро",
			6:   "шест ь и ью еро",
			7:   "сем ь и ью еро",
			8:   "восем ь ью, восьм и ью еро",
			9:   "девят ь и ью еро",
			10:  "десят ь и ью еро",
			11:  "одиннадцат ь и ью",
			12:  "двенадцат ь и ью",
			13:  "тринадцат ь и ью",
			14:  "четырнадцат ь и ью",
			15:  "пятнадцат ь и ью",
			16:  "шестнадцат ь и ью",
			17:  "семнадцат ь и ью",
			18:  "восемнадцат ь и ью",
			19:  "девятнадцат ь и ью",
			20:  "двадцат ь и ью",
			30:  "тридцат ь и ью",
			40:  "сорок - а",
			50:  "пятьдесят -, пятидесяти -, пятьюдесятью -",
			60:  "шестьдесят -, шестидесяти -, шестьюдесятью -",
			70:  "семьдесят -, семидесяти -, семьюдесятью -",
			80:  "восемьдесят -, восьмидесяти -, восемьюдесятью -",
			90:  "девяност о а",
			100: "ст о а ам ами ах",
			200: "двести -, двухсот -, двумстам -",
			300: "триста -, трехсот -",
			400: "четыреста -, четырехсот -",
			500: "пятьсот -, пятисот -",
			600: "шестьсот -, шестисот -",
			700: "семьсот -, семисот -",
			800: "восемьсот -, восьмисот -",
			900: "девятьсот -, девятисот -",
		}, map[string]int{
			"тысяча": 3, "тысячи": 3, "тысяч": 3, "тысячу": 3, "тысячей": 3, "тысячам": 3, "тысячами": 3, "тысячах": 3,
			"миллион": 6, "миллиона": 6, "миллиону": 6, "миллионом": 6, "миллионы": 6, "миллионов": 6, "миллионам": 6, "миллионами": 6, "миллионах": 6, "млн": 6,
			"миллиард": 9, "миллиарда": 9, "миллиарду": 9, "миллиардом": 9, "миллиарды": 9, "миллиардов": 9, "миллиардам": 9, "миллиардами": 9, "миллиардах": 9, "млрд": 9,
			"триллион": 12, "триллиона": 12, "триллионы": 12, "триллионов": 12, "трлн": 12,
		}, map[string]int{"тыс": 3}),
	}
})

// englishNumbers are the English number words a source is checked for:
// two to ninety-nine. "One" is left out: it is as often a pronoun.
var englishNumbers = map[string]int{
	"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
	"fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}

// englishMultipliers are the words after a number that scale it.
var englishMultipliers = map[string]int{"thousand": 3, "million": 6, "billion": 9, "trillion": 12}

// englishNumberRE finds English number words, compiled when first run.
var englishNumberRE = lazyRE(`(?i)\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)(?:-(one|two|three|four|five|six|seven|eight|nine))?\b(-[a-z])?(\s+(?:thousand|million|billion|trillion)s?\b)?`)

// spelled is a number an English source writes in words.
type spelled struct {
	raw   string
	value string // decimal digits
}

// sourceNumberWords returns the numbers an English text spells out (two
// to ninety-nine, "fifty thousand"), leaving out a number word joined to a
// noun by a hyphen (a five-year plan: Ukrainian writes пʼятирічний).
//
// The expression runs over the few bytes from each number word on (see
// numberWindows), or over the whole text when it has a ſ or a K (Kelvin),
// which its case folding reads as s and k.
func sourceNumberWords(s string) []spelled {
	if strings.Contains(s, "ſ") || strings.Contains(s, "\u212a") {
		return matchNumberWords(s)
	}
	wins := numberWindows(s)
	if wins == nil {
		return nil
	}
	var all [][]string
	for _, w := range wins {
		all = append(all, englishNumberRE().FindAllStringSubmatch(s[w[0]:w[1]], -1)...)
	}
	return numberWordsFrom(all)
}

// matchNumberWords is sourceNumberWords by the expression over the whole
// text, as the tests compare.
func matchNumberWords(s string) []spelled {
	return numberWordsFrom(englishNumberRE().FindAllStringSubmatch(s, -1))
}

// numberWindows returns the parts of s, in order and apart, that hold
// every match of englishNumberRE in a text without ſ or K; nil when s
// has no number word. A match starts at a word (a run of ASCII letters,
// digits and underscores) that is a number word in any ASCII case, and
// holds at most that word, a hyphen and a word, another hyphen and a
// word (a five-year plan), then spaces and a word (thousand): a window
// is that much from the number word on, ending where a word ends.
func numberWindows(s string) [][2]int {
	var wins [][2]int
	wordAt(s, func(i, j int) bool {
		if !isNumberWord(s[i:j]) {
			return false
		}
		b := j
		for range 2 {
			if b < len(s) && s[b] == '-' {
				b = wordEnd(s, b+1)
			}
		}
		for b < len(s) && isASCIISpace(s[b]) {
			b++
		}
		wins = addWindow(wins, i, wordEnd(s, b))
		return false
	})
	return wins
}

// isASCIISpace reports whether c is a space of the expressions' \s.
func isASCIISpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// numberWordsFrom returns the numbers of englishNumberRE's matches,
// leaving out the hyphenated ones (a five-year plan).
func numberWordsFrom(matches [][]string) []spelled {
	var out []spelled
	for _, m := range matches {
		if m[3] != "" {
			continue
		}
		v := englishNumbers[strings.ToLower(m[1])]
		if m[2] != "" {
			if v < 20 {
				continue
			}
			v += englishNumbers[strings.ToLower(m[2])]
		}
		val := strconv.Itoa(v)
		if m[4] != "" {
			val = scale(val, englishMultipliers[strings.TrimSuffix(strings.ToLower(strings.TrimSpace(m[4])), "s")])
		}
		out = append(out, spelled{raw: strings.TrimSpace(m[0]), value: val})
	}
	return out
}

// isNumberWord reports whether an ASCII word is one of englishNumbers in
// any ASCII case.
func isNumberWord(w string) bool {
	var low [len("seventeen")]byte
	if len(w) < len("two") || len(w) > len(low) {
		return false
	}
	switch w[0] | 0x20 {
	case 'e', 'f', 'n', 's', 't': // the first letters of englishNumbers
	default:
		return false // most words: no lookup
	}
	for k := range len(w) {
		low[k] = w[k] | 0x20 // ASCII letters to lower case; a digit or _ stays no letter
	}
	_, ok := englishNumbers[string(low[:len(w)])]
	return ok
}

// anyWord reports whether f holds for a word of s: a run of ASCII letters,
// digits and underscores, the words of a regular expression's \b.
func anyWord(s string, f func(w string) bool) bool {
	return wordAt(s, func(i, j int) bool { return f(s[i:j]) })
}

// wordAt calls f with the byte range of each word of s (see anyWord), in
// order, until f returns true, and reports whether it did.
func wordAt(s string, f func(i, j int) bool) bool {
	for i := 0; i < len(s); {
		if !isWordByte(s[i]) {
			i++
			continue
		}
		j := wordEnd(s, i)
		if f(i, j) {
			return true
		}
		i = j
	}
	return false
}

// wordEnd returns where the run of ASCII word characters at s[i:] ends.
func wordEnd(s string, i int) int {
	for i < len(s) && isWordByte(s[i]) {
		i++
	}
	return i
}

// isWordByte reports whether b is an ASCII word character ([0-9A-Za-z_]).
func isWordByte(b byte) bool {
	return b == '_' || '0' <= b && b <= '9' || 'a' <= b|0x20 && b|0x20 <= 'z'
}

// sourceSpelled returns the numbers a source text spells out, as
// ParseSource found them or found now.
func sourceSpelled(src *Text) []spelled {
	if src.spelled != nil {
		return *src.spelled
	}
	return sourceNumberWords(src.Plain)
}

// scale multiplies a canonical decimal value ("3.5", "14") by 10^p.
func scale(v string, p int) string {
	if p == 0 {
		return v
	}
	intPart, frac, _ := strings.Cut(v, ".")
	for i := 0; i < p; i++ {
		if frac != "" {
			intPart += frac[:1]
			frac = frac[1:]
		} else {
			intPart += "0"
		}
	}
	if frac != "" {
		return numfmt.Canon(intPart) + "." + frac
	}
	return numfmt.Canon(intPart)
}

// wordValues returns the values a target text spells out in words: each
// number word, each sum of a hundreds–tens–units sequence (двадцять
// пʼять, сто сімдесят сім), each scaled by a multiplier after it
// (чотирнадцять тисяч).
func (n *numberWords) wordValues(toks []token) []string {
	var out []string
	for i := 0; i < len(toks); i++ {
		v, ok := n.value[toks[i].s]
		if !ok {
			continue
		}
		sum, last := v, v
		out = append(out, strconv.Itoa(v))
		j := i + 1
		for ; j < len(toks); j++ {
			w, ok := n.value[toks[j].s]
			if !ok || w >= last || !(last >= 100 && w < 100 || last >= 20 && last < 100 && w < 10) {
				break
			}
			sum += w
			last = w
			out = append(out, strconv.Itoa(sum))
		}
		if p := n.multAt(toks, j); p > 0 {
			out = append(out, scale(strconv.Itoa(sum), p))
		}
		i = j - 1
	}
	return out
}

// multAt returns the power of ten of the multiplier at token i (тисяч,
// тис., млн), or 0.
func (n *numberWords) multAt(toks []token, i int) int {
	if i >= len(toks) || toks[i].num >= 0 {
		return 0
	}
	if p, ok := n.mult[toks[i].s]; ok {
		return p
	}
	if p, ok := n.abbr[toks[i].s]; ok && toks[i].period {
		return p
	}
	return 0
}

// numberWordFindings checks the numbers an English source spells out
// (fifty, five thousand) against the target: the value must be there in
// digits, in the target language's number words or scaled by a
// multiplier. Each missing one is an error keyed by the English words.
func (c *Checker) numberWordFindings(src *Text, have func(string) bool) []Finding {
	if c.numWords == nil {
		return nil
	}
	var out []Finding
	done := map[string]bool{}
	for _, s := range sourceSpelled(src) {
		if done[s.value] || have(s.value) {
			continue
		}
		done[s.value] = true
		v, _ := strconv.Atoi(s.value)
		hint := s.value
		if w, ok := c.numWords.forms[v]; ok {
			hint += " or " + w + " (any case)"
		}
		out = append(out, Finding{Check: Numbers, Key: strings.ToLower(s.raw), Severity: Error,
			Message: fmt.Sprintf("%q (%s) is missing: write %s", s.raw, s.value, hint)})
	}
	return out
}

// roman returns the value of an upper-case Roman numeral (XXXIV), or 0.
func roman(s string) int {
	vals := map[byte]int{'I': 1, 'V': 5, 'X': 10, 'L': 50, 'C': 100, 'D': 500, 'M': 1000}
	total := 0
	for i := 0; i < len(s); i++ {
		v := vals[s[i]]
		if v == 0 {
			return 0
		}
		if i+1 < len(s) && vals[s[i+1]] > v {
			total -= v
		} else {
			total += v
		}
	}
	if total <= 0 || total >= 4000 || toRoman(total) != s {
		return 0
	}
	return total
}

// toRoman writes n (1–3999) in Roman numerals.
func toRoman(n int) string {
	var b strings.Builder
	for _, p := range []struct {
		v int
		s string
	}{{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}} {
		for n >= p.v {
			b.WriteString(p.s)
			n -= p.v
		}
	}
	return b.String()
}

// romanRE finds Roman numerals, compiled when first run.
var romanRE = lazyRE(`\b[IVXLCDM]+\b`)

// romanValues returns the values of the Roman numerals written as words
// of a text (XXXIV Міжнародна конференція).
func romanValues(s string) map[string]bool {
	out := map[string]bool{}
	for _, r := range romanRE().FindAllString(s, -1) {
		if v := roman(r); v > 0 {
			out[strconv.Itoa(v)] = true
		}
	}
	return out
}
