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
	"bufio"
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
	"sync"
	"syscall"

	"github.com/l10n-dev/l10n/internal/fileerr"
	"github.com/l10n-dev/l10n/internal/pool"
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
	return ReadRegular(path)
}

// ReadRegular is Read of a path that its caller found to be a regular
// file (an Lstat it made anyway), which is not looked at again before it
// is opened; one gone since is an empty snapshot.
func ReadRegular(path string) (Snapshot, error) {
	data, err := ReadFile(path)
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
	// staged says that Prepare wrote its staged file.
	staged bool
}

// changes reports whether f's file is to be written: its content differs
// from what it held when it was read, or Always.
func (f *File) changes() bool { return f.Always || !f.Snap.Unchanged(f.Data) }

// Set gathers a command's output files and writes them in two steps, so
// that a command over thousands of articles neither holds them all in
// memory nor leaves some written when a later input turns out bad: each
// file whose content changes goes to a staged file beside it as soon as it
// is put; Commit then checks that no file changed on disk since it was
// read and renames the staged files over their targets, in order. Files
// whose content is unchanged are never written.
//
// Each article has the same number of slots, one per file it may write;
// the Set keeps a byte per slot and eight more per file put, and asks rel
// for the paths again at Commit, so what it holds stays small however
// many articles there are.
type Set struct {
	root string
	// tag makes this run's staged file names unique.
	tag string
	// seed is the hash seed of the digests, which live as long as the
	// Set.
	seed maphash.Seed
	// sync makes each staged file durable before it is renamed: it is
	// synced in the background (syncing), up to maxSyncing at a time,
	// while the run goes on, and Commit waits for every sync before its
	// first rename; the first sync that failed is syncErr.
	sync    bool
	syncing sync.WaitGroup
	syncs   chan struct{}
	syncErr error
	// slots is the number of slots per article; rel returns the path of
	// a slot, relative to the root.
	slots int
	rel   func(article, slot int) string
	// flags are each slot's (slotUsed …); digests hold, for each slot
	// with a file (slotUsed), in order, the digest of its content as
	// read: nine bytes for a file, one for an empty slot, where a struct
	// per slot took sixteen.
	flags   []uint8
	digests []uint64
	// swept holds the digests of the folders cleaned of earlier runs'
	// leftovers (eight bytes each however long the path: a catalog's
	// folder is one per article).
	swept map[uint64]struct{}
	// prepared are the staged files Prepare wrote that Put has not taken
	// yet (a handful: workers prepare as far ahead of Put as their
	// results wait for it), which Abort removes too. mu guards them and
	// syncErr.
	mu       sync.Mutex
	prepared map[string]struct{}
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
// (editions, which build makes again). rel names the file of each slot;
// Commit calls it from several goroutines.
func New(root string, durable bool, slots int, rel func(article, slot int) string) (*Set, error) {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return nil, fmt.Errorf("staging: %w", err)
	}
	tag := strconv.Itoa(os.Getpid()) + "-" + hex.EncodeToString(b[:])
	s := &Set{root: root, tag: tag, seed: maphash.MakeSeed(), sync: durable, slots: slots, rel: rel, swept: map[uint64]struct{}{}}
	if durable {
		s.syncs = make(chan struct{}, maxSyncing)
	}
	return s, nil
}

// maxSyncing is how many staged files a Set syncs at a time. A sync
// waits for the file system's journal, which commits the syncs that wait
// together at once: extract rewriting 987 catalogs after a glossary
// change spent a tenth to a quarter of its time waiting for them one
// worker at a time. Each holds its file open until it is done.
const maxSyncing = 32

// syncFile makes a staged file durable (a variable for the tests).
var syncFile = (*os.File).Sync

// abs returns the path of rel.
func (s *Set) abs(rel string) string { return filepath.Join(s.root, rel) }

// tmp returns the staged file of rel.
func (s *Set) tmp(rel string) string {
	path := s.abs(rel)
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+infix+s.tag)
}

