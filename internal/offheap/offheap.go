// Package offheap keeps strings outside Go's heap: copied into memory
// mapped from a file that is deleted as soon as it is made, so that the
// kernel can write them to disk and drop them from memory when it runs
// short, where a string on the heap would stay, and so that the
// collector, which paces itself on the heap's size, neither counts nor
// scans them.
//
// A command that keeps a large amount of text for the whole run (extract,
// the English and translations of every catalog for the translation
// memory) keeps it in a Store. The memory is never unmapped: a string
// moved into a Store may be kept anywhere, so it lasts as long as the
// process (a command's run). Where the system cannot map such a file
// (another system, a file system without room or without fallocate), a
// Store copies onto the heap instead.
package offheap

import "strings"

// Move replaces each string of ss with a copy in s's memory (on the
// heap when s is nil), in one block. It is safe to call from several
// goroutines.
func (s *Store) Move(ss []string) {
	n := 0
	for _, x := range ss {
		n += len(x)
	}
	var b []byte
	if s != nil && n > 0 {
		b = s.reserve(n)
	}
	if b == nil {
		for i, x := range ss {
			ss[i] = strings.Clone(x)
		}
		return
	}
	for i, x := range ss {
		if x == "" {
			continue
		}
		copy(b, x)
		ss[i] = stringOf(b[:len(x)])
		b = b[len(x):]
	}
}

// Mapped reports how many bytes of s's memory are mapped from its file.
func (s *Store) Mapped() int64 {
	if s == nil {
		return 0
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.end
}
