package exchange

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/l10n-dev/l10n/internal/corpus"
	"github.com/l10n-dev/l10n/internal/golden"
	"github.com/l10n-dev/l10n/internal/stage"
	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/check"
	"github.com/l10n-dev/l10n/pipeline/extract"
	"github.com/l10n-dev/l10n/pipeline/po"
	"github.com/l10n-dev/l10n/pipeline/project"
	"github.com/l10n-dev/l10n/pipeline/status"
	"github.com/l10n-dev/l10n/pipeline/xliff"
)

const seedSlug = "ngo-indifference-to-ukrainian-pows"

var exchangeFormats = []Format{FormatPO, FormatXLIFF}

// exSeed copies the repository's articles and catalogs into a new
// project.
func exSeed(t *testing.T) *project.Project {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "newsroom")
	for _, sub := range []string{"articles", "locales"} {
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join("..", "..", sub))); err != nil {
			t.Fatal(err)
		}
	}
	gl, err := os.ReadFile(filepath.Join("..", "..", project.GlossaryFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, project.GlossaryFile), gl, 0o644); err != nil {
		t.Fatal(err)
	}
	// Only the seed article: other engineers may add articles to the
	// repository that are not fully translated.
	ents, _ := os.ReadDir(filepath.Join(dir, "articles"))
	for _, e := range ents {
		if e.Name() != seedSlug+".md" {
			os.Remove(filepath.Join(dir, "articles", e.Name()))
			os.RemoveAll(filepath.Join(dir, "locales", strings.TrimSuffix(e.Name(), ".md")))
		}
	}
	p, err := project.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// exCorpus writes the CommonMark spec examples that have units as
