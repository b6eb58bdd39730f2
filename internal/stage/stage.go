// Package stage is l10n's one way of writing files: every command that
// writes (extract, pseudo, prune, build, import, export) stages its files
// beside their targets, checks that none of its inputs changed on disk
// since it read them, and renames the staged files into place. A reader
// sees the old file or the new one, never a mix, and a file someone saved
// meanwhile is never overwritten.
//
// Staged files are named .<name>.l10n-tmp-<pid>-<random> (the glob
// Pattern, which a project's .gitignore lists). A run that is killed
// leaves them behind; the next run that stages a file for the same folder
// (whether or not that file changes) removes those of processes that are
// gone.
package stage

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"github.com/l10n-dev/l10n/internal/fileerr"
)

// Pattern matches the names of staged files, for .gitignore.
const Pattern = ".*.l10n-tmp-*"

// infix separates a target's name from the pid and tag of a staged file.
const infix = ".l10n-tmp-"

// ErrChanged reports that a file changed on disk between reading and
// writing it.
var ErrChanged = errors.New("changed on disk since it was read (was it saved in an editor meanwhile?); run the command again")

// Snapshot is a file's content as read, for the check that nobody changed
// it before it is replaced.
type Snapshot struct {
	Data   []byte
	Exists bool
}

// Read reads a file; a missing file gives an empty snapshot. A path that
// is there but not a regular file (a folder, a named pipe, a device) is
// an error, and is not opened: reading a named pipe would wait for a
// writer.
func Read(path string) (Snapshot, error) {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Snapshot{}, nil
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		// The caller names the file: "too many levels of symbolic
		// links" is what to say about it.
		return Snapshot{}, pe.Err
	}
	if err != nil {
		return Snapshot{}, err
	}
	if err := Regular(fi.Mode()); err != nil {
		return Snapshot{}, err
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Snapshot{}, nil
	}
	if err != nil {
		return Snapshot{}, err
	}
	return Snapshot{Data: data, Exists: true}, nil
}

// Regular returns an error naming what a file of mode m is, unless it is
// a regular file.
func Regular(m fs.FileMode) error {
	what := ""
	switch {
	case m.IsRegular():
		return nil
	case m.IsDir():
		what = "a folder"
	case m&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	case m&fs.ModeDevice != 0:
		what = "a device"
	default:
		what = "a special file"
	}
	return fmt.Errorf("is %s, not a file", what)
}

// Unchanged reports whether data is what the snapshot holds.
func (s Snapshot) Unchanged(data []byte) bool {
	return s.Exists && bytes.Equal(s.Data, data)
}

// Verify returns ErrChanged if the file at path no longer matches the
// snapshot.
func (s Snapshot) Verify(path string) error {
	now, err := Read(path)
	if err != nil {
		return err
	}
	if now.Exists != s.Exists || !bytes.Equal(now.Data, s.Data) {
		return fmt.Errorf("%s: %w", path, ErrChanged)
	}
	return nil
}

// File is a file to write: its path relative to the root of a Set, its
// new content and the snapshot of what it held when it was read.
type File struct {
	Rel  string
	Data []byte
	Snap Snapshot
	// Always writes the file even if its content is the same.
	Always bool
	// Unchecked skips the check that the file is unchanged since it was
	// read (a build record, which only build writes).
	Unchecked bool
	// Remove deletes the file instead of writing it.
	Remove bool
}

// Set gathers a command's output files and writes them in two steps, so
// that a command over thousands of articles neither holds them all in
// memory nor leaves some written when a later input turns out bad: each
// file whose content changes goes to a staged file beside it as soon as it
// is put; Commit then checks that no file changed on disk since it was
// read and renames the staged files over their targets, in order. Files
// whose content is unchanged are never written.
//
// Each article has the same number of slots, one per file it may write;
// the Set keeps sixteen bytes per slot and asks rel for the paths again
// at Commit, so what it holds stays small however many articles there
// are.
type Set struct {
	root string
	// tag makes this run's staged file names unique.
	tag string
	// seed is the hash seed of the digests, which live as long as the
	// Set.
	seed maphash.Seed
	// sync makes each staged file durable before it is renamed.
	sync bool
	// slots is the number of slots per article; rel returns the path of
	// a slot, relative to the root.
	slots int
	rel   func(article, slot int) string
	files []staged
	// swept holds the digests of the folders cleaned of earlier runs'
	// leftovers (eight bytes each however long the path: a catalog's
	// folder is one per article).
	swept map[uint64]struct{}
}

