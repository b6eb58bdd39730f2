package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestServeBadAddress: an address l10n serve cannot listen on is a usage
// error in one line, exit 2.
func TestServeBadAddress(t *testing.T) {
	root := seedProject(t)
	for _, addr := range []string{"127.0.0.1:99999", "127.0.0.1"} {
		code, out, errOut := l10n("-C", root, "serve", "--addr", addr)
		if code != exitInput || out != "" || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "--addr "+addr) {
			t.Errorf("serve --addr %s: exit %d, stdout %q, stderr %q", addr, code, out, errOut)
		}
	}
}

// TestServe serves the seed on a free port of every interface: l10n warns
// that other machines can reach it, prints the address, serves the
// dashboard there, and stops when told.
func TestServe(t *testing.T) {
	root := seedProject(t)
	out, outW := io.Pipe()
	var errOut strings.Builder
	e := &env{dir: root, stdout: outW, stderr: &errOut}
	ctx, cancel := context.WithCancel(context.Background())
	code := make(chan int, 1)
	go func() { code <- e.serve(ctx, "0.0.0.0:0", false) }()
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	url, ok := strings.CutPrefix(line, "l10n: workbench at ")
	if !ok {
		t.Fatalf("first line %q", line)
	}
	url = strings.Fields(url)[0]
	// Every interface is 0.0.0.0, or [::] on a dual-stack system.
	url = strings.NewReplacer("0.0.0.0", "127.0.0.1", "[::]", "127.0.0.1").Replace(url)
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(page), "ngo-indifference-to-ukrainian-pows") {
		t.Errorf("dashboard: %d\n%.200s", res.StatusCode, page)
	}
	cancel()
	if c := <-code; c != exitOK {
		t.Errorf("exit %d", c)
	}
	if !strings.Contains(errOut.String(), "l10n: warning: serving on ") || !strings.Contains(errOut.String(), "other machines can reach") {
		t.Errorf("stderr %q, want the warning about every interface", errOut.String())
	}
}
