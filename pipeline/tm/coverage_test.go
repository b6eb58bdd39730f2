package tm

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/l10n-dev/l10n/cmd/l10n-corpus/newsgen"
	"github.com/l10n-dev/l10n/pipeline/pseudo"
	"github.com/l10n-dev/l10n/pipeline/segment"
)

// coverageQuery is a unit to translate and the locale it is wanted in.
type coverageQuery struct{ source, locale string }

// coverageCorpus builds the corpus the sentence matches are measured
// on: a memory of the seed's uk translations and of 200 generated news
// articles (cmd/l10n-corpus's newsgen, seed 1) pseudo-translated into
// en-XA; the queries are the units of the second article
// (testdata/second-article.md) in uk, and, in en-XA, the units of those
// 200 articles that their follow-ups (newsgen's edited versions: a
// sentence appended to a paragraph or two, a paragraph added) do not
// share with them, and the units of 20 new articles (seed 2), which
// share only the wire's stock sentences.
func coverageCorpus(t testing.TB) (entries []Entry, groups map[string][]coverageQuery) {
	t.Helper()
	groups = map[string][]coverageQuery{}
	for _, e := range seedEntries(t) {
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
	for i := range 200 {
		slug, src := newsgen.Article(1, i, false)
		d := parse(src)
		for k, u := range d.Units {
			known[u.Text] = true
			entries = append(entries, Entry{Source: u.Text, Target: pseudo.Unit(d, k), Locale: pseudo.Locale,
				Origin: Origin{Slug: slug, Unit: fmt.Sprint(k)}})
		}
	}
	for i := range 200 {
		_, src := newsgen.Article(1, i, true)
		for _, u := range parse(src).Units {
			if !known[u.Text] {
				groups["follow-ups"] = append(groups["follow-ups"], coverageQuery{u.Text, pseudo.Locale})
			}
		}
	}
	for i := range 20 {
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
// translate that the memory offers a translation for at the default
// threshold, with paragraph matches alone (a memory without sentence
// pairs) and with sentence matches (pairs and assembled paragraphs).
func TestSentenceCoverage(t *testing.T) {
	entries, groups := coverageCorpus(t)
	paras := Build(entries, Options{NoSentences: true})
	all := Build(entries, Options{})
	tk := newTokenizer()
	words := func(s string) int {
		n := 0
		for _, tok := range tk.tokens(s, all.srcFmt) {
			if tok.kind == kWord {
				n++
			}
		}
		return n
	}
	for _, name := range []string{"second article", "follow-ups", "new articles"} {
		total, byPara, bySent, units, assembled := 0, 0, 0, 0, 0
		for _, q := range groups[name] {
			w := words(q.source)
			total += w
			units++
			if len(paras.Suggest(q.locale, q.source, 0, 1)) > 0 {
				byPara += w
			}
			if ms := all.Suggest(q.locale, q.source, 0, 1); len(ms) > 0 {
				bySent += w
				if ms[0].Kind == Assembled {
					assembled++
				}
			}
		}
		t.Logf("%s: %d units, %d words: paragraph matches cover %.1f%%, with sentence matches %.1f%% (%d assembled)",
			name, units, total, 100*float64(byPara)/float64(total), 100*float64(bySent)/float64(total), assembled)
	}
}
