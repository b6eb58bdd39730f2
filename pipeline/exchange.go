package pipeline

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/l10n-dev/l10n/internal/fileerr"
	"github.com/l10n-dev/l10n/internal/stage"
	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/check"
	"github.com/l10n-dev/l10n/pipeline/po"
	"github.com/l10n-dev/l10n/pipeline/segment"
	"github.com/l10n-dev/l10n/pipeline/xliff"
)

// Format is a file format CAT tools read: XLIFF 1.2 or gettext PO.
type Format string

// Exchange formats.
const (
	FormatXLIFF Format = "xliff"
	FormatPO    Format = "po"
)

// ParseFormat checks a format name: xliff (or xlf) or po.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(s) {
	case "xliff", "xlf":
		return FormatXLIFF, nil
	case "po":
		return FormatPO, nil
	}
	return "", fmt.Errorf("unknown format %q (want xliff or po)", s)
}

// Ext returns the file extension of the format: ".xlf" or ".po".
func (f Format) Ext() string {
	if f == FormatPO {
		return ".po"
	}
	return ".xlf"
}

// ExportOptions selects what Export writes.
type ExportOptions struct {
	// Format is FormatXLIFF or FormatPO.
	Format Format
	// Locale is the one target locale of the file; "" means the
	// project's target locale when it has exactly one.
	Locale   string
	Articles []string // slugs; all when empty
	// Date is the export time written in a PO header; the current time
	// when zero.
	Date time.Time
}

// ExportLocales returns the locales an export writes, one file each: the
// ones asked for, or the project's target locales.
func (p *Project) ExportLocales(want []string) ([]string, error) {
	locales, err := p.locales(want)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, l := range locales {
		if l == p.Source {
			return nil, &InputError{Err: fmt.Errorf("%s is the source locale: export a target locale", l)}
		}
		out = append(out, l)
	}
	if len(out) == 0 {
		return nil, &InputError{Err: errors.New("no target locale to export")}
	}
	return out, nil
}

// exportable checks that a locale is one of the project's, or that one
// of the articles has a catalog for it: a file for a locale that import
// would refuse (a typo such as "ua") is no use to a translator.
func (p *Project) exportable(loc string, slugs []string) error {
	for _, l := range p.Locales {
		if l == loc {
			return nil
		}
	}
	for _, slug := range slugs {
		if snap, err := stage.Read(p.abs(CatalogPath(slug, loc))); err == nil && snap.Exists {
			return nil
		}
	}
	return &InputError{Err: fmt.Errorf("locale %s is not one of the project's (%s) and no article has a catalog for it (add it to %s, or run l10n extract --locale %s first)",
		loc, strings.Join(p.Locales, ", "), ConfigFile, loc)}
}

// exportUnit is one unit as exported: its article, index and catalog
// entry (merged with the current article as extract would).
type exportUnit struct {
	a     *article
	i     int
	e     *catalog.Entry
	state State
	hints []string // glossary hints
}

// Export writes the selected articles' units for one locale as an XLIFF
// 1.2 document (one <file> per article) or a PO file, for a translator's
// CAT tool. The units are the article's current ones, merged with the
// locale's catalog as extract would merge them; nothing is written to the
// project. Import reads the file back.
func (p *Project) Export(opts ExportOptions) ([]byte, error) {
	if opts.Format != FormatXLIFF && opts.Format != FormatPO {
		return nil, &InputError{Err: fmt.Errorf("unknown format %q (want xliff or po)", opts.Format)}
	}
	loc := opts.Locale
	if loc == "" {
		if len(p.Locales) != 1 {
			return nil, &InputError{Err: fmt.Errorf("an export holds one locale: name one of %s", strings.Join(p.Locales, ", "))}
		}
		loc = p.Locales[0]
	}
	if _, err := p.ExportLocales([]string{loc}); err != nil {
		return nil, err
	}
	all, err := p.Articles()
	if err != nil {
		return nil, err
	}
	slugs, err := selectArticles(all, opts.Articles)
	if err != nil {
		return nil, err
	}
	if err := p.exportable(loc, slugs); err != nil {
		return nil, err
	}
	gl, err := p.readGlossary()
	if err != nil {
		return nil, err
	}
	var units [][]exportUnit
	for n, slug := range slugs {
		a, err := p.loadArticle(slug)
		if err != nil {
			return nil, err
		}
		f, _, err := p.targetFile(a, loc)
		if err != nil {
			return nil, err
		}
		hints := glossaryHints(gl, a, loc)
		var us []exportUnit
		for i := range a.doc.Units {
			// targetFile gives one entry per unit, in unit order.
			e := f.Entries[i]
			us = append(us, exportUnit{a: a, i: i, e: e, state: stateOf(e, a.hash(i)), hints: hints[i]})
		}
		units = append(units, us)
		if p.Progress != nil {
			p.Progress(n+1, len(slugs))
		}
	}
	total := 0
	for _, us := range units {
		total += len(us)
	}
	if total == 0 {
		return nil, &InputError{Err: errors.New("nothing to export: the articles have no text to translate")}
	}
	if opts.Format == FormatPO {
		date := opts.Date
		if date.IsZero() {
			date = time.Now()
		}
		return po.Encode(p.exportPO(loc, slugs, units, date)), nil
	}
	return xliff.Encode(p.exportXLIFF(loc, units)), nil
}

