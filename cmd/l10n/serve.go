package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"github.com/l10n-dev/l10n/pipeline/serve"
)

// cmdServe serves the workbench until interrupted.
func cmdServe(e *env, o *options, _ []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return e.serve(ctx, o.addr, o.open)
}

// serve serves the workbench on addr until ctx is done.
func (e *env) serve(ctx context.Context, addr string, open bool) int {
	p, err := e.project()
	if err != nil {
		return e.fail(err)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return e.fail(fmt.Errorf("--addr %s: %w", addr, err))
	}
	defer ln.Close()
	at := ln.Addr().String()
	srv, err := serve.New(p, serve.Options{Addr: at})
	if err != nil {
		return e.fail(err)
	}
	defer srv.Close()
	if !serve.Loopback(at) {
		e.warnings = append(e.warnings, fmt.Sprintf("serving on %s, which other machines can reach: anyone who can connect can read and edit the catalogs (--addr 127.0.0.1:PORT keeps it to this machine)", at))
	}
	url := "http://" + at + "/"
	e.flushWarnings()
	fmt.Fprintf(e.stdout, "l10n: workbench at %s (Ctrl+C stops it)\n", url)
	if open {
		openBrowser(url)
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		if err != nil && !errors.Is(err, http.ErrServerClosed) {
			return e.fail(err)
		}
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = hs.Shutdown(shut)
	}
	return exitOK
}

// openBrowser opens a URL in the desktop's browser, if there is one.
func openBrowser(url string) {
	name, args := "xdg-open", []string{url}
	switch runtime.GOOS {
	case "darwin":
		name = "open"
	case "windows":
		name, args = "rundll32", []string{"url.dll,FileProtocolHandler", url}
	}
	cmd := exec.Command(name, args...)
	if err := cmd.Start(); err == nil {
		go func() { _ = cmd.Wait() }()
	}
}
