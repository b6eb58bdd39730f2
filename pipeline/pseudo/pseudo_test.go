package pseudo

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/l10n-dev/l10n/pipeline/segment"
)

func TestMarkdownKeepsMarkup(t *testing.T) {
	src := "Intro `code span` **bold** *em* [link](https://example.com/a_b \"Title\") ![alt](img.png) " +
		"<https://auto.link> www.example.com &amp; &#169; \\*not em\\* <kbd>Ctrl</kbd> [ref] [full][ref] ~~gone~~\n\n[ref]: /url\n"
	d, err := segment.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	got := Unit(d, 0)
	for _, keep := range []string{"`code span`", "(https://example.com/a_b \"Title\")", "(img.png)", "<https://auto.link>",
		"www.example.com", "&amp;", "&#169;", "\\*", "<kbd>", "</kbd>", "[ref]", "][ref]", "**", "~~"} {
		if !strings.Contains(got, keep) {
			t.Errorf("%q lost %q", got, keep)
		}
	}
	for _, changed := range []string{"Intro", "bold", "link", "alt", "Ctrl", "gone"} {
		if strings.Contains(got, changed+" ") || strings.Contains(got, changed+"*") || strings.Contains(got, changed+"]") {
			t.Errorf("%q left %q untranslated", got, changed)
		}
	}
	if !strings.HasPrefix(got, Open) || !strings.HasSuffix(got, Close) {
		t.Errorf("%q is not bracketed", got)
	}
}

// TestExpansion checks that the seed's text grows by about 30%.
func TestExpansion(t *testing.T) {
	src, err := os.ReadFile("../../articles/ngo-indifference-to-ukrainian-pows.md")
	if err != nil {
		t.Fatal(err)
	}
	d, err := segment.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	var before, after int
	for i, u := range d.Units {
		before += utf8.RuneCountInString(u.Text)
		after += utf8.RuneCountInString(Unit(d, i))
	}
	if r := float64(after) / float64(before); r < 1.25 || r > 1.45 {
		t.Errorf("pseudo text is %.2f× the source, want about 1.3×", r)
	}
}

// TestExpansionBound: however many vowels a unit long enough for check's
// length rule has, its pseudo-translation is at most twice as long (the
// rule's bound), while short and ordinary units double every vowel (a
// unit of 74 characters all but one vowels, which FuzzPipeline found,
// came out 149 characters long).
func TestExpansionBound(t *testing.T) {
	for _, tc := range []struct {
		src     string
		doubled bool // every vowel doubled
	}{
		{"0" + strings.Repeat("A", 73), false},
		{strings.Repeat("aeiou ", 12), true},
		{strings.Repeat("aeiouy", 12), false},
		{"[" + strings.Repeat("a", 30) + "](https://example.com) *" + strings.Repeat("e", 30) + "*", false},
		{strings.Repeat("Ю", 60), true},
		{"Audio", true},
		{"Ukraine and Europe", true},
		{"The International Committee of the Red Cross has called on Russia to allow access.", true},
	} {
		d, err := segment.Parse([]byte(tc.src + "\n"))
		if err != nil {
			t.Fatal(err)
		}
		for i := range d.Units {
			src := d.Units[i].Text
			got := Unit(d, i)
			n, m := utf8.RuneCountInString(src), utf8.RuneCountInString(got)
			if n >= 40 && m > 2*n {
				t.Errorf("%.30q: %d characters for %d", src, m, n)
			}
			vowels := strings.Count(strings.ToLower(src), "a") + strings.Count(strings.ToLower(src), "e") +
				strings.Count(strings.ToLower(src), "i") + strings.Count(strings.ToLower(src), "o") +
				strings.Count(strings.ToLower(src), "u") + strings.Count(strings.ToLower(src), "y")
			if doubled := m >= n+vowels+2; doubled != tc.doubled {
				t.Errorf("%.30q → %.40q: every vowel doubled %v, want %v", src, got, doubled, tc.doubled)
			}
		}
	}
}

func TestPlain(t *testing.T) {
	if got := Plain("Hello"); got != "⟦Ĥééłłöö⟧" {
		t.Errorf("Plain = %q", got)
	}
}

