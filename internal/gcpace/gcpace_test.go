package gcpace

import (
	"fmt"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/l10n-dev/l10n/internal/cgrouptest"
)

// collect runs collections until the pacing's finalizer has seen one more,
// or until it gave way.
func collect(p *pacing, rounds int) {
	for i := 0; i < rounds && !p.yielded.Load(); i++ {
		runtime.GC()
		time.Sleep(time.Millisecond) // let the finalizer goroutine run
	}
}

func restore() {
	debug.SetGCPercent(defaultPercent)
	debug.SetMemoryLimit(math.MaxInt64)
}

// TestPacing: the floor holds while little is live; then the default
// pacing, under the ceiling of a container if there is one.
func TestPacing(t *testing.T) {
	for _, ceiling := range []int64{math.MaxInt64, 1 << 30} {
		t.Run(strconv.FormatInt(ceiling, 10), func(t *testing.T) {
			defer restore()
			const floor = 32 << 20
			p := start(floor, ceiling)
			defer p.stop() // its sentinel would pace the next test
			collect(p, 5)
			if p.yielded.Load() {
				t.Fatal("gave way with a live heap far below half the heap's goal")
			}
			if got := debug.SetGCPercent(-1); got != -1 {
				t.Fatalf("GOGC %d while paced, want off (-1)", got)
			}
			if got := debug.SetMemoryLimit(-1); got != floor {
				t.Fatalf("memory limit %d while paced, want %d", got, floor)
			}

			// Live, above a quarter of the floor but below half the
			// heap's goal under the limit: the limit gives the heap
			// more room than doubling would.
			goal := heapGoal()
			if goal < floor/2 || goal > floor {
				t.Fatalf("heap goal %d under a limit of %d", goal, floor)
			}
			some := fill(goal/2 - 3<<20)
			if len(some) < floor/4+1<<20 {
				t.Skipf("heap goal %d: no room between a quarter of the floor and half the goal", goal)
			}
			collect(p, 20)
			if p.yielded.Load() {
				t.Fatalf("gave way with %d bytes live, below half the heap's goal (%d)", len(some), heapGoal())
			}
			more := fill(6 << 20) // now above half the goal
			collect(p, 200)
			if !p.yielded.Load() {
				t.Fatalf("did not give way with %d bytes live, above half the heap's goal (%d)", len(some)+len(more), goal)
			}
			if got := debug.SetGCPercent(defaultPercent); got != defaultPercent {
				t.Errorf("GOGC %d after giving way, want %d", got, defaultPercent)
			}
			if got := debug.SetMemoryLimit(-1); got != ceiling {
				t.Errorf("memory limit %d after giving way, want the ceiling %d", got, ceiling)
			}
			runtime.KeepAlive(some)
			runtime.KeepAlive(more)
		})
	}
}

// heapGoal returns the heap's goal for the next collection.
func heapGoal() int {
	s := []metrics.Sample{{Name: "/gc/heap/goal:bytes"}}
	metrics.Read(s)
	return int(s[0].Value.Uint64())
}

// fill returns n bytes, written.
func fill(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i)
	}
	return b
}

// TestCeiling: this machine's ceiling is 90% of its cgroup's memory
// limit when it has one, none otherwise.
func TestCeiling(t *testing.T) {
	c := containerCeiling()
	if c <= 0 || c != math.MaxInt64 && c < 64<<20 {
		t.Errorf("containerCeiling() = %d: neither none nor a container's limit", c)
	}
}

// TestLimited: Limited says whether there is a ceiling; in a child
// process put in a cgroup (v1) with a memory limit, it says so, where
// the machine lets the test make one.
func TestLimited(t *testing.T) {
	if os.Getenv("GCPACE_LIMITED_CHILD") == "1" {
		fmt.Println("limited:", Limited())
		return
	}
	if Limited() != (containerCeiling() != math.MaxInt64) {
		t.Errorf("Limited() = %v with containerCeiling() = %d", Limited(), containerCeiling())
	}
	cg, err := cgrouptest.Limited(t, 1<<30)
	if err != nil {
		t.Skipf("no cgroup to make a memory limit in: %v", err)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := cgrouptest.Command(cg, exe, "-test.run=^TestLimited$")
	cmd.Env = append(os.Environ(), "GCPACE_LIMITED_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if !strings.Contains(string(out), "limited: true") {
		t.Errorf("in a cgroup limited to 1 GB, Limited() is not true:\n%s", out)
	}
}

func TestUserSettingsWin(t *testing.T) {
	defer restore()
	for _, v := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Run(v, func(t *testing.T) {
			t.Setenv(v, "200")
			if Start(Floor) {
				t.Fatalf("Start paced the collector with %s set", v)
			}
			if got := debug.SetGCPercent(defaultPercent); got != defaultPercent {
				t.Errorf("GOGC %d with %s set, want it left at %d", got, v, defaultPercent)
			}
		})
	}
}

