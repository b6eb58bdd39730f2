package pipeline

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"gopkg.in/yaml.v3"

	"github.com/l10n-dev/l10n/internal/pool"
	"github.com/l10n-dev/l10n/internal/stage"
	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/glossary"
)

// ExtractOptions selects what extract works on.
type ExtractOptions struct {
	Articles []string // slugs; all when empty
	Locales  []string // target locales; the project's when empty
}

// ExtractResult says what extract did.
type ExtractResult struct {
	Written  []string // catalogs written, relative to the root
	Articles int      // articles read
	// Renamed maps each article extract recognised as renamed to the
	// slug it had: its catalogs moved from locales/<old> to
	// locales/<new>.
	Renamed map[string]string
}

// write is a file to write once every input has been read and checked.
type write = stage.File

// Extract segments articles and updates their catalogs: the source catalog
// and one catalog per target locale. Known units keep their ids and
// translations wherever they moved; edited units keep their translation
// and become stale; new units are added, missing; units gone from the
// source stay in the catalog as obsolete. Nothing is written unless every
// input is valid, and a file that changed on disk since it was read is not
// overwritten.
//
// An article without catalogs whose text is mostly that of an article
// that is gone (one renamed with git mv) is recognised as renamed: its
// catalogs are merged from the old folder's and written to its own, and
// the old folder is removed.
func (p *Project) Extract(opts ExtractOptions) (*ExtractResult, error) {
	pk, err := p.pick(opts.Articles, opts.Locales, pickSurvey)
	if err != nil {
		return nil, err
	}
	slugs, locales := pk.slugs, pk.locales
	g, err := p.readGlossary()
	if err != nil {
		return nil, err
	}
	renamed, err := p.renames(pk)
	if err != nil {
		return nil, err
	}
	var targets []string
	for _, loc := range unique(locales) {
		if loc != p.Source {
			targets = append(targets, loc)
		}
	}
	// Each article writes its source catalog, then one per target.
	st, err := stage.New(p.Root, true, 1+len(targets), func(i, slot int) string {
		if slot == 0 {
			return CatalogPath(slugs[i], p.Source)
		}
		return CatalogPath(slugs[i], targets[slot-1])
	})
	if err != nil {
		return nil, err
	}
	defer st.Abort()
	// Articles are read, merged and encoded in parallel; their files are
	// staged in article order as they come, and replace the catalogs only
	// once every article has been read and checked.
	// The files a rename moves away from, as they were read.
	var moved []movedFile
	var mu sync.Mutex
	err = pool.Ordered(len(slugs), func(i int) ([]write, error) {
		from := slugs[i]
		if old, ok := renamed[slugs[i]]; ok {
			from = old
		}
		a, err := p.loadArticleFrom(slugs[i], from)
		if err != nil {
			return nil, err
		}
		writes := []write{p.sourceCatalog(a)}
		for _, loc := range targets {
			w, err := p.targetCatalog(a, loc, g)
			if err != nil {
				return nil, err
			}
			writes = append(writes, w)
		}
		if from != a.slug {
			mu.Lock()
			for k := range writes {
				loc := p.Source
				if k > 0 {
					loc = targets[k-1]
				}
				moved = append(moved, movedFile{rel: CatalogPath(from, loc), snap: writes[k].Snap})
				writes[k].Snap = stage.Snapshot{}
			}
			mu.Unlock()
		}
		return writes, nil
	}, func(i int, writes []write) error {
		for k := range writes {
			if _, err := st.Put(&writes[k]); err != nil {
				return err
			}
		}
		if p.Progress != nil {
			p.Progress(i+1, len(slugs))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	written, err := st.Commit()
	res := &ExtractResult{Written: written, Articles: len(slugs), Renamed: renamed}
	if err != nil {
		return res, err
	}
	return res, p.finishRenames(renamed, moved)
}

// commitWrites writes the files whose content changed, after checking that none
// changed on disk meanwhile.
func (p *Project) commitWrites(writes []write) ([]string, error) {
	return stage.Files(p.Root, writes)
}

// sourceCatalog returns the new source catalog of an article.
func (p *Project) sourceCatalog(a *article) write {
	f := &catalog.File{Header: ownHeader(a.en.Header), End: a.en.End, ObsoleteEnd: a.en.ObsoleteEnd}
	for i := range a.doc.Units {
		u := &a.doc.Units[i]
		e := &catalog.Entry{ID: a.id(i), Description: Description(u), Other: u.Text}
		if m := a.matches[i]; m.Known >= 0 {
			k := a.knownE[m.Known]
			e.Comments, e.Above = k.Comments, k.Above
		}
		f.Entries = append(f.Entries, e)
	}
	for _, k := range a.unused {
		f.Obsolete = append(f.Obsolete, a.knownE[k])
	}
	rel := CatalogPath(a.slug, p.Source)
	return write{Rel: rel, Data: f.Encode(sourceHeader(a.slug, p.Source), nil), Snap: a.enSnap}
}

// sourceHeader is the header of an article's source catalog.
func sourceHeader(slug, source string) []string {
	return []string{
		fmt.Sprintf("Source catalog of %s (%s), written by `l10n extract`: edit the article, not this file.", ArticlePath(slug), source),
		"It keeps each unit's id; translators work in the other catalogs of this folder.",
	}
}

// targetCatalog returns the new catalog of an article for a locale.
func (p *Project) targetCatalog(a *article, loc string, g *glossary.Glossary) (write, error) {
	f, snap, err := p.targetFile(a, loc)
	if err != nil {
		return write{}, err
	}
	return write{Rel: CatalogPath(a.slug, loc), Data: encodeTarget(f, a.slug, loc, a.sourceNotes(loc, g)), Snap: snap}, nil
}

// encodeTarget writes a target catalog under its header: a translation's,
// or pseudo's for a catalog that l10n pseudo wrote, which stays marked as
// such. The lines a translator added to the header are kept.
func encodeTarget(f *catalog.File, slug, loc string, notes catalog.Notes) []byte {
	header := targetHeader(slug, loc)
	if isPseudo(f) {
		header = pseudoHeader(slug, loc)
	}
	g := *f
	g.Header = ownHeader(f.Header)
	return g.Encode(header, notes)
}

// ownHeader returns the lines of a catalog's header that l10n did not
// write: a header l10n writes (for a translation, a pseudo-translation or
// the source, now or in an earlier version, of this article or of the one
// it was renamed from) is left out and written anew.
func ownHeader(header []string) []string {
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
	for _, h := range [][]string{targetHeader("x", "uk")[1:], sourceHeader("x", "en")[1:], pseudoHeader("x", "en-XA")[1:]} {
		if slices.Contains(h, t) {
			return true
		}
	}
	return false
}

// targetFile merges an article's current units into its catalog for a
// locale.
func (p *Project) targetFile(a *article, loc string) (*catalog.File, stage.Snapshot, error) {
	old, snap, err := p.readCatalog(CatalogPath(a.from, loc))
	if err != nil {
		return nil, snap, err
	}
	return a.mergeTarget(old), snap, nil
}

// mergeTarget merges an article's current units into a target catalog:
// one entry per unit, in unit order, then the obsolete entries. A unit
// without a translation gets back an obsolete one made from exactly its
// English, whatever its id was.
func (a *article) mergeTarget(old *catalog.File) *catalog.File {
	live, obsolete := targetEntries(old)
	current := map[string]bool{}
	for i := range a.doc.Units {
		current[a.id(i)] = true
	}
	var gone []*catalog.Entry
	for _, e := range old.Entries {
		if !current[e.ID] {
			gone = append(gone, a.leaving(e))
		}
	}
	for _, e := range old.Obsolete {
		if !current[e.ID] && live[e.ID] == nil {
			gone = append(gone, e)
		}
	}
	taken := map[*catalog.Entry]bool{}
	f := &catalog.File{Header: old.Header, End: old.End, ObsoleteEnd: old.ObsoleteEnd}
	for i := range a.doc.Units {
		id, h := a.id(i), a.hash(i)
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
			c := *a.confirmed(e, i)
			e = &c
		}
		switch stateOf(e, h) {
		case Missing, Translated:
			e.Hash, e.Previous = h, ""
		case Stale:
			if e.Previous == "" {
				e.Previous = a.previousText(i, e.Hash)
			}
		}
		f.Entries = append(f.Entries, e)
	}
	for _, e := range gone {
		if !taken[e] {
			f.Obsolete = append(f.Obsolete, e)
		}
	}
	return f
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
func (a *article) leaving(e *catalog.Entry) *catalog.Entry {
	if e.Hash != "" || strings.TrimSpace(e.Other) == "" {
		return e
	}
	seen, ok := shownSource(e.Notes, "")
	if !ok {
		return e
	}
	for _, k := range a.knownE {
		if k.ID == e.ID {
			c := *e
			c.Hash = catalog.Hash(k.Description, seen)
			return &c
		}
	}
	return e
}

// sourceNotes returns the generated comments of the entries of a target
// catalog: the English source of the unit (of an obsolete unit, the last
// one known) and the glossary's advice for the unit's terms in loc.
func (a *article) sourceNotes(loc string, g *glossary.Glossary) catalog.Notes {
	source := map[string]string{}
	hints := map[string][]string{}
	perUnit := glossaryHints(g, a, loc)
	for i := range a.doc.Units {
		source[a.id(i)] = a.doc.Units[i].Text
		hints[a.id(i)] = perUnit[i]
	}
	for _, e := range a.knownE {
		if _, ok := source[e.ID]; !ok {
			source[e.ID] = e.Other
		}
	}
	return func(e *catalog.Entry) []string {
		if s, ok := source[e.ID]; ok {
			return append([]string{"en: " + s}, hints[e.ID]...)
		}
		return nil
	}
}

func targetHeader(slug, loc string) []string {
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
