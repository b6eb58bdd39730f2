package extract

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/l10n-dev/l10n/internal/stage"
	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// renameShare is the share of units two versions of an article must have
// in common (of the larger one's) for extract to take one for the other
// renamed.
const renameShare = 0.5

// renames returns the selected articles that extract takes for renamed
// articles that are gone, mapped to the slug they had: an article without
// catalogs, at least renameShare of whose units have the text of units
// of the gone article's source catalog. Each gone article goes to the
// article that shares the most with it. Under a shard, the articles of
// every shard compete, as in a run without shards, and the shard of the
// new article moves the catalogs.
func renames(p *project.Project, pk *project.Picked) (map[string]string, error) {
	l := pk.Layout
	var fresh []string
	for _, slug := range pk.Unsharded {
		if len(l.Catalogs(slug)) == 0 {
			fresh = append(fresh, slug)
		}
	}
	if len(fresh) == 0 || len(l.Deleted) == 0 {
		return nil, nil
	}
	texts := map[string]map[string]bool{}
	for _, old := range l.Deleted {
		f, _, err := p.ReadCatalog(project.CatalogPath(old, p.Source))
		if err != nil {
			return nil, err
		}
		set := map[string]bool{}
		for _, e := range f.Entries {
			set[e.Other] = true
		}
		if len(set) > 0 {
			texts[old] = set
		}
	}
	type pair struct {
		slug, old string
		share     float64
	}
	var pairs []pair
	for _, slug := range fresh {
		doc, err := p.ReadArticle(slug)
		if err != nil {
			return nil, err
		}
		for old, set := range texts {
			n := 0
			for i := range doc.Units {
				if set[doc.Units[i].Text] {
					n++
				}
			}
			if share := float64(n) / float64(max(len(doc.Units), len(set))); share >= renameShare {
				pairs = append(pairs, pair{slug, old, share})
			}
		}
	}
	sort.Slice(pairs, func(i, j int) bool {
		a, b := pairs[i], pairs[j]
		if a.share != b.share {
			return a.share > b.share
		}
		if a.slug != b.slug {
			return a.slug < b.slug
		}
		return a.old < b.old
	})
	out := map[string]string{}
	taken := map[string]bool{}
	for _, pr := range pairs {
		if _, ok := out[pr.slug]; ok || taken[pr.old] {
			continue
		}
		taken[pr.old] = true
		if p.Shard.Has(pr.slug) {
			out[pr.slug] = pr.old
		}
	}
	return out, nil
}

// movedFile is a catalog as read before it is removed: one that extract
// read from the folder of a renamed article and wrote to the new one, or
// one mv replaces.
type movedFile struct {
	rel  string
	snap stage.Snapshot
}

// finishRenames completes the renames extract recognised, once the new
// catalogs are written: it removes the catalogs they were made from
// (unless someone changed one meanwhile), moves the old folder's other
// files into the new folder, and removes the old folder.
func finishRenames(p *project.Project, renamed map[string]string, moved []movedFile) error {
	for _, m := range moved {
		if !m.snap.Exists {
			continue
		}
		if err := stage.Remove(p.Abs(m.rel), m.snap); err != nil {
			if errors.Is(err, stage.ErrChanged) {
				return &project.InputError{File: m.rel, Err: fmt.Errorf("changed during the rename; the new catalog was made from it as it was: %w", stage.ErrChanged)}
			}
			return err
		}
	}
	news := make([]string, 0, len(renamed))
	for n := range renamed {
		news = append(news, n)
	}
	sort.Strings(news)
	for _, n := range news {
		if err := moveFolder(p, filepath.Join("locales", renamed[n]), filepath.Join("locales", n)); err != nil {
			return err
		}
	}
	return nil
}

// moveFolder moves the files of one folder into another that has none of
// their names, and removes the first.
func moveFolder(p *project.Project, from, to string) error {
	files, err := os.ReadDir(p.Abs(from))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if err := os.MkdirAll(p.Abs(to), 0o755); err != nil {
		return err
	}
	for _, f := range files {
		src, dst := filepath.Join(from, f.Name()), filepath.Join(to, f.Name())
		if err := stage.Rename(p.Abs(src), p.Abs(dst)); err != nil {
			if errors.Is(err, fs.ErrExist) {
				return &project.InputError{File: dst, Err: fmt.Errorf("exists already: %s is left where it is", src)}
			}
			return err
		}
	}
	return stage.Discard(p.Abs(from))
}

