//go:build !linux

package memory_test

func offheapMaps() bool { return false }
