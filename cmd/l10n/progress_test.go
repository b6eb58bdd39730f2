package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestJSONRequested(t *testing.T) {
	for _, c := range []struct {
		args string
		want bool
	}{
		{"build", false},
		{"build --json", true},
		{"-C dir check -json", true},
		{"status --json=true", true},
		{"status --json=false", false},
		{"build --article json", false},
		{"build -- --json", false},
	} {
		if got := jsonRequested(strings.Fields(c.args)); got != c.want {
			t.Errorf("jsonRequested(%q) = %v, want %v", c.args, got, c.want)
		}
	}
}

func TestProgressOnlyOnTerminal(t *testing.T) {
	var b bytes.Buffer
	if newProgress(&b) != nil {
		t.Error("progress on a buffer")
	}
	if got := bar(15, 30); !strings.Contains(got, " 50% [") || !strings.Contains(got, "15/30 articles") {
		t.Errorf("bar(15, 30) = %q", got)
	}
}
