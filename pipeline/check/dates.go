package check

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/l10n-dev/l10n/internal/letter"
	"github.com/l10n-dev/l10n/pipeline/numfmt"
)

// date is a date the English source writes with a month name.
type date struct {
	raw   string
	month int   // 0–11
	days  []int // none for a month and year; two for a range (July 25–29)
	year  int   // 0 when the source gives none
}

// key names the date for suppressions: 2024-11-26, 11-08, 2024-10,
// 07-25-29.
func (d date) key() string {
	var b strings.Builder
	if d.year > 0 {
		fmt.Fprintf(&b, "%d-", d.year)
	}
	fmt.Fprintf(&b, "%02d", d.month+1)
	for _, day := range d.days {
		fmt.Fprintf(&b, "-%02d", day)
	}
	return b.String()
}

const (
	monthRE = `(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?`
	dayRE   = `(\d{1,2})(?:st|nd|rd|th)?`
	yearRE  = `(?:,?\s+(\d{4}))?`
	rangeRE = `(?:\s*[–—-]\s*` + dayRE + `)?`
)

// The date expressions, each compiled when first run (a command that
// checks no dates does not compile them when it starts).
var (
	monthDayRE = lazyRE(`\b` + monthRE + `\s+` + dayRE + rangeRE + yearRE + `\b`)
	dayMonthRE = lazyRE(`\b` + dayRE + rangeRE + `\s+` + monthRE + yearRE + `\b`)
	monthYrRE  = lazyRE(`\b` + monthRE + `,?\s+(\d{4})\b`)
	weekdayRE  = lazyRE(`\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b`)
	numericRE  = lazyRE(`\b(\d{1,2})\.(\d{1,2})(?:\.(\d{4}))?\b`)
)

