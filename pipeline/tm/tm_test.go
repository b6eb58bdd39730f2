package tm

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/check"
	"github.com/l10n-dev/l10n/pipeline/glossary"
	"github.com/l10n-dev/l10n/pipeline/segment"
)

const seedSlug = "ngo-indifference-to-ukrainian-pows"

// seedEntries returns the translated units of the seed's uk and ru
// catalogs: those whose hash is their English source's.
func seedEntries(t testing.TB) []Entry {
	t.Helper()
	dir := filepath.Join("..", "..", "locales", seedSlug)
	read := func(name string) *catalog.File {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		f, err := catalog.Parse(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return f
	}
	en := read("en.yaml")
	var out []Entry
	for _, loc := range []string{"uk", "ru"} {
		f := read(loc + ".yaml")
		for _, src := range en.Entries {
			e := f.Lookup(src.ID)
			if e == nil || e.Other == "" || e.Hash != catalog.Hash(src.Description, src.Other) {
				continue
			}
			out = append(out, Entry{Kind: Unit, Source: src.Other, Target: e.Other, Locale: loc,
				Origin: Origin{Slug: seedSlug, Unit: src.ID}})
		}
	}
	if len(out) < 40 {
		t.Fatalf("only %d translated units in the seed's catalogs", len(out))
	}
	return out
}

// seedSource returns the English text of a seed unit.
func seedSource(t *testing.T, entries []Entry, unit string) string {
	t.Helper()
	for _, e := range entries {
		if e.Origin.Unit == unit {
			return e.Source
		}
	}
	t.Fatalf("no unit %s in the seed", unit)
	return ""
}

// TestExactSeed looks up every translated unit of the seed: each finds
// its own translation as a 100% match, first.
func TestExactSeed(t *testing.T) {
	entries := seedEntries(t)
	if n := Build(entries, Options{NoSentences: true}).Len(); n != len(entries) {
		t.Fatalf("Len without sentences = %d, want %d", n, len(entries))
	}
	m := Build(entries, Options{})
	if m.Len() < 2*len(entries) {
		t.Fatalf("Len = %d, want the %d units and their sentence pairs", m.Len(), len(entries))
	}
	if got := m.Locales(); !slices.Equal(got, []string{"ru", "uk"}) {
		t.Errorf("Locales = %v", got)
	}
	for _, e := range entries {
		for _, ms := range [][]Match{m.Exact(e.Locale, e.Source), m.Lookup(Query{Source: e.Source, Locale: e.Locale})} {
			if len(ms) == 0 || ms[0].Percent != 100 || ms[0].Target != e.Target || ms[0].Origin != e.Origin {
				t.Fatalf("%s %s: got %+v", e.Locale, e.Origin, ms)
			}
			if ms[0].Adapted != "" {
				t.Errorf("%s: exact match with Adapted %q", e.Origin, ms[0].Adapted)
			}
		}
	}
	if ms := m.Exact("de", entries[0].Source); ms != nil {
		t.Errorf("a locale without entries: %v", ms)
	}
	if ms := m.Exact("uk", entries[0].Source+" "); ms != nil {
		t.Errorf("a trailing space is not an exact match: %v", ms)
	}
}

// TestFuzzySeedNumbers changes the figures of a seed paragraph: the
// paragraph is found as a fuzzy match in uk and ru, adapted with the new
// figures in each locale's form, and check finds nothing wrong with the
// numbers or the markup of the adapted translation.
func TestFuzzySeedNumbers(t *testing.T) {
	entries := seedEntries(t)
	m := Build(entries, Options{})
	old := seedSource(t, entries, "p-in-total-about")
	query := strings.NewReplacer("3,767", "3,912", "14,000", "15,250", "fifty", "fifty").Replace(old)
	want := map[string][]string{
		"uk": {"3\u00a0912", "15\u00a0250"},
		"ru": {"3\u00a0912", "15\u00a0250"},
	}
	for loc, figures := range want {
		ms := m.Lookup(Query{Source: query, Locale: loc})
		if len(ms) == 0 {
			t.Fatalf("%s: no match", loc)
		}
		top := ms[0]
		if top.Origin.Unit != "p-in-total-about" || top.Percent < 95 || top.Percent > 99 {
			t.Fatalf("%s: top match %s %d%%", loc, top.Origin, top.Percent)
		}
		if top.Adapted == "" {
			t.Fatalf("%s: not adapted: %q", loc, top.Target)
		}
		for _, f := range figures {
			if !strings.Contains(top.Adapted, f) {
				t.Errorf("%s: adapted translation lacks %q: %s", loc, f, top.Adapted)
			}
		}
		if strings.Contains(top.Adapted, "767") || strings.Contains(top.Adapted, "14\u00a0000") {
			t.Errorf("%s: old figure left in %s", loc, top.Adapted)
		}
		c := check.New("en", loc, nil, nil)
		for _, f := range c.CheckStrings(query, top.Adapted) {
			if f.Check == check.Numbers || f.Check == check.Markup {
				t.Errorf("%s: check on the adapted translation: %s %s", loc, f.Check, f.Message)
			}
		}
		// The unadapted translation fails the same check: the test
		// could fail.
		bad := 0
		for _, f := range c.CheckStrings(query, top.Target) {
			if f.Check == check.Numbers {
				bad++
			}
		}
		if bad == 0 {
			t.Errorf("%s: check finds nothing wrong with the old figures", loc)
		}
	}
}

// TestPercent pins the match percentage on small texts.
func TestPercent(t *testing.T) {
	tests := []struct {
		mem, query string
		want       int // 0: no match at threshold 50
	}{
		{"one two three four", "one two three four", 100},
		{"one two three four", "One two three four", 99},  // case alone
		{"one two three four", "one two  three four", 99}, // spacing alone
		{"one two three four", "one two three five", 75},
		{"one two three four", "one two three", 75},
		{"one two three four", "one two three four five six", 66},
		{"14,000 citizens", "15,000 citizens", 95},             // a number: 0.1 of a token
		{"see `a` now", "see `b` now", 96},                     // a code span
		{"see [it](#) now", "see [it](https://x.org) now", 98}, // a URL: "[" "it" "](…)" …
		{"see [it](#) now", "see it now", 60},                  // markup is tokens too
		{"one two three four", "five six seven eight", 0},
		{"alpha", "beta", 0},
	}
	for _, tc := range tests {
		m := Build([]Entry{{Source: tc.mem, Target: "x", Locale: "uk"}}, Options{MinThreshold: 50})
		ms := m.Lookup(Query{Source: tc.query, Locale: "uk", Threshold: 50})
		got := 0
		if len(ms) > 0 {
			got = ms[0].Percent
		}
		if got != tc.want {
			t.Errorf("%q against %q: %d%%, want %d%%", tc.query, tc.mem, got, tc.want)
		}
	}
}

// TestOrder checks the order of matches at equal scores and the merging
// of entries with the same translation.
func TestOrder(t *testing.T) {
	src := "The ICRC did not respond to a request for comment."
	entries := []Entry{
		{Kind: Imported, Source: src, Target: "C", Locale: "uk", Origin: Origin{File: "tm/a.tmx", Line: 3}},
		{Kind: Unit, Source: src, Target: "B", Locale: "uk", Origin: Origin{Slug: "z", Unit: "p-1"}, State: NeedsReview},
		{Kind: Unit, Source: src, Target: "A", Locale: "uk", Origin: Origin{Slug: "b", Unit: "p-1"}},
		{Kind: Unit, Source: src, Target: "A", Locale: "uk-UA", Origin: Origin{Slug: "a", Unit: "p-2"}},
		{Kind: Sentence, Source: src, Target: "D", Locale: "uk", Origin: Origin{Slug: "a", Unit: "p-3", Sentence: 2}},
		{Kind: Unit, Source: src, Target: "E", Locale: "uk", Origin: Origin{Slug: "c", Unit: "p-1"}},
		{Kind: Unit, Source: src, Target: "R", Locale: "ru", Origin: Origin{Slug: "a", Unit: "p-1"}},
	}
	m := Build(entries, Options{})
	var got []string
	for _, mt := range m.Exact("uk", src) {
		got = append(got, fmt.Sprintf("%s %s %d", mt.Target, mt.Origin, mt.Count))
	}
	want := []string{"A a/p-2 2", "E c/p-1 1", "D a/p-3#2 1", "C tm/a.tmx:3 1", "B z/p-1 1"}
	if !slices.Equal(got, want) {
		t.Errorf("order:\n got %q\nwant %q", got, want)
	}
	// uk-UA reads uk entries too.
	if ms := m.Exact("uk-UA", src); len(ms) != 5 {
		t.Errorf("uk-UA: %d matches", len(ms))
	}
	// Skip leaves an entry out; the limit applies after.
	ms := m.Lookup(Query{Source: src, Locale: "uk", Limit: 2, Skip: func(e *Entry) bool { return e.Origin.Slug == "a" }})
	if len(ms) != 2 || ms[0].Target != "A" || ms[0].Count != 1 || ms[1].Target != "E" {
		t.Errorf("skip: %+v", ms)
	}
}

// TestAdapt checks what may be adapted and how.
func TestAdapt(t *testing.T) {
	tests := []struct {
		name           string
		loc            string
		oldSrc, oldTgt string
		newSrc, want   string
		ok             bool
	}{
		{"grouped", "uk", "About 3,767 prisoners.", "Близько 3\u00a0767 полонених.", "About 12,500 prisoners.", "Близько 12\u00a0500 полонених.", true},
		{"ungrouped target", "ru", "About 3,767 prisoners.", "Около 3767 пленных.", "About 3,800 prisoners.", "Около 3\u00a0800 пленных.", true},
		{"year", "uk", "Since 2022, the ICRC.", "З 2022 року МКЧХ.", "Since 2024, the ICRC.", "З 2024 року МКЧХ.", true},
		{"date", "uk", "November 26, 2024", "26 листопада 2024 року", "November 27, 2025", "27 листопада 2025 року", true},
		{"decimal", "ru", "Up 3.5 percent.", "Рост на 3,5 процента.", "Up 4.25 percent.", "Рост на 4,25 процента.", true},
		{"percent", "ru", "About 95% of them.", "Около 95\u00a0% из них.", "About 97% of them.", "Около 97\u00a0% из них.", true},
		{"ordinal", "uk", "The 34th conference.", "34-та конференція.", "The 35th conference.", "35-та конференція.", true},
		{"english", "en-GB", "Cost 1,200.5 dollars.", "Cost 1,200.5 dollars.", "Cost 1,300.5 dollars.", "Cost 1,300.5 dollars.", true},
		{"url", "uk", "See [data](https://a.org/1).", "Див. [дані](https://a.org/1).", "See [data](https://a.org/2).", "Див. [дані](https://a.org/2).", true},
		{"autolink", "uk", "See <https://a.org/1>.", "Див. <https://a.org/1>.", "See <https://b.org/>.", "Див. <https://b.org/>.", true},
		{"code", "uk", "Run `hugo server` now.", "Запустіть `hugo server` зараз.", "Run `hugo build` now.", "Запустіть `hugo build` зараз.", true},
		{"spacing only", "uk", "One  two.", "Один два.", "One two.", "Один два.", true},
		{"same number twice", "uk", "5 of 5.", "5 із 5.", "6 of 6.", "6 із 6.", true},
		{"word changed", "uk", "About 3,767 prisoners.", "Близько 3\u00a0767 полонених.", "About 3,800 civilians.", "", false},
		{"case changed", "uk", "About 5 prisoners.", "Близько 5 полонених.", "about 6 prisoners.", "", false},
		{"conflict", "uk", "3 of 3.", "3 із 3.", "4 of 3.", "", false},
		{"number in words", "uk", "About 50 exchanges.", "Близько пʼятдесяти обмінів.", "About 60 exchanges.", "", false},
		{"placeable added", "uk", "About 5 people.", "Близько 5 осіб.", "About 5 or 6 people.", "", false},
		{"kind changed", "uk", "Run `5` now.", "Запустіть `5` зараз.", "Run 5 now.", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := Adapt("en", tc.loc, tc.oldSrc, tc.oldTgt, tc.newSrc)
			if got != tc.want || ok != tc.ok {
				t.Errorf("got %q, %v; want %q, %v", got, ok, tc.want, tc.ok)
			}
		})
	}
}

