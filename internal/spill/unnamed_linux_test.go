package spill

import (
	"os"
	"syscall"
	"testing"
)

// TestUnnamed: on Linux a spill never has a name (nothing in its folder
// at any moment, no link to it), so that a run killed while it makes one
// leaves nothing behind.
func TestUnnamed(t *testing.T) {
	dir := t.TempDir()
	f, err := unnamedFile(dir)
	if err != nil {
		t.Skipf("this file system makes no file without a name: %v", err)
	}
	defer f.Close()
	if left, _ := os.ReadDir(dir); len(left) > 0 {
		t.Errorf("the folder holds %v", left)
	}
	fi, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); !ok || st.Nlink != 0 {
		t.Errorf("the file has links: %+v", fi.Sys())
	}
	s, err := New(dir)
	if err != nil {
		t.Fatal(err)
	}
	if s.Name() != dir {
		t.Errorf("New made a named spill, %s, where it can make one without a name", s.Name())
	}
	s.Close()
}
