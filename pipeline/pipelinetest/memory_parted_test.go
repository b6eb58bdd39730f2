package pipelinetest_test

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/l10n-dev/l10n/cmd/l10n-corpus/newsgen"
	"github.com/l10n-dev/l10n/pipeline/exchange"
	"github.com/l10n-dev/l10n/pipeline/extract"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// projectID is the PO header's line that names the project.
var projectID = regexp.MustCompile(`"Project-Id-Version: [^"]*"\n`)

// TestPartedMemoryIsWhole: extract with the memory parted (memory: part:
// 4, so that 60 generated news articles make 15 parts, built, looked up
// and kept one at a time; and part: 2, 30 parts, some empty) writes what extract with the memory whole
// writes, on generated news whose catalogs miss units: cold; after
// paragraphs added to articles, some the memory has word for word, some
// with figures changed, and translations changed in folders of several
// parts (the parts read from the cache, those folders replaced); after
// more folders changed than make the run keep its parts anew (the parts
// with folders replaced written again, the others kept); then with
// nothing changed (the parts read as the cache keeps them).
func TestPartedMemoryIsWhole(t *testing.T) {
	for _, part := range []int{4, 2} {
		t.Run(fmt.Sprint("part ", part), func(t *testing.T) { partedMemoryIsWhole(t, part) })
	}
}

// partedMemoryIsWhole is TestPartedMemoryIsWhole with parts of part
// folders (2: 30 parts, some of them empty).
func partedMemoryIsWhole(t *testing.T, part int) {
	whole, parted := wholeAndParted(t, 60, part)
	ns := []*newsroom{openNewsroom(t, whole), openNewsroom(t, parted)}
	slugs, err := ns[0].p.Articles()
	if err != nil {
		t.Fatal(err)
	}
	// exports compares the two projects' PO exports of every article in
	// Ukrainian, the memory's matches for the missing units among them
	// (export reads the memory extract kept, memory.Open), and returns
	// the whole memory's.
	exports := func(step string) []byte {
		t.Helper()
		var outs [][]byte
		for _, n := range ns {
			data, err := exchange.Export(n.p, exchange.ExportOptions{Format: exchange.FormatPO, Locale: "uk", Date: time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)})
			if err != nil {
				t.Fatal(err)
			}
			// The project's name is its folder's.
			outs = append(outs, projectID.ReplaceAll(data, nil))
		}
		if !bytes.Equal(outs[0], outs[1]) {
			t.Fatalf("%s: the export differs with the memory parted:\n%s\nwhole:\n%s", step, outs[1], outs[0])
		}
		if !bytes.Contains(outs[0], []byte("\n#. tm ")) {
			t.Fatalf("%s: the export offers no match of the memory", step)
		}
		return outs[0]
	}
	same := func(step string) {
		t.Helper()
		a, b := projectFiles(t, ns[0].p), projectFiles(t, ns[1].p)
		delete(a, project.ConfigFile)
		delete(b, project.ConfigFile)
		if !maps.Equal(a, b) {
			for _, rel := range slices.Sorted(maps.Keys(a)) {
				if a[rel] != b[rel] {
					t.Fatalf("%s: %s differs with the memory parted:\n%s\nwhole:\n%s", step, rel, b[rel], a[rel])
				}
			}
			t.Fatalf("%s: the parted memory's project has other files", step)
		}
		exports(step)
		// The lookups' spills (memory/spill.go) are gone.
		if left, _ := filepath.Glob(ns[1].p.Abs(filepath.Join(project.CacheDir, ".spill-*"))); len(left) > 0 {
			t.Fatalf("%s: spills left: %v", step, left)
		}
	}
	run := func(step string, change func(n *newsroom)) {
		t.Helper()
		for _, n := range ns {
			change(n)
			age(t, n.p)
			// The progress counts up to its total: the articles, and
			// with the memory parted the first pass's and the parts.
			last, total := 0, 0
			n.p.Progress = func(done, of int) {
				if done != last+1 || total != 0 && of != total {
					t.Errorf("%s: progress %d of %d after %d of %d", step, done, of, last, total)
				}
				last, total = done, of
			}
			n.extract(extract.Options{})
			n.p.Progress = nil
			if last != total || total < len(slugs) {
				t.Errorf("%s: progress ended at %d of %d", step, last, total)
			}
		}
		same(step)
	}
	run("cold", func(*newsroom) {})
	if recs := memoryRecords(ns[1].p); len(recs) != (60+part-1)/part+1 || !oneMemory(recs) {
		t.Fatalf("the parted memory's cache: %v", slices.Sorted(maps.Keys(recs)))
	}
	// A paragraph of another article, word for word and with its
	// figures changed, and a translation changed in another folder.
	edit := func(n *newsroom, k int) {
		from := n.read(project.ArticlePath(slugs[(k+7)%len(slugs)]))
		paras := strings.Split(from, "\n\n")
		para := paras[len(paras)/2]
		n.write(project.ArticlePath(slugs[k]), n.read(project.ArticlePath(slugs[k]))+"\n"+para+"\n\n"+strings.ReplaceAll(para, "1", "7")+"\n")
		rel := project.CatalogPath(slugs[(k+3)%len(slugs)], "uk")
		lines := strings.Split(n.read(rel), "\n")
		for i, l := range lines {
			if strings.HasPrefix(l, "  other: ") && !strings.HasPrefix(l, `  other: ""`) && i > 10 {
				lines[i] = l + fmt.Sprintf(" (ред. %d)", k)
				break
			}
		}
		n.write(rel, strings.Join(lines, "\n"))
	}
	run("paragraphs added, translations changed", func(n *newsroom) {
		for k := range 6 {
			edit(n, k*9)
		}
	})
	before := memoryRecords(ns[1].p)
	run("more folders changed", func(n *newsroom) {
		for k := range 40 {
			edit(n, k)
		}
	})
	if after := memoryRecords(ns[1].p); maps.Equal(before, after) || !oneMemory(after) {
		t.Errorf("the parted memory was not kept anew after 40 folders changed: %v", after)
	}
	run("one more", func(n *newsroom) { edit(n, 50) })
	// With nothing changed, the parts are read from the cache as they are.
	kept := memoryRecords(ns[1].p)
	run("nothing changed", func(*newsroom) {})
	if !maps.Equal(kept, memoryRecords(ns[1].p)) {
		t.Errorf("the parted memory was built again with nothing changed")
	}
	// Translations changed since extract ran: export reads the kept
	// memory with those folders replaced, and offers what a memory built
	// anew offers.
	for _, n := range ns {
		for k := range 5 {
			edit(n, 10+k*11)
		}
	}
	warm := exports("translations changed since extract")
	for _, n := range ns {
		if err := os.RemoveAll(n.p.Abs(project.CacheDir)); err != nil {
			t.Fatal(err)
		}
	}
	if cold := exports("without the cache"); !bytes.Equal(warm, cold) {
		t.Errorf("the export from the kept memory, folders replaced, differs from the export of a memory built:\n%s\nbuilt:\n%s", warm, cold)
	}
}

