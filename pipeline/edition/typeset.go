package edition

import (
	"bytes"
	"encoding/binary"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"

	"github.com/l10n-dev/l10n/internal/letter"
	"github.com/l10n-dev/l10n/internal/uitext"
)

// nbsp is the no-break space the typesetting rules put in.
const nbsp = "\u00a0"

// oneLetter are the one-letter prepositions and conjunctions that
// Ukrainian and Russian publishers keep on the line of the word after them.
var oneLetter = map[string]string{
	"uk": "вуійзоа",
	"ru": "вкусоиа",
}

// typesetter knows a language's typesetting rules: where a no-break space
// goes that the catalogs need not carry.
type typesetter struct {
	// oneLetter are the one-letter words bound to the next word, in
	// either case: each rune whose unicode.ToLower is one of them.
	oneLetter []rune
	// oneLetterBits has bit r%64 set for each r of oneLetter: most runes
	// before a space are not looked for in it.
	oneLetterBits uint64
	months        []string // month names as dates write them, lower case
	// monthStarts are the first runes of months, in their order: a word
	// whose first rune, lower case, is none of them is no month.
	monthStarts []rune
	percent     string // the space CLDR puts between a number and %, or ""
}

// typesetters are the rules of each locale met so far (locale →
// *typesetter), which do not change once made.
var typesetters sync.Map

// typesetterOf returns the rules of a locale's language, made once.
func typesetterOf(locale string) *typesetter {
	if ts, ok := typesetters.Load(locale); ok {
		return ts.(*typesetter)
	}
	ts, _ := typesetters.LoadOrStore(locale, newTypesetter(locale))
	return ts.(*typesetter)
}

// newTypesetter returns the rules of a locale's language.
func newTypesetter(locale string) *typesetter {
	tag, err := language.Parse(locale)
	if err != nil {
		return &typesetter{}
	}
	base, _ := tag.Base()
	ts := &typesetter{oneLetter: anyCase(oneLetter[base.String()])}
	for _, r := range ts.oneLetter {
		ts.oneLetterBits |= 1 << (r % 64)
	}
	// Month names, where the tool speaks the language.
	if l := uitext.New(locale); l.Lang().String() == base.String() {
		for m := time.January; m <= time.December; m++ {
			name := strings.ToLower(l.Month(m))
			r, _ := utf8.DecodeRuneInString(name)
			ts.months, ts.monthStarts = append(ts.months, name), append(ts.monthStarts, r)
		}
	}
	// CLDR's percent format: "95 %" (ru, with U+00A0) or "95%" (uk).
	s := message.NewPrinter(tag).Sprint(number.Percent(0.95))
	if i, j := strings.Index(s, "95"), strings.Index(s, "%"); i >= 0 && j > i+2 {
		if sep := s[i+2 : j]; strings.TrimSpace(sep) == "" {
			ts.percent = sep
		}
	}
	return ts
}

// anyCase returns the runes whose lower case (unicode.ToLower) is one of
// lower's: each of lower's runes and the others of its case orbit
// (unicode.SimpleFold) that lower-case to it. TestOneLetterAnyCase holds
// it to unicode.ToLower on every rune.
func anyCase(lower string) []rune {
	var out []rune
	for _, l := range lower {
		for r := l; ; {
			if unicode.ToLower(r) == l {
				out = append(out, r)
			}
			if r = unicode.SimpleFold(r); r == l {
				break
			}
		}
	}
	return out
}

// edit changes the text of one Text node: the bytes [at, at+del) of its
// value become ins.
type edit struct {
	at, del int
	ins     string
}

// textEdits are the edits of one Text node; brk replaces its soft line
// break with a no-break space.
type textEdits struct {
	edits []edit
	brk   bool
}

// run is where a Text node's value sits in a block's text.
type run struct {
	n     *ast.Text
	start int // offset in the block's text
	end   int // end of the value; a soft line break follows as "\n"
}

