package stage

import (
	"errors"
	"io/fs"
	"os"
)

// Remove removes the file at path that was read as snap, unless it
// changed on disk since (ErrChanged): a command that drops a file it read
// (the old catalog of a renamed article) never drops what someone saved
// meanwhile. A file gone already is no error.
func Remove(path string, snap Snapshot) error {
	if err := snap.Verify(path); err != nil {
		if !snap.Exists {
			return err
		}
		if _, statErr := os.Lstat(path); errors.Is(statErr, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// Discard removes a file that l10n made and no one edits (an edition, a
// build record), or an empty folder. One gone already is no error.
func Discard(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// Rename moves the file or folder at from to to, and never replaces
// anything: when to exists it returns an error wrapping fs.ErrExist and
// leaves both where they are.
func Rename(from, to string) error {
	if _, err := os.Lstat(to); err == nil {
		return &fs.PathError{Op: "rename", Path: to, Err: fs.ErrExist}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return os.Rename(from, to)
}
