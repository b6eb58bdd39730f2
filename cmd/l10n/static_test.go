package main

import (
	"bufio"
	"debug/elf"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// installEnv is the environment in which the README installs l10n, and
// in which bench/ builds the binary it times: with cgo off, l10n is one
// static file, which starts without the dynamic loader and libc's
// threads (some 7 ms of every process on the benchmark's machine).
const installEnv = "CGO_ENABLED=0"

// TestInstalledStatic checks that every `go install` of l10n in the
// README and every bench script that builds it say installEnv, so that
// the binary benchmarked is the binary installed, and that l10n built so
// is static: no interpreter, no shared library.
func TestInstalledStatic(t *testing.T) {
	installs := 0
	eachLine(t, "../../README.md", func(n int, line string) {
		if strings.Contains(line, "go install") && strings.Contains(line, "cmd/l10n") {
			installs++
			if !strings.Contains(line, installEnv+" go install") {
				t.Errorf("README.md:%d: %q installs l10n without %s", n, strings.TrimSpace(line), installEnv)
			}
		}
	})
	if installs == 0 {
		t.Error("README.md: no go install of cmd/l10n found")
	}
	scripts, err := filepath.Glob("../../bench/*.sh")
	if err != nil || len(scripts) == 0 {
		t.Fatalf("bench/*.sh: %v (%d scripts)", err, len(scripts))
	}
	for _, s := range scripts {
		builds, exported := 0, false
		eachLine(t, s, func(_ int, line string) {
			if strings.Contains(line, "go build") && strings.Contains(line, "./cmd/l10n") {
				builds++
			}
			if strings.TrimSpace(line) == "export "+installEnv {
				exported = true
			}
		})
		if builds > 0 && !exported {
			t.Errorf("%s builds l10n without export %s", filepath.Base(s), installEnv)
		}
	}

	if runtime.GOOS != "linux" {
		return // elsewhere a Go program links the system's libraries
	}
	f, err := elf.Open(builtL10n(t))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			t.Error("l10n built with " + installEnv + " names an interpreter (the dynamic loader)")
		}
	}
	if libs, err := f.ImportedLibraries(); err != nil || len(libs) > 0 {
		t.Errorf("l10n built with %s needs shared libraries %v (%v)", installEnv, libs, err)
	}
}

// eachLine calls fn with each line of a file and its number.
func eachLine(t *testing.T, path string, fn func(n int, line string)) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		fn(n, sc.Text())
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}
