//go:build !unix

package stage

import (
	"io"
	"io/fs"
	"os"
)

// openFile is os.OpenFile (see open_unix.go).
func openFile(path string, flag int, perm fs.FileMode) (*os.File, error) {
	return os.OpenFile(path, flag, perm)
}

// rename is os.Rename (see open_unix.go).
func rename(from, to string) error { return os.Rename(from, to) }

// openRead opens a file for readMode, with its size and permissions.
func openRead(path string) (io.ReadCloser, int64, fs.FileMode, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, 0, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, 0, err
	}
	return f, fi.Size(), fi.Mode().Perm(), nil
}
