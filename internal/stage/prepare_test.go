package stage

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// TestPrepare: files prepared on several goroutines (their staged files
// written there) and put in slot order commit as files put alone do; a
// file whose content is unchanged is not written; Abort removes what was
// prepared and never put, and what was put and not committed.
func TestPrepare(t *testing.T) {
	const n = 40
	rel := func(i, slot int) string { return filepath.Join(fmt.Sprint("d", i%3), fmt.Sprintf("f%d.%d", i, slot)) }
	for _, c := range []struct {
		name   string
		put    int // how many articles are put
		commit bool
	}{{"all put and committed", n, true}, {"half put, aborted", n / 2, false}, {"none put, aborted", 0, false}} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			// Every third article's first file is there already, as it
			// will be: unchanged, never staged.
			for i := 0; i < n; i += 3 {
				path := filepath.Join(dir, rel(i, 0))
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(rel(i, 0)), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			s, err := New(dir, false, 2, rel)
			if err != nil {
				t.Fatal(err)
			}
			files := make([][]*File, n)
			var wg sync.WaitGroup
			for i := range n {
				wg.Go(func() {
					for slot := range 2 {
						snap, err := Read(filepath.Join(dir, rel(i, slot)))
						if err != nil {
							t.Error(err)
						}
						f := &File{Rel: rel(i, slot), Data: []byte(rel(i, slot)), Snap: snap}
						if err := s.Prepare(f); err != nil {
							t.Error(err)
						}
						files[i] = append(files[i], f)
					}
				})
			}
			wg.Wait()
			staged, _ := filepath.Glob(filepath.Join(dir, "d*", Pattern))
			if want := 2*n - (n+2)/3; len(staged) != want {
				t.Fatalf("%d files staged by Prepare, want %d (the unchanged ones not)", len(staged), want)
			}
			for i := range c.put {
				for _, f := range files[i] {
					changed, err := s.Put(f)
					if err != nil {
						t.Fatal(err)
					}
					if want := i%3 != 0 || f.Rel != rel(i, 0); changed != want {
						t.Errorf("%s: Put says changed %v, want %v", f.Rel, changed, want)
					}
				}
			}
			if c.commit {
				written, err := s.Commit()
				if err != nil {
					t.Fatal(err)
				}
				if want := 2*n - (n+2)/3; len(written) != want {
					t.Errorf("%d files written, want %d", len(written), want)
				}
				for i := range n {
					for slot := range 2 {
						if b, err := os.ReadFile(filepath.Join(dir, rel(i, slot))); err != nil || string(b) != rel(i, slot) {
							t.Errorf("%s: %q, %v", rel(i, slot), b, err)
						}
					}
				}
			}
			s.Abort()
			if left, _ := filepath.Glob(filepath.Join(dir, "d*", Pattern)); len(left) > 0 {
				t.Errorf("staged files left after Abort: %v", left)
			}
		})
	}
}