// articleFile is an article's path with forward slashes, as exchange
// files name it.
func articleFile(slug string) string { return path.Join("articles", slug+".md") }

// unitContext returns the notes that tell a translator what a unit is.
func unitContext(u *segment.Unit) []string {
	var notes []string
	switch {
	case u.FrontMatter():
		notes = append(notes, fmt.Sprintf("Front-matter %s: plain text, not Markdown.", u.Kind))
	case u.Kind == segment.Heading:
		notes = append(notes, fmt.Sprintf("Heading, level %d.", u.Level))
	case u.Kind == segment.Cell:
		notes = append(notes, "Table cell.")
	default:
		notes = append(notes, "Paragraph.")
	}
	if u.Merged() {
		notes = append(notes, "The source splits this sentence across two paragraphs; translate it as one.")
	}
	return notes
}

// commentText is a catalog comment ("# text") as exchange files hold it.
func commentText(c string) string {
	return strings.TrimPrefix(strings.TrimPrefix(c, "#"), " ")
}

// catalogComments turns exchange-file comments back into catalog ones.
func catalogComments(texts []string) []string {
	var out []string
	for _, t := range texts {
		if t == "" {
			out = append(out, "#")
			continue
		}
		out = append(out, "# "+t)
	}
	return out
}

// sameComments reports whether an exchange file's comments are what the
// catalog's comments export to.
func sameComments(catalogC, texts []string) bool {
	if len(catalogC) != len(texts) {
		return false
	}
	for i := range texts {
		if commentText(catalogC[i]) != texts[i] {
			return false
		}
	}
	return true
}

// localeName returns "Ukrainian" for uk, or the locale itself.
func localeName(loc string) string {
	if t, err := language.Parse(loc); err == nil {
		if n := display.English.Tags().Name(t); n != "" {
			return n
		}
	}
	return loc
}

func (p *Project) exportXLIFF(loc string, units [][]exportUnit) *xliff.Document {
	doc := &xliff.Document{}
	for _, us := range units {
		if len(us) == 0 {
			continue
		}
		a := us[0].a
		f := &xliff.File{
			Original:       articleFile(a.slug),
			SourceLanguage: p.Source,
			TargetLanguage: loc,
			Datatype:       "x-markdown",
			Notes: []string{fmt.Sprintf("%s translation of %s, exported by l10n. Import it back with `l10n import FILE`; keep the trans-unit ids and the l10n:base notes.",
				localeName(loc), articleFile(a.slug))},
		}
		for _, x := range us {
			u := &a.doc.Units[x.i]
			src := unitContent(a.doc, u, exchangeText(u, u.Text))
			xu := &xliff.Unit{ID: a.id(x.i), Source: src, HasTarget: true, SourceFile: articleFile(a.slug), SourceLine: u.Line}
			if u.FrontMatter() {
				xu.Datatype = "plaintext"
			}
			for _, n := range append(unitContext(u), x.hints...) {
				xu.Notes = append(xu.Notes, xliff.Note{From: "l10n", Text: n})
			}
			switch x.state {
			case Missing:
				xu.State = xliff.StateNeedsTranslation
			case Stale:
				xu.State = xliff.StateNeedsReview
				xu.Target = xliff.Align(unitContent(a.doc, u, exchangeText(u, x.e.Other)), src)
				note := "The English source changed since this was translated: review the translation."
				if x.e.Previous != "" {
					note += " Previous source: " + exchangeText(u, x.e.Previous)
				}
				xu.Notes = append(xu.Notes, xliff.Note{From: "l10n", Annotates: "source", Text: note})
			default:
				// approved: translated from the current source, done;
				// Translate Toolkit and Weblate read a translation
				// without it as one to review.
				xu.State, xu.Approved = xliff.StateTranslated, "yes"
				xu.Target = xliff.Align(unitContent(a.doc, u, exchangeText(u, x.e.Other)), src)
			}
			xu.Notes = append(xu.Notes, xliff.Note{From: "l10n", Text: baseOf(x).String()})
			for _, c := range x.e.Comments {
				xu.Notes = append(xu.Notes, xliff.Note{From: "translator", Text: commentText(c)})
			}
			f.Units = append(f.Units, xu)
		}
		doc.Files = append(doc.Files, f)
	}
	return doc
}

