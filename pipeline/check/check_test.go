package check

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/l10n-dev/l10n/pipeline/glossary"
	"github.com/l10n-dev/l10n/pipeline/segment"
)

// seedUnit is a unit of the seed article with its translations.
type seedUnit struct {
	EN string `yaml:"en"`
	UK string `yaml:"uk"`
	RU string `yaml:"ru"`
}

func (u seedUnit) in(locale string) string {
	if locale == "ru" {
		return u.RU
	}
	return u.UK
}

type fixtures struct {
	units    map[string]seedUnit
	order    []string
	glossary *glossary.Glossary
}

// loadFixtures reads testdata/seed.yaml (the seed article's units) and
// the project's glossary.
func loadFixtures() (*fixtures, error) {
	data, err := os.ReadFile("testdata/seed.yaml")
	if err != nil {
		return nil, err
	}
	f := &fixtures{}
	if err := yaml.Unmarshal(data, &f.units); err != nil {
		return nil, err
	}
	var order yaml.Node
	if err := yaml.Unmarshal(data, &order); err != nil {
		return nil, err
	}
	for i := 0; i < len(order.Content[0].Content); i += 2 {
		f.order = append(f.order, order.Content[0].Content[i].Value)
	}
	f.glossary, err = glossary.Load("../../glossary.yaml")
	return f, err
}

