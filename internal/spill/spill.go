// Package spill keeps what a command writes once and reads back later
// out of its memory: in a file of the run's own, whose pages are the
// kernel's cache rather than the process's memory (the kernel may write
// them out and drop them), where the same bytes on the heap would stay
// live until read, and the collector's pacing would double them.
//
// A spill is removed as soon as it is created where the system allows
// (not on Windows, where an open file cannot be removed: it is removed
// when it is closed), so that a run that is killed leaves nothing.
package spill

import (
	"bufio"
	"fmt"
	"io"
	"os"
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
	f, err := create(dir)
	if err != nil {
		if f, err = create(os.TempDir()); err != nil {
			return nil, fmt.Errorf("spill: %w", err)
		}
	}
	s := &File{f: f, name: f.Name(), w: bufio.NewWriterSize(f, 1<<16)}
	if runtime.GOOS != "windows" && os.Remove(s.name) == nil {
		s.name = ""
	}
	return s, nil
}

// create creates a spill's file in dir.
func create(dir string) (*os.File, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return os.CreateTemp(dir, ".spill-*")
}

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

// Name returns the file's name, for messages (the file may be gone).
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
