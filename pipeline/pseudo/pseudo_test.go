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

func TestPlain(t *testing.T) {
	if got := Plain("Hello"); got != "⟦Ĥééłłöö⟧" {
		t.Errorf("Plain = %q", got)
	}
}
