// Package offheap keeps strings and arrays of numbers outside Go's heap:
// in memory mapped from a file that has no name, so that the
// kernel can write them to disk and drop them from memory when it runs
// short, where a string on the heap would stay, and so that the
// collector, which paces itself on the heap's size, neither counts nor
// scans them.
//
// A command that keeps a large amount of data for the whole run (extract:
// the English and translations of every catalog, and the translation
// memory's arrays of numbers) keeps it in a Store. The memory is never
// unmapped, nor its file's blocks freed, before the process ends: a
// string moved into a Store may be kept anywhere, so it lasts as long as
// the process (a command's run). Where the system cannot map such a file
// (another system, a file system without unnamed files, room or
// fallocate), a Store copies onto the heap instead.
package offheap

import (
	"fmt"
	"reflect"
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
		b = s.reserve(n, 1)
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
	var zero T
	size, align := int(unsafe.Sizeof(zero)), int(unsafe.Alignof(zero))
	if t := reflect.TypeFor[T](); !pointerFree(t) {
		panic(fmt.Sprintf("offheap.Make: %v holds pointers", t))
	}
	if s == nil || n <= 0 || size == 0 {
		return make([]T, n)
	}
	b := s.reserve(n*size, align)
	if b == nil {
		return make([]T, n)
	}
	return unsafe.Slice((*T)(unsafe.Pointer(unsafe.SliceData(b))), n)
}

// pointerFree reports whether a value of type t holds no pointers.
func pointerFree(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128:
		return true
	case reflect.Array:
		return t.Len() == 0 || pointerFree(t.Elem())
	case reflect.Struct:
		for i := range t.NumField() {
			if !pointerFree(t.Field(i).Type) {
				return false
			}
		}
		return true
	}
	return false
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