// plan finds the no-break spaces of every block under root whose language
// is the typesetter's, skipping nodes for which skip says so (passages in
// another language). Code, URLs, raw HTML and image descriptions (which
// become attributes) are left alone: only Text nodes change.
func (ts *typesetter) plan(root ast.Node, src []byte, skip func(ast.Node) bool) map[*ast.Text]*textEdits {
	out := map[*ast.Text]*textEdits{}
	var sc scratch
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.(type) {
		case *ast.Paragraph, *ast.Heading, *east.TableCell, *ast.TextBlock:
			if !skip(n) {
				ts.block(n, src, out, &sc)
			}
			return ast.WalkSkipChildren, nil
		}
		if skip(n) {
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return out
}

// object stands in a block's text for an inline the rules must not look
// into (code, a URL, raw HTML, an image).
const object = "\ufffc"

// scratch is the memory block uses, kept from one block to the next.
type scratch struct {
	text  bytes.Buffer
	runs  []run
	edits []edit
}

// block plans the edits of one block's inline content.
func (ts *typesetter) block(b ast.Node, src []byte, out map[*ast.Text]*textEdits, sc *scratch) {
	text := &sc.text
	text.Reset()
	runs := sc.runs[:0]
	defer func() { sc.runs = runs[:0] }()
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				if c.IsRaw() {
					text.WriteString(object)
					continue
				}
				r := run{n: c, start: text.Len()}
				text.Write(c.Segment.Value(src))
				r.end = text.Len()
				runs = append(runs, r)
				switch {
				case c.HardLineBreak():
					text.WriteString(object)
				case c.SoftLineBreak():
					text.WriteByte('\n')
				}
			case *ast.CodeSpan, *ast.AutoLink, *ast.RawHTML, *ast.Image, *ast.String:
				text.WriteString(object)
			default:
				walk(c)
			}
		}
	}
	walk(b)
	sc.edits = ts.rules(text.Bytes(), sc.edits[:0])
	for _, e := range sc.edits {
		for _, r := range runs {
			switch {
			case e.at == r.end && e.del == 1 && r.n.SoftLineBreak():
				// The soft line break after the value.
				te := out[r.n]
				if te == nil {
					te = &textEdits{}
					out[r.n] = te
				}
				te.brk = true
			case r.start <= e.at && e.at+e.del <= r.end && (e.del > 0 || e.at < r.end):
				te := out[r.n]
				if te == nil {
					te = &textEdits{}
					out[r.n] = te
				}
				te.edits = append(te.edits, edit{at: e.at - r.start, del: e.del, ins: e.ins})
			default:
				continue
			}
			break
		}
	}
}

// rules appends to out the edits of a block's text, in order: each
// replaces one space (or line break) with a no-break space, or inserts
// one.
//
// The rules read a word as starting where the rune before it does not
// continue one (wordStart), and each of them is anchored at one of
// ruleByte: a one-letter word or a month binds the space after it, a
// number the space or the "%" after it, an em dash the space before it.
// rules looks at those bytes and at the runes around them only, and
// skips the words between without decoding them: the typesetter reads
// every edition. (rulesByRune, in the tests, reads the rules rune by
// rune as they are stated; FuzzRulesAsRead holds the two to the same
// edits.)
func (ts *typesetter) rules(s []byte, out []edit) []edit {
	space := func(i int) bool { return i >= 0 && i < len(s) && (s[i] == ' ' || s[i] == '\n') }
	bind := func(i int, with string) {
		if len(out) > 0 && out[len(out)-1].at == i {
			return
		}
		out = append(out, edit{at: i, del: 1, ins: with})
	}
	for i := 0; i < len(s); i++ {
		if i = nextRuleByte(s, i); i == len(s) {
			break
		}
		switch c := s[i]; {
		case c == ' ' || c == '\n':
			// A one-letter preposition or conjunction before it: в
			// Україні, І справді.
			if len(ts.oneLetter) > 0 && i+1 < len(s) && !space(i+1) {
				r, n := decodeLastRune(s[:i])
				if n > 0 && ts.isOneLetter(r) && wordStart(s, i-n) {
					bind(i, nbsp)
					continue
				}
			}
			// A month before it and its day after it: November 26. The
			// digit first: most words are no month.
			if len(ts.months) > 0 && i+1 < len(s) && isDigit(s[i+1]) {
				w := i - lettersBefore(s[:i])
				if w < i && wordStart(s, w) && ts.isMonth(s[w:i]) {
					k := digitsEnd(s, i+1)
					if k-i-1 <= 2 && !wordAfter(s[k:]) {
						bind(i, nbsp)
					}
				}
			}
		case c == 0xe2:
			// A space before an em dash: приклад — страта.
			if i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x94 && space(i-1) && i >= 2 && !space(i-2) {
				bind(i-1, nbsp)
			}
		default:
			// A number (ASCII digits: a digit of another script is a
			// word's like any letter's) and the day of the month or the
			// % after it.
			j := digitsEnd(s, i)
			if wordStart(s, i) {
				switch {
				case j-i <= 2 && space(j) && ts.month(s[j+1:]):
					bind(j, nbsp)
				case space(j) && j+1 < len(s) && s[j+1] == '%':
					sep := ts.percent
					if sep == "" {
						sep = nbsp
					}
					bind(j, sep)
				case j < len(s) && s[j] == '%' && ts.percent != "" && !wordAfter(s[j+1:]):
					out = append(out, edit{at: j, ins: ts.percent})
				}
			}
			// The rest of the number starts no word.
			i = j - 1
		}
	}
	return out
}

