package newsgen

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/l10n-dev/l10n/pipeline/extract"
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
