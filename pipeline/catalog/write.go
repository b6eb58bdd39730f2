package catalog

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrChanged reports that a file changed on disk between reading and
// writing it.
var ErrChanged = errors.New("changed on disk since it was read (was it saved in an editor meanwhile?); run the command again")

// Snapshot is a file's content as read, for WriteFile's check that
// nobody changed it meanwhile.
type Snapshot struct {
	Data   []byte
	Exists bool
}

// ReadSnapshot reads a file; a missing file gives an empty snapshot. A
// path that is there but not a regular file (a folder, a named pipe, a
// device) is an error, and is not opened: reading a named pipe would wait
// for a writer.
func ReadSnapshot(path string) (Snapshot, error) {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Snapshot{}, nil
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		// The caller names the file: "too many levels of symbolic
		// links" is what to say about it.
		return Snapshot{}, pe.Err
	}
	if err != nil {
		return Snapshot{}, err
	}
	if err := Regular(fi.Mode()); err != nil {
		return Snapshot{}, err
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Snapshot{}, nil
	}
	if err != nil {
		return Snapshot{}, err
	}
	return Snapshot{Data: data, Exists: true}, nil
}

// Regular returns an error naming what a file of mode m is, unless it is
// a regular file.
func Regular(m fs.FileMode) error {
	what := ""
	switch {
	case m.IsRegular():
		return nil
	case m.IsDir():
		what = "a folder"
	case m&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	case m&fs.ModeDevice != 0:
		what = "a device"
	default:
		what = "a special file"
	}
	return fmt.Errorf("is %s, not a file", what)
}

// Unchanged reports whether data is what the snapshot holds.
func (s Snapshot) Unchanged(data []byte) bool {
	return s.Exists && bytes.Equal(s.Data, data)
}

// Verify returns ErrChanged if the file no longer matches the snapshot.
func (s Snapshot) Verify(path string) error {
	now, err := ReadSnapshot(path)
	if err != nil {
		return err
	}
	if now.Exists != s.Exists || !bytes.Equal(now.Data, s.Data) {
		return fmt.Errorf("%s: %w", path, ErrChanged)
	}
	return nil
}

// WriteFile replaces path with data atomically: it writes a temporary file
// in the same folder, syncs it and renames it over path, so a reader sees
// the old file or the new one, never a mix. It refuses with ErrChanged if
// the file no longer matches the snapshot it was read as.
func WriteFile(path string, data []byte, was Snapshot) error {
	if err := was.Verify(path); err != nil {
		return err
	}
	return WriteAtomic(path, data)
}

// WriteAtomic replaces path with data through a synced temporary file in
// the same folder and a rename, creating the folder if need be; the file
// keeps its permissions.
func WriteAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	mode := fs.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		mode = fi.Mode().Perm()
	}
	if err := os.Chmod(tmp.Name(), mode); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