// isOneLetter reports whether r is one of the one-letter words, in either
// case.
func (ts *typesetter) isOneLetter(r rune) bool {
	return ts.oneLetterBits&(1<<(r%64)) != 0 && slices.Contains(ts.oneLetter, r)
}

// ruleByte are the bytes at which a typesetting rule applies: a space or
// a line break, an ASCII digit, and the first byte of an em dash (and of
// other runes from U+2000 to U+2FFF).
var ruleByte = func() (t [256]bool) {
	for _, c := range []byte(" \n0123456789\xe2") {
		t[c] = true
	}
	return t
}()

// nextRuleByte returns the index of the first of ruleByte in s from i,
// or len(s). It passes over eight bytes at a time where none of them is
// one (most of a text: its words), and looks at each byte of the eight
// that hold one.
func nextRuleByte(s []byte, i int) int {
	for i+8 <= len(s) {
		if !holdsRuleByte(binary.LittleEndian.Uint64(s[i:])) {
			i += 8
			continue
		}
		for end := i + 8; i < end; i++ {
			if ruleByte[s[i]] {
				return i
			}
		}
	}
	for i < len(s) && !ruleByte[s[i]] {
		i++
	}
	return i
}

// ones has each byte of a word 1: ones*c has each byte c.
const ones = 0x0101010101010101

// holdsRuleByte reports whether one of the eight bytes of x is one of
// ruleByte: a space, a line feed, 0xe2, or 0x30 to 0x39 (a byte that is
// one of those less 0x30 is below 10). hasLess is exact, so this is.
func holdsRuleByte(x uint64) bool {
	return hasLess(x^(ones*' '), 1) || hasLess(x^(ones*'\n'), 1) || hasLess(x^(ones*0xe2), 1) || hasLess(x^(ones*'0'), 10)
}

// hasLess reports whether one of the eight bytes of x is less than n
// (at most 128): the bit trick of "Bit Twiddling Hacks" (hasless), whose
// answer for the word as a whole is exact.
func hasLess(x uint64, n uint64) bool {
	return (x-ones*n)&^x&(ones*0x80) != 0
}

