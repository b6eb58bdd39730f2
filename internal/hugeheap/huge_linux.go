package hugeheap

import (
	"runtime"
	"syscall"
	"unsafe"
)

// size is how much of the heap is advised: 64 MiB, some six times what a
// command allocates when nothing changed, and twice gcpace.Floor, the
// heap a cold command fills before its first collection. More did not
// cut a cold extract's page faults further: the rest are its mapped
// files'.
const size = 64 << 20

// hugePage is the size of a transparent huge page on the platforms Go
// runs Linux on with 4 KB pages (amd64, arm64, 386, riscv64, …).
const hugePage = 2 << 20

// The files Linux says its settings in: when it backs memory with
// transparent huge pages ("always", "madvise": only memory advised so,
// or "never", the one in use in brackets), their size, its free blocks
// of memory by size (one line per zone, "Node 0, zone Normal" and then
// the number of free blocks of 1, 2, 4, … pages), and the program's
// arguments (each ended by a NUL).
var (
	thpSetting = "/sys/kernel/mm/transparent_hugepage/enabled"
	thpSize    = "/sys/kernel/mm/transparent_hugepage/hpage_pmd_size"
	buddyInfo  = "/proc/buddyinfo"
	cmdline    = "/proc/self/cmdline"
	// The process's control groups ("0::/path" for version 2, and
	// "id:memory,…:/path" for version 1's memory controller), and where
	// they are mounted.
	procCgroup = "/proc/self/cgroup"
	cgroupRoot = "/sys/fs/cgroup"
)

// advised is what init advised, zero if it did not.
var advised advice

func init() {
	if wanted(split(readSmall(cmdline), 0)) {
		advised, _ = advise(size)
	}
}

// cheap are the arguments that make l10n do little: print its version,
// its help or a completion script, or answer a completion request.
var cheap = [...]string{"--version", "version", "--help", "-h", "help", "completion", "__complete", "__completeNoDesc"}

// wanted reports whether a program run with args (its name first) is to
// have its heap advised: a command that does some work, in an
// environment that leaves the collector's pacing and huge pages to
// l10n.
func wanted(args []string) bool {
	if len(args) < 2 || getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return false
	}
	for _, a := range args[1:] {
		if len(a) > 6 && a[:6] == "-test." {
			return false
		}
		for _, c := range cheap {
			if a == c {
				return false
			}
		}
	}
	return true
}

// advise advises the first n bytes of the heap allocated from now on
// for huge pages, where Linux gives them only to memory advised so, the
// user has not turned them off for Go (GODEBUG=disablethp=1), and enough
// huge pages are free; it returns what it advised and whether it did.
//
// The range starts below the n bytes, at the start of the heap's chunk
// (4 MB) that holds what the heap allocated so far: the runtime maps the
// n bytes after that chunk, and hands out the chunk's free pages first.
// The huge page's worth of memory that holds what the heap allocated so
// far has some 4 KB pages already, so the kernel would give the rest of
// it in 4 KB pages too (some 250 faults of a command); advise makes it
// one huge page (MADV_COLLAPSE, Linux 6.1: 0.2–0.4 ms, copying the pages
// there are).
func advise(n int) (a advice, ok bool) {
	if !thpAdvised() || contains(getenv("GODEBUG"), "disablethp=1") ||
		syscall.Getpagesize() != 4096 || trim(readSmall(thpSize)) != "2097152" ||
		freeHugeBlocks() < 2*n/hugePage || memoryLimited() {
		return advice{}, false
	}
	probe = new([16]byte)
	first := uintptr(unsafe.Pointer(probe)) &^ (hugePage - 1)
	chunk := first &^ (heapChunk - 1)
	probe = nil
	// No collection of the runtime's own while the memory is made: the
	// allocation would start one (the heap past its goal) that the
	// collection below waits for before it runs its own. A collection
	// costs 1–3 ms on a virtual machine, even of an empty heap: one is
	// enough to give the memory back.
	percent := setGCPercent(-1)
	b := make([]byte, n+hugePage)
	at := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	a.from = (at + hugePage - 1) &^ (hugePage - 1)
	a.to = a.from + uintptr(n)
	if chunk < a.from && a.from-chunk <= 2*heapChunk {
		a.from = chunk
	}
	_, _, errno := syscall.Syscall(syscall.SYS_MADVISE, a.from, a.to-a.from, syscall.MADV_HUGEPAGE)
	b = nil
	runtime.GC()
	setGCPercent(percent)
	if errno != 0 {
		return advice{}, false
	}
	if first >= a.from && first+hugePage <= a.to {
		if _, _, errno := syscall.Syscall(syscall.SYS_MADVISE, first, hugePage, madvCollapse); errno == 0 {
			a.whole = first
		}
	}
	return a, true
}

