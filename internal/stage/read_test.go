package stage

import (
	"os"
	"path/filepath"
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
