package check

import (
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/l10n-dev/l10n/internal/corpus"
)

// sourceWordTexts are texts to compare the source's dates, weekdays and
// spelled numbers on: the spec examples, the real-world corpus, the seed
// and the Hugo documentation, line by line, and the cases
// the first looks must not miss.
func sourceWordTexts(t *testing.T) []string {
	all := corpus.Everything(t)
	texts := []string{
		"On November 26, 2024, and 8 Nov. 2024; July 25–29; October 2024; Sept. 3",
		"May 5", "5 May", "Mayor May", "Janet 5", "Mariupol 5, 2022", "5 Marches", "Mondays and Sunday", "the day after", "Sundayz", "Fridays.", "Sept. 3", "Dec_ 5",
		"8 Nov.x", "x5 May", "5 May_", "5th–\t7th  Dec., 2024", "May  5,   2024x", "Nov.2024", "3 June 4 July 5", "Mondayss", "a—5 May", "“5 May”", "5 – 6 June—7",
		"twenty-five thousand", "Twenty-Five", "TWO MILLION", "a five-year plan", "aſix", "seventy-two billions", "two-three-four five thousand six", "Ten  \tMILLIONS", "five-year-old twenty", "nine_ two",
		"sixteen_", "_two", "2two", "two2", "twentyfive", "forty-one", "ninety-nine\u212a",
	}
	seen := map[string]bool{}
	for _, ex := range all {
		for _, line := range strings.Split(ex.Markdown, "\n") {
			if !seen[line] {
				seen[line] = true
				texts = append(texts, line)
			}
		}
	}
	return texts
}

// TestSourceWordsLookFirst checks that the quick ways to a text's dates
// (the expressions over the windows around its months, dateWindows), its
// weekdays (its words) and its spelled numbers (the expression over the
// windows from each number word on, numberWindows) find what the regular
// expressions over the whole text find, and that norm's (collapsed) gives
// what collapsing every text gives.
func TestSourceWordsLookFirst(t *testing.T) {
	found := 0
	for _, s := range sourceWordTexts(t) {
		found += sameSourceWords(t, s)
	}
	t.Logf("%d dates, weekdays and spelled numbers", found)
	if found < 100 {
		t.Errorf("only %d dates, weekdays and spelled numbers in the corpora: the comparison proves little", found)
	}
}

// sameSourceWords compares what the checks find in s with and without
// their first looks, and norm with and without its look for spaces to
// collapse, and returns how many things the checks found.
func sameSourceWords(t testing.TB, s string) int {
	t.Helper()
	dates, weekdays, spelled := matchDates(s), matchWeekdays(s), matchNumberWords(s)
	if got := sourceDates(s); !reflect.DeepEqual(got, dates) {
		t.Errorf("sourceDates(%q) = %v, the expressions alone %v", s, got, dates)
	}
	if got := sourceWeekdays(s); !reflect.DeepEqual(got, weekdays) {
		t.Errorf("sourceWeekdays(%q) = %v, the expression alone %v", s, got, weekdays)
	}
	if got := sourceNumberWords(s); !reflect.DeepEqual(got, spelled) {
		t.Errorf("sourceNumberWords(%q) = %v, the expression alone %v", s, got, spelled)
	}
	if got, want := norm(s), strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " "); got != want {
		t.Errorf("norm(%q) = %q, want %q", s, got, want)
	}
	return len(dates) + len(weekdays) + len(spelled)
}

// FuzzSourceWords compares the first looks of the source checks (see
// sameSourceWords) and norm's with the slow paths on any text.
func FuzzSourceWords(f *testing.F) {
	for _, s := range []string{"November 26, 2024", "8 Nov. 2024", "Fridays", "twenty-five thousand", "aſix", "TWO", "Mayday", "Mariupol, 2022", "3 June 4 July 5", "8 Nov.x", "5 Dec", " a  b\u00a0c\u3000 ", "\t", "a\u2028b", "a \xc2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sameSourceWords(t, s)
	})
}

// FuzzNormalizeWord compares normalizeWord's look for a word it leaves
// as it is with what changing every word gives.
func FuzzNormalizeWord(f *testing.F) {
	for _, s := range []string{"київ", "Київ", "мʼята", "м'ята", "м’ята", "ёлка", "ви\u0301ступ", "\xff", "\uFFFD", "ǅ", "STRASSE"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := normalizeWord(s), normalizeChanged(s); got != want {
			t.Errorf("normalizeWord(%q) = %q, want %q", s, got, want)
		}
	})
}

