package pipeline

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
)

// renameShare is the share of units two versions of an article must have
// in common (of the larger one's) for extract to take one for the other
// renamed.
const renameShare = 0.5

// renames returns the selected articles that extract takes for renamed
// articles that are gone, mapped to the slug they had: an article without
// catalogs, at least renameShare of whose units have the text of units
// of the gone article's source catalog. Each gone article goes to the
// article that shares the most with it.
func (p *Project) renames(pk *picked) (map[string]string, error) {
	l := pk.layout
	var fresh []string
	for _, slug := range pk.slugs {
		if len(l.catalogs(slug)) == 0 {
			fresh = append(fresh, slug)
		}
	}
	if len(fresh) == 0 || len(l.deleted) == 0 {
		return nil, nil
	}
	texts := map[string]map[string]bool{}
	for _, old := range l.deleted {
		f, _, err := p.readCatalog(CatalogPath(old, p.Source))
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
		doc, err := p.readArticle(slug)
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
		out[pr.slug] = pr.old
		taken[pr.old] = true
	}
	return out, nil
}

// movedFile is a catalog that extract read from the folder of a renamed
// article and wrote to the new one.
type movedFile struct {
	rel  string
	snap stage.Snapshot
}

// finishRenames completes the renames extract recognised, once the new
// catalogs are written: it removes the catalogs they were made from
// (unless someone changed one meanwhile), moves the old folder's other
// files into the new folder, and removes the old folder.
func (p *Project) finishRenames(renamed map[string]string, moved []movedFile) error {
	for _, m := range moved {
		if !m.snap.Exists {
			continue
		}
		if err := m.snap.Verify(p.abs(m.rel)); err != nil {
			return &InputError{File: m.rel, Err: fmt.Errorf("changed during the rename; the new catalog was made from it as it was: %w", stage.ErrChanged)}
		}
		if err := os.Remove(p.abs(m.rel)); err != nil {
			return err
		}
	}
	news := make([]string, 0, len(renamed))
	for n := range renamed {
		news = append(news, n)
	}
	sort.Strings(news)
	for _, n := range news {
		if err := p.moveFolder(filepath.Join("locales", renamed[n]), filepath.Join("locales", n)); err != nil {
			return err
		}
	}
	return nil
}

// moveFolder moves the files of one folder into another that has none of
// their names, and removes the first.
func (p *Project) moveFolder(from, to string) error {
	files, err := os.ReadDir(p.abs(from))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if err := os.MkdirAll(p.abs(to), 0o755); err != nil {
		return err
	}
	for _, f := range files {
		src, dst := filepath.Join(from, f.Name()), filepath.Join(to, f.Name())
		if _, err := os.Lstat(p.abs(dst)); err == nil {
			return &InputError{File: dst, Err: fmt.Errorf("exists already: %s is left where it is", src)}
		}
		if err := os.Rename(p.abs(src), p.abs(dst)); err != nil {
			return err
		}
	}
	return os.Remove(p.abs(from))
}

