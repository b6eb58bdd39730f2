package pipelinetest_test

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/nicksnyder/go-i18n/v2/i18n/template"
	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"

	"github.com/l10n-dev/l10n/pipeline/build"
	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/extract"
	"github.com/l10n-dev/l10n/pipeline/project"
	"github.com/l10n-dev/l10n/pipeline/status"
)

const seed = "ngo-indifference-to-ukrainian-pows"

// TestHashVector pins go-i18n's hash: goi18n merge's own test gives this
// hash for the message "Hello" without a description.
func TestHashVector(t *testing.T) {
	if got, want := catalog.Hash("", "Hello"), "sha1-f7ff9e8b7bb2e09b70935a5d785e0cc5d9d0abf0"; got != want {
		t.Errorf("Hash = %s, want %s", got, want)
	}
}

// TestGoI18nLoadsCatalogs loads every catalog of the repository with
// go-i18n's Bundle and checks that Localize returns exactly the text that
// build puts in the edition, for every translated unit.
func TestGoI18nLoadsCatalogs(t *testing.T) {
	root := filepath.Join("..", "..")
	p, err := project.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(root, "locales", "*", "*.yaml"))
	if len(files) < 3 {
		t.Fatalf("only %d catalogs", len(files))
	}
	n := 0
	for _, path := range files {
		b := i18n.NewBundle(language.English)
		b.RegisterUnmarshalFunc("yaml", yaml.Unmarshal)
		mf, err := b.LoadMessageFile(path)
		if err != nil {
			t.Fatalf("go-i18n rejects %s: %v", path, err)
		}
		loc := strings.TrimSuffix(filepath.Base(path), ".yaml")
		if mf.Tag.String() != loc {
			t.Errorf("%s: go-i18n reads language %s", path, mf.Tag)
		}
		f := readCatalog(t, path)
		lz := i18n.NewLocalizer(b, loc)
		for _, e := range f.Entries {
			if e.Other == "" {
				continue
			}
			got, err := lz.Localize(&i18n.LocalizeConfig{MessageID: e.ID, TemplateParser: template.IdentityParser{}})
			if err != nil {
				t.Errorf("%s: %s: %v", path, e.ID, err)
				continue
			}
			if got != e.Other {
				t.Errorf("%s: %s: go-i18n gives %q, the catalog %q", path, e.ID, got, e.Other)
			}
			n++
		}
		if len(f.Obsolete) > 0 {
			for _, e := range f.Obsolete {
				if _, err := lz.Localize(&i18n.LocalizeConfig{MessageID: e.ID}); err == nil {
					t.Errorf("%s: obsolete %s is loaded as a live message", path, e.ID)
				}
			}
		}
	}
	// And build uses the same text: the uk edition holds every uk
	// translation verbatim.
	out := t.TempDir()
	copyProject(t, root, out)
	p.Root = out
	if _, err := build.Run(p, build.Options{Policy: build.PolicyFail}); err != nil {
		t.Fatal(err)
	}
	for _, loc := range []string{"uk", "ru"} {
		md, _ := os.ReadFile(filepath.Join(out, project.EditionPath(seed, loc, ".md")))
		for _, e := range readCatalog(t, filepath.Join(root, project.CatalogPath(seed, loc))).Entries {
			if !strings.Contains(string(md), e.Other) {
				t.Errorf("%s: the edition lacks %s's text %q", loc, e.ID, e.Other)
			}
		}
	}
	if n < 44 {
		t.Errorf("only %d messages localized", n)
	}
}

