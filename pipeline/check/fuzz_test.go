package check

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/l10n-dev/l10n/internal/letter"
)

// FuzzCheck runs every check family but spelling, in Ukrainian and
// Russian with the project's glossary, on any English text and any
// translation, read as a paragraph and as a line: no check panics, and
// each ends within seconds (a loop that never ends is reported with its
// input instead of holding the fuzzer). Findings are not judged: the
// table tests do that.
func FuzzCheck(f *testing.F) {
	fx := seed(f)
	for _, id := range fx.order {
		u := fx.units[id]
		f.Add(u.EN, u.UK)
		f.Add(u.EN, u.RU)
	}
	f.Add("On 26 November 2024, 95% of 1,234 POWs", "٣ листопада ２０２４, 95 % з 1 234 військовополонених")
	checkers := []*Checker{New("en", "uk", fx.glossary, nil), New("en", "ru", fx.glossary, nil)}
	f.Fuzz(func(t *testing.T, source, target string) {
		if !utf8.ValidString(source) || !utf8.ValidString(target) {
			return // catalogs and articles are UTF-8, or refused
		}
		done := make(chan struct{})
		go func() {
			defer close(done)
			for _, c := range checkers {
				for _, single := range []bool{false, true} {
					c.Check(c.ParseSource(source), c.Parse(target), single)
				}
			}
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("the checks of %q as %q did not end", source, target)
		}
	})
}

// FuzzTypography holds Typography, which skips the bytes no rule reads,
// to the rules read at every rune (typographyByRune) on any text.
func FuzzTypography(f *testing.F) {
	for _, s := range []string{`"Quoted" - text  here .`, "a ,b", "a , b", "x ,", "м'ята", "a\u00a0 b", "a \u202f", "1 .5 a .b", "a\u2009-\u2009b", " ", "a \xe2", "\xc2 \xc2 "} {
		f.Add(s)
	}
	checkers := []*Checker{New("en", "uk", nil, nil), New("en", "ru", nil, nil)}
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range checkers {
			got := c.Typography(&Text{Plain: s})
			want := typographyByRune(string(c.lang), s)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s %q: Typography %v, every rune read: %v", c.lang, s, got, want)
			}
		}
	})
}

// typographyByRune is Typography reading every rune with its neighbours.
func typographyByRune(lang, s string) []Finding {
	var out []Finding
	seen := map[string]bool{}
	add := func(key string, at int, msg string) {
		if !seen[key] {
			seen[key] = true
			out = append(out, Finding{Check: Typography, Key: key, Severity: Warning,
				Message: fmt.Sprintf("%s (near %s)", msg, context(s, at))})
		}
	}
	for i, r := range s {
		w := len(string(r))
		if r == utf8.RuneError {
			_, w = utf8.DecodeRuneInString(s[i:])
		}
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		next, _ := utf8.DecodeRuneInString(s[i+w:])
		switch {
		case r == '"' || r == '\'' && !(letter.Is(prev) && letter.Is(next)):
			add("quotes", i, `straight quotes: use «…»`)
		case r == '\'' && lang == "uk":
			add("apostrophe", i, "straight apostrophe: use ʼ (U+02BC) or ’")
		case r == '\'':
			add("apostrophe", i, "straight apostrophe: use ’")
		case isSpace(r) && isSpace(next):
			add("spaces", i, "double space")
		case isSpace(r) && strings.ContainsRune(",.;:!?", next) && i > 0 && !isSpace(prev) && prev != '\n':
			if after, _ := utf8.DecodeRuneInString(s[i+w+1:]); !letter.Is(after) && !unicode.IsDigit(after) && after != '.' {
				add("punctuation", i, fmt.Sprintf("space before %q", next))
			}
		case r == '-' && isSpace(prev) && isSpace(next):
			add("dash", i, "hyphen used as a dash: use —")
		}
	}
	return out
}

