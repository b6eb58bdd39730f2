package pipelinetest_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/l10n-dev/l10n/pipeline/build"
	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/check"
	"github.com/l10n-dev/l10n/pipeline/extract"
	"github.com/l10n-dev/l10n/pipeline/lint"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// second is the article in the seed's outlet's style that the memory's
// tests add: it shares the byline, the disclaimer, "Original url:" and a
// related-article line with the seed, repeats the seed's "In total"
// paragraph with the number changed, and joins two of the seed's
// sentences into one paragraph with a number changed.
const second = "second-article"

// withSecond is the seed project with the second article added.
func withSecond(t *testing.T) *newsroom {
	t.Helper()
	n := newNewsroom(t)
	data, err := os.ReadFile(filepath.Join("..", "tm", "testdata", second+".md"))
	if err != nil {
		t.Fatal(err)
	}
	n.write(project.ArticlePath(second), string(data))
	// The seed's word list, which its translations need.
	words, err := os.ReadFile(filepath.Join("..", "..", project.SpellingFile))
	if err != nil {
		t.Fatal(err)
	}
	n.write(project.SpellingFile, string(words))
	return n
}

// memoryLines returns an entry's notes that are the memory's.
func memoryLines(e *catalog.Entry) []string {
	var out []string
	for _, l := range e.Notes {
		if project.IsMemoryNote(l) {
			out = append(out, l)
		}
	}
	return out
}

// TestMemorySecondArticle: after extract, the second article's units
// that the seed has word for word are pre-filled from the seed's uk and
// ru translations, marked for review and saying where they come from;
// the paragraph with a changed number is pre-filled with the new number
// in each locale's form; check finds nothing wrong with what was
// pre-filled; status counts the pre-filled units apart; a second extract
// changes no byte.
func TestMemorySecondArticle(t *testing.T) {
	n := withSecond(t)
	n.extract(extract.Options{})
	shared := map[string]string{
		"p-by-anton-zemlianyi":  "p-by-anton-zemlianyi",
		"p-related-article-the": "p-related-article-the",
		"p-the-views-expressed": "p-the-views-expressed",
		"p-original-url":        "p-original-url",
	}
	for _, loc := range []string{"uk", "ru"} {
		seedCat, cat := n.catalog(seed, loc), n.catalog(second, loc)
		for id, from := range shared {
			e := cat.Lookup(id)
			if e == nil {
				t.Fatalf("%s: no %s", loc, id)
			}
			if want := seedCat.Lookup(from).Other; e.Other != want {
				t.Errorf("%s %s: pre-filled %q, want the seed's %q", loc, id, e.Other, want)
			}
			if !project.NeedsReview(e) {
				t.Errorf("%s %s: not marked for review: %q", loc, id, e.Comments)
			}
			if got := memoryLines(e); !slices.Equal(got, []string{"tm: 100% " + seed + "/" + from}) {
				t.Errorf("%s %s: memory notes %q", loc, id, got)
			}
		}
		// The changed number, in the locale's form (a no-break space
		// groups thousands in uk and ru).
		e := cat.Lookup("p-in-total-about")
		if !strings.Contains(e.Other, "3\u00a0956") || strings.Contains(e.Other, "3\u00a0767") || !project.NeedsReview(e) {
			t.Errorf("%s p-in-total-about: %q %q", loc, e.Other, e.Comments)
		}
		if got := memoryLines(e); len(got) != 1 || !strings.HasPrefix(got[0], "tm: 99% "+seed+"/p-in-total-about") || !strings.HasSuffix(got[0], ", adapted") {
			t.Errorf("%s p-in-total-about: memory notes %q", loc, got)
		}
		// A unit nothing matches stays missing, with no memory notes.
		if e := cat.Lookup("p-relatives-of-the"); e.Other != "" || len(memoryLines(e)) != 0 {
			t.Errorf("%s p-relatives-of-the: %q %q", loc, e.Other, e.Notes)
		}
	}
	// check: the pre-filled units are checked like any translation and
	// are clean; each is reported for review (a warning), the others
	// missing.
	rep, err := lint.Run(n.p, lint.Options{Articles: []string{second}})
	if err != nil {
		t.Fatal(err)
	}
	review := 0
	for _, f := range rep.Findings {
		switch f.Check {
		case check.Missing:
		case check.Review:
			review++
		default:
			t.Errorf("pre-filled unit: %s", f)
		}
	}
	rows := n.status(project.Selection{Articles: []string{second}})
	for _, r := range rows {
		if r.Review < 5 || r.Translated != 0 || r.Review+r.Missing != r.Units || r.ReviewWords == 0 {
			t.Errorf("status %s: %+v", r.Locale, r)
		}
		review -= r.Review
	}
	if review != 0 {
		t.Errorf("check reports %d more units for review than status counts", review)
	}
	// Without sentence pairs (the default), the paragraph made of two
	// of the seed's sentences is not pre-filled.
	if e := n.catalog(second, "uk").Lookup("p-at-least-179"); e.Other != "" {
		t.Errorf("p-at-least-179 without sentences: %q", e.Other)
	}
	// Nothing changes on a second run.
	before := n.read(project.CatalogPath(second, "uk"))
	if res := n.extract(extract.Options{}); len(res.Written) != 0 {
		t.Errorf("second extract wrote %q", res.Written)
	}
	if after := n.read(project.CatalogPath(second, "uk")); after != before {
		t.Error("second extract changed the catalog")
	}
}

