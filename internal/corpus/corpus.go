// Package corpus loads third-party Markdown for the tests: the CommonMark
// spec examples and goldmark's GFM extension examples, the real-world
// documents pinned under testdata/corpus, and the Hugo documentation
// shared beside the repository. It also runs the independent parser
// (commonmark.js, pinned in testdata/npm) over pseudo-translated editions,
// and reads and writes a project's files for the tests (Files, WriteFiles).
package corpus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"testing"
)

// Example is one Markdown example.
type Example struct {
	Name     string // e.g. "commonmark/123" or "gfm/table/4"
	Markdown string
}

// Root returns the repository's testdata folder.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata")
}

// CommonMark returns the examples of the CommonMark spec.
func CommonMark() ([]Example, error) {
	data, err := os.ReadFile(filepath.Join(Root(), "commonmark", "spec.json"))
	if err != nil {
		return nil, err
	}
	var raw []struct {
		Markdown string `json:"markdown"`
		Example  int    `json:"example"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("spec.json: %w", err)
	}
	out := make([]Example, len(raw))
	for i, r := range raw {
		out[i] = Example{Name: fmt.Sprintf("commonmark/%d", r.Example), Markdown: r.Markdown}
	}
	return out, nil
}

// GFM returns goldmark's examples of the table, strikethrough and autolink
// extensions.
func GFM() ([]Example, error) {
	var out []Example
	for _, name := range []string{"table", "strikethrough", "linkify"} {
		data, err := os.ReadFile(filepath.Join(Root(), "gfm", name+".txt"))
		if err != nil {
			return nil, err
		}
		// One example of linkify.txt has CRLF line ends; the rest LF.
		text := strings.ReplaceAll(string(data), "\r\n", "\n")
		for _, block := range strings.Split(text, "//= = = = = = = = = = = = = = = = = = = = = = = =//") {
			parts := strings.Split(block, "//- - - - - - - - -//\n")
			if len(parts) < 3 {
				continue
			}
			head := strings.TrimSpace(parts[0])
			num, _, _ := strings.Cut(strings.SplitN(head, "\n", 2)[0], ":")
			out = append(out, Example{Name: "gfm/" + name + "/" + num, Markdown: parts[1]})
		}
	}
	return out, nil
}

// Refused are the spec examples that l10n refuses as an article, with
// why: goldmark reads them otherwise than the spec, in a way that would
// let a translation change a link. All leaves them out; segment's
// TestRefusedExamples checks that each is refused with a line error.
var Refused = map[string]string{
	// A title followed by text on its line: the spec reads no title and
	// a paragraph; goldmark takes the title and keeps the paragraph
	// (yuin/goldmark#602), whose translation would be the link's title.
	"commonmark/210": "goldmark#602",
}

// All returns the CommonMark and GFM examples, but for Refused.
func All() ([]Example, error) {
	cm, err := CommonMark()
	if err != nil {
		return nil, err
	}
	gfm, err := GFM()
	if err != nil {
		return nil, err
	}
	var out []Example
	for _, ex := range append(cm, gfm...) {
		if _, no := Refused[ex.Name]; !no {
			out = append(out, ex)
		}
	}
	return out, nil
}

// RealWorld returns the documents pinned under testdata/corpus (see its
// README): Markdown that Debian packages, npm packages and Go modules
// ship. Names are paths below testdata/corpus without ".md".
func RealWorld() ([]Example, error) {
	root := filepath.Join(Root(), "corpus")
	var out []Example
	err := filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if rel == "README.md" {
			return nil // the corpus's own description
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		out = append(out, Example{Name: strings.TrimSuffix(filepath.ToSlash(rel), ".md"), Markdown: string(data)})
		return nil
	})
	return out, err
}

// HugoDir is the Hugo documentation corpus, relative to the repository
// root: 992 pages of github.com/gohugoio/hugoDocs, shared beside the
// repository rather than copied into it.
const HugoDir = "../shared/corpora/hugo-docs/articles"

// Hugo returns the pages of the Hugo documentation corpus, named by file
// name without ".md". It skips t when the corpus is not there, except
// under CI (CI set), where a missing corpus fails t.
func Hugo(t testing.TB) []Example {
	t.Helper()
	dir := filepath.Join(Root(), "..", HugoDir)
	files, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err == nil && len(files) == 0 {
		err = fs.ErrNotExist
	}
	if err != nil {
		Need(t, fmt.Errorf("the Hugo documentation corpus (%s): %w", HugoDir, err))
	}
	out := make([]Example, 0, len(files))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, Example{Name: strings.TrimSuffix(filepath.Base(f), ".md"), Markdown: string(data)})
	}
	return out
}

// Everything returns every document the tests compare l10n with a
// reference on: the spec examples (All), the real-world corpus, the Hugo
// documentation and the seed articles. It fails t when one cannot be
// read, or skips it as Hugo does.
func Everything(t testing.TB) []Example {
	t.Helper()
	examples, err := All()
	if err != nil {
		t.Fatal(err)
	}
	real, err := RealWorld()
	if err != nil {
		t.Fatal(err)
	}
	return append(append(append(examples, real...), Hugo(t)...), Seed(t)...)
}

// Seed returns the project's bundled articles (articles/*.md), named
// "seed/<file>.md".
func Seed(t testing.TB) []Example {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(Root(), "..", "articles", "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("the seed articles: %v", err)
	}
	out := make([]Example, 0, len(files))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, Example{Name: "seed/" + filepath.Base(f), Markdown: string(data)})
	}
	return out
}

// Need skips t for a missing test input, or fails it under CI, where
// every input must be there.
func Need(t testing.TB, err error) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("%v (CI must have it)", err)
	}
	t.Skipf("%v: skipped", err)
}

// Pair is a document and its pseudo-translated edition, both without
// front matter.
type Pair struct {
	Name, Source, Pseudo string
}

// RunsResult is what commonmark.js found comparing pairs.
type RunsResult struct {
	Docs     int `json:"docs"`
	Runs     int `json:"runs"` // runs of prose compared
	Problems []struct {
		Name    string `json:"name"`
		Problem string `json:"problem"`
	} `json:"problems"`
}

// PseudoRuns compares each document with its pseudo-translated edition
// with commonmark.js (testdata/npm/pseudo-runs.js, one node process for
// all pairs): the same tree apart from prose, and every run of prose that
// holds a letter changed, with no ASCII letter left outside URLs,
// placeables (Hugo's and the patterns, as JavaScript regular
// expressions) and keep-as-is names. It skips t without node or the
// installed npm packages (npm ci --prefix testdata/npm), except under CI.
func PseudoRuns(t testing.TB, pairs []Pair, keep, patterns []string) *RunsResult {
	t.Helper()
	npm := filepath.Join(Root(), "npm")
	node, err := exec.LookPath("node")
	if err == nil {
		_, err = os.Stat(filepath.Join(npm, "node_modules", "commonmark"))
	}
	if err != nil {
		Need(t, fmt.Errorf("commonmark.js (npm ci --prefix testdata/npm): %w", err))
	}
	type doc struct {
		Name   string `json:"name"`
		Source string `json:"source"`
		Pseudo string `json:"pseudo"`
	}
	in := struct {
		Keep     []string `json:"keep"`
		Patterns []string `json:"patterns"`
		Docs     []doc    `json:"docs"`
	}{Keep: keep, Patterns: patterns}
	for _, p := range pairs {
		in.Docs = append(in.Docs, doc(p))
	}
	data, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, filepath.Join(npm, "pseudo-runs.js"))
	cmd.Stdin = bytes.NewReader(data)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pseudo-runs.js: %v\n%s", err, stderr.Bytes())
	}
	var res RunsResult
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("pseudo-runs.js: %v", err)
	}
	if res.Docs != len(pairs) {
		t.Fatalf("pseudo-runs.js compared %d documents of %d", res.Docs, len(pairs))
	}
	sort.SliceStable(res.Problems, func(i, j int) bool { return res.Problems[i].Name < res.Problems[j].Name })
	return &res
}

// Article returns the <article> of an HTML edition for tests that compare
// two editions of the same text in different locales: the page around it
// differs (language, metadata, links to the other editions), and so do the
// no-break spaces each locale's typesetting puts in place of spaces and
// line breaks, which are spaces here, and the labels l10n adds (a table's
// scroll box), which are empty.
func Article(page []byte) []byte {
	start := bytes.Index(page, []byte("<article>"))
	end := bytes.LastIndex(page, []byte("</article>"))
	if start < 0 || end < start {
		return page
	}
	a := bytes.ReplaceAll(page[start:end], []byte("\u00a0"), []byte(" "))
	a = bytes.ReplaceAll(a, []byte("\n"), []byte(" "))
	return ariaLabel.ReplaceAll(a, []byte(`aria-label=""`))
}

var ariaLabel = regexp.MustCompile(`aria-label="[^"]*"`)

// WriteFiles writes files (paths relative to root, with their content)
// under root, making their folders: a project's state, as Files reads it.
func WriteFiles(t testing.TB, root string, files map[string]string) {
	t.Helper()
	for rel, data := range files {
		path := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Files returns every file under root with its content, by its path
// relative to root: a project's state, to compare before and after a run.
func Files(t testing.TB, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		rel, _ := filepath.Rel(root, path)
		out[rel] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
