package tm_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/l10n-dev/l10n/cmd/l10n-corpus/newsgen"
	"github.com/l10n-dev/l10n/pipeline/pseudo"
	"github.com/l10n-dev/l10n/pipeline/segment"
	"github.com/l10n-dev/l10n/pipeline/tm"
)

// coverageQuery is a unit to translate and the locale it is wanted in.
type coverageQuery struct{ source, locale string }

// coverageCorpus builds the corpus the sentence matches are measured
// on: a memory of the seed's uk translations and of the first articles
// (100) of generated news (cmd/l10n-corpus's newsgen, seed 1)
// pseudo-translated into en-XA; the queries are the units of the second
// article (testdata/second-article.md) in uk, and, in en-XA, the units
// of those articles that their follow-ups (newsgen's edited versions: a
// sentence appended to a paragraph or two, a paragraph added) do not
// share with them, and the units of a tenth as many new articles (seed
// 2), made of the same generator's sentences.
func coverageCorpus(t testing.TB, articles int) (entries []tm.Entry, groups map[string][]coverageQuery) {
	t.Helper()
	groups = map[string][]coverageQuery{}
	for _, e := range tm.SeedEntries(t) {
		if e.Locale == "uk" {
			entries = append(entries, e)
		}
	}
	src, err := os.ReadFile(filepath.Join("testdata", "second-article.md"))
	if err != nil {
		t.Fatal(err)
	}
	parse := func(src []byte) *segment.Doc {
		d, err := segment.Parse(src)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	for _, u := range parse(src).Units {
		groups["second article"] = append(groups["second article"], coverageQuery{u.Text, "uk"})
	}
	known := map[string]bool{}
	for i := range articles {
		slug, src := newsgen.Article(1, i, false)
		d := parse(src)
		for k, u := range d.Units {
			known[u.Text] = true
			entries = append(entries, tm.Entry{Source: u.Text, Target: pseudo.Unit(d, k), Locale: pseudo.Locale,
				Origin: tm.Origin{Slug: slug, Unit: fmt.Sprint(k)}})
		}
	}
	for i := range articles {
		_, src := newsgen.Article(1, i, true)
		for _, u := range parse(src).Units {
			if !known[u.Text] {
				groups["follow-ups"] = append(groups["follow-ups"], coverageQuery{u.Text, pseudo.Locale})
			}
		}
	}
	for i := range articles / 10 {
		_, src := newsgen.Article(2, i, false)
		for _, u := range parse(src).Units {
			if !known[u.Text] {
				groups["new articles"] = append(groups["new articles"], coverageQuery{u.Text, pseudo.Locale})
			}
		}
	}
	return entries, groups
}

// TestSentenceCoverage measures the share of the words of the units to
// translate that the memory offers a translation for, at the default
// threshold (75%) and at 95%, with paragraph matches alone (a memory
// without sentence pairs) and with sentence matches (sentence pairs and
// paragraphs assembled from them); the numbers are in the README's
// translation memory section. A unit's words count as covered when its
// best match reaches the threshold.
func TestSentenceCoverage(t *testing.T) {
	entries, groups := coverageCorpus(t, 100)
	paras := tm.Build(entries, tm.Options{NoSentences: true})
	all := tm.Build(entries, tm.Options{})
	words := func(s string) int { return tm.Words(all, s) }
	// The least share of words covered, in percent, by paragraph matches
	// and with sentence matches, at 75% and at 95%: what the corpus gave
	// when this test was written, rounded down.
	want := map[string][4]float64{
		"second article": {39, 58, 39, 58},
		"follow-ups":     {75, 96, 0, 0},
		"new articles":   {14, 98, 0, 2},
	}
	for _, name := range []string{"second article", "follow-ups", "new articles"} {
		var total int
		var got [4]float64
		for _, q := range groups[name] {
			w := words(q.source)
			total += w
			for i, c := range []struct {
				m   *tm.Memory
				thr int
			}{{paras, 75}, {all, 75}, {paras, 95}, {all, 95}} {
				if len(c.m.Suggest(q.locale, q.source, c.thr, 1)) > 0 {
					got[i] += float64(w)
				}
			}
		}
		for i := range got {
			got[i] = 100 * got[i] / float64(total)
		}
		t.Logf("%s: %d units, %d words: at 75%%, paragraph matches cover %.1f%%, with sentence matches %.1f%%; at 95%%, %.1f%% and %.1f%%",
			name, len(groups[name]), total, got[0], got[1], got[2], got[3])
		for i := range got {
			if got[i] < want[name][i] {
				t.Errorf("%s: coverage %d is %.1f%%, want %.0f%% or more", name, i, got[i], want[name][i])
			}
		}
	}
}
