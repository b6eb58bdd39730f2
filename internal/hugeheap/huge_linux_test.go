package hugeheap

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

func TestTHPAdvised(t *testing.T) {
	defer func(s string) { thpSetting = s }(thpSetting)
	for _, c := range []struct {
		setting string
		want    bool
	}{
		{"always [madvise] never\n", true},
		{"[always] madvise never\n", false},
		{"always madvise [never]\n", false},
		{"", false},
	} {
		thpSetting = filepath.Join(t.TempDir(), "enabled")
		if err := os.WriteFile(thpSetting, []byte(c.setting), 0o644); err != nil {
			t.Fatal(err)
		}
		if got := thpAdvised(); got != c.want {
			t.Errorf("thpAdvised() with %q = %v, want %v", c.setting, got, c.want)
		}
	}
	thpSetting = filepath.Join(t.TempDir(), "missing")
	if thpAdvised() {
		t.Error("thpAdvised() = true without the setting's file")
	}
}

// TestWanted: the heap is advised for a command that works, not for one
// that prints its version, its help or a completion, nor in a test
// binary's run, nor where the user paces the collector.
func TestWanted(t *testing.T) {
	for _, c := range []struct {
		args string
		env  string
		want bool
	}{
		{"l10n extract", "", true},
		{"l10n -C /tmp/news check --json", "", true},
		{"/usr/local/bin/l10n build --locale uk", "", true},
		{"l10n", "", false},
		{"l10n --version", "", false},
		{"l10n version", "", false},
		{"l10n --help", "", false},
		{"l10n check -h", "", false},
		{"l10n help check", "", false},
		{"l10n completion bash", "", false},
		{"l10n __complete build --article n", "", false},
		{"l10n __completeNoDesc build", "", false},
		{"l10n.test -test.run=^TestWanted$ -test.v", "", false},
		{"l10n check", "GOGC=200", false},
		{"l10n check", "GOMEMLIMIT=1GiB", false},
	} {
		t.Setenv("GOGC", "")
		t.Setenv("GOMEMLIMIT", "")
		if k, v, ok := strings.Cut(c.env, "="); ok {
			t.Setenv(k, v)
		}
		if got := wanted(strings.Fields(c.args)); got != c.want {
			t.Errorf("wanted(%q) with %q = %v, want %v", c.args, c.env, got, c.want)
		}
	}
}

// TestCmdline: the arguments as Linux gives them, NUL-ended.
func TestCmdline(t *testing.T) {
	got := split(readSmall(cmdline), 0)
	if strings.Join(got, " ") != strings.Join(os.Args, " ") {
		t.Errorf("arguments %q, want os.Args %q", got, os.Args)
	}
	if advisedAt != 0 {
		t.Errorf("the test binary's heap was advised (at %#x)", advisedAt)
	}
}

// TestAdvise: the heap's memory that advise advised is marked for huge
// pages ("hg" in its mapping's flags), and the heap allocates from it
// next. It runs in a process of its own (adviseChild), whose heap is as
// a command's when it starts: other tests leave free blocks below it,
// where the heap would allocate first.
func TestAdvise(t *testing.T) {
	if !thpAdvised() {
		t.Skip("this Linux does not give huge pages to advised memory only")
	}
	if os.Getenv("HUGEHEAP_ADVISE_CHILD") == "1" {
		adviseChild(t)
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestAdvise$", "-test.v")
	cmd.Env = append(os.Environ(), "HUGEHEAP_ADVISE_CHILD=1")
	out, err := cmd.CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Fatal(err)
	}
}

func adviseChild(t *testing.T) {
	t.Setenv("GODEBUG", "")
	const n = 32 << 20
	lo, ok := advise(n)
	if !ok {
		t.Fatal("advise failed")
	}
	if flags := vmFlags(t, lo); !strings.Contains(" "+flags+" ", " hg ") {
		t.Fatalf("the advised memory's mapping has flags %q, without hg", flags)
	}
	b := make([]byte, n/2)
	at := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	// The block given back starts up to a huge page below lo.
	if at+hugePage < lo || at+uintptr(len(b)) > lo+n {
		t.Errorf("a %d MB allocation is at %#x, outside the block given back around the advised %#x–%#x", len(b)>>20, at, lo, lo+n)
	}
	for i := 0; i < len(b); i += 4096 {
		b[i] = 1
	}
	t.Logf("AnonHugePages after writing it: %s", anonHuge(t))
	runtime.KeepAlive(b)

	t.Setenv("GODEBUG", "disablethp=1")
	if _, ok := advise(n); ok {
		t.Error("advise advised the heap with GODEBUG=disablethp=1")
	}
}

