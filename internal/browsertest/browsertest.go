// Package browsertest starts headless Chromium for tests that look at a page
// as a person would: the HTML editions and the workbench.
//
// It drives Debian's chromium through chromedp with the flags this machine
// needs (no sandbox as root, no background networking, a fresh profile). When
// no Chromium is installed, New skips the test, unless the environment
// variable CI is set: CI installs Chromium, so a missing browser there is a
// failure, not a skip.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// Candidates are the executable names looked up, in order, when the
// environment variable L10N_CHROMIUM does not name one.
var candidates = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// Path returns the Chromium executable to use, or "" when there is none.
func Path() string {
	if p := os.Getenv("L10N_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range candidates {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// New starts a headless browser for t and returns a browser context (one tab)
// that is cancelled when the test ends. The window is width×height CSS pixels.
// The browser has started when New returns; bound a slow action with a context
// derived from the returned one (context.WithTimeout), never the first call.
func New(t testing.TB, width, height int) context.Context {
	t.Helper()
	path := Path()
	if path == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium is not installed (CI installs it: apt-get install chromium)")
		}
		t.Skip("chromium is not installed (apt-get install chromium)")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancelCtx()
		cancelAlloc()
	})
	// Start the browser now, so that a browser that cannot start fails here.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	return ctx
}

// FileURL returns the file:// URL of a local path.
func FileURL(t testing.TB, path string) string {
	t.Helper()
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	return "file://" + filepath.ToSlash(abs)
}

// Screenshot writes a PNG of the whole page to path, for a person to look at
// (set L10N_SCREENSHOTS=dir in the environment to keep them; see ScreenshotDir).
func Screenshot(ctx context.Context, path string) error {
	// Quality 100 is what makes Chromium encode a PNG rather than a JPEG.
	return save(ctx, path, chromedp.FullScreenshot(100))
}

// ViewportScreenshot writes a PNG of what the window shows to path: the
// page as a person sees it at the window's size, scrolled as it is.
func ViewportScreenshot(ctx context.Context, path string) error {
	return save(ctx, path, chromedp.CaptureScreenshot())
}

func save(ctx context.Context, path string, shot chromedp.Action[[]byte]) error {
	buf, err := chromedp.Run(ctx, shot)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, buf, 0o644)
}

// ScreenshotDir is where tests put the screenshots they take: the folder named
// by L10N_SCREENSHOTS, or a temporary folder of the test when it is unset.
func ScreenshotDir(t testing.TB) string {
	if d := os.Getenv("L10N_SCREENSHOTS"); d != "" {
		return d
	}
	return t.TempDir()
}