// articles of a new project, with pseudo-translated en-XA catalogs
// brought into extract's form.
func exCorpus(t *testing.T) *project.Project {
	t.Helper()
	examples, err := corpus.CommonMark()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "articles"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, ex := range examples {
		if _, no := corpus.Refused[ex.Name]; no {
			continue // not an article l10n reads
		}
		slug := "cm-" + strings.TrimPrefix(ex.Name, "commonmark/")
		if err := os.WriteFile(filepath.Join(dir, project.ArticlePath(slug)), []byte(ex.Markdown), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := project.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	p.Locales = []string{"en-XA"}
	if _, err := extract.Pseudo(p, project.Selection{}); err != nil {
		t.Fatal(err)
	}
	if _, err := extract.Run(p, extract.Options{}); err != nil {
		t.Fatal(err)
	}
	// Articles without units make no catalogs worth exporting; leave
	// them: export skips them.
	return p
}

// exFrontMatter is an article with front matter (plain, quoted and block
// scalars), headings, a table, lists, a quote and code.
const exFrontMatter = `---
title: "NGO Indifference: a \"quoted\" title"
summary: |
  A block summary
  on two lines.
description: >
  A folded description
  of the article.
author: Anton Zemlianyi
---

# Red Cross *access* to prisoners

| Year | Visits to **camps** |
|------|--------|
| 2023 | [none](https://example.org/a "Report") |

> A quote with a hard  
> line break and ` + "`code`" + `.

    indented code, not translated

1. First item, see <https://icrc.org>.
2. Second item with <span lang="uk">raw HTML</span>.

Text with an image ![the hands of a prisoner](img/hands.jpg) and ~~struck~~ words.
`

// exPseudo writes exFrontMatter as the only article of a new project,
// with pseudo-translated uk and ru catalogs brought into extract's form.
func exPseudo(t *testing.T) *project.Project {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "newsroom")
	if err := os.MkdirAll(filepath.Join(dir, "articles"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, project.ArticlePath("front-matter")), []byte(exFrontMatter), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := project.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := extract.Pseudo(p, project.Selection{Locales: []string{"uk", "ru"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := extract.Run(p, extract.Options{}); err != nil {
		t.Fatal(err)
	}
	return p
}

func exSameTree(t *testing.T, what string, before, after map[string]string) {
	t.Helper()
	var diffs []string
	for k, v := range before {
		if w, ok := after[k]; !ok {
			diffs = append(diffs, k+" removed")
		} else if w != v {
			diffs = append(diffs, k+" changed")
		}
	}
	for k := range after {
		if _, ok := before[k]; !ok {
			diffs = append(diffs, k+" added")
		}
	}
	sort.Strings(diffs)
	if len(diffs) > 0 {
		t.Errorf("%s: %d files differ: %s", what, len(diffs), strings.Join(diffs[:min(len(diffs), 10)], ", "))
	}
}

var exDate = time.Date(2024, 11, 26, 12, 0, 0, 0, time.UTC)

func exExport(t *testing.T, p *project.Project, f Format, loc string) []byte {
	t.Helper()
	data, err := Export(p, ExportOptions{Format: f, Locale: loc, Date: exDate})
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func exName(f Format, loc string) string { return loc + f.Ext() }

// exUnits counts the units of the selected articles of p.
func exUnits(t *testing.T, p *project.Project) int {
	t.Helper()
	slugs, err := p.Articles()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, s := range slugs {
		a, err := p.LoadArticle(s)
		if err != nil {
			t.Fatal(err)
		}
		n += len(a.Doc.Units)
	}
	return n
}

// exScramble replaces the translation of every unit whose translation
// would import (l10n check finds no error in it) with another text in the
// same YAML style, so that an import has to write every one back.
func exScramble(t *testing.T, p *project.Project, loc string) {
	t.Helper()
	gl, err := p.ReadGlossary()
	if err != nil {
		t.Fatal(err)
	}
	slugs, _ := p.Articles()
	for _, slug := range slugs {
		a, err := p.LoadArticle(slug)
		if err != nil {
			t.Fatal(err)
		}
		f, snap, err := p.TargetFile(a, loc)
		if err != nil {
			t.Fatal(err)
		}
		if !snap.Exists {
			continue
		}
		for i, e := range f.Entries {
			u := &a.Doc.Units[i]
			// Scramble what import will take back: translations that
			// pass l10n check's content checks.
			c := check.New(p.Source, loc, gl, a.Doc.Tree)
			if !hasError(c.Check(c.ParseSource(u.Text), c.Parse(e.Other), u.SingleLine)) {
				e.Other = "scrambled"
			}
		}
		w := stage.File{Rel: project.CatalogPath(slug, loc), Data: project.EncodeTarget(f, slug, loc, exNotes(t, p, a, loc)), Snap: snap}
		if _, err := stage.Files(p.Root, []stage.File{w}); err != nil {
			t.Fatal(err)
		}
	}
}

// TestExchangeRoundTrip exports every locale of the seed and of the
// pseudo-translated CommonMark examples in both formats, imports the
// files unedited (nothing may be written), then imports them into
// catalogs whose translations were replaced since: every replacement is
// kept (the file did not change the unit), and nothing is written; the
// same files without their l10n:base lines (as another tool would make
// them) take every unit, and every catalog comes back byte for byte.
func TestExchangeRoundTrip(t *testing.T) {
	t.Parallel()
	projects := []struct {
		name    string
		p       *project.Project
		locales []string
	}{
		{"seed", exSeed(t), []string{"uk", "ru"}},
		{"front-matter", exPseudo(t), []string{"uk", "ru"}},
		{"commonmark", exCorpus(t), []string{"en-XA"}},
	}
	for _, pr := range projects {
		units := exUnits(t, pr.p)
		for _, f := range exchangeFormats {
			for _, loc := range pr.locales {
				t.Run(pr.name+"/"+string(f)+"/"+loc, func(t *testing.T) {
					p := pr.p
					before := corpus.Files(t, p.Root)
					data := exExport(t, p, f, loc)
					res, err := Import(p, ImportFile{Name: exName(f, loc), Data: data})
					if err != nil {
						t.Fatal(err)
					}
					if len(res.Written) > 0 || res.Updated > 0 || res.Units != units {
						t.Errorf("unedited import: %d units of %d, %d updated, wrote %v", res.Units, units, res.Updated, res.Written)
					}
					for _, fd := range res.Findings {
						if fd.Severity == check.Error {
							t.Errorf("unedited import: %s", fd)
						}
					}
					exSameTree(t, "unedited import", before, corpus.Files(t, p.Root))

					exScramble(t, p, loc)
					scrambled := corpus.Files(t, p.Root)
					res, err = Import(p, ImportFile{Name: exName(f, loc), Data: data})
					if err != nil {
						t.Fatal(err)
					}
					if res.Kept == 0 || res.Updated > 0 || res.Taken > 0 || res.Conflicts > 0 {
						t.Errorf("import into edited catalogs: %d kept, %d taken, %d conflicts, %d updated", res.Kept, res.Taken, res.Conflicts, res.Updated)
					}
					exSameTree(t, "import of an untouched file into edited catalogs", scrambled, corpus.Files(t, p.Root))

					res, err = Import(p, ImportFile{Name: exName(f, loc), Data: exStripBase(t, data)})
					if err != nil {
						t.Fatal(err)
					}
					if res.Updated == 0 || res.Kept > 0 {
						t.Errorf("import without base lines into edited catalogs: %d updated, %d kept", res.Updated, res.Kept)
					}
					exSameTree(t, "import without base lines into edited catalogs", before, corpus.Files(t, p.Root))
					if t.Failed() {
						// Restore for the next format.
						for rel, data := range before {
							os.WriteFile(filepath.Join(p.Root, rel), []byte(data), 0o644)
						}
					}
				})
			}
		}
	}
}

// exStripBase removes the l10n:base lines from an exported file, as a
// tool that drops them would.
func exStripBase(t *testing.T, data []byte) []byte {
	t.Helper()
	var out []string
	n := 0
	for _, l := range strings.SplitAfter(string(data), "\n") {
		if strings.Contains(l, baseDirective+" ") && (strings.HasPrefix(l, "#. ") || strings.Contains(l, "<note")) {
			n++
			continue
		}
		out = append(out, l)
	}
	if n == 0 {
		t.Fatal("no l10n:base line to strip")
	}
	return []byte(strings.Join(out, ""))
}

// TestExchangeIntoEmptyCatalog imports an export into a project without
// the locale's catalog: every translation, hash and comment arrives.
func TestExchangeIntoEmptyCatalog(t *testing.T) {
	for _, f := range exchangeFormats {
		t.Run(string(f), func(t *testing.T) {
			p := exSeed(t)
			rel := project.CatalogPath(seedSlug, "uk")
			a, _ := p.LoadArticle(seedSlug)
			orig, _, err := p.TargetFile(a, "uk")
			if err != nil {
				t.Fatal(err)
			}
			orig.Entries[3].Comments = []string{"# checked with the editor", "#"}
			w := stage.File{Rel: rel, Data: orig.Encode(project.TargetHeader(seedSlug, "uk"), exNotes(t, p, a, "uk")), Snap: mustSnap(t, p, rel)}
			if _, err := stage.Files(p.Root, []stage.File{w}); err != nil {
				t.Fatal(err)
			}
			data := exExport(t, p, f, "uk")
			if err := os.Remove(filepath.Join(p.Root, rel)); err != nil {
				t.Fatal(err)
			}
			if _, err := Import(p, ImportFile{Name: exName(f, "uk"), Data: data}); err != nil {
				t.Fatal(err)
			}
			got, _, err := p.ReadCatalog(rel)
			if err != nil {
				t.Fatal(err)
			}
			for i, e := range orig.Entries {
				g := got.Entries[i]
				if g.ID != e.ID || g.Other != e.Other || g.Hash != e.Hash || g.Previous != e.Previous || strings.Join(g.Comments, "|") != strings.Join(e.Comments, "|") {
					t.Errorf("entry %d:\n got %+v\nwant %+v", i, g, e)
				}
			}
		})
	}
}

func mustSnap(t *testing.T, p *project.Project, rel string) stage.Snapshot {
	t.Helper()
	s, err := stage.Read(p.Abs(rel))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// exEntry returns an entry of the seed's catalog for a locale.
func exEntry(t *testing.T, p *project.Project, loc, id string) *catalog.Entry {
	t.Helper()
	f, _, err := p.ReadCatalog(project.CatalogPath(seedSlug, loc))
	if err != nil {
		t.Fatal(err)
	}
	e := f.Lookup(id)
	if e == nil {
		t.Fatalf("no entry %s", id)
	}
	return e
}

// TestExchangeGolden compares exports with the files under
// testdata/exchange: what a translator receives, reviewed once.
func TestExchangeGolden(t *testing.T) {
	seed, fm := exSeed(t), exPseudo(t)
	for _, tt := range []struct {
		name string
		p    *project.Project
		f    Format
	}{
		{"seed.uk", seed, FormatPO}, {"seed.uk", seed, FormatXLIFF},
		{"front-matter.uk", fm, FormatPO}, {"front-matter.uk", fm, FormatXLIFF},
	} {
		file := filepath.Join("testdata", "exchange", tt.name+tt.f.Ext())
		t.Run(filepath.Base(file), func(t *testing.T) {
			golden.Check(t, file, exExport(t, tt.p, tt.f, "uk"))
		})
	}
}

// TestImportValidation edits exported files the ways translators and
// their tools break them: errors leave every file as it was, failed
// units are reported and skipped, the rest is imported.
func TestImportValidation(t *testing.T) {
	const by = "p-by-anton-zemlianyi"
	tests := []struct {
		name   string
		format Format
		edit   func(s string) string
		// errLine and errMsg describe the *InputError expected, if any.
		errLine int
		errMsg  string
		// failed lists the units expected not imported; check inspects
		// the catalog after the import.
		failed []string
		check  func(t *testing.T, p *project.Project, res *ImportResult)
	}{
		{name: "po unknown article", format: FormatPO,
			edit: func(s string) string {
				return strings.Replace(s, `msgctxt "`+seedSlug+`/`+by, `msgctxt "no-such-article/`+by, 1)
			},
			errLine: 31, errMsg: `unknown article "no-such-article"`},
		{name: "po unknown unit", format: FormatPO,
			edit:    func(s string) string { return strings.Replace(s, seedSlug+`/`+by, seedSlug+`/p-no-such-unit`, 1) },
			errLine: 31, errMsg: `unknown unit "p-no-such-unit"`},
		{name: "po malformed", format: FormatPO,
			edit: func(s string) string {
				return strings.Replace(s, `msgstr "Автор: [Антон Земляний](#)"`, `msgstr "Автор: [Антон Земляний](#)`, 1)
			},
			errLine: 37, errMsg: "unterminated string"},
		{name: "po without msgctxt", format: FormatPO,
			edit:    func(s string) string { return strings.Replace(s, `msgctxt "`+seedSlug+`/`+by+`"`+"\n", "", 1) },
			errLine: 31, errMsg: "entry without msgctxt"},
		{name: "po foreign locale", format: FormatPO,
			edit:    func(s string) string { return strings.Replace(s, `"Language: uk\n"`, `"Language: fr\n"`, 1) },
			errLine: 1, errMsg: "locale fr is not one of the project's"},
		{name: "po source locale", format: FormatPO,
			edit:    func(s string) string { return strings.Replace(s, `"Language: uk\n"`, `"Language: en\n"`, 1) },
			errLine: 1, errMsg: "en is the source locale"},
		{name: "po locale with region", format: FormatPO,
			edit: func(s string) string {
				s = strings.Replace(s, `"Language: uk\n"`, `"Language: uk_UA\n"`, 1)
				return strings.Replace(s, `msgstr "Автор: [Антон Земляний](#)"`, `msgstr "Автор — [Антон Земляний](#)"`, 1)
			},
			check: func(t *testing.T, p *project.Project, res *ImportResult) {
				if e := exEntry(t, p, "uk", by); e.Other != "Автор — [Антон Земляний](#)" {
					t.Errorf("uk_UA: %q", e.Other)
				}
			}},
		{name: "po link dropped", format: FormatPO,
			edit: func(s string) string {
				s = strings.Replace(s, `msgstr "Автор: [Антон Земляний](#)"`, `msgstr "Автор: Антон Земляний"`, 1)
				return strings.Replace(s, `msgstr "26 листопада 2024 року"`, `msgstr "26.11.2024"`, 1)
			},
			failed: []string{by},
			check: func(t *testing.T, p *project.Project, res *ImportResult) {
				if e := exEntry(t, p, "uk", by); e.Other != "Автор: [Антон Земляний](#)" {
					t.Errorf("a unit with a failed check was imported: %q", e.Other)
				}
				if e := exEntry(t, p, "uk", "p-november-26-2024"); e.Other != "26.11.2024" {
					t.Errorf("the other units were not imported: %q", e.Other)
				}
				if !strings.Contains(res.Findings[0].Message, `[markup] link to "#": source has 1, translation 0`) {
					t.Errorf("finding: %s", res.Findings[0])
				}
			}},
		{name: "po unsafe link", format: FormatPO,
			edit: func(s string) string {
				return strings.Replace(s, `msgstr "Автор: [Антон Земляний](#)"`, `msgstr "Автор: [Антон Земляний](javascript&colon;alert(1))"`, 1)
			},
			failed: []string{by},
			check: func(t *testing.T, p *project.Project, res *ImportResult) {
				if e := exEntry(t, p, "uk", by); e.Other != "Автор: [Антон Земляний](#)" || len(res.Written) != 0 {
					t.Errorf("an unsafe link was imported: %q, wrote %v", e.Other, res.Written)
				}
				if !strings.Contains(res.Findings[0].String(), `uk.po:31: error: `+seedSlug+`/`+by+` (uk): not imported: [markup] unsafe URL scheme "javascript" in link to "javascript&colon;alert(1)"`) {
					t.Errorf("finding: %s", res.Findings[0])
				}
			}},
		{name: "po empty msgstr keeps the translation", format: FormatPO,
			edit: func(s string) string {
				return strings.Replace(s, `msgstr "Автор: [Антон Земляний](#)"`, `msgstr ""`, 1)
			},
			check: func(t *testing.T, p *project.Project, res *ImportResult) {
				if e := exEntry(t, p, "uk", by); e.Other != "Автор: [Антон Земляний](#)" || res.Empty != 1 || len(res.Written) != 0 {
					t.Errorf("empty msgstr: %q, empty %d, wrote %v", e.Other, res.Empty, res.Written)
				}
			}},
		{name: "po fuzzy becomes stale", format: FormatPO,
			edit: func(s string) string {
				return strings.Replace(s, `msgctxt "`+seedSlug+`/`+by+`"`+"\n"+`msgid "By [Anton Zemlianyi](#)"`+"\n"+`msgstr "Автор: [Антон Земляний](#)"`,
					"#, fuzzy\n"+`msgctxt "`+seedSlug+`/`+by+`"`+"\n"+`msgid "By [Anton Zemlianyi](#)"`+"\n"+`msgstr "Автор — [Антон Земляний](#)"`, 1)
			},
			check: func(t *testing.T, p *project.Project, res *ImportResult) {
				e := exEntry(t, p, "uk", by)
				if e.Other != "Автор — [Антон Земляний](#)" || e.Hash != catalog.Hash("Paragraph", "") || res.Stale != 1 {
					t.Errorf("fuzzy: %+v, %d stale", e, res.Stale)
				}
			}},
		{name: "po comments", format: FormatPO,
			edit: func(s string) string {
				return strings.Replace(s, `msgctxt "`+seedSlug+`/`+by+`"`, "# ask the author about the name\n"+`msgctxt "`+seedSlug+`/`+by+`"`, 1)
			},
			check: func(t *testing.T, p *project.Project, res *ImportResult) {
				if e := exEntry(t, p, "uk", by); strings.Join(e.Comments, "|") != "# ask the author about the name" {
					t.Errorf("comments: %q", e.Comments)
				}
			}},
		{name: "xliff malformed", format: FormatXLIFF,
			edit:    func(s string) string { return strings.Replace(s, "</source>", "</sauce>", 2) },
			errLine: 10, errMsg: "element <source> closed by </sauce>"},
		{name: "xliff unknown unit", format: FormatXLIFF,
			edit: func(s string) string {
				return strings.Replace(s, `<trans-unit id="`+by+`"`, `<trans-unit id="p-gone"`, 1)
			},
			errLine: 21, errMsg: `unknown unit "p-gone"`},
		{name: "xliff unknown article", format: FormatXLIFF,
			edit: func(s string) string {
				return strings.Replace(s, `original="articles/`+seedSlug+`.md"`, `original="articles/gone.md"`, 1)
			},
			errLine: 3, errMsg: `unknown article "gone"`},
		{name: "xliff foreign locale", format: FormatXLIFF,
			edit:    func(s string) string { return strings.Replace(s, `target-language="uk"`, `target-language="de"`, 1) },
			errLine: 3, errMsg: "locale de is not one of the project's"},
		{name: "xliff source language", format: FormatXLIFF,
			edit:    func(s string) string { return strings.Replace(s, `source-language="en"`, `source-language="fr"`, 1) },
			errLine: 3, errMsg: `source-language "fr" is not the project's source locale en`},
		{name: "xliff not an article", format: FormatXLIFF,
			edit: func(s string) string {
				return strings.Replace(s, `original="articles/`+seedSlug+`.md"`, `original="README.md"`, 1)
			},
			errLine: 3, errMsg: "does not name an article"},
		{name: "xliff code dropped", format: FormatXLIFF,
			edit: func(s string) string {
				return strings.Replace(s, `<target state="translated">Автор: <bpt id="1" ctype="link">[</bpt>Антон Земляний<ept id="1">](#)</ept></target>`,
					`<target state="translated">Автор: Антон Земляний</target>`, 1)
			},
			failed: []string{by}},
		{name: "xliff codes moved", format: FormatXLIFF,
			edit: func(s string) string {
				return strings.Replace(s, `<target state="translated">Автор: <bpt id="1" ctype="link">[</bpt>Антон Земляний<ept id="1">](#)</ept></target>`,
					`<target state="translated"><bpt id="1"/>Антон Земляний<ept id="1"></ept>, автор</target>`, 1)
			},
			check: func(t *testing.T, p *project.Project, res *ImportResult) {
				if e := exEntry(t, p, "uk", by); e.Other != "[Антон Земляний](#), автор" {
					t.Errorf("moved codes: %q", e.Other)
				}
			}},
		{name: "xliff unsafe link", format: FormatXLIFF,
			edit: func(s string) string {
				return strings.Replace(s, `<target state="translated">Автор: <bpt id="1" ctype="link">[</bpt>Антон Земляний<ept id="1">](#)</ept></target>`,
					`<target state="translated">Автор: <bpt id="1" ctype="link">[</bpt>Антон Земляний<ept id="1">](#)</ept> &lt;JAVASCRIPT:alert(1)&gt;</target>`, 1)
			},
			failed: []string{by},
			check: func(t *testing.T, p *project.Project, res *ImportResult) {
				if e := exEntry(t, p, "uk", by); e.Other != "Автор: [Антон Земляний](#)" || len(res.Written) != 0 {
					t.Errorf("an unsafe link was imported: %q, wrote %v", e.Other, res.Written)
				}
				if !strings.Contains(res.Findings[0].Message, `[markup] unsafe URL scheme "javascript" in link to "JAVASCRIPT:alert(1)"`) {
					t.Errorf("finding: %s", res.Findings[0])
				}
			}},
		{name: "xliff needs review", format: FormatXLIFF,
			edit: func(s string) string {
				return strings.Replace(s, `<target state="translated">Автор: <bpt`, `<target state="needs-review-translation">Автор — <bpt`, 1)
			},
			check: func(t *testing.T, p *project.Project, res *ImportResult) {
				e := exEntry(t, p, "uk", by)
				if e.Other != "Автор — [Антон Земляний](#)" || e.Hash == catalog.Hash("Paragraph", "By [Anton Zemlianyi](#)") {
					t.Errorf("needs-review: %+v", e)
				}
			}},
		{name: "xliff source copied into an untranslated unit", format: FormatXLIFF,
			edit: func(s string) string {
				return strings.Replace(s, `<target state="translated">Автор: <bpt id="1" ctype="link">[</bpt>Антон Земляний<ept id="1">](#)</ept></target>`,
					`<target state="needs-translation">By <bpt id="1" ctype="link">[</bpt>Anton Zemlianyi<ept id="1">](#)</ept></target>`, 1)
			},
			check: func(t *testing.T, p *project.Project, res *ImportResult) {
				if e := exEntry(t, p, "uk", by); e.Other != "Автор: [Антон Земляний](#)" || res.Empty != 1 || len(res.Written) != 0 {
					t.Errorf("copied source: %q, empty %d, wrote %v", e.Other, res.Empty, res.Written)
				}
			}},
		{name: "xliff empty target", format: FormatXLIFF,
			edit: func(s string) string {
				return strings.Replace(s, `<target state="translated">Автор: <bpt id="1" ctype="link">[</bpt>Антон Земляний<ept id="1">](#)</ept></target>`, `<target/>`, 1)
			},
			check: func(t *testing.T, p *project.Project, res *ImportResult) {
				if e := exEntry(t, p, "uk", by); e.Other != "Автор: [Антон Земляний](#)" || len(res.Written) != 0 {
					t.Errorf("empty target: %q, wrote %v", e.Other, res.Written)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := exSeed(t)
			data := string(exExport(t, p, tt.format, "uk"))
			edited := tt.edit(data)
			if edited == data {
				t.Fatal("the edit changed nothing")
			}
			before := corpus.Files(t, p.Root)
			res, err := Import(p, ImportFile{Name: "uk" + tt.format.Ext(), Data: []byte(edited)})
			if tt.errMsg != "" {
				var ie *project.InputError
				if !errors.As(err, &ie) {
					t.Fatalf("got %v, %+v; want an input error", err, res)
				}
				if ie.Line != tt.errLine || !strings.Contains(ie.Error(), tt.errMsg) || ie.File != "uk"+tt.format.Ext() {
					t.Errorf("got %q (line %d), want line %d %q", ie.Error(), ie.Line, tt.errLine, tt.errMsg)
				}
				exSameTree(t, "after an input error", before, corpus.Files(t, p.Root))
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var failed []string
			for _, f := range res.Findings {
				if f.Severity == check.Error {
					failed = append(failed, f.Unit)
				}
			}
			if strings.Join(failed, ",") != strings.Join(tt.failed, ",") || res.Failed() != (len(tt.failed) > 0) {
				t.Errorf("not imported: %v, want %v (%v)", failed, tt.failed, res.Findings)
			}
			if tt.check != nil {
				tt.check(t, p, res)
			}
		})
	}
}

// TestImportKeepsCatalogMarkup: a translation the catalog already has is
// not checked again on import (l10n check reports it), so an unedited
// round trip stays clean even when the catalog's markup is off.
func TestImportKeepsCatalogMarkup(t *testing.T) {
	p := exSeed(t)
	rel := project.CatalogPath(seedSlug, "uk")
	a, _ := p.LoadArticle(seedSlug)
	f, snap, err := p.TargetFile(a, "uk")
	if err != nil {
		t.Fatal(err)
	}
	f.Entries[1].Other = "Автор: Антон Земляний" // the link dropped in the YAML
	w := stage.File{Rel: rel, Data: f.Encode(project.TargetHeader(seedSlug, "uk"), exNotes(t, p, a, "uk")), Snap: snap}
	if _, err := stage.Files(p.Root, []stage.File{w}); err != nil {
		t.Fatal(err)
	}
	for _, format := range exchangeFormats {
		res, err := Import(p, ImportFile{Name: "uk" + format.Ext(), Data: exExport(t, p, format, "uk")})
		if err != nil || len(res.Findings) > 0 || len(res.Written) > 0 {
			t.Errorf("%s: %v, findings %v, wrote %v", format, err, res.Findings, res.Written)
		}
	}
}

// TestImportDuplicateUnit refuses a unit given twice, across files.
func TestImportDuplicateUnit(t *testing.T) {
	p := exSeed(t)
	a := ImportFile{Name: "uk.po", Data: exExport(t, p, FormatPO, "uk")}
	b := ImportFile{Name: "uk.xlf", Data: exExport(t, p, FormatXLIFF, "uk")}
	_, err := Import(p, a, b)
	var ie *project.InputError
	if !errors.As(err, &ie) || ie.File != "uk.xlf" || !strings.Contains(ie.Error(), "is also at uk.po:") {
		t.Errorf("got %v", err)
	}
	// Different locales are fine together.
	c := ImportFile{Name: "ru.xlf", Data: exExport(t, p, FormatXLIFF, "ru")}
	if _, err := Import(p, a, c); err != nil {
		t.Error(err)
	}
}

// TestImportSourceChanged edits the article between export and import:
// the imported translations stay stale, with the source they were made
// from as their previous text, for extract and status to show.
func TestImportSourceChanged(t *testing.T) {
	const id = "p-november-26-2024"
	for _, f := range exchangeFormats {
		t.Run(string(f), func(t *testing.T) {
			p := exSeed(t)
			data := string(exExport(t, p, f, "uk"))
			data = strings.Replace(data, "26 листопада 2024 року", "26 листопада 2024", 1)
			art := filepath.Join(p.Root, project.ArticlePath(seedSlug))
			src, _ := os.ReadFile(art)
			os.WriteFile(art, bytes.Replace(src, []byte("November 26, 2024"), []byte("November 27, 2024"), 1), 0o644)
			res, err := Import(p, ImportFile{Name: "uk" + f.Ext(), Data: []byte(data)})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Findings) != 1 || res.Findings[0].Severity != check.Warning || !strings.Contains(res.Findings[0].Message, "source changed") {
				t.Errorf("findings: %v", res.Findings)
			}
			e := exEntry(t, p, "uk", id)
			if e.Other != "26 листопада 2024" || e.Hash != catalog.Hash("Paragraph", "November 26, 2024") || e.Previous != "November 26, 2024" {
				t.Errorf("entry: %+v", e)
			}
			if _, err := extract.Run(p, extract.Options{}); err != nil {
				t.Fatal(err)
			}
			rows, err := status.Run(p, project.Selection{Locales: []string{"uk"}})
			if err != nil {
				t.Fatal(err)
			}
			if rows[0].Stale != 1 {
				t.Errorf("status after extract: %+v", rows[0])
			}
			cat, _ := os.ReadFile(filepath.Join(p.Root, project.CatalogPath(seedSlug, "uk")))
			if !strings.Contains(string(cat), "#| en: November 26, 2024\n") {
				t.Errorf("extract does not show the previous source")
			}
			// The stale unit exports as fuzzy / needs review with its
			// previous source, and imports back unchanged.
			again := exExport(t, p, f, "uk")
			want := "#| msgid \"November 26, 2024\""
			if f == FormatXLIFF {
				want = "Previous source: November 26, 2024"
			}
			if !strings.Contains(string(again), want) {
				t.Errorf("export of a stale unit lacks %q", want)
			}
			before := corpus.Files(t, p.Root)
			if res, err := Import(p, ImportFile{Name: "uk" + f.Ext(), Data: again}); err != nil || len(res.Written) > 0 {
				t.Errorf("re-import: %v, wrote %v", err, res.Written)
			}
			exSameTree(t, "re-import of a stale unit", before, corpus.Files(t, p.Root))
		})
	}
}

// TestImportConfirmsStale: a translator revises a stale unit and clears
// its fuzzy flag (Poedit drops the #| lines too): the unit is translated.
func TestImportConfirmsStale(t *testing.T) {
	p := exSeed(t)
	art := filepath.Join(p.Root, project.ArticlePath(seedSlug))
	src, _ := os.ReadFile(art)
	os.WriteFile(art, bytes.Replace(src, []byte("November 26, 2024"), []byte("November 27, 2024"), 1), 0o644)
	if _, err := extract.Run(p, extract.Options{}); err != nil {
		t.Fatal(err)
	}
	pf, err := po.Parse(exExport(t, p, FormatPO, "uk"))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range pf.Messages {
		if m.Fuzzy() {
			m.Flags, m.HasPrevMsgid = nil, false
			m.Msgstr = "27 листопада 2024 року"
		}
	}
	if _, err := Import(p, ImportFile{Name: "uk.po", Data: po.Encode(pf)}); err != nil {
		t.Fatal(err)
	}
	rows, _ := status.Run(p, project.Selection{Locales: []string{"uk"}})
	if rows[0].Stale != 0 || rows[0].Translated != rows[0].Units {
		t.Errorf("status: %+v", rows[0])
	}
}

func TestExportErrors(t *testing.T) {
	p := exSeed(t)
	tests := []struct {
		name string
		opts ExportOptions
		msg  string
	}{
		{"source locale", ExportOptions{Format: FormatPO, Locale: "en"}, "source locale"},
		{"two locales", ExportOptions{Format: FormatPO}, "one locale"},
		{"bad locale", ExportOptions{Format: FormatPO, Locale: "u/k"}, "not a locale"},
		{"unknown locale", ExportOptions{Format: FormatPO, Locale: "de"}, "locale de is not one of the project's (uk, ru)"},
		{"format", ExportOptions{Format: "csv", Locale: "uk"}, "unknown format"},
		{"article", ExportOptions{Format: FormatXLIFF, Locale: "uk", Articles: []string{"nope"}}, "no such article"},
	}
	empty := filepath.Join(t.TempDir(), "empty")
	os.MkdirAll(filepath.Join(empty, "articles"), 0o755)
	os.WriteFile(filepath.Join(empty, "articles", "code.md"), []byte("```\ncode only\n```\n"), 0o644)
	q, err := project.Open(empty)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Export(q, ExportOptions{Format: FormatXLIFF, Locale: "uk"}); err == nil || !strings.Contains(err.Error(), "nothing to export") {
		t.Errorf("export of an article without units: %v", err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Export(p, tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("got %v, want %q", err, tt.msg)
			}
		})
	}
}

// exTool returns the path of a command, or skips the test (fails it
// under CI=true: .ci/run installs every tool).
func exTool(t *testing.T, name, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s not installed (apt-get install %s; .ci/run installs it)", name, pkg)
		}
		t.Skipf("%s not installed (apt-get install %s; .ci/run installs it)", name, pkg)
	}
	return path
}

func exRun(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, out)
	}
	return string(out)
}

// exToolCases are the exports the tool tests check: the seed in uk and
// ru, and pseudo-translations of exFrontMatter and of the CommonMark
// examples.
func exToolCases(t *testing.T) []struct {
	name string
	p    *project.Project
	loc  string
} {
	seed, cm := exSeed(t), exCorpus(t)
	return []struct {
		name string
		p    *project.Project
		loc  string
	}{{"seed-uk", seed, "uk"}, {"seed-ru", seed, "ru"}, {"front-matter", exPseudo(t), "uk"}, {"commonmark", cm, "en-XA"}}
}

// TestPOWithGettextAndTranslateToolkit checks every exported PO with
// msgfmt --check-format --check-header and counts its units with
// Translate Toolkit's pocount.
func TestPOWithGettextAndTranslateToolkit(t *testing.T) {
	t.Parallel()
	msgfmt := exTool(t, "msgfmt", "gettext")
	pocount := exTool(t, "pocount", "translate-toolkit")
	for _, c := range exToolCases(t) {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), c.loc+".po")
			if err := os.WriteFile(path, exExport(t, c.p, FormatPO, c.loc), 0o644); err != nil {
				t.Fatal(err)
			}
			exRun(t, msgfmt, "--check-format", "--check-header", "-o", os.DevNull, path)
			r := csv.NewReader(strings.NewReader(exRun(t, pocount, "--csv", path)))
			r.FieldsPerRecord = -1
			rows, err := r.ReadAll()
			if err != nil || len(rows) < 2 || len(rows[1]) < 9 {
				t.Fatalf("pocount --csv: %v %q", err, rows)
			}
			total, _ := strconv.Atoi(strings.TrimSpace(rows[1][8]))
			translated, _ := strconv.Atoi(strings.TrimSpace(rows[1][1]))
			st, err := status.Run(c.p, project.Selection{Locales: []string{c.loc}})
			if err != nil {
				t.Fatal(err)
			}
			want, done := 0, 0
			for _, r := range st {
				want += r.Units
				done += r.Translated
			}
			if total != want || translated != done {
				t.Errorf("pocount: %d units, %d translated; status: %d, %d", total, translated, want, done)
			}
		})
	}
}

