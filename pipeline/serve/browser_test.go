package serve

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/l10n-dev/l10n/internal/browsertest"
	"github.com/l10n-dev/l10n/pipeline/extract"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// TestWorkbenchInBrowser drives the workbench in Chromium as a
// translator does: the dashboard, the seed in Ukrainian, an edit that
// drops a figure and gets the numbers finding as they type, the fix,
// Ctrl+Enter, a reload that shows the text, which is in the catalog on
// disk; then an edit of the same unit on disk meanwhile, refused with
// both texts; then the interface in Russian.
func TestWorkbenchInBrowser(t *testing.T) {
	p := seedProject(t)
	_, ts := startServer(t, p)
	ctx := browsertest.New(t, 1280, 800)
	ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	run := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	eval := func(expr string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		return v
	}
	const unit = "#u-p-in-total-about"
	path := catalogFile(p, "uk")

	run("dashboard", chromedp.Navigate(ts.URL+"/?lang=en"), chromedp.WaitVisible("table.status"))
	if got := eval(`[...document.querySelectorAll("tbody tr")].map(r => r.dataset.article + "/" + r.dataset.locale).join(" ")`); got != seed+"/uk "+seed+"/ru" {
		t.Fatalf("dashboard rows %q", got)
	}
	run("open the editor", chromedp.Click(`tr[data-locale="uk"] th a`), chromedp.WaitVisible(unit+" textarea"))
	original := eval(`document.querySelector("` + unit + ` textarea").value`)

	// Drop a figure: the numbers check says so as the translator types.
	broken := strings.Replace(original, "3\u00a0767", "", 1)
	run("type", chromedp.Focus(unit+" textarea"), chromedp.SetValue(unit+" textarea", broken), chromedp.KeyEvent(" "))
	run("finding", chromedp.Poll[chromedp.Void](`document.querySelector("`+unit+` .findings .check")?.textContent === "numbers"`))

	// Fix it, with a word more, and save with Ctrl+Enter.
	fixed := strings.Replace(original, "нічого не відомо", "досі нічого не відомо", 1)
	run("fix", chromedp.SetValue(unit+" textarea", fixed), chromedp.KeyEvent(" "),
		chromedp.Poll[chromedp.Void](`document.querySelector("`+unit+` .findings .ok") !== null`))
	// The preview shows the text being edited, before it is saved.
	run("preview", chromedp.Poll[chromedp.Void](`document.getElementById("preview").contentDocument?.body?.textContent.includes("досі нічого не відомо")`))
	run("save", chromedp.SetValue(unit+" textarea", fixed), chromedp.Focus(unit+" textarea"),
		chromedp.KeyEvent("\r", chromedp.KeyModifiers(chromedp.ModifierCtrl)),
		chromedp.Poll[chromedp.Void](`document.querySelector("`+unit+` .save-state").classList.contains("saved")`))
	run("reload", chromedp.Reload(), chromedp.WaitVisible(unit+" textarea"))
	if got := eval(`document.querySelector("` + unit + ` textarea").value`); got != fixed {
		t.Fatalf("after reload the text area holds %q, want %q", got, fixed)
	}
	if !strings.Contains(readFile(t, path), "досі нічого не відомо") {
		t.Fatal("the saved text is not in the catalog on disk")
	}

	// Another translator saves the same unit meanwhile: refused, both
	// texts shown, the file as the other translator left it.
	theirs := strings.Replace(readFile(t, path), "досі нічого не відомо", "нічого не відомо досі", 1)
	writeFile(t, path, []byte(theirs))
	mine := strings.Replace(fixed, "Загалом", "Усього", 1)
	run("conflicting edit", chromedp.SetValue(unit+" textarea", mine), chromedp.Click(unit+" button.save"),
		chromedp.WaitVisible(unit+" .conflict"))
	if got := eval(`document.querySelector("` + unit + ` .conflict pre.disk").textContent`); !strings.Contains(got, "нічого не відомо досі") {
		t.Errorf("the refusal shows %q as the text on disk", got)
	}
	if got := eval(`document.querySelector("` + unit + ` .conflict pre.yours").textContent`); got != mine {
		t.Errorf("the refusal shows %q as mine", got)
	}
	if readFile(t, path) != theirs {
		t.Fatal("a refused save changed the catalog")
	}
	shot(t, ctx, filepath.Join(browsertest.ScreenshotDir(t), "workbench-conflict.png"))

	// Taking the text on disk into the editor leaves nothing unsaved
	// (else the page would ask before leaving).
	run("take theirs", chromedp.Click(unit+" button.take-disk"), chromedp.WaitNotPresent(unit+" .conflict"))
	if got := eval(`document.querySelector("` + unit + ` textarea").value`); !strings.Contains(got, "нічого не відомо досі") {
		t.Errorf("after taking the text on disk the text area holds %q", got)
	}

	// The interface in Russian, from the switch.
	run("switch to Russian", chromedp.Click(`.langs a[data-lang="ru"]`), chromedp.WaitVisible(`html[lang="ru"] article.unit`))
	if got := eval(`document.querySelector("button.save").textContent`); got != "Сохранить" {
		t.Errorf("save button %q in Russian", got)
	}
	if got := eval(`document.querySelector(".summary").textContent`); !strings.Contains(got, "22 единицы") {
		t.Errorf("summary %q in Russian", got)
	}
	run("back to the dashboard", chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible("table.status"))
	if got := eval(`document.querySelector("h1").textContent`); got != "Статьи и языки" {
		t.Errorf("the dashboard after the switch: %q", got)
	}
}