// Prepare writes the staged file of f, if Put is to write it (see Put),
// on the goroutine that calls it, so that the workers of a command write
// their files side by side while Put, which takes the slots in order on
// one goroutine, only notes them: extract's catalogs, one folder per
// article, each synced in the background (see Set.sync). (Files of one
// folder gain little: the file system creates them one at a time; build,
// whose editions share a folder per locale, measured nothing.) It is safe
// for concurrent use, with Put too. A file prepared and never put is
// removed by Abort.
func (s *Set) Prepare(f *File) error {
	if f == nil || f.Remove || f.staged || !f.changes() {
		return nil
	}
	if err := s.writeTemp(f.Rel, f.Data); err != nil {
		return fmt.Errorf("writing %s: %w", f.Rel, err)
	}
	s.mu.Lock()
	if s.prepared == nil {
		s.prepared = map[string]struct{}{}
	}
	s.prepared[f.Rel] = struct{}{}
	s.mu.Unlock()
	f.staged = true
	return nil
}

// Put stages the file of the next slot, or nothing if f is nil. It writes
// a staged file if the content differs from what the file held when it
// was read (f.Snap), or if f.Always is set, unless Prepare wrote it, and
// reports whether it changes.
func (s *Set) Put(f *File) (bool, error) {
	k := len(s.flags)
	rel := s.rel(k/s.slots, k%s.slots)
	// The folder of every slot, written now or not: a run killed
	// before it renamed its file into place left it there.
	s.sweepOnce(filepath.Dir(s.abs(rel)))
	if f == nil {
		s.flags = append(s.flags, 0)
		return false, nil
	}
	if rel != f.Rel {
		return false, fmt.Errorf("staging %s in the slot of %s", f.Rel, rel)
	}
	fl := slotUsed
	if f.Snap.Exists {
		fl |= slotExists
	}
	if !f.Unchecked {
		fl |= slotCheck
	}
	if f.Remove {
		if f.Snap.Exists {
			fl |= slotChanged | slotRemove
		}
	} else if f.staged {
		fl |= slotChanged
		s.mu.Lock()
		delete(s.prepared, f.Rel)
		s.mu.Unlock()
	} else if f.changes() {
		fl |= slotChanged
		if err := s.writeTemp(f.Rel, f.Data); err != nil {
			return false, fmt.Errorf("writing %s: %w", f.Rel, err)
		}
	}
	s.flags = append(s.flags, fl)
	s.digests = append(s.digests, maphash.Bytes(s.seed, f.Snap.Data))
	return fl&slotChanged != 0, nil
}

// PutStream stages the file rel of the next slot, as Put does, with the
// content that write writes, neither of which it holds whole (an index
// page of ten thousand articles): write writes first to a comparison with
// the file on disk, and only if that differs (or there is no file) a
// second time, to the staged file; so an unchanged file, as with Put,
// leaves its folder as it was. It reports whether the file changes.
func (s *Set) PutStream(rel string, write func(io.Writer) error) (bool, error) {
	return s.putStream(rel, false, write)
}

// PutStreamChanged stages the file rel of the next slot as PutStream
// does, for content that the caller knows differs from the file on disk
// (what the file was made from changed): write writes once, to the staged
// file, and the file on disk is only read for what Commit checks. Should
// the content be the same after all, the file is written again as it was.
func (s *Set) PutStreamChanged(rel string, write func(io.Writer) error) (bool, error) {
	return s.putStream(rel, true, write)
}

// putStream is PutStream, or PutStreamChanged with differs.
func (s *Set) putStream(rel string, differs bool, write func(io.Writer) error) (bool, error) {
	k := len(s.flags)
	if want := s.rel(k/s.slots, k%s.slots); rel != want {
		return false, fmt.Errorf("staging %s in the slot of %s", rel, want)
	}
	path := s.abs(rel)
	s.sweepOnce(filepath.Dir(path))
	fl := slotUsed | slotCheck
	c := &comparer{}
	c.digest.SetSeed(s.seed)
	if fi, err := os.Stat(path); err == nil {
		if err := Regular(fi.Mode()); err != nil {
			return false, &fileerr.Error{File: rel, Err: err}
		}
		if c.old, err = openFile(path, os.O_RDONLY, 0); err != nil {
			return false, &fileerr.Error{File: rel, Err: err}
		}
		defer c.old.Close()
		fl |= slotExists
		if differs {
			c.differs = true
		} else if err := buffered(c, write); err != nil && !errors.Is(err, errDiffers) {
			return false, fmt.Errorf("writing %s: %w", rel, err)
		}
		// The rest of the old file, for its digest: one longer than
		// what was written differs.
		if err := c.finish(); err != nil {
			return false, &fileerr.Error{File: rel, Err: err}
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return false, &fileerr.Error{File: rel, Err: err}
	}
	if c.old == nil || c.differs {
		fl |= slotChanged
		if err := s.writeTempFunc(rel, func(w io.Writer) error { return buffered(w, write) }); err != nil {
			return false, fmt.Errorf("writing %s: %w", rel, err)
		}
	}
	s.flags = append(s.flags, fl)
	s.digests = append(s.digests, c.digest.Sum64())
	return fl&slotChanged != 0, nil
}

// buffered has write write to w through a buffer.
func buffered(w io.Writer, write func(io.Writer) error) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := write(bw); err != nil {
		return err
	}
	return bw.Flush()
}

