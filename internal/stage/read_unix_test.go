//go:build unix

package stage

import (
	"path/filepath"
	"syscall"
	"testing"
)

// TestReadNamedPipe reads a catalog that is a named pipe: an
// error at once, where reading it would wait for a writer forever.
func TestReadNamedPipe(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	if _, err := Read(fifo); err == nil || err.Error() != "is a named pipe (FIFO), not a file" {
		t.Errorf("err = %v", err)
	}
}
