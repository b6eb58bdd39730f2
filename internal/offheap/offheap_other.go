//go:build !linux

package offheap

import "sync"

// A Store holds strings; on this system, on the heap (see the package
// comment).
type Store struct {
	mu      sync.Mutex
	end     int64
	spans   []span // none: the heap's strings are the collector's
	limited bool
}

// New returns a Store; on this system it copies onto the heap.
func New(dir string, from int64) *Store { return &Store{} }

// Close ends s's additions; on this system it has nothing to close.
func (s *Store) Close() {}

// Drop gives back s's memory; on this system the collector does.
func (s *Store) Drop() {}

// Forget tells the system that data's pages are not read for now; on
// this system it does nothing.
func Forget(data string) {}

func (s *Store) reserve(n, align int) []byte { return nil }

func (s *Store) block(n int) []byte { return nil }

func (s *Store) release(b []byte) {}

func (s *Store) reserveFilled(n int) []byte { return nil }

func (s *Store) keep(sp span) {}

func stringOf(b []byte) string { return string(b) }