// lazyRE returns a function that returns expr compiled, compiled on the
// first call (safe for concurrent use).
func lazyRE(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// monthIndex returns the month of an English name or abbreviation.
func monthIndex(s string) int {
	for m, name := range englishMonths {
		if strings.HasPrefix(name, s) && len(s) >= 3 || s == "Sept" && m == 8 {
			return m
		}
	}
	return -1
}

// sourceDates returns the dates of an English text: a month name or
// abbreviation with a day, a day range or a year (November 26, 2024;
// Nov. 8; 8 November 2024; July 25–29; October 2024). It finds what
// matchDates finds, running the expressions only over the few bytes
// around each month's name (see dateWindows): news prose names months
// often, and the expressions over a whole paragraph cost more than
// every other check of it together.
func sourceDates(s string) []date {
	wins := dateWindows(s)
	if wins == nil {
		return nil
	}
	return datesFrom(s, func(re *regexp.Regexp) [][]int {
		var all [][]int
		for _, w := range wins {
			for _, m := range re.FindAllStringSubmatchIndex(s[w[0]:w[1]], -1) {
				for i := range m {
					if m[i] >= 0 {
						m[i] += w[0]
					}
				}
				all = append(all, m)
			}
		}
		return all
	})
}

// matchDates is sourceDates with the expressions run over the whole
// text, as the tests compare.
func matchDates(s string) []date {
	return datesFrom(s, func(re *regexp.Regexp) [][]int { return re.FindAllStringSubmatchIndex(s, -1) })
}

// datesFrom returns the dates of s from the matches that find returns of
// each date expression over s, the longer forms first.
func datesFrom(s string, find func(*regexp.Regexp) [][]int) []date {
	var out []date
	var taken [][2]int
	overlaps := func(a, b int) bool {
		for _, t := range taken {
			if a < t[1] && b > t[0] {
				return true
			}
		}
		return false
	}
	add := func(m []int, raw string, month, d1, d2, y string) {
		d := date{raw: raw, month: monthIndex(month)}
		for _, ds := range []string{d1, d2} {
			if ds == "" {
				continue
			}
			n, _ := strconv.Atoi(ds)
			if n < 1 || n > 31 {
				return
			}
			d.days = append(d.days, n)
		}
		if y != "" {
			d.year, _ = strconv.Atoi(y)
			if d.year < 1000 || d.year > 2100 {
				d.year = 0
			}
		}
		if d.month < 0 || len(d.days) == 0 && d.year == 0 {
			return
		}
		taken = append(taken, [2]int{m[0], m[1]})
		out = append(out, d)
	}
	sub := func(m []int, i int) string {
		if m[2*i] < 0 {
			return ""
		}
		return s[m[2*i]:m[2*i+1]]
	}
	for _, m := range find(monthDayRE()) {
		add(m, s[m[0]:m[1]], sub(m, 1), sub(m, 2), sub(m, 3), sub(m, 4))
	}
	for _, m := range find(dayMonthRE()) {
		if !overlaps(m[0], m[1]) {
			add(m, s[m[0]:m[1]], sub(m, 3), sub(m, 1), sub(m, 2), sub(m, 4))
		}
	}
	for _, m := range find(monthYrRE()) {
		if !overlaps(m[0], m[1]) {
			add(m, s[m[0]:m[1]], sub(m, 1), "", "", sub(m, 2))
		}
	}
	return out
}

// dateWindows returns the parts of s, in order and apart, that hold
// every match of the three date expressions; nil when s names no month.
//
// Every match holds one month's name, a whole word (a run of ASCII
// letters, digits and underscores, as the expressions' \b bounds it);
// before it, only what a day or a day range is made of (digits, the
// letters of 1st, 2nd, 3rd and 4th, spaces, dashes); after it, only that
// and a full stop or a comma. A window is the month's word with the
// bytes of those kinds on either side, widened to the ends of any word
// it cuts, so that \b at a window's edge says what it says in s: the
// byte beyond the edge, when there is one, is not a word's.
func dateWindows(s string) [][2]int {
	var wins [][2]int
	wordAt(s, func(i, j int) bool {
		if isMonthWord(s[i:j]) {
			a, b := i, j
			for a > 0 && nearDate(s[a-1], false) {
				a--
			}
			for a > 0 && isWordByte(s[a-1]) {
				a--
			}
			for b < len(s) && nearDate(s[b], true) {
				b++
			}
			wins = addWindow(wins, a, wordEnd(s, b))
		}
		return false
	})
	return wins
}

// addWindow adds the window [a, b) to wins, which are in order of their
// starts, joining it to the last one where they overlap or touch.
func addWindow(wins [][2]int, a, b int) [][2]int {
	if n := len(wins); n > 0 && a <= wins[n-1][1] {
		wins[n-1][1] = max(wins[n-1][1], b)
		return wins
	}
	return append(wins, [2]int{a, b})
}

// nearDate reports whether byte c may be part of a date beside its
// month's name: a digit, an ASCII space (\s), a hyphen, a byte of an en
// or em dash, a letter of a day's suffix (st, nd, rd, th) and, after the
// month, a full stop or a comma.
func nearDate(c byte, after bool) bool {
	switch c {
	case '-', 's', 't', 'n', 'd', 'r', 'h', 0xE2, 0x80, 0x93, 0x94:
		return true
	case '.', ',':
		return after
	}
	return '0' <= c && c <= '9' || isASCIISpace(c)
}

// isMonthWord reports whether a word is an English month's name or an
// abbreviation the date expressions know.
func isMonthWord(w string) bool {
	switch w {
	case "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec":
		return true
	}
	return len(w) > 3 && monthIndex(w) >= 0 && englishMonths[monthIndex(w)] == w
}

// sourceWeekdays returns the weekdays an English text names (Monday,
// Fridays), as it writes them without a plural s: as the expression
// (matchWeekdays) finds them, each a word of its own.
func sourceWeekdays(s string) []string {
	var out []string
	anyWord(s, func(w string) bool {
		if !strings.Contains(w, "day") {
			return false
		}
		if i := slices.Index(englishWeekdays[:], w); i >= 0 {
			out = append(out, englishWeekdays[i])
		} else if i := slices.Index(englishWeekdays[:], strings.TrimSuffix(w, "s")); i >= 0 {
			out = append(out, englishWeekdays[i])
		}
		return false
	})
	return out
}

// matchWeekdays is sourceWeekdays by the expression, as the tests
// compare.
func matchWeekdays(s string) []string {
	var out []string
	for _, m := range weekdayRE().FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	return out
}

// calendarWords is what the dates check takes from a source text: its
// dates and weekdays, found once for the checkers of every locale.
type calendarWords struct {
	dates    []date
	weekdays []string
}

// sourceCalendar returns a source text's dates and weekdays, found on
// the first call for a text of ParseSource's and kept for the checkers
// of the other locales.
func sourceCalendar(src *Text) calendarWords {
	if src.cal != nil {
		return *src.cal
	}
	cal := calendarWords{sourceDates(src.Plain), sourceWeekdays(src.Plain)}
	if src.terms != nil {
		src.cal = &cal // a source text (ParseSource): kept for the other locales
	}
	return cal
}

// token is a word or a number of a target text.
type token struct {
	s      string // lower-cased, apostrophes as ʼ, ё as е
	num    int    // the value of a number; -1 for a word
	period bool   // a full stop follows
}

// dateTokens splits a text into words and numbers.
func dateTokens(s string) []token {
	var out []token
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case numfmt.IsDigit(r):
			d := numfmt.Digits(s[i:])
			i += len(d)
			// A number grouped with a space (2 024) is one number: the
			// numbers check reports the grouping.
			for len(d) <= 3 {
				g, gw := utf8.DecodeRuneInString(s[i:])
				next := numfmt.Digits(s[i+gw:])
				if !isSpace(g) || len(next) != 3 {
					break
				}
				d += next
				i += gw + 3
			}
			n, err := strconv.Atoi(d)
			if err != nil || len(d) > 4 {
				n = -2
			}
			out = append(out, token{s: d, num: n})
		case letter.Is(r):
			j := i
			for j < len(s) {
				r2, w2 := utf8.DecodeRuneInString(s[j:])
				if !letter.Is(r2) && !(isApostropheRune(r2) && j > i) && r2 != '\u0301' {
					break
				}
				j += w2
			}
			out = append(out, token{s: normalizeWord(s[i:j]), num: -1, period: strings.HasPrefix(s[j:], ".")})
			i = j
		default:
			i += w
		}
	}
	return out
}

