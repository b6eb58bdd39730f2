package pipeline

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/maphash"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"

	"github.com/l10n-dev/l10n/pipeline/catalog"
)

// workers returns how many goroutines work on n items: one per processor
// the Go runtime may use (GOMAXPROCS), and no more than there are items.
func workers(n int) int {
	return max(1, min(n, runtime.GOMAXPROCS(0)))
}

// ordered runs work(i) for every i in [0, n) on up to workers(n)
// goroutines and hands each result to emit, in index order, on the
// calling goroutine. At most two results per worker wait for emit, so
// memory stays bounded whatever n is.
//
// ordered stops at the first error in index order, work's or emit's: the
// error returned is the one a plain loop over i would have returned, and
// no result after it is emitted. Work already started finishes first.
func ordered[R any](n int, work func(i int) (R, error), emit func(i int, r R) error) error {
	type result struct {
		r   R
		err error
	}
	type job struct {
		i   int
		out chan result
	}
	w := workers(n)
	// pending holds each started item's result channel in index order;
	// its capacity bounds the results waiting for emit.
	pending := make(chan chan result, 2*w)
	jobs := make(chan job)
	stop := make(chan struct{})
	go func() {
		defer close(pending)
		defer close(jobs)
		for i := 0; i < n; i++ {
			out := make(chan result, 1)
			select {
			case pending <- out:
			case <-stop:
				return
			}
			select {
			case jobs <- job{i, out}:
			case <-stop:
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range w {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				select {
				case <-stop:
					var zero R
					j.out <- result{zero, errStopped}
					continue
				default:
				}
				r, err := work(j.i)
				j.out <- result{r, err}
			}
		}()
	}
	var err error
	i := 0
	for out := range pending {
		res := <-out
		if res.err == nil {
			res.err = emit(i, res.r)
		}
		if res.err != nil {
			err = res.err
			break
		}
		i++
	}
	if err != nil {
		close(stop)
		// Let the feeder and the workers see stop and return.
		for range pending {
		}
	}
	wg.Wait()
	return err
}

// ballast is a block of memory that a command over many articles holds
// until it ends. The articles are streamed, so the live heap stays at a
// few megabytes, and the garbage collector, which aims at twice the live
// heap, would run after every article or two: on two cores that costs
// more than the second core brings. The ballast counts as live heap and
// spaces collections out, while its pages, never touched, take no physical
// memory in a fresh process. Unlike GOGC or a memory limit it changes no
// process-wide setting, and its size does not depend on the number of
// articles, so neither does peak memory.
//
// A command calls worked once per article it had to parse; the ballast is
// taken at the ballastArticles-th, so that short runs, and long ones with
// little to do (an up-to-date build), do without it.
type ballast struct {
	mem  []byte
	work int
}

// Past ballastArticles parsed articles a command holds ballastBytes.
const (
	ballastArticles = 8
	ballastBytes    = 32 << 20
)

// worked counts an article parsed, and takes the ballast when it is due.
func (b *ballast) worked() {
	b.work++
	if b.work == ballastArticles {
		b.mem = make([]byte, ballastBytes)
	}
}

// errStopped is the result of work that ordered skipped after an error; it
// is never returned.
var errStopped = errors.New("stopped")

// staging gathers a command's output files and writes them in two steps,
// so that a command over thousands of articles neither holds them all in
// memory nor leaves some written when a later input turns out bad: each
// file whose content changes goes to a temporary file beside it as soon as
// it is made; commit then checks that no file changed on disk since it was
// read and renames the temporary files over their targets, in order. Files
// whose content is unchanged are never written.
//
// Each article has the same number of slots, one per file it may write;
// the staging keeps sixteen bytes per slot and asks rel for the paths
// again at commit, so what it holds stays small however many articles
// there are.
type staging struct {
	p *Project
	// tag makes this run's temporary file names unique.
	tag string
	// seed is the hash seed of the digests, which live as long as the
	// staging.
	seed maphash.Seed
	// sync makes each temporary file durable before it is renamed.
	sync bool
	// slots is the number of slots per article; rel returns the path of
	// a slot, relative to the root.
	slots int
	rel   func(article, slot int) string
	files []staged
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
	slotChanged                   // a temporary file holds its new content
	slotCheck                     // verify that the file is unchanged before replacing it
)

// newStaging returns an empty staging for articles with the given slots;
// durable says whether written files are synced to disk before they
// replace their targets (catalogs, which hold people's work) or not
// (editions, which build makes again).
func (p *Project) newStaging(durable bool, slots int, rel func(article, slot int) string) (*staging, error) {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return nil, fmt.Errorf("staging: %w", err)
	}
	return &staging{p: p, tag: hex.EncodeToString(b[:]), seed: maphash.MakeSeed(), sync: durable, slots: slots, rel: rel}, nil
}

// tmp returns the temporary file of rel.
func (s *staging) tmp(rel string) string {
	path := s.p.abs(rel)
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".l10n-"+s.tag)
}

// put stages the file of the next slot, or nothing if w is nil. It writes
// a temporary file if the content differs from what the file held when it
// was read (w.snap), or if w.always is set, and reports whether it did.
func (s *staging) put(w *write) (bool, error) {
	k := len(s.files)
	if w == nil {
		s.files = append(s.files, staged{})
		return false, nil
	}
	if rel := s.rel(k/s.slots, k%s.slots); rel != w.rel {
		return false, fmt.Errorf("staging %s in the slot of %s", w.rel, rel)
	}
	f := staged{digest: maphash.Bytes(s.seed, w.snap.Data), flags: slotUsed}
	if w.snap.Exists {
		f.flags |= slotExists
	}
	if !w.unchecked {
		f.flags |= slotCheck
	}
	if w.always || !w.snap.Unchanged(w.data) {
		f.flags |= slotChanged
		if err := s.writeTemp(w.rel, w.data); err != nil {
			return false, fmt.Errorf("writing %s: %w", w.rel, err)
		}
	}
	s.files = append(s.files, f)
	return f.flags&slotChanged != 0, nil
}

func (s *staging) writeTemp(rel string, data []byte) error {
	path := s.tmp(rel)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
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

// verify checks that a staged file still holds what was read.
func (s *staging) verify(rel string, f staged) error {
	data, err := os.ReadFile(s.p.abs(rel))
	exists := err == nil
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return &InputError{File: rel, Err: err}
	}
	if exists != (f.flags&slotExists != 0) || maphash.Bytes(s.seed, data) != f.digest {
		return &InputError{File: rel, Err: catalog.ErrChanged}
	}
	return nil
}

// commit checks every staged file, then renames the changed ones into
// place, in the order they were staged, checking each again just before,
// and returns their paths. On an error before the first rename nothing is
// replaced.
func (s *staging) commit() ([]string, error) {
	for k, f := range s.files {
		if f.flags&slotCheck != 0 {
			if err := s.verify(s.rel(k/s.slots, k%s.slots), f); err != nil {
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
		if f.flags&slotCheck != 0 {
			// Again right before the rename, as catalog.WriteFile does.
			if err := s.verify(rel, f); err != nil {
				return written, err
			}
		}
		path := s.p.abs(rel)
		mode := fs.FileMode(0o644)
		if fi, err := os.Stat(path); err == nil {
			mode = fi.Mode().Perm()
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

// abort removes the temporary files that commit did not rename.
func (s *staging) abort() {
	for k, f := range s.files {
		if f.flags&slotChanged != 0 {
			os.Remove(s.tmp(s.rel(k/s.slots, k%s.slots)))
		}
	}
}

// unique returns list without repeated entries, in order.
func unique(list []string) []string {
	var out []string
	for _, s := range list {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
