package offheap

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"
)

// TestFree: Free gives a slice's whole pages back (the file's blocks
// go, the slice reads zeros there) and leaves the memory around it, and
// the heap's slices, alone.
func TestFree(t *testing.T) {
	s := New(t.TempDir(), 0)
	defer s.Close()
	before := []string{"before"}
	s.Move(before)
	v := Make[int64](s, 1<<17) // 1 MiB
	after := Make[int32](s, 3)
	for i := range v {
		v[i] = int64(i) + 1
	}
	after[2] = 7
	blocks := func() int64 {
		var st unix.Stat_t
		if err := unix.Fstat(int(s.f.Fd()), &st); err != nil {
			t.Fatal(err)
		}
		return st.Blocks * 512
	}
	had := blocks()
	Free(s, v)
	if gone := had - blocks(); gone < 1<<20-2*4096 {
		t.Skipf("the file system gave back %d bytes of 1 MiB: it does not punch holes", gone)
	}
	if v[len(v)/2] != 0 || v[len(v)-1024] != 0 {
		t.Errorf("freed memory reads %d", v[len(v)/2])
	}
	if before[0] != "before" || after[2] != 7 {
		t.Errorf("memory around the slice changed: %q %d", before[0], after[2])
	}
	heap := []int64{1, 2}
	Free(s, heap)
	Free[int64](nil, heap)
	if heap[1] != 2 {
		t.Error("a slice on the heap changed")
	}
}

// TestDrop: Drop gives back every block of the file (strings and arrays
// read zeros after) and the Store copies onto the heap from then on.
func TestDrop(t *testing.T) {
	s := New(t.TempDir(), 0)
	ss := []string{strings.Repeat("text ", 1000)}
	s.Move(ss)
	v := Make[int64](s, 1<<17)
	v[len(v)-1] = 9
	f := s.f
	var st unix.Stat_t
	if err := unix.Fstat(int(f.Fd()), &st); err != nil || st.Blocks*512 < 1<<20 {
		t.Fatalf("the file holds %d bytes (%v)", st.Blocks*512, err)
	}
	fd, err := unix.Dup(int(f.Fd()))
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(fd)
	s.Drop()
	if err := unix.Fstat(fd, &st); err != nil {
		t.Fatal(err)
	}
	if st.Blocks*512 > 2*4096 {
		t.Skipf("the file system kept %d bytes: it does not punch holes", st.Blocks*512)
	}
	if v[len(v)-1] != 0 || ss[0][0] != 0 {
		t.Errorf("dropped memory reads %d and %q", v[len(v)-1], ss[0][:5])
	}
	if w := Make[int64](s, 4); s.Holds()(ss[0]) || w == nil {
		t.Errorf("a dropped Store made %v, holds its strings %v", w, s.Holds()(ss[0]))
	}
}

// TestRegions: the strings Move keeps and the arrays Make makes, asked
// for in turn, never share a page.
func TestRegions(t *testing.T) {
	s := New(t.TempDir(), 0)
	defer s.Close()
	page := uintptr(unix.Getpagesize())
	pages := func(lo, hi uintptr) [2]uintptr { return [2]uintptr{lo / page, (hi - 1) / page} }
	var strPages, arrPages [][2]uintptr
	for i := range 300 {
		ss := []string{strings.Repeat("x", 100+i), "y"}
		s.Move(ss)
		a := Make[int32](s, 50+i)
		sp, ap := spanOf(unsafe.Slice(unsafe.StringData(ss[0]), len(ss[0]))), spanOf(unsafe.Slice((*byte)(unsafe.Pointer(&a[0])), 4*len(a)))
		if !s.Holds()(ss[0]) || !s.Holds()(ss[1]) {
			t.Fatal("a moved string is not in the store")
		}
		strPages = append(strPages, pages(sp.lo, sp.hi))
		arrPages = append(arrPages, pages(ap.lo, ap.hi))
	}
	for _, sp := range strPages {
		for _, ap := range arrPages {
			if sp[0] <= ap[1] && ap[0] <= sp[1] {
				t.Fatalf("strings on pages %d–%d share a page with an array on pages %d–%d", sp[0], sp[1], ap[0], ap[1])
			}
		}
	}
}

// TestArraysReadAtRandom: the kernel is told that the arrays' mappings
// are read at random (VmFlags "rr" in /proc/self/smaps) and not the
// strings'.
func TestArraysReadAtRandom(t *testing.T) {
	s := New(t.TempDir(), 0)
	defer s.Close()
	ss := []string{strings.Repeat("x", 1000)}
	s.Move(ss)
	a := Make[int64](s, 1000)
	smaps, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Skip(err)
	}
	flags := func(addr uintptr) string {
		var in bool
		for line := range strings.Lines(string(smaps)) {
			var lo, hi uintptr
			if n, _ := fmt.Sscanf(line, "%x-%x", &lo, &hi); n == 2 && strings.Contains(line, " ") {
				in = lo <= addr && addr < hi
				continue
			}
			if rest, ok := strings.CutPrefix(line, "VmFlags:"); ok && in {
				return rest
			}
		}
		t.Fatalf("no mapping holds %#x", addr)
		return ""
	}
	if f := flags(uintptr(unsafe.Pointer(&a[0]))); !slices.Contains(strings.Fields(f), "rr") {
		t.Errorf("an array's mapping has flags%s, without rr", f)
	}
	if f := flags(uintptr(unsafe.Pointer(unsafe.StringData(ss[0])))); slices.Contains(strings.Fields(f), "rr") {
		t.Errorf("a string's mapping has flags%s, with rr", f)
	}
}