// TestMemoryNeverOverwrites: the memory fills only units with no
// translation at all. A translation a translator wrote (even one that
// differs from the memory's), a stale one and one restored from the
// obsolete entries stay as they are; the translator's comments on a
// missing unit stay beside the review mark; confirming a pre-fill
// (deleting the mark) is kept by the next extract.
func TestMemoryNeverOverwrites(t *testing.T) {
	n := withSecond(t)
	n.extract(extract.Options{})
	rel := project.CatalogPath(second, "uk")
	cat := n.read(rel)
	// The translator's own byline, a note on a missing unit, and a
	// confirmed pre-fill.
	cat = strings.Replace(cat, "other: 'Автор: [Антон Земляний](#)'", "other: 'Текст: [Антон Земляний](#)'", 1)
	cat = strings.Replace(cat, "p-relatives-of-the:\n", "# ask the desk about Geneva\np-relatives-of-the:\n", 1)
	disclaimer := strings.Index(cat, "p-the-views-expressed:")
	mark := strings.LastIndex(cat[:disclaimer], project.ReviewComment+"\n")
	cat = cat[:mark] + cat[mark+len(project.ReviewComment)+1:]
	n.write(rel, cat)
	// The seed's byline becomes stale: its English changes, so the
	// memory holds a translation of the old English only.
	n.editArticle("By [Anton Zemlianyi](#)", "By [Anton Zemlianyi](#) in Kyiv")
	n.extract(extract.Options{})
	got := n.catalog(second, "uk")
	if e := got.Lookup("p-by-anton-zemlianyi"); e.Other != "Текст: [Антон Земляний](#)" {
		t.Errorf("the translator's byline became %q", e.Other)
	}
	if e := got.Lookup("p-relatives-of-the"); e.Other != "" || !slices.Contains(e.Comments, "# ask the desk about Geneva") {
		t.Errorf("p-relatives-of-the: %q %q", e.Other, e.Comments)
	}
	if e := got.Lookup("p-the-views-expressed"); e.Other == "" || project.NeedsReview(e) {
		t.Errorf("the confirmed disclaimer: %q %q", e.Other, e.Comments)
	} else if m := memoryLines(e); len(m) != 1 || !strings.HasPrefix(m[0], "tm: 100% ") {
		t.Errorf("the confirmed disclaimer lost where it came from: %q", e.Notes)
	}
	seedCat := n.catalog(seed, "uk")
	if e := seedCat.Lookup("p-by-anton-zemlianyi"); e == nil || e.Other != "Автор: [Антон Земляний](#)" || e.Previous == "" {
		t.Errorf("the seed's stale byline: %+v", e)
	}
	// A unit removed and put back gets its own old translation back,
	// not the memory's.
	n.write(rel, strings.Replace(n.read(rel), "**Читайте також:**", "**Читайте теж:**", 1))
	related := "**Related article:** [The Global Threat of Russia's International Partnerships](#)\n\n"
	n.editArticleOf(second, related, "")
	n.extract(extract.Options{})
	if e, obsolete := entry(n.catalog(second, "uk"), "p-related-article-the"); e == nil || !obsolete {
		t.Fatalf("the related article's entry: %+v", e)
	}
	n.editArticleOf(second, "Original url:", related+"Original url:")
	n.extract(extract.Options{})
	if e := n.catalog(second, "uk").Lookup("p-related-article-the"); !strings.Contains(e.Other, "Читайте теж") {
		t.Errorf("p-related-article-the: %q", e.Other)
	}
}

