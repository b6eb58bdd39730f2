package spill

import (
	"os"

	"golang.org/x/sys/unix"
)

// unnamedFile creates a file without a name in dir's file system
// (O_TMPFILE, Linux 3.11; not every file system has them).
func unnamedFile(dir string) (*os.File, error) {
	fd, err := unix.Open(dir, unix.O_TMPFILE|unix.O_RDWR|unix.O_CLOEXEC, 0o600)
	if err != nil {
		return nil, err
	}
	return os.NewFile(uintptr(fd), dir), nil
}
