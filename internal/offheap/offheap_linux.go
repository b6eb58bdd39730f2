package offheap

import (
	"os"
	"sync"
	"unsafe"

	"golang.org/x/sys/unix"
)

// The sizes of a Store's mappings: the first, then twice the last, up
// to the largest (a larger block gets a mapping of its own size).
const (
	firstMap = 64 << 10
	maxMap   = 64 << 20
)

// A Store holds strings and arrays in memory mapped from a file without
// a name (see the package comment). The zero Store, and a nil one, copy
// onto the heap.
//
// The strings (Move) and the arrays (Make and the others) are in
// mappings of their own (regions): a command reads a few of the strings
// it keeps and its arrays throughout (extract's lookups read the
// memory's arrays, and the texts only of the matches they find), so that
// the pages it reads are pages of arrays alone, which a container short
// of memory keeps while the kernel writes the strings' pages to disk
// and drops them; and an array given back (Free) shares its pages with
// no string.
type Store struct {
	mu   sync.Mutex
	f    *os.File        // nil: the heap
	end  int64           // the file's size: the part mapped
	free [regions][]byte // the rest of each region's last mapping
	next [regions]int    // the size of each region's next mapping (zero: firstMap)
	// dir is where the file is made, once the heap has been given from
	// bytes ("" once it is made, or cannot be).
	dir  string
	from int64
	// spans are the mappings and the heap blocks that Move filled while
	// s gave the heap its first bytes (see Holds), which s keeps alive.
	spans []span
	held  [][]byte
	maps  []mapping
	// filled are the mappings of no file that MakeFilled gave; limited
	// says that it gives none (Limit).
	filled  [][]byte
	limited bool
}

// mapping is one of a Store's mappings: its memory, from the file's
// offset off.
type mapping struct {
	span
	off int64
}

// New returns a Store that keeps its first from bytes on the heap — a
// small project's memory never makes a file, and a process that runs
// many small commands (tests) holds no mappings; a block larger than
// what is left of them goes to the file — and the rest in an
// unnamed file in dir's file system (O_TMPFILE: it never has a name, so
// nothing is left behind however the run ends). dir should be the
// project's folder: a file system with room, where a temporary folder
// may be memory itself. Where it cannot make such a file there, the
// Store copies onto the heap.
func New(dir string, from int64) *Store {
	return &Store{dir: dir, from: from}
}

// The regions of a Store's memory.
const (
	strs   = iota // Move's strings
	arrays        // the arrays of Make, MakeReferring and Grow
	regions
)

// open makes s's file, once s has given the heap its first bytes; it
// reports whether s has a file.
func (s *Store) open(n int) bool {
	if s.f != nil {
		return true
	}
	if s.dir == "" || s.share(n) {
		return false
	}
	dir := s.dir
	s.dir = ""
	fd, err := unix.Open(dir, unix.O_TMPFILE|unix.O_RDWR|unix.O_CLOEXEC, 0o600)
	if err != nil {
		return false
	}
	s.f = os.NewFile(uintptr(fd), dir)
	return true
}

// share takes n bytes from what s gives the heap before it makes its
// file, and reports whether it could: s has no file yet, may make one,
// and n is less than what is left of its first bytes. s.mu is held.
func (s *Store) share(n int) bool {
	if s.f != nil || s.dir == "" || int64(n) >= s.from {
		return false
	}
	s.from -= int64(n)
	return true
}

// block returns n bytes for Move: mapped, or, while s gives the heap its
// first bytes, a block on the heap that s keeps; nil when s holds no
// more (Move then copies each string on its own).
func (s *Store) block(n int) []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.share(n) {
		b := make([]byte, n)
		s.held = append(s.held, b)
		s.spans = append(s.spans, spanOf(b))
		return b
	}
	return s.reserveLocked(strs, n, 1)
}

// keep adds sp to what s holds; s.mu is held.
func (s *Store) keep(sp span) { s.spans = append(s.spans, sp) }

// reserve returns n bytes of mapped memory that start at a multiple of
// align (a power of two), or nil when it has none. Memory a mapping
// gives is zero until written.
func (s *Store) reserve(n, align int) []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.reserveLocked(arrays, n, align)
}

// reserveLocked is reserve of n bytes in region r, with s.mu held.
func (s *Store) reserveLocked(r, n, align int) []byte {
	if !s.open(n) {
		return nil
	}
	pad := -int(uintptr(unsafe.Pointer(unsafe.SliceData(s.free[r])))) & (align - 1)
	if len(s.free[r]) < pad+n {
		next := max(s.next[r], firstMap)
		size := next
		if page := os.Getpagesize(); n > size {
			size = (n + page - 1) &^ (page - 1)
		}
		// The blocks are allocated before they are mapped: writing to a
		// mapped hole of a file system out of room would kill the
		// process (SIGBUS) where this fails.
		fd := int(s.f.Fd())
		if unix.Fallocate(fd, 0, s.end, int64(size)) != nil {
			s.stop()
			return nil
		}
		m, err := unix.Mmap(fd, s.end, size, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED)
		if err != nil {
			s.stop()
			return nil
		}
		if r == arrays {
			// The arrays are read at random (a lookup reads a
			// candidate's signature, bag and tokens): a page read back
			// from the file brings no neighbours it would evict others
			// for.
			_ = unix.Madvise(m, unix.MADV_RANDOM)
		}
		s.free[r], pad = m, 0 // a mapping starts on a page
		s.spans = append(s.spans, spanOf(m))
		s.maps = append(s.maps, mapping{spanOf(m), s.end})
		s.end += int64(size)
		s.next[r] = min(2*next, maxMap)
	}
	b := s.free[r][pad : pad+n : pad+n]
	s.free[r] = s.free[r][pad+n:]
	return b
}

