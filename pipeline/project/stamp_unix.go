//go:build unix

package project

import (
	"runtime"

	"golang.org/x/sys/unix"
)

// stampAt returns the stamp of the file of the given type at path,
// relative to the folder open as dir, not following a symbolic link. A
// folder's stamp moves whenever a file is created, removed or renamed in
// it (its modification and change times).
func stampAt(dir int, path string, typ uint32) (Stamp, bool) {
	var st unix.Stat_t
	if err := unix.Fstatat(dir, path, &st, unix.AT_SYMLINK_NOFOLLOW); err != nil || uint32(st.Mode)&unix.S_IFMT != typ {
		return Stamp{}, false
	}
	return Stamp{Size: st.Size, MTime: st.Mtim.Nano(), CTime: st.Ctim.Nano(), Ino: uint64(st.Ino)}, true
}

// rootDir is a project's root folder, open: a file's stamp is taken
// relative to it, which spares the system the walk from / to the root
// (a run takes thousands) and l10n the joining of paths.
type rootDir struct{ fd int }

// openRoot opens the root folder, or returns nil.
func openRoot(root string) *rootDir {
	fd, err := unix.Open(root, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil
	}
	d := &rootDir{fd: fd}
	runtime.AddCleanup(d, func(fd int) { unix.Close(fd) }, fd)
	return d
}

// stamp returns the stamp of the file of a project at rel (regular, or a
// folder), not following a symbolic link.
func (p *Project) stamp(rel string, folder bool) (Stamp, bool) {
	typ := uint32(unix.S_IFREG)
	if folder {
		typ = unix.S_IFDIR
	}
	if p.dir != nil && plainRel(rel) {
		s, ok := stampAt(p.dir.fd, rel, typ)
		runtime.KeepAlive(p.dir)
		return s, ok
	}
	return stampAt(unix.AT_FDCWD, p.Abs(rel), typ)
}
