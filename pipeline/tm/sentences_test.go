package tm

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/l10n-dev/l10n/pipeline/check"
	"github.com/l10n-dev/l10n/pipeline/glossary"
	"github.com/l10n-dev/l10n/pipeline/segment"

	"github.com/l10n-dev/l10n/pipeline/numfmt"
	"github.com/l10n-dev/l10n/pipeline/xliff"
)

// TestSentenceSpans cuts inline Markdown into sentences: markup at a
// sentence's edge goes with it, a boundary inside a link or emphasis is
// none, abbreviations do not end sentences.
func TestSentenceSpans(t *testing.T) {
	tests := []struct {
		locale, text string
		want         []string
	}{
		{"en", "Russia returned 563 bodies on Nov. 8. The ICRC said nothing.", []string{"Russia returned 563 bodies on Nov. 8.", "The ICRC said nothing."}},
		{"en", "One sentence only.", nil},
		{"en", "He said **so.** Then [she left](#). **The end.**", []string{"He said **so.**", "Then [she left](#).", "**The end.**"}},
		{"en", "[A link. Over two sentences](#) stays. Whole now.", []string{"[A link. Over two sentences](#) stays.", "Whole now."}},
		{"en", "*It spans. Both* of them.", nil},
		{"en", "Code `a. B` is code. Next one.", []string{"Code `a. B` is code.", "Next one."}},
		{"uk", "Т. Шевченко народився 1814 р. Він був поетом.", []string{"Т. Шевченко народився 1814 р.", "Він був поетом."}},
		{"ru", "Они живут на ул. Ленина. В г. Москве тоже.", []string{"Они живут на ул. Ленина.", "В г. Москве тоже."}},
	}
	tk := newTokenizer()
	for _, tt := range tests {
		var got []string
		for _, sp := range tk.sentences(tt.text, numfmt.Of(tt.locale), tt.locale == "en") {
			got = append(got, tt.text[sp.Start:sp.End])
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q: %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestSentencePairsSeed pairs the sentences of the seed's uk and ru
// translations: most sentences of its multi-sentence paragraphs pair,
// each pair is a sentence of its unit on both sides, holds balanced
// markup and the same numbers, and pairs are numbered by their source
// sentence.
func TestSentencePairsSeed(t *testing.T) {
	entries := seedEntries(t)
	m := Build(entries, Options{})
	tk := newTokenizer()
	units := map[string]Entry{}
	for _, e := range entries {
		units[e.Locale+" "+e.Origin.String()] = e
	}
	pairs := map[string]int{}
	for _, e := range m.entries {
		if e.Kind != Sentence {
			continue
		}
		unit := e.Origin
		unit.Sentence = 0
		u, ok := units[e.Locale+" "+unit.String()]
		if !ok || !strings.Contains(u.Source, e.Source) || !strings.Contains(u.Target, e.Target) {
			t.Errorf("%s %s: pair %q / %q is not in its unit", e.Locale, e.Origin, e.Source, e.Target)
		}
		for _, s := range []string{e.Source, e.Target} {
			open := 0
			for _, p := range xliff.FromMarkdown(tk.doc, s) {
				switch p.Kind {
				case xliff.BPT:
					open++
				case xliff.EPT:
					open--
				}
			}
			if open != 0 {
				t.Errorf("%s %s: unbalanced markup in %q", e.Locale, e.Origin, s)
			}
		}
		if !reflect.DeepEqual(numbers(tk.tokens(e.Source, m.srcFmt)), numbers(tk.tokens(e.Target, numfmt.Of(e.Locale)))) {
			t.Errorf("%s %s: numbers differ: %q / %q", e.Locale, e.Origin, e.Source, e.Target)
		}
		pairs[e.Locale]++
	}
	// The seed's multi-sentence paragraphs have 34 sentences; 33 pair
	// in each locale (one sentence's translation is too long or too
	// short for its source).
	for _, loc := range []string{"uk", "ru"} {
		if pairs[loc] < 30 {
			t.Errorf("%s: %d sentence pairs, want 30 or more", loc, pairs[loc])
		}
	}
}

// TestAssembled looks up paragraphs made of sentences of different seed
// paragraphs: the memory offers the paragraph their translations make,
// adapted to a changed figure, and check finds nothing wrong with it; a
// paragraph one of whose sentences is new gets no assembled match.
func TestAssembled(t *testing.T) {
	const (
		places   = "Indeed, more than 160 [places](#) in Russia where Ukrainians are detained still remain off-limits to the International Committee of the Red Cross."
		russians = "The Russians did not even bother to return her body when they [repatriated](#) the bodies of 563 Ukrainian soldiers on Nov. 8."
		novel    = "Nobody in Geneva has answered the families' letters since the summer."
	)
	g, err := glossary.Load(filepath.Join("..", "..", "glossary.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := segment.Parse(nil)
	if err != nil {
		t.Fatal(err)
	}
	m := Build(seedEntries(t), Options{})
	for _, loc := range []string{"uk", "ru"} {
		q := places + " " + russians
		ms := m.Lookup(Query{Source: q, Locale: loc})
		if len(ms) == 0 || ms[0].Kind != Assembled {
			t.Fatalf("%s: no assembled match first: %+v", loc, ms)
		}
		a := ms[0]
		if a.Percent < 95 || a.Percent > 99 || len(a.Parts) != 2 || a.Adapted != a.Target {
			t.Errorf("%s: %d%%, %d parts, adapted %q", loc, a.Percent, len(a.Parts), a.Adapted)
		}
		if got, want := a.From(), seedSlug+"/p-the-vast-majority#2 + "+seedSlug+"/p-at-least-177#5"; got != want {
			t.Errorf("%s: From = %q, want %q", loc, got, want)
		}
		if !strings.Contains(a.Target, "160") || strings.Contains(a.Target, "150") {
			t.Errorf("%s: the new figure is not in %q", loc, a.Target)
		}
		if a.Parts[0].Target+" "+a.Parts[1].Target == a.Target || !strings.HasSuffix(a.Target, " "+a.Parts[1].Target) {
			t.Errorf("%s: %q is not the first part adapted and the second", loc, a.Target)
		}
		c := check.New("en", loc, g, d.Tree)
		for _, f := range c.Check(c.ParseSource(q), c.Parse(a.Target), true) {
			t.Errorf("%s %q: %s %s: %s", loc, a.Target, f.Severity, f.Check, f.Message)
		}
		for _, q := range []string{places + " " + novel, novel + " " + russians} {
			for _, mt := range m.Lookup(Query{Source: q, Locale: loc}) {
				if mt.Kind == Assembled {
					t.Errorf("%s %q: assembled %+v", loc, q, mt)
				}
			}
		}
		if ms := m.Lookup(Query{Source: q, Locale: loc}); !reflect.DeepEqual(ms, m.Lookup(Query{Source: q, Locale: loc})) {
			t.Errorf("%s: two lookups differ", loc)
		}
	}
}
