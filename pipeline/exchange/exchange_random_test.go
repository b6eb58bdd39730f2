package exchange

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/l10n-dev/l10n/internal/corpus"
	"github.com/l10n-dev/l10n/internal/stage"
	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/check"
	"github.com/l10n-dev/l10n/pipeline/extract"
	"github.com/l10n-dev/l10n/pipeline/po"
	"github.com/l10n-dev/l10n/pipeline/project"
	"github.com/l10n-dev/l10n/pipeline/xliff"
)

// rwUnits are the seed's units the randomized test edits: plain text
// (no inline Markdown), so that a translation is the same string in the
// catalog, a PO msgstr and an XLIFF target.
var rwUnits = []string{"h1-ngo-indifference-to", exDateID, exTiedID, exOrigID}

// rwState is what one side (the catalog, an export's base, or a file)
// has for a unit: its translation, whether it is to review (stale,
// fuzzy), and its translator comments as exchange files hold them.
type rwState struct {
	text     string
	review   bool
	comments []string
}

func (s rwState) String() string {
	return fmt.Sprintf("%q review=%v comments=%q", s.text, s.review, s.comments)
}

// rwFile is an export out with a translator: its base (the catalog when
// it was made), the parsed file the translator edits, and the model of
// the translator's edits.
type rwFile struct {
	name   string
	format Format
	base   map[string]rwState
	now    map[string]rwState
	po     *po.File
	xliff  *xliff.Document
}

// rwWorld is one randomized sequence on a copy of the seed.
type rwWorld struct {
	t     *testing.T
	p     *project.Project
	rng   *rand.Rand
	files []*rwFile
	n     int // edits made, for unique texts
	log   []string
	seed  map[string]rwState // the catalog before the first step
	a     *project.Article
}

// rwWord returns a Cyrillic word unique to n.
func rwWord(n int) string {
	const letters = "абвгдежзик"
	s := ""
	for {
		s = string([]rune(letters)[n%10]) + s
		n /= 10
		if n == 0 {
			return s
		}
	}
}

// article returns the article, which the sequence never changes.
func (w *rwWorld) article() *project.Article {
	w.t.Helper()
	if w.a == nil {
		a, err := w.p.LoadArticle(seedSlug)
		if err != nil {
			w.t.Fatal(err)
		}
		w.a = a
	}
	return w.a
}

// catalog reads the seed's uk catalog as the model sees it.
func (w *rwWorld) catalog() map[string]rwState {
	w.t.Helper()
	a := w.article()
	f, _, err := w.p.ReadCatalog(project.CatalogPath(seedSlug, "uk"))
	if err != nil {
		w.t.Fatal(err)
	}
	out := map[string]rwState{}
	for i := range a.Doc.Units {
		e := f.Lookup(a.ID(i))
		if e == nil {
			w.t.Fatalf("no entry %s", a.ID(i))
		}
		out[a.ID(i)] = rwState{text: e.Other, review: project.StateOf(e, a.Hash(i)) == project.Stale, comments: commentTexts(e.Comments)}
	}
	return out
}

// editCatalog changes the catalog as an editor would.
func (w *rwWorld) editCatalog(id string, edit func(e *catalog.Entry)) {
	w.t.Helper()
	a := w.article()
	f, snap, err := w.p.TargetFile(a, "uk")
	if err != nil {
		w.t.Fatal(err)
	}
	for _, e := range f.Entries {
		if e.ID == id {
			edit(e)
		}
	}
	gl, _ := w.p.ReadGlossary()
	wr := stage.File{Rel: project.CatalogPath(seedSlug, "uk"), Data: f.Encode(project.TargetHeader(seedSlug, "uk"), a.SourceNotes("uk", gl)), Snap: snap}
	if _, err := stage.Files(w.p.Root, []stage.File{wr}); err != nil {
		w.t.Fatal(err)
	}
}

// text returns a new translation of a unit: the seed's with a unique
// edit.
func (w *rwWorld) text(id string) string {
	w.n++
	if w.seed == nil {
		w.seed = w.catalog()
	}
	return w.seed[id].text + " — правка " + rwWord(w.n)
}

func (w *rwWorld) step() {
	w.t.Helper()
	id := rwUnits[w.rng.IntN(len(rwUnits))]
	switch r := w.rng.IntN(100); {
	case r < 18 || len(w.files) == 0:
		w.export()
	case r < 40:
		w.importFile(w.files[w.rng.IntN(len(w.files))])
	case r < 55:
		// The desk edits a translation (sometimes to what a file
		// out has, as if both made the same correction).
		text := w.text(id)
		if f := w.files[w.rng.IntN(len(w.files))]; w.rng.IntN(4) == 0 && f.now[id].text != "" {
			text = f.now[id].text
		}
		w.log = append(w.log, fmt.Sprintf("catalog %s = %q", id, text))
		w.editCatalog(id, func(e *catalog.Entry) { e.Other = text })
	case r < 62:
		// The desk adds a comment, or deletes one (a conflict
		// resolved).
		w.n++
		c := "# примітка " + rwWord(w.n)
		w.log = append(w.log, fmt.Sprintf("catalog %s comment", id))
		w.editCatalog(id, func(e *catalog.Entry) {
			if len(e.Comments) > 0 && w.rng.IntN(2) == 0 {
				e.Comments = slices.Delete(e.Comments, 0, 1)
				return
			}
			e.Comments = append(e.Comments, c)
		})
	default:
		w.editFile(w.files[w.rng.IntN(len(w.files))], id)
	}
}

