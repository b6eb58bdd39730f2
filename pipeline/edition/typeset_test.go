package edition

import (
	"bufio"
	"bytes"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/renderer/html"

	"github.com/l10n-dev/l10n/internal/letter"
	"github.com/l10n-dev/l10n/pipeline/segment"
)

// body returns the page's article, with no-break spaces shown as ⍽.
func body(t *testing.T, lang, md string) string {
	t.Helper()
	page, err := HTML(Page{Lang: lang, Title: "t", Markdown: []byte(md)})
	if err != nil {
		t.Fatal(err)
	}
	s := string(page)
	s = s[strings.Index(s, "<article>")+len("<article>\n") : strings.Index(s, "</article>")]
	return strings.ReplaceAll(s, "\u00a0", "⍽")
}

func TestTypesetting(t *testing.T) {
	tests := []struct{ lang, md, want string }{
		// One-letter prepositions and conjunctions, in any case.
		{"uk", "Війна в Україні й далі.", "<p>Війна в⍽Україні й⍽далі.</p>"},
		{"uk", "І справді, у полоні з ними.", "<p>І⍽справді, у⍽полоні з⍽ними.</p>"},
		{"uk", "а також о пів на", "<p>а⍽також о⍽пів на</p>"},
		{"ru", "К счастью, с ними и в плену.", "<p>К⍽счастью, с⍽ними и⍽в⍽плену.</p>"},
		// Not inside a word, not a Latin letter, not at the end.
		{"uk", "Київ і Kyiv a b, слово в", "<p>Київ і⍽Kyiv a b, слово в</p>"},
		{"uk", "по-в нього з'їзд", "<p>по-в нього з'їзд</p>"},
		// Ukrainian has no к, с, и as words; Russian no і, й.
		{"uk", "с ним и к ним", "<p>с ним и к ним</p>"},
		{"ru", "і й", "<p>і й</p>"},
		// Across inline markup, and a line break.
		{"uk", "в **Києві** і [тут](#) з\nними", "<p>в⍽<strong>Києві</strong> і⍽<a href=\"#\">тут</a> з⍽ними</p>"},
		// Before an em dash (not an en dash between numbers).
		{"uk", "Приклад — страта, 1941–1945.", "<p>Приклад⍽— страта, 1941–1945.</p>"},
		{"en", "An example — here.", "<p>An example⍽— here.</p>"},
		// A day and its month, a month and its day.
		{"uk", "26 листопада 2024 року, 8 Листопада", "<p>26⍽листопада 2024 року, 8⍽Листопада</p>"},
		{"ru", "25 июля 2022 года", "<p>25⍽июля 2022 года</p>"},
		{"en", "On July 25, 2022 and 8 November 2024", "<p>On July⍽25, 2022 and 8⍽November 2024</p>"},
		{"uk", "2024 листопада, 123 липня", "<p>2024 листопада, 123 липня</p>"},
		// A number and % where CLDR spaces it (ru), a space kept from
		// breaking anywhere, never in a word.
		{"ru", "95% пленных и 5 % других, 50%-ный", "<p>95⍽% пленных и⍽5⍽% других, 50%-ный</p>"},
		{"uk", "95% полонених і 5 % інших", "<p>95% полонених і⍽5⍽% інших</p>"},
		// Digits of other scripts start a word like letters (they once
		// stopped the typesetter for good): no rule reads them.
		{"uk", "٣ листопада, ２０ % і १० в", "<p>٣ листопада, ２０ % і⍽१० в</p>"},
		// Never in code, URLs, raw HTML or image descriptions (attributes).
		{"uk", "`в коді` <https://x.ua/в> <span title=\"в полоні\">в</span> ![в полоні](x.png)",
			"<p><code>в коді</code> <a href=\"https://x.ua/%D0%B2\">https://x.ua/в</a> <span title=\"в полоні\">в</span> <img src=\"x.png\" alt=\"в полоні\"></p>"},
		{"uk", "```\nв коді\n```\n\n    в коді\n", "<pre><code>в коді\n</code></pre>\n<pre><code>в коді\n</code></pre>"},
		// Headings and table cells too.
		{"uk", "# Війна в Україні\n\n| а б | в г |\n|---|---|\n| з ним | x |\n",
			"<h1>Війна в⍽Україні</h1>\n<div class=\"l10n-table\" role=\"region\" tabindex=\"0\" aria-label=\"Таблиця\">\n<table>\n<thead>\n<tr>\n<th>а⍽б</th>\n<th>в⍽г</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>з⍽ним</td>\n<td>x</td>\n</tr>\n</tbody>\n</table>\n</div>"},
	}
	for _, tc := range tests {
		if got := strings.TrimSpace(body(t, tc.lang, tc.md)); got != tc.want {
			t.Errorf("%s %q:\n got %s\nwant %s", tc.lang, tc.md, got, tc.want)
		}
	}
}

