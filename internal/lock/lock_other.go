//go:build !unix && !windows

package lock

import "os"

// tryLock fails: this system has no file locks l10n knows.
func tryLock(*os.File) (bool, error) { return false, ErrUnsupported }

func unlock(*os.File) {}