// TestMemorySettings: l10n.yaml's memory settings — exact matches as
// translated, adapted matches left as suggestions, a higher threshold —
// and their errors, each at its line.
func TestMemorySettings(t *testing.T) {
	n := withSecond(t)
	n.write(project.ConfigFile, "locales: [uk, ru]\nmemory:\n  exact: translated\n  adapt: off\n  fuzzy: 90\n")
	n = openNewsroom(t, n.p.Root)
	n.extract(extract.Options{})
	cat := n.catalog(second, "ru")
	if e := cat.Lookup("p-by-anton-zemlianyi"); e.Other == "" || project.NeedsReview(e) {
		t.Errorf("exact: translated: %q %q", e.Other, e.Comments)
	}
	e := cat.Lookup("p-in-total-about")
	if e.Other != "" {
		t.Errorf("adapt: off pre-filled %q", e.Other)
	}
	if m := memoryLines(e); len(m) == 0 || !strings.HasPrefix(m[0], "tm 99%: In total, about 3,767 ") || !strings.Contains(m[0], "3\u00a0956") {
		t.Errorf("adapt: off: the suggestion is %q", m)
	}
	for _, r := range n.status(project.Selection{Articles: []string{second}}) {
		if r.Review != 0 || r.Translated < 4 {
			t.Errorf("status %s: %+v", r.Locale, r)
		}
	}

	for _, c := range []struct{ yaml, msg string }{
		{"memory:\n  exact: maybe\n", "l10n.yaml:2:10: memory: exact is review or translated"},
		{"memory:\n  fuzzy: 0\n", "l10n.yaml:2:10: memory: fuzzy is a match percentage"},
		{"memory:\n  adapt: review\n  fuzzy: high\n", "l10n.yaml:3:10: memory: fuzzy is a match percentage"},
		{"memory:\n  exact: review\n  sentence: true\n", "l10n.yaml:3:3: memory: unknown setting \"sentence\""},
		{"memory: [exact]\n", "l10n.yaml:1:9: memory: off, or a mapping"},
		{"memory:\n  part: -1\n", "l10n.yaml:2:9: memory: part is a number of catalog folders, 0 or more"},
		{"memory:\n  part: many\n", "l10n.yaml:2:9: memory: part is a number of catalog folders"},
	} {
		n.write(project.ConfigFile, c.yaml)
		_, err := project.Open(n.p.Root)
		var ie *project.InputError
		if !errors.As(err, &ie) || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%q: %v", c.yaml, err)
		}
	}
}

// TestMemorySuggestionsRefresh: a missing unit's suggestions are made
// anew on every extract: they follow the memory, go when the unit is
// translated, and never pile up.
func TestMemorySuggestionsRefresh(t *testing.T) {
	n := newNewsroom(t)
	n.write(project.ArticlePath("third"), "# Third\n\nThe tied hands of a Ukrainian prisoner of war kept at a position of the Wagner special forces unit.\n")
	n.extract(extract.Options{})
	id := "p-the-tied-hands"
	e := n.catalog("third", "uk").Lookup(id)
	if m := memoryLines(e); len(m) != 1 || !strings.HasPrefix(m[0], "tm 95%: The tied hands of a Ukrainian prisoner of war kept at a position of the Akhmat special forces unit. → Звʼязані руки") {
		t.Fatalf("suggestions: %q", m)
	}
	// The seed's translation changes: so does the suggestion, and there
	// is still one.
	seedRel := project.CatalogPath(seed, "uk")
	n.write(seedRel, strings.Replace(n.read(seedRel), "спецпідрозділу «Ахмат»", "спецзагону «Ахмат»", 1))
	for range 2 {
		n.extract(extract.Options{})
		e = n.catalog("third", "uk").Lookup(id)
		if m := memoryLines(e); len(m) != 1 || !strings.Contains(m[0], "спецзагону «Ахмат»") {
			t.Fatalf("suggestions after the seed changed: %q", m)
		}
	}
	// Translated: no suggestion is left.
	rel := project.CatalogPath("third", "uk")
	n.write(rel, strings.Replace(n.read(rel), "  other: \"\"\n", "  other: Звʼязані руки військовополоненого на позиції «Вагнера».\n", 2))
	n.extract(extract.Options{})
	if e := n.catalog("third", "uk").Lookup(id); e.Other == "" || len(memoryLines(e)) != 0 {
		t.Errorf("translated: %q %q", e.Other, e.Notes)
	}
}

