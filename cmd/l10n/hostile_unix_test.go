//go:build unix

package main

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestCatalogNamedPipe: a catalog that is a named pipe is refused by
// every command that reads catalogs, without waiting for a writer.
func TestCatalogNamedPipe(t *testing.T) {
	cat := filepath.Join("locales", seed, "uk.yaml")
	for _, cmd := range []string{"extract", "build", "status", "check"} {
		t.Run(cmd, func(t *testing.T) {
			root := seedProject(t)
			p := filepath.Join(root, cat)
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
			if err := syscall.Mkfifo(p, 0o644); err != nil {
				t.Skip(err)
			}
			refused(t, root, []string{cmd}, cat+": is a named pipe (FIFO), not a file")
		})
	}
}

// TestProjectFileNamedPipe: l10n.yaml, glossary.yaml and spelling.txt
// that are named pipes are refused, naming the file, by a command that
// reads them, without waiting for a writer.
func TestProjectFileNamedPipe(t *testing.T) {
	for _, name := range []string{"l10n.yaml", "glossary.yaml", "spelling.txt"} {
		t.Run(name, func(t *testing.T) {
			root := seedProject(t)
			p := filepath.Join(root, name)
			if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			if err := syscall.Mkfifo(p, 0o644); err != nil {
				t.Skip(err)
			}
			refused(t, root, []string{"check"}, name+": is a named pipe (FIFO), not a file")
		})
	}
}
