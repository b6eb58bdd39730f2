//go:build !unix

package project

import "os"

// stamp returns the stamp of the regular file at path, not following a
// symbolic link: its size and modification time only.
func stamp(path string) (Stamp, bool) {
	fi, err := os.Lstat(path)
	if err != nil || !fi.Mode().IsRegular() {
		return Stamp{}, false
	}
	return Stamp{Size: fi.Size(), MTime: fi.ModTime().UnixNano()}, true
}

// folderStamp returns no stamp: without a change time, a folder's
// modification time set back would hide a file added to it, so the
// folder is listed on every run.
func folderStamp(string) (Stamp, bool) { return Stamp{}, false }

// rootDir is not kept open here.
type rootDir struct{}

// openRoot returns nil: stamps are taken by path.
func openRoot(string) *rootDir { return nil }

// stamp returns the stamp of the file of a project at rel (regular, or a
// folder), not following a symbolic link.
func (p *Project) stamp(rel string, folder bool) (Stamp, bool) {
	if folder {
		return folderStamp(p.Abs(rel))
	}
	return stamp(p.Abs(rel))
}
