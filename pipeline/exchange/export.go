package exchange

import (
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/l10n-dev/l10n/internal/stage"
	"github.com/l10n-dev/l10n/pipeline/catalog"
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

// Export writes the selected articles' units for one locale as an XLIFF
// 1.2 document (one <file> per article) or a PO file, for a translator's
// CAT tool. The units are the article's current ones, merged with the
// locale's catalog as extract would merge them; nothing is written to the
// project. Import reads the file back.
func Export(p *project.Project, opts ExportOptions) ([]byte, error) {
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
	var units [][]exportUnit
	// The missing units' lookups, asked at once when every article is
	// read (a parted memory answers them a part at a time); at is each
	// one's unit, by article and place.
	var asks []memory.Ask
	var at [][2]int
	for n, slug := range slugs {
		a, err := p.LoadArticle(slug)
		if err != nil {
			return nil, err
		}
		f, _, err := p.TargetFile(a, loc)
		if err != nil {
			return nil, err
		}
		hints := project.GlossaryHints(gl, a, loc)
		var us []exportUnit
		for i := range a.Doc.Units {
			// targetFile gives one entry per unit, in unit order.
			e := f.Entries[i]
			x := exportUnit{a: a, i: i, e: e, state: project.StateOf(e, a.Hash(i)), hints: hints[i]}
			if x.state == project.Missing && !p.Memory.Off {
				asks = append(asks, memory.Ask{Slug: slug, ID: a.ID(i), Text: a.Doc.Units[i].Text, Locales: []string{loc}, N: exportMatches})
				at = append(at, [2]int{len(units), len(us)})
			}
			us = append(us, x)
		}
		units = append(units, us)
		if p.Progress != nil {
			p.Progress(n+1, len(slugs))
		}
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
			units[at[k][0]][at[k][1]].matches = ms[0]
		}
	}
	total := 0
	for _, us := range units {
		total += len(us)
	}
	if total == 0 {
		return nil, &project.InputError{Err: errors.New("nothing to export: the articles have no text to translate")}
	}
	if opts.Format == FormatPO {
		date := opts.Date
		if date.IsZero() {
			date = time.Now()
		}
		return po.Encode(exportPO(p, loc, slugs, units, date)), nil
	}
	return xliff.Encode(exportXLIFF(p, loc, units)), nil
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

func exportXLIFF(p *project.Project, loc string, units [][]exportUnit) *xliff.Document {
	doc := &xliff.Document{}
	for _, us := range units {
		if len(us) == 0 {
			continue
		}
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

func exportPO(p *project.Project, loc string, slugs []string, units [][]exportUnit, date time.Time) *po.File {
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
	for _, us := range units {
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
			f.Messages = append(f.Messages, m)
		}
	}
	return f
}
