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
