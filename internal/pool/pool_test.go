package pool

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"sort"
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
