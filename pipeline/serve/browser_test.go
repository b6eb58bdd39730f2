package serve

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/l10n-dev/l10n/internal/browsertest"
)

// TestWorkbenchScreenshots takes the screenshots of the README.
func TestWorkbenchScreenshots(t *testing.T) {
	p := seedProject(t)
	_, ts := startServer(t, p)
	ctx := browsertest.New(t, 1280, 800)
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	dir := browsertest.ScreenshotDir(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/?lang=en"), chromedp.WaitVisible("table.status")); err != nil {
		t.Fatal(err)
	}
	shot(t, ctx, filepath.Join(dir, "dashboard.png"))
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/edit/"+seed+"/uk"), chromedp.WaitVisible("article.unit")); err != nil {
		t.Fatal(err)
	}
	shot(t, ctx, filepath.Join(dir, "editor.png"))
}

// shot saves a PNG of the browser's viewport: what a translator sees at
// the window's size.
func shot(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		t.Fatal(err)
	}
}
