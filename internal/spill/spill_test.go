package spill_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/l10n-dev/l10n/internal/spill"
)

// TestSpill: what is written reads back at its offsets once flushed,
// from several goroutines; a read past what was written fails; the file
// is never seen in its folder (Linux) and is gone once closed; a folder
// that cannot take it sends it to the system's temporary folder.
func TestSpill(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	notDir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notDir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{filepath.Join(t.TempDir(), "cache"), notDir} {
		s, err := spill.New(dir)
		if err != nil {
			t.Fatal(err)
		}
		var offs []int64
		var recs [][]byte
		for i := range 5000 {
			rec := bytes.Repeat([]byte(fmt.Sprint(i, ";")), i%40+1)
			offs = append(offs, s.Offset())
			recs = append(recs, rec)
			if i%2 == 0 {
				s.Write(rec)
			} else {
				s.WriteString(string(rec))
			}
		}
		if err := s.Flush(); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		for g := range 4 {
			wg.Go(func() {
				for i := g; i < len(recs); i += 4 {
					b := make([]byte, len(recs[i]))
					if err := s.ReadAt(b, offs[i]); err != nil || !bytes.Equal(b, recs[i]) {
						t.Errorf("record %d read back as %q (%v)", i, b, err)
						return
					}
				}
			})
		}
		wg.Wait()
		if err := s.ReadAt(make([]byte, 10), s.Offset()-5); err == nil {
			t.Error("a read past the end succeeded")
		}
		if runtime.GOOS == "linux" {
			for _, d := range []string{dir, tmp} {
				if left, _ := filepath.Glob(filepath.Join(d, ".spill-*")); len(left) > 0 {
					t.Errorf("the spill is seen in %s: %v", d, left)
				}
			}
		}
		s.Close()
		for _, d := range []string{dir, tmp} {
			if left, _ := filepath.Glob(filepath.Join(d, ".spill-*")); len(left) > 0 {
				t.Errorf("left in %s once closed: %v", d, left)
			}
		}
	}
	var none *spill.File
	none.Close()
}