func seed(t testing.TB) *fixtures {
	t.Helper()
	f, err := loadFixtures()
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// mutation is a table case: a seed unit in a locale, the translation (and
// maybe the source) edited, and the keys of the findings wanted.
type mutation struct {
	name   string
	locale string
	unit   string
	edits  []string // old, new, … applied once each to the translation
	src    []string // old, new, … applied to the English source
	target *string  // replaces the translation outright
	single bool     // a heading or table cell
	want   []string // Finding.Key of each finding, in order
}

func edit(t *testing.T, s string, pairs []string) string {
	t.Helper()
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			t.Fatalf("%q is not in %q", pairs[i], s)
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	return s
}

func text(s string) *string { return &s }

type family func(c *Checker, src, tgt *Text, single bool) []Finding

func runTable(t *testing.T, check string, fam family, tests []mutation) {
	f := seed(t)
	for _, tt := range tests {
		t.Run(tt.locale+"/"+tt.name, func(t *testing.T) {
			u, ok := f.units[tt.unit]
			if !ok {
				t.Fatalf("no unit %q", tt.unit)
			}
			src := edit(t, u.EN, tt.src)
			tgt := edit(t, u.in(tt.locale), tt.edits)
			if tt.target != nil {
				tgt = *tt.target
			}
			c := New("en", tt.locale, f.glossary, nil)
			got := fam(c, c.Parse(src), c.Parse(tgt), tt.single)
			keys := []string{}
			for _, x := range got {
				if x.Check != check {
					t.Errorf("finding of check %q: %+v", x.Check, x)
				}
				keys = append(keys, x.Key)
			}
			want := tt.want
			if want == nil {
				want = []string{}
			}
			if !reflect.DeepEqual(keys, want) {
				t.Errorf("keys %q, want %q", keys, want)
				for _, x := range got {
					t.Logf("  %s: %s", x.Key, x.Message)
				}
			}
		})
	}
}

// TestSeedIsClean runs every check on every seed unit in both locales:
// the passing case of every family on real sentences.
func TestSeedIsClean(t *testing.T) {
	f := seed(t)
	if len(f.order) < 20 {
		t.Fatalf("only %d seed units", len(f.order))
	}
	for _, loc := range []string{"uk", "ru"} {
		c := New("en", loc, f.glossary, nil)
		for _, id := range f.order {
			u := f.units[id]
			for _, x := range c.CheckStrings(u.EN, u.in(loc)) {
				t.Errorf("%s %s: [%s] %s", loc, id, x.Check, x.Message)
			}
		}
	}
}

func TestMarkup(t *testing.T) {
	runTable(t, Markup, func(c *Checker, s, tg *Text, single bool) []Finding { return c.Markup(s, tg, single) }, []mutation{
		{name: "link moved", locale: "ru", unit: "p-in-total-about", edits: []string{"домой [вернули](#)", "[вернули домой](#)"}},
		{name: "link dropped", locale: "uk", unit: "p-in-total-about", edits: []string{"[повернули](#)", "повернули"}, want: []string{"link"}},
		{name: "link destination changed", locale: "ru", unit: "p-in-total-about", edits: []string{"[данным](#)", "[данным](https://example.org)"}, want: []string{"link", "link"}},
		{name: "strong kept", locale: "uk", unit: "p-mikhail-tereshchenko-tass"},
		{name: "strong lost", locale: "uk", unit: "p-mikhail-tereshchenko-tass", edits: []string{"**Михайло Терещенко / ТАСС**", "Михайло Терещенко / ТАСС"}, want: []string{"strong"}},
		{name: "strong became emphasis", locale: "ru", unit: "p-related-article-the", edits: []string{"**Читайте также:**", "*Читайте также:*"}, want: []string{"emphasis", "strong"}},
		{name: "emphasis lost", locale: "ru", unit: "p-the-views-expressed", edits: []string{"*Мнения", "Мнения", "Times.*", "Times."}, want: []string{"emphasis"}},
		{name: "code span kept", locale: "uk", unit: "p-according-to-the", src: []string{"UN Monitoring Mission", "UN Monitoring Mission (`HRMMU`)"}, edits: []string{"місії ООН", "місії ООН (`HRMMU`)"}},
		{name: "code span translated", locale: "uk", unit: "p-according-to-the", src: []string{"UN Monitoring Mission", "UN Monitoring Mission (`HRMMU`)"}, edits: []string{"місії ООН", "місії ООН (`ХРММУ`)"}, want: []string{"code", "code"}},
		{name: "image kept", locale: "ru", unit: "p-the-tied-hands", src: []string{"unit.", "unit. ![Akhmat](akhmat.jpg)"}, edits: []string{"«Ахмат».", "«Ахмат». ![«Ахмат»](akhmat.jpg)"}},
		{name: "image source changed", locale: "ru", unit: "p-the-tied-hands", src: []string{"unit.", "unit. ![Akhmat](akhmat.jpg)"}, edits: []string{"«Ахмат».", "«Ахмат». ![«Ахмат»](akhmat.png)"}, want: []string{"image", "image"}},
		{name: "inline html kept", locale: "uk", unit: "p-november-26-2024", src: []string{"2024", "<time>2024</time>"}, edits: []string{"2024 року", "<time>2024</time> року"}},
		{name: "inline html dropped", locale: "uk", unit: "p-november-26-2024", src: []string{"2024", "<time>2024</time>"}, want: []string{"html", "html"}},
		{name: "strikethrough lost", locale: "ru", unit: "p-it-is-also", src: []string{"five resolutions", "~~five~~ resolutions"}, want: []string{"strikethrough"}},
		{name: "hard break kept", locale: "uk", unit: "p-by-anton-zemlianyi", src: []string{"By ", "By\\\n"}, edits: []string{"Автор: ", "Автор:\\\n"}},
		{name: "hard break lost", locale: "uk", unit: "p-by-anton-zemlianyi", src: []string{"By ", "By\\\n"}, want: []string{"break"}},
		{name: "starts a list", locale: "ru", unit: "p-november-26-2024", edits: []string{"26 ноября", "26. ноября"}, want: []string{"block"}},
		{name: "heading on one line", locale: "uk", unit: "h1-ngo-indifference-to", single: true},
		{name: "a heading cannot start a list", locale: "uk", unit: "h1-ngo-indifference-to", single: true, src: []string{"NGO", "1. NGO"}, edits: []string{"Байдужість", "⟦1. Байдужість"}},
		{name: "placeable kept", locale: "uk", unit: "p-november-26-2024", src: []string{"2024", `2024 {{< ref "a.md" >}}`}, edits: []string{"2024 року", `2024 року {{< ref "a.md" >}}`}},
		{name: "placeable changed", locale: "uk", unit: "p-november-26-2024", src: []string{"2024", `2024 {{< ref "a.md" >}}`}, edits: []string{"2024 року", `2024 року {{< ref "а.md" >}}`}, want: []string{"placeable", "placeable"}},
		{name: "placeable dropped", locale: "uk", unit: "p-november-26-2024", src: []string{"2024", "2024 {{% param author %}}"}, want: []string{"placeable"}},
		{name: "heading broken in two", locale: "uk", unit: "h1-ngo-indifference-to", single: true, edits: []string{"смертоносна, ", "смертоносна,\n"}, want: []string{"newline"}},
	})
}

// TestMarkupReferences checks that reference links resolve through the
// article's definitions, so [text][ref] and [text](url) compare equal.
func TestMarkupReferences(t *testing.T) {
	doc, err := segment.Parse([]byte("See [the report][un].\n\n[un]: https://www.ohchr.org/report\n"))
	if err != nil {
		t.Fatal(err)
	}
	c := New("en", "uk", nil, doc.Tree)
	src := c.Parse("See [the report][un].")
	for tgt, want := range map[string]int{
		"Див. [доповідь][un].":                            0,
		"Див. [доповідь](https://www.ohchr.org/report).":  0,
		"Див. [доповідь](https://www.ohchr.org/reports).": 2,
		"Див. [доповідь][ун].":                            1,
	} {
		if got := c.Markup(src, c.Parse(tgt), false); len(got) != want {
			t.Errorf("%q: %d findings, want %d: %v", tgt, len(got), want, got)
		}
	}
}

// TestMarkupFrame checks that the block a translation's lines start is
// read as the article holds them: a line that continues an indented
// paragraph line can start with anything, one that continues a line at
// the paragraph's column cannot start a list.
func TestMarkupFrame(t *testing.T) {
	doc, err := segment.Parse([]byte("Foo `bar\n    ---\n    1. baz` and more\n\n- Item one\n  two\n"))
	if err != nil {
		t.Fatal(err)
	}
	c := New("en", "uk", nil, doc.Tree)
	parse := func(i int, s string) *Text {
		t := c.Parse(s)
		t.Block = doc.Frame(i, s)
		return t
	}
	for _, tc := range []struct {
		unit     int
		tgt      string
		findings int
	}{
		{0, "Фу `bar\n---\n1. baz` і більше", 0},
		{0, "⟦Ƒöö `bar\n---\n1. baz` ááñđ ɱööŕéé⟧", 0},
		{0, "Фу `bar --- 1. baz` і більше", 0},
		{1, "Пункт\nдругий", 0},
		{1, "Пункт\n- другий", 1},
	} {
		src := parse(tc.unit, doc.Units[tc.unit].Text)
		if got := c.Markup(src, parse(tc.unit, tc.tgt), false); len(got) != tc.findings {
			t.Errorf("%q: %v, want %d findings", tc.tgt, got, tc.findings)
		}
	}
}

// TestPlain checks that a front-matter field is plain text: what looks
// like Markdown in it is not markup.
func TestPlain(t *testing.T) {
	c := New("en", "uk", nil, nil)
	src := c.ParseSourcePlain("Returns the `identifier` of *the* entry")
	if got := c.Check(src, c.ParsePlain("Повертає ідентифікатор запису"), true); len(got) != 0 {
		t.Errorf("findings in plain text: %v", got)
	}
	if got := c.Check(c.ParseSource("Returns the `identifier`"), c.Parse("Повертає ідентифікатор"), true); len(got) != 1 {
		t.Errorf("Markdown: %v, want the code span", got)
	}
}

func TestNumbers(t *testing.T) {
	runTable(t, Numbers, func(c *Checker, s, tg *Text, _ bool) []Finding { return c.Numbers(s, tg) }, []mutation{
		{name: "grouped with U+00A0", locale: "uk", unit: "p-in-total-about"},
		{name: "grouped with U+00A0", locale: "ru", unit: "p-in-total-about"},
		{name: "grouped with U+202F", locale: "uk", unit: "p-in-total-about", edits: []string{"3\u00a0767", "3\u202f767"}},
		{name: "grouped with a space", locale: "ru", unit: "p-in-total-about", edits: []string{"3\u00a0767", "3 767"}},
		{name: "not grouped", locale: "ru", unit: "p-in-total-about", edits: []string{"3\u00a0767", "3767", "14\u00a0000", "14000"}},
		{name: "English grouping reads as a fraction", locale: "uk", unit: "p-in-total-about", edits: []string{"3\u00a0767", "3,767"}, want: []string{"3,767"}},
		{name: "dot grouping", locale: "ru", unit: "p-in-total-about", edits: []string{"14\u00a0000", "14.000"}, want: []string{"14,000"}},
		{name: "dates, counts and a year", locale: "uk", unit: "p-at-least-177"},
		{name: "dates, counts and a year", locale: "ru", unit: "p-at-least-177"},
		{name: "number in words", locale: "uk", unit: "p-at-least-177", edits: []string{"щонайменше 177", "щонайменше сто сімдесят сім"}},
		{name: "number in wrong words", locale: "uk", unit: "p-at-least-177", edits: []string{"щонайменше 177", "щонайменше сто сімдесят шість"}, want: []string{"177"}},
		{name: "number changed", locale: "ru", unit: "p-at-least-177", edits: []string{"563", "536"}, want: []string{"563"}},
		{name: "year grouped", locale: "uk", unit: "p-at-least-177", edits: []string{"2022 року", "2\u00a0022 року"}, want: []string{"2022"}},
		{name: "year and count side by side", locale: "uk", unit: "p-at-least-177", edits: []string{"ще 130", "у 2022 130"}},
		{name: "percent without space", locale: "uk", unit: "p-according-to-the"},
		{name: "percent with U+00A0", locale: "ru", unit: "p-according-to-the"},
		{name: "percent sign lost", locale: "ru", unit: "p-according-to-the", edits: []string{"95\u00a0%", "95"}, want: []string{"95%"}},
		{name: "percent spelled", locale: "uk", unit: "p-according-to-the", edits: []string{"95%", "95 відсотків"}},
		// A percent word is prose, which a translation (or the
		// pseudo-locale, as "þééŕçééñţ") writes in its own way.
		{name: "percent word asks for the number", locale: "uk", unit: "p-according-to-the", src: []string{"95%", "95 percent"}, edits: []string{"95%", "95 \u0432\u0456\u0434\u0441\u043e\u0442\u043a\u0456\u0432"}},
		{name: "percent word, sign in the translation", locale: "uk", unit: "p-according-to-the", src: []string{"95%", "95 percent"}},
		{name: "percent word in the pseudo-locale", locale: "en-XA", unit: "p-according-to-the", src: []string{"95%", "95 percent"}, edits: []string{"95%", "95 þééŕçééñţ"}},
		{name: "percent word, number lost", locale: "uk", unit: "p-according-to-the", src: []string{"95%", "95 percent"}, edits: []string{"95%", "багато"}, want: []string{"95"}},
		{name: "ordinal", locale: "uk", unit: "p-for-example-during"},
		{name: "ordinal and year", locale: "ru", unit: "p-it-is-also"},
		{name: "ordinal changed", locale: "ru", unit: "p-it-is-also", edits: []string{"34-й", "43-й"}, want: []string{"34"}},
		{name: "spelled-out source imposes nothing", locale: "uk", unit: "p-after-each-russian"},
		{name: "decimal comma", locale: "uk", unit: "p-in-total-about", src: []string{"about 3,767", "about 3.5 thousand"}, edits: []string{"3\u00a0767", "3,5 тисячі"}},
		{name: "decimal point", locale: "ru", unit: "p-in-total-about", src: []string{"about 3,767", "about 3.5 thousand"}, edits: []string{"3\u00a0767", "3.5 тысячи"}, want: []string{"3.5"}},
		{name: "code and links impose nothing", locale: "uk", unit: "p-by-anton-zemlianyi", src: []string{"(#)", "(https://example.org/2024/11/26)"}, edits: []string{"(#)", "(https://example.org/2024/11/26)"}},
	})
}

func TestGlossary(t *testing.T) {
	runTable(t, Glossary, func(c *Checker, s, tg *Text, _ bool) []Finding { return c.Glossary(s, tg) }, []mutation{
		{name: "inflected terms", locale: "uk", unit: "p-in-recent-years"},
		{name: "inflected terms", locale: "ru", unit: "p-in-recent-years"},
		{name: "required term absent", locale: "uk", unit: "p-in-total-about", edits: []string{"військовополонених", "полонених"}, want: []string{"pow"}},
		{name: "required term absent", locale: "ru", unit: "p-in-recent-years", edits: []string{"Международный комитет Красного Креста (МККК)", "Красный Крест"}, want: []string{"icrc"}},
		{name: "abbreviation is case-sensitive", locale: "uk", unit: "p-after-each-russian", edits: []string{"МКЧХ", "мкчх"}, want: []string{"icrc"}},
		{name: "forbidden form", locale: "uk", unit: "p-in-total-about", edits: []string{"Києвом", "Киевом"}, want: []string{"kyiv"}},
		{name: "forbidden phrase", locale: "ru", unit: "p-in-recent-years", edits: []string{"в Украине", "на Украине"}, want: []string{"ukraine"}},
		{name: "forbidden next to approved", locale: "ru", unit: "p-in-april-2024", edits: []string{"Российского Красного Креста", "Русского Красного Креста"}, want: []string{"russian-red-cross"}},
		{name: "straight apostrophe is the same letter", locale: "uk", unit: "p-in-april-2024", edits: []string{"з українськими полоненими", "з українськими в'язнями"}, want: []string{"prisoner"}},
		{name: "keep-as-is name kept", locale: "uk", unit: "p-the-views-expressed"},
		{name: "keep-as-is name translated", locale: "uk", unit: "p-the-views-expressed", edits: []string{"The Moscow Times", "Зе Москоу Таймс"}, want: []string{"moscow", "the-moscow-times"}},
		{name: "keep-as-is name altered", locale: "ru", unit: "p-in-april-2024", edits: []string{"Kremlin Leaks", "Кремлин Ликс"}, want: []string{"kremlin-leaks"}},
		{name: "English possessive triggers", locale: "ru", unit: "p-families-of-ukrainian", edits: []string{"у МККК нет", "у комитета нет"}, want: []string{"icrc"}},
	})
}

func TestTypography(t *testing.T) {
	runTable(t, Typography, func(c *Checker, _, tg *Text, _ bool) []Finding { return c.Typography(tg) }, []mutation{
		{name: "guillemets", locale: "uk", unit: "p-at-least-177"},
		{name: "straight quotes", locale: "uk", unit: "p-at-least-177", edits: []string{"«Азовсталь»", `"Азовсталь"`}, want: []string{"quotes"}},
		{name: "straight quotes", locale: "ru", unit: "p-the-tied-hands", edits: []string{"«Ахмат»", `"Ахмат"`}, want: []string{"quotes"}},
		{name: "straight single quotes", locale: "ru", unit: "p-the-tied-hands", edits: []string{"«Ахмат»", `'Ахмат'`}, want: []string{"quotes"}},
		{name: "quotes in code are code", locale: "ru", unit: "p-the-tied-hands", edits: []string{"«Ахмат»", "«Ахмат» `\"x\"`"}},
		{name: "quotes in a URL are the URL's", locale: "uk", unit: "p-by-anton-zemlianyi", edits: []string{"(#)", `(https://example.org/?q="a")`}},
		{name: "letter apostrophe", locale: "uk", unit: "p-in-total-about"},
		{name: "right single quotation mark", locale: "uk", unit: "p-in-total-about", edits: []string{"пʼятдесяти", "п’ятдесяти"}},
		{name: "straight apostrophe", locale: "uk", unit: "p-in-total-about", edits: []string{"пʼятдесяти", "п'ятдесяти"}, want: []string{"apostrophe"}},
		{name: "straight apostrophe in a name", locale: "ru", unit: "p-the-tied-hands", edits: []string{"«Ахмат»", "«О'Брайен»"}, want: []string{"apostrophe"}},
		{name: "double space", locale: "ru", unit: "p-in-total-about", edits: []string{"Всего благодаря", "Всего  благодаря"}, want: []string{"spaces"}},
		{name: "space before a comma", locale: "uk", unit: "p-in-total-about", edits: []string{"Проте, за", "Проте , за"}, want: []string{"punctuation"}},
		{name: "space before a colon", locale: "ru", unit: "p-related-article-the", edits: []string{"также:", "также :"}, want: []string{"punctuation"}},
		{name: "dash", locale: "ru", unit: "p-at-least-177"},
		{name: "hyphen as a dash", locale: "ru", unit: "p-at-least-177", edits: []string{"пример — циничная", "пример - циничная"}, want: []string{"dash"}},
		{name: "hyphen in a word", locale: "ru", unit: "p-in-total-about", edits: []string{"по-прежнему", "по-прежнему"}},
		{name: "every rule once", locale: "uk", unit: "p-at-least-177", edits: []string{"«Азовсталь»", `"Азовсталь"`, "приклад — цинічна", "приклад - цинічна", "випадок — [", "випадок - ["}, want: []string{"dash", "quotes"}},
	})
	c := New("en", "en-XA", nil, nil)
	if got := c.Typography(c.Parse(`"Quoted" - text  here .`)); len(got) != 0 {
		t.Errorf("en-XA typography checked: %v", got)
	}
}

func TestUnchanged(t *testing.T) {
	f := seed(t)
	runTable(t, Unchanged, func(c *Checker, s, tg *Text, _ bool) []Finding { return c.Unchanged(s, tg) }, []mutation{
		{name: "translated", locale: "uk", unit: "p-the-tied-hands"},
		{name: "left in English", locale: "uk", unit: "p-the-tied-hands", target: text(f.units["p-the-tied-hands"].EN), want: []string{""}},
		{name: "left in English", locale: "ru", unit: "p-original-url", target: text("Original url:"), want: []string{""}},
		{name: "only a keep-as-is name", locale: "ru", unit: "p-original-url", src: []string{"Original url:", "*The Moscow Times*"}, target: text("*The Moscow Times*")},
		{name: "only a Latin approved form", locale: "uk", unit: "p-original-url", src: []string{"Original url:", "[Kremlin Leaks](https://example.org)"}, target: text("[Kremlin Leaks](https://example.org)")},
		{name: "no letters", locale: "uk", unit: "p-original-url", src: []string{"Original url:", "`l10n check` 2024"}, target: text("`l10n check` 2024")},
	})
}

func TestLength(t *testing.T) {
	f := seed(t)
	long := f.units["p-in-total-about"].RU
	runTable(t, Length, func(c *Checker, s, tg *Text, _ bool) []Finding { return c.Length(s, tg) }, []mutation{
		{name: "normal", locale: "uk", unit: "p-at-least-177"},
		{name: "normal", locale: "ru", unit: "p-the-internationa-community"},
		{name: "sentences left out", locale: "uk", unit: "p-at-least-177", target: text("Від початку повномасштабного вторгнення в російському полоні [було вбито](#) щонайменше 177 українців."), want: []string{""}},
		{name: "units pasted together", locale: "ru", unit: "p-in-total-about", target: text(long + " " + long + " " + long), want: []string{""}},
		{name: "short units are not measured", locale: "ru", unit: "p-original-url", target: text("Источник:")},
	})
}

func TestParseSuppressions(t *testing.T) {
	tests := []struct {
		comment string
		sups    []string // Suppression.String of each
		bad     int
	}{
		{`# l10n:ignore glossary:pow — "полонених" covers civilians here`, []string{"glossary:pow"}, 0},
		{"# l10n:ignore typography -- the quote is a code sample", []string{"typography"}, 0},
		{"#l10n:ignore numbers:3,767 - rounded in the Russian edition", []string{"numbers:3,767"}, 0},
		{"# l10n:ignore typography:quotes length — a quoted slogan", []string{"typography:quotes", "length"}, 0},
		{"# l10n:ignore typography:quotes length", nil, 1},
		{"# l10n:ignore glossary:pow", nil, 1},
		{"# l10n:ignore glossary:pow —", nil, 1},
		{"# l10n:ignore glossary:pow because", nil, 1},
		{"# l10n:ignore glosary:pow — typo", nil, 1},
		{"# l10n:ignore — no check", nil, 1},
		{"# l10n:ignored glossary — typo", nil, 1},
		{"# a note about l10n:ignore", nil, 0},
		{"# just a note", nil, 0},
	}
	for _, tt := range tests {
		sups, bad := ParseSuppressions([]string{tt.comment})
		var got []string
		for _, s := range sups {
			got = append(got, s.String())
		}
		if !reflect.DeepEqual(got, tt.sups) || len(bad) != tt.bad {
			t.Errorf("%q: %q and %d bad, want %q and %d", tt.comment, got, len(bad), tt.sups, tt.bad)
		}
		for _, b := range bad {
			if b.Check != SuppressionCheck || b.Severity != Error {
				t.Errorf("%q: %+v", tt.comment, b)
			}
		}
	}
}

func TestSuppress(t *testing.T) {
	fs := []Finding{
		{Check: Glossary, Key: "pow"}, {Check: Glossary, Key: "icrc"}, {Check: Typography, Key: "quotes"},
		{Check: SuppressionCheck, Message: "no reason"},
	}
	sups, _ := ParseSuppressions([]string{
		"# l10n:ignore glossary:pow — civilians too",
		"# l10n:ignore typography — a quoted slogan",
		"# l10n:ignore suppression — cannot be silenced",
		"# l10n:ignore numbers:5 — nothing to silence",
	})
	kept, n, unused := Suppress(fs, sups)
	if n != 2 || len(kept) != 2 || kept[0].Key != "icrc" || kept[1].Check != SuppressionCheck {
		t.Errorf("kept %v, %d suppressed", kept, n)
	}
	if len(unused) != 1 || unused[0].String() != "numbers:5" {
		t.Errorf("unused %v", unused)
	}
}

func TestSeverity(t *testing.T) {
	for _, s := range []Severity{Info, Warning, Error} {
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var back Severity
		if err := json.Unmarshal(b, &back); err != nil || back != s {
			t.Errorf("%s: %s → %v, %v", s, b, back, err)
		}
	}
	if _, err := ParseSeverity("fatal"); err == nil {
		t.Error("ParseSeverity(fatal): no error")
	}
	if !(Error > Warning && Warning > Info) {
		t.Error("severities out of order")
	}
}

// BenchmarkCheck checks every seed unit in Ukrainian and Russian.
func BenchmarkCheck(b *testing.B) {
	f := seed(b)
	cs := []*Checker{New("en", "uk", f.glossary, nil), New("en", "ru", f.glossary, nil)}
	for b.Loop() {
		for _, c := range cs {
			for _, id := range f.order {
				u := f.units[id]
				c.CheckStrings(u.EN, u.in(c.Locale))
			}
		}
	}
}

// TestIssueCases runs the cases of the issue that asked for dates,
// English left behind, lost sentences, number words and better
// severities on the seed's units: the correct alternatives must pass, the
// mistakes must be found by the right check.
func TestIssueCases(t *testing.T) {
	f := seed(t)
	tests := []struct {
		name, locale, unit string
		edits              []string
		want               []string // check of each finding, in order
	}{
		// Correct alternatives that used to fail.
		{"Roman ordinal", "ru", "p-it-is-also", []string{"34-й Международной", "XXXIV Международной"}, nil},
		{"thousands in words", "uk", "p-in-total-about", []string{"14\u00a0000 громадян", "14 тисяч громадян"}, nil},
		{"thousands abbreviated", "ru", "p-in-total-about", []string{"14\u00a0000 граждан", "14 тыс. граждан"}, nil},
		{"adjective for a country", "uk", "p-related-article-the", []string{"партнерств Росії", "російських партнерств"}, nil},
		{"paraphrase of a term", "ru", "p-the-vast-majority", []string{"освобожденных пленных", "вышедших из плена"}, nil},
		{"consonant alternation", "uk", "p-at-least-177", []string{"в Оленівській колонії", "в Оленівці"}, nil},
		{"й for і in a term", "uk", "p-it-is-also", []string{"Хреста та Червоного", "Хреста й Червоного"}, nil},
		{"war left out", "ru", "p-it-is-also", []string{"Второй мировой войны", "Второй мировой"}, nil},
		// Mistakes that used to pass.
		{"English clause pasted", "uk", "p-due-to-the", []string{"Через відсутність міжнародного контролю реальна", "Due to the lack of international oversightреальна"}, []string{Untranslated}},
		{"month changed", "uk", "p-november-26-2024", []string{"листопада", "жовтня"}, []string{Dates}},
		{"abbreviated month changed", "uk", "p-at-least-177", []string{"8 листопада", "8 червня"}, []string{Dates}},
		{"sentence deleted", "uk", "p-due-to-the", []string{" Однак є вагомі підстави вважати, що списки, передані російською стороною, неповні.", ""}, []string{Sentences}},
		{"percent spaced", "uk", "p-according-to-the", []string{"95%", "95 %"}, []string{Typography}},
		{"spelled-out number changed", "ru", "p-in-total-about", []string{"пятидесяти", "пятнадцати"}, []string{Numbers}},
		{"doubled word", "uk", "p-the-internationa-community", []string{"визначення того, як", "визначення того, як як"}, []string{Doubled}},
		{"surname with a Russian ending", "uk", "p-by-anton-zemlianyi", []string{"Земляний", "Земляной"}, []string{Glossary}},
		{"unit left in English", "ru", "p-original-url", []string{"Оригинал статьи:", "Original url:"}, []string{Unchanged}},
	}
	for _, tt := range tests {
		t.Run(tt.locale+"/"+tt.name, func(t *testing.T) {
			u := f.units[tt.unit]
			c := New("en", tt.locale, f.glossary, nil)
			got := []string{}
			for _, x := range c.CheckStrings(u.EN, edit(t, u.in(tt.locale), tt.edits)) {
				got = append(got, x.Check)
				if x.Check == Glossary && f.glossary.Term(x.Key).Strict && x.Severity != Error {
					t.Errorf("glossary finding on a strict term is a %s", x.Severity)
				}
			}
			want := tt.want
			if want == nil {
				want = []string{}
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("checks %q, want %q", got, want)
			}
		})
	}
}

func TestSourceDates(t *testing.T) {
	got := []string{}
	for _, d := range sourceDates("On November 26, 2024, and Nov. 8 and on 8 November 2024, July 25–29, in October 2024, May I say, since 2022 and May 5th.") {
		got = append(got, d.key())
	}
	want := []string{"2024-11-26", "11-08", "07-25-29", "05-05", "2024-11-08", "2024-10"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("dates %q, want %q", got, want)
	}
}

func TestNumberHelpers(t *testing.T) {
	for s, want := range map[string]int{"XXXIV": 34, "IV": 4, "MCMXLV": 1945, "IIII": 0, "VX": 0, "": 0} {
		if got := roman(s); got != want {
			t.Errorf("roman(%q) = %d, want %d", s, got, want)
		}
	}
	for _, tt := range [][3]string{{"14", "3", "14000"}, {"3.5", "3", "3500"}, {"3.2", "9", "3200000000"}, {"1.25", "1", "12.5"}} {
		if got := scale(tt[0], atoi(tt[1])); got != tt[2] {
			t.Errorf("scale(%s, %s) = %s, want %s", tt[0], tt[1], got, tt[2])
		}
	}
	words := numberWordTables()["uk"].wordValues(dateTokens("сто сімдесят сім, двадцять пʼять тисяч і тричі"))
	for _, v := range []string{"177", "25000", "3"} {
		if !strings.Contains(" "+strings.Join(words, " ")+" ", " "+v+" ") {
			t.Errorf("word values %v lack %s", words, v)
		}
	}
	if got := sourceNumberWords("over fifty exchanges, a five-year plan, twenty-five thousand people, one of them"); len(got) != 2 || got[0].value != "50" || got[1].value != "25000" {
		t.Errorf("source number words %+v", got)
	}
}

func TestCLDR(t *testing.T) {
	if !percentSpaced("ru") || percentSpaced("uk") || percentSpaced("en") {
		t.Error("percent spacing: want ru spaced, uk and en not")
	}
	for loc, want := range map[string]bool{"en": true, "en-XA": true, "de": true, "uk": false, "ru": false, "el": false, "ar": false} {
		if got := isLatin(loc); got != want {
			t.Errorf("isLatin(%s) = %v", loc, got)
		}
	}
	if DictionaryFor("uk") != "uk_UA" || DictionaryFor("ru") != "ru_RU" || DictionaryFor("uk-UA") != "uk_UA" {
		t.Errorf("DictionaryFor: %s %s", DictionaryFor("uk"), DictionaryFor("ru"))
	}
}

// TestSpeller runs hunspell: a known and an unknown word, the cache, and
// a dictionary hunspell cannot open.
func TestSpeller(t *testing.T) {
	s, err := StartHunspell("uk_UA")
	if errors.Is(err, ErrNoHunspell) && os.Getenv("CI") != "true" {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	bad, sugg := s.Suggest([]string{"військовополонених", "звільненихх", "пʼять", "п'ять"})
	if !reflect.DeepEqual(bad, []string{"звільненихх"}) || len(sugg["звільненихх"]) == 0 || sugg["звільненихх"][0] != "звільнених" {
		t.Errorf("bad %q, suggestions %q", bad, sugg)
	}
	if bad, _ := s.Suggest([]string{"звільненихх"}); len(bad) != 1 || s.Err() != nil {
		t.Errorf("cached: %q, %v", bad, s.Err())
	}
	x, err := StartHunspell("xx_XX")
	if err != nil {
		t.Fatal(err)
	}
	if bad, _ := x.Suggest([]string{"word"}); bad != nil || x.Err() == nil || !strings.Contains(x.Err().Error(), "xx_XX") {
		t.Errorf("missing dictionary: %q, %v", bad, x.Err())
	}
	_ = x.Close()
}

// TestConsistencySegments checks what a unit gives the consistency check.
func TestConsistencySegments(t *testing.T) {
	f := seed(t)
	c := New("en", "uk", f.glossary, nil)
	u := f.units["p-related-article-the"]
	segs := c.Segments(c.ParseSource(u.EN), c.Parse(u.UK))
	if len(segs) != 2 || segs[0] != (Segment{"Related article:", "Читайте також:"}) {
		t.Fatalf("segments %q", segs)
	}
	k := NewConsistencyIndex()
	other := f.units["p-related-article-ukraine"]
	k.Add("uk", 1, segs)
	if got, ok := k.Add("uk", 2, c.Segments(c.ParseSource(other.EN), c.Parse(other.UK))); ok {
		t.Errorf("the seed's labels agree, got %v", got)
	}
	changed := strings.Replace(other.UK, "Читайте також", "Дивіться також", 1)
	got, ok := k.Add("uk", 3, c.Segments(c.ParseSource(other.EN), c.Parse(changed)))
	if !ok || got.Other != 1 || got.Source != "Related article:" || !strings.Contains(got.Finding("a.yaml:81").Message, "a.yaml:81") {
		t.Errorf("changed label: %v, %v", got, ok)
	}
	if got, ok := k.Add("ru", 4, c.Segments(c.ParseSource(other.EN), c.Parse(changed))); ok {
		t.Errorf("another locale: %v", got)
	}
}

// TestMarkupUnsafeURL checks that a link or image whose URL a browser
// would read with a scheme an edition does not allow is named as such,
// however it is spelt, unless the source has the same URL (a source
// parsed as a target is, or as a source, whose markup is kept for every
// locale).
func TestMarkupUnsafeURL(t *testing.T) {
	tests := []struct {
		name, src, tgt string
		want           string // the unsafe-URL message's start, "" for none
	}{
		{"javascript", "See [the data](#).", "Див. [дані](javascript:alert(1)).", `unsafe URL scheme "javascript" in link to "javascript:alert(1)": build makes it #`},
		{"named entity colon", "See [the data](#).", "Див. [дані](javascript&colon;alert(1)).", `unsafe URL scheme "javascript" in link to "javascript&colon;alert(1)"`},
		{"decimal entity", "See [the data](#).", "Див. [дані](&#106;avascript:alert(1)).", `unsafe URL scheme "javascript"`},
		{"tab entity inside", "See [the data](#).", "Див. [дані](java&Tab;script:alert(1)).", ""},
		{"autolink in capitals", "See [the data](#).", "Див. [дані](#) <JAVASCRIPT:alert(1)>.", `unsafe URL scheme "javascript" in link to "JAVASCRIPT:alert(1)"`},
		{"vbscript autolink", "See [the data](#).", "Див. [дані](#) <vbscript:msgbox(1)>.", `unsafe URL scheme "vbscript"`},
		{"data image", "See [the data](#).", "Див. [дані](#) ![x](data:image/svg+xml;base64,PHN2Zz4=).", `unsafe URL scheme "data" in image "data:image/svg+xml;base64,PHN2Zz4=": build drops the image`},
		{"reference definition", "See [the data](#).", "[x]: javascript:alert(1)\nДив. [дані][x].", `unsafe URL scheme "javascript"`},
		{"https", "See [the data](#).", "Див. [дані](HTTPS://example.org).", ""},
		{"tel and mailto", "See [the data](#).", "Див. [дані](tel:+380441234567) <news@example.org>.", ""},
		{"the source's own", "See [the data](javascript:void(0)).", "Див. [дані](javascript&colon;void(0)).", ""},
	}
	c := New("en", "uk", nil, nil)
	for _, tt := range tests {
		for _, source := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/source=%v", tt.name, source), func(t *testing.T) {
				src := c.Parse(tt.src)
				if source {
					src = c.ParseSource(tt.src)
				}
				testUnsafeURL(t, c.Markup(src, c.Parse(tt.tgt), false), tt.want)
			})
		}
	}
}

