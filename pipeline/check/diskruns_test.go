package check

import (
	"math"
	"math/rand/v2"
	"os"
	"testing"
)

// TestConsistencySpilled checks that an index that keeps its texts on
// disk beyond a small limit answers every AddHashes as one that keeps
// them all in memory: texts seen once, again with the same or another
// translation, by the same or another unit, in runs of every size, with
// keys that the Bloom filters let through by chance. And that it leaves
// no file behind.
func TestConsistencySpilled(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	for _, limit := range []int{1, 2, 7, 64, 65, 1000} {
		rng := rand.New(rand.NewPCG(uint64(limit), 1))
		mem, disk := newConsistencyIndex(math.MaxInt), newConsistencyIndex(limit)
		var keys []uint64
		found := 0
		for ref := uint64(1); ref <= 3000; ref++ {
			hs := make([]SegmentHash, 1+rng.IntN(5))
			for i := range hs {
				if len(keys) > 0 && rng.IntN(3) == 0 {
					hs[i].Source = keys[rng.IntN(len(keys))] // seen before
				} else {
					hs[i].Source = rng.Uint64()
					keys = append(keys, hs[i].Source)
				}
				hs[i].Target = uint32(rng.IntN(3))
			}
			if rng.IntN(10) == 0 {
				ref-- // the same unit again
			}
			i1, o1, ok1 := mem.AddHashes(ref, hs)
			i2, o2, ok2 := disk.AddHashes(ref, hs)
			if i1 != i2 || o1 != o2 || ok1 != ok2 {
				t.Fatalf("limit %d, ref %d: on disk (%d, %d, %v), in memory (%d, %d, %v)", limit, ref, i2, o2, ok2, i1, o1, ok1)
			}
			if ok1 {
				found++
			}
		}
		if found < 100 {
			t.Errorf("limit %d: only %d inconsistencies: the comparison proves little", limit, found)
		}
		if disk.disk == nil || len(disk.disk.runs) < 2 {
			t.Fatalf("limit %d: the index wrote no runs", limit)
		}
		if left, _ := os.ReadDir(tmp); len(left) != 0 {
			t.Errorf("limit %d: the index's file is left in the temporary folder: %v", limit, left)
		}
		if err := disk.Close(); err != nil {
			t.Errorf("limit %d: %v", limit, err)
		}
	}
}