// staged is the state of one slot: a digest of its file's content as read,
// and flags.
type staged struct {
	digest uint64
	flags  uint8
}

// Flags of a slot.
const (
	slotUsed    uint8 = 1 << iota // a file was staged in the slot
	slotExists                    // the file existed when it was read
	slotChanged                   // a staged file holds its new content
	slotCheck                     // verify that the file is unchanged before replacing it
	slotRemove                    // delete the file instead of replacing it
)

// New returns an empty Set under root for articles with the given slots;
// durable says whether written files are synced to disk before they
// replace their targets (catalogs, which hold people's work) or not
// (editions, which build makes again).
func New(root string, durable bool, slots int, rel func(article, slot int) string) (*Set, error) {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return nil, fmt.Errorf("staging: %w", err)
	}
	tag := strconv.Itoa(os.Getpid()) + "-" + hex.EncodeToString(b[:])
	return &Set{root: root, tag: tag, seed: maphash.MakeSeed(), sync: durable, slots: slots, rel: rel, swept: map[uint64]struct{}{}}, nil
}

// abs returns the path of rel.
func (s *Set) abs(rel string) string { return filepath.Join(s.root, rel) }

// tmp returns the staged file of rel.
func (s *Set) tmp(rel string) string {
	path := s.abs(rel)
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+infix+s.tag)
}

// Put stages the file of the next slot, or nothing if f is nil. It writes
// a staged file if the content differs from what the file held when it
// was read (f.Snap), or if f.Always is set, and reports whether it did.
func (s *Set) Put(f *File) (bool, error) {
	k := len(s.files)
	rel := s.rel(k/s.slots, k%s.slots)
	// The folder of every slot, written now or not: a run killed
	// before it renamed its file into place left it there.
	s.sweepOnce(filepath.Dir(s.abs(rel)))
	if f == nil {
		s.files = append(s.files, staged{})
		return false, nil
	}
	if rel != f.Rel {
		return false, fmt.Errorf("staging %s in the slot of %s", f.Rel, rel)
	}
	st := staged{digest: maphash.Bytes(s.seed, f.Snap.Data), flags: slotUsed}
	if f.Snap.Exists {
		st.flags |= slotExists
	}
	if !f.Unchecked {
		st.flags |= slotCheck
	}
	if f.Remove {
		if f.Snap.Exists {
			st.flags |= slotChanged | slotRemove
		}
	} else if f.Always || !f.Snap.Unchanged(f.Data) {
		st.flags |= slotChanged
		if err := s.writeTemp(f.Rel, f.Data); err != nil {
			return false, fmt.Errorf("writing %s: %w", f.Rel, err)
		}
	}
	s.files = append(s.files, st)
	return st.flags&slotChanged != 0, nil
}

func (s *Set) writeTemp(rel string, data []byte) error {
	path := s.tmp(rel)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrNotExist) {
		// The folder is not there yet: made on its first file, not
		// looked for on every one.
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		f, err = os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	if s.sync {
		if err := f.Sync(); err != nil {
			f.Close()
			os.Remove(path)
			return err
		}
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return err
	}
	return nil
}

// Swept tells the Set that the folder dir (relative to the root) holds no
// staged files, as its caller just listed it, so that Put does not look
// there again for those of a killed run.
func (s *Set) Swept(dir string) {
	s.swept[maphash.String(s.seed, s.abs(dir))] = struct{}{}
}

// sweepOnce sweeps dir the first time the Set meets it.
func (s *Set) sweepOnce(dir string) {
	h := maphash.String(s.seed, dir)
	if _, ok := s.swept[h]; !ok {
		s.swept[h] = struct{}{}
		sweep(dir)
	}
}

// sweep removes the staged files in dir that a process which no longer
// runs left behind (it was killed before it could commit or abort).
func sweep(dir string) {
	matches, _ := filepath.Glob(filepath.Join(dir, Pattern))
	for _, m := range matches {
		_, rest, ok := strings.Cut(filepath.Base(m), infix)
		if !ok {
			continue
		}
		pid, err := strconv.Atoi(strings.SplitN(rest, "-", 2)[0])
		if err != nil || pid == os.Getpid() || running(pid) {
			continue
		}
		os.Remove(m)
	}
}