func isApostropheRune(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

// normalizeWord lower-cases a word, writes its apostrophes as ʼ and ё as е,
// and drops stress marks.
func normalizeWord(w string) string {
	for _, r := range w {
		if r == utf8.RuneError || letter.Lower(r) != r || r == 'ё' || r == '\u0301' || r != 'ʼ' && isApostropheRune(r) {
			return normalizeChanged(w)
		}
	}
	return w // as most words are: no allocation
}

// normalizeChanged is normalizeWord for a word it changes.
func normalizeChanged(w string) string {
	w = letter.LowerString(w)
	return strings.Map(func(r rune) rune {
		switch {
		case isApostropheRune(r):
			return 'ʼ'
		case r == 'ё':
			return 'е'
		case r == '\u0301':
			return -1
		}
		return r
	}, w)
}

// calendarIndex maps the words of a calendar to months and weekdays.
type calendarIndex struct {
	names   *calendarNames
	month   map[string]int // word → month
	abbr    map[string]int // abbreviation without its full stop → month
	weekday map[string]int
}

func indexCalendar(n *calendarNames) *calendarIndex {
	x := &calendarIndex{names: n, month: map[string]int{}, abbr: map[string]int{}, weekday: map[string]int{}}
	for m, forms := range n.months {
		for _, f := range forms {
			x.month[normalizeWord(f)] = m
		}
		for _, a := range n.abbr[m] {
			if s, ok := strings.CutSuffix(a, "."); ok {
				x.abbr[normalizeWord(s)] = m
			} else {
				x.month[normalizeWord(a)] = m
			}
		}
	}
	for d, forms := range n.weekdays {
		for _, f := range forms {
			x.weekday[normalizeWord(f)] = d
		}
	}
	return x
}

// monthAt returns the month token i names, or -1.
func (x *calendarIndex) monthAt(toks []token, i int) int {
	t := toks[i]
	if t.num >= 0 {
		return -1
	}
	if m, ok := x.month[t.s]; ok {
		return m
	}
	if m, ok := x.abbr[t.s]; ok && t.period {
		return m
	}
	return -1
}

// Window of numbers around a month name that belong to its date: two
// tokens before (the day, "25–29" or "8-го"), four after (a day in
// English order, the year, "2024 року").
const (
	dateBefore = 3
	dateAfter  = 4
)

// Dates checks that every date the English source writes with a month
// name (see sourceDates) is in the translation with the same day, the
// same month in the target language — any grammatical case or the
// abbreviation (листопада, листопад, лист.; ноября, ноябрь) — and the
// same year; numeric dates (26.11.2024) count too. A weekday must be there
// in any case as well. Month and weekday names are l10n's own data for
// uk, ru and en (x/text has none); other target languages are not
// checked. Each missing date is an error keyed by the date
// (dates:2024-11-26, dates:monday).
func (c *Checker) Dates(src, tgt *Text) []Finding {
	cal := c.calendar
	if cal == nil {
		return nil
	}
	words := sourceCalendar(src)
	dates, wds := words.dates, words.weekdays
	if len(dates) == 0 && len(wds) == 0 {
		return nil
	}
	toks := dateTokens(tgt.Plain)
	var out []Finding
	for _, d := range dates {
		if msg := cal.findDate(toks, tgt.Plain, d); msg != "" {
			out = append(out, Finding{Check: Dates, Key: d.key(), Severity: Error, Message: msg})
		}
	}
	seen := map[int]bool{}
	for _, name := range wds {
		wd := -1
		for i, n := range englishWeekdays {
			if n == name {
				wd = i
			}
		}
		if seen[wd] {
			continue
		}
		seen[wd] = true
		found := false
		for _, t := range toks {
			if d, ok := cal.weekday[t.s]; ok && d == wd {
				found = true
			}
		}
		if !found {
			out = append(out, Finding{Check: Dates, Key: strings.ToLower(name), Severity: Error,
				Message: fmt.Sprintf("the weekday %s is missing: write %s (any case)", name, cal.names.weekdays[wd][0])})
		}
	}
	return out
}

// findDate looks for a date in a target's tokens and returns "" when it
// is there, or the message of the finding.
func (x *calendarIndex) findDate(toks []token, plain string, d date) string {
	near := func(i int) map[int]bool {
		nums := map[int]bool{}
		for j := max(0, i-dateBefore); j <= min(len(toks)-1, i+dateAfter); j++ {
			if toks[j].num >= 0 {
				nums[toks[j].num] = true
			}
		}
		return nums
	}
	has := func(nums map[int]bool) bool {
		for _, day := range d.days {
			if !nums[day] {
				return false
			}
		}
		return d.year == 0 || nums[d.year]
	}
	other := -1 // a month the translation gives the day instead
	yearless := false
	for i := range toks {
		m := x.monthAt(toks, i)
		if m < 0 {
			continue
		}
		nums := near(i)
		switch {
		case m == d.month && has(nums):
			return ""
		case m == d.month:
			yearless = true
		case len(d.days) > 0 && nums[d.days[0]] && other < 0:
			other = m
		}
	}
	for _, m := range numericRE().FindAllStringSubmatch(plain, -1) {
		day, _ := strconv.Atoi(m[1])
		mon, _ := strconv.Atoi(m[2])
		year, _ := strconv.Atoi(m[3])
		if len(d.days) == 1 && day == d.days[0] && mon == d.month+1 && (d.year == 0 || year == d.year) {
			return ""
		}
	}
	want := x.want(d)
	switch {
	case other >= 0:
		return fmt.Sprintf("the date %s has %s (%s) in the translation, not %s: write %s",
			quote(d.raw), x.names.months[other][0], englishMonths[other], englishMonths[d.month], want)
	case yearless && d.year > 0:
		return fmt.Sprintf("the date %s: the translation has the month but not the day or year: write %s", quote(d.raw), want)
	}
	return fmt.Sprintf("the date %s is missing: write %s", quote(d.raw), want)
}

// want returns a date as the target language writes it, for a message.
func (x *calendarIndex) want(d date) string {
	var b strings.Builder
	for i, day := range d.days {
		if i > 0 {
			b.WriteString("–")
		}
		b.WriteString(strconv.Itoa(day))
	}
	if len(d.days) > 0 {
		b.WriteString(" " + x.names.genitive(d.month))
	} else {
		b.WriteString(x.names.months[d.month][0])
	}
	if d.year > 0 {
		fmt.Fprintf(&b, " %d", d.year)
	}
	return b.String() + " (any case)"
}
