package pool

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestOrdered(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 100} {
		var got []int
		err := Ordered(n, func(i int) (int, error) {
			time.Sleep(time.Duration(rand.IntN(200)) * time.Microsecond)
			return i * i, nil
		}, func(i, r int) error {
			if r != i*i {
				t.Errorf("n=%d: result %d for item %d", n, r, i)
			}
			got = append(got, i)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != n || !sort.IntsAreSorted(got) {
			t.Errorf("n=%d: emitted %v", n, got)
		}
	}
}

func TestOrderedFirstErrorWins(t *testing.T) {
	for range 20 {
		var got []int
		err := Ordered(100, func(i int) (int, error) {
			// Later failures finish first: the error must still
			// be the one of the lowest index.
			switch i {
			case 37:
				time.Sleep(2 * time.Millisecond)
				return 0, fmt.Errorf("item %d", i)
			case 38, 60:
				return 0, fmt.Errorf("item %d", i)
			}
			return i, nil
		}, func(i, r int) error {
			got = append(got, i)
			return nil
		})
		if err == nil || err.Error() != "item 37" {
			t.Fatalf("error %v, want item 37", err)
		}
		if len(got) != 37 {
			t.Fatalf("emitted %d results before the error, want 37", len(got))
		}
	}
	err := Ordered(10, func(i int) (int, error) { return i, nil }, func(i, r int) error {
		if i == 4 {
			return errors.New("emit 4")
		}
		return nil
	})
	if err == nil || err.Error() != "emit 4" {
		t.Errorf("error %v, want emit 4", err)
	}
}

// TestOrderedBounded: however slow emit is, no more than two items per
// goroutine have been taken (made, or being made) and wait for it; and
// every goroutine works.
func TestOrderedBounded(t *testing.T) {
	const n = 300
	var made, emitted, most atomic.Int64
	var mu sync.Mutex
	seen := map[uint64]bool{}
	err := Ordered(n, func(i int) (int, error) {
		if w := made.Add(1) - emitted.Load(); w > most.Load() {
			most.Store(w)
		}
		mu.Lock()
		seen[goid()] = true
		mu.Unlock()
		return i, nil
	}, func(i, r int) error {
		if r != i {
			t.Errorf("result %d emitted as item %d's", r, i)
		}
		emitted.Add(1) // this one no longer waits
		time.Sleep(20 * time.Microsecond)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// One more may be counted: the result handed to emit frees its slot
	// before emit counts it.
	if w := int64(2*Workers(n) + 1); most.Load() > w {
		t.Errorf("%d results waited for emit at once, want at most %d", most.Load(), w)
	}
	if Workers(n) > 1 && len(seen) < 2 {
		t.Errorf("%d items ran on %d goroutine(s)", n, len(seen))
	}
}

// TestEach: every item runs once, on more than one goroutine when there
// are processors for them.
func TestEach(t *testing.T) {
	for _, n := range []int{0, 1, 2, eachBatch - 1, eachBatch, eachBatch + 1, 1000} {
		runs := make([]atomic.Int32, n)
		Each(n, func(i int) {
			time.Sleep(time.Duration(rand.IntN(50)) * time.Microsecond)
			runs[i].Add(1)
		})
		for i := range runs {
			if got := runs[i].Load(); got != 1 {
				t.Errorf("n=%d: item %d ran %d times", n, i, got)
			}
		}
	}
	if Workers(1000) < 2 {
		t.Skip("one processor")
	}
	var mu sync.Mutex
	seen := map[uint64]bool{}
	Each(1000, func(int) {
		time.Sleep(20 * time.Microsecond)
		mu.Lock()
		seen[goid()] = true
		mu.Unlock()
	})
	if len(seen) < 2 {
		t.Errorf("1000 items ran on %d goroutine(s)", len(seen))
	}
}

// goid returns the running goroutine's id, read from its stack trace.
func goid() uint64 {
	var b [64]byte
	s := strings.TrimPrefix(string(b[:runtime.Stack(b[:], false)]), "goroutine ")
	id, _ := strconv.ParseUint(s[:strings.IndexByte(s, ' ')], 10, 64)
	return id
}

// TestOrderedWorkPanics: a panic in work ends the process as that panic.
func TestOrderedWorkPanics(t *testing.T) {
	if os.Getenv("POOL_PANIC_CHILD") == "1" {
		_ = Ordered(100, func(i int) (int, error) {
			if i == 50 {
				panic("boom at 50")
			}
			return i, nil
		}, func(int, int) error { return nil })
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestOrderedWorkPanics$")
	cmd.Env = append(os.Environ(), "POOL_PANIC_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatal("the process did not fail")
	}
	if !strings.Contains(string(out), "panic: boom at 50") || strings.Contains(string(out), "unlock of unlocked") {
		t.Errorf("the process ended with:\n%s", out)
	}
}