// errDiffers stops a comparison at the first difference.
var errDiffers = errors.New("differs")

// comparer compares what is written to it with a file's content (old),
// and takes the file's digest as it reads it; at the first difference
// its Write fails with errDiffers.
type comparer struct {
	old     *os.File
	buf     []byte
	digest  maphash.Hash
	differs bool
}

func (c *comparer) Write(p []byte) (int, error) {
	if c.differs {
		return 0, errDiffers
	}
	if cap(c.buf) < len(p) {
		c.buf = make([]byte, len(p))
	}
	n, err := io.ReadFull(c.old, c.buf[:len(p)])
	c.digest.Write(c.buf[:n])
	switch {
	case err != nil && err != io.EOF && err != io.ErrUnexpectedEOF:
		return 0, err
	case n < len(p) || !bytes.Equal(c.buf[:n], p):
		c.differs = true
		return 0, errDiffers
	}
	return len(p), nil
}

// finish reads the rest of the old file into the digest: a file longer
// than what was written differs.
func (c *comparer) finish() error {
	n, err := io.Copy(&c.digest, c.old)
	if n > 0 {
		c.differs = true
	}
	return err
}

// writeTempFunc writes the staged file of rel with what write writes;
// a durable Set's is then synced in the background (see Set.sync).
func (s *Set) writeTempFunc(rel string, write func(io.Writer) error) error {
	f, err := s.create(rel)
	if err != nil {
		return err
	}
	err = write(f)
	if err == nil && s.sync {
		s.syncs <- struct{}{}
		s.syncing.Go(func() {
			err := syncFile(f)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			<-s.syncs
			if err != nil {
				s.mu.Lock()
				if s.syncErr == nil {
					s.syncErr = fmt.Errorf("writing %s: %w", rel, err)
				}
				s.mu.Unlock()
			}
		})
		return nil
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// synced waits for the staged files being synced, and returns the first
// error of their syncs.
func (s *Set) synced() error {
	s.syncing.Wait()
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.syncErr
}

// create creates the staged file of rel, and its folder if it is not
// there yet.
func (s *Set) create(rel string) (*os.File, error) {
	path := s.tmp(rel)
	f, err := openFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrNotExist) {
		// The folder is not there yet: made on its first file, not
		// looked for on every one.
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, err
		}
		f, err = openFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	}
	return f, err
}

