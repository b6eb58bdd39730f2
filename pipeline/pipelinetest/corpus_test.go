package pipelinetest_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"unicode"

	"gopkg.in/yaml.v3"

	speccorpus "github.com/l10n-dev/l10n/internal/corpus"
	"github.com/l10n-dev/l10n/pipeline/build"
	"github.com/l10n-dev/l10n/pipeline/extract"
	"github.com/l10n-dev/l10n/pipeline/lint"
	"github.com/l10n-dev/l10n/pipeline/project"
	"github.com/l10n-dev/l10n/pipeline/pseudo"
	"github.com/l10n-dev/l10n/pipeline/segment"
)

// corpusProject writes documents as the articles of a new project (with
// an l10n.yaml and a glossary, when given) and returns it with the
// documents by slug.
func corpusProject(t *testing.T, docs []speccorpus.Example, config, glossary string) (*project.Project, map[string]string) {
	t.Helper()
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "articles"), 0o755); err != nil {
		t.Fatal(err)
	}
	bySlug := map[string]string{}
	for _, d := range docs {
		slug := strings.NewReplacer("/", "--").Replace(d.Name)
		if _, dup := bySlug[slug]; dup {
			t.Fatalf("two documents are %s", slug)
		}
		bySlug[slug] = d.Markdown
		if err := os.WriteFile(filepath.Join(root, project.ArticlePath(slug)), []byte(d.Markdown), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, data := range map[string]string{project.ConfigFile: config, project.GlossaryFile: glossary} {
		if data != "" {
			if err := os.WriteFile(filepath.Join(root, name), []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	p, err := project.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	return p, bySlug
}

// pseudoCorpus is a corpus's pseudo-locale run, asserted the way a
// newsroom relies on it.
type pseudoCorpus struct {
	keep     []string // the glossary's keep-as-is names
	patterns []string // the project's placeable patterns, for commonmark.js
	// exceptions are documents (by slug) whose prose commonmark.js
	// finds unchanged, with the reason. The goal is none.
	exceptions map[string]string
}

// check runs l10n pseudo, builds the source and pseudo editions, and
// asserts for every article:
//
//	a. the source-locale build is the source, byte for byte;
//	b. l10n check --locale en-XA --fail-on warning reports nothing;
//	c. the pseudo edition renders (goldmark) to the same element
//	   structure, URLs, code and raw HTML;
//	d. its front matter changes the translatable fields only;
//	e. commonmark.js, independent of goldmark, reads the same tree in
//	   both, and every run of prose that holds a letter changed, with no
//	   English letter left.
func (c pseudoCorpus) check(t *testing.T, p *project.Project, docs map[string]string) {
	t.Helper()
	pairs := invariants(t, p, docs)
	runs := speccorpus.PseudoRuns(t, pairs, c.keep, c.patterns)
	if runs.Runs < len(docs)/2 {
		t.Errorf("commonmark.js compared only %d runs of prose in %d documents", runs.Runs, len(docs))
	}
	excused := map[string]bool{}
	for _, pr := range runs.Problems {
		if _, ok := c.exceptions[pr.Name]; ok {
			excused[pr.Name] = true
			continue
		}
		t.Errorf("commonmark.js: %s: %s", pr.Name, pr.Problem)
	}
	for slug, why := range c.exceptions {
		if !excused[slug] {
			t.Errorf("%s is listed as an exception (%s) but has no problem: remove it", slug, why)
		}
	}
	t.Logf("%d documents, %d runs of prose compared by commonmark.js", runs.Docs, runs.Runs)
}

// invariants runs l10n pseudo, builds the source and pseudo editions and
// checks a. to d. of pseudoCorpus.check for every article; it returns
// the pairs for commonmark.js.
func invariants(t *testing.T, p *project.Project, docs map[string]string) []speccorpus.Pair {
	t.Helper()
	if _, err := extract.Pseudo(p, project.Selection{}); err != nil {
		t.Fatal(err)
	}
	res, err := build.Run(p, build.Options{Locales: []string{"en", pseudo.Locale}, Policy: build.PolicyFail})
	if err != nil {
		t.Fatal(err)
	}
	for _, ed := range res.Editions {
		if len(ed.Warnings) > 0 {
			t.Errorf("%s (%s): %q", ed.Article, ed.Locale, ed.Warnings)
		}
	}
	rep, err := lint.Run(p, lint.Options{Locales: []string{pseudo.Locale}})
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range rep.Findings {
		if i == 20 {
			t.Errorf("… %d findings in all", len(rep.Findings))
			break
		}
		t.Errorf("check: %s", f)
	}
	slugs := make([]string, 0, len(docs))
	for slug := range docs {
		slugs = append(slugs, slug)
	}
	pairs := make([]speccorpus.Pair, len(slugs))
	var mu sync.Mutex
	parallel(len(slugs), func(i int) {
		slug := slugs[i]
		src := docs[slug]
		read := func(loc string) string {
			b, err := os.ReadFile(filepath.Join(p.Root, project.EditionPath(slug, loc, ".md")))
			if err != nil {
				t.Error(err)
			}
			return string(b)
		}
		var errs []string
		if got := read("en"); got != src {
			errs = append(errs, "the en build differs from the source")
		}
		// The pseudo edition is compared with the source as any
		// translation renders it: a sentence that the source split
		// across two paragraphs is one paragraph there.
		ps := read(pseudo.Locale)
		srcBody, srcFM := body(t, identity(t, src))
		psBody, psFM := body(t, ps)
		if got, want := shape(t, render(t, []byte(psBody))), shape(t, render(t, []byte(srcBody))); got != want {
			errs = append(errs, "the pseudo edition differs in structure: "+firstDiff(got, want))
		}
		errs = append(errs, frontMatter(srcFM, psFM)...)
		pairs[i] = speccorpus.Pair{Name: slug, Source: srcBody, Pseudo: psBody}
		mu.Lock()
		defer mu.Unlock()
		for _, e := range errs {
			t.Errorf("%s: %s", slug, e)
		}
	})
	return pairs
}

// firstDiff shows where two strings first differ.
func firstDiff(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-120)
	return fmt.Sprintf("at byte %d:\n got …%s…\nwant …%s…", i, got[from:min(len(got), i+120)], want[from:min(len(want), i+120)])
}

// parallel runs f(0) … f(n-1) on every CPU.
func parallel(n int, f func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.NumCPU(); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}

// identity renders an article with every unit translated by its own
// text: the source, less the paragraph breaks inside split sentences.
func identity(t *testing.T, src string) string {
	d, err := segment.Parse([]byte(src))
	if err != nil {
		t.Error(err)
		return src
	}
	texts := make([]string, len(d.Units))
	for i, u := range d.Units {
		texts[i] = u.Text
	}
	return string(d.Render(texts, false))
}

// body splits an article into its Markdown body and its front matter.
func body(t *testing.T, src string) (string, string) {
	d, err := segment.Parse([]byte(src))
	if err != nil {
		t.Error(err)
		return src, ""
	}
	return src[d.Body:], src[d.FrontMatter.Start:d.FrontMatter.End]
}

// frontMatter compares a source's front matter with the pseudo edition's:
// the translatable fields pseudo-translated, no English letter left, the
// other fields unchanged.
func frontMatter(src, ps string) []string {
	if src == "" && ps == "" {
		return nil
	}
	var a, b map[string]any
	if err := yaml.Unmarshal([]byte(src), &a); err != nil {
		return []string{"source front matter: " + err.Error()}
	}
	if err := yaml.Unmarshal([]byte(ps), &b); err != nil {
		return []string{"pseudo front matter: " + err.Error()}
	}
	var errs []string
	for k, v := range a {
		w := b[k]
		s, isString := v.(string)
		switch {
		case (k == "title" || k == "summary" || k == "description") && isString && strings.TrimSpace(s) != "":
			pw, _ := w.(string)
			if !strings.HasPrefix(pw, pseudo.Open) || strings.IndexFunc(pw, isASCIILetter) >= 0 {
				errs = append(errs, "front matter "+k+" is not pseudo-translated: "+pw)
			}
		default:
			if ya, yb := yamlString(v), yamlString(w); ya != yb {
				errs = append(errs, "front matter "+k+" changed: "+ya+" → "+yb)
			}
		}
	}
	if len(a) != len(b) {
		errs = append(errs, "front matter fields differ in number")
	}
	return errs
}

func yamlString(v any) string {
	b, _ := yaml.Marshal(v)
	return string(b)
}

func isASCIILetter(r rune) bool { return r < unicode.MaxASCII && unicode.IsLetter(r) }

// TestCorpora runs the seed and real-world Markdown that nobody on this
// project wrote through the pseudo-locale (see pseudoCorpus.check): the
// documents pinned in testdata/corpus (Debian, npm and Go module
// documentation) and the Hugo documentation beside the repository. The
// CommonMark and GFM spec examples get the same in TestSpecExamples.
func TestCorpora(t *testing.T) {
	t.Run("seed", func(t *testing.T) {
		t.Parallel()
		src, err := os.ReadFile("../../articles/ngo-indifference-to-ukrainian-pows.md")
		if err != nil {
			t.Fatal(err)
		}
		gl, err := os.ReadFile("../../" + project.GlossaryFile)
		if err != nil {
			t.Fatal(err)
		}
		var g struct {
			Terms []struct {
				EN   []string `yaml:"en"`
				Keep bool     `yaml:"keep"`
			} `yaml:"terms"`
		}
		if err := yaml.Unmarshal(gl, &g); err != nil {
			t.Fatal(err)
		}
		var keep []string
		for _, term := range g.Terms {
			if term.Keep {
				keep = append(keep, term.EN...)
			}
		}
		p, docs := corpusProject(t, []speccorpus.Example{{Name: "ngo-indifference-to-ukrainian-pows", Markdown: string(src)}}, "", string(gl))
		pseudoCorpus{keep: keep}.check(t, p, docs)
	})
	t.Run("real-world", func(t *testing.T) {
		t.Parallel()
		docs, err := speccorpus.RealWorld()
		if err != nil {
			t.Fatal(err)
		}
		if len(docs) < 300 {
			t.Fatalf("only %d documents in testdata/corpus", len(docs))
		}
		p, bySlug := corpusProject(t, docs, "", "")
		pseudoCorpus{}.check(t, p, bySlug)
	})
	t.Run("hugo-docs", func(t *testing.T) {
		t.Parallel()
		docs := speccorpus.Hugo(t)
		if len(docs) != 992 {
			t.Fatalf("%d pages in %s, want 992", len(docs), speccorpus.HugoDir)
		}
		// Attribute lists ({#id}, {class="wide"}) are markup for Hugo:
		// the project lists them as placeables.
		const attr = `[.#][\w-]+|[\w-]+=(?:"[^"]*"|[^\s"}]+)`
		const attrs = `\{(?:` + attr + `)(?:[ \t]+(?:` + attr + `))*\}`
		p, bySlug := corpusProject(t, docs, "placeables:\n  - '"+attrs+"'\n", "")
		pseudoCorpus{patterns: []string{attrs}}.check(t, p, bySlug)
	})
}
