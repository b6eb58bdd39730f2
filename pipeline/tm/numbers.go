package tm

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// numberFormat is how a locale writes numbers, as CLDR (through x/text)
// has it: en writes 3,767.5, uk and ru 3 767,5 (with a no-break space).
//
// It reads the separators as package check's numberFormatOf does, and
// should become one with it when inline Markdown and numbers get their
// own package in the planned restructuring.
type numberFormat struct {
	tag     language.Tag
	group   rune // thousands separator; ' ' stands for any space
	decimal rune
}

// numberFormatOf returns a locale's number format, from x/text's
// formatting of 1234567.5; a locale that does not parse writes numbers
// as English does.
func numberFormatOf(locale string) numberFormat {
	f := numberFormat{tag: language.English, group: ',', decimal: '.'}
	tag, err := language.Parse(locale)
	if err != nil {
		return f
	}
	f.tag = tag
	s := []rune(message.NewPrinter(tag).Sprint(number.Decimal(1234567.5)))
	if len(s) == 11 && s[0] == '1' && s[10] == '5' {
		f.group, f.decimal = s[1], s[9]
		if unicode.IsSpace(f.group) || f.group == '\u202f' {
			f.group = ' '
		}
	}
	return f
}

// isGroup reports whether r separates thousands in f.
func (f numberFormat) isGroup(r rune) bool {
	if f.group == ' ' {
		return r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\u2009'
	}
	return r == f.group
}

// num is a number written with digits, found in a text.
type num struct {
	start, end int    // byte range of the number as written
	value      string // digits, with "." before a fraction: 3767, 3.5
	frac       int    // digits after the decimal separator
	grouped    bool   // written with thousands separators
}

// scanNumber reads the number that starts at s[0], an ASCII digit: a
// run of digits; then, after a lead of one to three digits, groups of a
// separator and exactly three digits; then a decimal separator and
// digits. It returns the number with start 0 and end its length.
//
// This is the reading of package check's numberFormat.numbers, one
// number at a time with its byte range; the two should become one when
// numbers get their own package in the planned restructuring.
func (f numberFormat) scanNumber(s string) num {
	run := digits(s)
	n := num{}
	intPart := run
	i := len(run)
	if len(run) <= 3 {
		for {
			g, gw := utf8.DecodeRuneInString(s[i:])
			if !f.isGroup(g) {
				break
			}
			next := digits(s[i+gw:])
			if len(next) != 3 {
				break
			}
			n.grouped = true
			intPart += next
			i += gw + 3
		}
	}
	n.value = canon(intPart)
	if d, dw := utf8.DecodeRuneInString(s[i:]); d == f.decimal {
		if frac := digits(s[i+dw:]); frac != "" {
			n.value += "." + frac
			n.frac = len(frac)
			i += dw + len(frac)
		}
	}
	n.end = i
	return n
}

// canon drops the leading zeros of an integer's digits.
func canon(d string) string {
	if d = strings.TrimLeft(d, "0"); d == "" {
		return "0"
	}
	return d
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// digits returns the ASCII digits s starts with.
func digits(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i]
}

// format writes a number of the source in the locale's form: grouped
// with the locale's separator (CLDR through x/text: a no-break space in
// uk and ru) when the source grouped it, without separators when it did
// not (a year such as 2024, an identifier), with the locale's decimal
// separator and as many fraction digits as the source. ok is false for
// a number x/text cannot hold exactly.
func (f numberFormat) format(n num) (string, bool) {
	var opts []number.Option
	if !n.grouped {
		opts = append(opts, number.NoSeparator())
	}
	p := message.NewPrinter(f.tag)
	if n.frac == 0 {
		v, err := strconv.ParseInt(n.value, 10, 64)
		if err != nil {
			return "", false
		}
		return p.Sprint(number.Decimal(v, opts...)), true
	}
	if len(n.value) > 16 { // beyond float64's exact digits
		return "", false
	}
	v, err := strconv.ParseFloat(n.value, 64)
	if err != nil {
		return "", false
	}
	opts = append(opts, number.Scale(n.frac))
	return p.Sprint(number.Decimal(v, opts...)), true
}
