package pipelinetest_test

import (
	"errors"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/check"
	"github.com/l10n-dev/l10n/pipeline/exchange"
	"github.com/l10n-dev/l10n/pipeline/extract"
	"github.com/l10n-dev/l10n/pipeline/po"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// TestWorkflows runs random newsroom workflows on two articles made of
// the seed's paragraphs, translated into uk and ru: article edits,
// reverts, cuts and restores, renames (git mv, or l10n mv) and deletions,
// extract, translations, confirmations of stale entries, translator
// comments added in every place, edited and deleted, pseudo (and pseudo
// refused on a real locale), prune with and without --locale and
// --article, changes of the project's locales, export and import. After
// every step, every translation ever written is in its catalog, live or
// obsolete, with the hash of the English it was made for (a confirmation:
// the English the catalog showed), a stale one on its own paragraph, an
// obsolete one restored when exactly its English is back; every
// translator comment is where it belongs. Only prune drops anything, and
// only what was obsolete in the catalogs it was given.
//
// L10N_WORKFLOWS sets the number of sequences (default 60, 15 with
// -short); L10N_WORKFLOW_SEED runs one sequence.
func TestWorkflows(t *testing.T) {
	sequences, first := 60, 0
	if testing.Short() {
		sequences = 15
	}
	if v := os.Getenv("L10N_WORKFLOWS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			t.Fatalf("L10N_WORKFLOWS=%q", v)
		}
		sequences = n
	}
	if v := os.Getenv("L10N_WORKFLOW_SEED"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			t.Fatalf("L10N_WORKFLOW_SEED=%q", v)
		}
		first, sequences = n, 1
	}
	blocks := seedBlocks(t)
	for s := first; s < first+sequences; s++ {
		w := newWorkflow(t, s, blocks)
		for step := 0; step < 24 && !t.Failed(); step++ {
			w.step()
		}
		if t.Failed() {
			t.Fatalf("sequence %d failed (rerun with L10N_WORKFLOW_SEED=%d); steps:\n%s", s, s, strings.Join(w.log, "\n"))
		}
	}
}

// para is a paragraph of an article with the label of the paragraph it
// derives from (edits keep the label).
type para struct {
	text  string
	label int
}

// made says what a translation was made for.
type made struct {
	loc   string
	hash  string // the hash of its English
	label int    // the paragraph of its English
}

// Kinds of translator comments.
const (
	ownComment     = iota // an entry's own: stays on its translation's entry
	sectionComment        // a block before an entry: stays in the catalog of its translation
	fileComment           // the header or the end of a catalog: stays in it
)

// note says where a translator's comment belongs.
type note struct {
	loc  string
	kind int
	tr   string // the translation of its entry (own and section comments)
	slug string // the article of its catalog (file comments)
}

type workflow struct {
	t   *testing.T
	rng *rand.Rand
	n   *newsroom
	// arts are the articles, gone the deleted ones, cut the paragraphs
	// cut from each, prev each article before its last edit.
	arts, gone, prev map[string][]para
	cut              map[string][]para
	config           []string
	// extracted are the locales the last extract merged; ids and descs
	// the unit ids it gave each article, with their paragraphs' labels
	// and descriptions.
	extracted []string
	ids       map[string]map[string]int
	descs     map[string]map[string]string
	tr        map[string]made
	notes     map[string]note
	count     int
	log       []string
}

func newWorkflow(t *testing.T, seed int, blocks []string) *workflow {
	w := &workflow{t: t, rng: rand.New(rand.NewSource(int64(seed))),
		arts: map[string][]para{}, gone: map[string][]para{}, prev: map[string][]para{}, cut: map[string][]para{},
		config: []string{"uk", "ru"}, tr: map[string]made{}, notes: map[string]note{}}
	var body []string
	for _, b := range blocks {
		if !strings.HasPrefix(b, "<") && !strings.HasPrefix(b, "# ") {
			body = append(body, b)
		}
	}
	label := 0
	mk := func(title string, texts []string) []para {
		ps := []para{{text: "# " + title, label: label}}
		label++
		for _, tx := range texts {
			ps = append(ps, para{text: tx, label: label})
			label++
		}
		return ps
	}
	w.count = 1000 // labels of new paragraphs and other unique numbers
	w.arts["a"] = mk("NGO Indifference to Ukrainian POWs", body[0:5])
	w.arts["b"] = mk("The Red Cross and the War", body[5:10])
	w.n = openNewsroom(t, t.TempDir())
	for slug := range w.arts {
		w.writeArticle(slug)
	}
	w.extract()
	for _, loc := range w.config {
		for slug := range w.arts {
			w.translate(slug, loc, 1)
		}
	}
	w.extract()
	w.check(true)
	return w
}

