package spill

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestNamedLeftovers: where a spill needs a name, the spills that killed
// runs left in its folder are removed as the next one is made, and the
// new one is gone from the folder once made (once closed on Windows).
func TestNamedLeftovers(t *testing.T) {
	defer func(was func(string) (*os.File, error)) { unnamed = was }(unnamed)
	unnamed = func(string) (*os.File, error) { return nil, errors.ErrUnsupported }
	dir := t.TempDir()
	left := filepath.Join(dir, ".spill-123")
	other := filepath.Join(dir, "records.bin")
	for _, name := range []string{left, other} {
		if err := os.WriteFile(name, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, err := New(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(left); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the leftover spill is still there (%v)", err)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("another file was removed: %v", err)
	}
	s.WriteString("kept")
	b := make([]byte, 4)
	if err := s.Flush(); err != nil || s.ReadAt(b, 0) != nil || string(b) != "kept" {
		t.Errorf("the spill reads back %q (%v)", b, err)
	}
	if runtime.GOOS != "windows" {
		if found, _ := filepath.Glob(filepath.Join(dir, pattern)); len(found) > 0 {
			t.Errorf("the new spill is seen: %v", found)
		}
	}
	s.Close()
	if found, _ := filepath.Glob(filepath.Join(dir, pattern)); len(found) > 0 {
		t.Errorf("left once closed: %v", found)
	}
}