// resident returns how many of the pages that hold b are in memory
// (mincore), and how many pages hold it.
func resident(t *testing.T, b []byte) (in, all int) {
	t.Helper()
	page := os.Getpagesize()
	lo := int(uintptr(unsafe.Pointer(unsafe.SliceData(b)))) % page
	whole := unsafe.Slice((*byte)(unsafe.Add(unsafe.Pointer(unsafe.SliceData(b)), -lo)), (lo+len(b)+page-1)/page*page)
	vec := make([]byte, len(whole)/page)
	if _, _, errno := unix.Syscall(unix.SYS_MINCORE, uintptr(unsafe.Pointer(unsafe.SliceData(whole))), uintptr(len(whole)), uintptr(unsafe.Pointer(unsafe.SliceData(vec)))); errno != 0 {
		t.Skip(errno)
	}
	for _, v := range vec {
		in += int(v & 1)
	}
	return in, len(vec)
}

// mapsLine returns the line of /proc/self/maps, and of smaps, of the
// mapping that holds p.
func mapsLine(t *testing.T, p unsafe.Pointer) (line, smaps string) {
	t.Helper()
	data, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Skip(err)
	}
	at := uintptr(p)
	for block := range strings.SplitSeq(string(data), "\nVmFlags:") {
		lines := strings.Split(strings.TrimLeft(block, " \n"), "\n")
		// A block's first line, after the previous block's flags, is its
		// mapping's.
		for k, l := range lines {
			var lo, hi uintptr
			if _, err := fmt.Sscanf(l, "%x-%x", &lo, &hi); err == nil && lo <= at && at < hi {
				return l, strings.Join(lines[k:], "\n")
			}
		}
	}
	t.Fatalf("no mapping of /proc/self/smaps holds %#x", at)
	return "", ""
}

// TestMakeFilled: MakeFilled's slice is zero, in memory of no file that
// starts on a huge page and may have huge pages; it holds the store's
// strings; Free gives its whole pages back and Drop all of it; a store
// told of a memory limit gives its file's memory; without a store, or
// with one that gives the heap its first bytes, it is on the heap; a
// type with other pointers than strings is refused.
func TestMakeFilled(t *testing.T) {
	s := New(t.TempDir(), 0)
	strs := []string{"alpha", "beta"}
	s.Move(strs)
	type entry struct {
		s string
		n int64
	}
	e, ok := MakeFilled[entry](s, 1<<17) // 3 MiB
	if !ok {
		t.Fatal("MakeFilled put the slice on the heap")
	}
	if slices.ContainsFunc(e, func(x entry) bool { return x != entry{} }) {
		t.Error("a new slice is not zero")
	}
	p := unsafe.Pointer(unsafe.SliceData(e))
	if uintptr(p)%hugePage != 0 {
		t.Errorf("the slice starts at %#x, not on a huge page", uintptr(p))
	}
	line, smaps := mapsLine(t, p)
	if f := strings.Fields(line); len(f) < 5 || f[4] != "0" || len(f) > 5 {
		t.Errorf("the slice is in a mapping of a file: %s", line)
	}
	eligible := ""
	for l := range strings.SplitSeq(smaps, "\n") {
		if f := strings.Fields(l); len(f) == 2 && f[0] == "THPeligible:" {
			eligible = f[1]
		}
	}
	if thp, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled"); err == nil && !strings.Contains(string(thp), "[never]") &&
		eligible != "" && eligible != "1" {
		t.Errorf("the slice's memory may not have huge pages (THP %q):\n%s", strings.TrimSpace(string(thp)), smaps)
	}
	for i := range e {
		e[i] = entry{strs[i%2], int64(i)}
	}
	if e[7].s != "beta" || e[1<<16].n != 1<<16 {
		t.Fatal("the slice does not read what was written")
	}
	bytesOf := func(e []entry) []byte {
		return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(e))), len(e)*int(unsafe.Sizeof(e[0])))
	}
	half := len(e) / 2
	Free(s, e[:half])
	page := os.Getpagesize()
	whole := (half * int(unsafe.Sizeof(e[0]))) / page * page / int(unsafe.Sizeof(e[0]))
	if in, _ := resident(t, bytesOf(e[:whole])); in != 0 {
		t.Errorf("Free: %d pages of the freed half are still in memory", in)
	}
	if e[0] != (entry{}) || e[half+1].n != int64(half+1) {
		t.Error("Free: the freed half does not read zeros, or the rest changed")
	}
	s.Drop()
	if e[len(e)-1] != (entry{}) {
		t.Error("Drop: the slice does not read zeros")
	}

	lim := New(t.TempDir(), 0)
	defer lim.Close()
	lim.Limit()
	f, ok := MakeFilled[entry](lim, 1<<15)
	if !ok {
		t.Fatal("MakeFilled of a limited store put the slice on the heap")
	}
	if line, _ := mapsLine(t, unsafe.Pointer(unsafe.SliceData(f))); len(strings.Fields(line)) < 6 {
		t.Errorf("MakeFilled of a limited store: not in its file's memory: %s", line)
	}

	if h, ok := MakeFilled[entry](nil, 3); ok || len(h) != 3 {
		t.Error("MakeFilled without a store: not 3 values on the heap")
	}
	small := New(t.TempDir(), 1<<20)
	defer small.Close()
	if _, ok := MakeFilled[entry](small, 10); ok {
		t.Error("MakeFilled of a store that gives the heap its first bytes: not on the heap")
	}
	defer func() {
		if recover() == nil {
			t.Error("MakeFilled of a type with a pointer did not panic")
		}
	}()
	MakeFilled[struct{ p *int }](s, 1)
}
