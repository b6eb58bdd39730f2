package newsgen

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/l10n-dev/l10n/pipeline/project"
)

// TestCopies writes three copies of the project's own articles and checks
// that every translation came along, that check finds nothing in them (as
// in the seed: the made-up names are in spelling.txt and in every
// translation), and that no two copies share a sentence.
func TestCopies(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	dir := filepath.Join(t.TempDir(), "copies")
	filled, missing, err := WriteCopies(dir, root, 3)
	if err != nil {
		t.Fatal(err)
	}
	if missing != 0 || filled < 80 {
		t.Errorf("%d translations filled, %d units without one", filled, missing)
	}
	for _, f := range checkCorpus(t, dir) {
		t.Errorf("check found %s", f)
	}
	src, err := project.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	slugs, err := src.Articles()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	for _, slug := range slugs {
		for i := range 3 {
			data, err := os.ReadFile(filepath.Join(dir, project.ArticlePath(copySlug(slug, i))))
			if err != nil {
				t.Fatal(err)
			}
			for _, line := range strings.Split(string(data), "\n") {
				for _, sentence := range strings.SplitAfter(line, ". ") {
					if !strings.HasSuffix(strings.TrimSpace(sentence), ".") || len(strings.Fields(sentence)) < 3 {
						continue
					}
					if other, ok := seen[sentence]; ok && other != copySlug(slug, i) {
						t.Errorf("%s and %s share %q", other, copySlug(slug, i), sentence)
					}
					seen[sentence] = copySlug(slug, i)
				}
			}
		}
	}
	if len(seen) < 60 {
		t.Errorf("only %d sentences in the copies", len(seen))
	}
}

func TestCopyName(t *testing.T) {
	for i, want := range map[int]string{0: "Kvad Zord", 12: "Kvaz Zord", 13: "Kvadb Zord", 129: "Kvaf Zorf"} {
		if got := copyName(i, false); got != want {
			t.Errorf("copyName(%d) = %q, want %q", i, got, want)
		}
	}
	if copyName(5, true) == copyName(5, false) || !strings.HasPrefix(copyName(5, true), "Ква") || copyName(5, true) == copyName(5+namesPerWord, true) {
		t.Errorf("Cyrillic name %q", copyName(5, true))
	}
}
