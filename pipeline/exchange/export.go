package exchange

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/l10n-dev/l10n/internal/pool"
	"github.com/l10n-dev/l10n/internal/stage"
	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/glossary"
	"github.com/l10n-dev/l10n/pipeline/memory"
	"github.com/l10n-dev/l10n/pipeline/po"
	"github.com/l10n-dev/l10n/pipeline/project"
	"github.com/l10n-dev/l10n/pipeline/segment"
	"github.com/l10n-dev/l10n/pipeline/tm"
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
func ExportLocales(p *project.Project, want []string) ([]string, error) {
	locales, err := p.WantLocales(want)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, l := range locales {
		if l == p.Source {
			return nil, &project.InputError{Err: fmt.Errorf("%s is the source locale: export a target locale", l)}
		}
		out = append(out, l)
	}
	if len(out) == 0 {
		return nil, &project.InputError{Err: errors.New("no target locale to export")}
	}
	return out, nil
}

// exportable checks that a locale is one of the project's, or that one
// of the articles has a catalog for it: a file for a locale that import
// would refuse (a typo such as "ua") is no use to a translator.
func exportable(p *project.Project, loc string, slugs []string) error {
	for _, l := range p.Locales {
		if l == loc {
			return nil
		}
	}
	for _, slug := range slugs {
		if snap, err := stage.Read(p.Abs(project.CatalogPath(slug, loc))); err == nil && snap.Exists {
			return nil
		}
	}
	return &project.InputError{Err: fmt.Errorf("locale %s is not one of the project's (%s) and no article has a catalog for it (add it to %s, or run l10n extract --locale %s first)",
		loc, strings.Join(p.Locales, ", "), project.ConfigFile, loc)}
}

// exportUnit is one unit as exported: its article, index and catalog
// entry (merged with the current article as extract would).
type exportUnit struct {
	a     *project.Article
	i     int
	e     *catalog.Entry
	state project.State
	hints []string // glossary hints
	// matches are the memory's best matches for a missing unit.
	matches []tm.Match
}

// exportMatches is how many of the memory's matches a missing unit is
// exported with.
const exportMatches = 2