// TestXLIFFWithTranslateToolkit converts every exported XLIFF with
// Translate Toolkit's xliff2po and compares its units with ours: the same
// count and, for each, the unit's source text. xliff2po renders our
// inline codes as their content, the Markdown, so the texts compare equal
// as they are; a text that does not must at least agree with ours once
// the codes are left out. xliff2po keys units by their id alone, and
// merges or renames units of different <file>s with the same id, so each
// article is exported to a file of its own and the folder converted in
// one run.
func TestXLIFFWithTranslateToolkit(t *testing.T) {
	t.Parallel()
	xliff2po := exTool(t, "xliff2po", "translate-toolkit")
	for _, c := range exToolCases(t) {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			in, out := filepath.Join(dir, "xliff"), filepath.Join(dir, "po")
			os.Mkdir(in, 0o755)
			slugs, _ := c.p.Articles()
			ours := map[string]*xliff.File{}
			for _, slug := range slugs {
				data, err := Export(c.p, ExportOptions{Format: FormatXLIFF, Locale: c.loc, Articles: []string{slug}})
				if err != nil && strings.Contains(err.Error(), "nothing to export") {
					continue // an example without units
				}
				if err != nil {
					t.Fatal(err)
				}
				doc, err := xliff.Decode(data)
				if err != nil {
					t.Fatal(err)
				}
				ours[slug] = doc.Files[0]
				if err := os.WriteFile(filepath.Join(in, slug+".xlf"), data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			exRun(t, xliff2po, "--progress=none", in, out)
			units, differ := 0, 0
			for slug, f := range ours {
				got, err := os.ReadFile(filepath.Join(out, slug+".po"))
				if err != nil {
					t.Fatal(err)
				}
				pf, err := po.Parse(got)
				if err != nil {
					t.Fatalf("xliff2po output for %s: %v", slug, err)
				}
				if len(pf.Messages) != len(f.Units) {
					t.Errorf("%s: xliff2po has %d units, we have %d", slug, len(pf.Messages), len(f.Units))
					continue
				}
				for i, m := range pf.Messages {
					units++
					src := f.Units[i].Source
					// Translate Toolkit decodes the empty character
					// reference "&#x;" (CommonMark example 26's
					// text, not a reference to Markdown) as NUL.
					want := strings.ReplaceAll(src.Markdown(), "&#x;", "\x00")
					if m.Msgid == want {
						continue
					}
					differ++
					if m.Msgid != strings.ReplaceAll(src.Plain(), "&#x;", "\x00") {
						t.Errorf("%s unit %s: xliff2po has %q, we have %q", slug, f.Units[i].ID, m.Msgid, src.Markdown())
					}
				}
			}
			if units == 0 {
				t.Error("no units")
			}
			if differ > 0 {
				t.Logf("%d of %d units differ in their inline codes only", differ, units)
			}
		})
	}
}

