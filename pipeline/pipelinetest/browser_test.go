package pipelinetest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/l10n-dev/l10n/internal/browsertest"
	"github.com/l10n-dev/l10n/pipeline/build"
	"github.com/l10n-dev/l10n/pipeline/extract"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// widths are the viewport widths the editions are looked at: two phones,
// a tablet and a laptop.
var widths = []int64{360, 390, 768, 1280}

// pageFacts is what the browser test reads of a page.
type pageFacts struct {
	ScrollWidth int      `json:"scrollWidth"`
	Width       int      `json:"width"`
	Lang        string   `json:"lang"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Alternates  []string `json:"alternates"` // hreflang=href, resolved
	Editions    []string `json:"editions"`   // the links to the other editions, resolved
	Wide        []string `json:"wide"`       // elements wider than the page
}

// factsJS reads pageFacts.
const factsJS = `(() => {
	const d = document.documentElement, w = d.clientWidth;
	const meta = document.querySelector('meta[name="description"]');
	const wide = [];
	for (const e of document.body.querySelectorAll('*')) {
		const r = e.getBoundingClientRect();
		if (r.right > w + 0.5 && wide.length < 5) wide.push(e.tagName + ' ' + Math.round(r.right) + ': ' + (e.textContent || '').slice(0, 40));
	}
	return {
		scrollWidth: d.scrollWidth, width: w, lang: d.lang, title: document.title,
		description: meta ? meta.content : '',
		alternates: [...document.querySelectorAll('link[rel="alternate"][hreflang]')].map(l => l.hreflang + '=' + l.href),
		editions: [...document.querySelectorAll('nav.l10n-editions a')].map(a => a.href),
		wide: wide,
	};
})()`

// TestEditionsInBrowser opens the seed's Ukrainian and Russian editions and
// every spec example's editions in headless Chromium at a phone's, a
// tablet's and a laptop's width: no page scrolls sideways; the seed's pages
// have their lang, title and description, their alternates and links to
// the other editions lead to built files, and they make no request but for
// the page itself. It saves screenshots of the seed's pages at 390 and
// 1280 px (see browsertest.ScreenshotDir; the README's are made with
// L10N_SCREENSHOTS=docs/screenshots).
func TestEditionsInBrowser(t *testing.T) {
	ctx := browsertest.New(t, 1280, 800)
	var mu sync.Mutex
	var requests []string
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			mu.Lock()
			requests = append(requests, e.Request.URL)
			mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	open := func(path string) {
		t.Helper()
		mu.Lock()
		requests = nil
		mu.Unlock()
		c, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		if err := chromedp.Do(c, chromedp.Navigate(browsertest.FileURL(t, path))); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
	look := func(width int64, height int64) pageFacts {
		t.Helper()
		c, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		if err := chromedp.Do(c, chromedp.EmulateViewport(width, height)); err != nil {
			t.Fatal(err)
		}
		f, err := chromedp.Run(c, chromedp.Evaluate[pageFacts](factsJS))
		if err != nil {
			t.Fatal(err)
		}
		return f
	}

	// The seed.
	sp := seedProject(t)
	if _, err := build.Run(sp, build.Options{}); err != nil {
		t.Fatal(err)
	}
	shots := browsertest.ScreenshotDir(t)
	for _, loc := range []string{"uk", "ru"} {
		page := filepath.Join(sp.Root, project.EditionPath(seed, loc, ".html"))
		open(page)
		for _, w := range widths {
			height := int64(800)
			if w < 500 {
				height = 844
			}
			f := look(w, height)
			if f.ScrollWidth > f.Width || len(f.Wide) > 0 {
				t.Errorf("%s at %d px: scroll width %d > %d: %q", loc, w, f.ScrollWidth, f.Width, f.Wide)
			}
			if f.Lang != loc || f.Title == "" || len([]rune(f.Description)) < 50 {
				t.Errorf("%s at %d px: lang %q, title %q, description %q", loc, w, f.Lang, f.Title, f.Description)
			}
			hreflangs := map[string]bool{}
			for _, a := range f.Alternates {
				lang, href, _ := strings.Cut(a, "=")
				hreflangs[lang] = true
				checkBuilt(t, loc, href)
			}
			for _, want := range []string{"en", "uk", "ru", "x-default"} {
				if !hreflangs[want] {
					t.Errorf("%s: no alternate for %s: %q", loc, want, f.Alternates)
				}
			}
			if len(f.Editions) != 2 {
				t.Errorf("%s: links to other editions %q, want en and the other locale", loc, f.Editions)
			}
			for _, href := range f.Editions {
				checkBuilt(t, loc, href)
			}
			if w == 390 || w == 1280 {
				buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
				if err != nil {
					t.Fatal(err)
				}
				if err := os.MkdirAll(shots, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(shots, loc+"-"+strconv.FormatInt(w, 10)+".png"), buf, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
		mu.Lock()
		self := browsertest.FileURL(t, page)
		for _, r := range requests {
			if r != self && !strings.HasPrefix(r, "data:") {
				t.Errorf("%s: a request leaves the page: %s", loc, r)
			}
		}
		mu.Unlock()
	}

	// Every spec example, in the source and the pseudo-locale (a third
	// longer, and with long words). They are looked at a batch at a time,
	// each in an iframe as wide as the viewport it stands for; the pages
	// come from a local server so that the test can see into the frames.
	spec, examples := specProject(t)
	if _, err := extract.Pseudo(spec, project.Selection{Locales: []string{"en-XA"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := build.Run(spec, build.Options{Locales: []string{"en", "en-XA"}, Policy: build.PolicyShip}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(filepath.Join(spec.Root, "out"))))
	defer srv.Close()
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/en/"), chromedp.EmulateViewport(1400, 800)); err != nil {
		t.Fatal(err)
	}
	// A control page, wide on purpose, proves that the measure sees
	// overflow.
	control := filepath.Join(spec.Root, "out", "control.html")
	if err := os.WriteFile(control, []byte(`<!DOCTYPE html><meta name="viewport" content="width=device-width"><p style="width:1300px">wide</p>`), 0o644); err != nil {
		t.Fatal(err)
	}
	pages, names := []string{"/control.html"}, []string{"control"}
	for _, slug := range slices.Sorted(maps.Keys(examples)) {
		for _, loc := range []string{"en", "en-XA"} {
			pages = append(pages, "/"+loc+"/"+url.PathEscape(slug)+".html")
			names = append(names, slug+" ("+loc+")")
		}
	}
	const batch = 64
	ws, _ := json.Marshal(widths)
	for start := 0; start < len(pages); start += batch {
		end := min(start+batch, len(pages))
		list, _ := json.Marshal(pages[start:end])
		c, cancel := context.WithTimeout(ctx, 2*time.Minute)
		got, err := chromedp.Run(c, chromedp.Evaluate[[][][2]int](fmt.Sprintf(framesJS, list, ws), chromedp.EvalAwaitPromise))
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		for k, w := range widths {
			for i, sw := range got[k] {
				if start+i == 0 {
					if sw[0] <= sw[1] {
						t.Errorf("the control page does not overflow at %d px: %v", w, sw)
					}
					continue
				}
				if sw[0] > sw[1] {
					slug := strings.Fields(names[start+i])[0]
					t.Errorf("%s at %d px: scroll width %d > %d\n%s", names[start+i], w, sw[0], sw[1], examples[slug])
				}
			}
		}
	}
}

// framesJS loads pages (%s, a JSON list) in iframes and returns, for each
// width of %s, each page's scroll width and width in an iframe that wide.
const framesJS = `(async () => {
	const pages = %s, widths = %s;
	document.body.replaceChildren();
	const frames = await Promise.all(pages.map(src => new Promise((resolve, reject) => {
		const f = document.createElement('iframe');
		f.style.cssText = 'display:block;border:0;height:400px;width:' + widths[0] + 'px';
		f.onload = () => resolve(f);
		f.onerror = reject;
		f.src = src;
		document.body.append(f);
	})));
	return widths.map(w => {
		for (const f of frames) f.style.width = w + 'px';
		return frames.map(f => {
			const d = f.contentDocument.documentElement;
			return [d.scrollWidth, d.clientWidth];
		});
	});
})()`

// checkBuilt checks that a link of an edition leads to a built file.
func checkBuilt(t *testing.T, loc, href string) {
	t.Helper()
	u, err := url.Parse(href)
	if err != nil || u.Scheme != "file" {
		t.Errorf("%s: link %q is not to a local file", loc, href)
		return
	}
	if fi, err := os.Stat(u.Path); err != nil || !fi.Mode().IsRegular() {
		t.Errorf("%s: link %q leads to no built file", loc, href)
	}
}
