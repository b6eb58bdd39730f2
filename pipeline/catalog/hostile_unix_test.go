//go:build unix

package catalog

import (
	"path/filepath"
	"syscall"
	"testing"
)

// TestReadSnapshotNamedPipe reads a catalog that is a named pipe: an
// error at once, where reading it would wait for a writer forever.
func TestReadSnapshotNamedPipe(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	if _, err := ReadSnapshot(fifo); err == nil || err.Error() != "is a named pipe (FIFO), not a file" {
		t.Errorf("err = %v", err)
	}
}