// TestMemorySentences: with sentence pairs (memory: sentences: true), the
// second article's paragraph made of two of the seed's sentences, one
// with a number changed, is pre-filled for review, assembled from the
// two sentence pairs and adapted, and check finds nothing wrong with it.
func TestMemorySentences(t *testing.T) {
	n := withSecond(t)
	n.write(project.ConfigFile, "memory:\n  sentences: true\n")
	n = openNewsroom(t, n.p.Root)
	n.extract(extract.Options{})
	for _, loc := range []string{"uk", "ru"} {
		e := n.catalog(second, loc).Lookup("p-at-least-179")
		if e.Other == "" || !strings.Contains(e.Other, "179") || !project.NeedsReview(e) {
			t.Errorf("%s: %q %q", loc, e.Other, e.Comments)
		}
		want := "tm: 99% " + seed + "/p-at-least-177#1 + " + seed + "/p-due-to-the#1, adapted"
		if m := memoryLines(e); len(m) != 1 || m[0] != want {
			t.Errorf("%s: memory notes %q, want %q", loc, m, want)
		}
	}
	rep, err := lint.Run(n.p, lint.Options{Articles: []string{second}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Findings {
		if f.Check != check.Missing && f.Check != check.Review {
			t.Errorf("pre-filled unit: %s", f)
		}
	}
}

// TestBuildReviewPolicy: build treats the units the memory pre-filled and
// nobody reviewed (# l10n:review) as it treats stale ones, under the
// same --policy: mark (the default) shows the memory's translation,
// labelled in the HTML and noted in the Markdown, and counts the units in
// the edition's report and on the index page; fail writes nothing and
// names the edition; ship shows them unlabelled. A unit confirmed is
// published as translated.
func TestBuildReviewPolicy(t *testing.T) {
	n := withSecond(t)
	n.extract(extract.Options{})
	cat := n.catalog(second, "uk")
	review := 0
	for _, e := range cat.Entries {
		if project.NeedsReview(e) {
			review++
		}
	}
	if review < 5 {
		t.Fatalf("%d units to review in the second article's uk catalog", review)
	}
	byline := cat.Lookup("p-by-anton-zemlianyi").Other
	missing := n.status(project.Selection{Articles: []string{second}, Locales: []string{"uk"}})[0].Missing
	opts := build.Options{Articles: []string{second}, Locales: []string{"uk"}}

	// fail: nothing written, the edition named with its count.
	opts.Policy = build.PolicyFail
	res, err := build.Run(n.p, opts)
	if !errors.Is(err, build.ErrIncomplete) || !strings.Contains(err.Error(), fmt.Sprintf("%s: %d missing, 0 stale, %d to review", project.CatalogPath(second, "uk"), missing, review)) {
		t.Errorf("policy fail: %v", err)
	}
	if res == nil || len(res.Written) != 0 || n.exists(project.EditionPath(second, "uk", ".html")) {
		t.Errorf("policy fail wrote %v", res)
	}

	// mark: the memory's text, labelled, counted.
	opts.Policy = build.PolicyMark
	res, err = build.Run(n.p, opts)
	if err != nil {
		t.Fatal(err)
	}
	if ed := res.Editions[0]; ed.Review != review || ed.Missing != missing || ed.Stale != 0 {
		t.Errorf("policy mark: %+v", ed)
	}
	page := n.read(project.EditionPath(second, "uk", ".html"))
	if got := strings.Count(page, `class="l10n-review" data-l10n-label="Повторно використаний переклад, ще не перевірений"`); got != review {
		t.Errorf("policy mark: %d passages labelled for review, want %d", got, review)
	}
	md := n.read(project.EditionPath(second, "uk", ".md"))
	if !strings.Contains(md, "<!-- l10n review p-by-anton-zemlianyi: pre-filled from the translation memory, not reviewed by a translator -->\n"+byline) {
		t.Errorf("policy mark: the Markdown edition has no note before the byline:\n%s", md)
	}
	index := n.read(build.IndexPath("uk"))
	if !strings.Contains(index, fmt.Sprintf("%d фрагментів ще не перевірено", review)) && !strings.Contains(index, fmt.Sprintf("%d фрагменти ще не перевірено", review)) {
		t.Errorf("policy mark: the index page does not count the units to review:\n%s", index)
	}

	// ship: the same text, no labels, no notes.
	opts.Policy = build.PolicyShip
	if _, err := build.Run(n.p, opts); err != nil {
		t.Fatal(err)
	}
	page, md = n.read(project.EditionPath(second, "uk", ".html")), n.read(project.EditionPath(second, "uk", ".md"))
	if strings.Contains(page, "l10n-review\"") || strings.Contains(md, "l10n review") || !strings.Contains(md, byline) {
		t.Errorf("policy ship: labels or notes left, or the byline lost:\n%s", md)
	}

	// Confirmed (the review line deleted): translated.
	rel := project.CatalogPath(second, "uk")
	n.write(rel, strings.ReplaceAll(n.read(rel), project.ReviewComment+"\n", ""))
	opts.Policy = build.PolicyMark
	res, err = build.Run(n.p, opts)
	if err != nil {
		t.Fatal(err)
	}
	if ed := res.Editions[0]; ed.Review != 0 || ed.Missing != missing {
		t.Errorf("after review: %+v", ed)
	}
	if page := n.read(project.EditionPath(second, "uk", ".html")); strings.Contains(page, `class="l10n-review"`) {
		t.Error("after review: passages still labelled")
	}
}
