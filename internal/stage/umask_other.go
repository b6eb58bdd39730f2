//go:build !linux

package stage

import "io/fs"

// umask returns the process's file mode creation mask where the system
// tells it without setting it (see umask_linux.go): here it does not.
func umask() (fs.FileMode, bool) { return 0, false }
