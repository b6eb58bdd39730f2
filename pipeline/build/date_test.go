package build

import (
	"strings"
	"testing"

	"github.com/l10n-dev/l10n/internal/corpus"
	"github.com/l10n-dev/l10n/pipeline/edition"
	"github.com/l10n-dev/l10n/pipeline/segment"
)

// TestFrontMatterDate holds frontMatterDate, which parses no front matter
// without "date" or a backslash in it, to parsedFrontMatterDate, which
// parses each: the date field as YAML writes it, a key written with an
// escape or through a merge key, no date field, no YAML.
func TestFrontMatterDate(t *testing.T) {
	dated := 0
	for _, fm := range []string{
		"title: x\ndate: 2024-11-26\n", "date: \"November 26, 2024\"\n", "date: 2024-11-26T10:00:00Z\n",
		"\"d\\x61te\": 2024-11-26\n", "\"\\u0064ate\": 2024-11-26\n", "base: &b {date: 2024-11-26}\n<<: *b\n",
		"title: x\n", "updated: 2024-11-26\n", "Date: 2024-11-26\n", "{title: x, date: 2024-11-26}\n", "= not yaml\n", "",
		"date: [1, 2]\n", "date: not a date\n", "title: \"a\\\\b\"\n",
	} {
		got, want := frontMatterDate([]byte(fm)), parsedFrontMatterDate([]byte(fm))
		if !got.Equal(want) {
			t.Errorf("%q: frontMatterDate %v, parsed %v", fm, got, want)
		}
		if !want.IsZero() {
			dated++
		}
	}
	if dated < 6 {
		t.Errorf("%d front matters dated: the test tests too little", dated)
	}
}

// TestMayStateDate holds mayStateDate to what it spares: any text whose
// plain text ParseDate reads as a date is one it lets through. The texts
// are datelines written every way (markup, escapes, character
// references), and every line and paragraph of the spec examples.
func TestMayStateDate(t *testing.T) {
	texts := []string{"November 26, 2024", "**Nov. 26, 2024**", "`2024-11-26`", "[November 26, 2024](x)",
		"&#50;024-11-26", "2024&#45;11&#x2D;26", "&#x32;&#x30;&#x32;&#x34;-11-26", "November &#50;&#54;, &#50;&#48;&#50;&#52;", "26 November\\ 2024", "Monday, January 2, 2006",
		"<span>2024-11-26</span>", "By [Taras Melnyk](https://example.com/a)", "GENEVA, April 4, 2025"}
	spec, err := corpus.All()
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range spec {
		texts = append(texts, x.Markdown)
		texts = append(texts, strings.Split(x.Markdown, "\n")...)
	}
	d, err := segment.Parse([]byte("Text.\n"))
	if err != nil {
		t.Fatal(err)
	}
	dates := 0
	for _, text := range texts {
		if _, ok := edition.ParseDate(edition.PlainText(d, text)); ok {
			dates++
			if !mayStateDate(text) {
				t.Errorf("%q is a date, but mayStateDate says it cannot be", text)
			}
		}
	}
	if dates < 8 {
		t.Errorf("%d dates among %d texts: the test tests too little", dates, len(texts))
	}
}