func copyProject(t *testing.T, from, to string) {
	t.Helper()
	for _, pattern := range []string{"articles/*.md", "locales/*/en.yaml", "locales/*/uk.yaml", "locales/*/ru.yaml", "glossary.yaml"} {
		files, _ := filepath.Glob(filepath.Join(from, pattern))
		for _, f := range files {
			rel, _ := filepath.Rel(from, f)
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(filepath.Dir(filepath.Join(to, rel)), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(to, rel), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// editor is a project whose one article is edited paragraph by paragraph.
type editor struct {
	t     *testing.T
	p     *project.Project
	slug  string
	paras []string
	// origin maps a translation to the English text it was made from.
	origin map[string]string
}

func (ed *editor) article() string {
	return strings.Join(ed.paras, "\n\n") + "\n"
}

// extract writes the article and runs extract.
func (ed *editor) extract() {
	ed.t.Helper()
	path := filepath.Join(ed.p.Root, project.ArticlePath(ed.slug))
	if err := os.WriteFile(path, []byte(ed.article()), 0o644); err != nil {
		ed.t.Fatal(err)
	}
	if _, err := extract.Run(ed.p, extract.Options{Locales: []string{"uk"}}); err != nil {
		data, _ := os.ReadFile(filepath.Join(ed.p.Root, project.CatalogPath(ed.slug, "en")))
		ed.t.Fatalf("%v\n%s", err, data)
	}
}

func (ed *editor) catalogs() (en, uk *catalog.File) {
	ed.t.Helper()
	return readCatalog(ed.t, filepath.Join(ed.p.Root, project.CatalogPath(ed.slug, "en"))),
		readCatalog(ed.t, filepath.Join(ed.p.Root, project.CatalogPath(ed.slug, "uk")))
}

// translate fills every missing translation with a marked copy of its
// English text and records where it came from.
func (ed *editor) translate() {
	en, uk := ed.catalogs()
	src := map[string]string{}
	for _, e := range en.Entries {
		src[e.ID] = e.Other
	}
	for _, e := range uk.Entries {
		if e.Other == "" {
			e.Other = "UK " + src[e.ID]
			ed.origin[e.Other] = src[e.ID]
		}
	}
	path := filepath.Join(ed.p.Root, project.CatalogPath(ed.slug, "uk"))
	if err := os.WriteFile(path, uk.Encode(nil, nil), 0o644); err != nil {
		ed.t.Fatal(err)
	}
}

// status returns the uk status row.
func (ed *editor) status() status.Row {
	rows, err := status.Run(ed.p, project.Selection{Locales: []string{"uk"}})
	if err != nil {
		ed.t.Fatal(err)
	}
	return rows[0]
}

// check verifies that every translation sits on its own text: a
// translated entry on exactly the English it was made from, a stale one
// on a unit whose previous text ("#|") is that English; and that none is
// lost.
func (ed *editor) check(step string, related func(orig, now string) bool) {
	ed.t.Helper()
	en, uk := ed.catalogs()
	src := map[string]string{}
	for _, e := range en.Entries {
		src[e.ID] = e.Other
	}
	seen := map[string]bool{}
	for _, e := range uk.Entries {
		if e.Other == "" {
			continue
		}
		seen[e.Other] = true
		orig, ok := ed.origin[e.Other]
		if !ok {
			ed.t.Fatalf("%s: %s holds an unknown translation %q", step, e.ID, e.Other)
		}
		now := src[e.ID]
		if e.Previous == "" && now != orig {
			ed.t.Errorf("%s: %s: translation of %q sits, not stale, on %q", step, e.ID, orig, now)
		}
		if e.Previous != "" && e.Previous != orig {
			ed.t.Errorf("%s: %s: stale translation of %q shows previous text %q", step, e.ID, orig, e.Previous)
		}
		if now != orig && !related(orig, now) {
			ed.t.Errorf("%s: %s: translation of %q moved onto a different text %q", step, e.ID, orig, now)
		}
	}
	for _, e := range uk.Obsolete {
		seen[e.Other] = true
	}
	for tr := range ed.origin {
		if !seen[tr] {
			ed.t.Errorf("%s: translation %q lost", step, tr)
		}
	}
}

func newEditor(t *testing.T, slug string, paras []string) *editor {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "articles"), 0o755); err != nil {
		t.Fatal(err)
	}
	p, err := project.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	ed := &editor{t: t, p: p, slug: slug, paras: paras, origin: map[string]string{}}
	ed.extract()
	ed.translate()
	return ed
}

// seedParagraphs returns the seed article's blocks, with the two split
// sentences kept as they are.
func seedParagraphs(t *testing.T) []string {
	data, err := os.ReadFile(filepath.Join("..", "..", project.ArticlePath(seed)))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range strings.Split(string(data), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// seedBlocks is seedParagraphs with each split sentence's two paragraphs
// in one block, so that edits move them together.
func seedBlocks(t *testing.T) []string {
	var out []string
	for _, p := range seedParagraphs(t) {
		if len(out) > 0 && p[0] >= 'a' && p[0] <= 'z' {
			out[len(out)-1] += "\n\n" + p
			continue
		}
		out = append(out, p)
	}
	return out
}

// unitText is the unit text of a block of seedBlocks.
func unitText(block string) string {
	return strings.ReplaceAll(strings.TrimPrefix(block, "# "), "\n\n", " ")
}

func indexOf(t *testing.T, paras []string, prefix string) int {
	t.Helper()
	for i, p := range paras {
		if strings.HasPrefix(p, prefix) {
			return i
		}
	}
	t.Fatalf("no paragraph starts with %q", prefix)
	return -1
}

// TestSourceCommentsKept: an editor's comment on a unit of the source
// catalog (context for the translators) stays with its unit when extract
// writes the catalog again: after another paragraph changed, and after
// the unit's own English changed. No test failed with extract dropping
// them, nor with it dropping the first unit's alone (the catalog's first
// entry).
func TestSourceCommentsKept(t *testing.T) {
	n := newNewsroom(t)
	n.extract(extract.Options{})
	rel := project.CatalogPath(seed, "en")
	notes := []struct{ note, id string }{
		{"# The print edition's date: check it before the release.", "p-november-26-2024"},
		{"# The headline: keep it under 90 characters.", "h1-ngo-indifference-to"},
	}
	data := n.read(rel)
	for _, c := range notes {
		data = strings.Replace(data, "\n"+c.id+":\n", "\n"+c.note+"\n"+c.id+":\n", 1)
	}
	n.write(rel, data)
	kept := func(step string) {
		t.Helper()
		data := n.read(rel)
		for _, c := range notes {
			if !strings.Contains(data, c.note+"\n"+c.id+":\n") {
				t.Errorf("%s: the comment is not above %s:\n%s", step, c.id, data)
			}
			if strings.Count(data, c.note) != 1 {
				t.Errorf("%s: the comment on %s is there %d times", step, c.id, strings.Count(data, c.note))
			}
		}
	}
	kept("written")
	n.editArticle("By [Anton Zemlianyi](#)", "By [Anton Zemlianyi](#) in Kyiv")
	n.extract(extract.Options{})
	kept("another paragraph changed")
	n.editArticle("November 26, 2024", "November 26, 2024, updated")
	n.extract(extract.Options{})
	kept("its own English changed")
}

// TestEditSequence edits the seed step by step, as a newsroom does after
// translation started, and checks the status and every translation after
// each step.
func TestEditSequence(t *testing.T) {
	ed := newEditor(t, seed, seedParagraphs(t))
	if s := ed.status(); s.Units != 22 || s.Translated != 22 {
		t.Fatalf("start: %+v", s)
	}
	related := func(orig, now string) bool { return true }
	type want struct{ units, translated, missing, stale, obsolete int }
	steps := []struct {
		name string
		edit func(p []string) []string
		want want
	}{
		{"insert at the top", func(p []string) []string {
			return append([]string{"*Updated on November 27 with the ICRC's response.*"}, p...)
		}, want{23, 22, 1, 0, 0}},
		{"change a number", func(p []string) []string {
			i := indexOf(t, p, "In total, about 3,767")
			p[i] = strings.Replace(p[i], "3,767", "3,810", 1)
			return p
		}, want{23, 21, 1, 1, 0}},
		{"delete a paragraph", func(p []string) []string {
			i := indexOf(t, p, "The Committee itself")
			return append(p[:i], p[i+1:]...)
		}, want{22, 20, 1, 1, 1}},
		{"swap two", func(p []string) []string {
			i, j := indexOf(t, p, "In recent years"), indexOf(t, p, "For example")
			p[i], p[j] = p[j], p[i]
			return p
		}, want{22, 20, 1, 1, 1}},
		{"edit and move one", func(p []string) []string {
			i := indexOf(t, p, "Due to the lack")
			moved := strings.Replace(p[i], "much higher", "far higher", 1)
			p = append(p[:i], p[i+1:]...)
			return append(p[:len(p)-2], append([]string{moved}, p[len(p)-2:]...)...)
		}, want{22, 19, 1, 2, 1}},
		{"split one", func(p []string) []string {
			i := indexOf(t, p, "At least 177")
			a, b, _ := strings.Cut(p[i], " The most recent high-profile case")
			return append(p[:i], append([]string{a, "The most recent high-profile case" + b}, p[i+1:]...)...)
		}, want{23, 18, 2, 3, 1}},
		{"merge two", func(p []string) []string {
			i := indexOf(t, p, "It is also telling")
			j := indexOf(t, p, "In April 2024")
			p[i] = p[i] + " " + p[j]
			return append(p[:j], p[j+1:]...)
		}, want{22, 16, 2, 4, 2}},
		{"restore the deleted paragraph", func(p []string) []string {
			orig := seedParagraphs(t)
			i := indexOf(t, orig, "The Committee itself")
			return append(p[:3], append([]string{orig[i]}, p[3:]...)...)
		}, want{23, 17, 2, 4, 1}},
	}
	for _, st := range steps {
		ed.paras = st.edit(ed.paras)
		ed.extract()
		s := ed.status()
		got := want{s.Units, s.Translated, s.Missing, s.Stale, s.Obsolete}
		if got != st.want {
			t.Errorf("%s: status %+v, want %+v", st.name, got, st.want)
		}
		ed.check(st.name, related)
		// Extract again: no byte changes.
		before := snapshotDir(t, ed.p.Root)
		ed.extract()
		if after := snapshotDir(t, ed.p.Root); after != before {
			t.Errorf("%s: a second extract changed the catalogs", st.name)
		}
	}
	// The stale merged paragraph shows the text its translation was
	// made from.
	_, uk := ed.catalogs()
	found := false
	for _, e := range uk.Entries {
		if strings.HasPrefix(e.Previous, "In April 2024") || strings.HasPrefix(e.Previous, "It is also telling") {
			found = true
		}
	}
	if !found {
		t.Errorf("the merged paragraph keeps no previous text")
	}
}

func snapshotDir(t *testing.T, root string) string {
	t.Helper()
	var b strings.Builder
	files, _ := filepath.Glob(filepath.Join(root, "locales", "*", "*.yaml"))
	for _, f := range files {
		data, _ := os.ReadFile(f)
		fmt.Fprintf(&b, "%s\n%s\n", f, data)
	}
	return b.String()
}

// TestRandomEdits runs hundreds of random edit sequences (insert, delete,
// swap, move, edit a word, change a number) over the seed's paragraphs:
// every old translation must stay on its own, possibly edited, text or
// become obsolete — never sit on another paragraph, never be lost.
func TestRandomEdits(t *testing.T) {
	sequences := 200
	if testing.Short() {
		sequences = 30
	}
	base := seedBlocks(t)
	filler := strings.Fields("harbour lantern orchard velvet quarry saddle meadow pendulum glacier thimble falcon cobalt tapestry walnut beacon marble")
	for s := 0; s < sequences; s++ {
		rng := rand.New(rand.NewSource(int64(s)))
		// Each paragraph carries the label of the original it derives
		// from; new ones carry -1.
		paras := append([]string(nil), base...)
		ed := newEditor(t, fmt.Sprintf("a%d", s), paras)
		label := make([]int, len(paras))
		for i := range label {
			label[i] = i
		}
		related := func(orig, now string) bool {
			// orig's paragraph index must be now's label.
			oi, ni := -1, -1
			for i, p := range base {
				if unitText(p) == orig {
					oi = i
				}
			}
			for i, p := range ed.paras {
				if unitText(p) == now {
					ni = i
				}
			}
			return oi >= 0 && ni >= 0 && label[ni] == oi
		}
		for step := 0; step < 6; step++ {
			n := len(ed.paras)
			switch op := rng.Intn(6); {
			case op == 0 || n < 4: // insert a new paragraph
				var words []string
				for k := 0; k < 8+rng.Intn(20); k++ {
					words = append(words, filler[rng.Intn(len(filler))])
				}
				para := strings.ToUpper(words[0][:1]) + words[0][1:] + " " + strings.Join(words[1:], " ") + "."
				i := rng.Intn(n + 1)
				ed.paras = append(ed.paras[:i], append([]string{para}, ed.paras[i:]...)...)
				label = append(label[:i], append([]int{-1}, label[i:]...)...)
			case op == 1: // delete
				i := rng.Intn(n)
				ed.paras = append(ed.paras[:i], ed.paras[i+1:]...)
				label = append(label[:i], label[i+1:]...)
			case op == 2: // swap
				i, j := rng.Intn(n), rng.Intn(n)
				ed.paras[i], ed.paras[j] = ed.paras[j], ed.paras[i]
				label[i], label[j] = label[j], label[i]
			case op == 3: // move
				i, j := rng.Intn(n), rng.Intn(n)
				p, l := ed.paras[i], label[i]
				ed.paras = append(ed.paras[:i], ed.paras[i+1:]...)
				label = append(label[:i], label[i+1:]...)
				ed.paras = append(ed.paras[:j], append([]string{p}, ed.paras[j:]...)...)
				label = append(label[:j], append([]int{l}, label[j:]...)...)
			default: // edit one word of a long paragraph, or a number
				i := rng.Intn(n)
				w := strings.Fields(ed.paras[i])
				if len(w) < 12 {
					continue
				}
				k := 1 + rng.Intn(len(w)-1)
				w[k] = filler[rng.Intn(len(filler))]
				ed.paras[i] = strings.Join(w, " ")
			}
			ed.extract()
			ed.check(fmt.Sprintf("sequence %d step %d", s, step), related)
			if t.Failed() {
				t.Fatalf("sequence %d failed; article:\n%s", s, ed.article())
			}
		}
	}
}