// TestTypesettingSkipsOtherLanguages leaves a passage shown in the
// source language (a missing translation) as it is.
func TestTypesettingSkipsOtherLanguages(t *testing.T) {
	md := "Війна в Україні.\n\nWar in a country — in English.\n"
	page, err := HTML(Page{Lang: "uk", Title: "t", Markdown: []byte(md),
		Marks: []Mark{{Span: spanOf(md, "War in"), Class: "l10n-missing", Lang: "en"}}})
	if err != nil {
		t.Fatal(err)
	}
	s := string(page)
	if !strings.Contains(s, "в\u00a0Україні") || !strings.Contains(s, "country — in") {
		t.Errorf("typesetting of the English passage:\n%s", s)
	}
}

// spanOf returns the span of the line of md that starts with start.
func spanOf(md, start string) segment.Span {
	i := strings.Index(md, start)
	j := strings.Index(md[i:], "\n")
	return segment.Span{Start: i, End: i + j}
}

// FuzzTypesetRules reads any text with the rules of Ukrainian, Russian
// and English: they end (a digit of another script once held them in a
// loop), and each edit, in order, binds a space or a line break of the
// text or inserts CLDR's space before a "%".
func FuzzTypesetRules(f *testing.F) {
	for _, s := range []string{"Війна в Україні й далі.", "26 листопада 2024 року, 8 Листопада",
		"95% пленных и 5 % других, 50%-ный", "On July 25, 2022", "Приклад — страта", "٣ листопада, ２０ %"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		s := []byte(text)
		for _, loc := range []string{"uk", "ru", "en"} {
			ts := typesetterOf(loc)
			at := -1
			for _, e := range ts.rules(s, nil) {
				switch {
				case e.at <= at || e.at >= len(s) && e.del > 0 || e.at > len(s):
					t.Fatalf("%s %q: edit at %d after %d", loc, text, e.at, at)
				case e.del == 1 && (s[e.at] == ' ' || s[e.at] == '\n') && e.ins == nbsp:
				case e.del == 1 && (s[e.at] == ' ' || s[e.at] == '\n') && e.ins == ts.percent && e.at+1 < len(s) && s[e.at+1] == '%':
				case e.del == 0 && e.ins == ts.percent && ts.percent != "" && s[e.at] == '%':
				default:
					t.Fatalf("%s %q: edit %+v", loc, text, e)
				}
				at = e.at
			}
		}
	})
}

// FuzzWordsAsDecoded holds the typesetter's shortcuts to the readings
// they stand for: letters to a rune-by-rune letter.Is, isMonth to
// strings.ToLower's copy of the word, on any text, at each of its bytes.
func FuzzWordsAsDecoded(f *testing.F) {
	for _, s := range []string{"листопада 26", "Листопада", "NOVEMBER 5", "ноябрЯ", "Ґрунт ҂ їжак", "a\xd0", "\xd1\x80\xd2\x82x", "İstanbul"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		s := []byte(text)
		for i := range s {
			j := 0
			for j < len(s[i:]) {
				r, n := utf8.DecodeRune(s[i+j:])
				if !letter.Is(r) {
					break
				}
				j += n
			}
			if got := letters(s[i:]); got != j {
				t.Fatalf("letters(%q) = %d, decoded %d", s[i:], got, j)
			}
		}
		for _, loc := range []string{"uk", "ru", "en"} {
			ts := typesetterOf(loc)
			for _, w := range append(strings.Fields(text), text) {
				want := slices.Contains(ts.months, strings.ToLower(w))
				if got := ts.isMonth([]byte(w)); got != want {
					t.Fatalf("%s isMonth(%q) = %v, strings.ToLower says %v", loc, w, got, want)
				}
			}
		}
	})
}

// FuzzWriteText holds writeText's shortcut to goldmark's writer: any
// bytes come out as html.DefaultWriter.Write writes them.
func FuzzWriteText(f *testing.F) {
	for _, s := range []string{"Київ, 26 листопада", "a &amp; b &#x41; &#65; &nbsp;", "\\*not\\* \\", "<b>\"x\"</b>", "nul\x00byte", "\xff\xfe"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, v []byte) {
		var got, want bytes.Buffer
		gw, ww := bufio.NewWriter(&got), bufio.NewWriter(&want)
		writeText(gw, v)
		html.DefaultWriter.Write(ww, v)
		gw.Flush()
		ww.Flush()
		if got.String() != want.String() {
			t.Fatalf("%q: writeText %q, goldmark %q", v, got.String(), want.String())
		}
	})
}

