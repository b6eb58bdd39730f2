package project

import "path/filepath"

// The records of the catalog folders. The commands that survey the
// project (Pick with PickSurvey: extract, check, pseudo, prune, status)
// list every catalog folder locales/<slug>, for catalogs of a locale that
// is not the project's, and a writer sweeps each folder it may write for
// the staged files of a killed run. A folder's listing changes only when a
// file is created, removed or renamed in it, which gives the folder new
// modification and change times; so the survey keeps, per folder, its
// stamp and what it held (the records file "folders", see RecordsPath),
// and lists again only a folder whose stamp moved since, or that is not
// older than its record (the rule of Record.Fresh). A file written in
// place, as an editor saves, leaves its folder's stamp alone, but neither
// adds nor removes a name.

// foldersCommand names the records file of the catalog folders.
const foldersCommand = "folders"

// foldersFormat names the layout of a folder's record; change it when
// the layout changes.
const foldersFormat = "l10n folder record 1"

// folder is what a catalog folder holds: the locale names of its
// catalogs, and whether it holds staged files (stage.Pattern); listed
// says that the folder was listed, from its record or now, and not found
// missing.
type folder struct {
	names  []string
	staged bool
	listed bool
}

// folderRecordName returns the name of a catalog folder's record in the
// records file of the folders: its path, with a leading slash, which no
// command's own record names have.
func folderRecordName(slug string) string {
	return "/" + filepath.ToSlash(CatalogDir(slug))
}

// FolderStamp returns the stamp of a folder relative to the root (as a
// one-item list, for Record.Fresh), or nil if it is not a folder or the
// system gives folders no change time.
func (p *Project) FolderStamp(rel string) []Stamp {
	if s, ok := p.stamp(rel, true); ok {
		return []Stamp{s}
	}
	return nil
}

// listFolder lists an article's catalog folder, or takes what it holds
// from its record in rs when the folder's stamp is as recorded; with rs
// set, it returns the folder's new record too when it listed the folder.
func (p *Project) listFolder(slug string, rs *Records) (folder, []byte) {
	dir := p.Abs(CatalogDir(slug))
	now, stamped := p.stamp(CatalogDir(slug), true)
	if rs == nil || !stamped {
		names, staged, ok := listCatalogs(dir)
		return folder{names: names, staged: staged, listed: ok}, nil
	}
	name := folderRecordName(slug)
	if rec, ok := rs.Read(name); ok {
		d := NewRecordDecoder(rec.Data)
		format, then, staged := d.Text(), d.Stamps(), d.Bool()
		names := make([]string, d.Count(1))
		for i := range names {
			names[i] = d.Text()
		}
		if d.End() && format == foldersFormat && rec.Fresh([]Stamp{now}, then) {
			if len(names) == 0 {
				names = nil
			}
			return folder{names: names, staged: staged, listed: true}, nil
		}
	}
	// The stamp is taken before the listing: a file added meanwhile gives
	// the folder a stamp that the next run does not find recorded.
	names, staged, ok := listCatalogs(dir)
	if !ok {
		return folder{names: names}, nil
	}
	e := &RecordEncoder{}
	e.Text(foldersFormat)
	e.Stamps([]Stamp{now})
	e.Bool(staged)
	e.Int(int64(len(names)))
	for _, n := range names {
		e.Text(n)
	}
	return folder{names: names, staged: staged, listed: true}, e.B
}