// TestSourceDatesWhenAsked checks that a source's dates are looked for
// only when the dates check asks — never for a pseudo-translation, which
// it does not check — and once for every locale: finding them for every
// source unit cost a cold check of the newsroom corpus 45%.
func TestSourceDatesWhenAsked(t *testing.T) {
	c := New("en", "uk", nil, nil)
	src := c.ParseSource("GENEVA, April 4, 2025 — talks resumed on Monday.")
	c.Check(src, c.Parse("⟦ĜÉŃÉṼÅ, Åþŕíł 4, 2025 — ţáłķš⟧"), false)
	if src.cal != nil {
		t.Fatalf("a pseudo-translation's check found the source's dates: %+v", *src.cal)
	}
	c.Check(src, c.Parse("ЖЕНЕВА, 4 квітня 2025 року — переговори відновилися в понеділок."), false)
	if src.cal == nil || len(src.cal.dates) != 1 || len(src.cal.weekdays) != 1 {
		t.Fatalf("after a translation's check the source's dates are %v, want one date and one weekday kept", src.cal)
	}
	kept := src.cal
	New("en", "ru", nil, nil).Check(src, c.Parse("ЖЕНЕВА, 4 апреля 2025 года — переговоры возобновились в понедельник."), false)
	if src.cal != kept {
		t.Error("the second locale's check found the source's dates again")
	}
}

// TestNumberWordsWhenNeeded checks that the numbers check, which reads
// the numbers a translation spells out only when they can change a
// finding, finds what it finds when it always reads them: on the
// precision set's translations as they are and with their numbers
// dropped, spelled out in words, grouped (2 022) or changed.
func TestNumberWordsWhenNeeded(t *testing.T) {
	digits := regexp.MustCompile(`[0-9]+`)
	checked, found := 0, 0
	for _, p := range loadPairs(t) {
		c := New("en", p.locale, nil, nil)
		targets := []string{
			p.target,
			digits.ReplaceAllString(p.target, ""),
			digits.ReplaceAllStringFunc(p.target, func(d string) string {
				n, _ := strconv.Atoi(d)
				if w, ok := c.numWords.forms[n]; ok {
					return w
				}
				return d
			}),
			digits.ReplaceAllStringFunc(p.target, func(d string) string {
				if len(d) == 4 {
					return d[:1] + "\u00a0" + d[1:]
				}
				return d
			}),
			digits.ReplaceAllStringFunc(p.target, func(d string) string { return d + "1" }),
		}
		for _, tgt := range targets {
			src := c.ParseSource(p.en)
			got := c.Numbers(src, c.Parse(tgt))
			readNumberWords = true
			want := c.Numbers(src, c.Parse(tgt))
			readNumberWords = false
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s (%s) %q: Numbers = %v, reading every number word %v", p.name, p.locale, tgt, got, want)
			}
			checked++
			found += len(want)
		}
	}
	t.Logf("%d translations, %d findings", checked, found)
	if found < 50 {
		t.Errorf("only %d findings: the comparison proves little", found)
	}
}

// FuzzHasLatin checks that a text in which hasLatin finds no Latin
// letter has no run of English for latinRuns to find, so that
// Untranslated may skip it.
func FuzzHasLatin(f *testing.F) {
	for _, s := range []string{"Представники МКЧХ відвідали колонію", "left in English here", "Ⅻ century", "K is Kelvin", "café au lait", "ǅemal ǈ ǋ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !hasLatin(s) && len(latinRuns(s)) > 0 {
			t.Errorf("hasLatin(%q) = false, but latinRuns finds %v", s, latinRuns(s))
		}
	})
}

// TestIsNumberWord checks that isNumberWord, which looks at a word's first
// letter before its table, knows every number word in any case.
func TestIsNumberWord(t *testing.T) {
	for w := range englishNumbers {
		for _, v := range []string{w, strings.ToUpper(w), strings.ToUpper(w[:1]) + w[1:]} {
			if !isNumberWord(v) {
				t.Errorf("isNumberWord(%q) is false", v)
			}
		}
	}
	for _, w := range []string{"the", "thousand", "twoo", "tw", "Seventeens", "one", "hundred"} {
		if isNumberWord(w) {
			t.Errorf("isNumberWord(%q) is true", w)
		}
	}
}
