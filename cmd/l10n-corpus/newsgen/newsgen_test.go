package newsgen

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/l10n-dev/l10n/pipeline/check"
	"github.com/l10n-dev/l10n/pipeline/extract"
	"github.com/l10n-dev/l10n/pipeline/lint"
	"github.com/l10n-dev/l10n/pipeline/project"
	"github.com/l10n-dev/l10n/pipeline/segment"
	"github.com/l10n-dev/l10n/pipeline/status"
)

func TestArticleShape(t *testing.T) {
	for i := range 20 {
		slug, src := Article(7, i, false)
		again, src2 := Article(7, i, false)
		if slug != again || !bytes.Equal(src, src2) {
			t.Fatalf("article %d is not deterministic", i)
		}
		if _, other := Article(8, i, false); bytes.Equal(src, other) {
			t.Errorf("article %d is the same for seeds 7 and 8", i)
		}
		s := string(src)
		for _, want := range []string{"By [", "\n> \"", "\n- ", "](https://", "**Related article:**", "\n## "} {
			if !strings.Contains(s, want) {
				t.Errorf("article %d (%s) has no %q", i, slug, want)
			}
		}
		d, err := segment.Parse(src)
		if err != nil {
			t.Fatalf("article %d: %v", i, err)
		}
		paras := 0
		for _, u := range d.Units {
			if u.Kind == segment.Paragraph && len(u.Parts) == 1 && strings.Count(u.Text, ". ") >= 1 {
				paras++
			}
		}
		if paras < 12 || paras > 32 {
			t.Errorf("article %d has %d prose paragraphs", i, paras)
		}
	}
}

func TestWrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "corpus")
	sum, err := Write(dir, Options{N: 30, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Articles != 30 || sum.Edited == 0 || sum.Blanked == 0 {
		t.Errorf("summary %+v: want edits and blanks in 30 articles", sum)
	}
	p, err := project.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := status.Run(p, project.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	var units, translated, missing, stale int
	for _, r := range rows {
		units += r.Units
		translated += r.Translated
		missing += r.Missing
		stale += r.Stale
	}
	if len(rows) != 60 || missing == 0 || stale == 0 || translated*10 < units*9 {
		t.Errorf("%d rows, %d units: %d translated, %d missing, %d stale; want mostly translated, some missing and stale",
			len(rows), units, translated, missing, stale)
	}
	// The catalogs are extract's own: extracting again writes nothing.
	res, err := extract.Run(p, extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Written) > 0 {
		t.Errorf("extract rewrote %v", res.Written)
	}
	if _, err := Write(dir, Options{N: 1}); err == nil {
		t.Error("Write into a project that is not empty")
	}

	po := t.TempDir()
	if err := WritePO(dir, po, []string{"uk", "ru"}); err != nil {
		t.Fatal(err)
	}
	pots, _ := filepath.Glob(filepath.Join(po, "pot", "*.pot"))
	ukpo, _ := filepath.Glob(filepath.Join(po, "uk", "*.po"))
	if len(pots) != 30 || len(ukpo) != 30 {
		t.Errorf("%d templates, %d uk PO files; want 30 of each", len(pots), len(ukpo))
	}
	data, _ := os.ReadFile(ukpo[0])
	if !strings.Contains(string(data), "msgctxt ") || !strings.Contains(string(data), "charset=UTF-8") {
		t.Errorf("PO file:\n%.400s", data)
	}
}

// TestCheckFindsOnlyWhatWasLeft runs l10n check on a generated corpus: a
// newsroom's translations pass it but for the mistakes the generator
// left, the units it emptied or added (missing) and the paragraphs edited
// after translation (stale), each counted (a gap that extract filled
// from the translation memory is a unit to review instead of a missing one). With Pseudo, every family
// of check fires on nearly every unit, as on l10n pseudo's catalogs.
func TestCheckFindsOnlyWhatWasLeft(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "corpus")
	sum, err := Write(dir, Options{N: 40, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	findings := checkCorpus(t, dir)
	type key struct{ slug, locale, unit, check string }
	planted := map[key]bool{}
	kinds := map[string]int{}
	for _, m := range sum.Mistakes {
		planted[key{m.Slug, m.Locale, m.ID, m.Check}] = true
		kinds[m.Check]++
	}
	if kinds["numbers"] == 0 || kinds["glossary"] == 0 || kinds["typography"] == 0 {
		t.Errorf("mistakes by check %v: want each kind", kinds)
	}
	var missing, review, stale int
	found := map[key]bool{}
	for _, f := range findings {
		switch f.Check {
		case "missing":
			missing++
		case "stale":
			stale++
		case "review":
			review++ // extract pre-filled a gap from the translation memory
		default:
			k := key{f.Article, f.Locale, f.Unit, f.Check}
			if !planted[k] {
				t.Errorf("check found what no mistake explains: %s", f)
			}
			found[k] = true
		}
	}
	for k := range planted {
		if !found[k] {
			t.Errorf("check did not find the mistake %+v", k)
		}
	}
	locales := 2
	if want := sum.Blanked + sum.Added*locales; missing+review != want || missing == 0 {
		t.Errorf("%d missing units and %d pre-filled for review; the generator emptied %d translations and added %d paragraphs (in %d locales)",
			missing, review, sum.Blanked, sum.Added, locales)
	}
	if want := sum.Edited * locales; stale != want {
		t.Errorf("%d stale units; the generator edited %d paragraphs (in %d locales)", stale, sum.Edited, locales)
	}
	t.Logf("%d mistakes %v, %d missing, %d pre-filled, %d stale", len(sum.Mistakes), kinds, missing, review, stale)
	// About 1.5% of the units of 40 articles in 2 locales: a few dozen.
	if n := len(sum.Mistakes); n < 15 || n > 80 {
		t.Errorf("%d mistakes in 40 articles", n)
	}

	old := filepath.Join(t.TempDir(), "pseudo")
	psum, err := Write(old, Options{N: 40, Seed: 3, Pseudo: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(psum.Mistakes) != 0 || psum.Blanked != sum.Blanked || psum.Edited != sum.Edited {
		t.Errorf("pseudo corpus: %+v; want the same gaps as %+v and no mistakes", psum, sum)
	}
	byCheck := map[string]int{}
	for _, f := range checkCorpus(t, old) {
		byCheck[f.Check]++
	}
	for _, c := range []string{"numbers", "glossary", "typography"} {
		if byCheck[c] < 10*len(sum.Mistakes) {
			t.Errorf("pseudo corpus: %d %s findings; want every unit with a figure, term or quote flagged (%v)", byCheck[c], c, byCheck)
		}
	}
}

// checkCorpus runs l10n check on a project.
func checkCorpus(t *testing.T, dir string) []check.Finding {
	t.Helper()
	p, err := project.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := lint.Run(p, lint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return rep.Findings
}
