package stage

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestRemoveVerifies checks that Remove drops a file only as it was read,
// and that a file gone already is no error.
func TestRemoveVerifies(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "uk.yaml")
	if err := os.WriteFile(path, []byte("a: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	snap, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("a: 2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Remove(path, snap); !errors.Is(err, ErrChanged) {
		t.Fatalf("Remove of a changed file: %v, want ErrChanged", err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("the changed file is gone: %v", err)
	}
	if snap, err = Read(path); err != nil {
		t.Fatal(err)
	}
	if err := Remove(path, snap); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("the file is still there: %v", err)
	}
	if err := Remove(path, snap); err != nil {
		t.Fatalf("Remove of a file gone already: %v", err)
	}
}

// TestRenameNeverReplaces checks that Rename leaves both files when the
// target exists.
func TestRenameNeverReplaces(t *testing.T) {
	dir := t.TempDir()
	from, to := filepath.Join(dir, "old.md"), filepath.Join(dir, "new.md")
	for _, f := range []string{from, to} {
		if err := os.WriteFile(f, []byte(f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := Rename(from, to); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("Rename over a file: %v, want fs.ErrExist", err)
	}
	for _, f := range []string{from, to} {
		if data, err := os.ReadFile(f); err != nil || string(data) != f {
			t.Fatalf("%s: %q, %v", f, data, err)
		}
	}
	if err := os.Remove(to); err != nil {
		t.Fatal(err)
	}
	if err := Rename(from, to); err != nil {
		t.Fatal(err)
	}
	if data, err := os.ReadFile(to); err != nil || string(data) != from {
		t.Fatalf("renamed: %q, %v", data, err)
	}
}
