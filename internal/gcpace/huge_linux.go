package gcpace

import (
	"bytes"
	"os"
	"runtime/debug"
	"strings"
	"unsafe"

	"golang.org/x/sys/unix"
)

// hugePage is the size of a transparent huge page on the platforms Go
// runs Linux on with 4 KB pages (amd64, arm64, 386, riscv64, …).
const hugePage = 2 << 20

// thpSetting is where Linux says when it backs memory with transparent
// huge pages: "always", "madvise" (only memory advised so) or "never",
// the one in use in brackets.
var thpSetting = "/sys/kernel/mm/transparent_hugepage/enabled"

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
func hugeHeap(n int) bool {
	_, ok := adviseHeap(n)
	return ok
}

// adviseHeap implements hugeHeap; it returns the address of the n bytes
// advised, for tests.
func adviseHeap(n int) (uintptr, bool) {
	if !thpAdvised() || strings.Contains(os.Getenv("GODEBUG"), "disablethp=1") {
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
	b, err := os.ReadFile(thpSetting)
	return err == nil && bytes.Contains(b, []byte("[madvise]"))
}
