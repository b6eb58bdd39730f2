// Package offheap keeps strings, arrays of numbers and arrays of structs
// of such strings outside Go's heap: in memory mapped from a file that
// has no name, so that the kernel can write them to disk and drop them
// from memory when it runs short, where a string on the heap would stay,
// and so that the collector, which paces itself on the heap's size,
// neither counts nor scans them.
//
// A command that keeps a large amount of data for the whole run (extract:
// the English and translations of every catalog, the translation
// memory's entries and its arrays of numbers) keeps it in a Store. The
// memory is never unmapped before the process ends: a string moved into
// a Store may be kept anywhere, so it lasts as long as the process (a
// command's run); only an array that nothing reads any more may give
// its pages back (Free). Where the system cannot map such a file
// (another system, a file system without unnamed files, room or
// fallocate), a Store copies onto the heap instead.
package offheap

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"unsafe"
)

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
		b = s.block(n)
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

// Make returns a slice of n zero values of T in s's memory (on the heap
// when s is nil or has no mapping to give). T must hold no pointers —
// the collector does not look into s's memory, so what a pointer there
// points to could be collected — and Make panics if it does.
func Make[T any](s *Store, n int) []T {
	if t := reflect.TypeFor[T](); !pointerFree(t, false) {
		panic(fmt.Sprintf("offheap.Make: %v holds pointers", t))
	}
	b, _ := alloc[T](s, n, false)
	return b
}

// Grow returns v with room for n more values (as slices.Grow): when it
// has none, a copy in s's memory (Make) with twice v's room or more,
// and v's memory, there, is freed (Free). T must hold no pointers. A
// slice grown from nil one value after another is in s's memory as
// appending would make it on the heap, its old copies given back.
func Grow[T any](s *Store, v []T, n int) []T {
	if n <= cap(v)-len(v) {
		return v
	}
	w := Make[T](s, max(2*cap(v), len(v)+n, 64))[:len(v)]
	copy(w, v)
	Free(s, v)
	return w
}

// MakeReferring returns a slice of n zero values of T in s's memory, and
// whether it is there: on the heap when s is nil or has no mapping to
// give. T may hold strings but no other pointers (MakeReferring panics
// if it does). The caller may put in the slice only strings that s
// holds (Holds) — the collector does not look into s's memory, so it
// would free a string of its own that only the slice refers to — and
// keeps s reachable for as long as it uses the slice.
func MakeReferring[T any](s *Store, n int) ([]T, bool) {
	referring[T]("MakeReferring")
	return alloc[T](s, n, false)
}

// referring panics, naming the function fn, if T holds pointers other
// than strings.
func referring[T any](fn string) {
	if t := reflect.TypeFor[T](); !pointerFree(t, true) {
		panic(fmt.Sprintf("offheap.%s: %v holds pointers other than strings", fn, t))
	}
}

// alloc returns n zero values of T in s's memory (MakeFilled's when
// filled is set), and true, or on the heap.
func alloc[T any](s *Store, n int, filled bool) ([]T, bool) {
	var zero T
	size, align := int(unsafe.Sizeof(zero)), int(unsafe.Alignof(zero))
	if s == nil || n <= 0 || size == 0 {
		return make([]T, n), false
	}
	var b []byte
	if filled && !s.limited {
		b = s.reserveFilled(n * size) // on a huge page: aligned for every type
	} else {
		b = s.reserve(n*size, align)
	}
	if b == nil {
		return make([]T, n), false
	}
	return unsafe.Slice((*T)(unsafe.Pointer(unsafe.SliceData(b))), n), true
}

