package stage

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// TestReadNotAFile reads catalogs that are not regular files: a
// folder, a loop of symbolic links. Each is an error that says what the
// path is. (TestReadNamedPipe has a named pipe.)
func TestReadNotAFile(t *testing.T) {
	dir := t.TempDir()
	folder := filepath.Join(dir, "folder.yaml")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	loop := filepath.Join(dir, "loop.yaml")
	if err := os.Symlink("loop.yaml", loop); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ path, want string }{
		{folder, "is a folder, not a file"},
		{loop, "too many levels of symbolic links"},
	}
	for _, tc := range tests {
		_, err := Read(tc.path)
		if err == nil || err.Error() != tc.want {
			t.Errorf("%s: err = %v, want %q", filepath.Base(tc.path), err, tc.want)
		}
	}
	if s, err := Read(filepath.Join(dir, "missing.yaml")); err != nil || s.Exists {
		t.Errorf("missing file: %+v, %v", s, err)
	}
}

// TestReadFile reads files as os.ReadFile does: empty, smaller and larger
// than its first buffer, of exactly its size, and a file whose size says
// nothing of its content (Linux's /proc, where there is one).
func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	var paths []string
	for _, n := range []int{0, 1, 511, 512, 513, 4096, 100_000} {
		path := filepath.Join(dir, strconv.Itoa(n))
		if err := os.WriteFile(path, bytes.Repeat([]byte("a"), n), 0o600); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
	}
	if fi, err := os.Stat("/proc/self/status"); err == nil && fi.Size() == 0 {
		paths = append(paths, "/proc/self/status")
	}
	for _, path := range paths {
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		got, err := ReadFile(path)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if path == "/proc/self/status" {
			// The file tells of the process reading it: its first
			// line, the name, is the same.
			got, _, _ = bytes.Cut(got, []byte("\n"))
			want, _, _ = bytes.Cut(want, []byte("\n"))
			if len(got) == 0 {
				t.Errorf("%s: read nothing", path)
			}
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: read %d bytes, want %d", path, len(got), len(want))
		}
	}
	if _, err := ReadFile(filepath.Join(dir, "missing")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing file: %v, want fs.ErrNotExist", err)
	}
}

// TestRenameOverFolder: rename, which does not look at its target first,
// still refuses to put a file over a folder, and leaves both.
func TestRenameOverFolder(t *testing.T) {
	dir := t.TempDir()
	from, to := filepath.Join(dir, "staged"), filepath.Join(dir, "page.html")
	if err := os.WriteFile(from, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(to, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := rename(from, to); err == nil {
		t.Fatal("renamed a file over a folder")
	}
	if fi, err := os.Stat(to); err != nil || !fi.IsDir() {
		t.Errorf("the folder: %v, %v", fi, err)
	}
	if _, err := os.Stat(from); err != nil {
		t.Errorf("the staged file: %v", err)
	}
	if err := rename(from, filepath.Join(dir, "page.md")); err != nil {
		t.Errorf("rename: %v", err)
	}
}

// BenchmarkReadFile reads 200 files of a catalog's size (20 KB) with
// ReadFile and, as the peer in the same run, os.ReadFile. What differs is
// the system calls per file (four against seven, see openRead), which
// cost most where a call is dear (a virtual machine: 1.5× here).
func BenchmarkReadFile(b *testing.B) {
	dir := b.TempDir()
	var paths []string
	for i := range 200 {
		path := filepath.Join(dir, strconv.Itoa(i)+".yaml")
		if err := os.WriteFile(path, bytes.Repeat([]byte("x"), 20<<10), 0o644); err != nil {
			b.Fatal(err)
		}
		paths = append(paths, path)
	}
	for _, r := range []struct {
		name string
		read func(string) ([]byte, error)
	}{{"stage", ReadFile}, {"os", os.ReadFile}} {
		b.Run(r.name, func(b *testing.B) {
			b.SetBytes(int64(len(paths)) * 20 << 10)
			for b.Loop() {
				for _, p := range paths {
					if _, err := r.read(p); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// TestRegular names what each kind of file that is not a regular one
// is, as an error reading it says (a socket and a device, which a test
// cannot easily make, by their modes); a regular file, of any
// permissions, is no error.
func TestRegular(t *testing.T) {
	tests := []struct {
		mode fs.FileMode
		want string
	}{
		{0o644, ""},
		{0o600, ""},
		{fs.ModeDir | 0o755, "is a folder, not a file"},
		{fs.ModeNamedPipe | 0o644, "is a named pipe (FIFO), not a file"},
		{fs.ModeSocket | 0o755, "is a socket, not a file"},
		{fs.ModeDevice | 0o660, "is a device, not a file"},
		{fs.ModeDevice | fs.ModeCharDevice | 0o666, "is a device, not a file"},
		{fs.ModeSymlink | 0o777, "is a special file, not a file"},
		{fs.ModeIrregular, "is a special file, not a file"},
	}
	for _, tc := range tests {
		err := Regular(tc.mode)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tc.want {
			t.Errorf("Regular(%v) = %q, want %q", tc.mode, got, tc.want)
		}
	}
	// A device as the system has one.
	if _, err := Read(os.DevNull); err == nil || err.Error() != "is a device, not a file" {
		t.Errorf("Read(%s): %v", os.DevNull, err)
	}
}
