package offheap

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"unsafe"
)

func TestMove(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "file"), nil, 0o666); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		store  *Store
		mapped bool // on Linux
	}{
		{"nil", nil, false},
		{"zero", &Store{}, false},
		{"mapped", New(dir, 0), true},
		{"mapped after 1 MB on the heap", New(dir, 1<<20), true},
		{"all on the heap: below its share", New(dir, 1<<40), false},
		{"no such folder", New(filepath.Join(dir, "cache"), 0), false},
		{"no folder", New("", 0), false},
		{"a file, not a folder", New(filepath.Join(dir, "file", "x"), 0), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := []string{"", "Ukraine", "", strings.Repeat("полонених ", 300_000), "ICRC", "x"}
			ss := make([]string, len(want))
			for i, w := range want {
				ss[i] = string([]byte(w)) // its own bytes
			}
			tc.store.Move(ss)
			for i := range want {
				if ss[i] != want[i] {
					t.Fatalf("string %d: %.20q after Move, want %.20q", i, ss[i], want[i])
				}
			}
			// Blocks of several sizes, in more than one mapping.
			for n := range 40 {
				x := []string{strings.Repeat(fmt.Sprint(n), 1<<n%(3<<20))}
				w := x[0]
				tc.store.Move(x)
				if x[0] != w {
					t.Fatalf("block of %d bytes changed", len(w))
				}
			}
			mapped := tc.store.Mapped() > 0
			if want := tc.mapped && runtime.GOOS == "linux"; mapped != want {
				t.Errorf("Mapped() = %d, want mapped %v", tc.store.Mapped(), want)
			}
			if ss[0] != "" || ss[1] != "Ukraine" {
				t.Errorf("the first block changed: %q %q", ss[0], ss[1])
			}
			tc.store.Close()
			after := []string{"после"}
			tc.store.Move(after)
			if after[0] != "после" {
				t.Errorf("Move after Close gave %q", after[0])
			}
		})
	}
	// The file has no name.
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 || ents[0].Name() != "file" {
		t.Errorf("in the folder: %v", ents)
	}
}

