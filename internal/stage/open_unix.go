//go:build unix

package stage

import (
	"errors"
	"io"
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
	fd, err := open(path, flag, perm)
	if err != nil {
		return nil, err
	}
	return os.NewFile(uintptr(fd), path), nil
}

// open is open(2) with close-on-exec, tried again when a signal
// interrupts it, its error naming path as os.OpenFile's does.
func open(path string, flag int, perm fs.FileMode) (int, error) {
	for {
		fd, err := syscall.Open(path, flag|syscall.O_CLOEXEC, uint32(perm.Perm()))
		if errors.Is(err, syscall.EINTR) {
			continue
		}
		if err != nil {
			return -1, &fs.PathError{Op: "open", Path: path, Err: err}
		}
		return fd, nil
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

// openRead opens a file for readMode, with its size and permissions: the
// open, an fstat and the reads are all the system calls a read makes.
func openRead(path string) (io.ReadCloser, int64, fs.FileMode, error) {
	fd, err := open(path, syscall.O_RDONLY, 0)
	if err != nil {
		return nil, 0, 0, err
	}
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		syscall.Close(fd)
		return nil, 0, 0, &fs.PathError{Op: "stat", Path: path, Err: err}
	}
	return fdReader(fd), st.Size, fs.FileMode(st.Mode & 0o777), nil
}

// fdReader reads an open file descriptor with read(2).
type fdReader int

func (r fdReader) Read(p []byte) (int, error) {
	for {
		n, err := syscall.Read(int(r), p)
		switch {
		case errors.Is(err, syscall.EINTR):
			continue
		case err != nil:
			return 0, err
		case n == 0 && len(p) > 0:
			return 0, io.EOF
		}
		return n, nil
	}
}

func (r fdReader) Close() error { return syscall.Close(int(r)) }
