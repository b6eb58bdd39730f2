package hugeheap

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"unsafe"

	"github.com/l10n-dev/l10n/internal/cgrouptest"
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
	if advised != (advice{}) {
		t.Errorf("the test binary's heap was advised (%#x)", advised)
	}
}

// initChild is set in the environment of the test binary started as a
// program of its own (TestAdvise): the package's init then runs as it
// does as l10n starts, and TestMain reports what it advised.
const initChild = "HUGEHEAP_INIT_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(initChild) == "1" {
		problems := checkAdvised()
		for _, p := range problems {
			fmt.Fprintln(os.Stderr, p)
		}
		if len(problems) > 0 {
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestAdvise: as a program starts (the test binary started as one, with
// arguments of a command's), the package advises its heap: the memory's
// mapping is marked for huge pages ("hg" in its flags), the huge page
// that holds what the heap allocated before is made whole, and the heap
// allocates from the memory next. Not with GODEBUG=disablethp=1, nor
// with GOGC set, nor for --version, nor under a memory limit.
func TestAdvise(t *testing.T) {
	if !thpAdvised() || freeHugeBlocks() < 4*size/hugePage {
		t.Skip("this Linux does not give huge pages to advised memory only, or has few free")
	}
	// A control group limited to 1 GB, where the machine lets the test
	// make one.
	limited, err := cgrouptest.Limited(t, 1<<30)
	if err != nil {
		t.Logf("no cgroup to make a memory limit in: %v", err)
	}
	for _, c := range []struct {
		args    []string
		env     string
		limited bool // run in the limited group
		want    bool
	}{
		{[]string{"-C", "news", "check"}, "GODEBUG=", false, true},
		{[]string{"check"}, "GODEBUG=disablethp=1", false, false},
		{[]string{"check"}, "GOGC=200", false, false},
		{[]string{"--version"}, "GODEBUG=", false, false},
		{[]string{"check"}, "GODEBUG=", true, false},
	} {
		cmd := exec.Command(os.Args[0], c.args...)
		if c.limited {
			if limited == "" {
				continue
			}
			cmd = cgrouptest.Command(limited, os.Args[0], c.args...)
		}
		cmd.Env = append(os.Environ(), initChild+"=1", "GOGC=", "GOMEMLIMIT=", c.env, "HUGEHEAP_WANT="+strconv.FormatBool(c.want))
		out, err := cmd.CombinedOutput()
		t.Logf("%s %s:\n%s", strings.Join(c.args, " "), c.env, out)
		if err != nil {
			t.Errorf("%s %s: %v", strings.Join(c.args, " "), c.env, err)
		}
	}
}

// checkAdvised returns what is wrong with what init advised, in the test
// binary started as a program (TestAdvise); HUGEHEAP_WANT says whether
// it was to advise.
func checkAdvised() []string {
	var problems []string
	a := advised
	// The collections so far: advise's one, none without it; and GOGC's
	// pacing as it was after advise (which runs only without GOGC: 100).
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	collections := uint32(0)
	if a != (advice{}) {
		collections = 1
	}
	if ms.NumGC != collections {
		problems = append(problems, fmt.Sprintf("%d collections as the program started, want %d", ms.NumGC, collections))
	}
	if p := debug.SetGCPercent(100); collections == 1 && p != 100 {
		problems = append(problems, fmt.Sprintf("GOGC's percent is %d after init, want 100", p))
	}
	if os.Getenv("HUGEHEAP_WANT") != "true" {
		if a != (advice{}) {
			problems = append(problems, fmt.Sprintf("advised %#x", a))
		}
		return problems
	}
	if a.to-a.from < size || a.from%hugePage != 0 {
		return append(problems, fmt.Sprintf("advised %#x–%#x for %d MB", a.from, a.to, size>>20))
	}
	for _, at := range []uintptr{a.from, a.to - 1} {
		if flags, err := vmField(at, "VmFlags:"); err != nil || !strings.Contains(" "+flags+" ", " hg ") {
			problems = append(problems, fmt.Sprintf("the mapping of %#x (advised %#x–%#x) has flags %q (%v), without hg", at, a.from, a.to, flags, err))
		}
	}
	if ok, err := collapses(); err != nil {
		problems = append(problems, err.Error())
	} else if ok && (a.whole < a.from || a.whole+hugePage > a.to) {
		problems = append(problems, fmt.Sprintf("made %#x whole, not a huge page of the advised %#x–%#x", a.whole, a.from, a.to))
	}
	b := make([]byte, 16<<20)
	at := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	if at < a.from || at+uintptr(len(b)) > a.to {
		problems = append(problems, fmt.Sprintf("a %d MB allocation is at %#x, outside the advised %#x–%#x", len(b)>>20, at, a.from, a.to))
	}
	for i := 0; i < len(b); i += 4096 {
		b[i] = 1
	}
	huge, _ := anonHuge()
	fmt.Printf("advised %#x–%#x, made %#x whole; AnonHugePages after writing 16 MB: %s\n", a.from, a.to, a.whole, huge)
	runtime.KeepAlive(b)
	return problems
}

// collapses reports whether Linux has MADV_COLLAPSE (6.1 and later).
func collapses() (bool, error) {
	var u syscall.Utsname
	if err := syscall.Uname(&u); err != nil {
		return false, err
	}
	var release []byte
	for _, c := range u.Release {
		if c == 0 {
			break
		}
		release = append(release, byte(c))
	}
	major, rest, _ := strings.Cut(string(release), ".")
	minor, _, _ := strings.Cut(rest, ".")
	ma, _ := strconv.Atoi(major)
	mi, _ := strconv.Atoi(minor)
	return ma > 6 || ma == 6 && mi >= 1, nil
}

// vmField returns a field of /proc/self/smaps for the mapping that holds
// address at.
func vmField(at uintptr, field string) (string, error) {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		return "", err
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
		if v, ok := strings.CutPrefix(line, field); ok && in {
			return strings.TrimSpace(v), nil
		}
	}
	return "", fmt.Errorf("no mapping holds %#x", at)
}

// anonHuge returns the process's AnonHugePages of
// /proc/self/smaps_rollup.
func anonHuge() (string, error) {
	b, err := os.ReadFile("/proc/self/smaps_rollup")
	if err != nil {
		return "", err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "AnonHugePages:"); ok {
			return strings.TrimSpace(v), nil
		}
	}
	return "", fmt.Errorf("no AnonHugePages in smaps_rollup")
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

// TestMemoryLimited reads the process's control groups as Linux lists
// them and finds a memory limit in its own group or one above it,
// version 2 or version 1, and none where every level says "max", version
// 1's largest number, or nothing.
func TestMemoryLimited(t *testing.T) {
	defer func(c, r string) { procCgroup, cgroupRoot = c, r }(procCgroup, cgroupRoot)
	for _, c := range []struct {
		name   string
		cgroup string
		files  map[string]string
		want   bool
	}{
		{"v2, its own", "0::/kubepods/pod1/c1\n", map[string]string{"kubepods/pod1/c1/memory.max": "1073741824\n"}, true},
		{"v2, above it", "0::/kubepods/pod1/c1\n", map[string]string{"kubepods/pod1/c1/memory.max": "max\n", "kubepods/memory.max": "2147483648\n"}, true},
		{"v2, at the root of a namespace", "0::/\n", map[string]string{"memory.max": "536870912\n"}, true},
		{"v2, none", "0::/user.slice\n", map[string]string{"user.slice/memory.max": "max\n"}, false},
		{"v1", "4:memory:/docker/abc\n0::/\n", map[string]string{"memory/docker/abc/memory.limit_in_bytes": "104857600\n"}, true},
		{"v1, with other controllers", "5:cpu,memory:/job\n", map[string]string{"memory/job/memory.limit_in_bytes": "104857600\n"}, true},
		{"v1, none", "9:name=systemd:/\n4:memory:/process_api/x\n0::/\n", map[string]string{
			"memory/process_api/x/memory.limit_in_bytes": "9223372036854771712\n", "memory/memory.limit_in_bytes": "9223372036854771712\n"}, false},
		{"nothing to read", "", nil, false},
	} {
		dir := t.TempDir()
		procCgroup, cgroupRoot = filepath.Join(dir, "cgroup"), filepath.Join(dir, "fs")
		if err := os.WriteFile(procCgroup, []byte(c.cgroup), 0o644); err != nil {
			t.Fatal(err)
		}
		for rel, v := range c.files {
			path := filepath.Join(cgroupRoot, rel)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(v), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if got := memoryLimited(); got != c.want {
			t.Errorf("%s: memoryLimited() = %v, want %v", c.name, got, c.want)
		}
		if c.want {
			if _, ok := advise(8 << 20); ok {
				t.Errorf("%s: advise advised the heap under a memory limit", c.name)
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

// TestOnlyMainImports: the package, and prefault before it, act on the
// whole process as they are initialised, so only l10n's main imports
// them (ARCHITECTURE.md, "No process-wide settings in a library"),
// prefault through this package.
func TestOnlyMainImports(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}: {{join .Imports " "}} {{join .TestImports " "}} {{join .XTestImports " "}}`, "github.com/l10n-dev/l10n/...").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	const (
		self     = "github.com/l10n-dev/l10n/internal/hugeheap"
		prefault = "github.com/l10n-dev/l10n/internal/prefault"
	)
	// Who may import each package, and what each may import besides
	// the runtime, syscall and unsafe: the fewer its imports, the
	// earlier Go initialises it, and prefault comes before hugeheap.
	rules := []struct {
		pkg, importer, imports string
	}{
		{self, "github.com/l10n-dev/l10n/cmd/l10n", prefault},
		{prefault, self, ""},
	}
	imports := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, list, _ := strings.Cut(line, ": ")
		imports[pkg] = strings.Fields(list)
	}
	for _, r := range rules {
		importers := 0
		for pkg, list := range imports {
			if !slices.Contains(list, r.pkg) || pkg == r.pkg {
				continue
			}
			importers++
			if pkg != r.importer {
				t.Errorf("%s imports %s; only %s may", pkg, r.pkg, r.importer)
			}
		}
		if importers == 0 {
			t.Errorf("%s does not import %s", r.importer, r.pkg)
		}
		own, err := exec.Command("go", "list", "-f", `{{join .Imports " "}}`, r.pkg).Output()
		if err != nil {
			t.Fatalf("go list %s: %v", r.pkg, err)
		}
		for _, imp := range strings.Fields(string(own)) {
			if imp != "runtime" && imp != "syscall" && imp != "unsafe" && imp != r.imports {
				t.Errorf("%s imports %s: it would be initialised later", r.pkg, imp)
			}
		}
	}
}
