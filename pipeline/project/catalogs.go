package project

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/l10n-dev/l10n/internal/stage"
	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/check"
	"github.com/l10n-dev/l10n/pipeline/glossary"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"gopkg.in/yaml.v3"
)

// SourceHeader is the header of an article's source catalog.
func SourceHeader(slug, source string) []string {
	return []string{
		fmt.Sprintf("Source catalog of %s (%s), written by `l10n extract`: edit the article, not this file.", ArticlePath(slug), source),
		"It keeps each unit's id; translators work in the other catalogs of this folder.",
	}
}

// EncodeTarget writes a target catalog under its header: a translation's,
// or pseudo's for a catalog that l10n pseudo wrote, which stays marked as
// such. The lines a translator added to the header are kept.
func EncodeTarget(f *catalog.File, slug, loc string, notes catalog.Notes) []byte {
	header := TargetHeader(slug, loc)
	if IsPseudo(f) {
		header = PseudoHeader(slug, loc)
	}
	g := *f
	g.Header = OwnHeader(f.Header)
	return g.Encode(header, notes)
}

// OwnHeader returns the lines of a catalog's header that l10n did not
// write: a header l10n writes (for a translation, a pseudo-translation or
// the source, now or in an earlier version, of this article or of the one
// it was renamed from) is left out and written anew.
func OwnHeader(header []string) []string {
	var out []string
	for _, l := range header {
		t := strings.TrimPrefix(l, "# ")
		switch {
		case strings.HasPrefix(t, pseudoMark),
			strings.Contains(t, " translation of articles") && strings.HasSuffix(t, ".md."),
			strings.HasPrefix(t, "Source catalog of articles"),
			generatedHeaderLine(t):
			continue
		}
		out = append(out, l)
	}
	return out
}

// generatedHeaderLine reports whether a header line (without "# ") is one
// of l10n's that name no article.
func generatedHeaderLine(t string) bool {
	return slices.Contains(generatedHeaderLines(), t)
}

// generatedHeaderLines are the lines of l10n's headers that name no
// article, made once.
var generatedHeaderLines = sync.OnceValue(func() []string {
	var out []string
	for _, h := range [][]string{TargetHeader("x", "uk")[1:], SourceHeader("x", "en")[1:], PseudoHeader("x", "en-XA")[1:]} {
		out = append(out, h...)
	}
	return out
})

// MergeTarget merges an article's current units into a target catalog:
// one entry per unit, in unit order, then the obsolete entries. A unit
// without a translation gets back an obsolete one made from exactly its
// English, whatever its id was.
func (a *Article) MergeTarget(old *catalog.File) *catalog.File {
	live, obsolete := TargetEntries(old)
	current := make(map[string]bool, len(a.Doc.Units))
	for i := range a.Doc.Units {
		current[a.ID(i)] = true
	}
	var gone []*catalog.Entry
	for _, e := range old.Entries {
		if !current[e.ID] {
			gone = append(gone, a.leaving(e))
		}
	}
	for _, e := range old.Obsolete {
		// An obsolete entry under a live entry's id (a catalog merged by
		// hand: extract never writes one) stays obsolete unless it holds
		// the live one's translation: it is a translator's work all the
		// same.
		if l := live[e.ID]; l == nil && !current[e.ID] || l != nil && l.Other != e.Other {
			gone = append(gone, e)
		}
	}
	taken := map[*catalog.Entry]bool{}
	f := &catalog.File{Header: old.Header, End: old.End, ObsoleteEnd: old.ObsoleteEnd}
	for i := range a.Doc.Units {
		id, h := a.ID(i), a.Hash(i)
		e := live[id]
		if e == nil {
			e = obsolete[id]
		}
		if e == nil || strings.TrimSpace(e.Other) == "" {
			if r := restorable(gone, taken, h); r != nil {
				taken[r] = true
				c := *r
				c.ID = id
				if e != nil {
					c.Comments = append(append([]string{}, e.Comments...), r.Comments...)
					c.Above = append(append([]string{}, e.Above...), r.Above...)
				}
				e = &c
			}
		}
		if e == nil {
			e = &catalog.Entry{ID: id, Style: yaml.DoubleQuotedStyle}
		} else {
			c := *a.Confirmed(e, i)
			e = &c
		}
		switch StateOf(e, h) {
		case Missing, Translated:
			e.Hash, e.Previous = h, ""
		case Stale:
			if e.Previous == "" {
				e.Previous = a.PreviousText(i, e.Hash)
			}
		}
		f.Entries = append(f.Entries, e)
	}
	ids := make(map[string]bool, len(gone))
	for _, e := range gone {
		if !taken[e] {
			f.Obsolete = append(f.Obsolete, obsoleteID(e, ids))
		}
	}
	return f
}

// obsoleteID returns e with an id no entry of the obsolete section has
// yet (ids holds theirs, and gets e's): e itself, or, when a live entry
// leaves beside an obsolete one of its id, a copy under the id with "~2"
// (or "~3", …) after it, which no unit of an article has. A section with
// an id twice is a file that no reader accepts.
func obsoleteID(e *catalog.Entry, ids map[string]bool) *catalog.Entry {
	id := e.ID
	for n := 2; ids[id]; n++ {
		id = e.ID + "~" + strconv.Itoa(n)
	}
	ids[id] = true
	if id == e.ID {
		return e
	}
	c := *e
	c.ID = id
	return &c
}

// restorable returns the first entry of gone, not taken yet, that holds a
// translation made from the English with hash h.
func restorable(gone []*catalog.Entry, taken map[*catalog.Entry]bool, h string) *catalog.Entry {
	for _, e := range gone {
		if !taken[e] && e.Hash == h && strings.TrimSpace(e.Other) != "" {
			return e
		}
	}
	return nil
}

