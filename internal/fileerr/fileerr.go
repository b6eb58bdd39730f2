// Package fileerr is the error every parser of l10n returns for bad input:
// a file, a line (and a column where known) and the cause, in the manner
// of go/scanner.Error and encoding/csv.ParseError. A parser that reads
// bytes knows the line but not the file; the code that opened the file
// names it with In. Callers find the position with errors.As. The line
// and column of a YAML error come from internal/yamlerr.
package fileerr

import (
	"errors"
	"fmt"
)

// Error is bad input at a place in a file.
type Error struct {
	File   string // relative to the project root where possible; "" when unknown
	Line   int    // 1-based; 0 when unknown
	Column int    // 1-based; 0 when unknown
	Err    error  // what is wrong, without the place
}

// Error returns "file:line: cause", leaving out what is unknown:
// "file: cause", "line N: cause" or just the cause.
func (e *Error) Error() string {
	switch {
	case e.File != "" && e.Line > 0 && e.Column > 0:
		return fmt.Sprintf("%s:%d:%d: %v", e.File, e.Line, e.Column, e.Err)
	case e.File != "" && e.Line > 0:
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	case e.File != "":
		return fmt.Sprintf("%s: %v", e.File, e.Err)
	case e.Line > 0 && e.Column > 0:
		return fmt.Sprintf("line %d:%d: %v", e.Line, e.Column, e.Err)
	case e.Line > 0:
		return fmt.Sprintf("line %d: %v", e.Line, e.Err)
	}
	return e.Err.Error()
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// New returns an error at a line with the message msg.
func New(line int, msg string) *Error {
	return &Error{Line: line, Err: errors.New(msg)}
}

// Errorf returns an error at a line with a formatted cause; %w wraps.
func Errorf(line int, format string, args ...any) *Error {
	return &Error{Line: line, Err: fmt.Errorf(format, args...)}
}

// In names the file of err: an *Error in err's chain without a file gets
// file (and is returned as it is); any other error becomes the cause of
// an *Error in file without a line.
func In(file string, err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		if e.File == "" {
			e.File = file
		}
		return e
	}
	return &Error{File: file, Err: err}
}
