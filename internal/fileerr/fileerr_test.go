package fileerr

import (
	"errors"
	"fmt"
	"io/fs"
	"testing"
)

func TestError(t *testing.T) {
	cause := errors.New("bad")
	for _, tt := range []struct {
		err  *Error
		want string
	}{
		{&Error{File: "a.yaml", Line: 3, Column: 7, Err: cause}, "a.yaml:3:7: bad"},
		{&Error{File: "a.yaml", Line: 3, Err: cause}, "a.yaml:3: bad"},
		{&Error{File: "a.yaml", Err: cause}, "a.yaml: bad"},
		{&Error{Line: 3, Column: 7, Err: cause}, "line 3:7: bad"},
		{&Error{Line: 3, Err: cause}, "line 3: bad"},
		{&Error{Err: cause}, "bad"},
	} {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("%#v: got %q, want %q", tt.err, got, tt.want)
		}
		if !errors.Is(tt.err, cause) {
			t.Errorf("%q does not unwrap to its cause", tt.want)
		}
	}
}

func TestIn(t *testing.T) {
	// A parser's line error gets the file and keeps its line.
	err := In("g.yaml", fmt.Errorf("reading: %w", New(5, "duplicate key")))
	if err.Error() != "g.yaml:5: duplicate key" {
		t.Errorf("got %q", err)
	}
	// A file already named stays named.
	if got := In("other", err).Error(); got != "g.yaml:5: duplicate key" {
		t.Errorf("got %q", got)
	}
	// Any other error becomes the cause of an error in the file.
	err = In("x.md", fs.ErrPermission)
	if err.Error() != "x.md: permission denied" || !errors.Is(err, fs.ErrPermission) {
		t.Errorf("got %q", err)
	}
}