// setGCPercent is debug.SetGCPercent, which the runtime gives
// runtime/debug under this name: the package imports only the runtime
// and syscall, so that it is initialised among the first (see init).
//
//go:linkname setGCPercent runtime/debug.setGCPercent
func setGCPercent(percent int32) int32

// advice is what advise advised: the memory from from to to, and the huge
// page at whole made whole (0 if none was).
type advice struct {
	from, to, whole uintptr
}

// madvCollapse is MADV_COLLAPSE (Linux 6.1), which syscall lacks.
const madvCollapse = 25

// heapChunk is the runtime's unit of mapping heap memory (its page
// allocator's chunk, pallocChunkBytes): 4 MB.
const heapChunk = 4 << 20

// probe is an object of the heap, to find where the heap is.
var probe *[16]byte

// thpAdvised reports whether Linux gives transparent huge pages to memory
// advised so, and only to it.
func thpAdvised() bool {
	return contains(readSmall(thpSetting), "[madvise]")
}

// freeHugeBlocks returns how many free blocks of a huge page (2 MB: 512
// pages of 4 KB, order 9) /proc/buddyinfo counts in all zones, a block of
// 4 MB counting as two; 0 if it cannot be read.
func freeHugeBlocks() int {
	const order = 9
	n := 0
	for _, line := range split(readSmall(buddyInfo), '\n') {
		i := index(line, "zone")
		if i < 0 {
			continue
		}
		f := split(line[i+len("zone"):], ' ')
		if len(f) == 0 {
			continue
		}
		for k, c := range f[1:] { // f[0] is the zone's name
			if v, ok := atoi(c); ok && k >= order && k-order < 20 {
				n += v << (k - order)
			}
		}
	}
	return n
}

// memoryLimited reports whether a memory limit holds the process: that
// of its control group or of one above it, version 2 (memory.max) or
// version 1 (the memory controller's memory.limit_in_bytes), mounted
// where Linux mounts them. Under one, huge pages are not asked for: a
// 2 MB page is taken whole where a few 4 KB pages of it would do, and
// the kernel cannot write the heap out to make room, so that near its
// limit a command thrashed (a cold check of 1,000 articles in a 40 MB
// cgroup: 2.2–2.7 s in three runs without the advice; with it, 2.3 s
// once and more than 60 s in three runs of four).
func memoryLimited() bool {
	for _, line := range split(readSmall(procCgroup), '\n') {
		f := split(line, ':')
		var dir, file string
		switch {
		case len(f) == 2 && f[0] == "0": // version 2: "0::/path" splits to 0 and /path
			dir, file = cgroupRoot, "memory.max"
		case len(f) == 3 && hasField(f[1], "memory"):
			dir, file = cgroupRoot+"/memory", "memory.limit_in_bytes"
		default:
			continue
		}
		for path := f[len(f)-1]; path != ""; path = parent(path) {
			if n, ok := atoi(trim(readSmall(dir + path + "/" + file))); ok && n > 0 {
				return true // "max", and version 1's 2^63 rounded down, are no limit
			}
		}
	}
	return false
}

// parent returns the group above the group at path: "/" above "/a",
// "" above "/".
func parent(path string) string {
	if path == "/" {
		return ""
	}
	i := len(path) - 1
	for i > 0 && path[i] != '/' {
		i--
	}
	if i == 0 {
		return "/"
	}
	return path[:i]
}

// hasField reports whether the comma-separated list s holds field.
func hasField(s, field string) bool {
	for _, x := range split(s, ',') {
		if x == field {
			return true
		}
	}
	return false
}

// getenv returns the value of an environment variable, "" if unset.
func getenv(key string) string {
	v, _ := syscall.Getenv(key)
	return v
}

// readSmall returns the content of a small file of /proc or /sys, "" if
// it cannot be read.
func readSmall(path string) string {
	fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return ""
	}
	defer syscall.Close(fd)
	b := make([]byte, 0, 4096)
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := syscall.Read(fd, b[len(b):cap(b)])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return ""
		}
		if n == 0 {
			return string(b)
		}
		b = b[:len(b)+n]
	}
}

// The few string functions the package needs, written here so that it
// imports no package that would be initialised before it.

// split returns the parts of s between the separators, without the empty
// ones.
func split(s string, sep byte) []string {
	var parts []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == sep || (sep == ' ' && s[i] == '\t') {
			if i > start {
				parts = append(parts, s[start:i])
			}
			start = i + 1
		}
	}
	return parts
}

// index returns the index of the first sub in s, -1 if none.
func index(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

// contains reports whether sub is in s.
func contains(s, sub string) bool { return index(s, sub) >= 0 }

// trim returns s without the white space around it.
func trim(s string) string {
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\n' || s[0] == '\t') {
		s = s[1:]
	}
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\n' || s[len(s)-1] == '\t') {
		s = s[:len(s)-1]
	}
	return s
}

// atoi returns the value of a decimal number that fits an int.
func atoi(s string) (int, bool) {
	if s == "" || len(s) > 18 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}
