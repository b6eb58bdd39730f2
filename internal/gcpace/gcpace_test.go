package gcpace

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
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

func TestPacing(t *testing.T) {
	defer restore()
	const floor = 32 << 20
	p := start(floor)
	collect(p, 5)
	if p.yielded.Load() {
		t.Fatal("gave way with a live heap far below a quarter of the floor")
	}
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Fatalf("GOGC %d while paced, want off (-1)", got)
	}
	if got := debug.SetMemoryLimit(-1); got != floor {
		t.Fatalf("memory limit %d while paced, want %d", got, floor)
	}

	keep := make([]byte, floor/2) // live, above a quarter of the floor
	for i := range keep {
		keep[i] = byte(i)
	}
	collect(p, 200)
	if !p.yielded.Load() {
		t.Fatal("did not give way with a live heap above a quarter of the floor")
	}
	if got := debug.SetGCPercent(defaultPercent); got != defaultPercent {
		t.Errorf("GOGC %d after giving way, want %d", got, defaultPercent)
	}
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("memory limit %d after giving way, want none", got)
	}
	runtime.KeepAlive(keep)
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
// and does nothing once it has given way.
func TestReserve(t *testing.T) {
	defer restore()
	const floor = 32 << 20
	p := start(floor)
	current.Store(p)
	defer current.Store(nil)
	Reserve(16 << 20)
	Reserve(-1)
	if got := debug.SetMemoryLimit(-1); got != floor+16<<20 {
		t.Fatalf("memory limit %d after reserving 16 MiB, want %d", got, floor+16<<20)
	}
	keep := make([]byte, floor/2)
	for i := range keep {
		keep[i] = byte(i)
	}
	collect(p, 200)
	if !p.yielded.Load() {
		t.Fatal("did not give way with a live heap above a quarter of the floor")
	}
	Reserve(16 << 20)
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("memory limit %d after reserving once given way, want none", got)
	}
	runtime.KeepAlive(keep)
}
