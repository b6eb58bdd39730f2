//go:build !linux

package gcpace

// hugeHeap does nothing where there is no madvise(MADV_HUGEPAGE).
func hugeHeap(int) bool { return false }
