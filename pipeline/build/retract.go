package build

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/l10n-dev/l10n/internal/stage"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// removeRetracted removes the editions of articles that are gone:
// out/<locale>/<slug>.md and .html whose article is not in articles/ and
// that build made (there is a record in rs) or whose catalogs are still
// there; not the files this build wrote (an index page where an article
// named index was). Their records go when the records file is next
// written by a build over every article. It returns the files removed,
// and warns of editions of a locale that has nothing to build them from.
func removeRetracted(p *project.Project, l *project.Layout, written []string, rs *project.Records) ([]string, error) {
	locs, err := os.ReadDir(p.Abs("out"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var removed []string
	for _, d := range locs {
		if !d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			continue
		}
		loc := d.Name()
		if loc != p.Source && !slices.Contains(p.Locales, loc) && !l.HasLocale(loc) {
			p.Warnf("%s: editions of %s, which is not one of the project's locales and has no catalogs: build no longer updates them", filepath.Join("out", loc), loc)
		}
		files, err := os.ReadDir(p.Abs(filepath.Join("out", loc)))
		if err != nil {
			return removed, err
		}
		for _, f := range files {
			ext := filepath.Ext(f.Name())
			slug := strings.TrimSuffix(f.Name(), ext)
			if ext != ".md" && ext != ".html" || l.Readable(slug) || !p.Shard.Has(slug) {
				continue
			}
			if _, ok := rs.Read(RecordName(slug, loc)); !ok && !slices.Contains(l.Deleted, slug) {
				continue
			}
			rel := filepath.Join("out", loc, f.Name())
			if slices.Contains(written, rel) {
				continue
			}
			if err := stage.Discard(p.Abs(rel)); err != nil {
				return removed, err
			}
			removed = append(removed, rel)
		}
	}
	return removed, nil
}