// exchangeText returns a text of a unit (its source, a translation or a
// previous source) as exchange files hold it: a front-matter field
// without the line break a YAML block scalar ends with, which gettext
// would otherwise require of every translation ("msgid and msgstr do not
// both end with \n"). Build trims front-matter fields anyway.
func exchangeText(u *segment.Unit, text string) string {
	if u.FrontMatter() {
		return strings.TrimSpace(text)
	}
	return text
}

// unitContent returns a text of a unit (its source or a translation) as
// XLIFF content: Markdown with inline codes, or plain text for a
// front-matter field.
func unitContent(d *segment.Doc, u *segment.Unit, text string) xliff.Content {
	if u.FrontMatter() {
		return xliff.FromPlain(text)
	}
	return xliff.FromMarkdown(d, text)
}

// pluralForms returns the gettext Plural-Forms of a locale's language, or
// "" for a language l10n does not know the rule of.
func pluralForms(loc string) string {
	base, conf := language.Make(loc).Base()
	if conf != language.Exact {
		return ""
	}
	switch base.String() {
	case "uk", "ru", "be", "sr", "hr", "bs":
		return "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
	case "pl":
		return "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
	case "cs", "sk":
		return "nplurals=3; plural=(n==1 ? 0 : n>=2 && n<=4 ? 1 : 2);"
	case "fr":
		return "nplurals=2; plural=(n > 1);"
	case "ja", "zh", "ko", "vi", "th", "id":
		return "nplurals=1; plural=0;"
	case "en", "de", "nl", "sv", "da", "nb", "nn", "no", "fi", "et", "it", "es", "pt", "el", "hu", "bg", "ka", "tr", "he", "az", "kk":
		return "nplurals=2; plural=(n != 1);"
	}
	return ""
}

func (p *Project) exportPO(loc string, slugs []string, units [][]exportUnit, date time.Time) *po.File {
	what := articleFile(slugs[0])
	if len(slugs) > 1 {
		what = fmt.Sprintf("%d articles", len(slugs))
	}
	stamp := date.Format("2006-01-02 15:04-0700")
	project := filepath.Base(p.Root)
	if abs, err := filepath.Abs(p.Root); err == nil {
		project = filepath.Base(abs)
	}
	f := &po.File{
		Comments: []string{
			fmt.Sprintf("%s translation of %s, exported by `l10n export`.", localeName(loc), what),
			"Import it back with `l10n import FILE`. msgctxt is <article>/<unit id>: keep it as it is.",
			"Keep the Markdown links, emphasis and code spans; translate only the text around and inside them.",
			"Keep the l10n:base lines: they tell import what the catalog held, so that edits made there meanwhile are kept.",
		},
		Header: []po.Field{
			{Name: "Project-Id-Version", Value: project},
			{Name: "POT-Creation-Date", Value: stamp},
			{Name: "PO-Revision-Date", Value: stamp},
			{Name: "Last-Translator", Value: ""},
			{Name: "Language-Team", Value: localeName(loc)},
			{Name: "Language", Value: strings.ReplaceAll(loc, "-", "_")},
			{Name: "MIME-Version", Value: "1.0"},
			{Name: "Content-Type", Value: "text/plain; charset=UTF-8"},
			{Name: "Content-Transfer-Encoding", Value: "8bit"},
		},
	}
	if pf := pluralForms(loc); pf != "" {
		f.Header = append(f.Header, po.Field{Name: "Plural-Forms", Value: pf})
	}
	f.Header = append(f.Header, po.Field{Name: "X-Generator", Value: "l10n"})
	for _, us := range units {
		for _, x := range us {
			a := x.a
			u := &a.doc.Units[x.i]
			m := &po.Message{
				Msgctxt:    a.slug + "/" + a.id(x.i),
				HasMsgctxt: true,
				Msgid:      exchangeText(u, u.Text),
				Extracted:  append(append(unitContext(u), x.hints...), baseOf(x).String()),
				References: []string{articleFile(a.slug) + ":" + strconv.Itoa(u.Line)},
			}
			for _, c := range x.e.Comments {
				m.Comments = append(m.Comments, commentText(c))
			}
			switch x.state {
			case Stale:
				m.Msgstr = exchangeText(u, x.e.Other)
				m.Flags = []string{"fuzzy"}
				if x.e.Previous != "" {
					m.PrevMsgid, m.HasPrevMsgid = exchangeText(u, x.e.Previous), true
				}
			case Translated:
				m.Msgstr = exchangeText(u, x.e.Other)
			}
			f.Messages = append(f.Messages, m)
		}
	}
	return f
}

