//go:build !unix

package stage

import (
	"io/fs"
	"os"
)

// openFile is os.OpenFile (see open_unix.go).
func openFile(path string, flag int, perm fs.FileMode) (*os.File, error) {
	return os.OpenFile(path, flag, perm)
}

// rename is os.Rename (see open_unix.go).
func rename(from, to string) error { return os.Rename(from, to) }
