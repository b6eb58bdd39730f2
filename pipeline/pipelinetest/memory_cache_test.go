package pipelinetest_test

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/l10n-dev/l10n/cmd/l10n-corpus/newsgen"
	"github.com/l10n-dev/l10n/internal/corpus"
	"github.com/l10n-dev/l10n/internal/stage"
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

// copyFolder copies an article and its catalogs under another slug.
func (n *newsroom) copyFolder(from, to string) {
	n.t.Helper()
	n.write(project.ArticlePath(to), n.read(project.ArticlePath(from)))
	for _, loc := range []string{"en", "uk", "ru"} {
		n.write(project.CatalogPath(to, loc), n.read(project.CatalogPath(from, loc)))
	}
}

// replaceIn replaces old by new once in a file of the project, which
// must have old.
func (n *newsroom) replaceIn(rel, old, new string) {
	n.t.Helper()
	data := n.read(rel)
	if !strings.Contains(data, old) {
		n.t.Fatalf("%s has no %q", rel, old)
	}
	n.write(rel, strings.Replace(data, old, new, 1))
}

// paragraphOf returns the line of an article that starts with prefix.
func paragraphOf(t *testing.T, article, prefix string) string {
	t.Helper()
	for line := range strings.Lines(article) {
		if strings.HasPrefix(line, prefix) {
			return strings.TrimSuffix(line, "\n")
		}
	}
	t.Fatalf("no paragraph starts with %q", prefix)
	return ""
}

// What a change does to the memory's cache (out/.cache/memory.rec).
const (
	kept     = iota // read as it is
	replaced        // read, with the folders that changed replaced: not written again
	rebuilt         // built again and written
	either          // replaced or built, as the length ratios moved or not
)

// TestMemoryCacheIsCold: extract with the memory of the run before (out/
// .cache/memory.rec) writes what extract without any cache writes, after
// each change that matters to the memory: paragraphs added to an article
// (pre-filled from an exact and an adapted match, a suggestion from a
// fuzzy one, nothing for one the memory lacks); a translation changed in
// another article's catalog, which the cache's memory takes with that
// folder replaced (tm.Memory.Replace) — one that changes a suggestion of
// an article, which is extracted again, one that changes none, whose
// articles are skipped, then paragraphs added again; an article renamed,
// a folder deleted and one added; a TMX file under tm/ added and
// changed, a memory setting in l10n.yaml, a cache that does not decode:
// the memory is built again and kept in place of the old. The same with
// the memory parted (a part per catalog folder: see memory.Lazy.Gather).
func TestMemoryCacheIsCold(t *testing.T) {
	t.Run("whole", func(t *testing.T) { memoryCacheIsCold(t, "") })
	t.Run("parted", func(t *testing.T) { memoryCacheIsCold(t, "  part: 1\n") })
}

// oneMemory reports whether the records of the memory's cache are one
// memory's: one record, or a parted memory's record and its parts'.
func oneMemory(records map[string]string) bool {
	names := slices.Sorted(maps.Keys(records))
	if len(names) == 0 {
		return false
	}
	for i := range len(names) - 1 {
		if _, ok := records[names[0]+" part "+strconv.Itoa(i)]; !ok {
			return false
		}
	}
	return true
}

