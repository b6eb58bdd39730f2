package prefault

import (
	"syscall"
	"unsafe"
)

// mapped are the segments init mapped.
var mapped []segment

func init() {
	mapped = populate(segments(getAuxv()))
}

// segment is a range of the process's memory, from its first byte to the
// byte after its last.
type segment struct{ from, to uintptr }

// The auxiliary vector's keys for the program headers: where they are,
// the size of one, and how many there are.
const (
	atPHDR  = 3
	atPHENT = 4
	atPHNUM = 5
)

// The program headers' types and flags used here.
const (
	ptLoad = 1
	ptPHDR = 6
	pfX    = 1
	pfW    = 2
)

// phdr is an ELF program header of a 64-bit program (Elf64_Phdr).
type phdr struct {
	typ, flags           uint32
	off, vaddr, paddr    uint64
	filesz, memsz, align uint64
}

// getAuxv returns the auxiliary vector the kernel gave the program, as
// pairs of key and value. golang.org/x/sys/unix reads it so too; the
// runtime keeps the name for it (go.dev/issue/67401).
//
//go:linkname getAuxv runtime.getAuxv
func getAuxv() []uintptr

// segments returns the program's loadable segments of code (executable,
// not writable), from the auxiliary vector auxv; none if it lacks the
// program headers or the program is not a 64-bit one. It reads the
// headers at an address the kernel gave, memory that no Go allocation
// holds, which the race detector's pointer checks (checkptr) refuse to
// make a pointer of: they are off here.
//
//go:nocheckptr
func segments(auxv []uintptr) []segment {
	at, ent, num := headerValues(auxv)
	if at == 0 || ent != unsafe.Sizeof(phdr{}) || num == 0 || num > 64 || unsafe.Sizeof(uintptr(0)) != 8 {
		return nil
	}
	// The headers are in the program's first segment, mapped by the
	// kernel, not in Go's memory.
	headers := unsafe.Slice((*phdr)(unsafe.Add(unsafe.Pointer(nil), at)), num)
	// The load bias: where the program was put against the addresses
	// it was linked for (0 but for a position-independent one), from
	// the header that describes the headers themselves.
	bias, found := uintptr(0), false
	for _, h := range headers {
		if h.typ == ptPHDR {
			bias, found = at-uintptr(h.vaddr), true
		}
	}
	if !found {
		return nil
	}
	var segs []segment
	for _, h := range headers {
		if h.typ == ptLoad && h.flags&pfX != 0 && h.flags&pfW == 0 && h.memsz > 0 {
			segs = append(segs, segment{bias + uintptr(h.vaddr), bias + uintptr(h.vaddr+h.memsz)})
		}
	}
	return segs
}

// headerValues returns what the auxiliary vector auxv says of the
// program headers: where they are, the size of one and how many there
// are (0 for what it does not say).
func headerValues(auxv []uintptr) (at, ent, num uintptr) {
	for i := 0; i+1 < len(auxv); i += 2 {
		switch auxv[i] {
		case atPHDR:
			at = auxv[i+1]
		case atPHENT:
			ent = auxv[i+1]
		case atPHNUM:
			num = auxv[i+1]
		}
	}
	return at, ent, num
}

// madvPopulateRead is MADV_POPULATE_READ (Linux 5.14), which syscall
// lacks.
const madvPopulateRead = 22

// populate maps the pages of each segment whose pages the page cache
// holds, and returns the segments it mapped. A segment of which the page
// cache holds only some pages (a first run after the machine started,
// or after the kernel dropped some to make room) is left to the faults,
// and its reading from the disk is begun (MADV_WILLNEED), so that a
// later run finds it whole: the pages a program never runs would
// otherwise never be read, nor the segment ever mapped at once again.
func populate(segs []segment) []segment {
	page := uintptr(syscall.Getpagesize())
	var done []segment
	for _, s := range segs {
		s.from &^= page - 1
		if !resident(s, page) {
			syscall.Syscall(syscall.SYS_MADVISE, s.from, s.to-s.from, syscall.MADV_WILLNEED)
			continue
		}
		if _, _, errno := syscall.Syscall(syscall.SYS_MADVISE, s.from, s.to-s.from, madvPopulateRead); errno != 0 {
			continue // an older kernel (EINVAL), or a page it could not map
		}
		done = append(done, s)
	}
	return done
}

// residency is mincore's answer for up to len(residency) pages: a byte
// per page, its lowest bit set if the page cache holds the page.
var residency [4096]byte

// resident reports whether the page cache holds every page of s.
func resident(s segment, page uintptr) bool {
	for from := s.from; from < s.to; {
		n := min((s.to-from+page-1)/page, uintptr(len(residency)))
		if _, _, errno := syscall.Syscall(syscall.SYS_MINCORE, from, n*page, uintptr(unsafe.Pointer(&residency[0]))); errno != 0 {
			return false
		}
		for _, b := range residency[:n] {
			if b&1 == 0 {
				return false
			}
		}
		from += n * page
	}
	return true
}