// testUnsafeURL checks the unsafe-URL findings of Markup against the
// start of the one message wanted ("" for none).
func testUnsafeURL(t *testing.T, found []Finding, want string) {
	t.Helper()
	var got []string
	for _, f := range found {
		if strings.HasPrefix(f.Message, "unsafe URL") {
			got = append(got, f.Message)
			if f.Severity != Error {
				t.Errorf("severity %v", f.Severity)
			}
		}
	}
	switch {
	case want == "" && len(got) > 0:
		t.Errorf("unexpected %q", got)
	case want != "" && (len(got) != 1 || !strings.HasPrefix(got[0], want)):
		t.Errorf("got %q, want %q…", got, want)
	}
}

func TestUntranslated(t *testing.T) {
	f := seed(t)
	c := New("en", "uk", f.glossary, nil)
	tests := []struct {
		target string
		want   string // the run named, "" for none
	}{
		{"Due to the lack of international oversightреальна кількість більша.", "Due to the lack of international oversi…"},
		{"За даними Human Rights Watch та Institute for the Study of War, це так.", ""},
		{"Проєкт Kremlin Leaks оприлюднив документи.", ""},
		{"The Kremlin Leaks project published документи.", "The Kremlin Leaks project published"},
		{"Див. www.example.org/report.pdf і `go test ./...` тут.", ""},
		{"Вона сказала: «Stand with Ukraine».", ""},
		{"Вона сказала: «we stand with you», і пішла.", "we stand with you"},
		{"Усього 177 of them were killed.", "of them were killed"},
	}
	for _, tt := range tests {
		got := ""
		for _, x := range c.Untranslated(c.Parse(tt.target)) {
			got = strings.TrimPrefix(x.Message, "left in English: ")
			got = strings.Trim(got, `"`)
		}
		if got != tt.want {
			t.Errorf("%q: run %q, want %q", tt.target, got, tt.want)
		}
	}
	if got := New("en", "de", nil, nil).Untranslated(c.Parse("Due to the lack of oversight")); got != nil {
		t.Errorf("a Latin-script locale: %v", got)
	}
}