// TestImportMsgfilterEdits edits an exported PO with GNU msgfilter (as a
// translator's batch tool would) and imports it back: every edit arrives.
func TestImportMsgfilterEdits(t *testing.T) {
	msgfilter := exTool(t, "msgfilter", "gettext")
	p := exSeed(t)
	dir := t.TempDir()
	in, out := filepath.Join(dir, "uk.po"), filepath.Join(dir, "uk-edited.po")
	if err := os.WriteFile(in, exExport(t, p, FormatPO, "uk"), 0o644); err != nil {
		t.Fatal(err)
	}
	before, _, _ := p.ReadCatalog(project.CatalogPath(seedSlug, "uk"))
	exRun(t, msgfilter, "-i", in, "-o", out, "sed", "-e", "s/а/А/g")
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Import(p, ImportFile{Name: "uk-edited.po", Data: data})
	if err != nil {
		t.Fatal(err)
	}
	if res.Failed() || len(res.Written) != 1 {
		t.Errorf("import: %+v", res)
	}
	for _, o := range res.Outcomes {
		if !o.Base {
			t.Errorf("%s: msgfilter dropped the l10n:base line", o.Unit)
		}
	}
	after, _, _ := p.ReadCatalog(project.CatalogPath(seedSlug, "uk"))
	for i, e := range before.Entries {
		want := strings.ReplaceAll(e.Other, "а", "А")
		if g := after.Entries[i]; g.Other != want || g.Hash != e.Hash {
			t.Errorf("%s: got %q, want %q", e.ID, g.Other, want)
		}
	}
	rows, _ := status.Run(p, project.Selection{Locales: []string{"uk"}})
	if rows[0].Translated != rows[0].Units {
		t.Errorf("status after the import: %+v", rows[0])
	}
}