// toDoProject is a project where there is work to do: the seed, whose
// English changed in one paragraph since it was translated (a stale
// unit), with one Ukrainian unit left empty that a second article has
// translated (a missing unit with a suggestion from the memory).
func toDoProject(t *testing.T) *project.Project {
	p := seedProject(t)
	art := filepath.Join(p.Root, project.ArticlePath(seed))
	writeFile(t, art, []byte(strings.Replace(readFile(t, art), "about 3,767 Ukrainian prisoners of war and deported civilians", "about 3,800 Ukrainian prisoners of war and civilians", 1)))
	for _, rel := range []string{project.ArticlePath(seed), project.CatalogPath(seed, "en"), project.CatalogPath(seed, "uk"), project.CatalogPath(seed, "ru")} {
		data := readFile(t, filepath.Join(p.Root, rel))
		writeFile(t, filepath.Join(p.Root, strings.Replace(rel, seed, "red-cross-access-to-prisoners", 1)), []byte(data))
	}
	if _, err := extract.Run(p, extract.Options{}); err != nil {
		t.Fatal(err)
	}
	uk := catalogFile(p, "uk")
	blank := regexp.MustCompile(`(?m)(p-by-anton-zemlianyi:\n  hash: \S+\n  other: ).*$`)
	writeFile(t, uk, []byte(blank.ReplaceAllString(readFile(t, uk), `${1}""`)))
	return p
}

// TestWorkbenchScreenshots takes the README's screenshots, at 1280×800,
// of the toDoProject. L10N_SCREENSHOTS=$PWD/docs/screenshots writes them
// there.
func TestWorkbenchScreenshots(t *testing.T) {
	p := toDoProject(t)
	_, ts := startServer(t, p)
	ctx := browsertest.New(t, 1280, 800)
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	dir := browsertest.ScreenshotDir(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(ts.URL+"/?lang=en"), chromedp.WaitVisible("table.status")); err != nil {
		t.Fatal(err)
	}
	shot(t, ctx, filepath.Join(dir, "workbench-dashboard.png"))
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/edit/"+seed+"/uk"), chromedp.WaitVisible("article.unit")); err != nil {
		t.Fatal(err)
	}
	shot(t, ctx, filepath.Join(dir, "workbench-editor.png"))
	// A figure dropped while typing, to show a finding.
	const unit = "#u-p-in-total-about"
	text, err := chromedp.Run(ctx, chromedp.Value(unit+" textarea"))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.SetValue(unit+" textarea", strings.Replace(text, "3\u00a0767", "3\u00a0700", 1)),
		chromedp.Focus(unit+" textarea"), chromedp.KeyEvent(" "),
		chromedp.Poll[chromedp.Void](`document.querySelector("`+unit+` .findings .check")?.textContent === "numbers"`),
		chromedp.Evaluate[chromedp.Void](`document.querySelector("`+unit+`").scrollIntoView({block: "start"}); window.scrollBy(0, -8)`)); err != nil {
		t.Fatal(err)
	}
	shot(t, ctx, filepath.Join(dir, "workbench-stale.png"))
}

// shot saves a PNG of the browser's viewport: what a translator sees at
// the window's size.
func shot(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	if err := browsertest.ViewportScreenshot(ctx, path); err != nil {
		t.Fatal(err)
	}
}

// TestEditorKeyboard: Alt+↓ and Alt+↑ go from unit to do to unit to do;
// a memory suggestion goes into the text area in one click; Ctrl+Enter
// saves and goes to the next unit to do.
func TestEditorKeyboard(t *testing.T) {
	p := toDoProject(t)
	_, ts := startServer(t, p)
	ctx := browsertest.New(t, 1280, 800)
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	active := func() string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.closest("article.unit")?.dataset.unit ?? ""`))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	alt := chromedp.KeyModifiers(chromedp.ModifierAlt)
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/edit/"+seed+"/uk?lang=en"), chromedp.WaitVisible("article.unit"),
		chromedp.Focus("#u-h1-ngo-indifference-to textarea"), chromedp.KeyEvent(kb.ArrowDown, alt)); err != nil {
		t.Fatal(err)
	}
	if got := active(); got != "p-by-anton-zemlianyi" {
		t.Fatalf("Alt+↓ from the headline went to %q, want the missing p-by-anton-zemlianyi", got)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown, alt)); err != nil {
		t.Fatal(err)
	}
	if got := active(); got != "p-in-total-about" {
		t.Fatalf("Alt+↓ went to %q, want the stale p-in-total-about", got)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowUp, alt)); err != nil {
		t.Fatal(err)
	}
	if got := active(); got != "p-by-anton-zemlianyi" {
		t.Fatalf("Alt+↑ went to %q", got)
	}
	const unit = "#u-p-by-anton-zemlianyi"
	if err := chromedp.Do(ctx, chromedp.Click(unit+" button.insert"),
		chromedp.KeyEvent("\r", chromedp.KeyModifiers(chromedp.ModifierCtrl)),
		chromedp.Poll[chromedp.Void](`document.querySelector("`+unit+`").dataset.state === "translated"`)); err != nil {
		t.Fatal(err)
	}
	if got := active(); got != "p-in-total-about" {
		t.Errorf("after Ctrl+Enter the focus is in %q, want the next unit to do", got)
	}
	if got, err := chromedp.Run(ctx, chromedp.Text("#todo-count")); err != nil || got != "1 to do" {
		t.Errorf("the count of units to do says %q (%v), want 1 to do", got, err)
	}
	if !strings.Contains(readFile(t, catalogFile(p, "uk")), "Автор: [Антон Земляний](#)") {
		t.Error("the inserted suggestion is not in the catalog")
	}
}
