package prefault

import (
	"encoding/binary"
	"os"
	"reflect"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

// mapping is a line of /proc/self/maps: a range, its permissions and the
// file it maps.
type mapping struct {
	from, to uintptr
	perms    string
	path     string
}

func readMaps(t *testing.T) []mapping {
	t.Helper()
	b, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		t.Skipf("no /proc/self/maps: %v", err)
	}
	var ms []mapping
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		f := strings.Fields(line)
		lo, hi, _ := strings.Cut(f[0], "-")
		from, _ := strconv.ParseUint(lo, 16, 64)
		to, _ := strconv.ParseUint(hi, 16, 64)
		m := mapping{from: uintptr(from), to: uintptr(to), perms: f[1]}
		if len(f) > 5 {
			m.path = f[5]
		}
		ms = append(ms, m)
	}
	return ms
}

// TestSegments checks that the segments found through the auxiliary
// vector are the test binary's mappings of code, read-only, and hold
// the code.
func TestSegments(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	segs := segments(getAuxv())
	if len(segs) == 0 {
		t.Fatal("no read-only segment found in the program headers")
	}
	maps := readMaps(t)
	code := reflect.ValueOf(TestSegments).Pointer()
	hasCode := false
	for _, s := range segs {
		if s.from <= code && code < s.to {
			hasCode = true
		}
		// Every page of the segment is in a read-only mapping of the
		// binary.
		for a := s.from &^ 4095; a < s.to; {
			i := -1
			for k, m := range maps {
				if m.from <= a && a < m.to {
					i = k
				}
			}
			if i < 0 {
				t.Fatalf("segment %#x-%#x: %#x is not mapped", s.from, s.to, a)
			}
			if m := maps[i]; m.path != exe || m.perms != "r-xp" {
				t.Fatalf("segment %#x-%#x: %#x is in %s %s, not a mapping of the code of %s", s.from, s.to, a, m.perms, m.path, exe)
			}
			a = maps[i].to
		}
	}
	if !hasCode {
		t.Errorf("no segment holds the code (%#x): %#x", code, segs)
	}
}

// TestSegmentsRefused checks that auxiliary vectors without usable
// program headers give no segment.
func TestSegmentsRefused(t *testing.T) {
	at, ent, num := headerValues(getAuxv())
	// The same headers, but for the one that describes the headers.
	headers := unsafe.Slice((*phdr)(unsafe.Add(unsafe.Pointer(nil), at)), num)
	noPHDR := make([]phdr, 0, num)
	for _, h := range headers {
		if h.typ != ptPHDR {
			noPHDR = append(noPHDR, h)
		}
	}
	for _, c := range []struct {
		name string
		auxv []uintptr
	}{
		{"empty", nil},
		{"no headers", []uintptr{atPHENT, ent, atPHNUM, num}},
		{"32-bit headers", []uintptr{atPHDR, at, atPHENT, 32, atPHNUM, num}},
		{"no count", []uintptr{atPHDR, at, atPHENT, ent}},
		{"odd length", []uintptr{atPHDR}},
		{"no header of the headers", []uintptr{atPHDR, uintptr(unsafe.Pointer(unsafe.SliceData(noPHDR))), atPHENT, ent, atPHNUM, uintptr(len(noPHDR))}},
	} {
		if got := segments(c.auxv); got != nil {
			t.Errorf("%s: segments = %#x, want none", c.name, got)
		}
	}
}

// TestInit checks that init mapped the binary's code, which the page
// cache holds: the test binary was just written.
func TestInit(t *testing.T) {
	segs := segments(getAuxv())
	if len(mapped) == 0 {
		for _, s := range segs {
			if resident(segment{s.from &^ 4095, s.to}, 4096) {
				t.Fatalf("init mapped no segment, though the page cache holds %#x-%#x", s.from, s.to)
			}
		}
		t.Skip("the page cache does not hold the test binary")
	}
	if len(mapped) != len(segs) {
		t.Errorf("init mapped %#x of %#x", mapped, segs)
	}
}

// present counts the pages of s that the process's page tables map
// (/proc/self/pagemap).
func present(t *testing.T, s segment) (n, of int) {
	t.Helper()
	f, err := os.Open("/proc/self/pagemap")
	if err != nil {
		t.Skipf("no pagemap: %v", err)
	}
	defer f.Close()
	const page = 4096
	pages := int((s.to - s.from + page - 1) / page)
	buf := make([]byte, 8*pages)
	if _, err := f.ReadAt(buf, int64(s.from/page*8)); err != nil {
		t.Fatal(err)
	}
	for i := range pages {
		if binary.LittleEndian.Uint64(buf[8*i:])>>63 != 0 {
			n++
		}
	}
	return n, pages
}

// mapFile maps the file at path, read-only, and returns its segment.
func mapFile(t *testing.T, path string) segment {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	b, err := syscall.Mmap(int(f.Fd()), 0, int(st.Size()), syscall.PROT_READ, syscall.MAP_PRIVATE)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { syscall.Munmap(b) })
	from := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	return segment{from, from + uintptr(len(b))}
}

// TestPopulate checks that populate maps every page of a file's segment
// the page cache holds, which no fault mapped before, and leaves one it
// does not hold to the faults.
func TestPopulate(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.ReadFile(exe); err != nil { // into the page cache
		t.Fatal(err)
	}
	s := mapFile(t, exe)
	if n, of := present(t, s); n == of {
		t.Fatalf("all %d pages of a fresh mapping already mapped", of)
	}
	if got := populate([]segment{s}); len(got) != 1 {
		t.Fatalf("populate = %#x, want %#x", got, s)
	}
	if n, of := present(t, s); n != of {
		t.Errorf("%d of %d pages mapped after populate", n, of)
	}

	// A file the page cache does not hold: written, synced and
	// dropped from the cache.
	path := t.TempDir() + "/cold"
	if err := os.WriteFile(path, make([]byte, 1<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	f.Sync()
	const fadvDontNeed = 4
	syscall.Syscall6(syscall.SYS_FADVISE64, f.Fd(), 0, 0, fadvDontNeed, 0, 0)
	f.Close()
	cold := mapFile(t, path)
	if resident(cold, 4096) {
		t.Skip("the file system keeps the file in memory (tmpfs)")
	}
	if got := populate([]segment{cold}); len(got) != 0 {
		t.Errorf("populate mapped a segment the page cache does not hold: %#x", got)
	}
	if n, _ := present(t, cold); n != 0 {
		t.Errorf("%d pages of a file not in the page cache mapped", n)
	}
	// Its reading was begun, though nothing touched it: some of its
	// pages come into the page cache.
	for wait := time.Millisecond; !anyResident(t, cold); wait *= 2 {
		if wait > 5*time.Second {
			t.Error("no page of a segment the page cache did not hold read after populate")
			break
		}
		time.Sleep(wait)
	}
}

// anyResident reports whether the page cache holds a page of s.
func anyResident(t *testing.T, s segment) bool {
	t.Helper()
	vec := make([]byte, (s.to-s.from+4095)/4096)
	if _, _, errno := syscall.Syscall(syscall.SYS_MINCORE, s.from, s.to-s.from, uintptr(unsafe.Pointer(unsafe.SliceData(vec)))); errno != 0 {
		t.Fatal(errno)
	}
	for _, b := range vec {
		if b&1 != 0 {
			return true
		}
	}
	return false
}
