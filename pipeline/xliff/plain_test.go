package xliff

import (
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/l10n-dev/l10n/internal/corpus"
	"github.com/l10n-dev/l10n/pipeline/segment"
)

// samePlainSplit checks that FromMarkdown's split of a plain text (all
// prose, without goldmark's tree) is the split of its tree; it reports
// whether the text was plain.
func samePlainSplit(t *testing.T, d *segment.Doc, text string) bool {
	t.Helper()
	if !d.Syntax.IsPlain(text) {
		return false
	}
	want, err := split(d, text)
	if err != nil {
		t.Fatalf("%q: %v", text, err)
	}
	if got := FromMarkdown(d, text); !reflect.DeepEqual(got, want) {
		t.Fatalf("%q: FromMarkdown\n%#v\nthe tree's split\n%#v", text, got, want)
	}
	return true
}

// placeableDoc is an article read with project placeables, one of which
// (a pattern that starts with a letter) the plain fast path must find in
// prose.
func placeableDoc(t testing.TB) *segment.Doc {
	t.Helper()
	p := segment.NewParser(segment.WithPlaceables(regexp.MustCompile(`[A-Z]{2,}-\d+`), regexp.MustCompile(`(?i)kyiv`)))
	d, err := p.Parse(nil)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestFromMarkdownPlain checks FromMarkdown's shortcut for plain texts
// against the split of goldmark's tree, on every unit and every line of
// the spec examples, the real-world corpus, the Hugo documentation and
// the seed, with l10n's syntax and with project placeables.
func TestFromMarkdownPlain(t *testing.T) {
	docs := []*segment.Doc{nil, placeableDoc(t)}
	for _, s := range []string{"Hello", "a\nb c\nd", "Привіт, світ — 79 246 грн, 4,5 %", "AB-12 left Kyiv (NATO).", "x\u0001y", "a\u2028b"} {
		for _, d := range docs[1:] {
			samePlainSplit(t, d, s)
		}
	}
	plain := 0
	for _, ex := range corpus.Everything(t) {
		d, err := segment.Parse([]byte(ex.Markdown))
		if err != nil {
			t.Fatalf("%s: %v", ex.Name, err)
		}
		docs[0] = d
		for _, u := range d.Units {
			for _, dd := range docs {
				if samePlainSplit(t, dd, u.Text) && dd == d {
					plain++
				}
				for _, line := range strings.Split(u.Text, "\n") {
					samePlainSplit(t, dd, line)
				}
			}
		}
	}
	if plain < 1000 {
		t.Errorf("only %d plain units: the shortcut is not tried", plain)
	}
}

// FuzzFromMarkdownPlain holds FromMarkdown's shortcut for plain texts to
// the split of goldmark's tree on any text.
func FuzzFromMarkdownPlain(f *testing.F) {
	for _, s := range []string{"Hello world", "a\nb (c) d", "AB-12 costs 5 in Kyiv.", "Привіт, світ", "x\u0085y"} {
		f.Add(s)
	}
	d, err := segment.Parse(nil)
	if err != nil {
		f.Fatal(err)
	}
	pd := placeableDoc(f)
	f.Fuzz(func(t *testing.T, text string) {
		samePlainSplit(t, d, text)
		samePlainSplit(t, pd, text)
	})
}
