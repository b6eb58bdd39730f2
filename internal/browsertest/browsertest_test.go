package browsertest

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestLoadsAPage checks the harness itself: Chromium starts, loads a local
// page and runs its script.
func TestLoadsAPage(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "p.html")
	if err := os.WriteFile(page, []byte(`<!doctype html><html lang="uk"><title>т</title><p id=x>Привіт</p><script>document.getElementById("x").dataset.ran="yes"</script>`), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := New(t, 390, 800)
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(FileURL(t, page))); err != nil {
		t.Fatal(err)
	}
	text, err := chromedp.Run(ctx, chromedp.Text("#x"))
	if err != nil {
		t.Fatal(err)
	}
	ran, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("x").dataset.ran`))
	if err != nil {
		t.Fatal(err)
	}
	if text != "Привіт" || ran != "yes" {
		t.Errorf("text %q, data-ran %q", text, ran)
	}
	if err := Screenshot(ctx, filepath.Join(ScreenshotDir(t), "harness.png")); err != nil {
		t.Fatal(err)
	}
}
