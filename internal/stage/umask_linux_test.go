package stage

import (
	"io/fs"
	"syscall"
	"testing"
)

// TestUmask: umask reads the mask umask(2) set, for masks that leave a
// staged file's mode as it is made and ones that do not.
func TestUmask(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	for _, want := range []fs.FileMode{0o022, 0o077, 0, 0o002, 0o027} {
		syscall.Umask(int(want))
		got, ok := umask()
		if !ok || got != want {
			t.Errorf("umask set to %#o: read %#o, %v", want, got, ok)
		}
	}
}
