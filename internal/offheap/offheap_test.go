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
		func() {
			defer func() {
				if recover() == nil {
					t.Error("Make of a type with pointers did not panic")
				}
			}()
			f()
		}()
	}
}