// vmFlags returns the VmFlags of the mapping that holds address at.
func vmFlags(t *testing.T, at uintptr) string {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	in := false
	for s.Scan() {
		line := s.Text()
		if lo, hi, ok := strings.Cut(strings.Fields(line)[0], "-"); ok && !strings.HasSuffix(line, ":") && len(strings.Fields(line)) >= 5 {
			l, err1 := strconv.ParseUint(lo, 16, 64)
			h, err2 := strconv.ParseUint(hi, 16, 64)
			in = err1 == nil && err2 == nil && uint64(at) >= l && uint64(at) < h
			continue
		}
		if v, ok := strings.CutPrefix(line, "VmFlags:"); ok && in {
			return strings.TrimSpace(v)
		}
	}
	t.Fatalf("no mapping holds %#x", at)
	return ""
}

// anonHuge returns the process's AnonHugePages line of
// /proc/self/smaps_rollup.
func anonHuge(t *testing.T) string {
	b, err := os.ReadFile("/proc/self/smaps_rollup")
	if err != nil {
		return err.Error()
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "AnonHugePages:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "?"
}

// TestFreeHugeBlocks reads /proc/buddyinfo as Linux writes it (this one
// from a machine of the project's), and advise advises nothing where too
// few huge pages are free: its faults would compact memory.
func TestFreeHugeBlocks(t *testing.T) {
	defer func(s string) { buddyInfo = s }(buddyInfo)
	for _, c := range []struct {
		info string
		want int
	}{
		{`Node 0, zone      DMA      0      0      0      0      0      0      0      0      1      1      3 
Node 0, zone    DMA32      4      1      2      2      2      2      1      4      4      2    752 
Node 0, zone   Normal  15097  11195   9539   7690   5091   3225   1744    765    295    188    795 
`, 1 + 3*2 + 2 + 752*2 + 188 + 795*2},
		{"Node 0, zone   Normal  15097  11195   9539   7690   5091   3225   1744    765    295    0    0\n", 0},
		{"Node 0, zone\tNormal\t1 2 3 4 5 6 7 8 9 10 x\n", 10},
		{"", 0},
	} {
		buddyInfo = filepath.Join(t.TempDir(), "buddyinfo")
		if err := os.WriteFile(buddyInfo, []byte(c.info), 0o644); err != nil {
			t.Fatal(err)
		}
		if got := freeHugeBlocks(); got != c.want {
			t.Errorf("freeHugeBlocks() = %d, want %d, of:\n%s", got, c.want, c.info)
		}
		if c.want == 0 {
			if _, ok := advise(8 << 20); ok {
				t.Errorf("advise advised the heap with no huge page free")
			}
		}
	}
}

// TestReadSmall reads a file longer than its first buffer whole.
func TestReadSmall(t *testing.T) {
	want := strings.Repeat("Node 0, zone Normal 1 2 3\n", 1000)
	path := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := readSmall(path); got != want {
		t.Errorf("readSmall read %d bytes of %d", len(got), len(want))
	}
	if got := readSmall(filepath.Join(t.TempDir(), "missing")); got != "" {
		t.Errorf("readSmall of a missing file = %q", got)
	}
}

// TestOnlyMainImports: the package acts on the whole process as it is
// initialised, so only l10n's main imports it (ARCHITECTURE.md, "No
// process-wide settings in a library").
func TestOnlyMainImports(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}: {{join .Imports " "}} {{join .TestImports " "}} {{join .XTestImports " "}}`, "github.com/l10n-dev/l10n/...").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	const self = "github.com/l10n-dev/l10n/internal/hugeheap"
	importers := 0
	for _, line := range strings.Split(string(out), "\n") {
		pkg, imports, _ := strings.Cut(line, ": ")
		if !strings.Contains(" "+imports+" ", " "+self+" ") {
			continue
		}
		importers++
		if pkg != "github.com/l10n-dev/l10n/cmd/l10n" {
			t.Errorf("%s imports %s; only cmd/l10n may", pkg, self)
		}
	}
	if importers == 0 {
		t.Error("cmd/l10n does not import the package")
	}
}