// isDigit reports whether c is an ASCII digit.
func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// digitsEnd returns the end of the run of ASCII digits at s[i:].
func digitsEnd(s []byte, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

// wordStart reports whether a word starts at s[i:]: the rune before it,
// if any, does not continue one (wordRune).
func wordStart(s []byte, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := decodeLastRune(s[:i])
	return !wordRune(r)
}

// decodeLastRune is utf8.DecodeLastRune, with ASCII and the two-byte
// sequences of Cyrillic (and Latin with diacritics) decoded in line (see
// decodeRune).
func decodeLastRune(s []byte) (rune, int) {
	n := len(s)
	if n > 0 && s[n-1] < utf8.RuneSelf {
		return rune(s[n-1]), 1
	} else if n > 1 && s[n-1]&0xc0 == 0x80 && s[n-2] >= 0xc2 && s[n-2] <= 0xdf {
		return rune(s[n-2]&0x1f)<<6 | rune(s[n-1]&0x3f), 2
	}
	return utf8.DecodeLastRune(s)
}

// lettersBefore returns the length in bytes of the run of letters s ends
// with.
func lettersBefore(s []byte) int {
	j := len(s)
	for j > 0 {
		if c := s[j-1]; c < utf8.RuneSelf {
			if !('a' <= c|0x20 && c|0x20 <= 'z') {
				break
			}
			j--
			continue
		}
		r, n := decodeLastRune(s[:j])
		if !letter.Is(r) {
			break
		}
		j -= n
	}
	return len(s) - j
}

// wordRune reports whether r continues a word: a letter, a digit, an
// apostrophe or a hyphen.
func wordRune(r rune) bool {
	return letter.Is(r) || unicode.IsDigit(r) || r == '\'' || r == '’' || r == 'ʼ' || r == '-'
}

// decodeRune is utf8.DecodeRune, with the two-byte sequences of Cyrillic
// (and Latin with diacritics) decoded in line: the typesetter reads
// every rune of every edition.
func decodeRune(s []byte) (rune, int) {
	if c := s[0]; c < utf8.RuneSelf {
		return rune(c), 1
	} else if c >= 0xc2 && c <= 0xdf && len(s) > 1 && s[1]&0xc0 == 0x80 {
		return rune(c&0x1f)<<6 | rune(s[1]&0x3f), 2
	}
	return utf8.DecodeRune(s)
}

// wordAfter reports whether s starts with a letter, a digit or a hyphen
// (50%-ний is one word).
func wordAfter(s []byte) bool {
	r, _ := utf8.DecodeRune(s)
	return len(s) > 0 && (letter.Is(r) || unicode.IsDigit(r) || r == '-')
}

// month reports whether s starts with a month name as a whole word.
func (ts *typesetter) month(s []byte) bool {
	if len(s) == 0 || !ts.monthStart(s) {
		return false
	}
	j := letters(s)
	return j > 0 && ts.isMonth(s[:j])
}

// monthStart reports whether the first rune of s, lower case, is the
// first of a month name.
func (ts *typesetter) monthStart(s []byte) bool {
	r, _ := decodeRune(s)
	return slices.Contains(ts.monthStarts, letter.Lower(r))
}

// letters returns the length in bytes of the run of letters s starts with.
// ASCII and two-byte sequences (Latin with diacritics, Cyrillic) are read
// in line: the typesetter skips every word of every edition this way.
func letters(s []byte) int {
	j := 0
	for j < len(s) {
		c := s[j]
		switch {
		case c < utf8.RuneSelf:
			if !('a' <= c|0x20 && c|0x20 <= 'z') {
				return j
			}
			j++
			continue
		case c >= 0xc2 && c <= 0xdf && j+1 < len(s) && s[j+1]&0xc0 == 0x80:
			if !letter.Is(rune(c&0x1f)<<6 | rune(s[j+1]&0x3f)) {
				return j
			}
			j += 2
			continue
		}
		r, k := decodeRune(s[j:])
		if !letter.Is(r) {
			break
		}
		j += k
	}
	return j
}

// isMonth reports whether word is a month name: each of its runes, lower
// case, is the name's (strings.ToLower's reading, without a copy).
func (ts *typesetter) isMonth(word []byte) bool {
	if len(word) == 0 || !ts.monthStart(word) {
		return false
	}
	for _, m := range ts.months {
		w, i := word, 0
		for len(w) > 0 && i < len(m) {
			r, n := decodeRune(w)
			mr, mn := utf8.DecodeRuneInString(m[i:])
			if r == utf8.RuneError && n == 1 || letter.Lower(r) != mr {
				break
			}
			w, i = w[n:], i+mn
		}
		if len(w) == 0 && i == len(m) {
			return true
		}
	}
	return false
}

// apply returns a Text node's value with its edits made.
func (te *textEdits) apply(v []byte) []byte {
	if te == nil || len(te.edits) == 0 {
		return v
	}
	var b bytes.Buffer
	pos := 0
	for _, e := range te.edits {
		b.Write(v[pos:e.at])
		b.WriteString(e.ins)
		pos = e.at + e.del
	}
	b.Write(v[pos:])
	return b.Bytes()
}
