package pipelinetest_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/l10n-dev/l10n/pipeline/build"
	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/extract"
	"github.com/l10n-dev/l10n/pipeline/lint"
	"github.com/l10n-dev/l10n/pipeline/project"
	"github.com/l10n-dev/l10n/pipeline/status"
)

// newsroom is a copy of the repository's project (the seed article, its
// catalogs and the glossary) in a temporary folder, with the warnings its
// commands give.
type newsroom struct {
	t        *testing.T
	p        *project.Project
	warnings []string
}

func newNewsroom(t *testing.T) *newsroom {
	t.Helper()
	root := t.TempDir()
	copyProject(t, filepath.Join("..", ".."), root)
	return openNewsroom(t, root)
}

func openNewsroom(t *testing.T, root string) *newsroom {
	t.Helper()
	p, err := project.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	n := &newsroom{t: t, p: p}
	p.Warn = func(msg string) { n.warnings = append(n.warnings, msg) }
	return n
}

func (n *newsroom) path(rel string) string { return filepath.Join(n.p.Root, rel) }

func (n *newsroom) read(rel string) string {
	n.t.Helper()
	data, err := os.ReadFile(n.path(rel))
	if err != nil {
		n.t.Fatal(err)
	}
	return string(data)
}

func (n *newsroom) write(rel, data string) {
	n.t.Helper()
	if err := os.MkdirAll(filepath.Dir(n.path(rel)), 0o755); err != nil {
		n.t.Fatal(err)
	}
	if err := os.WriteFile(n.path(rel), []byte(data), 0o644); err != nil {
		n.t.Fatal(err)
	}
}

func (n *newsroom) exists(rel string) bool {
	_, err := os.Lstat(n.path(rel))
	return err == nil
}

func (n *newsroom) catalog(slug, loc string) *catalog.File {
	n.t.Helper()
	return readCatalog(n.t, n.path(project.CatalogPath(slug, loc)))
}

func (n *newsroom) extract(opts extract.Options) *extract.Result {
	n.t.Helper()
	res, err := extract.Run(n.p, opts)
	if err != nil {
		n.t.Fatal(err)
	}
	return res
}

func (n *newsroom) status(sel project.Selection) []status.Row {
	n.t.Helper()
	rows, err := status.Run(n.p, sel)
	if err != nil {
		n.t.Fatal(err)
	}
	return rows
}

// warned reports whether a warning contains s.
func (n *newsroom) warned(s string) bool {
	for _, w := range n.warnings {
		if strings.Contains(w, s) {
			return true
		}
	}
	return false
}

// entry returns the live entry with the given id, or the obsolete one.
func entry(f *catalog.File, id string) (e *catalog.Entry, obsolete bool) {
	if e := f.Lookup(id); e != nil {
		return e, false
	}
	for _, e := range f.Obsolete {
		if e.ID == id {
			return e, true
		}
	}
	return nil, false
}

// editArticle replaces old with new in the seed article.
func (n *newsroom) editArticle(old, new string) {
	n.t.Helper()
	n.editArticleOf(seed, old, new)
}

// editArticleOf replaces old with new in an article.
func (n *newsroom) editArticleOf(slug, old, new string) {
	n.t.Helper()
	rel := project.ArticlePath(slug)
	src := n.read(rel)
	if !strings.Contains(src, old) {
		n.t.Fatalf("the article has no %q", old)
	}
	n.write(rel, strings.Replace(src, old, new, 1))
}

const (
	datePara = "November 26, 2024"
	dateID   = "p-november-26-2024"
)

