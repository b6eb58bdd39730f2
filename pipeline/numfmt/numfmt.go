// Package numfmt reads and writes numbers written with digits the way a
// locale writes them, as CLDR (through x/text) has it: English writes
// 3,767.5, Ukrainian and Russian 3 767,5 (with a no-break space).
//
// Package check reads numbers with it to compare a translation's figures
// with its source's; package tm reads them to tell a changed figure from
// a changed word, and writes the new figure in the target locale's form
// when it adapts a translation.
package numfmt

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Format is how a locale writes numbers.
type Format struct {
	// Tag is the locale; English for one that does not parse.
	Tag language.Tag
	// Group is the thousands separator; ' ' stands for any space
	// (U+0020, U+00A0, U+202F, U+2009).
	Group rune
	// Decimal is the decimal separator.
	Decimal rune
}

// Of returns a locale's number format, read from x/text's formatting of
// 1234567.5 (some locales do not group four digits, so a larger number);
// a locale that does not parse writes numbers as English does.
func Of(locale string) Format {
	f := Format{Tag: language.English, Group: ',', Decimal: '.'}
	tag, err := language.Parse(locale)
	if err != nil {
		return f
	}
	f.Tag = tag
	s := []rune(message.NewPrinter(tag).Sprint(number.Decimal(1234567.5)))
	if len(s) == 11 && s[0] == '1' && s[10] == '5' {
		f.Group, f.Decimal = s[1], s[9]
		if unicode.IsSpace(f.Group) || f.Group == '\u202f' {
			f.Group = ' '
		}
	}
	return f
}

// IsGroup reports whether r separates thousands in f.
func (f Format) IsGroup(r rune) bool {
	if f.Group == ' ' {
		return r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\u2009'
	}
	return r == f.Group
}

// Number is a number written with digits, as Scan read it.
type Number struct {
	// Len is the length in bytes of the number as written.
	Len int
	// Value is its digits without leading zeros, with "." before a
	// fraction: 3767, 3.5.
	Value string
	// Frac is how many digits follow the decimal separator.
	Frac int
	// Grouped says whether it was written with thousands separators.
	Grouped bool
	// Runs are its runs of digits as written: 3 767,5 has 3, 767 and 5.
	Runs []string
}

// Scan reads the number s starts with: a run of ASCII digits; then,
// after a lead of one to three digits, groups of a separator and exactly
// three digits; then a decimal separator and digits. A Number of Len 0
// says s does not start with a digit.
func (f Format) Scan(s string) Number {
	run := Digits(s)
	if run == "" {
		return Number{}
	}
	n := Number{Runs: []string{run}}
	intPart := run
	i := len(run)
	if len(run) <= 3 {
		for {
			g, gw := utf8.DecodeRuneInString(s[i:])
			if !f.IsGroup(g) {
				break
			}
			next := Digits(s[i+gw:])
			if len(next) != 3 {
				break
			}
			n.Grouped = true
			n.Runs = append(n.Runs, next)
			intPart += next
			i += gw + 3
		}
	}
	n.Value = Canon(intPart)
	if d, dw := utf8.DecodeRuneInString(s[i:]); d == f.Decimal {
		if frac := Digits(s[i+dw:]); frac != "" {
			n.Value += "." + frac
			n.Frac = len(frac)
			n.Runs = append(n.Runs, frac)
			i += dw + len(frac)
		}
	}
	n.Len = i
	return n
}

// Write writes a number in the locale's form: grouped with the locale's
// separator (a no-break space in uk and ru) when it was grouped, without
// separators when it was not (a year such as 2024, an identifier), with
// the locale's decimal separator and as many fraction digits as it had.
// ok is false for a number x/text cannot hold exactly.
func (f Format) Write(n Number) (s string, ok bool) {
	var opts []number.Option
	if !n.Grouped {
		opts = append(opts, number.NoSeparator())
	}
	p := message.NewPrinter(f.Tag)
	if n.Frac == 0 {
		v, err := strconv.ParseInt(n.Value, 10, 64)
		if err != nil {
			return "", false
		}
		return p.Sprint(number.Decimal(v, opts...)), true
	}
	if len(n.Value) > 16 { // beyond float64's exact digits
		return "", false
	}
	v, err := strconv.ParseFloat(n.Value, 64)
	if err != nil {
		return "", false
	}
	opts = append(opts, number.Scale(n.Frac))
	return p.Sprint(number.Decimal(v, opts...)), true
}

// Canon drops the leading zeros of an integer's digits.
func Canon(d string) string {
	if d = strings.TrimLeft(d, "0"); d == "" {
		return "0"
	}
	return d
}

// IsDigit reports whether r is an ASCII digit.
func IsDigit(r rune) bool { return r >= '0' && r <= '9' }

// Digits returns the ASCII digits s starts with.
func Digits(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i]
}