// FuzzRuneCount holds runeCount, which counts two-byte runes itself, to
// utf8.RuneCountInString on any bytes, valid UTF-8 or not.
func FuzzRuneCount(f *testing.F) {
	for _, s := range []string{"Київ", "⟦Ĥéééááţ⟧ 95 %", "\xd0", "\xd0\xd0\x9a", "\xc0\x80\xc1\xbf", "a\xe2\x80", "\xdf\xbf\xc2\x80", "\xf0\x9f\x98\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := runeCount(s), utf8.RuneCountInString(s); got != want {
			t.Fatalf("%q: runeCount %d, utf8 %d", s, got, want)
		}
	})
}

// FuzzApostropheCount holds ApostropheCount, which looks for the two
// apostrophes with strings.Index, to a reading of every rune of any text.
func FuzzApostropheCount(f *testing.F) {
	for _, s := range []string{"пʼять м’ята", "ʼa’ aʼ a’b", "\xcaʼa\xe2’b", "a\xca\xbc\xbcb", "’’", "xʼʼy"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want [2]int
		for i := range s {
			r, w := utf8.DecodeRuneInString(s[i:])
			prev, _ := utf8.DecodeLastRuneInString(s[:i])
			next, _ := utf8.DecodeRuneInString(s[i+w:])
			if r == 'ʼ' && letter.Is(prev) && letter.Is(next) {
				want[0]++
			}
			if r == '’' && letter.Is(prev) && letter.Is(next) {
				want[1]++
			}
		}
		if m, q := ApostropheCount(&Text{Plain: s}); m != want[0] || q != want[1] {
			t.Fatalf("%q: ApostropheCount %d %d, every rune read: %v", s, m, q, want)
		}
	})
}

// FuzzNumberWords holds the readings after a number that look at the
// first rune before the rest (a multiplier word, a word for percent, an
// ordinal suffix) to the readings of the whole, on any text, in the
// source's English and the targets' Ukrainian and Russian.
func FuzzNumberWords(f *testing.F) {
	for _, s := range []string{" тисяч", "\u00a0тис. осіб", " Тис.", " млн", " МЛРД", " thousands", " Million", " ᲀідсотків",
		" Відсотків", "% of", " процента", " per cent", " PERCENT", "th of", "st", "ndx", "ёлка", " ſ", "\xd0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range []struct {
			words   *numberWords
			english bool
		}{{nil, true}, {numberWordTables()["uk"], false}, {numberWordTables()["ru"], false}} {
			if got, want := multiplierAfter(c.words, c.english)(s), multiplierAt(trimNumberSpaces(s), c.words, c.english); got != want {
				t.Fatalf("%q (english %v): multiplier %d, the whole word read %d", s, c.english, got, want)
			}
		}
		want := strings.HasPrefix(trimNumberSpaces(s), "%")
		for _, w := range percentWords {
			rest := trimNumberSpaces(s)
			want = want || len(rest) >= len(w) && strings.EqualFold(rest[:len(w)], w)
		}
		if got := percentAfter(s, true); got != want {
			t.Fatalf("%q: percent %v, every word compared %v", s, got, want)
		}
		wantOrd := ""
		for _, suf := range []string{"st", "nd", "rd", "th"} {
			if rest, ok := strings.CutPrefix(s, suf); ok && wantOrd == "" {
				if r, _ := utf8.DecodeRuneInString(rest); !letter.Is(r) {
					wantOrd = suf
				}
			}
		}
		if got := ordinalAfter(s); got != wantOrd {
			t.Fatalf("%q: ordinal %q, every suffix tried %q", s, got, wantOrd)
		}
	})
}

// FuzzMayStartBlock holds mayStartBlock, which walks a text's lines
// without splitting it, to the answer of each line of strings.Split on
// its own: a text may start a block where one of its lines may.
func FuzzMayStartBlock(f *testing.F) {
	for _, s := range []string{"", "a\n", "\n", "a\n# b", "1. x", "a|b\nc", "x\r\n\r\ny", "- a", "[1]: b", "plain text\nmore text"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := false
		for _, l := range strings.Split(s, "\n") {
			want = want || mayStartBlock(l)
		}
		if got := mayStartBlock(s); got != want {
			t.Fatalf("%q: mayStartBlock %v, its lines %v", s, got, want)
		}
	})
}