// TestLookupAdapts checks that Lookup fills Adapted for a match that
// differs in a number, and leaves it empty for one that differs in a
// word.
func TestLookupAdapts(t *testing.T) {
	m := Build([]Entry{
		{Source: "At least 120 people were evacuated from Kharkiv on Monday.", Target: "Щонайменше 120 людей евакуювали з Харкова в понеділок.", Locale: "uk"},
		{Source: "At least 120 people were evacuated from Odesa on Monday.", Target: "Щонайменше 120 людей евакуювали з Одеси в понеділок.", Locale: "uk"},
	}, Options{})
	ms := m.Lookup(Query{Source: "At least 1,350 people were evacuated from Kharkiv on Monday.", Locale: "uk"})
	if len(ms) != 2 {
		t.Fatalf("%d matches", len(ms))
	}
	if ms[0].Adapted != "Щонайменше 1\u00a0350 людей евакуювали з Харкова в понеділок." {
		t.Errorf("adapted %q", ms[0].Adapted)
	}
	if ms[1].Adapted != "" || ms[1].Percent >= ms[0].Percent {
		t.Errorf("second match: %+v", ms[1])
	}
}

// TestThresholdAndLimit checks the defaults and the bounds.
func TestThresholdAndLimit(t *testing.T) {
	var entries []Entry
	words := strings.Fields("a b c d e f g h i j")
	for k := 0; k <= 4; k++ {
		// k words of ten replaced: 100−10k %.
		w := slices.Clone(words)
		for i := 0; i < k; i++ {
			w[i] = "x" + w[i]
		}
		entries = append(entries, Entry{Source: strings.Join(w, " "), Target: fmt.Sprint(k), Locale: "ru"})
	}
	m := Build(entries, Options{MinThreshold: 60})
	q := Query{Source: "a b c d e f g h i j", Locale: "ru"}
	pcts := func(ms []Match) []int {
		var out []int
		for _, mt := range ms {
			out = append(out, mt.Percent)
		}
		return out
	}
	if got := pcts(m.Lookup(q)); !slices.Equal(got, []int{100, 90, 80}) {
		t.Errorf("defaults: %v", got)
	}
	q.Limit = -1
	if got := pcts(m.Lookup(q)); !slices.Equal(got, []int{100, 90, 80}) {
		t.Errorf("no limit, 75%%: %v", got)
	}
	q.Threshold = 60
	if got := pcts(m.Lookup(q)); !slices.Equal(got, []int{100, 90, 80, 70, 60}) {
		t.Errorf("60%%: %v", got)
	}
	q.Threshold = 100
	if got := pcts(m.Lookup(q)); !slices.Equal(got, []int{100}) {
		t.Errorf("100%%: %v", got)
	}
	// Below the memory's minimum, the minimum applies.
	q.Threshold = 10
	if got := pcts(m.Lookup(q)); !slices.Equal(got, []int{100, 90, 80, 70, 60}) {
		t.Errorf("10%% in a memory built for 60%%: %v", got)
	}
	q.Threshold = 60
	if got := pcts(Build(entries, Options{}).Lookup(q)); !slices.Equal(got, []int{100, 90, 80}) {
		t.Errorf("60%% in a memory built for 75%%: %v", got)
	}
}