// TestXLIFFEditedWithTranslateToolkit has Translate Toolkit edit an
// exported XLIFF the way a PO-based platform does: xliff2po, an edit with
// msgfilter, pomerge back into the XLIFF (lxml rewrites the file and
// writes each target as plain text, the inline codes flattened into their
// Markdown). The import takes every edit.
func TestXLIFFEditedWithTranslateToolkit(t *testing.T) {
	xliff2po := exTool(t, "xliff2po", "translate-toolkit")
	pomerge := exTool(t, "pomerge", "translate-toolkit")
	msgfilter := exTool(t, "msgfilter", "gettext")
	p := exSeed(t)
	dir := t.TempDir()
	at := func(name string) string { return filepath.Join(dir, name) }
	if err := os.WriteFile(at("uk.xlf"), exExport(t, p, FormatXLIFF, "uk"), 0o644); err != nil {
		t.Fatal(err)
	}
	exRun(t, xliff2po, "--progress=none", at("uk.xlf"), at("uk.po"))
	exRun(t, msgfilter, "-i", at("uk.po"), "-o", at("edited.po"), "sed", "-e", "s/і/І/g")
	exRun(t, pomerge, "--progress=none", "-t", at("uk.xlf"), "-i", at("edited.po"), "-o", at("merged.xlf"))
	data, err := os.ReadFile(at("merged.xlf"))
	if err != nil {
		t.Fatal(err)
	}
	before, _, _ := p.ReadCatalog(project.CatalogPath(seedSlug, "uk"))
	res, err := Import(p, ImportFile{Name: "merged.xlf", Data: data})
	if err != nil {
		t.Fatal(err)
	}
	if res.Failed() {
		t.Errorf("findings: %v", res.Findings)
	}
	for _, o := range res.Outcomes {
		if !o.Base {
			t.Errorf("%s: the l10n:base note is gone", o.Unit)
		}
	}
	after, _, _ := p.ReadCatalog(project.CatalogPath(seedSlug, "uk"))
	for i, e := range before.Entries {
		if want := strings.ReplaceAll(e.Other, "і", "І"); after.Entries[i].Other != want || after.Entries[i].Hash != e.Hash {
			t.Errorf("%s: got %q, want %q", e.ID, after.Entries[i].Other, want)
		}
	}
}