// Export returns an export (PrepareExport) as Write writes it: the
// selected articles' units for one locale as an XLIFF 1.2 document (one
// <file> per article) or a PO file, for a translator's CAT tool.
func Export(p *project.Project, opts ExportOptions) ([]byte, error) {
	x, err := PrepareExport(p, opts)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := x.Write(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// PreparedExport is an export whose inputs were read and checked, and
// whose missing units the memory answered: what Write writes.
type PreparedExport struct {
	p      *project.Project
	format Format
	loc    string
	slugs  []string
	date   time.Time
	gl     *glossary.Glossary
	// matches are the memory's matches for the missing units, by
	// article and unit id.
	matches map[[2]string][]tm.Match
}

// PrepareExport reads and checks an export of the selected articles'
// units for one locale: the units are the articles' current ones,
// merged with the locale's catalog as extract would merge them; nothing
// is written to the project. It reads every article and catalog (on
// every core), reporting bad input before anything is written, and keeps
// of them only the missing units' lookups, asked of the memory at once
// (memory.Open: the memory extract keeps, a parted one a part at a
// time). Write then reads each article again as it writes it, so that
// what an export holds is a few articles, whatever their number.
func PrepareExport(p *project.Project, opts ExportOptions) (*PreparedExport, error) {
	if opts.Format != FormatXLIFF && opts.Format != FormatPO {
		return nil, &project.InputError{Err: fmt.Errorf("unknown format %q (want xliff or po)", opts.Format)}
	}
	loc := opts.Locale
	if loc == "" {
		if len(p.Locales) != 1 {
			return nil, &project.InputError{Err: fmt.Errorf("an export holds one locale: name one of %s", strings.Join(p.Locales, ", "))}
		}
		loc = p.Locales[0]
	}
	if _, err := ExportLocales(p, []string{loc}); err != nil {
		return nil, err
	}
	all, err := p.Articles()
	if err != nil {
		return nil, err
	}
	slugs, err := project.SelectArticles(all, opts.Articles)
	if err != nil {
		return nil, err
	}
	if err := exportable(p, loc, slugs); err != nil {
		return nil, err
	}
	gl, err := p.ReadGlossary()
	if err != nil {
		return nil, err
	}
	x := &PreparedExport{p: p, format: opts.Format, loc: loc, slugs: slugs, date: opts.Date, gl: gl, matches: map[[2]string][]tm.Match{}}
	if x.date.IsZero() {
		x.date = time.Now()
	}
	// The missing units' lookups, asked at once when every article is
	// read (a parted memory answers them a part at a time).
	var asks []memory.Ask
	total := 0
	type read struct {
		asks  []memory.Ask
		units int
	}
	err = pool.Ordered(len(slugs), func(i int) (read, error) {
		us, err := articleUnits(p, nil, slugs[i], loc)
		if err != nil {
			return read{}, err
		}
		r := read{units: len(us)}
		for _, u := range us {
			if u.state == project.Missing && !p.Memory.Off {
				r.asks = append(r.asks, memory.Ask{Slug: slugs[i], ID: u.a.ID(u.i), Text: u.a.Doc.Units[u.i].Text, Locales: []string{loc}, N: exportMatches})
			}
		}
		return r, nil
	}, func(n int, r read) error {
		asks, total = append(asks, r.asks...), total+r.units
		if p.Progress != nil {
			p.Progress(n+1, 2*len(slugs))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if total == 0 {
		return nil, &project.InputError{Err: errors.New("nothing to export: the articles have no text to translate")}
	}
	if len(asks) > 0 {
		mem, err := memory.Open(p, nil) // extract's, which the cache keeps
		if err != nil {
			return nil, err
		}
		found, err := mem.LookupAll(asks)
		if err != nil {
			return nil, err
		}
		mem.Save() // one it built, for the next command
		for k, ms := range found {
			x.matches[[2]string{asks[k].Slug, asks[k].ID}] = ms[0]
		}
	}
	return x, nil
}

// Write writes the export to w, an article at a time: each article read
// again, its units made (on every core) and written in order, through a
// po.Writer or an xliff.Writer. A unit missing now that was not when the
// export was prepared (its catalog changed since) has no matches.
func (x *PreparedExport) Write(w io.Writer) error {
	var pw *po.Writer
	var xw *xliff.Writer
	if x.format == FormatPO {
		pw = po.NewWriter(w, exportPOHeader(x.p, x.loc, x.slugs, x.date))
	} else {
		xw = xliff.NewWriter(w)
	}
	type made struct {
		messages []*po.Message
		file     *xliff.File
	}
	err := pool.Ordered(len(x.slugs), func(i int) (made, error) {
		us, err := articleUnits(x.p, x.gl, x.slugs[i], x.loc)
		if err != nil {
			return made{}, err
		}
		for k := range us {
			if u := &us[k]; u.state == project.Missing {
				u.matches = x.matches[[2]string{x.slugs[i], u.a.ID(u.i)}]
			}
		}
		if pw != nil {
			return made{messages: poMessages(us)}, nil
		}
		if len(us) == 0 {
			return made{}, nil
		}
		return made{file: xliffFile(x.p, x.loc, us)}, nil
	}, func(n int, m made) error {
		if x.p.Progress != nil {
			x.p.Progress(len(x.slugs)+n+1, 2*len(x.slugs))
		}
		if pw != nil {
			for _, msg := range m.messages {
				pw.Message(msg)
			}
			return pw.Err()
		}
		if m.file != nil {
			xw.File(m.file)
		}
		return xw.Err()
	})
	var cerr error
	if pw != nil {
		cerr = pw.Close()
	} else {
		cerr = xw.Close()
	}
	if err == nil {
		err = cerr
	}
	return err
}

// articleUnits returns an article's units as exported in loc, with the
// glossary's hints when gl is not nil.
func articleUnits(p *project.Project, gl *glossary.Glossary, slug, loc string) ([]exportUnit, error) {
	a, err := p.LoadArticle(slug)
	if err != nil {
		return nil, err
	}
	f, _, err := p.TargetFile(a, loc)
	if err != nil {
		return nil, err
	}
	var hints [][]string
	if gl != nil {
		hints = project.GlossaryHints(gl, a, loc)
	}
	us := make([]exportUnit, 0, len(a.Doc.Units))
	for i := range a.Doc.Units {
		// targetFile gives one entry per unit, in unit order.
		e := f.Entries[i]
		u := exportUnit{a: a, i: i, e: e, state: project.StateOf(e, a.Hash(i))}
		if hints != nil {
			u.hints = hints[i]
		}
		us = append(us, u)
	}
	return us, nil
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

// xliffFile returns the <file> of an article's units (not none).
func xliffFile(p *project.Project, loc string, us []exportUnit) *xliff.File {
	a := us[0].a
	f := &xliff.File{
		Original:       articleFile(a.Slug),
		SourceLanguage: p.Source,
		TargetLanguage: loc,
		Datatype:       "x-markdown",
		Notes: []string{fmt.Sprintf("%s translation of %s, exported by l10n. Import it back with `l10n import FILE`; keep the trans-unit ids and the l10n:base notes.",
			localeName(loc), articleFile(a.Slug))},
	}
	for _, x := range us {
		u := &a.Doc.Units[x.i]
		src := unitContent(a.Doc, u, exchangeText(u, u.Text))
		xu := &xliff.Unit{ID: a.ID(x.i), Source: src, HasTarget: true, SourceFile: articleFile(a.Slug), SourceLine: u.Line}
		if u.FrontMatter() {
			xu.Datatype = "plaintext"
		}
		for _, n := range append(unitContext(u), x.hints...) {
			xu.Notes = append(xu.Notes, xliff.Note{From: "l10n", Text: n})
		}
		switch x.state {
		case project.Missing:
			xu.State = xliff.StateNeedsTranslation
			for _, m := range x.matches {
				asrc := unitContent(a.Doc, u, exchangeText(u, m.Source))
				xu.AltTrans = append(xu.AltTrans, xliff.AltTrans{MatchQuality: m.Percent, Origin: m.From(), Source: asrc,
					Target: xliff.Align(unitContent(a.Doc, u, exchangeText(u, m.Translation())), asrc), TargetLang: loc})
			}
		case project.Stale:
			xu.State = xliff.StateNeedsReview
			xu.Target = xliff.Align(unitContent(a.Doc, u, exchangeText(u, x.e.Other)), src)
			note := "The English source changed since this was translated: review the translation."
			if x.e.Previous != "" {
				note += " Previous source: " + exchangeText(u, x.e.Previous)
			}
			xu.Notes = append(xu.Notes, xliff.Note{From: "l10n", Annotates: "source", Text: note})
		default:
			// approved: translated from the current source, done;
			// Translate Toolkit and Weblate read a translation
			// without it as one to review.
			// A translation pre-filled from the memory that nobody
			// has confirmed is not approved.
			xu.State, xu.Approved = xliff.StateTranslated, "yes"
			if project.NeedsReview(x.e) {
				xu.Approved = ""
			}
			xu.Target = xliff.Align(unitContent(a.Doc, u, exchangeText(u, x.e.Other)), src)
		}
		xu.Notes = append(xu.Notes, xliff.Note{From: "l10n", Text: baseOf(x).String()})
		for _, c := range x.e.Comments {
			xu.Notes = append(xu.Notes, xliff.Note{From: "translator", Text: commentText(c)})
		}
		f.Units = append(f.Units, xu)
	}
	return f
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

// exportPOHeader returns a PO export's file without its messages:
// comments and header entry.
func exportPOHeader(p *project.Project, loc string, slugs []string, date time.Time) *po.File {
	what := articleFile(slugs[0])
	if len(slugs) > 1 {
		what = fmt.Sprintf("%d articles", len(slugs))
	}
	stamp := date.Format("2006-01-02 15:04-0700")
	name := filepath.Base(p.Root)
	if abs, err := filepath.Abs(p.Root); err == nil {
		name = filepath.Base(abs)
	}
	f := &po.File{
		Comments: []string{
			fmt.Sprintf("%s translation of %s, exported by `l10n export`.", localeName(loc), what),
			"Import it back with `l10n import FILE`. msgctxt is <article>/<unit id>: keep it as it is.",
			"Keep the Markdown links, emphasis and code spans; translate only the text around and inside them.",
			"Keep the l10n:base lines: they tell import what the catalog held, so that edits made there meanwhile are kept.",
		},
		Header: []po.Field{
			{Name: "Project-Id-Version", Value: name},
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
	return f
}

// poMessages returns the PO messages of an article's units.
func poMessages(us []exportUnit) []*po.Message {
	var out []*po.Message
	for _, x := range us {
		a := x.a
		u := &a.Doc.Units[x.i]
		m := &po.Message{
			Msgctxt:    a.Slug + "/" + a.ID(x.i),
			HasMsgctxt: true,
			Msgid:      exchangeText(u, u.Text),
			Extracted:  append(append(unitContext(u), x.hints...), baseOf(x).String()),
			References: []string{articleFile(a.Slug) + ":" + strconv.Itoa(u.Line)},
		}
		for _, c := range x.e.Comments {
			m.Comments = append(m.Comments, commentText(c))
		}
		for _, mt := range x.matches {
			m.Extracted = append(m.Extracted, memory.SuggestionNote(mt))
		}
		switch x.state {
		case project.Stale:
			m.Msgstr = exchangeText(u, x.e.Other)
			m.Flags = []string{"fuzzy"}
			if x.e.Previous != "" {
				m.PrevMsgid, m.HasPrevMsgid = exchangeText(u, x.e.Previous), true
			}
		case project.Translated:
			m.Msgstr = exchangeText(u, x.e.Other)
		}
		out = append(out, m)
	}
	return out
}
