package gcpace

import (
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"unsafe"

	"golang.org/x/sys/unix"
)

// hugePage is the size of a transparent huge page on the platforms Go
// runs Linux on with 4 KB pages (amd64, arm64, 386, riscv64, …).
const hugePage = 2 << 20

// thpSetting is where Linux says when it backs memory with transparent
// huge pages: "always", "madvise" (only memory advised so) or "never",
// the one in use in brackets; thpSize is where it says their size.
var (
	thpSetting = "/sys/kernel/mm/transparent_hugepage/enabled"
	thpSize    = "/sys/kernel/mm/transparent_hugepage/hpage_pmd_size"
)

// buddyInfo is where Linux counts its free blocks of memory by size: one
// line per zone, "Node 0, zone Normal" and then the number of free blocks
// of 1, 2, 4, … pages.
var buddyInfo = "/proc/buddyinfo"

// hugeHeap asks the kernel to back the first n bytes of the heap the
// command allocates with transparent huge pages, where Linux gives them
// only to memory advised so (its default "madvise" setting) and the
// user has not turned them off for Go's heap (GODEBUG=disablethp=1).
// It reports whether it did.
//
// The runtime does not advise its heap (Go 1.21.1 stopped: it made some
// servers' memory grow), so each 4 KB page a command first writes costs
// a page fault; where faults are dear (a virtual machine whose faults
// take 11 µs), a command that does little (nothing changed) spends a
// third of its time in them. A huge page is one fault for 2 MB.
//
// Go has no call to advise memory the heap has not mapped yet; so
// hugeHeap allocates n bytes, which the heap maps fresh and nobody
// writes, advises them, and gives them back with a collection
// (debug.FreeOSMemory, a few milliseconds: the runtime then counts them
// as returned to the system, not as memory in use). The advice stays on
// the mapping, and the runtime hands out its lowest free addresses
// first, so the command's next n bytes of heap are these.
//
// Advised memory is why Go stopped (golang/go#61718): with Linux's
// default "defrag" setting, a fault in it that finds no free huge page
// compacts memory first, which can stall for long on a machine whose
// memory is full and fragmented. So hugeHeap advises only when the kernel
// has twice as many free blocks of a huge page's size as n needs, so
// that its faults take blocks already free (/proc/buddyinfo).
func hugeHeap(n int) bool {
	_, ok := adviseHeap(n)
	return ok
}

// adviseHeap implements hugeHeap; it returns the address of the n bytes
// advised, for tests.
func adviseHeap(n int) (uintptr, bool) {
	if !thpAdvised() || strings.Contains(os.Getenv("GODEBUG"), "disablethp=1") ||
		os.Getpagesize() != 4096 || strings.TrimSpace(readSmall(thpSize)) != "2097152" ||
		freeHugeBlocks() < 2*n/hugePage {
		return 0, false
	}
	b := make([]byte, n+hugePage)
	at := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	off := int(-at & (hugePage - 1))
	err := unix.Madvise(b[off:off+n], unix.MADV_HUGEPAGE)
	b = nil
	debug.FreeOSMemory()
	return at + uintptr(off), err == nil
}

// thpAdvised reports whether Linux gives transparent huge pages to memory
// advised so, and only to it.
func thpAdvised() bool {
	return strings.Contains(readSmall(thpSetting), "[madvise]")
}

// freeHugeBlocks returns how many free blocks of a huge page (2 MB: 512
// pages of 4 KB, order 9) /proc/buddyinfo counts in all zones, a block of
// 4 MB counting as two; 0 if it cannot be read.
func freeHugeBlocks() int {
	const order = 9
	n := 0
	for _, line := range strings.Split(readSmall(buddyInfo), "\n") {
		_, counts, ok := strings.Cut(line, "zone")
		if !ok {
			continue
		}
		f := strings.Fields(counts)
		if len(f) == 0 {
			continue
		}
		for k, c := range f[1:] { // f[0] is the zone's name
			if v, err := strconv.Atoi(c); err == nil && k >= order && k-order < 20 {
				n += v << (k - order)
			}
		}
	}
	return n
}

// readSmall returns the content of a small file of /proc or /sys, "" if
// it cannot be read.
func readSmall(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	return string(b)
}