// MakeFilled is MakeReferring for a slice that the caller fills whole
// and at once, from one goroutine, and reads for the rest of the run (a
// decoded memory's entries): it is in memory of no file, advised for
// huge pages, where the file's memory faults a 4 KB page at a time, each
// fault dear where a page fault costs 11 µs (a virtual machine of the
// project's). Its pages cannot be written to disk when memory runs
// short, as the file's can: it is for data that is read throughout the
// run, whose pages would be read back at once; and a Store told that
// the process runs under a memory limit (Limit) gives the file's
// memory instead, as MakeReferring, so that the kernel can still write
// out the pages the run reads least (an extract after one article
// changed, 1,000 articles in a 48 MB cgroup: 0.95 s with the entries in
// the file, 105 s without). The same rules hold as for MakeReferring:
// strings that s holds, s kept reachable.
//
// Only for a slice filled by one goroutine: arrays that several
// goroutines fill fault in parallel on their cores (a cold extract took
// 5% longer when every array was readied on one).
func MakeFilled[T any](s *Store, n int) ([]T, bool) {
	referring[T]("MakeFilled")
	return alloc[T](s, n, true)
}

// Limit tells s that the process runs under a memory limit (a
// container's): MakeFilled then gives the file's memory, which the
// kernel can write out. Call it before the Store is used.
func (s *Store) Limit() {
	if s != nil {
		s.limited = true
	}
}

// Free tells s that nothing reads v any more: where v is in s's memory,
// the memory of v's whole pages is given back to the system (on a file
// system that can punch holes, or memory of no file: MakeFilled), and
// reads zeros after; a slice on the heap is left to the collector. A
// Store is never unmapped, so v read after Free reads zeros or what it
// held, never another's data.
func Free[T any](s *Store, v []T) {
	if len(v) == 0 {
		return
	}
	s.release(bytesOf(v))
}

// bytesOf returns the memory of v's values, as bytes.
func bytesOf[T any](v []T) []byte {
	var zero T
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(v))), len(v)*int(unsafe.Sizeof(zero)))
}

// pointerFree reports whether a value of type t holds no pointers (with
// strings: none but strings).
func pointerFree(t reflect.Type, strings bool) bool {
	switch t.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128:
		return true
	case reflect.String:
		return strings
	case reflect.Array:
		return t.Len() == 0 || pointerFree(t.Elem(), strings)
	case reflect.Struct:
		for i := range t.NumField() {
			if !pointerFree(t.Field(i).Type, strings) {
				return false
			}
		}
		return true
	}
	return false
}

// Holds returns a function that reports whether s holds a string: it is
// empty, or in memory that s keeps for as long as it lasts — its
// mappings, the blocks on the heap that Move filled with its first
// bytes and the memory it was told to Keep, before Holds was called.
// The function is for one goroutine at a time. A nil Store, or one on a system that
// maps nothing, holds only the empty string.
func (s *Store) Holds() func(string) bool {
	var spans []span
	if s != nil {
		s.mu.Lock()
		spans = slices.Clone(s.spans)
		s.mu.Unlock()
	}
	slices.SortFunc(spans, func(a, b span) int { return cmp.Compare(a.lo, b.lo) })
	last := span{} // the span of the last string held: the next is likely there too
	return func(x string) bool {
		if x == "" {
			return true
		}
		lo := uintptr(unsafe.Pointer(unsafe.StringData(x)))
		if last.lo <= lo && lo+uintptr(len(x)) <= last.hi {
			return true
		}
		i, _ := slices.BinarySearchFunc(spans, lo, func(sp span, p uintptr) int {
			if sp.hi <= p {
				return -1
			}
			if sp.lo > p {
				return 1
			}
			return 0
		})
		if i < len(spans) && spans[i].lo <= lo && lo+uintptr(len(x)) <= spans[i].hi {
			last = spans[i]
			return true
		}
		return false
	}
}

// Keep tells s that x is memory that lasts as long as the process (a
// mapping that is never unmapped, not the heap), so that s holds x and
// its parts (Holds) from now on. A Store that maps nothing holds none.
func (s *Store) Keep(x string) {
	if s == nil || x == "" {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.keep(spanOf(unsafe.Slice(unsafe.StringData(x), len(x))))
}

// span is memory from lo up to hi.
type span struct{ lo, hi uintptr }

// spanOf returns the span of b.
func spanOf(b []byte) span {
	lo := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	return span{lo, lo + uintptr(len(b))}
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
