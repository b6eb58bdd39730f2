package stage

import (
	"bytes"
	"io/fs"
	"os"
	"strconv"
)

// umask returns the process's file mode creation mask, as Linux tells it
// in /proc/self/status (since 4.7), without setting it: umask(2) would
// change it for a moment under every goroutine that creates a file.
func umask() (fs.FileMode, bool) {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	for line := range bytes.Lines(status) {
		if rest, ok := bytes.CutPrefix(line, []byte("Umask:")); ok {
			m, err := strconv.ParseUint(string(bytes.TrimSpace(rest)), 8, 32)
			return fs.FileMode(m) & fs.ModePerm, err == nil
		}
	}
	return 0, false
}