func TestPluralForms(t *testing.T) {
	const east = "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
	for _, tt := range []struct{ loc, want string }{
		{"uk", east}, {"ru", east}, {"ru-RU", east}, {"en-XA", "nplurals=2; plural=(n != 1);"}, {"fr", "nplurals=2; plural=(n > 1);"}, {"xx", ""},
	} {
		if got := pluralForms(tt.loc); got != tt.want {
			t.Errorf("%s: %q", tt.loc, got)
		}
	}
}

// TestExportDeterministic: the same project exports the same bytes.
func TestExportDeterministic(t *testing.T) {
	p := exSeed(t)
	for _, f := range exchangeFormats {
		a, b := exExport(t, p, f, "ru"), exExport(t, p, f, "ru")
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two exports differ", f)
		}
	}
	if !strings.Contains(string(exExport(t, p, FormatPO, "uk")), fmt.Sprintf("PO-Revision-Date: %s", exDate.Format("2006-01-02 15:04-0700"))) {
		t.Error("PO header lacks the export date")
	}
}

func hasError(found []check.Finding) bool {
	for _, f := range found {
		if f.Severity == check.Error {
			return true
		}
	}
	return false
}

// exNotes returns the generated comments extract writes into an article's
// catalog for loc.
func exNotes(t *testing.T, p *project.Project, a *project.Article, loc string) catalog.Notes {
	t.Helper()
	gl, err := p.ReadGlossary()
	if err != nil {
		t.Fatal(err)
	}
	return a.SourceNotes(loc, gl)
}