// TestMarkdown lists what pseudo does to prose and leaves alone.
func TestMarkdown(t *testing.T) {
	doc, err := segment.Parse([]byte("x\n\n[ICRC]: https://icrc.org\n[logo]: logo.png\n"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, in, want string
		keep           []string
	}{
		{"every ASCII letter", "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ",
			"⟦ááƀçđééƒğĥííĵķłɱñööþǫŕšţüüṽŵẋýýž ÅÅƁÇĐÉÉƑĞĤÎÎĴĶŁṀÑÖÖƤǪŘŠŢÜÜṼŴẊÝÝŽ⟧", nil},
		{"a label link becomes a full reference", "The [ICRC] and [ICRC][] and ![logo]",
			"⟦Ţĥéé [ÎÎÇŘÇ][ICRC] ááñđ [ÎÎÇŘÇ][ICRC] ááñđ ![łööğöö][logo]⟧", nil},
		{"placeables stay", `See {{< ref "a.md" >}}, {{% param x %}} and {{ .Title }}`,
			`⟦Šéééé {{< ref "a.md" >}}, {{% param x %}} ááñđ {{ .Title }}⟧`, nil},
		{"keep-as-is names stay", "The Moscow Times reports", "⟦The Moscow Times ŕééþööŕţš⟧", []string{"The Moscow Times"}},
		{"words without look-alikes get an accent", "Київ and 東京", "⟦К\u0301иїв ááñđ 東\u0301京⟧", nil},
		{"entities stay, text that only looks like one changes", "&amp; &eacute;t&eacute; &x;",
			"⟦&amp; &eacute;\u0301ţ&eacute; &ẋ;⟧", nil},
		// The ";" before a delimiter run makes it flank as it does: an
		// accent there would lose the emphasis (found by FuzzPipeline).
		{"no accent between an entity and a delimiter", "&DifferentialD;*&C* and &eacute;_x_",
			"⟦&DifferentialD;*&Ç* ááñđ &eacute;_ẋ_⟧", nil},
		// A delimiter run that starts or ends the text, next to
		// punctuation or a space on its other side, is kept from the
		// bracket (punctuation) by a space, as it is from the line's
		// ends: "⟦**!" could close too, and the rule of three would
		// lose the emphasis (found by FuzzPipeline).
		{"a space between the brackets and a delimiter run", "**!A*", "⟦ **!ÅÅ*⟧", nil},
		{"and at the end", "*A!**", "⟦*ÅÅ!** ⟧", nil},
		{"and before a line without prose", "A  _\n00_", "⟦ÅÅ  _ ⟧\n00_", nil},
		{"never right before a delimiter run", "~*A~00\n0", "⟦ ~*ÅÅ~00⟧\n0", nil},
		{"never right after a delimiter run followed by more than a space", "_A_http://0.a\n0", "⟦_ÅÅ_http://0.a⟧\n0", nil},
		{"never inside a code span that a line break splits", "A*0*0*0`[00\n00`", "⟦ÅÅ*0*0*0`[00\n00`⟧", nil},
		{"at the line's end after emphasis, not after a lone delimiter that would start a list", "*A*\n*", "⟦*ÅÅ*⟧\n*", nil},
		{"after a delimiter run that punctuation follows, where it flanks alike", "[A*](\n)", "⟦[ÅÅ*⟧](\n)", nil},
		{"strikethrough at the start", "~~(a)~~ b", "⟦ ~~(áá)~~ ƀ⟧", nil},
		{"none where a letter is on the other side", "~~a~~ **b**", "⟦~~áá~~ **ƀ**⟧", nil},
		// A bare URL after the closing bracket is kept from it by a
		// space (found by FuzzPipeline).
		{"a bare URL after the bracket", "Text www.x.org\nwww.y.org", "⟦Ţééẋţ ⟧ www.x.org\nwww.y.org", nil},
		{"escapes stay, a backslash before a letter is text", `\*a\* \a`, `⟦\*áá\* \áá⟧`, nil},
		{"a bare URL first stays a URL", "www.example.com is it", "⟦ www.example.com ííš ííţ⟧", nil},
		{"raw HTML after the last text", "Press <kbd>Ctrl</kbd>", "⟦Ƥŕééšš <kbd>Çţŕł⟧</kbd>", nil},
		{"a line without prose after the last prose", "Foo `x`\n===", "⟦Ƒöööö ⟧`x`\n===", nil},
	}
	for _, tc := range tests {
		if got := Markdown(doc, tc.in, tc.keep...); got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
}