// release gives back to the system the whole pages of b, memory of one of
// s's mappings: they read as zeros after. Other memory is left alone.
func (s *Store) release(b []byte) {
	if s == nil || len(b) == 0 {
		return
	}
	sp, page := spanOf(b), uintptr(os.Getpagesize())
	lo, hi := (sp.lo+page-1)&^(page-1), sp.hi&^(page-1)
	if lo >= hi {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.filledOf(lo, hi) {
		// Memory of no file: the pages go, and read zeros after.
		start := unsafe.Add(unsafe.Pointer(unsafe.SliceData(b)), lo-sp.lo)
		_ = unix.Madvise(unsafe.Slice((*byte)(start), hi-lo), unix.MADV_DONTNEED)
		return
	}
	if m, ok := s.mappingOf(lo, hi); ok && s.f != nil {
		// Punching the hole frees the file's blocks and the pages in
		// memory; the mapping stays, reading zeros. Where the file system
		// cannot, the memory stays as it was.
		_ = unix.Fallocate(int(s.f.Fd()), unix.FALLOC_FL_PUNCH_HOLE|unix.FALLOC_FL_KEEP_SIZE, m.off+int64(lo-m.lo), int64(hi-lo))
	}
}

// mappingOf returns the mapping of s that holds the memory from lo to
// hi, if one does; s.mu is held.
func (s *Store) mappingOf(lo, hi uintptr) (mapping, bool) {
	for _, m := range s.maps {
		if m.lo <= lo && hi <= m.hi {
			return m, true
		}
	}
	return mapping{}, false
}

// hugePage is the size of the huge pages that MakeFilled's memory is
// aligned to and advised for (2 MB on amd64 and arm64 with 4 KB pages).
const hugePage = 2 << 20

// reserveFilled returns n bytes of memory of no file for MakeFilled, a
// mapping of its own that starts on a huge page and is advised for huge
// pages (the kernel gives them where transparent huge pages are on or
// advised), or nil when s has no mapping to give (as reserve). Memory
// it gives is zero until written; it starts on a huge page, aligned for
// every type.
func (s *Store) reserveFilled(n int) []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.open(n) {
		return nil
	}
	page := os.Getpagesize()
	size := (n + page - 1) &^ (page - 1)
	// A huge page's more, so that the memory can start on one: only the
	// pages written are ever taken from the system.
	p, err := unix.MmapPtr(-1, 0, nil, uintptr(size+hugePage), unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANONYMOUS)
	if err != nil {
		return nil
	}
	at := (uintptr(p) + hugePage - 1) &^ (hugePage - 1)
	b := unsafe.Slice((*byte)(unsafe.Add(p, at-uintptr(p))), size)
	_ = unix.Madvise(b, unix.MADV_HUGEPAGE)
	s.filled = append(s.filled, b)
	return b[:n:n]
}

// filledOf reports whether the memory from lo to hi is MakeFilled's;
// s.mu is held.
func (s *Store) filledOf(lo, hi uintptr) bool {
	for _, b := range s.filled {
		if f := spanOf(b); f.lo <= lo && hi <= f.hi {
			return true
		}
	}
	return false
}

// Close ends s's use of its file: what it holds stays mapped, and a
// later Move copies onto the heap. A command closes its Store when it
// has moved all it keeps.
func (s *Store) Close() { s.finish(false) }

// Drop gives back to the system all the memory of s's file and
// MakeFilled's, for a Store whose strings and arrays nothing reads any
// more (extract's parts of a memory, one after the other): the file's
// pages are punched out of it and the file closed, MakeFilled's are
// dropped; the mappings stay, reading zeros, so that a string of s read
// by mistake reads zeros rather than crash the run. What s gave the
// heap is the collector's as ever. s is not to be used after.
func (s *Store) Drop() { s.finish(true) }

// finish implements Close, and Drop when drop is set.
func (s *Store) finish(drop bool) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dir = ""
	if s.f != nil {
		if drop {
			_ = unix.Fallocate(int(s.f.Fd()), unix.FALLOC_FL_PUNCH_HOLE|unix.FALLOC_FL_KEEP_SIZE, 0, s.end)
		}
		s.stop()
	}
	if drop {
		for _, b := range s.filled {
			_ = unix.Madvise(b, unix.MADV_DONTNEED)
		}
		s.held, s.spans, s.maps, s.filled = nil, nil, nil, nil
	}
}

// Forget tells the system that the pages of data, a read-only mapping of
// a file that lasts (strings of it may be kept anywhere), are not read
// for now: they leave the process's memory, and a later read takes them
// from the file again (from the page cache, as a rule). For a command
// that reads a large record a part at a time.
func Forget(data string) {
	if len(data) == 0 {
		return
	}
	page := uintptr(os.Getpagesize())
	base := unsafe.Pointer(unsafe.StringData(data))
	at := uintptr(base)
	lo, hi := (at+page-1)&^(page-1), (at+uintptr(len(data)))&^(page-1)
	if lo >= hi {
		return
	}
	_ = unix.Madvise(unsafe.Slice((*byte)(unsafe.Add(base, lo-at)), hi-lo), unix.MADV_DONTNEED)
}

// stop makes s copy onto the heap from now on; what it mapped stays.
func (s *Store) stop() {
	s.f.Close()
	s.f, s.free = nil, [regions][]byte{}
}

func stringOf(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }
