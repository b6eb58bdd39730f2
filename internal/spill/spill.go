// Package spill keeps what a command writes once and reads back later
// out of its memory: in a file of the run's own, whose pages are the
// kernel's cache rather than the process's memory (the kernel may write
// them out and drop them), where the same bytes on the heap would stay
// live until read, and the collector's pacing would double them.
//
// On Linux a spill is a file that never has a name (O_TMPFILE), so that a
// run killed at any moment leaves nothing behind. Elsewhere, or on a file
// system without such files, it is named .spill-* and removed as soon as
// it is created where the system allows (not on Windows, where an open
// file cannot be removed: it is removed when it is closed); what a run
// killed in between leaves, the next spill made in that folder removes.
package spill

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
)

// File is a spill: bytes appended (Write) and, once flushed (Flush),
// read back at their offsets (ReadAt, safe from several goroutines).
type File struct {
	f    *os.File
	name string // "" once removed
	w    *bufio.Writer
	n    int64
}

// New creates a spill in dir (created if need be), or in the system's
// folder of temporary files when dir cannot take it.
func New(dir string) (*File, error) {
	var f *os.File
	var name string
	var err error
	for _, d := range []string{dir, os.TempDir()} {
		if f, name, err = create(d); err == nil {
			break
		}
	}
	if err != nil {
		return nil, fmt.Errorf("spill: %w", err)
	}
	s := &File{f: f, name: name, w: bufio.NewWriterSize(f, 1<<16)}
	if name != "" && runtime.GOOS != "windows" && os.Remove(name) == nil {
		s.name = ""
	}
	return s, nil
}

// create creates a spill's file in dir and returns it with its name:
// none where the system makes a file without one (unnamed), else
// .spill-*, once those that killed runs left there are removed.
func create(dir string) (*os.File, string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, "", err
	}
	if f, err := unnamed(dir); err == nil {
		return f, "", nil
	}
	// Each left is a killed run's, or another run's that removes it
	// itself or holds it open (where it cannot be removed): that run
	// reads its spill through its open file, name or none.
	left, _ := filepath.Glob(filepath.Join(dir, pattern))
	for _, name := range left {
		os.Remove(name)
	}
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return nil, "", err
	}
	return f, f.Name(), nil
}

// unnamed creates a file without a name in dir, where the system can
// (unnamedFile; a variable for the tests).
var unnamed = unnamedFile

// pattern is the names of named spills (os.CreateTemp's).
const pattern = ".spill-*"

// Write appends p. An error is also Flush's.
func (s *File) Write(p []byte) (int, error) {
	n, err := s.w.Write(p)
	s.n += int64(n)
	return n, err
}

// WriteString appends str, as Write does.
func (s *File) WriteString(str string) (int, error) {
	n, err := s.w.WriteString(str)
	s.n += int64(n)
	return n, err
}

// Offset returns how many bytes were written: where the next Write's
// bytes begin.
func (s *File) Offset() int64 { return s.n }

// Flush writes out what was written, so that ReadAt reads it.
func (s *File) Flush() error {
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("spill: %s: %w", s.f.Name(), err)
	}
	return nil
}

// ReadAt fills b with the bytes written at off, which must have been
// flushed.
func (s *File) ReadAt(b []byte, off int64) error {
	n, err := s.f.ReadAt(b, off)
	if n == len(b) {
		return nil
	}
	if err == nil || err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return fmt.Errorf("spill: %s: %w", s.f.Name(), err)
}

// Name returns the file's name, for messages (the file may be gone; one
// that never had a name gives its folder's).
func (s *File) Name() string { return s.f.Name() }

// Close closes the file and removes it, and returns the error closing
// it. A nil File is closed.
func (s *File) Close() error {
	if s == nil {
		return nil
	}
	err := s.f.Close()
	if s.name != "" {
		os.Remove(s.name)
	}
	return err
}