// leaving returns an entry that leaves the article for the obsolete ones.
// A confirmation (an entry without hash) keeps the English it was made
// against: the hash of its "#. en:" text.
func (a *Article) leaving(e *catalog.Entry) *catalog.Entry {
	if e.Hash != "" || strings.TrimSpace(e.Other) == "" {
		return e
	}
	for _, k := range a.KnownE {
		if k.ID != e.ID {
			continue
		}
		seen, ok := ShownSource(e.Notes, k.Other)
		if !ok {
			return e
		}
		c := *e
		c.Hash = catalog.Hash(k.Description, seen)
		return &c
	}
	return e
}

// SourceNotes returns the generated comments of the entries of a target
// catalog: the English source of the unit (of an obsolete unit, the last
// one known) and the glossary's advice for the unit's terms in loc.
//
// The memory's notes of an entry (see IsMemoryNote) are kept as they
// are: where a translation was pre-filled from, and the suggestions for
// a unit still missing. SourceNotesWith gives extract's fresh ones.
func (a *Article) SourceNotes(loc string, g *glossary.Glossary) catalog.Notes {
	return a.SourceNotesWith(loc, g, nil)
}

// SourceNotesWith is SourceNotes with the memory's notes extract has just
// made: they replace every suggestion the entries had, and the FromNote
// line of an entry they name.
func (a *Article) SourceNotesWith(loc string, g *glossary.Glossary, fresh MemoryNotes) catalog.Notes {
	source := map[string]string{}
	hints := map[string][]string{}
	perUnit := GlossaryHints(g, a, loc)
	for i := range a.Doc.Units {
		source[a.ID(i)] = a.Doc.Units[i].Text
		hints[a.ID(i)] = perUnit[i]
	}
	for _, e := range a.KnownE {
		if _, ok := source[e.ID]; !ok {
			source[e.ID] = e.Other
		}
	}
	return func(e *catalog.Entry) []string {
		if s, ok := source[e.ID]; ok {
			return append(append([]string{"en: " + s}, hints[e.ID]...), memoryNotes(e, fresh)...)
		}
		return nil
	}
}

// TargetHeader is the header of an article's catalog for a target locale.
func TargetHeader(slug, loc string) []string {
	name := loc
	if t, err := language.Parse(loc); err == nil {
		if n := display.English.Tags().Name(t); n != "" {
			name = n + " (" + loc + ")"
		}
	}
	return []string{
		fmt.Sprintf("%s translation of %s.", name, ArticlePath(slug)),
		"Translate each `other:` value; keep Markdown links, emphasis and code as they are.",
		"`#.` lines show the English source and are rewritten by `l10n extract`; your own `#` comments are kept.",
		"A stale entry shows its previous English text in `#|` lines: revise the translation, then delete its `hash:` line.",
	}
}

// Selection names articles and locales; empty means all articles and the
// project's target locales.
type Selection struct {
	Articles []string
	Locales  []string
}

// pseudoMark opens the header of a catalog that l10n pseudo wrote.
const pseudoMark = "Pseudo-translation"

// PseudoHeader is the header of a pseudo-translated catalog.
func PseudoHeader(slug, loc string) []string {
	return []string{
		fmt.Sprintf("%s (%s) of %s, written by `l10n pseudo`, which rewrites it: not a translation.", pseudoMark, loc, ArticlePath(slug)),
		"Each unit is its English with accented letters, about 30% longer and bracketed, to test editions before translations arrive.",
	}
}

// IsPseudo reports whether a catalog's header marks it as l10n pseudo's.
func IsPseudo(f *catalog.File) bool {
	for _, l := range f.Header {
		if strings.HasPrefix(l, "# "+pseudoMark) {
			return true
		}
	}
	return false
}

// TargetFile merges an article's current units into its catalog for a
// locale. The merged catalog's values are parts of the file as read
// (ReadCatalogShared): its callers (extract, prune, export, import)
// write it out and drop it.
func (p *Project) TargetFile(a *Article, loc string) (*catalog.File, stage.Snapshot, error) {
	old, snap, err := p.ReadCatalogShared(CatalogPath(a.From, loc))
	if err != nil {
		return nil, snap, err
	}
	return a.MergeTarget(old), snap, nil
}

// conflictDirective opens the comment that keeps a file's translation
// beside the catalog's when both changed since the export.
const conflictDirective = check.ConflictDirective

// ConflictComment returns the catalog comment that keeps the translation
// a file had for a unit in conflict: # l10n:conflict uk.po: "text".
func ConflictComment(file, text string) string {
	return "# " + conflictDirective + " " + filepath.Base(file) + ": " + strconv.QuoteToGraphic(text)
}

// ParseConflict reads a conflict comment: the file and its translation.
func ParseConflict(comment string) (file, text string, ok bool) {
	t := strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(comment), "#"))
	rest, ok := strings.CutPrefix(t, conflictDirective+" ")
	if !ok {
		return "", "", false
	}
	file, quoted, ok := strings.Cut(rest, ": ")
	if !ok {
		return rest, "", true
	}
	if text, err := strconv.Unquote(strings.TrimSpace(quoted)); err == nil {
		return file, text, true
	}
	return file, strings.TrimSpace(quoted), true
}

// Conflicts returns the conflict comments of an entry.
func Conflicts(e *catalog.Entry) []string {
	var out []string
	if e == nil {
		return nil
	}
	for _, c := range e.Comments {
		if _, _, ok := ParseConflict(c); ok {
			out = append(out, c)
		}
	}
	return out
}
