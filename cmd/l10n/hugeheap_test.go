package main

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// packageInit is a line of GODEBUG=inittrace=1: a package initialised,
// and the bytes its initialisation allocated.
type packageInit struct {
	pkg   string
	bytes int
}

// initTrace runs the built l10n with GODEBUG=inittrace=1 and returns its
// packages in the order they were initialised.
func initTrace(t *testing.T, bin, dir string, args ...string) []packageInit {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1", "GOGC=", "GOMEMLIMIT=")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	cmd.Run() // status reports what is missing with exit code 1
	var inits []packageInit
	for _, line := range strings.Split(stderr.String(), "\n") {
		// init github.com/yuin/goldmark @28 ms, 0.12 ms clock, 15072 bytes, 25 allocs
		f := strings.Fields(line)
		if len(f) < 9 || f[0] != "init" || f[8] != "bytes," {
			continue
		}
		n, err := strconv.Atoi(f[7])
		if err != nil {
			t.Fatalf("inittrace line %q: %v", line, err)
		}
		inits = append(inits, packageInit{f[1], n})
	}
	if len(inits) == 0 {
		t.Fatalf("l10n %s printed no inittrace lines:\n%s", strings.Join(args, " "), stderr.String())
	}
	return inits
}

// TestHugeHeapFirst: the built l10n initialises internal/hugeheap among
// its first packages, before those that allocate the most as they
// initialise and with little heap allocated before it, so that their
// allocations are in the memory it advises; it advises the heap (its
// 64 MiB allocation) for a command, where Linux gives huge pages to
// advised memory only and has free ones, and not for --version.
func TestHugeHeapFirst(t *testing.T) {
	bin := builtL10n(t)
	root := seedProject(t)
	const self = "github.com/l10n-dev/l10n/internal/hugeheap"
	find := func(inits []packageInit, pkg string) int {
		for i, p := range inits {
			if p.pkg == pkg {
				return i
			}
		}
		t.Fatalf("%s is not among the packages initialised", pkg)
		return -1
	}

	status := initTrace(t, bin, root, "status")
	at := find(status, self)
	before := 0
	for _, p := range status[:at] {
		before += p.bytes
	}
	if before > 256<<10 {
		t.Errorf("the %d packages initialised before %s allocated %d bytes", at, self, before)
	}
	for _, heavy := range []string{"github.com/yuin/goldmark/util", "github.com/yuin/goldmark/extension",
		"golang.org/x/text/language/display", "gopkg.in/yaml%2ev3", "golang.org/x/net/html", "github.com/spf13/cobra"} {
		if i := find(status, heavy); i < at {
			t.Errorf("%s is initialised before %s", heavy, self)
		}
	}
	if thp, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled"); err == nil &&
		strings.Contains(string(thp), "[madvise]") && freeHugeBlocksNow() >= 256 {
		if got := status[at].bytes; got < 64<<20 {
			t.Errorf("l10n status: %s allocated %d bytes as it initialised, want the 64 MiB it advises", self, got)
		}
	} else {
		t.Log("this Linux gives huge pages to all memory or none, or has few free: not checking that the heap is advised")
	}

	version := initTrace(t, bin, root, "--version")
	if got := version[find(version, self)].bytes; got >= 1<<20 {
		t.Errorf("l10n --version: %s allocated %d bytes: it advised the heap", self, got)
	}
}

// freeHugeBlocksNow returns how many free blocks of 2 MB or more (in
// 2 MB) /proc/buddyinfo counts, 0 if it cannot be read.
func freeHugeBlocksNow() int {
	b, err := os.ReadFile("/proc/buddyinfo")
	if err != nil {
		return 0
	}
	n := 0
	for _, line := range strings.Split(string(b), "\n") {
		_, counts, ok := strings.Cut(line, "zone")
		if f := strings.Fields(counts); ok && len(f) > 10 {
			for order, c := range f[10:] { // f[0] is the zone's name, f[1+k] the blocks of 2^k pages
				v, _ := strconv.Atoi(c)
				n += v << order
			}
		}
	}
	return n
}
