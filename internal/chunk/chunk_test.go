package chunk

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// short takes n bytes, then fails.
type short struct {
	bytes.Buffer
	n int
}

var errShort = errors.New("short")

func (s *short) Write(p []byte) (int, error) {
	if s.Len()+len(p) > s.n {
		return 0, errShort
	}
	return s.Buffer.Write(p)
}

// TestBuffer: parts are written a chunk at a time and in order; the
// first error is kept, and nothing is written after it.
func TestBuffer(t *testing.T) {
	var out bytes.Buffer
	b := New(&out)
	part := strings.Repeat("x", 1000)
	for i := range 100 {
		b.WriteString(part)
		b.Part()
		if held := (i + 1) * len(part); out.Len() > held || held-out.Len() >= Size {
			t.Fatalf("after %d parts, %d bytes written", i+1, out.Len())
		}
	}
	if err := b.Flush(); err != nil || out.Len() != 100*len(part) {
		t.Fatalf("Flush: %v, %d bytes written", err, out.Len())
	}
	s := &short{n: Size + 10}
	b = New(s)
	for range 200 {
		b.WriteString(part)
		b.Part()
	}
	if err := b.Flush(); !errors.Is(err, errShort) || !errors.Is(b.Err(), errShort) || s.Len() > Size+10 {
		t.Errorf("a writer that fails: Flush %v, Err %v, %d bytes written", err, b.Err(), s.Len())
	}
}