// memoryCacheIsCold is TestMemoryCacheIsCold with the memory settings
// part (lines under memory: in l10n.yaml).
func memoryCacheIsCold(t *testing.T, part string) {
	n := newNewsroom(t)
	if part != "" {
		n.write(project.ConfigFile, "memory:\n"+part)
		n = openNewsroom(t, n.p.Root)
	}
	words, err := os.ReadFile(filepath.Join("..", "..", project.SpellingFile))
	if err != nil {
		t.Fatal(err)
	}
	n.write(project.SpellingFile, string(words))
	const slug, other = "cache-test", "other"
	n.copyFolder(seed, other)
	n.write(project.ArticlePath(slug), "# The memory's cache\n")
	n.extract(extract.Options{})
	if !oneMemory(memoryRecords(n.p)) {
		t.Fatalf("no memory kept by an extract that looked a unit up: %v", memoryRecords(n.p))
	}
	seedUK := project.CatalogPath(seed, "uk")
	const otherTitle = "Байдужість неурядових організацій до українських військовополонених"
	exact2 := paragraphOf(t, n.read(project.ArticlePath(seed)), "In April 2024, the International Red Cross Movement")
	for _, c := range []struct {
		name   string
		change func()
		cache  int // what the run does with the memory's cache
		// skipped says that the article slug is skipped (its record
		// as it was): the memory answers its lookups as before.
		skipped bool
		// want are lines the catalog of the article in uk has after
		// the change.
		want []string
	}{
		{"paragraphs added", func() {
			n.write(project.ArticlePath(slug), "# The memory's cache\n\n"+strings.Join([]string{cacheExact, cacheAdapted, cacheFuzzy, cacheNone}, "\n\n")+"\n")
		}, kept, false, []string{
			"#. tm: 100% " + seed + "/p-the-internationa-community",
			"#. tm: 99% " + seed + "/p-in-total-about, adapted",
			"3\u00a0801",
			"#. tm 98%: Families of Ukrainian POWs came to the conference in Geneva hoping for a broad",
		}},
		{"nothing", func() {}, kept, true, nil},
		{"a translation in another folder that no lookup finds", func() {
			n.replaceIn(project.CatalogPath(other, "uk"), otherTitle, otherTitle+" (ред.)")
		}, replaced, true, nil},
		{"a translation in another folder that a suggestion shows", func() {
			n.replaceIn(seedUK, "сподіваючись на широке й відкрите обговорення", "сподіваючись на широке та відкрите обговорення")
			n.replaceIn(project.CatalogPath(other, "uk"), "сподіваючись на широке й відкрите обговорення", "сподіваючись на широке та відкрите обговорення")
		}, replaced, false, []string{"сподіваючись на широке та відкрите обговорення"}},
		{"then paragraphs added", func() {
			n.replaceIn(project.CatalogPath(other, "uk"), otherTitle, "Байдужість НУО до українських військовополонених")
			n.write(project.ArticlePath(slug), n.read(project.ArticlePath(slug))+"\n"+exact2+"\n\nAnother paragraph the memory has nothing for.\n")
		}, replaced, false, []string{"#. tm: 100% " + seed + "/p-in-april-2024"}},
		{"an article renamed", func() {
			if err := os.Rename(n.path(project.ArticlePath(other)), n.path(project.ArticlePath("renamed"))); err != nil {
				t.Fatal(err)
			}
		}, kept, true, nil}, // the memory's inputs are taken before the catalogs move
		{"after the rename", func() {}, replaced, true, nil},
		{"a folder deleted", func() {
			if err := os.Remove(n.path(project.ArticlePath("renamed"))); err != nil {
				t.Fatal(err)
			}
			if err := os.RemoveAll(n.path(project.CatalogDir("renamed"))); err != nil {
				t.Fatal(err)
			}
		}, either, false, nil},
		{"a folder added", func() { n.copyFolder(seed, "added") }, either, false, nil},
		{"a TMX file", func() {
			n.write("tm/agency.tmx", `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="test" creationtoolversion="1" segtype="paragraph" o-tmf="none" adminlang="en" srclang="en" datatype="plaintext"/>
<body><tu><tuv xml:lang="en"><seg>`+cacheNone+`</seg></tuv><tuv xml:lang="uk"><seg>Абзац, який редактор додав до статті після перекладу.</seg></tuv></tu></body></tmx>
`)
		}, rebuilt, false, []string{"#. tm: 100% tm/agency.tmx:3", "Абзац, який редактор додав"}},
		{"the TMX file changed", func() {
			n.write("tm/agency.tmx", strings.Replace(n.read("tm/agency.tmx"), "<seg>Абзац, який", "<seg>Абзац, що", 1))
		}, rebuilt, false, nil}, // the unit pre-filled is a translation now: the memory no longer fills it
		{"a memory setting", func() {
			n.write(project.ConfigFile, "locales: [uk, ru]\nmemory:\n  fuzzy: 60\n"+part)
			n = openNewsroom(t, n.p.Root)
		}, rebuilt, false, nil},
		{"a cache that does not decode, and a paragraph added", func() {
			rel := project.RecordsPath("memory", project.Shard{})
			data := []byte(n.read(rel))
			copy(data[len("l10nrec2"):], "garbage")
			n.write(rel, string(data))
			n.write(project.ArticlePath(slug), n.read(project.ArticlePath(slug))+"\n"+cacheExact+"\n")
		}, rebuilt, false, []string{"#. tm: 100% " + seed + "/p-the-internationa-community"}},
		{"a cache cut short, and a paragraph added", func() {
			// Cut in place, as no run of l10n writes it (a run replaces
			// it whole), past the index a run reads first.
			path := n.p.Abs(project.RecordsPath("memory", project.Shard{}))
			fi, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.Truncate(path, fi.Size()/2); err != nil {
				t.Fatal(err)
			}
			n.write(project.ArticlePath(slug), n.read(project.ArticlePath(slug))+"\n"+cacheAdapted+"\n")
		}, rebuilt, false, []string{"#. tm: 99% " + seed + "/p-in-total-about, adapted"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			age(t, n.p)
			n.extract(extract.Options{}) // records as between two runs
			before, records := memoryRecords(n.p), n.p.RecordsWritten("extract")
			c.change()
			files := projectFiles(t, n.p)
			n.extract(extract.Options{})
			warm := projectFiles(t, n.p)
			after := memoryRecords(n.p)
			if same := maps.Equal(before, after); c.cache != either && same != (c.cache != rebuilt) {
				t.Errorf("memory records before %v, after %v: want them the same %v", before, after, c.cache != rebuilt)
			}
			if !oneMemory(after) {
				t.Errorf("memory records after the run: %v", after)
			}
			if skipped := n.p.RecordsWritten("extract")[slug] == records[slug]; skipped != c.skipped {
				t.Errorf("%s skipped: %v, want %v", slug, skipped, c.skipped)
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
			cold := projectFiles(t, n.p)
			for k, v := range cold {
				if w := warm[k]; w != v {
					a, b := strings.Split(v, "\n"), strings.Split(w, "\n")
					for i := range min(len(a), len(b)) {
						if a[i] != b[i] {
							t.Logf("DEBUG %s:%d cold %q warm %q", k, i, a[i:min(i+5, len(a))], b[i:min(i+5, len(b))])
							break
						}
					}
				}
			}
			sameTree(t, cold, warm)
		})
	}
}

// TestMemoryCheckedKey: once a run has found that the memory, with a
// translation changed in another article, answers an article's lookups
// as the memory its record names (the article is skipped, its record
// left as it was), the next run with nothing changed skips it without
// reading the memory at all — a cache that does not decode is left as it
// is, where a run that read it would build the memory again and keep it —
// and writes what a run without records writes; a change that a lookup
// of the article finds still extracts it again.
func TestMemoryCheckedKey(t *testing.T) {
	n := newNewsroom(t)
	const slug, other = "cache-test", "other"
	const otherTitle = "Байдужість неурядових організацій до українських військовополонених"
	n.copyFolder(seed, other)
	n.write(project.ArticlePath(slug), "# The memory's cache\n\n"+cacheNone+"\n")
	n.extract(extract.Options{})
	age(t, n.p)
	n.extract(extract.Options{}) // records as between two runs
	records := n.p.RecordsWritten("extract")
	n.replaceIn(project.CatalogPath(other, "uk"), otherTitle, otherTitle+" (ред.)")
	n.extract(extract.Options{}) // the folder replaced in the kept memory; slug skipped
	if now := n.p.RecordsWritten("extract"); now[slug] != records[slug] || now["checked/"+slug] == records["checked/"+slug] {
		t.Fatalf("%s: record written %v (was %v), checked %v (was %v): want the record kept and a new checked record",
			slug, now[slug], records[slug], now["checked/"+slug], records["checked/"+slug])
	}
	age(t, n.p)
	n.extract(extract.Options{}) // records as between two runs: every article read again
	rel := project.RecordsPath("memory", project.Shard{})
	spoilt := []byte(n.read(rel))
	copy(spoilt[len("l10nrec2"):], "garbage")
	n.write(rel, string(spoilt))
	records = n.p.RecordsWritten("extract")
	files := projectFiles(t, n.p)
	n.extract(extract.Options{}) // nothing changed
	if n.read(rel) != string(spoilt) {
		t.Error("a run with nothing changed read the memory (and built it again)")
	}
	if now := n.p.RecordsWritten("extract")[slug]; now != records[slug] {
		t.Errorf("%s was extracted again (record of %v, was %v)", slug, now, records[slug])
	}
	sameTree(t, files, projectFiles(t, n.p))
	// A translation whose English the article's new paragraph is: the
	// memory now answers its lookup otherwise, and the article is
	// extracted again, as a run without records extracts it.
	n.write(project.ArticlePath(other), n.read(project.ArticlePath(other))+"\n"+cacheNone+"\n")
	n.extract(extract.Options{})
	n.replaceIn(project.CatalogPath(other, "uk"), "  other: \"\"\n", "  other: Абзац, який редактор додав до статті після перекладу.\n")
	age(t, n.p)
	n.extract(extract.Options{})
	warm := projectFiles(t, n.p)
	if !strings.Contains(warm[project.CatalogPath(slug, "uk")], "Абзац, який редактор додав") {
		t.Errorf("the article's catalog does not take the new translation:\n%s", warm[project.CatalogPath(slug, "uk")])
	}
	if err := os.RemoveAll(n.p.Abs(project.CacheDir)); err != nil {
		t.Fatal(err)
	}
	n.extract(extract.Options{})
	sameTree(t, warm, projectFiles(t, n.p))
}

// TestFailedExtractKeepsNoMemory checks that an extract that builds the
// memory, and starts keeping it while it extracts the articles
// (memory.Lazy.SaveAhead), keeps nothing when an article fails after
// the memory was built: no record of the cache, no staged file left;
// the same extract once the article is mended keeps the memory.
func TestFailedExtractKeepsNoMemory(t *testing.T) {
	n := newNewsroom(t)
	// The articles go in slug order: the first looks a unit up (the
	// memory is built), the last is not UTF-8 (its catalogs, which the
	// memory reads, are the seed's).
	n.write(project.ArticlePath("a-cache-test"), "# The memory's cache\n\n"+cacheExact+"\n")
	n.copyFolder(seed, "zz-broken")
	broken := project.ArticlePath("zz-broken")
	good := n.read(broken)
	n.write(broken, good+"\n\xff\n")
	if _, err := extract.Run(n.p, extract.Options{}); err == nil || !strings.Contains(err.Error(), broken) {
		t.Fatalf("extract with an article that is not UTF-8: %v, want an error naming %s", err, broken)
	}
	if got := memoryRecords(n.p); len(got) > 0 {
		t.Errorf("a failed extract kept the memory: %v", got)
	}
	staged, err := filepath.Glob(filepath.Join(n.path(project.CacheDir), stage.Pattern))
	if err != nil || len(staged) > 0 {
		t.Errorf("a failed extract left staged files in the cache: %v %v", staged, err)
	}
	n.write(broken, good)
	n.extract(extract.Options{})
	if !oneMemory(memoryRecords(n.p)) {
		t.Fatalf("no memory kept by the extract after the article was mended: %v", memoryRecords(n.p))
	}
}

// TestMemoryRebasedRecords: a run that keeps its memory in place of the
// cache's (translations changed in enough catalog folders that it keeps
// the memory anew: memory.Lazy.Rebased) rewrites the records of the
// articles it skipped to name that memory, so that a later run, whose
// memory is that one with one more folder replaced, still skips them
// (their lookups untouched) — a record that named the memory before
// would have them extracted again — and writes what a run without
// records writes.
func TestMemoryRebasedRecords(t *testing.T) {
	dir := t.TempDir()
	if _, err := newsgen.Write(dir, newsgen.Options{N: 40, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	n := openNewsroom(t, dir)
	slugs, err := n.p.Articles()
	if err != nil {
		t.Fatal(err)
	}
	const slug = "zz-cache-test" // a lookup no other article's entries touch
	n.write(project.ArticlePath(slug), "# The memory's cache\n\n"+cacheNone+"\n")
	n.extract(extract.Options{})
	age(t, n.p)
	n.extract(extract.Options{}) // records as between two runs
	retitle := func(s string) { n.replaceIn(project.CatalogPath(s, "uk"), "⟧\n", " (ред.)⟧\n") }
	for _, s := range slugs[:33] { // memory.resaveAt folders and one
		retitle(s)
	}
	records := n.p.RecordsWritten("extract")
	n.extract(extract.Options{})
	now := n.p.RecordsWritten("extract")
	if now[slug] == records[slug] {
		t.Fatalf("%s: the run that kept its memory anew left the record naming the memory before", slug)
	}
	retitle(slugs[33]) // the files of slug keep their stamps
	records = n.p.RecordsWritten("extract")
	n.extract(extract.Options{})
	if now := n.p.RecordsWritten("extract"); now[slug] != records[slug] {
		t.Errorf("%s was extracted again after one more folder changed (record of %v, was %v)", slug, now[slug], records[slug])
	}
	warm := projectFiles(t, n.p)
	if err := os.RemoveAll(n.p.Abs(project.CacheDir)); err != nil {
		t.Fatal(err)
	}
	n.extract(extract.Options{})
	sameTree(t, warm, projectFiles(t, n.p))
}