// export makes an export and records its base.
func (w *rwWorld) export() {
	w.t.Helper()
	f := &rwFile{format: exchangeFormats[w.rng.IntN(2)], base: w.catalog(), now: map[string]rwState{}}
	f.name = fmt.Sprintf("uk-%d%s", len(w.files), f.format.Ext())
	for id, s := range f.base {
		f.now[id] = s
	}
	data := exExport(w.t, w.p, f.format, "uk")
	var err error
	if f.format == FormatPO {
		f.po, err = po.Parse(data)
	} else {
		f.xliff, err = xliff.Decode(data)
	}
	if err != nil {
		w.t.Fatal(err)
	}
	w.log = append(w.log, "export "+f.name)
	w.files = append(w.files, f)
}

// editFile makes a translator's edit to a unit of a file: a new text
// (sometimes the catalog's current one), the text cleared, the fuzzy
// flag or state toggled, a comment added or deleted.
func (w *rwWorld) editFile(f *rwFile, id string) {
	w.t.Helper()
	s := f.now[id]
	s.comments = slices.Clone(s.comments)
	what := ""
	switch r := w.rng.IntN(10); {
	case r < 5:
		s.text, what = w.text(id), "text"
		if w.rng.IntN(4) == 0 {
			s.text, what = w.catalog()[id].text, "text as the catalog's"
		}
	case r < 6:
		s.text, what = "", "cleared"
	case r < 7:
		s.review, what = !s.review, "review toggled"
	case r < 9:
		w.n++
		s.comments, what = append(s.comments, "примітка перекладача "+rwWord(w.n)), "comment added"
	default:
		if len(s.comments) > 0 {
			s.comments, what = s.comments[1:], "comment deleted"
		}
	}
	w.log = append(w.log, fmt.Sprintf("%s %s: %s -> %s", f.name, id, what, s))
	f.now[id] = s
	if f.format == FormatPO {
		for _, m := range f.po.Messages {
			if strings.HasSuffix(m.Msgctxt, "/"+id) {
				m.Msgstr, m.Comments, m.Flags = s.text, s.comments, nil
				if s.review {
					m.Flags = []string{"fuzzy"}
				}
			}
		}
		return
	}
	for _, u := range f.xliff.Files[0].Units {
		if u.ID != id {
			continue
		}
		u.Target, u.State = xliff.Content{{Kind: xliff.Text, Text: s.text}}, xliff.StateTranslated
		if s.text == "" {
			u.Target = nil
		}
		if s.review {
			u.State = xliff.StateNeedsReview
		}
		notes := u.Notes[:0:0]
		for _, n := range u.Notes {
			if n.From != "translator" {
				notes = append(notes, n)
			}
		}
		for _, c := range s.comments {
			notes = append(notes, xliff.Note{From: "translator", Text: c})
		}
		u.Notes = notes
	}
}

// importFile imports a file and checks every unit against the
// three-way rule, as the model computes it.
func (w *rwWorld) importFile(f *rwFile) {
	w.t.Helper()
	var data []byte
	if f.format == FormatPO {
		data = po.Encode(f.po)
	} else {
		data = xliff.Encode(f.xliff)
	}
	before := w.catalog()
	if w.rng.IntN(8) == 0 {
		tree := corpus.Files(w.t, w.p.Root)
		if _, err := ValidateImport(w.p, ImportFile{Name: f.name, Data: data}); err != nil {
			w.t.Fatal(err)
		}
		exSameTree(w.t, "dry run", tree, corpus.Files(w.t, w.p.Root))
	}
	res, err := Import(w.p, ImportFile{Name: f.name, Data: data})
	if err != nil {
		w.t.Fatalf("%v\n%s", err, strings.Join(w.log, "\n"))
	}
	w.log = append(w.log, "import "+f.name)
	after := w.catalog()
	outcomes := map[string]ImportOutcome{}
	for _, o := range res.Outcomes {
		outcomes[o.Unit] = o
	}
	conflicted := map[string]bool{}
	for _, fd := range res.Findings {
		if fd.Severity == check.Error {
			if !strings.HasPrefix(fd.Message, "conflict:") {
				w.t.Errorf("%s not imported: %s", fd.Unit, fd.Message)
			}
			conflicted[fd.Unit] = true
		}
	}
	for id, c := range before {
		b, fl, a := f.base[id], f.now[id], after[id]
		want, outcome := rwExpect(b, fl, c)
		comments := rwExpectComments(f.format, b.comments, fl.comments, c.comments)
		if outcome == OutcomeConflict {
			if cc := commentText(project.ConflictComment(f.name, fl.text)); !slices.Contains(comments, cc) {
				comments = append(comments, cc)
			}
		}
		want.comments = comments
		if a.text != want.text || a.review != want.review || !slices.Equal(a.comments, want.comments) ||
			outcomes[id].Outcome != outcome || conflicted[id] != (outcome == OutcomeConflict) {
			w.t.Fatalf("%s: base %s\nfile %s\ncatalog %s\ngot %s (%s, conflict reported: %v)\nwant %s (%s)\nsteps:\n%s",
				id, b, fl, c, a, outcomes[id].Outcome, conflicted[id], want, outcome, strings.Join(w.log, "\n"))
		}
	}
}