// TestTrimNumberSpaces wants trimNumberSpaces to be strings.TrimLeft with
// its cut set, on the spaces one by one and mixed, other spaces and
// bytes that start a cut-set rune but are another.
func TestTrimNumberSpaces(t *testing.T) {
	for _, s := range []string{"", " ", "%", " %", "\u00a0%", "\u202f%", "\u2009 \u00a0\u202f%", "  \u2009",
		"\u2002%", "\t%", "\u00a1", "\u2028x", "\u202e%", " \u00a0 відсотків", "\xc2", "\xe2\x80", " \xe2\x80\xaf"} {
		if got, want := trimNumberSpaces(s), strings.TrimLeft(s, " \u00a0\u202f\u2009"); got != want {
			t.Errorf("trimNumberSpaces(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestNumbersAtEdges holds what the seed's sentences do not reach: the
// bounds of what reads as a year (1000–2100, four digits, not grouped in
// the source), which a translation must not group, and a grouped or
// larger number, which it may; a number with a multiplier word on one
// side and all its digits on the other.
func TestNumbersAtEdges(t *testing.T) {
	for _, tc := range []struct {
		name, src, tgt string
		want           []string
	}{
		{"first year grouped", "Founded in 1000.", "Засноване 1\u00a0000 року.", []string{"1000"}},
		{"last year grouped", "By 2100 the sea rises.", "До 2\u00a0100 року море підніметься.", []string{"2100"}},
		{"year as written", "By 2100 the sea rises.", "До 2100 року море підніметься.", nil},
		{"past the years, grouped", "Some 2101 people came.", "Прийшло близько 2\u00a0101 людей.", nil},
		{"four digits grouped in the source", "Some 1,500 people came.", "Прийшло близько 1\u00a0500 людей.", nil},
		{"four digits, not a year", "Some 5000 people came.", "Прийшло близько 5\u00a0000 людей.", nil},
		{"a multiplier in the source, digits in the translation", "Some 3.5 million people came.", "Прийшло близько 3\u00a0500\u00a0000 людей.", nil},
		{"digits in the source, a multiplier in the translation", "Some 14,000 people came.", "Прийшло близько 14 тисяч людей.", nil},
		{"a multiplier in the source, the number lost", "Some 3.5 million people came.", "Прийшло кілька мільйонів людей.", []string{"3.5"}},
		{"a number twice is one finding", "Some 5 came, then 5 left.", "Дехто прийшов, потім пішов.", []string{"5"}},
		{"an ordinal in Roman numerals, another number lost", "The 34th brigade lost 12 men.", "XXXIV бригада втратила людей.", []string{"12"}},
		{"two numbers read as one grouped", "In 3 regions, 500 villages.", "У 3 500 селах трьох регіонів.", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := New("en", "uk", nil, nil)
			var keys []string
			for _, f := range c.Numbers(c.ParseSource(tc.src), c.Parse(tc.tgt)) {
				keys = append(keys, f.Key)
			}
			if !slices.Equal(keys, tc.want) {
				t.Errorf("findings %q, want %q", keys, tc.want)
			}
		})
	}
	// A locale whose number words check does not know: digits only.
	c := New("en", "de", nil, nil)
	if got := c.Numbers(c.ParseSource("Some 5 people."), c.Parse("Einige Leute.")); len(got) != 1 || got[0].Key != "5" {
		t.Errorf("de: %v, want 5 missing", got)
	}
}

// TestPercentAtStart: a number and a percent sign at the very start of a
// translation are checked too (the sign at its second byte), and a sign
// with nothing but spaces before it is no number's.
func TestPercentAtStart(t *testing.T) {
	for _, tc := range []struct {
		locale, tgt string
		want        string // the number the warning shows, "" for none
	}{
		{"ru", "5% пленных вернулись.", "5\u00a0%"},
		{"ru", "5\u00a0% пленных вернулись.", ""},
		{"uk", "5% полонених повернулися.", ""},
		{"uk", "5 % полонених повернулися.", "5%"},
		{"uk", "Зросло на 3,5 % за рік.", "3,5%"},
		{"ru", "% — это знак.", ""},
		{"ru", " % — это знак.", ""}, // a front matter field keeps its spaces
		{"uk", "Знак % тут.", ""},    // no number's sign
		{"ru", "% против 5%.", "5\u00a0%"},
	} {
		c := New("en", tc.locale, nil, nil)
		got := c.Percent(c.ParsePlain(tc.tgt))
		switch {
		case tc.want == "" && len(got) != 0:
			t.Errorf("%s %q: %v, want none", tc.locale, tc.tgt, got)
		case tc.want != "" && (len(got) != 1 || !strings.Contains(got[0].Message, ": "+tc.want+" (near")):
			t.Errorf("%s %q: %v, want one warning that shows %q", tc.locale, tc.tgt, got, tc.want)
		}
	}
}

// TestNumberMessages holds what a numbers finding tells the translator to
// write: the target locale's grouping (any space: the editions put a
// no-break one) and decimal mark, a year never grouped, an ordinal as a
// number or in Roman numerals, and a percent sign as the locale's
// typography wants it (ru after a no-break space, uk right after the
// number), which Percent then does not warn of.
func TestNumberMessages(t *testing.T) {
	for _, tc := range []struct{ locale, src, tgt, want, fixed string }{
		{"uk", "About 3,767 people.", "Близько людей.", "3,767 is missing: write 3 767 or 3767", "Близько 3 767 людей."},
		{"ru", "Some 1,234,567 votes.", "Несколько голосов.", "1,234,567 is missing: write 1 234 567 or 1234567", "Несколько 1 234 567 голосов."},
		{"ru", "Some 125,000 votes.", "Несколько голосов.", "125,000 is missing: write 125 000 or 125000", "Около 125 000 голосов."},
		{"uk", "Some 563 people.", "Кілька людей.", "563 is missing: write 563", "Близько 563 людей."},
		{"uk", "Some 12.75 points.", "Близько пунктів.", "12.75 is missing: write 12,75", "Близько 12,75 пункту."},
		{"uk", "In 2022 they met.", "Вони зустрілися.", "2022 is missing: write 2022", "У 2022 вони зустрілися."},
		{"uk", "The 34th brigade.", "Бригада.", "34th is missing: write 34 (34-й) or XXXIV", "XXXIV бригада."},
		{"uk", "Up 3.5% this year.", "Зросло цього року.", "3.5% is missing: write 3,5%", "Зросло на 3,5% цього року."},
		{"ru", "Up 3.5% this year.", "Выросло в этом году.", "3.5% is missing: write 3,5\u00a0%", "Выросло на 3,5\u00a0% в этом году."},
		{"ru", "About 95% agreed.", "Около 95 согласились.", "95% lost its percent sign: write 95\u00a0%", "Около 95\u00a0% согласились."},
		{"uk", "Up 5% and 7%.", "Зросло на 5 і 7%.", "5% lost its percent sign: write 5%", "Зросло на 5% і 7%."},
		{"ru", "About 3.5 points.", "Около 3.5 пункта.", "3.5 has a decimal point: ru writes 3,5", "Около 3,5 пункта."},
		{"ru", "About 3.5 points.", "Из 13.5 около 3.5 пункта.", "3.5 has a decimal point: ru writes 3,5", "Из 13,5 около 3,5 пункта."},
		{"ru", "About 3.5 points.", "Из 13.5 пункта.", "3.5 is missing: write 3,5", "Из 13,5 около 3,5 пункта."},
		{"uk", "About 3,767 people.", "3,767 людей прийшли.", "3,767 reads as a decimal fraction in uk: write 3 767 or 3767", "3767 людей прийшли."},
		{"uk", "About 3,767 people.", "Близько 3,767 людей.", "3,767 reads as a decimal fraction in uk: write 3 767 or 3767", "Близько 3767 людей."},
		{"uk", "In 2022 they met.", "У 2\u00a0022 році вони зустрілися.", "the year 2022 is grouped: write 2022", "У 2022 році вони зустрілися."},
	} {
		c := New("en", tc.locale, nil, nil)
		src := c.ParseSource(tc.src)
		got := c.Numbers(src, c.Parse(tc.tgt))
		if len(got) != 1 || got[0].Message != tc.want {
			t.Errorf("%s %q → %q: %v, want one finding %q", tc.locale, tc.src, tc.tgt, got, tc.want)
		}
		// The advice taken is no finding of Numbers or of Percent.
		fixed := c.Parse(tc.fixed)
		if f := append(c.Numbers(src, fixed), c.Percent(fixed)...); len(f) != 0 {
			t.Errorf("%s %q, the advice taken: %v", tc.locale, tc.fixed, f)
		}
	}
}