// ImportFile is an exchange file to import: its name, for messages and
// to tell the format by its extension, and its content.
type ImportFile struct {
	Name string // as the user gave it; messages name the file so
	Data []byte
}

// Severities of import findings.
const (
	SeverityError   = "error"   // the unit was not imported
	SeverityWarning = "warning" // imported; worth a look
)

// ImportFinding is a problem with one unit of an imported file.
type ImportFinding struct {
	File     string `json:"file"`     // the exchange file, as named in ImportFile
	Line     int    `json:"line"`     // the unit's line in it
	Article  string `json:"article"`  // the article's slug
	Locale   string `json:"locale"`   // the catalog's locale
	Unit     string `json:"unit"`     // the unit id
	Severity string `json:"severity"` // SeverityError or SeverityWarning
	Message  string `json:"message"`
}

// String formats a finding as one line: file:line: severity: article/unit
// (locale): message.
func (f ImportFinding) String() string {
	return fmt.Sprintf("%s:%d: %s: %s/%s (%s): %s", f.File, f.Line, f.Severity, f.Article, f.Unit, f.Locale, f.Message)
}

// ImportResult says what an import did, or would do.
type ImportResult struct {
	Units int `json:"units"` // units read from the files
	// Units by outcome (see ImportOutcome): taken, kept, same, conflict,
	// unchanged, empty and failed.
	Taken       int `json:"taken"`
	Kept        int `json:"kept"`
	Same        int `json:"same"`
	Conflicts   int `json:"conflict"`
	Unchanged   int `json:"unchanged"`
	Empty       int `json:"empty"`
	NotImported int `json:"failed"`
	// Updated counts the catalog entries changed (a translation taken,
	// comments taken or merged, a conflict comment added); Stale those
	// of them that are stale (fuzzy, or the source changed since the
	// export).
	Updated int `json:"updated"`
	Stale   int `json:"stale"`
	// Outcomes say what happens to each unit, in file order.
	Outcomes []ImportOutcome `json:"outcomes"`
	// Findings are the units not imported or in conflict (errors) and
	// those worth a look (warnings), in file order.
	Findings []ImportFinding `json:"findings"`
	// Written are the catalogs written, relative to the root.
	Written []string `json:"written"`
}

// count adds an outcome to the result.
func (r *ImportResult) count(o ImportOutcome) {
	r.Outcomes = append(r.Outcomes, o)
	switch o.Outcome {
	case OutcomeTaken:
		r.Taken++
	case OutcomeKept:
		r.Kept++
	case OutcomeSame:
		r.Same++
	case OutcomeConflict:
		r.Conflicts++
	case OutcomeUnchanged:
		r.Unchanged++
	case OutcomeEmpty:
		r.Empty++
	case OutcomeFailed:
		r.NotImported++
	}
}

// Failed reports whether a unit was not imported.
func (r *ImportResult) Failed() bool {
	for _, f := range r.Findings {
		if f.Severity == SeverityError {
			return true
		}
	}
	return false
}

// incoming is one unit of an exchange file, whatever its format.
type incoming struct {
	file string
	line int
	// articleLine is where the file names the article: the <file>
	// element of an XLIFF unit, the entry of a PO unit.
	articleLine int
	// localeLine is where the file names the target language: the
	// <file> element, or the PO header.
	localeLine int
	slug       string
	locale     string
	id         string
	// source is the English text the file was exported with; for XLIFF
	// the Markdown of xsource, whose codes may have lost characters XML
	// cannot hold.
	source string
	// target is a PO translation; XLIFF's is xtarget, resolved against
	// the article.
	target    string
	hasTarget bool
	isXLIFF   bool
	xsource   xliff.Content
	xtarget   xliff.Content
	// review marks a translation to review: fuzzy, needs-review-*, or a
	// target whose state says it is not translated yet (untranslated).
	review       bool
	untranslated bool
	// previous is the "#|" source of a fuzzy PO entry.
	previous string
	// comments are the translator's comments in the file; hasComments
	// says whether the file speaks for them (PO always does; XLIFF only
	// when it has translator notes, since CAT tools may drop notes).
	comments    []string
	hasComments bool
	// base is what the catalog held when the file was exported; nil
	// for a file without l10n:base lines (made by another tool, or
	// passed through one that drops them).
	base *exchangeBase
}