// Move renames an article and takes its catalogs along: articles/OLD.md
// becomes articles/NEW.md and locales/OLD becomes locales/NEW. An article
// renamed already (git mv) keeps its new name and gets its catalogs. NEW
// must be free: no article of that name, and no catalogs beyond those an
// extract made for it after the rename (without a translation or a
// comment), which the old catalogs replace. Editions of OLD disappear
// with the next build. It returns the paths it moved, as "from → to".
func Move(p *project.Project, oldName, newName string) ([]string, error) {
	old, err := slugArg(oldName)
	if err != nil {
		return nil, err
	}
	nu, err := slugArg(newName)
	if err != nil {
		return nil, err
	}
	if old == nu {
		return nil, &project.InputError{File: project.ArticlePath(nu), Err: errors.New("is the name it has")}
	}
	exists := func(rel string) bool {
		_, err := os.Lstat(p.Abs(rel))
		return err == nil
	}
	oldArt, newArt := project.ArticlePath(old), project.ArticlePath(nu)
	oldCat, newCat := filepath.Join("locales", old), filepath.Join("locales", nu)
	moveArticle := exists(oldArt)
	switch {
	case moveArticle && exists(newArt):
		return nil, &project.InputError{File: newArt, Err: errors.New("exists already: pick another name, or remove it first")}
	case !moveArticle && !exists(newArt):
		return nil, &project.InputError{File: oldArt, Err: errors.New("no such article")}
	case !moveArticle && !exists(oldCat):
		return nil, &project.InputError{File: oldCat, Err: fmt.Errorf("no catalogs to move (%s is already renamed)", oldArt)}
	}
	if err := p.Inside(p.Abs(oldCat)); err != nil {
		return nil, err
	}
	// Catalogs under the new name are replaced only if they hold no
	// work: those an extract made after a git mv, say; not those of a
	// deleted article of that name.
	var replace []movedFile
	if exists(newCat) {
		if replace, err = replaceable(p, nu); err != nil {
			return nil, err
		}
	}
	var done []string
	for _, r := range replace {
		if err := stage.Remove(p.Abs(r.rel), r.snap); err != nil {
			if errors.Is(err, stage.ErrChanged) {
				return done, &project.InputError{File: r.rel, Err: stage.ErrChanged}
			}
			return done, err
		}
	}
	if exists(newCat) {
		if err := stage.Discard(p.Abs(newCat)); err != nil {
			return done, err
		}
	}
	if exists(oldCat) {
		if err := moveFolder(p, oldCat, newCat); err != nil {
			return done, err
		}
		done = append(done, oldCat+" → "+newCat)
	}
	if moveArticle {
		if err := stage.Rename(p.Abs(oldArt), p.Abs(newArt)); err != nil {
			if len(done) > 0 {
				_ = moveFolder(p, newCat, oldCat)
			}
			return nil, err
		}
		done = append([]string{oldArt + " → " + newArt}, done...)
	}
	return done, nil
}

// slugArg takes an article's slug from a command-line argument: a slug,
// or the article's path.
func slugArg(s string) (string, error) {
	slug := strings.TrimSuffix(strings.TrimPrefix(filepath.ToSlash(s), "articles/"), ".md")
	if slug == "" || strings.HasPrefix(slug, ".") || strings.ContainsAny(slug, `/\`) || strings.ContainsRune(slug, 0) {
		return "", &project.InputError{Err: fmt.Errorf("%q is not an article name (a slug such as ngo-indifference, or articles/<slug>.md)", s)}
	}
	return slug, nil
}

// replaceable returns the catalogs of locales/<slug> if none holds work to
// keep (a translation, a translator's comment; not a translation the
// memory pre-filled that nobody confirmed), else an error naming the
// first that does.
func replaceable(p *project.Project, slug string) ([]movedFile, error) {
	dir := filepath.Join("locales", slug)
	files, err := os.ReadDir(p.Abs(dir))
	if err != nil {
		return nil, err
	}
	var out []movedFile
	for _, f := range files {
		rel := filepath.Join(dir, f.Name())
		if !strings.HasSuffix(f.Name(), ".yaml") {
			return nil, &project.InputError{File: rel, Err: errors.New("is not a catalog: move it away first")}
		}
		c, snap, err := p.ReadCatalog(rel)
		if err != nil {
			return nil, err
		}
		source := strings.TrimSuffix(f.Name(), ".yaml") == p.Source
		if slices.ContainsFunc(append(project.OwnHeader(c.Header), c.End...), func(l string) bool { return l != "" }) {
			return nil, &project.InputError{File: rel, Err: errors.New("holds comments: merge it by hand, or remove it first")}
		}
		for _, e := range append(append([]*catalog.Entry{}, c.Entries...), c.Obsolete...) {
			if project.Prefilled(e) {
				// A pre-fill from the memory is nobody's work.
				continue
			}
			if !source && strings.TrimSpace(e.Other) != "" || len(e.Comments) > 0 || len(e.Above) > 0 {
				return nil, &project.InputError{File: rel, Line: e.Line, Err: errors.New("holds work (a translation or a comment): merge it by hand, or remove it first")}
			}
		}
		out = append(out, movedFile{rel: rel, snap: snap})
	}
	return out, nil
}
