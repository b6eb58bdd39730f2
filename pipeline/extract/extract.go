// Package extract is the stage that writes catalogs from articles:
// extract (articles to the source catalog and every target catalog,
// keeping every translation), pseudo (a pseudo-translated catalog), prune
// (the only command that drops obsolete entries), mv (an article renamed
// with its catalogs) and locale add (a new target locale). Every file
// goes through internal/stage.
package extract

import (
	"sync"

	"github.com/l10n-dev/l10n/internal/pool"
	"github.com/l10n-dev/l10n/internal/stage"
	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/glossary"
	"github.com/l10n-dev/l10n/pipeline/memory"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// Options selects what extract works on.
type Options struct {
	Articles []string // slugs; all when empty
	Locales  []string // target locales; the project's when empty
}

// Result says what extract did.
type Result struct {
	Written  []string // catalogs written, relative to the root
	Articles int      // articles read
	// Renamed maps each article extract recognised as renamed to the
	// slug it had: its catalogs moved from locales/<old> to
	// locales/<new>.
	Renamed map[string]string
}

// Run extracts: it segments articles and updates their catalogs: the source catalog
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
//
// The translation memory a run builds keeps its texts, entries and
// arrays outside the heap, in memory mapped from an unnamed file in the
// project's folder (internal/offheap), which lasts until the process
// ends: a process that runs extract many times holds each run's (tens of
// MB on 1,000 articles; nothing below some sixty, see memory.NewStore).
func Run(p *project.Project, opts Options) (*Result, error) {
	pk, err := p.Pick(opts.Articles, opts.Locales, project.PickSurvey|project.PickFolderRecords)
	if err != nil {
		return nil, err
	}
	slugs, locales := pk.Slugs, pk.Locales
	g, err := p.ReadGlossary()
	if err != nil {
		return nil, err
	}
	renamed, err := renames(p, pk)
	if err != nil {
		return nil, err
	}
	var targets []string
	for _, loc := range project.Unique(locales) {
		if loc != p.Source {
			targets = append(targets, loc)
		}
	}
	// Each article writes its source catalog, then one per target.
	st, err := stage.New(p.Root, true, 1+len(targets), func(i, slot int) string {
		if slot == 0 {
			return project.CatalogPath(slugs[i], p.Source)
		}
		return project.CatalogPath(slugs[i], targets[slot-1])
	})
	if err != nil {
		return nil, err
	}
	defer st.Abort()
	for _, slug := range slugs {
		// The survey listed the folder (or knows it unchanged since it
		// did): no staged file of a killed run to sweep there.
		if pk.Layout.Unstaged(slug) {
			st.Swept(project.CatalogDir(slug))
		}
	}
	recs := newRecords(p, pk.Layout, len(slugs), targets, memoryOn(p))
	defer recs.store.Close()
	// Articles are read, merged and encoded in parallel; their files are
	// staged in article order as they come, and replace the catalogs only
	// once every article has been read and checked.
	// The files a rename moves away from, as they were read.
	var moved []movedFile
	var mu sync.Mutex
	var mem *memory.Lazy
	if !p.Memory.Off {
		// The memory reads every catalog once more, when it is first
		// needed, unless the cache holds the memory of this key; the
		// merge reads each again rather than keep them all (that cost
		// 0.5 GB on 1,000 articles: memory must stay flat). A memory
		// built is kept while the articles are extracted, and dropped
		// if the run fails.
		mem = recs.mem
		mem.SaveAhead()
		defer mem.Abort()
		mem.Prefetch()
	}
	// A parted memory answers the run's lookups all at once: they are
	// taken first, in a pass over the articles that extract makes anew
	// (the records' skipped as in the pass that writes), then answered
	// a part of the memory at a time (memory.Lazy.Gather).
	var skipped []bool
	// The progress of the run: each article, and for a parted memory
	// each article of the first pass and each part too.
	done, total := 0, len(slugs)
	tick := func() {
		if done++; p.Progress != nil {
			p.Progress(done, total)
		}
	}
	if mem != nil && mem.Parted() {
		total = 2*len(slugs) + mem.Parts()
		if skipped, err = gather(p, slugs, renamed, targets, g, recs, mem, tick); err != nil {
			recs.file.Abort()
			return nil, err
		}
	}
	err = pool.Ordered(len(slugs), func(i int) ([]stage.File, error) {
		from := slugs[i]
		if old, ok := renamed[slugs[i]]; ok {
			from = old
		} else if skipped != nil && skipped[i] || skipped == nil && recs.skip(p, i, slugs[i], targets) {
			return nil, nil
		}
		a, err := p.LoadArticleFrom(slugs[i], from)
		if err != nil {
			return nil, err
		}
		ws, err := targetCatalogs(p, a, targets, g, mem)
		if err != nil {
			return nil, err
		}
		writes := append([]stage.File{sourceCatalog(p, a)}, ws...)
		recs.made(i, writes)
		if from != a.Slug {
			mu.Lock()
			for k := range writes {
				loc := p.Source
				if k > 0 {
					loc = targets[k-1]
				}
				moved = append(moved, movedFile{rel: project.CatalogPath(from, loc), snap: writes[k].Snap})
				writes[k].Snap = stage.Snapshot{}
			}
			mu.Unlock()
		}
		// The catalogs that change are written (and synced) here, on
		// every core, rather than by Put.
		for k := range writes {
			if err := st.Prepare(&writes[k]); err != nil {
				return nil, err
			}
		}
		return writes, nil
	}, func(i int, writes []stage.File) error {
		if writes == nil {
			// Skipped (see records): its slots stay empty.
			for range 1 + len(targets) {
				if _, err := st.Put(nil); err != nil {
					return err
				}
			}
		}
		for k := range writes {
			if _, err := st.Put(&writes[k]); err != nil {
				return err
			}
		}
		tick()
		return nil
	})
	if err != nil {
		recs.file.Abort()
		return nil, err
	}
	written, err := st.Commit()
	res := &Result{Written: written, Articles: len(slugs), Renamed: renamed}
	if err != nil {
		recs.file.Abort()
		return res, err
	}
	recs.commit(p, slugs, targets, written, renamed, len(opts.Articles) == 0 && !p.Shard.Sharded())
	pk.Layout.Commit()
	mem.Save()
	return res, finishRenames(p, renamed, moved)
}

// gather takes the memory's lookups of the articles that extract makes
// anew, for a parted memory, and answers them (see memory.Lazy.Gather);
// it returns which articles the records skip.
func gather(p *project.Project, slugs []string, renamed map[string]string, targets []string, g *glossary.Glossary, recs *records, mem *memory.Lazy, tick func()) ([]bool, error) {
	skipped := make([]bool, len(slugs))
	mem.Gather()
	err := pool.Ordered(len(slugs), func(i int) (struct{}, error) {
		from := slugs[i]
		if old, ok := renamed[slugs[i]]; ok {
			from = old
		} else if recs.skip(p, i, slugs[i], targets) {
			skipped[i] = true
			return struct{}{}, nil
		}
		a, err := p.LoadArticleFrom(slugs[i], from)
		if err != nil {
			return struct{}{}, err
		}
		fs, _, err := targetFiles(p, a, targets)
		if err != nil {
			return struct{}{}, err
		}
		_, err = fromMemory(p, a, fs, targets, mem)
		return struct{}{}, err
	}, func(int, struct{}) error {
		tick()
		return nil
	})
	if err != nil {
		return nil, err
	}
	return skipped, mem.Answer(tick)
}

// targetFiles returns an article's catalogs of the target locales, merged
// with its units (project.TargetFile), and each as it was read.
func targetFiles(p *project.Project, a *project.Article, targets []string) ([]*catalog.File, []stage.Snapshot, error) {
	fs := make([]*catalog.File, len(targets))
	snaps := make([]stage.Snapshot, len(targets))
	for i, loc := range targets {
		var err error
		if fs[i], snaps[i], err = p.TargetFile(a, loc); err != nil {
			return nil, nil, err
		}
	}
	return fs, snaps, nil
}

// sourceCatalog returns the new source catalog of an article.
func sourceCatalog(p *project.Project, a *project.Article) stage.File {
	f := &catalog.File{Header: project.OwnHeader(a.En.Header), End: a.En.End, ObsoleteEnd: a.En.ObsoleteEnd}
	for i := range a.Doc.Units {
		u := &a.Doc.Units[i]
		e := &catalog.Entry{ID: a.ID(i), Description: project.Description(u), Other: u.Text}
		if m := a.Matches[i]; m.Known >= 0 {
			k := a.KnownE[m.Known]
			e.Comments, e.Above = k.Comments, k.Above
		}
		f.Entries = append(f.Entries, e)
	}
	for _, k := range a.Unused {
		f.Obsolete = append(f.Obsolete, a.KnownE[k])
	}
	rel := project.CatalogPath(a.Slug, p.Source)
	return stage.File{Rel: rel, Data: f.Encode(project.SourceHeader(a.Slug, p.Source), nil), Snap: a.EnSnap}
}

// targetCatalogs returns the new catalogs of an article for the target
// locales. Their missing units are looked up in the memory, each in all
// the locales that miss it at once (see fromMemory).
func targetCatalogs(p *project.Project, a *project.Article, targets []string, g *glossary.Glossary, mem *memory.Lazy) ([]stage.File, error) {
	fs, snaps, err := targetFiles(p, a, targets)
	if err != nil {
		return nil, err
	}
	notes := make([]project.MemoryNotes, len(targets))
	if mem != nil {
		if notes, err = fromMemory(p, a, fs, targets, mem); err != nil {
			return nil, err
		}
	}
	out := make([]stage.File, len(targets))
	for i, loc := range targets {
		out[i] = stage.File{Rel: project.CatalogPath(a.Slug, loc), Data: project.EncodeTarget(fs[i], a.Slug, loc, a.SourceNotesWith(loc, g, notes[i])), Snap: snaps[i]}
	}
	return out, nil
}