// TestPartedMemoryWithoutCache: with no cache folder to write to (out/.cache
// a file), extract with the memory parted keeps its lookups' matches
// between the parts in the system's temporary folder (memory/spill.go),
// leaves nothing there, and writes what extract with the memory whole
// writes.
func TestPartedMemoryWithoutCache(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	whole, parted := wholeAndParted(t, 12, 2)
	cache := filepath.Join(parted, project.CacheDir)
	if err := os.RemoveAll(cache); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(cache), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cache, []byte("not a folder\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ns := []*newsroom{openNewsroom(t, whole), openNewsroom(t, parted)}
	for _, n := range ns {
		n.extract(extract.Options{})
	}
	a, b := projectFiles(t, ns[0].p), projectFiles(t, ns[1].p)
	for _, tree := range []map[string]string{a, b} {
		delete(tree, project.ConfigFile)
		delete(tree, project.CacheDir)
	}
	if !maps.Equal(a, b) {
		t.Fatal("extract with the memory parted and no cache folder writes other files than with the memory whole")
	}
	if !slices.ContainsFunc(slices.Collect(maps.Values(b)), func(data string) bool { return strings.Contains(data, "\n#. tm") }) {
		t.Fatal("no catalog offers a match of the memory")
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Fatalf("left in the temporary folder: %v", left)
	}
}

// wholeAndParted returns two folders of the same n generated articles,
// the second with its memory in parts of part folders.
func wholeAndParted(t *testing.T, n, part int) (whole, parted string) {
	t.Helper()
	whole, parted = t.TempDir(), t.TempDir()
	for _, dir := range []string{whole, parted} {
		if _, err := newsgen.Write(dir, newsgen.Options{N: n, Seed: 7}); err != nil {
			t.Fatal(err)
		}
	}
	config := filepath.Join(parted, project.ConfigFile)
	data, err := os.ReadFile(config)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(config, append(data, fmt.Sprintf("memory:\n  part: %d\n", part)...), 0o644); err != nil {
		t.Fatal(err)
	}
	return whole, parted
}
