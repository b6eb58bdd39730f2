// Package chunk is the output of an encoder that writes a document a part
// at a time, for a document too large to hold (the TMX, PO and XLIFF
// Writers): the parts are encoded into a buffer, which is handed to the
// underlying writer once it holds a chunk, and the underlying writer's
// first error is kept — the writes after it do nothing.
package chunk

import (
	"bytes"
	"io"
)

// Size is how much a Buffer holds before it writes.
const Size = 64 << 10

// Buffer is an encoder's buffer over an underlying writer: encode into
// its bytes.Buffer, end each part with Part, and end the document with
// Flush.
type Buffer struct {
	bytes.Buffer
	w   io.Writer
	err error
}

// New returns a Buffer over w.
func New(w io.Writer) *Buffer { return &Buffer{w: w} }

// Part ends a part of the document: what the buffer holds is written
// once it holds Size or more.
func (b *Buffer) Part() {
	if b.Len() >= Size {
		b.Flush()
	}
}

// Flush writes what the buffer holds, unless a write failed before, and
// returns the underlying writer's first error.
func (b *Buffer) Flush() error {
	if b.err == nil && b.Len() > 0 {
		_, b.err = b.w.Write(b.Bytes())
	}
	b.Reset()
	return b.err
}

// Err returns the underlying writer's first error.
func (b *Buffer) Err() error { return b.err }