// TestReserve: a reservation raises the limit while the pacing holds,
// never above the ceiling, and does nothing once it has given way.
func TestReserve(t *testing.T) {
	defer restore()
	const floor = 32 << 20
	p := start(floor, floor+8<<20)
	defer p.stop()
	current.Store(p)
	defer current.Store(nil)
	Reserve(4 << 20)
	Reserve(-1)
	if got := debug.SetMemoryLimit(-1); got != floor+4<<20 {
		t.Fatalf("memory limit %d after reserving 4 MiB, want %d", got, floor+4<<20)
	}
	Reserve(16 << 20)
	if got := debug.SetMemoryLimit(-1); got != floor+8<<20 {
		t.Fatalf("memory limit %d after reserving 20 MiB, want the ceiling %d", got, floor+8<<20)
	}
	keep := fill(heapGoal()/2 + 4<<20) // above half the goal under the raised limit
	collect(p, 200)
	if !p.yielded.Load() {
		t.Fatal("did not give way with a live heap above half the heap's goal")
	}
	Reserve(16 << 20)
	if got := debug.SetMemoryLimit(-1); got != floor+8<<20 {
		t.Errorf("memory limit %d after reserving once given way, want the ceiling", got)
	}
	runtime.KeepAlive(keep)
}

// TestIdle: StartIdle holds the idle floor until Busy raises it to the
// working one; a pacing that gave way under the idle floor with little
// live takes the limit up again at Busy, and one with much live stays
// with the doubling; Busy without StartIdle changes nothing.
func TestIdle(t *testing.T) {
	defer restore()
	defer current.Store(nil)
	const idle, floor = 20 << 20, 64 << 20
	begin := func(t *testing.T, p *pacing) *pacing {
		t.Cleanup(p.stop) // its sentinel would pace the next subtest
		current.Store(p)
		return p
	}

	t.Run("raised", func(t *testing.T) {
		begin(t, startIdle(idle, floor, math.MaxInt64))
		if got := debug.SetMemoryLimit(-1); got != idle {
			t.Fatalf("memory limit %d while idle, want %d", got, idle)
		}
		Busy()
		if got := debug.SetMemoryLimit(-1); got != floor {
			t.Fatalf("memory limit %d after Busy, want %d", got, floor)
		}
		Busy()
		if got := debug.SetMemoryLimit(-1); got != floor {
			t.Fatalf("memory limit %d after a second Busy, want %d", got, floor)
		}
	})

	// Given way under the idle floor with a few MB live: Busy takes the
	// working floor's limit up again.
	t.Run("little live", func(t *testing.T) {
		p := begin(t, startIdle(idle, floor, math.MaxInt64))
		// Live grows a MB at a time until the pacing gives way (the
		// goal under a limit grows as the heap takes its free pages).
		var some [][]byte
		live := 0
		for !p.yielded.Load() && live < floor/4-2<<20 {
			some = append(some, fill(1<<20))
			live += 1 << 20
			collect(p, 3)
		}
		if !p.yielded.Load() {
			t.Skipf("no giving way under the idle floor with %d bytes live (goal %d): no room below a quarter of the working floor", live, heapGoal())
		}
		Busy()
		if p.yielded.Load() {
			t.Fatal("Busy left the doubling on with little live")
		}
		if got := debug.SetGCPercent(-1); got != -1 {
			t.Errorf("GOGC %d after Busy took the limit up again, want off", got)
		}
		if got := debug.SetMemoryLimit(-1); got != floor {
			t.Errorf("memory limit %d after Busy took the limit up again, want %d", got, floor)
		}
		collect(p, 5) // the working floor's goal is weighed: no giving way
		if p.yielded.Load() {
			t.Errorf("gave way under the working floor with %d bytes live (goal %d)", live, heapGoal())
		}
		runtime.KeepAlive(some)
	})
	runtime.GC()

	// Given way with a quarter of the working floor live or more: the
	// doubling stays.
	t.Run("much live", func(t *testing.T) {
		p := begin(t, startIdle(idle, floor, math.MaxInt64))
		much := fill(floor/4 + 1<<20)
		collect(p, 200)
		if !p.yielded.Load() {
			t.Fatalf("did not give way with %d bytes live under the idle floor", len(much))
		}
		Busy()
		if !p.yielded.Load() {
			t.Error("Busy took the limit up again with a quarter of the floor live")
		}
		if got := debug.SetGCPercent(defaultPercent); got != defaultPercent {
			t.Errorf("GOGC %d after Busy with much live, want %d", got, defaultPercent)
		}
		runtime.KeepAlive(much)
	})
	runtime.GC()

	// Start's pacing has no idle floor: Busy leaves it.
	t.Run("no idle floor", func(t *testing.T) {
		begin(t, start(floor, math.MaxInt64))
		debug.SetMemoryLimit(floor - 1) // a mark that Busy would overwrite
		Busy()
		if got := debug.SetMemoryLimit(-1); got != floor-1 {
			t.Errorf("Busy set the memory limit %d under Start's pacing", got)
		}
	})
}