func (w *workflow) next() int { w.count++; return w.count }

func (w *workflow) logf(format string, args ...any) {
	w.log = append(w.log, fmt.Sprintf(format, args...))
}

func (w *workflow) slugs(m map[string][]para) []string {
	var out []string
	for s := range m {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

func (w *workflow) pick(list []string) string { return list[w.rng.Intn(len(list))] }

func (w *workflow) writeArticle(slug string) {
	var texts []string
	for _, p := range w.arts[slug] {
		texts = append(texts, p.text)
	}
	w.n.write(project.ArticlePath(slug), strings.Join(texts, "\n\n")+"\n")
}

// labelOf returns the label of the paragraph of an article whose unit has
// the given text, or -1.
func (w *workflow) labelOf(slug, text string) int {
	for _, p := range w.arts[slug] {
		if unitText(p.text) == text {
			return p.label
		}
	}
	return -1
}

// step runs one random step.
func (w *workflow) step() {
	t := w.t
	t.Helper()
	arts := w.slugs(w.arts)
	switch op := w.rng.Intn(20); {
	case op < 4 && len(arts) > 0:
		w.editArticle(w.pick(arts))
	case op == 4:
		w.extract()
		w.check(true)
	case op == 5 && len(arts) > 0:
		w.translate(w.pick(arts), w.pick(w.config), 0.5)
		w.check(false)
	case op == 6 && len(arts) > 0:
		w.confirm(w.pick(arts))
		w.check(false)
	case op == 7 || op == 8:
		w.comment()
		w.check(false)
	case op == 9:
		w.editComment()
		w.check(false)
	case op == 10 && len(arts) > 0:
		w.rename(w.pick(arts))
		w.check(false)
	case op == 11 && (len(arts) > 1 || len(w.gone) > 0):
		w.deleteOrRestore()
	case op == 12:
		w.pseudo()
		w.check(false)
	case op == 13 || op == 14:
		w.prune()
		w.check(false)
	case op == 15:
		w.changeLocales()
		w.check(false)
	case op == 16 && len(arts) > 0:
		w.exchange()
		w.check(false)
	default:
		w.extract()
		w.check(true)
	}
}

// editArticle edits an article: a word, a new paragraph, a cut, a
// restored cut, a move, or a revert of its last edit.
func (w *workflow) editArticle(slug string) {
	ps := slices.Clone(w.arts[slug])
	before := slices.Clone(ps)
	switch op := w.rng.Intn(8); {
	case op == 0 && w.prev[slug] != nil:
		ps = w.prev[slug]
		w.logf("revert %s", slug)
	case op == 1:
		words := strings.Fields("harbour lantern orchard velvet quarry saddle meadow pendulum glacier thimble falcon cobalt tapestry walnut beacon marble")
		// Words of its own: two new paragraphs are not one edited.
		n := w.next()
		var text []string
		for k := 0; k < 8+w.rng.Intn(8); k++ {
			text = append(text, words[w.rng.Intn(len(words))]+strconv.Itoa(n))
		}
		tx := "Paragraph " + strconv.Itoa(n) + " " + strings.Join(text, " ") + "."
		i := 1 + w.rng.Intn(len(ps))
		ps = slices.Insert(ps, i, para{text: tx, label: n})
		w.logf("insert into %s at %d: %q", slug, i, tx)
	case (op == 2 || op == 6) && len(ps) > 2:
		i := 1 + w.rng.Intn(len(ps)-1)
		w.cut[slug] = append(w.cut[slug], ps[i])
		w.logf("cut from %s: %q", slug, ps[i].text)
		ps = slices.Delete(ps, i, i+1)
	case (op == 3 || op == 7) && len(w.cut[slug]) > 0:
		k := w.rng.Intn(len(w.cut[slug]))
		p := w.cut[slug][k]
		w.cut[slug] = slices.Delete(w.cut[slug], k, k+1)
		if slices.ContainsFunc(ps, func(q para) bool { return q.label == p.label }) {
			return
		}
		if words := strings.Fields(p.text); w.rng.Intn(2) == 0 && len(words) >= 8 {
			// Restored with a change.
			words[1+w.rng.Intn(len(words)-2)] = "edited" + strconv.Itoa(w.next())
			p.text = strings.Join(words, " ")
		}
		i := 1 + w.rng.Intn(len(ps))
		ps = slices.Insert(ps, i, p)
		w.logf("restore into %s at %d: %q", slug, i, p.text)
	case op == 4 && len(ps) > 2:
		i, j := 1+w.rng.Intn(len(ps)-1), 1+w.rng.Intn(len(ps)-1)
		p := ps[i]
		ps = slices.Delete(ps, i, i+1)
		ps = slices.Insert(ps, min(j, len(ps)), p)
		w.logf("move in %s: %d to %d", slug, i, j)
	default:
		i := 1 + w.rng.Intn(len(ps)-1)
		words := strings.Fields(ps[i].text)
		if len(words) < 8 {
			return
		}
		// Often one of the first words, which the unit's id was made
		// of: the id stays, and no longer says the text.
		k := 1 + w.rng.Intn(len(words)-2)
		if w.rng.Intn(2) == 0 {
			k = w.rng.Intn(3)
		}
		words[k] = "Edited" + strconv.Itoa(w.next())
		ps[i].text = strings.Join(words, " ")
		w.logf("edit in %s: %q", slug, ps[i].text)
	}
	w.prev[slug] = before
	w.arts[slug] = ps
	w.writeArticle(slug)
}

// extract runs extract and notes what it gave each unit.
func (w *workflow) extract() {
	w.t.Helper()
	res, err := extract.Run(w.n.p, extract.Options{})
	if err != nil {
		w.t.Fatalf("extract: %v", err)
	}
	w.logf("extract (%s)", strings.Join(w.config, ", "))
	for nu, old := range res.Renamed {
		w.renamed(old, nu)
	}
	w.extracted = slices.Clone(w.n.p.Locales)
	w.ids, w.descs = map[string]map[string]int{}, map[string]map[string]string{}
	for slug := range w.arts {
		en := w.n.catalog(slug, "en")
		w.ids[slug], w.descs[slug] = map[string]int{}, map[string]string{}
		for _, e := range en.Entries {
			w.ids[slug][e.ID] = w.labelOf(slug, e.Other)
			w.descs[slug][e.ID] = e.Description
		}
	}
}

// renamed moves what the model knows of an article to its new slug.
func (w *workflow) renamed(old, nu string) {
	w.logf("  %s is %s renamed", nu, old)
	for k, nt := range w.notes {
		if nt.kind == fileComment && nt.slug == old {
			nt.slug = nu
			w.notes[k] = nt
		}
	}
	if ps, ok := w.gone[old]; ok {
		// An article renamed after it was deleted: restored under
		// its new name.
		delete(w.gone, old)
		w.arts[nu] = ps
	}
	w.cut[nu], w.prev[nu] = w.cut[old], w.prev[old]
	delete(w.cut, old)
	delete(w.prev, old)
}

// catalogFile reads, parses and writes one catalog as a translator's
// editor would: every line it does not change stays.
func (w *workflow) edit(slug, loc string, change func(f *catalog.File) bool) {
	w.t.Helper()
	rel := project.CatalogPath(slug, loc)
	if !w.n.exists(rel) {
		return
	}
	f := w.n.catalog(slug, loc)
	if change(f) {
		w.n.write(rel, string(f.Encode(nil, func(e *catalog.Entry) []string { return e.Notes })))
	}
}

// translate fills a share of an article's missing translations in loc.
func (w *workflow) translate(slug, loc string, share float64) {
	if !slices.Contains(w.extracted, loc) {
		return
	}
	w.edit(slug, loc, func(f *catalog.File) bool {
		changed := false
		for _, e := range f.Entries {
			label, current := w.ids[slug][e.ID]
			if e.Other != "" || !current || e.Hash == "" || w.rng.Float64() > share {
				continue
			}
			e.Other = fmt.Sprintf("%s %d", strings.ToUpper(loc), w.next())
			w.tr[e.Other] = made{loc: loc, hash: e.Hash, label: label}
			w.logf("translate %s/%s %s: %q", slug, loc, e.ID, e.Other)
			changed = true
		}
		return changed
	})
}

// replaced records that a translator replaced a translation: its comments
// stay with the entry.
func (w *workflow) replaced(old, nu string, m made) {
	delete(w.tr, old)
	w.tr[nu] = m
	for k, nt := range w.notes {
		if nt.tr == old {
			nt.tr = nu
			w.notes[k] = nt
		}
	}
}

// confirm revises a stale translation and deletes its hash line: it is
// made for the English the catalog shows.
func (w *workflow) confirm(slug string) {
	loc := w.pick(w.config)
	if !slices.Contains(w.extracted, loc) {
		return
	}
	w.edit(slug, loc, func(f *catalog.File) bool {
		for _, e := range f.Entries {
			label, current := w.ids[slug][e.ID]
			if !current || e.Hash == "" || e.Previous == "" || e.Other == "" || len(e.Notes) == 0 {
				continue
			}
			shown := strings.TrimPrefix(e.Notes[0], "en: ")
			nu := fmt.Sprintf("%s %d revised", strings.ToUpper(loc), w.next())
			w.replaced(e.Other, nu, made{loc: loc, hash: catalog.Hash(w.descs[slug][e.ID], shown), label: label})
			w.logf("confirm %s/%s %s against %q: %q", slug, loc, e.ID, shown, nu)
			e.Other, e.Hash = nu, ""
			return true
		}
		return false
	})
}

// comment adds a translator's comment to a catalog of uk or ru, in one of
// the places translators put them, and notes where it belongs.
func (w *workflow) comment() {
	files, _ := filepath.Glob(filepath.Join(w.n.p.Root, "locales", "*", "*.yaml"))
	var cats []string
	for _, f := range files {
		if loc := strings.TrimSuffix(filepath.Base(f), ".yaml"); loc == "uk" || loc == "ru" {
			cats = append(cats, f)
		}
	}
	if len(cats) == 0 {
		return
	}
	path := w.pick(cats)
	rel, _ := filepath.Rel(w.n.p.Root, path)
	slug, loc := filepath.Base(filepath.Dir(path)), strings.TrimSuffix(filepath.Base(path), ".yaml")
	src := w.n.read(rel)
	f := w.n.catalog(slug, loc)
	c := fmt.Sprintf("# note %d", w.next())
	var out string
	if len(f.Entries) == 0 || w.rng.Intn(5) == 0 {
		// The header, or the end of the file.
		if w.rng.Intn(2) == 0 {
			out = src + "\n" + c + "\n"
		} else if i := strings.Index(src, "\n\n"); i >= 0 {
			out = src[:i+2] + c + "\n\n" + src[i+2:]
		} else {
			out = c + "\n\n" + src
		}
	} else {
		var live []*catalog.Entry
		for _, e := range f.Entries {
			if e.Other != "" {
				live = append(live, e)
			}
		}
		if len(live) == 0 {
			return
		}
		var ok bool
		if out, ok = insertComment(src, live[w.rng.Intn(len(live))].ID, c, w.rng.Intn(7)); !ok {
			return
		}
	}
	w.n.write(rel, out)
	g, err := catalog.Parse([]byte(out))
	if err != nil {
		w.t.Fatalf("a comment made %s invalid: %v\n%s", rel, err, out)
	}
	nt := note{loc: loc, slug: slug, kind: fileComment}
	for _, e := range g.Entries {
		if slices.Contains(e.Comments, c) {
			nt = note{loc: loc, kind: ownComment, tr: e.Other}
		} else if slices.Contains(e.Above, c) {
			nt = note{loc: loc, kind: sectionComment, tr: e.Other}
		}
	}
	if nt.kind == fileComment && !slices.Contains(g.Header, c) && !slices.Contains(g.End, c) {
		w.t.Fatalf("the comment %q is nowhere in\n%s", c, out)
	}
	w.notes[c] = nt
	w.logf("comment in %s (kind %d): %q", rel, nt.kind, c)
}

// insertComment puts comment c at one of the places of entry id: above
// its key, on its key line, between its hash and other (at column 0 or
// indented), after its value, at the end of its other line, or in a block
// of its own before it.
func insertComment(src, id, c string, where int) (string, bool) {
	lines := strings.Split(src, "\n")
	k := slices.Index(lines, id+":")
	if k < 0 {
		return "", false
	}
	end := k + 1
	for end < len(lines) && strings.HasPrefix(lines[end], " ") {
		end++
	}
	field := func(name string) int {
		for i := k + 1; i < end; i++ {
			if strings.HasPrefix(lines[i], "  "+name+":") {
				return i
			}
		}
		return -1
	}
	switch where {
	case 0:
		lines = slices.Insert(lines, k, c)
	case 1:
		lines[k] += "   " + c
	case 2, 3:
		h := field("hash")
		if h < 0 {
			return "", false
		}
		indent := ""
		if where == 3 {
			indent = "  "
		}
		lines = slices.Insert(lines, h+1, indent+c)
	case 4:
		lines = slices.Insert(lines, end, "  "+c)
	case 5:
		o := field("other")
		if o < 0 {
			return "", false
		}
		v := strings.TrimPrefix(lines[o], "  other: ")
		if len(v) < 2 || (v[0] != '"' && v[0] != '\'') || v[len(v)-1] != v[0] || strings.HasSuffix(v, `\"`) {
			return "", false
		}
		lines[o] += "  " + c
	default:
		a := k
		for a > 0 && strings.HasPrefix(lines[a-1], "#") && !strings.HasPrefix(lines[a-1], "#~") {
			a--
		}
		lines = slices.Insert(lines, a, c, "")
	}
	return strings.Join(lines, "\n"), true
}

// editComment changes or deletes a translator's comment.
func (w *workflow) editComment() {
	var texts []string
	for c := range w.notes {
		texts = append(texts, c)
	}
	if len(texts) == 0 {
		return
	}
	sort.Strings(texts)
	c := w.pick(texts)
	nt := w.notes[c]
	files, _ := filepath.Glob(filepath.Join(w.n.p.Root, "locales", "*", nt.loc+".yaml"))
	for _, path := range files {
		rel, _ := filepath.Rel(w.n.p.Root, path)
		src := w.n.read(rel)
		if !strings.Contains(src, c+"\n") {
			continue
		}
		delete(w.notes, c)
		if w.rng.Intn(2) == 0 {
			nu := fmt.Sprintf("# note %d (edited)", w.next())
			w.n.write(rel, strings.Replace(src, c+"\n", nu+"\n", 1))
			w.notes[nu] = nt
			w.logf("edit comment in %s: %q to %q", rel, c, nu)
			return
		}
		lines := strings.Split(src, "\n")
		for i, l := range lines {
			if strings.TrimSpace(l) == c {
				lines = slices.Delete(lines, i, i+1)
				break
			}
			if strings.HasSuffix(l, " "+c) {
				lines[i] = strings.TrimRight(strings.TrimSuffix(l, c), " ")
				break
			}
		}
		w.n.write(rel, strings.Join(lines, "\n"))
		w.logf("delete comment in %s: %q", rel, c)
		return
	}
}

// rename renames an article: with git mv, for extract to recognise, or
// with l10n mv.
func (w *workflow) rename(old string) {
	nu := "r" + strconv.Itoa(w.next())
	if w.rng.Intn(2) == 0 {
		if _, err := extract.Move(w.n.p, old, nu); err != nil {
			w.t.Fatalf("mv %s %s: %v", old, nu, err)
		}
		w.logf("l10n mv %s %s", old, nu)
		w.arts[nu] = w.arts[old]
		delete(w.arts, old)
		w.renamed(old, nu)
		return
	}
	if err := os.Rename(w.n.path(project.ArticlePath(old)), w.n.path(project.ArticlePath(nu))); err != nil {
		w.t.Fatal(err)
	}
	w.logf("git mv %s %s", old, nu)
	w.arts[nu] = w.arts[old]
	delete(w.arts, old)
	ids := w.ids[old]
	w.extract()
	if len(ids) > 0 && w.ids[nu] != nil && !w.n.exists(filepath.Join("locales", old)) {
		return
	}
	// Not recognised (the article changed too much since its last
	// extract): its catalogs stay as a deleted article's.
	if w.n.exists(filepath.Join("locales", old)) {
		w.gone[old] = nil
	}
}

// deleteOrRestore deletes an article, or brings a deleted one back.
func (w *workflow) deleteOrRestore() {
	var back []string
	for _, s := range w.slugs(w.gone) {
		if w.gone[s] != nil {
			back = append(back, s)
		}
	}
	if len(back) > 0 && (w.rng.Intn(2) == 0 || len(w.arts) < 2) {
		slug := w.pick(back)
		w.arts[slug] = w.gone[slug]
		delete(w.gone, slug)
		w.writeArticle(slug)
		w.logf("restore article %s", slug)
		return
	}
	if len(w.arts) < 2 {
		return
	}
	slug := w.pick(w.slugs(w.arts))
	if err := os.Remove(w.n.path(project.ArticlePath(slug))); err != nil {
		w.t.Fatal(err)
	}
	w.gone[slug] = w.arts[slug]
	delete(w.arts, slug)
	w.logf("delete article %s", slug)
}

// pseudo writes en-XA, or tries pseudo on a real locale, which must be
// refused when an article's catalog there holds a translation.
func (w *workflow) pseudo() {
	if w.rng.Intn(2) == 0 {
		if _, err := extract.Pseudo(w.n.p, project.Selection{}); err != nil {
			w.t.Fatalf("pseudo: %v", err)
		}
		w.logf("pseudo")
		return
	}
	loc := w.pick([]string{"uk", "ru", "en"})
	holds := loc == "en"
	for slug := range w.arts {
		if loc != "en" && w.n.exists(project.CatalogPath(slug, loc)) {
			f := w.n.catalog(slug, loc)
			for _, e := range append(f.Entries, f.Obsolete...) {
				holds = holds || e.Other != ""
			}
		}
	}
	if !holds {
		return
	}
	before := snapshotDir(w.t, w.n.p.Root)
	_, err := extract.Pseudo(w.n.p, project.Selection{Locales: []string{loc}})
	var ie *project.InputError
	if !errors.As(err, &ie) || snapshotDir(w.t, w.n.p.Root) != before {
		w.t.Errorf("pseudo --locale %s over translations: %v", loc, err)
	}
	w.logf("pseudo --locale %s: refused", loc)
}

// prune prunes some locales of some articles, and drops from the model
// exactly what was obsolete in the catalogs it prunes.
func (w *workflow) prune() {
	var sel project.Selection
	switch w.rng.Intn(4) {
	case 1:
		sel.Locales = []string{w.pick([]string{"uk", "ru"})}
	case 2:
		sel.Locales = []string{"en"}
	case 3:
		sel.Locales = []string{w.pick([]string{"uk", "ru"}), "en"}
	}
	all := w.slugs(w.arts)
	for _, slug := range w.slugs(w.gone) {
		if w.n.exists(filepath.Join("locales", slug)) {
			all = append(all, slug)
		}
	}
	if w.rng.Intn(3) == 0 {
		sel.Articles = []string{w.pick(all)}
	}
	targets := sel.Locales
	if len(targets) == 0 {
		targets = w.config
	}
	pruned := map[string]bool{} // the catalogs prune may drop from
	for _, loc := range targets {
		for _, slug := range all {
			if len(sel.Articles) == 0 || sel.Articles[0] == slug {
				pruned[project.CatalogPath(slug, loc)] = true
			}
		}
	}
	before, _ := w.scan()
	if _, err := extract.Prune(w.n.p, sel); err != nil {
		w.t.Fatalf("prune %+v: %v", sel, err)
	}
	w.logf("prune %+v", sel)
	after, _ := w.scan()
	// What prune dropped: it must have been in a catalog it prunes, and
	// obsolete there: an obsolete entry, or a live one whose unit is no
	// longer in the article (the catalog has no live entry of its id
	// now). A translation of a live unit is never dropped.
	drop := map[string]bool{}
	for tr, b := range before {
		if _, ok := after[tr]; ok {
			continue
		}
		switch {
		case !pruned[b.rel]:
			w.t.Errorf("prune %+v dropped %q from %s, which it was not given", sel, tr, b.rel)
		case !b.obsolete && w.n.exists(b.rel) && w.n.catalog(filepath.Base(filepath.Dir(b.rel)), strings.TrimSuffix(filepath.Base(b.rel), ".yaml")).Lookup(b.e.ID) != nil:
			w.t.Errorf("prune %+v dropped %q of the live unit %s from %s", sel, tr, b.e.ID, b.rel)
		}
		drop[tr] = true
	}
	for tr := range drop {
		delete(w.tr, tr)
	}
	for c, nt := range w.notes {
		if drop[nt.tr] && nt.tr != "" || nt.kind == fileComment && !w.n.exists(project.CatalogPath(nt.slug, nt.loc)) {
			delete(w.notes, c)
		}
	}
	for slug, ps := range w.gone {
		if ps == nil && !w.n.exists(filepath.Join("locales", slug)) {
			delete(w.gone, slug)
		}
	}
}

// changeLocales changes the project's locales in l10n.yaml: another
// order, another case, a repeated or dropped locale; or a variant name
// of uk, which every command refuses with nothing written.
func (w *workflow) changeLocales() {
	configs := [][]string{{"uk", "ru"}, {"ru", "uk"}, {"UK", "ru", "uk"}, {"uk"}, {"Uk", "RU"}}
	if w.rng.Intn(4) == 0 {
		bad := w.pick([]string{"uk-UA", "uk_ua", "UK-ua"})
		if !slices.ContainsFunc(w.slugs(w.arts), func(s string) bool { return w.n.exists(project.CatalogPath(s, "uk")) }) {
			return
		}
		before := snapshotDir(w.t, w.n.p.Root)
		w.n.write(project.ConfigFile, "locales: ["+bad+", ru]\n")
		p, err := project.Open(w.n.p.Root)
		if err != nil {
			w.t.Fatal(err)
		}
		if _, err := extract.Run(p, extract.Options{}); err == nil || snapshotDir(w.t, w.n.p.Root) != before {
			w.t.Errorf("extract with locales [%s, ru]: %v", bad, err)
		}
		if _, err := extract.Prune(w.n.p, project.Selection{Locales: []string{bad}}); err == nil || snapshotDir(w.t, w.n.p.Root) != before {
			w.t.Errorf("prune --locale %s: %v", bad, err)
		}
		w.logf("locales [%s, ru]: refused", bad)
		w.n.write(project.ConfigFile, "locales: ["+strings.Join(w.config, ", ")+"]\n")
		return
	}
	c := configs[w.rng.Intn(len(configs))]
	w.n.write(project.ConfigFile, "locales: ["+strings.Join(c, ", ")+"]\n")
	p, err := project.Open(w.n.p.Root)
	if err != nil {
		w.t.Fatal(err)
	}
	p.Warn = w.n.p.Warn
	w.n.p = p
	w.config = slices.Clone(p.Locales)
	w.logf("locales %v", c)
}

// exchange exports a locale as PO or XLIFF and imports it back: unedited
// (nothing changes), or with one translation replaced in the PO file.
func (w *workflow) exchange() {
	loc := w.pick(w.config)
	format := exchange.FormatPO
	if w.rng.Intn(3) == 0 {
		format = exchange.FormatXLIFF
	}
	data, err := exchange.Export(w.n.p, exchange.ExportOptions{Format: format, Locale: loc})
	if err != nil {
		w.t.Fatalf("export %s %s: %v", format, loc, err)
	}
	name := loc + format.Ext()
	if format == exchange.FormatXLIFF || w.rng.Intn(2) == 0 {
		// Unedited, perhaps after a comment was added to a catalog:
		// the check after the step finds every translation and
		// comment where it was.
		if w.rng.Intn(2) == 0 {
			w.comment()
		}
		if _, err := exchange.Import(w.n.p, exchange.ImportFile{Name: name, Data: data}); err != nil {
			w.t.Errorf("unedited import of %s: %v", name, err)
		}
		w.logf("export and import %s", name)
		return
	}
	f, err := po.Parse(data)
	if err != nil {
		w.t.Fatal(err)
	}
	var cands []*po.Message
	for _, m := range f.Messages {
		if m.Msgstr != "" && !m.Fuzzy() && w.tr[m.Msgstr].loc == loc && !strings.ContainsAny(m.Msgid, "0123456789") {
			cands = append(cands, m)
		}
	}
	if len(cands) == 0 {
		return
	}
	m := cands[w.rng.Intn(len(cands))]
	slug, id, _ := strings.Cut(m.Msgctxt, "/")
	old := m.Msgstr
	m.Msgstr = fmt.Sprintf("%s %d imported %s", strings.ToUpper(loc), w.next(), m.Msgid)
	res, err := exchange.Import(w.n.p, exchange.ImportFile{Name: name, Data: po.Encode(f)})
	if err != nil {
		w.t.Fatalf("import: %v", err)
	}
	for _, fd := range res.Findings {
		if fd.Severity == check.Error && fd.Unit == id {
			w.logf("import of %s %s refused: %s", slug, id, fd.Message)
			return
		}
	}
	desc := "Paragraph"
	if strings.HasPrefix(id, "h") {
		desc = "Heading"
	}
	w.replaced(old, m.Msgstr, made{loc: loc, hash: catalog.Hash(desc, m.Msgid), label: w.labelOf(slug, m.Msgid)})
	w.logf("import into %s/%s %s: %q", slug, loc, id, m.Msgstr)
}

// place is where a translation is.
type place struct {
	rel      string
	e        *catalog.Entry
	obsolete bool
}

// scan reads every uk and ru catalog: where each translation is, and each
// catalog's text. It reports a catalog of another locale, and a
// translation found twice.
func (w *workflow) scan() (map[string]place, map[string]string) {
	t := w.t
	t.Helper()
	found := map[string]place{}
	texts := map[string]string{}
	files, _ := filepath.Glob(filepath.Join(w.n.p.Root, "locales", "*", "*.yaml"))
	for _, path := range files {
		rel, _ := filepath.Rel(w.n.p.Root, path)
		loc := strings.TrimSuffix(filepath.Base(path), ".yaml")
		if loc != "uk" && loc != "ru" {
			if loc != "en" && loc != "en-XA" {
				t.Errorf("%s: a catalog of a locale never asked for", rel)
			}
			continue
		}
		texts[rel] = w.n.read(rel)
		f := readCatalog(t, path)
		for k, e := range append(slices.Clone(f.Entries), f.Obsolete...) {
			if e.Other == "" {
				continue
			}
			if p, dup := found[e.Other]; dup {
				t.Errorf("%q is in %s and in %s", e.Other, p.rel, rel)
			}
			found[e.Other] = place{rel: rel, e: e, obsolete: k >= len(f.Entries)}
		}
	}
	return found, texts
}

// check verifies the model against every catalog: strict after extract,
// when the catalogs are merged with the articles.
func (w *workflow) check(strict bool) {
	t := w.t
	t.Helper()
	found, texts := w.scan()
	for tr, p := range found {
		loc := strings.TrimSuffix(filepath.Base(p.rel), ".yaml")
		m, ok := w.tr[tr]
		switch {
		case !ok:
			t.Errorf("%s: %s holds %q, which nobody wrote (or prune should have dropped)", p.rel, p.e.ID, tr)
		case m.loc != loc:
			t.Errorf("%s: %s holds %q, written in %s", p.rel, p.e.ID, tr, m.loc)
		case p.e.Hash != "" && p.e.Hash != m.hash:
			t.Errorf("%s: %s: %q sits on the English of hash %s, not on the English it was made for (%s)", p.rel, p.e.ID, tr, p.e.Hash, m.hash)
		}
	}
	for tr, m := range w.tr {
		if _, ok := found[tr]; !ok {
			t.Errorf("the %s translation %q is lost", m.loc, tr)
		}
	}
	for c, nt := range w.notes {
		switch nt.kind {
		case ownComment:
			if p, ok := found[nt.tr]; ok && !slices.Contains(p.e.Comments, c) {
				t.Errorf("%s: comment %q left the entry of %q (%s)", p.rel, c, nt.tr, p.e.ID)
			}
		case sectionComment:
			if p, ok := found[nt.tr]; ok && !strings.Contains(texts[p.rel], c+"\n") {
				t.Errorf("%s: comment %q left the catalog of %q", p.rel, c, nt.tr)
			}
		case fileComment:
			if rel := project.CatalogPath(nt.slug, nt.loc); !strings.Contains(texts[rel], c+"\n") {
				t.Errorf("%s: comment %q is gone", rel, c)
			}
		}
	}
	if !strict {
		return
	}
	for slug := range w.arts {
		en := w.n.catalog(slug, "en")
		hash := map[string]string{}
		for _, e := range en.Entries {
			hash[e.ID] = catalog.Hash(e.Description, e.Other)
		}
		for _, loc := range w.config {
			f := w.n.catalog(slug, loc)
			missing := map[string]bool{}
			for _, e := range f.Entries {
				if e.Other == "" {
					missing[hash[e.ID]] = true
					continue
				}
				if e.Hash != hash[e.ID] {
					if m := w.tr[e.Other]; m.label != w.ids[slug][e.ID] {
						t.Errorf("%s/%s: %s: the stale %q, made for paragraph %d, sits on paragraph %d", slug, loc, e.ID, e.Other, m.label, w.ids[slug][e.ID])
					}
				}
			}
			// An obsolete translation is restored when its English
			// is back, or its paragraph (edited) is, on an entry
			// that has no translation.
			missingLabel := map[int]bool{}
			for _, e := range f.Entries {
				if e.Other == "" {
					missingLabel[w.ids[slug][e.ID]] = true
				}
			}
			for _, e := range f.Obsolete {
				if m := w.tr[e.Other]; e.Other != "" && (missing[e.Hash] || missingLabel[m.label]) {
					t.Errorf("%s/%s: the obsolete %q is made for a unit that is back and missing", slug, loc, e.Other)
				}
			}
		}
	}
}
