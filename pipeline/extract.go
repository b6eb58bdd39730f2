package pipeline

import (
	"fmt"

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
	Written []string // catalogs written, relative to the root
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
func (p *Project) Extract(opts ExtractOptions) (*ExtractResult, error) {
	slugs, locales, err := p.selection(opts.Articles, opts.Locales)
	if err != nil {
		return nil, err
	}
	g, err := p.readGlossary()
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
	err = pool.Ordered(len(slugs), func(i int) ([]write, error) {
		a, err := p.loadArticle(slugs[i])
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
	return &ExtractResult{Written: written}, err
}

// commitWrites writes the files whose content changed, after checking that none
// changed on disk meanwhile.
func (p *Project) commitWrites(writes []write) ([]string, error) {
	return stage.Files(p.Root, writes)
}

// sourceCatalog returns the new source catalog of an article.
func (p *Project) sourceCatalog(a *article) write {
	f := &catalog.File{}
	for i := range a.doc.Units {
		u := &a.doc.Units[i]
		e := &catalog.Entry{ID: a.id(i), Description: Description(u), Other: u.Text}
		if m := a.matches[i]; m.Known >= 0 {
			e.Comments = a.knownE[m.Known].Comments
		}
		f.Entries = append(f.Entries, e)
	}
	for _, k := range a.unused {
		f.Obsolete = append(f.Obsolete, a.knownE[k])
	}
	rel := CatalogPath(a.slug, p.Source)
	header := []string{
		fmt.Sprintf("Source catalog of %s (%s), written by `l10n extract`: edit the article, not this file.", ArticlePath(a.slug), p.Source),
		"It keeps each unit's id; translators work in the other catalogs of this folder.",
	}
	return write{Rel: rel, Data: f.Encode(header, nil), Snap: a.enSnap}
}

// targetCatalog returns the new catalog of an article for a locale.
func (p *Project) targetCatalog(a *article, loc string, g *glossary.Glossary) (write, error) {
	f, snap, err := p.targetFile(a, loc)
	if err != nil {
		return write{}, err
	}
	return write{Rel: CatalogPath(a.slug, loc), Data: f.Encode(targetHeader(a.slug, loc), a.sourceNotes(loc, g)), Snap: snap}, nil
}

// targetFile merges an article's current units into its catalog for a
// locale.
func (p *Project) targetFile(a *article, loc string) (*catalog.File, stage.Snapshot, error) {
	old, snap, err := p.readCatalog(CatalogPath(a.slug, loc))
	if err != nil {
		return nil, snap, err
	}
	live, obsolete := targetEntries(old)
	f := &catalog.File{}
	current := map[string]bool{}
	for i := range a.doc.Units {
		id, h := a.id(i), a.hash(i)
		current[id] = true
		e := live[id]
		if e == nil {
			e = obsolete[id]
		}
		if e == nil {
			e = &catalog.Entry{ID: id, Style: yaml.DoubleQuotedStyle}
		} else {
			c := *e
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
	for _, e := range old.Entries {
		if !current[e.ID] {
			f.Obsolete = append(f.Obsolete, e)
		}
	}
	for _, e := range old.Obsolete {
		if !current[e.ID] && live[e.ID] == nil {
			f.Obsolete = append(f.Obsolete, e)
		}
	}
	return f, snap, nil
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
