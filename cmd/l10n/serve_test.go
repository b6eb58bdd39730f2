package main

import (
	"strings"
	"testing"
)

// TestServeBadAddress: an address l10n serve cannot listen on is a usage
// error in one line, exit 2.
func TestServeBadAddress(t *testing.T) {
	root := project(t)
	for _, addr := range []string{"127.0.0.1:99999", "127.0.0.1"} {
		code, out, errOut := l10n("-C", root, "serve", "--addr", addr)
		if code != exitInput || out != "" || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "--addr "+addr) {
			t.Errorf("serve --addr %s: exit %d, stdout %q, stderr %q", addr, code, out, errOut)
		}
	}
}