// rwExpect returns what the catalog must hold for a unit after an
// import, and the outcome, from the unit's base, the file's and the
// catalog's: the three-way rule of the README, computed from the model.
func rwExpect(base, file, cat rwState) (rwState, string) {
	fileChanged := file.text != base.text || file.review != base.review
	catChanged := cat.text != base.text || cat.review != base.review
	switch {
	case file.text == "":
		if cat.text == "" {
			return cat, OutcomeUnchanged
		}
		return cat, OutcomeEmpty
	case !fileChanged && !catChanged:
		return cat, OutcomeUnchanged
	case !fileChanged:
		return cat, OutcomeKept
	case !catChanged:
		return rwState{text: file.text, review: file.review}, OutcomeTaken
	case file.text == base.text:
		return cat, OutcomeKept // only the file's state changed
	case file.text == cat.text:
		return cat, OutcomeSame
	}
	return cat, OutcomeConflict
}

// rwExpectComments returns the comments a unit must have after an import
// (before any conflict comment): the file's when only the file changed
// them, the catalog's when only the catalog did, and when both did the
// catalog's followed by the file's lines it lacks. An XLIFF unit without
// translator notes says nothing about comments.
func rwExpectComments(f Format, base, file, cat []string) []string {
	switch {
	case f == FormatXLIFF && len(file) == 0, slices.Equal(file, cat), slices.Equal(file, base):
		return cat
	case slices.Equal(cat, base):
		return file
	}
	out := slices.Clone(cat)
	for _, c := range file {
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// TestImportNeverLosesAnEdit plays hundreds of random sequences of desk
// edits to the catalog (translations, comments), exports in both
// formats, translators' edits to the files out (translations, clearing,
// fuzzy, comments) and imports of any file out, in any order and more
// than once. After every import, each unit holds what the three-way rule
// says: no edit by either side is lost unless a conflict names the unit
// and keeps the file's text beside the catalog's.
// L10N_RANDOM_SEED=N go test ./pipeline -run NeverLoses replays sequence
// N alone.
func TestImportNeverLosesAnEdit(t *testing.T) {
	t.Parallel()
	seeds := 150
	if testing.Short() {
		seeds = 20
	}
	first := 1
	if s := os.Getenv("L10N_RANDOM_SEED"); s != "" {
		fmt.Sscan(s, &first)
		seeds = 1
	}
	proto := exSeed(t)
	// The seed cut to its first and last paragraphs (7 units), without
	// the glossary: the edits are what is tested, and each step reads
	// and writes the catalogs.
	os.Remove(filepath.Join(proto.Root, project.GlossaryFile))
	art := filepath.Join(proto.Root, project.ArticlePath(seedSlug))
	src, err := os.ReadFile(art)
	if err != nil {
		t.Fatal(err)
	}
	head, _, _ := strings.Cut(string(src), "In recent years")
	_, tail, _ := strings.Cut(string(src), "*The views expressed")
	if err := os.WriteFile(art, []byte(head+"*The views expressed"+tail), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := extract.Run(proto, extract.Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := extract.Prune(proto, project.Selection{}); err != nil {
		t.Fatal(err)
	}
	tree := corpus.Files(t, proto.Root)
	imports := 0
	dir := t.TempDir()
	for seed := first; seed < first+seeds; seed++ {
		for rel, data := range tree {
			os.MkdirAll(filepath.Dir(filepath.Join(dir, rel)), 0o755)
			if err := os.WriteFile(filepath.Join(dir, rel), []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		p, err := project.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		w := &rwWorld{t: t, p: p, rng: rand.New(rand.NewPCG(uint64(seed), 18))}
		for range 14 {
			w.step()
		}
		for _, f := range w.files {
			w.importFile(f)
		}
		for _, l := range w.log {
			if strings.HasPrefix(l, "import ") {
				imports++
			}
		}
		if t.Failed() {
			t.Fatalf("seed %d (L10N_RANDOM_SEED=%d replays it)", seed, seed)
		}
	}
	t.Logf("%d sequences, %d imports", seeds, imports)
}
