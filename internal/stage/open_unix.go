//go:build unix

package stage

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

// openFile opens a file as os.OpenFile does, but leaves it out of the
// runtime's network poller. os.OpenFile offers every file it opens to the
// poller, which a regular file refuses: four fcntl calls and an epoll_ctl
// that fails, besides the open and the close. For the thousands of
// articles, catalogs and editions a command reads and writes, those were
// more system calls than the reads themselves. os.NewFile asks once
// whether the descriptor is non-blocking (it is not) and does not offer it.
func openFile(path string, flag int, perm fs.FileMode) (*os.File, error) {
	for {
		fd, err := syscall.Open(path, flag|syscall.O_CLOEXEC, uint32(perm.Perm()))
		if errors.Is(err, syscall.EINTR) {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: path, Err: err}
		}
		return os.NewFile(uintptr(fd), path), nil
	}
}

// rename renames a staged file into place as os.Rename does, without the
// Lstat of the target that os.Rename makes to refuse a folder: renaming a
// file over a folder fails anyway (EISDIR), and the staged file of every
// edition build writes paid for the look.
func rename(from, to string) error {
	for {
		err := syscall.Rename(from, to)
		if errors.Is(err, syscall.EINTR) {
			continue
		}
		if err != nil {
			return &os.LinkError{Op: "rename", Old: from, New: to, Err: err}
		}
		return nil
	}
}
