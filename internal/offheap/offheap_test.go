package offheap

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
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
		{"mapped", New(filepath.Join(dir, "cache")), true},
		{"no folder", New(""), false},
		{"a file, not a folder", New(filepath.Join(dir, "file", "x")), false},
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
	// The file is deleted as soon as it is made.
	ents, _ := os.ReadDir(filepath.Join(dir, "cache"))
	if len(ents) != 0 {
		t.Errorf("left in the folder: %v", ents)
	}
}

// TestMoveConcurrent moves from several goroutines at once (go test
// -race holds it to its word).
func TestMoveConcurrent(t *testing.T) {
	s := New(t.TempDir())
	defer s.Close()
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := range 8 {
		wg.Go(func() {
			for i := range 2000 {
				ss := []string{fmt.Sprintf("%d/%d", g, i), strings.Repeat("я", i%300)}
				want := slicesClone(ss)
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

func slicesClone(ss []string) []string { return append([]string(nil), ss...) }
