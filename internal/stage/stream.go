package stage

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// Stream is a file written in pieces as a run goes, staged beside its
// target and renamed into place by Commit: l10n's own files (a command's
// records), which nobody else writes, so it is neither checked against
// what it held nor synced. A run that is killed leaves the staged file,
// which the next Stream or Set for the folder sweeps.
type Stream struct {
	path, tmp string
	f         *os.File
	w         *bufio.Writer
	n         int64
}

// NewStream creates the staged file of the target rel under root.
func NewStream(root, rel string) (*Stream, error) {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return nil, fmt.Errorf("staging: %w", err)
	}
	path := filepath.Join(root, rel)
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	sweep(dir)
	tmp := filepath.Join(dir, "."+filepath.Base(path)+infix+strconv.Itoa(os.Getpid())+"-"+hex.EncodeToString(b[:]))
	f, err := openFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, err
	}
	return &Stream{path: path, tmp: tmp, f: f, w: bufio.NewWriterSize(f, 1<<16)}, nil
}

// Write appends p to the staged file.
func (s *Stream) Write(p []byte) (int, error) {
	n, err := s.w.Write(p)
	s.n += int64(n)
	return n, err
}

// Offset returns the number of bytes written so far.
func (s *Stream) Offset() int64 { return s.n }

// Written flushes what was written and returns the staged file's
// modification time: when the file system saw it written.
func (s *Stream) Written() (time.Time, error) {
	if err := s.w.Flush(); err != nil {
		return time.Time{}, err
	}
	fi, err := s.f.Stat()
	if err != nil {
		return time.Time{}, err
	}
	return fi.ModTime(), nil
}

// Sync writes out what was written and makes the staged file durable,
// for a file someone else reads (an export) rather than l10n's own.
func (s *Stream) Sync() error {
	if err := s.w.Flush(); err != nil {
		return err
	}
	return s.f.Sync()
}

// Commit writes out the staged file and renames it over the target.
func (s *Stream) Commit() error {
	err := s.w.Flush()
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = rename(s.tmp, s.path)
	}
	if err != nil {
		os.Remove(s.tmp)
	}
	return err
}

// Abort removes the staged file.
func (s *Stream) Abort() {
	s.f.Close()
	os.Remove(s.tmp)
}