// TestEmpty checks a memory without entries and texts without tokens.
func TestEmpty(t *testing.T) {
	m := Build([]Entry{{Source: "", Target: "x", Locale: "uk"}, {Source: "x", Target: "", Locale: "uk"}}, Options{})
	if m.Len() != 0 || m.Lookup(Query{Source: "x", Locale: "uk"}) != nil {
		t.Error("entries without source or target were kept")
	}
	m = Build([]Entry{{Source: "x", Target: "y", Locale: "uk"}}, Options{})
	if ms := m.Lookup(Query{Source: "", Locale: "uk"}); ms != nil {
		t.Errorf("empty query: %v", ms)
	}
}

// TestSecondArticle looks up the units of a second article in the seed
// outlet's style (testdata/second-article.md: the seed's byline,
// disclaimer, "Original url:" and a "Related article" line, one of the
// seed's paragraphs with a figure changed, and a paragraph of two
// sentences of two seed paragraphs, one with a figure changed) in a
// memory of the seed's uk and ru translations: the shared units are
// exact matches, the changed paragraph a fuzzy match adapted to the new
// figure, the new paragraph assembled from its sentences' matches, and
// check, with the project's glossary, finds nothing in any of them.
func TestSecondArticle(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "second-article.md"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := segment.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	g, err := glossary.Load(filepath.Join("..", "..", "glossary.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	m := Build(seedEntries(t), Options{})
	for _, loc := range []string{"uk", "ru"} {
		c := check.New("en", loc, g, d.Tree)
		exact, adapted, assembled := 0, 0, 0
		for _, u := range d.Units {
			ms := m.Lookup(Query{Source: u.Text, Locale: loc})
			if len(ms) == 0 {
				continue
			}
			top := ms[0]
			tr := top.Target
			switch {
			case top.Percent == 100:
				exact++
			case top.Kind == Assembled && top.Adapted != "":
				assembled++
				tr = top.Adapted
				if !strings.Contains(tr, "179") {
					t.Errorf("%s: the new figure is not in %q", loc, tr)
				}
			case top.Adapted != "":
				adapted++
				tr = top.Adapted
			default:
				continue
			}
			for _, f := range c.Check(c.ParseSource(u.Text), c.Parse(tr), u.SingleLine) {
				t.Errorf("%s %q: %s %s: %s", loc, u.Text, f.Severity, f.Check, f.Message)
			}
			if strings.HasPrefix(u.Text, "In total") && !strings.Contains(tr, "3\u00a0956") {
				t.Errorf("%s: the new figure is not in %q", loc, tr)
			}
		}
		if exact != 4 || adapted != 1 || assembled != 1 {
			t.Errorf("%s: %d exact, %d adapted and %d assembled matches, want 4, 1 and 1", loc, exact, adapted, assembled)
		}
	}
}

// TestConcurrentLookups looks up from several goroutines at once (run
// with -race): the results are those of one goroutine.
func TestConcurrentLookups(t *testing.T) {
	entries := seedEntries(t)
	m := Build(entries, Options{})
	var queries []Query
	for _, e := range entries {
		queries = append(queries, Query{Source: strings.ReplaceAll(e.Source, "the", "a"), Locale: e.Locale, Threshold: 75})
	}
	want := make([][]Match, len(queries))
	for i, q := range queries {
		want[i] = m.Lookup(q)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 4*len(queries))
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, q := range queries {
				if got := m.Lookup(q); !reflect.DeepEqual(got, want[i]) {
					errs <- q.Source
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for s := range errs {
		t.Errorf("differs: %q", s)
	}
}
