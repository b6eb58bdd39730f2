package project

import (
	"os"
	"unsafe"

	"golang.org/x/sys/unix"
)

// mapRecord returns the n bytes of f at off as a string that is a
// read-only mapping of the file, or false when it cannot map them (the
// caller reads them). It maps only bytes that the file holds now (an
// fstat just before): a records file is only ever replaced by a rename,
// never written in place, so the mapping keeps the file as it was read
// even after a run replaced it. The mapping is never unmapped: the
// strings a decoder returns are parts of it and may be kept anywhere, so
// it lasts as long as the process (a command's run).
func mapRecord(f *os.File, off, n int64) (string, bool) {
	if n == 0 {
		return "", true
	}
	var st unix.Stat_t
	if err := unix.Fstat(int(f.Fd()), &st); err != nil || off < 0 || n < 0 || off+n > st.Size {
		return "", false
	}
	start := off &^ int64(os.Getpagesize()-1)
	if int64(int(off+n-start)) != off+n-start {
		return "", false
	}
	// Not populated: a page the run never reads (most translations,
	// which only a match shows) is never part of its memory.
	b, err := unix.Mmap(int(f.Fd()), start, int(off+n-start), unix.PROT_READ, unix.MAP_SHARED)
	if err != nil {
		return "", false
	}
	return unsafe.String(&b[off-start], int(n)), true
}
