package stage

import (
	"bytes"
	"os"
	"testing"
)

// TestReadSizeless reads a file whose size says nothing (0: the kernel
// makes its content as it is read) to its end, past the first read's
// 512 bytes, as os.ReadFile does.
func TestReadSizeless(t *testing.T) {
	const path = "/proc/self/mountinfo"
	fi, err := os.Stat(path)
	if err != nil || fi.Size() != 0 {
		t.Skipf("%s: size %v, %v", path, fi, err)
	}
	want, err := os.ReadFile(path)
	if err != nil || len(want) <= 512 {
		t.Skipf("%s: %d bytes, %v", path, len(want), err)
	}
	got, err := ReadFile(path)
	if err != nil || !bytes.Equal(got, want) {
		t.Errorf("ReadFile(%s): %d bytes, %v; os.ReadFile: %d bytes", path, len(got), err, len(want))
	}
}