// TestMoveConcurrent moves from several goroutines at once (go test
// -race holds it to its word).
func TestMoveConcurrent(t *testing.T) {
	s := New(t.TempDir(), 0)
	defer s.Close()
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := range 8 {
		wg.Go(func() {
			for i := range 2000 {
				ss := []string{fmt.Sprintf("%d/%d", g, i), strings.Repeat("я", i%300)}
				want := slices.Clone(ss)
				s.Move(ss)
				if ss[0] != want[0] || ss[1] != want[1] {
					errs <- fmt.Sprintf("%q became %q", want, ss)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestMake: slices of numbers and of structs of numbers, aligned after
// blocks of strings of any length, zero, and written like any slice;
// a type with pointers is refused.
func TestMake(t *testing.T) {
	type posting struct{ a, b, c, d int32 }
	for _, s := range []*Store{nil, New(t.TempDir(), 0), New(t.TempDir(), 1<<20)} {
		for k := range 50 {
			s.Move([]string{strings.Repeat("x", k*7%13)}) // leaves the next byte anywhere
			is := Make[int32](s, k*1000+1)
			ws := Make[[4]uint64](s, k+1)
			ps := Make[posting](s, 3)
			if p := uintptr(unsafe.Pointer(&ws[0])); p%8 != 0 {
				t.Fatalf("[4]uint64 at %#x", p)
			}
			if p := uintptr(unsafe.Pointer(&is[0])); p%4 != 0 {
				t.Fatalf("int32 at %#x", p)
			}
			for i := range is {
				if is[i] != 0 {
					t.Fatalf("Make[int32](%d)[%d] = %d", len(is), i, is[i])
				}
				is[i] = int32(i)
			}
			ws[k][3], ps[2] = 7, posting{1, 2, 3, 9}
			for i := range is {
				if is[i] != int32(i) {
					t.Fatalf("written %d, read %d", i, is[i])
				}
			}
			if ws[k][3] != 7 || ps[2] != (posting{1, 2, 3, 9}) || ps[1] != (posting{}) || len(ps) != 3 || cap(is) != len(is) {
				t.Fatal("a slice of structs lost a write, or a slice has room beyond its length")
			}
		}
	}
	for _, f := range []func(){
		func() { Make[*int](nil, 1) },
		func() { Make[string](nil, 1) },
		func() {
			Make[struct {
				a int
				b []int
			}](nil, 1)
		},
		func() { Make[[2]map[int]int](nil, 1) },
	} {
		if !panics(f) {
			t.Error("Make of a type with pointers did not panic")
		}
	}
}

// panics reports whether f panics.
func panics(f func()) (did bool) {
	defer func() { did = recover() != nil }()
	f()
	return false
}

// TestHolds: a Store holds what Move gave it — mapped or, below its
// share, on the heap — and parts of it, not a string of the heap; a
// later Holds holds what Move gave it since; every Store holds "".
func TestHolds(t *testing.T) {
	heap := strings.Repeat("Червоний Хрест ", 10)
	for _, tc := range []struct {
		name string
		s    *Store
		held bool // on Linux
	}{
		{"nil", nil, false},
		{"zero", &Store{}, false},
		{"mapped", New(t.TempDir(), 0), true},
		{"its share on the heap", New(t.TempDir(), 1<<20), true},
		{"no folder", New("", 0), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			moved := []string{"ICRC", strings.Repeat("полонені ", 1<<10), "", string([]byte("x"))}
			tc.s.Move(moved)
			holds := tc.s.Holds()
			later := []string{"пізніше"}
			tc.s.Move(later)
			want := tc.held && runtime.GOOS == "linux"
			for _, c := range []struct {
				x    string
				want bool
			}{
				{"", true},
				{moved[0], want},
				{moved[1], want},
				{moved[1][9:40], want},
				{moved[3], want},
				{moved[0] + "", want},
				{heap, false},
				{heap[2:9], false},
				{strings.Clone(moved[0]), false},
			} {
				if got := holds(c.x); got != c.want {
					t.Errorf("Holds()(%.20q) = %v, want %v", c.x, got, c.want)
				}
			}
			if !tc.s.Holds()(later[0]) && want {
				t.Error("a later Holds does not hold the later string")
			}
		})
	}
}

// TestMakeReferring: a slice of a struct with strings in the store,
// holding the store's strings, and read back after the collector ran;
// a type with other pointers is refused.
func TestMakeReferring(t *testing.T) {
	type entry struct {
		a, b string
		n    int
	}
	for _, s := range []*Store{nil, New(t.TempDir(), 0), New(t.TempDir(), 1<<10)} {
		ss := make([]string, 500)
		for i := range ss {
			ss[i] = fmt.Sprintf("%d: %s", i, strings.Repeat("ж", i%40))
		}
		s.Move(ss)
		es, mapped := MakeReferring[entry](s, len(ss))
		if mapped != (s != nil && runtime.GOOS == "linux") {
			t.Errorf("in the store: %v", mapped)
		}
		holds := s.Holds()
		for i := range es {
			if mapped && !holds(ss[i]) {
				t.Fatalf("string %d is not held", i)
			}
			es[i] = entry{ss[i], ss[len(ss)-1-i], i}
		}
		ss = nil
		runtime.GC()
		for i := range es {
			if want := fmt.Sprintf("%d: %s", i, strings.Repeat("ж", i%40)); es[i].a != want || es[i].n != i {
				t.Fatalf("entry %d: %q, want %q", i, es[i].a, want)
			}
		}
	}
	for _, f := range []func(){
		func() { MakeReferring[*int](nil, 1) },
		func() { MakeReferring[struct{ a []string }](nil, 1) },
		func() { MakeReferring[[2]map[int]int](nil, 1) },
	} {
		if !panics(f) {
			t.Error("MakeReferring of a type with pointers other than strings did not panic")
		}
	}
	_, _ = MakeReferring[struct{ a, b string }](nil, 1) // strings are allowed
}

// TestGrow: a slice grown one value at a time, and by large steps, keeps
// its values, has the room asked for, and ends in the store's memory
// (or on the heap with no store).
func TestGrow(t *testing.T) {
	for _, s := range []*Store{nil, New(t.TempDir(), 0)} {
		var v []int32
		for i := range 100_000 {
			n := 1 + i%3*1000
			v = Grow(s, v, n)
			if cap(v)-len(v) < n {
				t.Fatalf("room for %d, asked %d", cap(v)-len(v), n)
			}
			v = append(v, int32(i))
		}
		for i, x := range v {
			if x != int32(i) {
				t.Fatalf("v[%d] = %d after growing", i, x)
			}
		}
		if s != nil && runtime.GOOS == "linux" && !s.Holds()(unsafe.String((*byte)(unsafe.Pointer(&v[0])), 4)) {
			t.Error("the grown slice is not in the store")
		}
	}
}

// TestKeep: memory a Store is told to Keep (a mapping that lasts) is
// held, whole and in parts, from the next Holds on; a nil Store holds
// none of it.
func TestKeep(t *testing.T) {
	lasting := strings.Repeat("Міжнародний комітет Червоного Хреста ", 50)
	for _, s := range []*Store{nil, New(t.TempDir(), 1<<20)} {
		before := s.Holds()
		s.Keep(lasting)
		after := s.Holds()
		want := s != nil && runtime.GOOS == "linux"
		if before(lasting) {
			t.Error("held before Keep")
		}
		if after(lasting) != want || after(lasting[100:200]) != want {
			t.Errorf("after Keep: held %v, want %v", after(lasting), want)
		}
		if after(strings.Clone(lasting[:40])) {
			t.Error("a copy of kept memory is held")
		}
	}
}