// TestPseudoKeepsTranslations: pseudo refuses the source locale and a
// catalog that holds a translation, writing nothing; it writes a new
// pseudo-locale, marks its catalogs, rewrites them (keeping a
// translator's comment), and refuses one whose text was replaced by hand.
func TestPseudoKeepsTranslations(t *testing.T) {
	n := newNewsroom(t)
	before := snapshotDir(t, n.p.Root)
	for _, loc := range []string{"en", "EN", "uk", "ru"} {
		_, err := extract.Pseudo(n.p, project.Selection{Locales: []string{loc}})
		var ie *project.InputError
		if !errors.As(err, &ie) {
			t.Errorf("pseudo --locale %s: %v, want an input error", loc, err)
		}
	}
	if snapshotDir(t, n.p.Root) != before {
		t.Fatal("a refused pseudo wrote a catalog")
	}
	if _, err := extract.Pseudo(n.p, project.Selection{}); err != nil {
		t.Fatal(err)
	}
	rel := project.CatalogPath(seed, "en-XA")
	if !strings.HasPrefix(n.read(rel), "# Pseudo-translation (en-XA) of ") {
		t.Errorf("the pseudo catalog is not marked:\n%s", n.read(rel)[:200])
	}
	if snapshotDir(t, n.p.Root) == before {
		t.Fatal("pseudo wrote nothing")
	}
	// A comment in the pseudo catalog survives pseudo and an article
	// edit.
	n.write(rel, strings.Replace(n.read(rel), "\n"+dateID+":", "\n# QA: check the date format\n"+dateID+":", 1))
	n.editArticle(datePara, "November 27, 2024")
	if _, err := extract.Pseudo(n.p, project.Selection{}); err != nil {
		t.Fatal(err)
	}
	f := n.catalog(seed, "en-XA")
	if e, _ := entry(f, dateID); e == nil || !slices.Contains(e.Comments, "# QA: check the date format") || !strings.Contains(e.Other, "27") {
		t.Errorf("after an edit and pseudo: %+v", e)
	}
	// A translation typed into the pseudo catalog stops pseudo.
	n.write(rel, strings.Replace(n.read(rel), f.Lookup(dateID).Other, "27 листопада", 1))
	hand := n.read(rel)
	if _, err := extract.Pseudo(n.p, project.Selection{}); err == nil || !strings.Contains(err.Error(), "translated by hand") {
		t.Errorf("pseudo over a hand edit: %v", err)
	}
	if n.read(rel) != hand {
		t.Error("pseudo overwrote a hand edit")
	}
	// Extract keeps a pseudo catalog marked: pseudo may rewrite it.
	n.write(rel, strings.Replace(hand, "other: 27 листопада", `other: ""`, 1))
	n.extract(extract.Options{Locales: []string{"en-XA"}})
	if !strings.HasPrefix(n.read(rel), "# Pseudo-translation") {
		t.Error("extract dropped the pseudo mark")
	}
	if _, err := extract.Pseudo(n.p, project.Selection{}); err != nil {
		t.Errorf("pseudo after extract: %v", err)
	}
	// The real catalogs are as they were.
	for _, loc := range []string{"uk", "ru"} {
		if got, want := n.read(project.CatalogPath(seed, loc)), readFile(t, filepath.Join("..", "..", project.CatalogPath(seed, loc))); got != want {
			t.Errorf("%s changed", loc)
		}
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestPseudoIntoEmptyCatalog: pseudo may fill a target catalog that has
// no translation yet, keeping its translator's comments.
func TestPseudoIntoEmptyCatalog(t *testing.T) {
	root := t.TempDir()
	n := openNewsroom(t, root)
	n.write(project.ArticlePath("a"), "# Title\n\nA paragraph.\n")
	n.extract(extract.Options{})
	rel := project.CatalogPath("a", "uk")
	n.write(rel, strings.Replace(n.read(rel), "\np-a-paragraph:", "\n# glossary questions go to Olena\np-a-paragraph:", 1))
	if _, err := extract.Pseudo(n.p, project.Selection{Locales: []string{"uk"}}); err != nil {
		t.Fatal(err)
	}
	f := n.catalog("a", "uk")
	if e := f.Lookup("p-a-paragraph"); e == nil || !strings.HasPrefix(e.Other, "⟦") || !slices.Contains(e.Comments, "# glossary questions go to Olena") {
		t.Errorf("%+v", e)
	}
	if !n.warned("uk is one of the project's locales") {
		t.Errorf("no warning: %q", n.warnings)
	}
}

// TestPruneKeepsOtherLocales: prune --locale uk touches uk.yaml alone;
// after a paragraph is cut, pruned in uk and restored, ru gets its
// translation back on the paragraph's old id. Prune without --locale then
// drops the source's obsolete entry too.
func TestPruneKeepsOtherLocales(t *testing.T) {
	n := newNewsroom(t)
	ru := n.catalog(seed, "ru").Lookup(dateID).Other
	// The date is corrected first: the unit keeps its id, which no
	// longer says its text, so only en.yaml can give it back.
	n.editArticle(datePara, "November 27, 2024")
	n.extract(extract.Options{})
	src := n.read(project.ArticlePath(seed))
	n.editArticle("November 27, 2024\n\n", "")
	n.extract(extract.Options{})
	en := n.read(project.CatalogPath(seed, "en"))
	ruFile := n.read(project.CatalogPath(seed, "ru"))
	written, err := extract.Prune(n.p, project.Selection{Locales: []string{"uk"}})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{project.CatalogPath(seed, "uk")}; !slices.Equal(written, want) {
		t.Errorf("prune --locale uk wrote %v, want %v", written, want)
	}
	if n.read(project.CatalogPath(seed, "en")) != en || n.read(project.CatalogPath(seed, "ru")) != ruFile {
		t.Error("prune --locale uk changed en.yaml or ru.yaml")
	}
	if _, obsolete := entry(n.catalog(seed, "uk"), dateID); obsolete {
		t.Error("uk keeps the pruned entry")
	}
	// Prune of the source alone keeps what ru needs.
	if _, err := extract.Prune(n.p, project.Selection{Locales: []string{"en"}}); err != nil {
		t.Fatal(err)
	}
	if _, obsolete := entry(n.catalog(seed, "en"), dateID); !obsolete {
		t.Error("prune --locale en dropped the entry ru keeps as obsolete")
	}
	n.write(project.ArticlePath(seed), src)
	n.extract(extract.Options{})
	if e := n.catalog(seed, "ru").Lookup(dateID); e == nil || e.Other != ru || e.Previous != datePara {
		t.Errorf("the restored paragraph lost its ru translation: %+v", e)
	}
	for _, r := range n.status(project.Selection{Locales: []string{"ru"}}) {
		if r.Translated != r.Units-1 || r.Stale != 1 || r.Missing != 0 {
			t.Errorf("ru after the restore: %+v", r)
		}
	}
	// Cut again; prune without --locale drops it everywhere.
	n.editArticle("November 27, 2024\n\n", "")
	n.extract(extract.Options{})
	if _, err := extract.Prune(n.p, project.Selection{}); err != nil {
		t.Fatal(err)
	}
	for _, loc := range []string{"en", "uk", "ru"} {
		if e, _ := entry(n.catalog(seed, loc), dateID); e != nil {
			t.Errorf("%s keeps %s after prune", loc, dateID)
		}
	}
	// A locale without a catalog is not created.
	if _, err := extract.Prune(n.p, project.Selection{Locales: []string{"de"}}); err != nil {
		t.Fatal(err)
	}
	if n.exists(project.CatalogPath(seed, "de")) {
		t.Error("prune created de.yaml")
	}
}

// TestExtractKeepsComments puts a translator's comment in each place the
// issue found extract deleting one, and runs extract, an article edit
// that makes the entry stale, one that makes it obsolete, and the
// restore: the comment is always there, and a second extract changes no
// byte.
func TestExtractKeepsComments(t *testing.T) {
	const mark = "# Olena: the print edition says otherwise"
	rel := project.CatalogPath(seed, "uk")
	tests := []struct {
		name string
		edit func(s string) string
	}{
		{"after the header, a blank line apart", func(s string) string {
			return strings.Replace(s, "\n\n#. en: NGO", "\n\n"+mark+"\n\n#. en: NGO", 1)
		}},
		{"section comment and a blank line", func(s string) string {
			return strings.Replace(s, "\n\n#. en: "+datePara, "\n\n"+mark+"\n\n#. en: "+datePara, 1)
		}},
		{"trailing on the key line", func(s string) string {
			return strings.Replace(s, "\n"+dateID+":\n", "\n"+dateID+":   "+mark+"\n", 1)
		}},
		{"between hash and other", func(s string) string {
			return strings.Replace(s, "a93f908fb17163a5778411a47c3f4c5e1b1b6963\n", "a93f908fb17163a5778411a47c3f4c5e1b1b6963\n"+mark+"\n", 1)
		}},
		{"at the end of the file", func(s string) string { return s + "\n" + mark + "\n" }},
		{"trailing on a flow-style entry", func(s string) string {
			return strings.Replace(s, dateID+":\n  hash: sha1-a93f908fb17163a5778411a47c3f4c5e1b1b6963\n  other: 26 листопада 2024 року\n",
				dateID+": {hash: sha1-a93f908fb17163a5778411a47c3f4c5e1b1b6963, other: 26 листопада 2024 року}  "+mark+"\n", 1)
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := newNewsroom(t)
			orig := n.read(rel)
			n.write(rel, tc.edit(orig))
			if n.read(rel) == orig {
				t.Fatal("the edit changed nothing")
			}
			src := n.read(project.ArticlePath(seed))
			for _, step := range []struct {
				name string
				do   func()
			}{
				{"extract", func() {}},
				{"stale", func() { n.editArticle(datePara, "November 27, 2024") }},
				{"obsolete", func() { n.editArticle("November 27, 2024\n\n", "") }},
				{"restored", func() { n.write(project.ArticlePath(seed), src) }},
			} {
				step.do()
				n.extract(extract.Options{})
				got := n.read(rel)
				if strings.Count(got, mark) != 1 {
					t.Fatalf("%s: the comment is there %d times", step.name, strings.Count(got, mark))
				}
				n.extract(extract.Options{})
				if n.read(rel) != got {
					t.Fatalf("%s: a second extract changed the catalog", step.name)
				}
			}
			if e := n.catalog(seed, "uk").Lookup(dateID); e == nil || e.Hash != catalog.Hash("Paragraph", datePara) {
				t.Errorf("the restored entry: %+v", e)
			}
		})
	}
}

// TestConfirmationBindsToShownEnglish: a translator confirms a stale
// entry by deleting its hash line, against the English the catalog shows;
// if the English changes again before the next extract, the entry is
// stale again, made from the English the translator saw.
func TestConfirmationBindsToShownEnglish(t *testing.T) {
	n := newNewsroom(t)
	rel := project.CatalogPath(seed, "uk")
	n.editArticle(datePara, "November 27, 2024")
	n.extract(extract.Options{})
	e := n.catalog(seed, "uk").Lookup(dateID)
	if e.Previous != datePara {
		t.Fatalf("not stale: %+v", e)
	}
	// The translator revises and deletes the hash line.
	confirm := func() {
		s := n.read(rel)
		i := strings.Index(s, "\n"+dateID+":\n")
		body := s[i:]
		j := strings.Index(body, "  other:")
		body = body[:strings.Index(body, "  hash:")] + "  other: 27 листопада 2024 року\n" + body[strings.Index(body[j:], "\n")+j+1:]
		n.write(rel, s[:i]+body)
	}
	confirm()
	// The English changes again before extract runs.
	n.editArticle("November 27, 2024", "November 28, 2024")
	rows := n.status(project.Selection{Locales: []string{"uk"}})
	if rows[0].Stale != 1 {
		t.Errorf("status before extract: %+v, want 1 stale", rows[0])
	}
	n.extract(extract.Options{})
	e = n.catalog(seed, "uk").Lookup(dateID)
	if e.Other != "27 листопада 2024 року" || e.Previous != "November 27, 2024" || e.Hash != catalog.Hash("Paragraph", "November 27, 2024") {
		t.Errorf("the confirmation went to the newer English: %+v", e)
	}
	// Confirmed against the English shown now, it is translated.
	confirm()
	n.extract(extract.Options{})
	e = n.catalog(seed, "uk").Lookup(dateID)
	if e.Previous != "" || e.Hash != catalog.Hash("Paragraph", "November 28, 2024") {
		t.Errorf("a confirmation of the current English: %+v", e)
	}
	if rows := n.status(project.Selection{Locales: []string{"uk"}}); rows[0].Stale != 0 || rows[0].Translated != rows[0].Units {
		t.Errorf("status: %+v", rows[0])
	}
}

// TestDeletedArticle: an article deleted blocks no command on the others;
// it is reported, its catalogs stay (status counts them obsolete), build
// removes its editions, prune deletes its catalogs, en.yaml last.
func TestDeletedArticle(t *testing.T) {
	n := newNewsroom(t)
	n.write(project.ArticlePath("other"), "# Other\n\nAnother story.\n")
	n.extract(extract.Options{})
	if _, err := build.Run(n.p, build.Options{}); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(n.path(project.ArticlePath(seed))); err != nil {
		t.Fatal(err)
	}
	uk := n.read(project.CatalogPath(seed, "uk"))
	n.extract(extract.Options{Articles: []string{"other"}})
	n.extract(extract.Options{})
	if !n.warned(filepath.Join("locales", seed) + ": " + project.ArticlePath(seed) + " is gone") {
		t.Errorf("warnings %q", n.warnings)
	}
	if n.read(project.CatalogPath(seed, "uk")) != uk {
		t.Error("extract changed the deleted article's catalog")
	}
	rows := n.status(project.Selection{})
	var gone []status.Row
	for _, r := range rows {
		if r.Article == seed {
			gone = append(gone, r)
		}
	}
	if len(gone) != 2 || gone[0].Units != 0 || gone[0].Obsolete != 22 {
		t.Errorf("status rows of the deleted article: %+v", gone)
	}
	if _, err := lint.Run(n.p, lint.Options{}); err != nil {
		t.Errorf("check: %v", err)
	}
	res, err := build.Run(n.p, build.Options{Articles: []string{"other"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, loc := range []string{"uk", "ru"} {
		for _, ext := range []string{".md", ".html"} {
			if rel := project.EditionPath(seed, loc, ext); n.exists(rel) || !slices.Contains(res.Removed, rel) {
				t.Errorf("%s: still there, or not reported (%v)", rel, res.Removed)
			}
		}
		if !n.exists(project.EditionPath("other", loc, ".html")) {
			t.Errorf("the other article's %s edition is gone", loc)
		}
	}
	// prune --locale uk drops uk.yaml alone; then prune the rest.
	if _, err := extract.Prune(n.p, project.Selection{Locales: []string{"uk"}}); err != nil {
		t.Fatal(err)
	}
	if n.exists(project.CatalogPath(seed, "uk")) || !n.exists(project.CatalogPath(seed, "ru")) || !n.exists(project.CatalogPath(seed, "en")) {
		t.Error("prune --locale uk: want only uk.yaml gone")
	}
	if _, err := extract.Prune(n.p, project.Selection{Locales: []string{"en"}}); err != nil {
		t.Fatal(err)
	}
	if !n.exists(project.CatalogPath(seed, "en")) {
		t.Error("prune --locale en removed en.yaml while ru.yaml needs it")
	}
	if _, err := extract.Prune(n.p, project.Selection{}); err != nil {
		t.Fatal(err)
	}
	if n.exists(filepath.Join("locales", seed)) {
		t.Error("prune left the deleted article's folder")
	}
}

// TestRenameByExtract: after git mv of the article alone, extract
// recognises the rename by content and takes the catalogs along, with
// their comments and the catalogs of a locale it does not update.
func TestRenameByExtract(t *testing.T) {
	n := newNewsroom(t)
	if _, err := extract.Pseudo(n.p, project.Selection{}); err != nil {
		t.Fatal(err)
	}
	rel := project.CatalogPath(seed, "uk")
	n.write(rel, strings.Replace(n.read(rel), "\n"+dateID+":", "\n# checked with the desk\n"+dateID+":", 1))
	uk := n.catalog(seed, "uk")
	if err := os.Rename(n.path(project.ArticlePath(seed)), n.path(project.ArticlePath("icrc-pows"))); err != nil {
		t.Fatal(err)
	}
	n.editArticleOf("icrc-pows", datePara, "November 27, 2024")
	res := n.extract(extract.Options{})
	if res.Renamed["icrc-pows"] != seed {
		t.Fatalf("renamed %v", res.Renamed)
	}
	if n.exists(filepath.Join("locales", seed)) {
		t.Error("the old catalog folder is still there")
	}
	got := n.catalog("icrc-pows", "uk")
	for _, e := range uk.Entries {
		g := got.Lookup(e.ID)
		if g == nil || g.Other != e.Other || !slices.Equal(g.Comments, e.Comments) {
			t.Errorf("%s: %+v, was %+v", e.ID, g, e)
		}
	}
	if e := got.Lookup(dateID); e.Previous != datePara {
		t.Errorf("the edited paragraph is not stale: %+v", e)
	}
	if !n.exists(project.CatalogPath("icrc-pows", "en-XA")) {
		t.Error("the pseudo catalog did not move")
	}
	for _, loc := range []string{"en", "uk", "ru"} {
		if s := n.read(project.CatalogPath("icrc-pows", loc)); strings.Contains(s, seed) || !strings.Contains(s, project.ArticlePath("icrc-pows")) {
			t.Errorf("%s: the header names the old article:\n%s", loc, s[:300])
		}
	}
	if rows := n.status(project.Selection{}); len(rows) != 2 || rows[0].Translated != 21 || rows[0].Stale != 1 {
		t.Errorf("status %+v", rows)
	}
}

// TestMove: l10n mv renames an article with its catalogs, or only the
// catalogs after git mv, replacing the empty catalogs an extract made
// meanwhile; it refuses a name that is taken by work.
func TestMove(t *testing.T) {
	n := newNewsroom(t)
	uk := n.read(project.CatalogPath(seed, "uk"))
	if _, err := extract.Move(n.p, seed, "icrc"); err != nil {
		t.Fatal(err)
	}
	if !n.exists(project.ArticlePath("icrc")) || n.exists(project.ArticlePath(seed)) || n.read(project.CatalogPath("icrc", "uk")) != uk {
		t.Fatal("mv did not move the article and its catalogs")
	}
	// git mv, then an extract of a heavily edited article (no rename
	// recognised), then l10n mv.
	if err := os.Rename(n.path(project.ArticlePath("icrc")), n.path(project.ArticlePath("pows"))); err != nil {
		t.Fatal(err)
	}
	n.write(project.ArticlePath("pows"), "# Rewritten\n\nAll new.\n\n"+datePara+"\n")
	n.extract(extract.Options{})
	if !n.exists(project.CatalogPath("pows", "uk")) {
		t.Fatal("no catalogs for the new article")
	}
	if _, err := extract.Move(n.p, "articles/icrc.md", "pows"); err != nil {
		t.Fatal(err)
	}
	if n.read(project.CatalogPath("pows", "uk")) != uk || n.exists(filepath.Join("locales", "icrc")) {
		t.Error("mv after git mv did not bring the catalogs")
	}
	n.extract(extract.Options{})
	if e := n.catalog("pows", "uk").Lookup(dateID); e == nil || e.Other != "26 листопада 2024 року" {
		t.Errorf("the date paragraph after the move: %+v", e)
	}
	// Taken names.
	n.write(project.ArticlePath("taken"), "# Taken\n")
	for _, tc := range []struct{ old, new, want string }{
		{"pows", "taken", "exists already"},
		{"nope", "x", "no such article"},
		{"pows", "../x", "not an article name"},
		{"pows", "pows", "is the name it has"},
	} {
		if _, err := extract.Move(n.p, tc.old, tc.new); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("mv %s %s: %v, want %q", tc.old, tc.new, err, tc.want)
		}
	}
	// A folder with work is not replaced.
	n.write(project.CatalogPath("work", "uk"), "p-x:\n  other: Праця\n")
	if err := os.Rename(n.path(project.ArticlePath("pows")), n.path(project.ArticlePath("work"))); err != nil {
		t.Fatal(err)
	}
	if _, err := extract.Move(n.p, "pows", "work"); err == nil || !strings.Contains(err.Error(), "holds work") {
		t.Errorf("mv over a catalog with work: %v", err)
	}
	if !n.exists(project.CatalogPath("pows", "uk")) {
		t.Error("a refused mv moved the catalogs")
	}
	// Nor does an article without catalogs take over those of a deleted
	// article of the new name.
	n.write(project.ArticlePath("fresh"), "# Fresh\n")
	n.write(project.CatalogPath("retracted", "ru"), "p-x:\n  other: Работа\n")
	if _, err := extract.Move(n.p, "fresh", "retracted"); err == nil || !strings.Contains(err.Error(), "holds work") || !n.exists(project.ArticlePath("fresh")) {
		t.Errorf("mv onto a deleted article's catalogs: %v", err)
	}
}

// TestLocaleNames: locale names are canonical BCP 47 tags, so UK finds
// uk.yaml and a repeated locale counts once; a catalog under another name
// of the project's language is reported, not duplicated; a catalog of a
// locale the project dropped is reported.
func TestLocaleNames(t *testing.T) {
	n := newNewsroom(t)
	before := snapshotDir(t, n.p.Root)
	n.write(project.ConfigFile, "locales: [UK, ru, uk]\n")
	n = openNewsroom(t, n.p.Root)
	if !slices.Equal(n.p.Locales, []string{"uk", "ru"}) {
		t.Errorf("locales %v", n.p.Locales)
	}
	n.extract(extract.Options{Locales: []string{"Uk", "RU"}})
	if snapshotDir(t, n.p.Root) != before {
		t.Error("extract with UK and RU changed the catalogs")
	}
	if rows := n.status(project.Selection{}); len(rows) != 2 || rows[0].Translated != 22 {
		t.Errorf("status %+v", rows)
	}
	for _, locales := range []string{"[uk-UA, ru]", "[uk-ua]", "[uk_UA]"} {
		n.write(project.ConfigFile, "locales: "+locales+"\n")
		n = openNewsroom(t, n.p.Root)
		for name, run := range map[string]func() error{
			"extract": func() error { _, err := extract.Run(n.p, extract.Options{}); return err },
			"status":  func() error { _, err := status.Run(n.p, project.Selection{}); return err },
			"build":   func() error { _, err := build.Run(n.p, build.Options{}); return err },
			"prune":   func() error { _, err := extract.Prune(n.p, project.Selection{}); return err },
		} {
			err := run()
			if err == nil || !strings.Contains(err.Error(), "uk.yaml: the catalog is named uk, but the locale is uk-UA") {
				t.Errorf("%s with locales %s: %v", name, locales, err)
			}
		}
		if n.exists(project.CatalogPath(seed, "uk-UA")) || n.exists(filepath.Join("out", "uk-UA")) {
			t.Errorf("locales %s: a uk-UA catalog or edition was made", locales)
		}
	}
	// Dropping ru from the project: its catalogs are reported.
	n.write(project.ConfigFile, "locales: [uk]\n")
	n = openNewsroom(t, n.p.Root)
	n.extract(extract.Options{})
	if !n.warned("ru is not one of the project's locales (uk)") {
		t.Errorf("warnings %q", n.warnings)
	}
}

// TestArticlesFolder: articles are the *.md files directly in articles/:
// a subfolder is reported, hidden files (drafts, editors' lock files, a
// dangling one included) are not articles, and a symbolic link to a
// missing article is reported and skipped, its catalogs kept.
func TestArticlesFolder(t *testing.T) {
	n := newNewsroom(t)
	n.write(filepath.Join("articles", "world", "x.md"), "# In a subfolder\n")
	n.write(filepath.Join("articles", ".draft.md"), "# A draft\n")
	n.write(filepath.Join("articles", seed+".md~"), "# A backup\n")
	if err := os.Symlink("olena@newsroom.1234:1700000000", n.path(filepath.Join("articles", ".#"+seed+".md"))); err != nil {
		t.Skip(err)
	}
	n.write(project.CatalogPath("moved-away", "uk"), "p-x:\n  other: Х\n")
	if err := os.Symlink("../elsewhere/moved-away.md", n.path(project.ArticlePath("moved-away"))); err != nil {
		t.Fatal(err)
	}
	slugs, err := n.p.Articles()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(slugs, []string{seed}) {
		t.Errorf("articles %v", slugs)
	}
	n.extract(extract.Options{})
	if _, err := build.Run(n.p, build.Options{}); err != nil {
		t.Fatal(err)
	}
	if !n.warned(filepath.Join("articles", "world", "x.md")+": not read") || !n.warned(project.ArticlePath("moved-away")+": skipped") {
		t.Errorf("warnings %q", n.warnings)
	}
	if n.warned("locales/moved-away") || n.warned(".draft") {
		t.Errorf("warnings %q", n.warnings)
	}
	if _, err := extract.Prune(n.p, project.Selection{}); err != nil {
		t.Fatal(err)
	}
	if !n.exists(project.CatalogPath("moved-away", "uk")) {
		t.Error("prune deleted the catalog of an article behind a dangling link")
	}
}

// TestDeletedIndexArticle: when an article named index is deleted, build
// removes its Markdown edition and keeps the index page it writes in the
// place of the HTML one.
func TestDeletedIndexArticle(t *testing.T) {
	n := newNewsroom(t)
	n.write(project.ArticlePath("index"), "# Index story\n\nA paragraph.\n")
	n.extract(extract.Options{})
	if _, err := build.Run(n.p, build.Options{Policy: build.PolicyShip}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(n.read(project.EditionPath("index", "uk", ".html")), "Index story") {
		t.Fatal("no edition of the article named index")
	}
	if err := os.Remove(n.path(project.ArticlePath("index"))); err != nil {
		t.Fatal(err)
	}
	res, err := build.Run(n.p, build.Options{Policy: build.PolicyShip})
	if err != nil {
		t.Fatal(err)
	}
	if n.exists(project.EditionPath("index", "uk", ".md")) || !slices.Contains(res.Removed, project.EditionPath("index", "uk", ".md")) {
		t.Errorf("the deleted article's Markdown edition: removed %v", res.Removed)
	}
	if page := n.read(build.IndexPath("uk")); strings.Contains(page, "Index story") || !strings.Contains(page, project.EditionPath(seed, "uk", ".html")[len("out/uk/"):]) {
		t.Errorf("the index page:\n%s", page)
	}
}