// Import reads exchange files (XLIFF 1.2 or PO, as Export writes them and
// CAT tools save them) and writes their translations into the catalogs.
// Every file is read and checked before anything is written: a malformed
// file, an unknown article, locale or unit id, or a unit given twice is
// an *InputError naming the file and line, and nothing is written. A
// translation whose markup (links, images, code spans, raw HTML) differs
// from its source is not imported and is reported as an error finding;
// the other units are imported. An empty translation leaves the catalog's
// as it is. A unit whose English source changed since the export keeps
// the imported translation as stale, with the source it was made from as
// its previous text. A catalog is written only if an entry in it changed.
//
// Units that carry their base (the l10n:base line Export writes) merge
// three ways: a unit the file did not change keeps the catalog's text
// even if the catalog changed since the export; one both changed
// differently is a conflict, an error finding, and the catalog keeps its
// text with the file's beside it in a "# l10n:conflict" comment.
// Translator comments merge likewise. ImportResult.Outcomes says what
// happened to each unit.
func (p *Project) Import(files ...ImportFile) (*ImportResult, error) {
	return p.importFiles(files, true)
}

// ValidateImport is Import without writing: it reads and checks the
// files and says what Import would do.
func (p *Project) ValidateImport(files ...ImportFile) (*ImportResult, error) {
	return p.importFiles(files, false)
}

func (p *Project) importFiles(files []ImportFile, commit bool) (*ImportResult, error) {
	var all []*incoming
	for _, f := range files {
		ins, err := p.readExchange(f)
		if err != nil {
			return nil, err
		}
		all = append(all, ins...)
	}
	slugs, err := p.Articles()
	if err != nil {
		return nil, err
	}
	known := map[string]bool{}
	for _, s := range slugs {
		known[s] = true
	}
	type group struct {
		a   *article
		loc string
		ins []*incoming
		idx []int
	}
	articles := map[string]*article{}
	unitIndex := map[string]map[string]int{} // slug -> unit id -> index
	locales := map[[2]string]string{}        // slug and the file's locale -> catalog locale
	groups := map[string]*group{}
	var order []string
	seen := map[string]*incoming{}
	for _, in := range all {
		if !known[in.slug] {
			return nil, &InputError{File: in.file, Line: in.articleLine, Err: fmt.Errorf("unknown article %q: there is no %s", in.slug, articleFile(in.slug))}
		}
		a := articles[in.slug]
		if a == nil {
			if a, err = p.loadArticle(in.slug); err != nil {
				return nil, err
			}
			articles[in.slug] = a
			unitIndex[in.slug] = map[string]int{}
			for i := range a.doc.Units {
				unitIndex[in.slug][a.id(i)] = i
			}
		}
		loc, ok := locales[[2]string{in.slug, in.locale}]
		if !ok {
			if loc, err = p.importLocale(in.slug, in.locale); err != nil {
				return nil, &InputError{File: in.file, Line: in.localeLine, Err: err}
			}
			locales[[2]string{in.slug, in.locale}] = loc
		}
		i, ok := unitIndex[in.slug][in.id]
		if !ok {
			return nil, &InputError{File: in.file, Line: in.line, Err: fmt.Errorf("unknown unit %q: %s has no such unit (was the file exported from another version of the article?)", in.id, articleFile(in.slug))}
		}
		key := in.slug + "\x00" + loc + "\x00" + in.id
		if first := seen[key]; first != nil {
			return nil, &InputError{File: in.file, Line: in.line, Err: fmt.Errorf("unit %s/%s (%s) is also at %s:%d", in.slug, in.id, loc, first.file, first.line)}
		}
		seen[key] = in
		gk := in.slug + "\x00" + loc
		g := groups[gk]
		if g == nil {
			g = &group{a: a, loc: loc}
			groups[gk] = g
			order = append(order, gk)
		}
		g.ins = append(g.ins, in)
		g.idx = append(g.idx, i)
	}
	res := &ImportResult{Units: len(all), Outcomes: []ImportOutcome{}, Findings: []ImportFinding{}, Written: []string{}}
	gl, err := p.readGlossary()
	if err != nil {
		return nil, err
	}
	checkers := map[string]*check.Checker{}
	var writes []write
	for _, gk := range order {
		g := groups[gk]
		f, snap, err := p.targetFile(g.a, g.loc)
		if err != nil {
			return nil, err
		}
		if checkers[g.loc] == nil {
			checkers[g.loc] = check.New(p.Source, g.loc, gl, nil)
		}
		c := checkers[g.loc].WithInline(g.a.doc.Inline)
		changed := false
		for k, in := range g.ins {
			if p.importUnit(g.a, g.idx[k], f.Entries[g.idx[k]], g.loc, in, c, res) {
				changed = true
			}
		}
		if changed {
			rel := CatalogPath(g.a.slug, g.loc)
			writes = append(writes, write{Rel: rel, Data: encodeTarget(f, g.a.slug, g.loc, g.a.sourceNotes(g.loc, gl)), Snap: snap})
		}
	}
	if !commit {
		for _, w := range writes {
			if !w.Snap.Unchanged(w.Data) {
				res.Written = append(res.Written, w.Rel)
			}
		}
		return res, nil
	}
	written, err := p.commitWrites(writes)
	res.Written = append(res.Written, written...)
	return res, err
}