// Move renames an article and takes its catalogs along: articles/OLD.md
// becomes articles/NEW.md and locales/OLD becomes locales/NEW. An article
// renamed already (git mv) keeps its new name and gets its catalogs. NEW
// must be free: no article of that name, and no catalogs beyond those an
// extract made for it after the rename (without a translation or a
// comment), which the old catalogs replace. Editions of OLD disappear
// with the next build. It returns the paths it moved, as "from → to".
func (p *Project) Move(oldName, newName string) ([]string, error) {
	old, err := slugArg(oldName)
	if err != nil {
		return nil, err
	}
	nu, err := slugArg(newName)
	if err != nil {
		return nil, err
	}
	if old == nu {
		return nil, &InputError{File: ArticlePath(nu), Err: errors.New("is the name it has")}
	}
	exists := func(rel string) bool {
		_, err := os.Lstat(p.abs(rel))
		return err == nil
	}
	oldArt, newArt := ArticlePath(old), ArticlePath(nu)
	oldCat, newCat := filepath.Join("locales", old), filepath.Join("locales", nu)
	moveArticle := exists(oldArt)
	switch {
	case moveArticle && exists(newArt):
		return nil, &InputError{File: newArt, Err: errors.New("exists already: pick another name, or remove it first")}
	case !moveArticle && !exists(newArt):
		return nil, &InputError{File: oldArt, Err: errors.New("no such article")}
	case !moveArticle && !exists(oldCat):
		return nil, &InputError{File: oldCat, Err: fmt.Errorf("no catalogs to move (%s is already renamed)", oldArt)}
	}
	if err := p.inside(p.abs(oldCat)); err != nil {
		return nil, err
	}
	// Catalogs under the new name are replaced only if they hold no
	// work: those an extract made after a git mv, say; not those of a
	// deleted article of that name.
	var replace []string
	if exists(newCat) {
		if replace, err = p.replaceable(nu); err != nil {
			return nil, err
		}
	}
	var done []string
	for _, rel := range replace {
		if err := os.Remove(p.abs(rel)); err != nil {
			return done, err
		}
	}
	if exists(newCat) {
		if err := os.Remove(p.abs(newCat)); err != nil {
			return done, err
		}
	}
	if exists(oldCat) {
		if err := p.moveFolder(oldCat, newCat); err != nil {
			return done, err
		}
		done = append(done, oldCat+" → "+newCat)
	}
	if moveArticle {
		if err := os.Rename(p.abs(oldArt), p.abs(newArt)); err != nil {
			if len(done) > 0 {
				_ = p.moveFolder(newCat, oldCat)
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
		return "", &InputError{Err: fmt.Errorf("%q is not an article name (a slug such as ngo-indifference, or articles/<slug>.md)", s)}
	}
	return slug, nil
}

// replaceable returns the catalogs of locales/<slug> if none holds work to
// keep (a translation, a translator's comment), else an error naming the
// first that does.
func (p *Project) replaceable(slug string) ([]string, error) {
	dir := filepath.Join("locales", slug)
	files, err := os.ReadDir(p.abs(dir))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, f := range files {
		rel := filepath.Join(dir, f.Name())
		if !strings.HasSuffix(f.Name(), ".yaml") {
			return nil, &InputError{File: rel, Err: errors.New("is not a catalog: move it away first")}
		}
		c, _, err := p.readCatalog(rel)
		if err != nil {
			return nil, err
		}
		source := strings.TrimSuffix(f.Name(), ".yaml") == p.Source
		if slices.ContainsFunc(append(ownHeader(c.Header), c.End...), func(l string) bool { return l != "" }) {
			return nil, &InputError{File: rel, Err: errors.New("holds comments: merge it by hand, or remove it first")}
		}
		for _, e := range append(append([]*catalog.Entry{}, c.Entries...), c.Obsolete...) {
			if !source && strings.TrimSpace(e.Other) != "" || len(e.Comments) > 0 || len(e.Above) > 0 {
				return nil, &InputError{File: rel, Line: e.Line, Err: errors.New("holds work (a translation or a comment): merge it by hand, or remove it first")}
			}
		}
		out = append(out, rel)
	}
	return out, nil
}

// removeRetracted removes the editions of articles that are gone, with
// their build records: out/<locale>/<slug>.md and .html whose article is
// not in articles/ and that build made (there is a record) or whose
// catalogs are still there; not the files this build wrote (an index
// page where an article named index was). It returns the files removed,
// and warns of editions of a locale that has nothing to build them from.
func (p *Project) removeRetracted(l *layout, written []string) ([]string, error) {
	locs, err := os.ReadDir(p.abs("out"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var removed []string
	cache := filepath.Join("out", ".cache")
	for _, d := range locs {
		if !d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			continue
		}
		loc := d.Name()
		if loc != p.Source && !slices.Contains(p.Locales, loc) && !l.hasLocale(loc) {
			p.warn("%s: editions of %s, which is not one of the project's locales and has no catalogs: build no longer updates them", filepath.Join("out", loc), loc)
		}
		files, err := os.ReadDir(p.abs(filepath.Join("out", loc)))
		if err != nil {
			return removed, err
		}
		for _, f := range files {
			ext := filepath.Ext(f.Name())
			slug := strings.TrimSuffix(f.Name(), ext)
			if ext != ".md" && ext != ".html" || l.readable(slug) {
				continue
			}
			record := filepath.Join(cache, loc, slug+".json")
			if _, err := os.Stat(p.abs(record)); err != nil && !slices.Contains(l.deleted, slug) {
				continue
			}
			rel := filepath.Join("out", loc, f.Name())
			if slices.Contains(written, rel) {
				continue
			}
			if err := os.Remove(p.abs(rel)); err != nil {
				return removed, err
			}
			removed = append(removed, rel)
		}
	}
	records, _ := filepath.Glob(p.abs(filepath.Join(cache, "*", "*.json")))
	for _, r := range records {
		if slug := strings.TrimSuffix(filepath.Base(r), ".json"); !l.readable(slug) {
			if err := os.Remove(r); err != nil {
				return removed, err
			}
		}
	}
	return removed, nil
}
