//go:build unix

package project

import "golang.org/x/sys/unix"

// stamp returns the stamp of the regular file at path, not following a
// symbolic link.
func stamp(path string) (Stamp, bool) {
	var st unix.Stat_t
	if err := unix.Lstat(path, &st); err != nil || st.Mode&unix.S_IFMT != unix.S_IFREG {
		return Stamp{}, false
	}
	return Stamp{Size: st.Size, MTime: st.Mtim.Nano(), CTime: st.Ctim.Nano(), Ino: uint64(st.Ino)}, true
}

// folderStamp returns the stamp of the folder at path, not following a
// symbolic link: any file created, removed or renamed in it gives it new
// times.
func folderStamp(path string) (Stamp, bool) {
	var st unix.Stat_t
	if err := unix.Lstat(path, &st); err != nil || st.Mode&unix.S_IFMT != unix.S_IFDIR {
		return Stamp{}, false
	}
	return Stamp{Size: st.Size, MTime: st.Mtim.Nano(), CTime: st.Ctim.Nano(), Ino: uint64(st.Ino)}, true
}