// importLocale maps the locale an exchange file names to a catalog's:
// one of the project's locales (uk_UA and uk-UA find uk when the project
// has one Ukrainian locale), or a locale the article has a catalog for.
func (p *Project) importLocale(slug, loc string) (string, error) {
	if loc == "" {
		return "", errors.New("the file names no target language")
	}
	loc = strings.ReplaceAll(loc, "_", "-")
	t, err := ParseLocale(loc)
	if err != nil {
		return "", err
	}
	for _, l := range p.Locales {
		if strings.EqualFold(l, loc) {
			return l, nil
		}
	}
	if strings.EqualFold(loc, p.Source) {
		return "", fmt.Errorf("%s is the source locale: import translations into a target locale", loc)
	}
	if snap, err := stage.Read(p.abs(CatalogPath(slug, loc))); err == nil && snap.Exists {
		return loc, nil
	}
	base, _ := t.Base()
	var match []string
	for _, l := range p.Locales {
		if b, _ := language.Make(l).Base(); b == base {
			match = append(match, l)
		}
	}
	if len(match) == 1 {
		return match[0], nil
	}
	return "", fmt.Errorf("locale %s is not one of the project's (%s) and %s has no catalog for it (add it to %s, or run l10n extract --locale %s first)",
		loc, strings.Join(p.Locales, ", "), articleFile(slug), ConfigFile, loc)
}

// readExchange parses one exchange file into units.
func (p *Project) readExchange(f ImportFile) ([]*incoming, error) {
	if exchangeFormat(f) == FormatPO {
		return readPO(f)
	}
	return p.readXLIFF(f)
}

// exchangeFormat tells a file's format by its extension, else by its
// first character.
func exchangeFormat(f ImportFile) Format {
	switch strings.ToLower(filepath.Ext(f.Name)) {
	case ".po", ".pot":
		return FormatPO
	case ".xlf", ".xliff", ".xml":
		return FormatXLIFF
	}
	t := bytes.TrimLeft(bytes.TrimPrefix(f.Data, []byte("\xef\xbb\xbf")), " \t\r\n")
	if bytes.HasPrefix(t, []byte("<")) {
		return FormatXLIFF
	}
	return FormatPO
}

func readPO(f ImportFile) ([]*incoming, error) {
	pf, err := po.Parse(f.Data)
	if err != nil {
		return nil, fileerr.In(f.Name, err)
	}
	loc, _ := pf.Get("Language")
	if loc == "" {
		return nil, &InputError{File: f.Name, Line: pf.HeaderLine, Err: errors.New("the header has no Language (export the file with l10n export --format po)")}
	}
	var out []*incoming
	for _, m := range pf.Messages {
		if m.Obsolete {
			continue
		}
		if !m.HasMsgctxt {
			return nil, &InputError{File: f.Name, Line: m.Line, Err: fmt.Errorf("entry without msgctxt: l10n needs <article>/<unit id> in msgctxt (msgid %q)", abbreviate(m.Msgid))}
		}
		slug, id, ok := strings.Cut(m.Msgctxt, "/")
		if !ok || slug == "" || id == "" {
			return nil, &InputError{File: f.Name, Line: m.Line, Err: fmt.Errorf("msgctxt %q is not <article>/<unit id>", m.Msgctxt)}
		}
		if m.HasPlural {
			return nil, &InputError{File: f.Name, Line: m.Line, Err: fmt.Errorf("%s: plural entries are not l10n's (msgid_plural)", m.Msgctxt)}
		}
		base, err := parseBase(m.Extracted)
		if err != nil {
			return nil, &InputError{File: f.Name, Line: m.Line, Err: err}
		}
		out = append(out, &incoming{
			file: f.Name, line: m.Line, articleLine: m.Line, localeLine: pf.HeaderLine, slug: slug, id: id, locale: loc,
			source: m.Msgid, target: m.Msgstr, hasTarget: m.Msgstr != "",
			review: m.Fuzzy(), previous: m.PrevMsgid,
			comments: m.Comments, hasComments: true, base: base,
		})
	}
	return out, nil
}

