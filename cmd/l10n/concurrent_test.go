package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/l10n-dev/l10n/cmd/l10n-corpus/newsgen"
	"github.com/l10n-dev/l10n/pipeline/catalog"
)

// TestConcurrentWriters runs extract, import and build at once, as
// processes of their own, round after round on the same project: each
// round adds a paragraph to a few articles (for extract) and imports
// translations of the same articles' units (made before the paragraph
// came), so that extract and import write the same catalogs and build
// reads them. The project lock makes each wait for the other: every
// process ends well, and afterwards every translation imported is in its
// catalog, every paragraph added is a unit, and the editions hold them.
func TestConcurrentWriters(t *testing.T) {
	n, rounds := 24, 6
	if testing.Short() {
		n, rounds = 12, 3
	}
	root := filepath.Join(t.TempDir(), "p")
	if _, err := newsgen.Write(root, newsgen.Options{N: n, Seed: 16}); err != nil {
		t.Fatal(err)
	}
	withoutUK(t, root)
	names, err := filepath.Glob(filepath.Join(root, "articles", "*.md"))
	if err != nil || len(names) != n {
		t.Fatalf("%d articles, %v", len(names), err)
	}
	var slugs []string
	for _, name := range names {
		slugs = append(slugs, strings.TrimSuffix(filepath.Base(name), ".md"))
	}
	per := n / rounds
	files := make([]string, rounds)
	want := map[string]string{} // translations by article/unit id
	for r := range rounds {
		files[r] = filepath.Join(t.TempDir(), fmt.Sprintf("round%d.po", r))
		for k, v := range translatablePO(t, root, files[r], slugs[r*per:(r+1)*per]...) {
			want[k] = v
		}
	}
	t.Setenv(lockEnv, "5m")
	for r := range rounds {
		for _, slug := range slugs[r*per : (r+1)*per] {
			f, err := os.OpenFile(filepath.Join(root, "articles", slug+".md"), os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(f, "\nRound %d adds this paragraph to %s.\n", r, slug)
			f.Close()
		}
		var wg sync.WaitGroup
		for _, args := range [][]string{{"extract"}, {"import", files[r]}, {"build"}} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				cmd := l10nProcess(t, append([]string{"-C", root}, args...)...)
				var out bytes.Buffer
				cmd.Stdout, cmd.Stderr = &out, &out
				if err := cmd.Run(); err != nil {
					code := -1
					if ee, ok := err.(*exec.ExitError); ok {
						code = ee.ExitCode()
					}
					t.Errorf("round %d: %s: exit %d: %s", r, args[0], code, out.String())
				}
			}()
		}
		wg.Wait()
		if t.Failed() {
			t.FailNow()
		}
	}
	if code, _, stderr := l10n("-C", root, "build"); code != 0 {
		t.Fatalf("build: %s", stderr)
	}
	for r := range rounds {
		for _, slug := range slugs[r*per : (r+1)*per] {
			para := fmt.Sprintf("Round %d adds this paragraph to %s.", r, slug)
			for _, loc := range []string{"en", "uk", "ru"} {
				if !strings.Contains(read(t, filepath.Join(root, "locales", slug, loc+".yaml")), para) {
					t.Errorf("locales/%s/%s.yaml lacks the paragraph added in round %d", slug, loc, r)
				}
			}
		}
	}
	found := 0
	for _, slug := range slugs {
		f, err := catalog.Parse([]byte(read(t, filepath.Join(root, "locales", slug, "uk.yaml"))))
		if err != nil {
			t.Fatal(err)
		}
		edition := read(t, filepath.Join(root, "out", "uk", slug+".md"))
		for _, e := range f.Entries {
			tr, ok := want[slug+"/"+e.ID]
			if !ok {
				continue
			}
			found++
			if e.Other != tr || e.Hash == "" {
				t.Errorf("%s/%s: %q (hash %q), want the translation imported, %q", slug, e.ID, e.Other, e.Hash, tr)
			}
			// Line by line: a block quote's lines start with "> ".
			for _, line := range strings.Split(tr, "\n") {
				if !strings.Contains(edition, line) {
					t.Errorf("out/uk/%s.md lacks the translation of %s, %q", slug, e.ID, line)
				}
			}
		}
	}
	if found != len(want) {
		t.Errorf("%d of the %d units translated are in the catalogs", found, len(want))
	}
}