func (s *Set) writeTemp(rel string, data []byte) error {
	return s.writeTempFunc(rel, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
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
func (s *Set) verify(rel string, flags uint8, digest uint64) (fs.FileMode, error) {
	data, mode, err := readMode(s.abs(rel))
	exists := err == nil
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return 0, &fileerr.Error{File: rel, Err: err}
	}
	if exists != (flags&slotExists != 0) || maphash.Bytes(s.seed, data) != digest {
		return 0, &fileerr.Error{File: rel, Err: ErrChanged}
	}
	return mode, nil
}

// ReadFile reads a file as os.ReadFile does, without the system calls
// that os.Open spends on a regular file (see openRead). Like os.ReadFile,
// it opens whatever path names: a caller that must not open a named pipe
// or a device looks first, as Read does.
func ReadFile(path string) ([]byte, error) {
	data, _, err := readMode(path)
	return data, err
}

// readMode is ReadFile that also returns the file's permissions, from
// the same open file (0o644 where it is missing).
func readMode(path string) ([]byte, fs.FileMode, error) {
	f, size, perm, err := openRead(path)
	if err != nil {
		return nil, 0o644, err
	}
	defer f.Close()
	// As many bytes as the file had when it was opened, as git reads a
	// file: no read after them only to be told the file ends there (for
	// every file a command reads, a system call). A file that grows
	// meanwhile is read as it was, and a check that reads it again sees
	// the difference. One whose size says nothing (0: a file some file
	// systems make up as it is read) is read to its end.
	data := make([]byte, 0, max(size, 512))
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF || size > 0 && int64(len(data)) >= size {
			return data, perm, nil
		}
		if err != nil {
			if _, ok := err.(*fs.PathError); !ok {
				err = &fs.PathError{Op: "read", Path: path, Err: err}
			}
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
	var written []string
	err := s.CommitEach(func(rel string) { written = append(written, rel) })
	return written, err
}

// CommitEach is Commit that hands each path to wrote as its file is
// renamed into place (or removed), rather than gathering them: a build of
// ten thousand articles writes forty thousand files.
func (s *Set) CommitEach(wrote func(rel string)) error {
	// Every file read is read again (an extract of 1,000 articles that
	// changes nothing reads its 3,000 catalogs), on every core; the
	// error of the first slot in order is reported.
	type check struct {
		k  int
		fl uint8
		d  uint64
	}
	var checks []check
	d := 0 // the digest of the next slot with a file
	for k, fl := range s.flags {
		if fl&slotUsed == 0 {
			continue
		}
		d++
		if fl&slotCheck != 0 {
			checks = append(checks, check{k, fl, s.digests[d-1]})
		}
	}
	err := pool.Ordered(len(checks), func(i int) (struct{}, error) {
		c := checks[i]
		_, err := s.verify(s.rel(c.k/s.slots, c.k%s.slots), c.fl, c.d)
		return struct{}{}, err
	}, func(int, struct{}) error { return nil })
	if err != nil {
		return err
	}
	// Every staged file durable before the first is renamed.
	if err := s.synced(); err != nil {
		return err
	}
	d = 0
	for k, fl := range s.flags {
		if fl&slotUsed != 0 {
			d++
		}
		if fl&slotChanged == 0 {
			continue
		}
		rel := s.rel(k/s.slots, k%s.slots)
		mode := fs.FileMode(0)
		if fl&slotCheck != 0 {
			// Again right before the rename, to narrow the window in
			// which an editor's save could be lost.
			m, err := s.verify(rel, fl, s.digests[d-1])
			if err != nil {
				return err
			}
			mode = m
		}
		path := s.abs(rel)
		if fl&slotRemove != 0 {
			if err := os.Remove(path); err != nil {
				return fmt.Errorf("removing %s: %w", rel, err)
			}
			s.flags[k] &^= slotChanged
			wrote(rel)
			continue
		}
		if mode == 0 {
			// Not verified: its mode is looked up here.
			mode = 0o644
			if fi, err := os.Stat(path); err == nil {
				mode = fi.Mode().Perm()
			}
		}
		if mode != createdMode() {
			if err := os.Chmod(s.tmp(rel), mode); err != nil {
				return fmt.Errorf("writing %s: %w", rel, err)
			}
		}
		if err := rename(s.tmp(rel), path); err != nil {
			return fmt.Errorf("writing %s: %w", rel, err)
		}
		s.flags[k] &^= slotChanged
		wrote(rel)
	}
	return nil
}

// createdMode is the mode a staged file has as create makes it: 0o644
// less the process's umask, or 0 (never a mode to keep) where the umask
// is not known. A file whose target wants that mode, as most do, needs
// no chmod before its rename.
var createdMode = sync.OnceValue(func() fs.FileMode {
	m, ok := umask()
	if !ok {
		return 0
	}
	return 0o644 &^ m
})

// Abort removes the staged files that Commit did not rename, once their
// syncs are done.
func (s *Set) Abort() {
	s.syncing.Wait()
	for k, fl := range s.flags {
		if fl&slotChanged != 0 && fl&slotRemove == 0 {
			os.Remove(s.tmp(s.rel(k/s.slots, k%s.slots)))
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for rel := range s.prepared {
		os.Remove(s.tmp(rel))
	}
	s.prepared = nil
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
	return WriteFileFunc(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// WriteFileFunc is WriteFile of what write writes, which need not be
// held whole (the translation memory of a large project): staged beside
// path, synced and renamed over it once write returned nil; when write
// or the file system fails, the file is left as it was, and write's
// error is returned as it is.
func WriteFileFunc(path string, write func(io.Writer) error) error {
	s, err := NewStream(filepath.Dir(path), filepath.Base(path))
	if err != nil {
		return err
	}
	if err := write(s); err != nil {
		s.Abort()
		return err
	}
	if err := s.Sync(); err != nil {
		s.Abort()
		return err
	}
	// The file keeps its permissions, as a Set's do.
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
		if err := os.Chmod(s.tmp, fi.Mode().Perm()); err != nil {
			s.Abort()
			return err
		}
	}
	return s.Commit()
}
