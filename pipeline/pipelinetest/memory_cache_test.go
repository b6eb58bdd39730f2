package pipelinetest_test

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/l10n-dev/l10n/internal/corpus"
	"github.com/l10n-dev/l10n/pipeline/extract"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// The paragraphs that TestMemoryCacheIsCold adds to an article: one the
// seed has word for word, one with the seed's figures changed, one with
// a word of the seed's changed, one the memory has nothing for.
const (
	cacheExact   = "The international community should recognize the limited effectiveness of organizations such as the Red Cross Committee in situations where authoritarian and totalitarian countries are parties to a war. To improve the effectiveness of such humanitarian and human rights organizations, changes are needed, including identifying ways in which they could be influenced by either side, comprehensive coverage of the situation and monitoring of the implementation of international conventions on international platforms."
	cacheAdapted = "In total, about 3,801 Ukrainian prisoners of war and deported civilians have been [returned](#) home as a result of over fifty exchanges between Moscow and Kyiv. However, according to the latest [data](#), 14,000 Ukrainian citizens are still in captivity in Russia, and the condition of most of them is unknown."
	cacheFuzzy   = "Families of Ukrainian POWs came to the conference in Geneva hoping for a wide and open discussion of the problems associated with the war in Ukraine, including the ICRC's lack of access to places where Ukrainians are held. However, the participants of the Conference ignored all these topics, and the families of Ukrainian prisoners of war were not heard."
	cacheNone    = "A paragraph an editor added to this article after it was translated."
)

// memoryRecords returns the names of the records of the memory's cache
// with when each was written.
func memoryRecords(p *project.Project) map[string]string {
	out := map[string]string{}
	for name, t := range p.RecordsWritten("memory") {
		out[name] = t.String()
	}
	return out
}

// projectFiles returns every file of the project but l10n's cache.
func projectFiles(t *testing.T, p *project.Project) map[string]string {
	t.Helper()
	tree := corpus.Files(t, p.Root)
	for k := range tree {
		if strings.HasPrefix(k, project.CacheDir+string(filepath.Separator)) {
			delete(tree, k)
		}
	}
	return tree
}

// TestMemoryCacheIsCold: extract with the memory of the run before (out/
// .cache/memory.rec) writes what extract without any cache writes, after
// each change that matters to the memory: paragraphs added to an article
// (pre-filled from an exact and an adapted match, a suggestion from a
// fuzzy one, nothing for one the memory lacks), a translation changed in
// another article's catalog, a TMX file under tm/, a memory setting in
// l10n.yaml. The first reads the memory from the cache; each other
// change gives the memory another key, and the run builds it again and
// keeps it in place of the old. A cache that does not decode is built
// again.
func TestMemoryCacheIsCold(t *testing.T) {
	n := newNewsroom(t)
	words, err := os.ReadFile(filepath.Join("..", "..", project.SpellingFile))
	if err != nil {
		t.Fatal(err)
	}
	n.write(project.SpellingFile, string(words))
	const slug = "cache-test"
	n.write(project.ArticlePath(slug), "# The memory's cache\n")
	n.extract(extract.Options{})
	if len(memoryRecords(n.p)) != 1 {
		t.Fatalf("no memory kept by an extract that looked a unit up: %v", memoryRecords(n.p))
	}
	seedUK := project.CatalogPath(seed, "uk")
	for _, c := range []struct {
		name   string
		change func()
		cached bool // the run reads the memory from the cache
		// want are lines the catalog of the article in uk has after
		// the change.
		want []string
	}{
		{"paragraphs added", func() {
			n.write(project.ArticlePath(slug), "# The memory's cache\n\n"+strings.Join([]string{cacheExact, cacheAdapted, cacheFuzzy, cacheNone}, "\n\n")+"\n")
		}, true, []string{
			"#. tm: 100% " + seed + "/p-the-internationa-community",
			"#. tm: 99% " + seed + "/p-in-total-about, adapted",
			"3\u00a0801",
			"#. tm 98%: Families of Ukrainian POWs came to the conference in Geneva hoping for a broad",
		}},
		{"nothing", func() {}, true, nil},
		{"a translation in another folder", func() {
			data := n.read(seedUK)
			old := "сподіваючись на широке й відкрите обговорення"
			if !strings.Contains(data, old) {
				t.Fatalf("%s has no %q", seedUK, old)
			}
			n.write(seedUK, strings.Replace(data, old, "сподіваючись на широке та відкрите обговорення", 1))
		}, false, []string{"сподіваючись на широке та відкрите обговорення"}},
		{"a TMX file", func() {
			n.write("tm/agency.tmx", `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="test" creationtoolversion="1" segtype="paragraph" o-tmf="none" adminlang="en" srclang="en" datatype="plaintext"/>
<body><tu><tuv xml:lang="en"><seg>`+cacheNone+`</seg></tuv><tuv xml:lang="uk"><seg>Абзац, який редактор додав до статті після перекладу.</seg></tuv></tu></body></tmx>
`)
		}, false, []string{"#. tm: 100% tm/agency.tmx:3", "Абзац, який редактор додав"}},
		{"the TMX file changed", func() {
			n.write("tm/agency.tmx", strings.Replace(n.read("tm/agency.tmx"), "<seg>Абзац, який", "<seg>Абзац, що", 1))
		}, false, nil}, // the unit pre-filled is a translation now: the memory no longer fills it
		{"a memory setting", func() {
			n.write(project.ConfigFile, "locales: [uk, ru]\nmemory:\n  fuzzy: 60\n")
			n = openNewsroom(t, n.p.Root)
		}, false, nil},
		{"a cache that does not decode, and a paragraph added", func() {
			rel := project.RecordsPath("memory", project.Shard{})
			data := []byte(n.read(rel))
			copy(data[len("l10nrec1"):], "garbage")
			n.write(rel, string(data))
			n.write(project.ArticlePath(slug), n.read(project.ArticlePath(slug))+"\n"+cacheExact+"\n")
		}, false, []string{"#. tm: 100% " + seed + "/p-the-internationa-community"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			age(t, n.p)
			n.extract(extract.Options{}) // records as between two runs
			before := memoryRecords(n.p)
			c.change()
			files := projectFiles(t, n.p)
			n.extract(extract.Options{})
			warm := projectFiles(t, n.p)
			after := memoryRecords(n.p)
			if got := maps.Equal(before, after); got != c.cached && c.name != "nothing" {
				t.Errorf("memory records before %v, after %v: want cached %v", before, after, c.cached)
			}
			if len(after) != 1 {
				t.Errorf("memory records after the run: %v", after)
			}
			cat := warm[project.CatalogPath(slug, "uk")]
			for _, w := range c.want {
				if !strings.Contains(cat, w) {
					t.Errorf("the uk catalog has no %q:\n%s", w, cat)
				}
			}
			// The same run without any cache, from the same files.
			if err := os.RemoveAll(n.p.Abs(project.CacheDir)); err != nil {
				t.Fatal(err)
			}
			for rel := range warm {
				if _, ok := files[rel]; !ok {
					if err := os.Remove(n.p.Abs(rel)); err != nil {
						t.Fatal(err)
					}
				}
			}
			for _, rel := range slices.Sorted(maps.Keys(files)) {
				n.write(rel, files[rel])
			}
			n.extract(extract.Options{})
			sameTree(t, projectFiles(t, n.p), warm)
		})
	}
}
