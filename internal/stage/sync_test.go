package stage

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestSyncedBeforeRename: a durable Set syncs its staged files in the
// background, several at a time (a sync that waits until another has
// begun completes), never more than maxSyncing, every one before Commit
// renames the first into place (the last one slow to end); a sync that fails fails Commit with the
// file's name, no target is replaced, and Abort leaves no staged file.
func TestSyncedBeforeRename(t *testing.T) {
	defer func(f func(*os.File) error) { syncFile = f }(syncFile)
	const n = 3 * maxSyncing
	rel := func(i, _ int) string { return fmt.Sprintf("f%03d", i) }
	for _, fail := range []int{-1, 0, n - 1} {
		t.Run(fmt.Sprint("fail=", fail), func(t *testing.T) {
			dir := t.TempDir()
			for i := range n {
				if err := os.WriteFile(filepath.Join(dir, rel(i, 0)), []byte("old"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			var mu sync.Mutex
			inFlight, most, synced := 0, 0, map[string]bool{}
			second := make(chan struct{}) // closed once two syncs run at once
			var once sync.Once
			syncFile = func(f *os.File) error {
				mu.Lock()
				inFlight++
				most = max(most, inFlight)
				if inFlight == 2 {
					once.Do(func() { close(second) })
				}
				mu.Unlock()
				select {
				case <-second:
				case <-time.After(time.Minute):
					t.Error("no second sync began while one waited: synced one at a time")
				}
				data, err := os.ReadFile(f.Name())
				if string(data) == "new "+rel(n-1, 0) {
					// The last sync is slow: Commit waits for it too,
					// where it could otherwise rename the files
					// synced already meanwhile.
					time.Sleep(200 * time.Millisecond)
				}
				// The staged file's target, not renamed over yet.
				name := filepath.Base(f.Name())
				target, _, _ := strings.Cut(name[1:], infix)
				old, _ := os.ReadFile(filepath.Join(dir, target))
				mu.Lock()
				defer mu.Unlock()
				inFlight--
				synced[name] = true
				if err != nil || string(data) != "new "+target || string(old) != "old" {
					t.Errorf("%s synced with %q (%v), its target holding %q", name, data, err, old)
				}
				if fail >= 0 && string(data) == "new "+rel(fail, 0) {
					return errors.New("disk full")
				}
				return nil
			}
			s, err := New(dir, true, 1, rel)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Abort()
			for i := range n {
				snap, err := Read(filepath.Join(dir, rel(i, 0)))
				if err != nil {
					t.Fatal(err)
				}
				f := &File{Rel: rel(i, 0), Data: []byte("new " + rel(i, 0)), Snap: snap}
				if i%2 == 0 {
					err = s.Prepare(f)
				}
				if err == nil {
					_, err = s.Put(f)
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			written, err := s.Commit()
			mu.Lock()
			if len(synced) != n || most < 2 || most > maxSyncing {
				t.Errorf("%d files synced, at most %d at once; want %d, 2 to %d", len(synced), most, n, maxSyncing)
			}
			mu.Unlock()
			if fail < 0 {
				if err != nil || len(written) != n {
					t.Fatalf("Commit: %d written, %v", len(written), err)
				}
				return
			}
			if err == nil || len(written) != 0 || !strings.Contains(err.Error(), rel(fail, 0)+": disk full") {
				t.Fatalf("Commit with a failed sync: %d written, %v", len(written), err)
			}
			for i := range n {
				if data, _ := os.ReadFile(filepath.Join(dir, rel(i, 0))); string(data) != "old" {
					t.Fatalf("%s replaced: %q", rel(i, 0), data)
				}
			}
			s.Abort()
			if staged, _ := filepath.Glob(filepath.Join(dir, Pattern)); len(staged) > 0 {
				t.Errorf("staged files left: %q", staged)
			}
		})
	}
}