// running reports whether a process with the given id runs. Where the
// system cannot tell, it says yes, so that no live run loses its files.
func running(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || !(errors.Is(err, os.ErrProcessDone) || errors.Is(err, syscall.ESRCH))
}

// verify checks that a staged file's target still holds what was read,
// and returns its permissions (0o644 where it is missing), which its
// replacement keeps.
func (s *Set) verify(rel string, f staged) (fs.FileMode, error) {
	data, mode, err := readMode(s.abs(rel))
	exists := err == nil
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return 0, &fileerr.Error{File: rel, Err: err}
	}
	if exists != (f.flags&slotExists != 0) || maphash.Bytes(s.seed, data) != f.digest {
		return 0, &fileerr.Error{File: rel, Err: ErrChanged}
	}
	return mode, nil
}

// readMode is os.ReadFile that also returns the file's permissions, from
// the same open file (0o644 where it is missing).
func readMode(path string) ([]byte, fs.FileMode, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0o644, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, 0, err
	}
	data := make([]byte, 0, fi.Size()+1)
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, fi.Mode().Perm(), nil
		}
		if err != nil {
			return nil, 0, err
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
}

// Commit checks every staged file, then renames the changed ones into
// place, in the order they were staged, checking each again just before,
// and returns their paths. On an error before the first rename nothing is
// replaced.
func (s *Set) Commit() ([]string, error) {
	for k, f := range s.files {
		if f.flags&slotCheck != 0 {
			if _, err := s.verify(s.rel(k/s.slots, k%s.slots), f); err != nil {
				return nil, err
			}
		}
	}
	var written []string
	for k, f := range s.files {
		if f.flags&slotChanged == 0 {
			continue
		}
		rel := s.rel(k/s.slots, k%s.slots)
		mode := fs.FileMode(0)
		if f.flags&slotCheck != 0 {
			// Again right before the rename, to narrow the window in
			// which an editor's save could be lost.
			m, err := s.verify(rel, f)
			if err != nil {
				return written, err
			}
			mode = m
		}
		path := s.abs(rel)
		if f.flags&slotRemove != 0 {
			if err := os.Remove(path); err != nil {
				return written, fmt.Errorf("removing %s: %w", rel, err)
			}
			s.files[k].flags &^= slotChanged
			written = append(written, rel)
			continue
		}
		if mode == 0 {
			// Not verified: its mode is looked up here.
			mode = 0o644
			if fi, err := os.Stat(path); err == nil {
				mode = fi.Mode().Perm()
			}
		}
		if err := os.Chmod(s.tmp(rel), mode); err != nil {
			return written, fmt.Errorf("writing %s: %w", rel, err)
		}
		if err := os.Rename(s.tmp(rel), path); err != nil {
			return written, fmt.Errorf("writing %s: %w", rel, err)
		}
		s.files[k].flags &^= slotChanged
		written = append(written, rel)
	}
	return written, nil
}

// Abort removes the staged files that Commit did not rename.
func (s *Set) Abort() {
	for k, f := range s.files {
		if f.flags&slotChanged != 0 && f.flags&slotRemove == 0 {
			os.Remove(s.tmp(s.rel(k/s.slots, k%s.slots)))
		}
	}
}

// Files writes files under root through a Set, durably: nothing if one
// changed on disk since it was read, else those whose content changed,
// whose paths it returns.
func Files(root string, files []File) ([]string, error) {
	s, err := New(root, true, max(1, len(files)), func(_, slot int) string { return files[slot].Rel })
	if err != nil {
		return nil, err
	}
	defer s.Abort()
	for k := range files {
		if _, err := s.Put(&files[k]); err != nil {
			return nil, err
		}
	}
	return s.Commit()
}

// WriteFile replaces the file at path with data, durably, whatever it
// held: a file the user named, such as the output of an export.
func WriteFile(path string, data []byte) error {
	_, err := Files(filepath.Dir(path), []File{{Rel: filepath.Base(path), Data: data, Always: true, Unchecked: true}})
	return err
}
