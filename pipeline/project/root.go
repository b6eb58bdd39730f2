package project

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ErrNoProject is the cause of FindRoot's error outside a project.
var ErrNoProject = errors.New("not in an l10n project")

// FindRoot returns the root of the project that dir is in: dir or the
// nearest folder above it that holds l10n.yaml or an articles folder, as
// git finds the top of a work tree. Outside a project the error wraps
// ErrNoProject and says how to start one.
func FindRoot(dir string) (string, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return "", &InputError{File: dir, Err: errors.New("no such project folder")}
	}
	if !fi.IsDir() {
		return "", &InputError{File: dir, Err: errors.New("not a folder")}
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := abs; ; {
		if IsRoot(d) {
			if d == abs {
				// As the user named it: paths in messages stay short.
				return dir, nil
			}
			return d, nil
		}
		up := filepath.Dir(d)
		if up == d {
			break
		}
		d = up
	}
	return "", &InputError{File: dir, Err: fmt.Errorf("%w: no %s or articles/ here or in any folder above (run 'l10n init' to start one here, or give the project's folder with -C DIR)", ErrNoProject, ConfigFile)}
}

// IsRoot reports whether dir is the root of a project: it holds l10n.yaml
// or an articles folder.
func IsRoot(dir string) bool {
	if fi, err := os.Stat(filepath.Join(dir, ConfigFile)); err == nil && fi.Mode().IsRegular() {
		return true
	}
	fi, err := os.Stat(filepath.Join(dir, "articles"))
	return err == nil && fi.IsDir()
}
