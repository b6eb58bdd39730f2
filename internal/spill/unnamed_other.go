//go:build !linux

package spill

import (
	"errors"
	"os"
)

// unnamedFile fails: only Linux makes files without a name.
func unnamedFile(string) (*os.File, error) {
	return nil, errors.ErrUnsupported
}