// rulesByRune is the typesetter's rules as they are stated, read rune by
// rune from the start of the text, each at a rune where a word starts
// (the rune before it does not continue one): the reading rules must
// agree with (FuzzRulesAsRead), which looks only at the bytes where a
// rule applies.
func (ts *typesetter) rulesByRune(s []byte, out []edit) []edit {
	space := func(i int) bool { return i >= 0 && i < len(s) && (s[i] == ' ' || s[i] == '\n') }
	bind := func(i int, with string) {
		if len(out) > 0 && out[len(out)-1].at == i {
			return
		}
		out = append(out, edit{at: i, del: 1, ins: with})
	}
	prevWord := false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRune(s[i:])
		start := i == 0 || !prevWord
		prevWord = wordRune(r)
		switch {
		// A one-letter preposition or conjunction: в Україні, І справді.
		case start && space(i+n) && len(ts.oneLetter) > 0 && slices.Contains(ts.oneLetter, r) &&
			i+n+1 < len(s) && !space(i+n+1):
			bind(i+n, nbsp)
		// A space before an em dash: приклад — страта.
		case r == '—' && space(i-1) && i >= 2 && !space(i-2):
			bind(i-1, nbsp)
		// A day and its month, a number and its %.
		case start && '0' <= r && r <= '9':
			j := i
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
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
		// A month and its day: November 26.
		case start && letter.Is(r) && len(ts.months) > 0:
			j := i
			for j < len(s) {
				r, n := utf8.DecodeRune(s[j:])
				if !letter.Is(r) {
					break
				}
				j += n
			}
			if space(j) && j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9' && slices.Contains(ts.months, strings.ToLower(string(s[i:j]))) {
				k := j + 1
				for k < len(s) && s[k] >= '0' && s[k] <= '9' {
					k++
				}
				if k-j-1 <= 2 && !wordAfter(s[k:]) {
					bind(j, nbsp)
				}
			}
		}
		i += n
	}
	return out
}

// rulesCases are texts on which each rule applies, or almost: at the
// start and the end of the text, next to each other, in invalid UTF-8,
// after a word's apostrophe or hyphen, with letters of U+2000–U+2FFF
// (whose first byte an em dash shares).
var rulesCases = []string{
	"Війна в Україні й далі.", "І справді, у полоні з ними.", "а також о пів на", "в", "в ", " в x", "в  x", "x в\nx",
	"К счастью, с ними и в плену.", "по-в нього з'їзд в", "’в x", "-в x", "5в x", "\xd0в x", "\xe2\x80в x", "\xf0\x90в x",
	"Приклад — страта, 1941–1945.", "— x", " — x", "x  — x", "в — x", "x —", "\xe2\x80", "ℂ— x", "ⰰ — ℂ 5",
	"26 листопада 2024 року, 8 Листопада", "25 июля 2022 года", "On July 25, 2022 and 8 November 2024",
	"2024 листопада, 123 липня", "July 5a, July 5-й, July 123, July 5", "xJuly 5", "-July 5", "July\n5", "July  5",
	"95% пленных и 5 % других, 50%-ный", "5 %", "5%", "5%a", "a5 %", "5 \xd0", "٣ листопада, ２０ % і १० в",
	"в 5 %", "в 26 листопада", "з 5 листопада — 6", "ІІ в", "У\u00a0x", "в\u00a0x",
}

// FuzzRulesAsRead holds rules, which looks only at the bytes where a rule
// applies, to the rules read rune by rune (rulesByRune): the same edits
// on any text, in each locale, one without month names (de) included.
func FuzzRulesAsRead(f *testing.F) {
	for _, s := range rulesCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		s := []byte(text)
		for _, loc := range []string{"uk", "ru", "en", "de"} {
			ts := typesetterOf(loc)
			if got, want := ts.rules(s, nil), ts.rulesByRune(s, nil); !slices.Equal(got, want) {
				t.Fatalf("%s %q: rules %+v, read rune by rune %+v", loc, text, got, want)
			}
		}
	})
}

// TestOneLetterAnyCase holds each language's one-letter words, as the
// typesetter keeps them (in either case, anyCase), to their statement:
// the runes whose unicode.ToLower is one of them, over every rune.
func TestOneLetterAnyCase(t *testing.T) {
	for lang, lower := range oneLetter {
		ts := typesetterOf(lang)
		for r := rune(0); r <= unicode.MaxRune; r++ {
			if want := strings.ContainsRune(lower, unicode.ToLower(r)); ts.isOneLetter(r) != want {
				t.Errorf("%s: %U (%c) one-letter word %v, unicode.ToLower says %v", lang, r, r, !want, want)
			}
		}
		if len(ts.oneLetter) != 2*utf8.RuneCountInString(lower) {
			t.Errorf("%s: %d one-letter runes in either case, want %d", lang, len(ts.oneLetter), 2*utf8.RuneCountInString(lower))
		}
	}
}

// FuzzNextRuleByte holds nextRuleByte, eight bytes at a time, to a look
// at each byte, from each byte of any text (and holdsRuleByte to its
// eight bytes: each byte value in each place is among the seeds).
func FuzzNextRuleByte(f *testing.F) {
	for c := range 256 {
		for at := range 8 {
			b := []byte("abcdefghijklmnop")
			b[at+at%3] = byte(c)
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, s []byte) {
		for i := range len(s) + 1 {
			want := i
			for want < len(s) && !ruleByte[s[want]] {
				want++
			}
			if got := nextRuleByte(s, i); got != want {
				t.Fatalf("nextRuleByte(%q, %d) = %d, want %d", s, i, got, want)
			}
		}
	})
}
