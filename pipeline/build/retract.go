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
// there; not the index pages this build wrote (indexes: where an article
// named index was; the only files of a build named as an article that is
// not there). Their records go when the records file is next written by
// a build over every article. A folder in clean (sweptFolders: as build
// last listed it when this build began) is not listed: what this build
// wrote there since are editions of articles that are there. It returns
// the files removed, and warns of editions of a locale that has nothing
// to build them from.
func removeRetracted(p *project.Project, l *project.Layout, indexes []string, rs *project.Records, clean map[string]bool) ([]string, error) {
	locs, err := os.ReadDir(p.Abs("out"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var removed []string
	key := retractKey(p, l)
	for _, d := range locs {
		if !d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			continue
		}
		loc := d.Name()
		if loc != p.Source && !slices.Contains(p.Locales, loc) && !l.HasLocale(loc) {
			p.Warnf("%s: editions of %s, which is not one of the project's locales and has no catalogs: build no longer updates them", filepath.Join("out", loc), loc)
		}
		dir := filepath.Join("out", loc)
		// The folder's stamp, before it is listed: when it and the
		// project's articles are as at the end of the last build, so is
		// what the folder holds, and there is nothing to remove.
		name := retractRecordName(loc)
		now := p.FolderStamp(dir)
		if fresh, _ := retractFresh(rs, name, key, now); fresh {
			rs.Put(name, nil)
			continue
		}
		if clean[loc] && now != nil {
			// Changed by this build alone (its editions renamed into
			// place): its new stamp, without a listing (some 3 ms a
			// folder of a thousand editions, a tenth of a build after one
			// article changed).
			rs.Put(name, retractRecord(key, now, false))
			continue
		}
		files, err := os.ReadDir(p.Abs(dir))
		if err != nil {
			return removed, err
		}
		staged := false
		for _, f := range files {
			if ok, _ := filepath.Match(stage.Pattern, f.Name()); ok {
				staged = true
			}
			ext := filepath.Ext(f.Name())
			slug := strings.TrimSuffix(f.Name(), ext)
			if ext != ".md" && ext != ".html" || l.Readable(slug) || !p.Shard.Has(slug) {
				continue
			}
			if _, ok := rs.Read(RecordName(slug, loc)); !ok && !slices.Contains(l.Deleted, slug) {
				continue
			}
			rel := filepath.Join("out", loc, f.Name())
			if slices.Contains(indexes, rel) {
				continue
			}
			if err := stage.Discard(p.Abs(rel)); err != nil {
				return removed, err
			}
			removed = append(removed, rel)
		}
		if now != nil {
			// Once every edition to remove is gone (a removal
			// gives the folder a new stamp: the next build lists it
			// again, once).
			rs.Put(name, retractRecord(key, now, staged))
		}
	}
	return removed, nil
}

// retractRecord is the record of an edition folder with the stamp now,
// listed for a project whose articles had the key given (retractKey),
// and whether it held staged files (see retractFresh).
func retractRecord(key string, now []project.Stamp, staged bool) []byte {
	e := &project.RecordEncoder{}
	e.Text(retractFormat)
	e.Text(key)
	e.Stamps(now)
	e.Bool(staged)
	return e.B
}

// retractFormat names the layout of the record of an edition folder's
// listing; change it when the layout changes.
const retractFormat = "l10n retract record 2"

// retractRecordName returns the name of the record of the folder of a
// locale's editions in build's records file: a leading slash, which no
// edition's record name (RecordName) has.
func retractRecordName(loc string) string { return "/out/" + loc }

// retractFresh reports whether the record name says that the edition
// folder with the stamp now held no edition of an article that is gone
// when build last listed it, for a project whose articles had the key
// given (retractKey); and whether it held staged files then.
func retractFresh(rs *project.Records, name, key string, now []project.Stamp) (fresh, staged bool) {
	rec, ok := rs.Read(name)
	if !ok || now == nil {
		return false, false
	}
	d := project.NewRecordDecoder(rec.Data)
	format, was, then, staged := d.Text(), d.Text(), d.Stamps(), d.Bool()
	if !d.End() || format != retractFormat || was != key || !rec.Fresh(now, then) {
		return false, false
	}
	return true, staged
}

// retractKey returns the digest of what says which editions are of
// articles that are gone: the project's articles and the shard.
func retractKey(p *project.Project, l *project.Layout) string {
	return project.Digest([]byte(l.Key()), []byte(p.Shard.String()))
}

// sweptFolders tells st which edition folders of locales hold no staged
// files: those unchanged since build last listed them and found none;
// it returns their locales (see removeRetracted).
func sweptFolders(p *project.Project, l *project.Layout, rs *project.Records, st *stage.Set, locales []string) map[string]bool {
	key := retractKey(p, l)
	clean := map[string]bool{}
	for _, loc := range locales {
		dir := filepath.Join("out", loc)
		if fresh, staged := retractFresh(rs, retractRecordName(loc), key, p.FolderStamp(dir)); fresh && !staged {
			st.Swept(dir)
			clean[loc] = true
		}
	}
	return clean
}
