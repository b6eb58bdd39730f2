package extract

import (
	"path/filepath"
	"slices"

	"github.com/l10n-dev/l10n/internal/stage"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// Prune deletes the obsolete entries of the selected catalogs: the one
// command that drops translations. It touches only the locales it is
// given (all of the project's and the source when none is), and only
// catalogs that exist. The source catalog keeps an obsolete entry as long
// as a catalog that is not pruned keeps a translation of it as obsolete:
// that entry is what gives a paragraph that comes back its id, and so its
// translations. The catalogs of an article that is gone are all obsolete:
// prune deletes them, the source catalog last.
func Prune(p *project.Project, sel project.Selection) ([]string, error) {
	pk, err := p.Pick(sel.Articles, sel.Locales, project.PickSurvey|project.PickDeleted)
	if err != nil {
		return nil, err
	}
	pruneSource := len(sel.Locales) == 0 || slices.Contains(pk.Locales, p.Source)
	var targets []string
	for _, loc := range pk.Locales {
		if loc != p.Source {
			targets = append(targets, loc)
		}
	}
	g, err := p.ReadGlossary()
	if err != nil {
		return nil, err
	}
	var writes []stage.File
	for _, slug := range pk.Slugs {
		a, err := p.LoadArticle(slug)
		if err != nil {
			return nil, err
		}
		kept := map[string]bool{} // obsolete ids a catalog not pruned keeps
		for _, loc := range pk.Layout.Catalogs(slug) {
			if loc == p.Source {
				continue
			}
			f, snap, err := p.TargetFile(a, loc)
			if err != nil {
				return nil, err
			}
			if !slices.Contains(targets, loc) {
				for _, e := range f.Obsolete {
					kept[e.ID] = true
				}
				continue
			}
			f.Obsolete, f.ObsoleteEnd = nil, nil
			writes = append(writes, stage.File{Rel: project.CatalogPath(slug, loc), Data: project.EncodeTarget(f, slug, loc, a.SourceNotes(loc, g)), Snap: snap})
		}
		if pruneSource {
			var keep []int
			for _, k := range a.Unused {
				if kept[a.KnownE[k].ID] {
					keep = append(keep, k)
				}
			}
			a.Unused = keep
			if len(keep) == 0 {
				a.En.ObsoleteEnd = nil
			}
			writes = append(writes, sourceCatalog(p, a))
		}
	}
	for _, slug := range pk.Deleted {
		left := 0
		for _, loc := range pk.Layout.Catalogs(slug) {
			rel := project.CatalogPath(slug, loc)
			if loc == p.Source {
				continue
			}
			if !slices.Contains(targets, loc) {
				left++
				continue
			}
			snap, err := stage.Read(p.Abs(rel))
			if err != nil {
				return nil, &project.InputError{File: rel, Err: err}
			}
			writes = append(writes, stage.File{Rel: rel, Snap: snap, Remove: true})
		}
		if rel := project.CatalogPath(slug, p.Source); pruneSource && left == 0 && slices.Contains(pk.Layout.Catalogs(slug), p.Source) {
			snap, err := stage.Read(p.Abs(rel))
			if err != nil {
				return nil, &project.InputError{File: rel, Err: err}
			}
			writes = append(writes, stage.File{Rel: rel, Snap: snap, Remove: true})
		}
	}
	written, err := stage.Files(p.Root, writes)
	for _, slug := range pk.Deleted {
		// The folder goes with its last catalog.
		_ = stage.Discard(p.Abs(filepath.Join("locales", slug)))
	}
	return written, err
}
