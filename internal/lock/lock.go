// Package lock is the project lock: one l10n command at a time writes into
// a project. A command that writes (extract, build, import …) holds the
// lock file .l10n.lock at the project's root while it runs; a second one
// waits for it, up to a timeout, then gives up naming the holder. Readers
// (status, check, export to standard output) never take it: every write
// goes through internal/stage, so they see each file whole, old or new.
//
// The lock is an advisory lock the operating system holds on the open file
// (flock on Unix, LockFileEx on Windows), not the file's existence. The
// system drops it when its process ends however it ends, SIGKILL and
// out-of-memory included, so a lock is never left held by a process that
// is gone, a recycled process id cannot keep it, and two waiters cannot
// both take over a stale lock (as they can when a lock is a file made with
// O_CREATE|O_EXCL and whoever finds its process dead deletes it). The file
// holds the holder's process id, command, host and start time, for the
// messages; its holder removes it when done. A file that still names a
// holder when the lock is taken was left by a process that ended without
// releasing it: Options.TookOver hears of it.
package lock

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Name is the lock file's name at the project's root (a project's
// .gitignore lists it).
const Name = ".l10n.lock"

// DefaultTimeout is how long Acquire's callers wait for a lock unless
// told otherwise.
const DefaultTimeout = 30 * time.Second

// ErrUnsupported reports that the file system holding the project does
// not lock files (some network file systems).
var ErrUnsupported = errors.New("the file system does not support file locks")

// Holder is who holds a lock, as its file says.
type Holder struct {
	PID     int
	Command string // what the holder runs, such as "l10n extract"
	Host    string
	Since   time.Time
}

// String describes the holder in a few words: "pid 123 (l10n extract)
// since 2026-11-30 08:16:34", with the host when it is not this one.
func (h Holder) String() string {
	if h.PID == 0 {
		return "another process"
	}
	s := "pid " + strconv.Itoa(h.PID)
	if h.Host != "" && h.Host != hostname() {
		s += " on " + h.Host
	}
	if h.Command != "" {
		s += " (" + h.Command + ")"
	}
	if !h.Since.IsZero() {
		s += " since " + h.Since.Local().Format(time.DateTime)
	}
	return s
}

// encode returns the lock file's content for h.
func (h Holder) encode() []byte {
	return fmt.Appendf(nil, "pid: %d\ncommand: %s\nhost: %s\nsince: %s\n",
		h.PID, oneLine(h.Command), oneLine(h.Host), h.Since.Format(time.RFC3339))
}

// oneLine keeps s on one line of the lock file.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// parseHolder reads a lock file's content; what it does not understand
// it leaves zero. An empty file gives the zero Holder.
func parseHolder(data []byte) Holder {
	var h Holder
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ": ")
		if !ok {
			continue
		}
		switch k {
		case "pid":
			h.PID, _ = strconv.Atoi(v)
		case "command":
			h.Command = v
		case "host":
			h.Host = v
		case "since":
			h.Since, _ = time.Parse(time.RFC3339, v)
		}
	}
	return h
}

// BusyError reports that the lock stayed held for the whole timeout.
type BusyError struct {
	Path   string // the lock file (its name starts the message)
	Holder Holder
	Waited time.Duration
}

func (e *BusyError) Error() string {
	s := fmt.Sprintf("%s: locked by %s", Name, e.Holder)
	if e.Waited >= time.Second/10 {
		s += fmt.Sprintf("; gave up after %s", e.Waited.Round(time.Second/10))
	}
	return s
}

// Options says how Acquire takes a lock.
type Options struct {
	// Command says what the holder runs, for the messages of others
	// ("l10n extract"); the caller passes it in.
	Command string
	// Timeout is how long to wait while another process holds the
	// lock; zero or less gives up at once.
	Timeout time.Duration
	// Waiting, if set, is called once, when Acquire finds the lock held
	// and starts to wait.
	Waiting func(Holder)
	// TookOver, if set, is called when the lock was left by a process
	// that ended without releasing it (it was killed, or crashed).
	TookOver func(Holder)
}

// Lock is a held project lock.
type Lock struct {
	path string
	f    *os.File
}

// Acquire takes the lock of the project at root, waiting up to
// o.Timeout while another process holds it; then it returns a
// *BusyError. On a file system that cannot lock files it returns an
// error that is ErrUnsupported.
func Acquire(root string, o Options) (*Lock, error) {
	path := filepath.Join(root, Name)
	start := time.Now()
	pause := 5 * time.Millisecond
	var last Holder
	waiting := false
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, fmt.Errorf("locking the project: %w", err)
		}
		got, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("locking the project: %s: %w", path, err)
		}
		if got {
			if !current(f, path) {
				// Its holder removed the file as we waited for it:
				// lock the one at path now.
				unlock(f)
				f.Close()
				continue
			}
			l := &Lock{path: path, f: f}
			prev := read(f)
			if err := l.write(Holder{PID: os.Getpid(), Command: o.Command, Host: hostname(), Since: time.Now()}); err != nil {
				l.Release()
				return nil, fmt.Errorf("locking the project: %s: %w", path, err)
			}
			if prev.PID != 0 && o.TookOver != nil {
				o.TookOver(prev)
			}
			return l, nil
		}
		if h := read(f); h.PID != 0 {
			// An empty read is a holder writing its file: keep the last.
			last = h
		}
		f.Close()
		waited := time.Since(start)
		if waited >= o.Timeout {
			return nil, &BusyError{Path: path, Holder: last, Waited: waited}
		}
		if !waiting && o.Waiting != nil {
			o.Waiting(last)
		}
		waiting = true
		time.Sleep(min(pause, o.Timeout-waited))
		pause = min(2*pause, 250*time.Millisecond)
	}
}

// read returns the holder a lock file names.
func read(f *os.File) Holder {
	data, err := io.ReadAll(io.NewSectionReader(f, 0, 4096))
	if err != nil {
		return Holder{}
	}
	return parseHolder(data)
}

// write replaces the content of the lock file with h.
func (l *Lock) write(h Holder) error {
	if err := l.f.Truncate(0); err != nil {
		return err
	}
	_, err := l.f.WriteAt(h.encode(), 0)
	return err
}

// current reports whether f is still the file at path.
func current(f *os.File, path string) bool {
	fi, err := f.Stat()
	if err != nil {
		return false
	}
	now, err := os.Stat(path)
	return err == nil && os.SameFile(fi, now)
}

// Release removes the lock file and lets the lock go. It is removed while
// still held, so that a process waiting on it finds it gone and locks the
// next one; where an open file cannot be removed (Windows) it is emptied.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := os.Remove(l.path)
	if err != nil {
		err = l.f.Truncate(0)
	}
	unlock(l.f)
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	l.f = nil
	return err
}

// hostname returns the name of this machine, or "".
func hostname() string {
	h, _ := os.Hostname()
	return h
}