// failingWriter takes n bytes, then fails.
type failingWriter struct{ n int }

var errFull = errors.New("disk full")

func (w *failingWriter) Write(b []byte) (int, error) {
	if len(b) > w.n {
		k := w.n
		w.n = 0
		return k, errFull
	}
	w.n -= len(b)
	return len(b), nil
}

// TestExportWriteFails: an export written an article at a time to a
// writer that fails midway returns the writer's error, in either format,
// and what it wrote before is the export's beginning.
func TestExportWriteFails(t *testing.T) {
	p := exCorpus(t)
	for _, f := range []Format{FormatPO, FormatXLIFF} {
		whole := exExport(t, p, f, "en-XA")
		x, err := PrepareExport(p, ExportOptions{Format: f, Locale: "en-XA", Date: exDate})
		if err != nil {
			t.Fatal(err)
		}
		if len(whole) < 96<<10 {
			t.Fatalf("%s: an export of %d bytes, too small to be written in parts", f, len(whole))
		}
		var got bytes.Buffer
		w := &failingWriter{n: 30 << 10}
		if err := x.Write(io.MultiWriter(&got, w)); !errors.Is(err, errFull) {
			t.Errorf("%s: Write returned %v", f, err)
		}
		if got.Len() == 0 || !bytes.HasPrefix(whole, got.Bytes()) {
			t.Errorf("%s: wrote %d bytes, not the export's beginning", f, got.Len())
		}
	}
}