func (p *Project) readXLIFF(f ImportFile) ([]*incoming, error) {
	doc, err := xliff.Decode(f.Data)
	if err != nil {
		return nil, fileerr.In(f.Name, err)
	}
	var out []*incoming
	for _, xf := range doc.Files {
		orig := strings.ReplaceAll(xf.Original, `\`, "/")
		slug := strings.TrimSuffix(strings.TrimPrefix(orig, "articles/"), ".md")
		if slug == orig || !strings.HasPrefix(orig, "articles/") || strings.Contains(slug, "/") || slug == "" {
			return nil, &InputError{File: f.Name, Line: xf.Line, Err: fmt.Errorf("<file original=%q> does not name an article (articles/<slug>.md)", xf.Original)}
		}
		if xf.SourceLanguage != "" && !strings.EqualFold(strings.ReplaceAll(xf.SourceLanguage, "_", "-"), p.Source) {
			return nil, &InputError{File: f.Name, Line: xf.Line, Err: fmt.Errorf("source-language %q is not the project's source locale %s", xf.SourceLanguage, p.Source)}
		}
		if xf.TargetLanguage == "" {
			return nil, &InputError{File: f.Name, Line: xf.Line, Err: errors.New("<file> without a target-language")}
		}
		for _, u := range xf.Units {
			in := &incoming{
				file: f.Name, line: u.Line, articleLine: xf.Line, localeLine: xf.Line, slug: slug, id: u.ID, locale: xf.TargetLanguage,
				isXLIFF: true, xsource: u.Source, xtarget: u.Target, source: u.Source.Markdown(),
				hasTarget: u.HasTarget && len(u.Target) > 0,
			}
			switch u.State {
			case "", xliff.StateTranslated, "final", "signed-off":
			case "new", xliff.StateNeedsTranslation, "needs-l10n", "needs-adaptation":
				// A target in a unit not translated yet: kept, to
				// review, unless it is a copy of the source.
				in.review, in.untranslated = true, true
			default:
				in.review = true
			}
			var notes []string
			for _, n := range u.Notes {
				if n.From == "translator" {
					in.comments = append(in.comments, n.Text)
					in.hasComments = true
					continue
				}
				notes = append(notes, n.Text)
			}
			if in.base, err = parseBase(notes); err != nil {
				return nil, &InputError{File: f.Name, Line: u.Line, Err: err}
			}
			out = append(out, in)
		}
	}
	return out, nil
}

func abbreviate(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// importUnit applies one unit of an exchange file to its catalog entry
// (a copy targetFile made), records its outcome, and reports whether the
// entry changed.
//
// With the unit's base (what the catalog held at the export), it merges
// three ways: a unit the translator did not touch leaves the catalog as
// it is now; one only the translator changed is taken; one both changed
// to the same text needs nothing; one both changed differently is a
// conflict: the catalog keeps its translation and gets the file's in a
// "# l10n:conflict" comment. Without a base, a non-empty translation that
// differs from the catalog's is taken.
func (p *Project) importUnit(a *article, i int, e *catalog.Entry, loc string, in *incoming, c *check.Checker, res *ImportResult) bool {
	u := &a.doc.Units[i]
	finding := func(sev, msg string) {
		res.Findings = append(res.Findings, ImportFinding{File: in.file, Line: in.line, Article: a.slug, Locale: loc, Unit: in.id, Severity: sev, Message: msg})
	}
	before := *e
	out := ImportOutcome{File: in.file, Line: in.line, Article: a.slug, Locale: loc, Unit: in.id, Base: in.base != nil}
	out.Comments = mergeComments(e, in)
	done := func(outcome, msg string) bool {
		out.Outcome, out.Message = outcome, msg
		res.count(out)
		if e.Other == before.Other && e.Hash == before.Hash && e.Previous == before.Previous && slices.Equal(e.Comments, before.Comments) {
			return false
		}
		res.Updated++
		return true
	}

	// The source the file was exported with, and the translation.
	current := exchangeText(u, u.Text)
	source, target := in.source, in.target
	if in.isXLIFF {
		cur := unitContent(a.doc, u, current)
		var raw xliff.Content
		if cur.Same(in.xsource) {
			source, raw = current, cur
		}
		t, err := xliff.Resolve(in.xtarget, in.xsource, raw)
		if err != nil {
			finding(SeverityError, "not imported: "+err.Error())
			return done(OutcomeFailed, "not imported: "+err.Error())
		}
		target = t
	}
	// The catalog's entry now, in the state it has against the source
	// the file was exported with, as a base would record it.
	catalogNow := unitDigest(exportedState(a, i, e, source, current), exchangeText(u, e.Other))
	if !in.hasTarget || strings.TrimSpace(target) == "" || in.untranslated && target == source {
		// An empty target, or a CAT tool's copy of the source into a
		// unit it says is not translated: no translation, and never
		// one that erases the catalog's.
		missing := unitDigest(Missing, "")
		switch {
		case catalogNow == missing:
			return done(OutcomeUnchanged, "")
		case in.base != nil && in.base.unit == missing:
			return done(OutcomeKept, "exported untranslated and left so; the catalog has a translation now, which stays")
		}
		return done(OutcomeEmpty, "the file has no translation: the catalog's stays")
	}
	if exchangeText(u, target) == exchangeText(u, e.Other) {
		// What the catalog has, as export wrote it.
		target = e.Other
	}
	if in.base != nil && catalogNow != unitDigest(Missing, "") {
		// (An entry without a translation takes the file's whatever
		// the base says: filling it loses nothing.)
		fileState := Translated
		if in.review {
			fileState = Stale
		}
		text := exchangeText(u, target)
		inFile := unitDigest(fileState, text)
		// A file that changed only the unit's state (marked it for
		// review, or confirmed it) has the text it was exported with.
		sameText := unitDigest(Translated, text) == in.base.unit || unitDigest(Stale, text) == in.base.unit
		switch {
		case inFile == in.base.unit && catalogNow == in.base.unit:
			return done(OutcomeUnchanged, "")
		case inFile == in.base.unit:
			return done(OutcomeKept, "the file has the translation as exported; the catalog's changed since and stays")
		case catalogNow == in.base.unit:
			// Only the translator changed it: taken below.
		case sameText:
			return done(OutcomeKept, "the file changed only the state of the translation exported; the catalog's changed since and stays")
		case target == e.Other:
			return done(OutcomeSame, "changed in the file and in the catalog since the export, to the same text")
		default:
			if cc := conflictComment(in.file, target); !slices.Contains(e.Comments, cc) {
				e.Comments = append(e.Comments, cc)
			}
			msg := "changed in the file and in the catalog since the export: the catalog keeps its translation, the file's is beside it in a # " +
				conflictDirective + " comment; keep one, then delete the comment"
			finding(SeverityError, "conflict: "+msg)
			return done(OutcomeConflict, msg)
		}
	}
	if target != e.Other {
		// A new translation gets l10n check's content checks (one the
		// catalog has already is check's to report): an error keeps
		// the unit out, a warning is reported. The entry's l10n:ignore
		// comments apply.
		found := c.Check(parseUnit(c, a.doc, i, source, true), parseUnit(c, a.doc, i, target, false), u.SingleLine)
		found, _ = suppress(found, e, false)
		var errs []string
		for _, f := range found {
			switch f.Severity {
			case check.Error:
				errs = append(errs, "["+f.Check+"] "+f.Message)
			case check.Warning:
				finding(SeverityWarning, "["+f.Check+"] "+f.Message)
			}
		}
		if len(errs) > 0 {
			msg := "not imported: " + strings.Join(errs, "; ")
			finding(SeverityError, msg)
			return done(OutcomeFailed, msg)
		}
	}
	sourceChanged := source != current
	if sourceChanged && target == e.Other {
		// The catalog has this translation already, and the article
		// has moved on since the export: nothing to learn.
		return done(OutcomeUnchanged, "")
	}
	desc := Description(u)
	hc := a.hash(i)
	e.Other = target
	switch {
	case !in.review && !sourceChanged:
		e.Hash, e.Previous = hc, ""
	case !in.review:
		e.Hash, e.Previous = catalog.Hash(desc, source), source
	case stateOf(&before, hc) == Stale:
		// Still to review: keep what it was translated from.
	case in.previous != "" && in.previous != current:
		e.Hash, e.Previous = catalog.Hash(desc, in.previous), in.previous
	case sourceChanged:
		e.Hash, e.Previous = catalog.Hash(desc, source), source
	default:
		// A translator marked the unit for review: stale (with no
		// previous text) until someone confirms it.
		e.Hash, e.Previous = catalog.Hash(desc, ""), ""
	}
	if sourceChanged {
		finding(SeverityWarning, "the English source changed since the export: the translation is imported as stale, for review against the new source")
	}
	if e.Other == before.Other && e.Hash == before.Hash && e.Previous == before.Previous {
		return done(OutcomeUnchanged, "")
	}
	msg := "the file's translation replaces the catalog's"
	if stateOf(e, hc) == Stale {
		res.Stale++
		msg += ", to review (stale)"
	}
	if in.base == nil {
		msg += " (the file has no " + baseDirective + " line)"
	}
	return done(OutcomeTaken, msg)
}

// exportedState returns the state of a catalog entry against the source
// an exchange file was exported with (source, as the file holds it),
// rather than the article's current one: what a base recorded at that
// export would say for the entry as it is now.
func exportedState(a *article, i int, e *catalog.Entry, source, current string) State {
	h := a.hash(i)
	if source != current {
		u := &a.doc.Units[i]
		h = catalog.Hash(Description(u), source)
		// A front-matter field travels without the line break a block
		// scalar ends with.
		if withBreak := catalog.Hash(Description(u), source+"\n"); u.FrontMatter() && e.Hash == withBreak {
			h = withBreak
		}
	}
	return stateOf(e, h)
}
