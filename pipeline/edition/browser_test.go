package edition_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/l10n-dev/l10n/internal/browsertest"
	"github.com/l10n-dev/l10n/pipeline/build"
	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// What a payload becomes in the Ukrainian edition.
const (
	hashLink  = "a link to #"                      // the URL policy replaced the URL
	noImage   = "no image"                         // the URL policy dropped the image
	asText    = "text"                             // never a link: escaped HTML, not Markdown link syntax
	relative  = "a link to a relative URL"         // a spelling the browser reads as a path
	sanitized = "text, the sanitizer removed link" // the sanitizer dropped a URL Go cannot parse
)

// payload is a translation that tries to get script into the edition. In
// md and def, § stands for the payload's number, which its script passes to
// alert; def, if set, is a link reference definition the translator adds
// (it starts the unit's translation).
type payload struct {
	name, def, md, want string
}

// script is what every payload tries to run: alert(§).
const script = "javascript:alert(§)"

// xssPayloads are the link and image cases of the OWASP XSS filter evasion
// cheat sheet, and the issue's, written as a translator would put them in
// a unit: Markdown links, reference links and autolinks, images, and raw
// HTML.
var xssPayloads = []payload{
	{name: "inline link", md: "[клік](" + script + ")", want: hashLink},
	{name: "mixed case", md: "[клік](JaVaScRiPt:alert(§))", want: hashLink},
	{name: "upper case", md: "[клік](JAVASCRIPT:alert(§))", want: hashLink},
	{name: "named entity colon", md: "[клік](javascript&colon;alert(§))", want: hashLink},
	{name: "decimal entity colon", md: "[клік](javascript&#58;alert(§))", want: hashLink},
	{name: "decimal entity first letter", md: "[клік](&#106;avascript:alert(§))", want: hashLink},
	{name: "decimal entities", md: "[клік](" + dec(script, 0, true) + ")", want: hashLink},
	// goldmark reads a zero-padded decimal reference as octal (&#0000106;
	// is "F", not "j"), so this is no javascript: URL in the edition.
	{name: "decimal entities zero-padded", md: "[клік](" + dec(script, 7, true) + ")", want: relative},
	{name: "decimal entities zero-padded to 3", md: "[клік](&#074;&#097;&#118;&#097;&#115;&#099;&#114;&#105;&#112;&#116;&#058;alert(§))", want: relative},
	{name: "decimal entities without semicolons", md: "[клік](" + dec(script, 0, false) + ")", want: relative},
	{name: "decimal entities zero-padded without semicolons", md: "[клік](" + dec(script, 7, false) + ")", want: relative},
	{name: "hex entities", md: "[клік](" + hex(script, 0, true) + ")", want: hashLink},
	{name: "hex entities zero-padded upper X", md: "[клік](" + strings.ReplaceAll(hex(script, 6, true), "&#x", "&#X") + ")", want: hashLink},
	{name: "hex entities without semicolons", md: "[клік](" + hex(script, 0, false) + ")", want: relative},
	{name: "tab entity in scheme", md: "[клік](jav&#x09;ascript:alert(§))", want: sanitized},
	{name: "named tab entity in scheme", md: "[клік](java&Tab;script:alert(§))", want: sanitized},
	{name: "newline entity in scheme", md: "[клік](jav&#x0A;ascript:alert(§))", want: sanitized},
	{name: "named newline entity in scheme", md: "[клік](java&NewLine;script:alert(§))", want: sanitized},
	{name: "carriage return entity in scheme", md: "[клік](jav&#x0D;ascript:alert(§))", want: sanitized},
	{name: "NUL entity in scheme", md: "[клік](java&#0;script:alert(§))", want: sanitized},
	{name: "leading space", md: "[клік](< javascript:alert(§)>)", want: sanitized},
	{name: "leading entity space", md: "[клік](&#32;javascript:alert(§))", want: sanitized},
	{name: "leading control character", md: "[клік](&#14;javascript:alert(§))", want: sanitized},
	{name: "URL-encoded", md: "[клік](" + pct(script) + ")", want: relative},
	{name: "backslash-escaped colon", md: `[клік](javascript\:alert(§))`, want: hashLink},
	{name: "with a title", md: `[клік](javascript:alert(§) "заголовок")`, want: hashLink},
	{name: "pointy brackets", md: "[клік](<javascript:alert(§)>)", want: hashLink},
	{name: "data text/html", md: "[клік](data:text/html,<script>alert(§)</script>)", want: hashLink},
	{name: "data base64", md: "[клік](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", want: hashLink},
	{name: "vbscript", md: "[клік](vbscript:msgbox(§))", want: hashLink},
	{name: "livescript", md: "[клік](livescript:alert(§))", want: hashLink},
	{name: "file", md: "[клік](file:///etc/passwd)", want: hashLink},
	{name: "autolink", md: "<" + script + ">", want: hashLink},
	{name: "autolink upper case", md: "<JAVASCRIPT:alert(§)>", want: hashLink},
	{name: "autolink mixed case", md: "<JaVaScRiPt:alert(§)>", want: hashLink},
	{name: "autolink vbscript", md: "<vbscript:msgbox(§)>", want: hashLink},
	{name: "autolink data", md: "<data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==>", want: hashLink},
	{name: "reference definition", def: "[xss§]: " + script, md: "[клік][xss§]", want: hashLink},
	{name: "reference definition with entities", def: "[xss§]: " + dec(script, 0, true), md: "[клік][xss§]", want: hashLink},
	{name: "shortcut reference, pointy brackets", def: "[xss§]: <JavaScript:alert(§)>", md: "[xss§]", want: hashLink},
	{name: "image", md: "![фото](" + script + ")", want: noImage},
	{name: "image entities", md: "![фото](&#106;avascript:alert(§))", want: noImage},
	{name: "image data svg", md: "![фото](data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIG9ubG9hZD0iYWxlcnQoMSkiLz4=)", want: noImage},
	{name: "image vbscript", md: "![фото](vbscript:msgbox(§))", want: noImage},
	{name: "image in a javascript link", md: "[![фото](x.png)](" + script + ")", want: hashLink},
	{name: "raw a href", md: `<a href="javascript:alert(§)">клік</a>`, want: asText},
	{name: "raw a href with entity tab", md: `<a href="jav&#x09;ascript:alert(§)">клік</a>`, want: asText},
	{name: "raw img onerror", md: "<img src=x onerror=alert(§)>", want: asText},
	{name: "raw IMG SRC javascript", md: "<IMG SRC=javascript:alert(§)>", want: asText},
	{name: "raw svg onload", md: "<svg/onload=alert(§)>", want: asText},
	{name: "raw script", md: "<script>alert(§)</script>", want: asText},
	{name: "raw iframe", md: `<iframe src="javascript:alert(§)"></iframe>`, want: asText},
	{name: "raw math xlink", md: `<math><a xlink:href="javascript:alert(§)">клік</a></math>`, want: asText},
	{name: "raw form action", md: `<form action="javascript:alert(§)"><button>клік</button></form>`, want: asText},
	{name: "bare scheme text", md: script, want: asText},
}

// dec writes s (but §) as decimal character references, zero-padded to
// pad digits, with or without semicolons.
func dec(s string, pad int, semi bool) string { return refs(s, "&#%0*d", pad, semi) }

// hex writes s (but §) as hexadecimal character references.
func hex(s string, pad int, semi bool) string { return refs(s, "&#x%0*X", pad, semi) }

func refs(s, format string, pad int, semi bool) string {
	var b strings.Builder
	for _, r := range s {
		if r == '§' {
			b.WriteRune(r)
			continue
		}
		fmt.Fprintf(&b, format, pad, r)
		if semi {
			b.WriteByte(';')
		}
	}
	return b.String()
}

// pct percent-encodes every byte of s.
func pct(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r == '§' {
			b.WriteRune(r)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", r)
	}
	return b.String()
}

const seedSlug = "ngo-indifference-to-ukrainian-pows"

// control is raw HTML that the test adds to the source article: the
// source's own javascript: link, which the policy lets through. Clicking
// it must trip the detectors, which shows that they work.
const control = `<p><a id="l10n-control" href="javascript:alert('control')">control</a></p>`

// TestXSSPayloadsInBrowser puts every payload into the seed's Ukrainian
// catalog, builds, and opens the HTML edition in headless Chromium: it
// clicks every link and image and checks that no script ran and that
// every URL in the page has an allowed scheme or is the source's own.
func TestXSSPayloadsInBrowser(t *testing.T) {
	if len(xssPayloads) < 40 {
		t.Fatalf("only %d payloads", len(xssPayloads))
	}
	root := seedCopy(t)
	units := plant(t, root)
	p, err := project.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	res, err := build.Run(p, build.Options{Locales: []string{"uk"}, Policy: build.PolicyFail})
	if err != nil {
		t.Fatal(err)
	}
	warnings := res.Editions[0].Warnings

	srv := httptest.NewServer(http.FileServer(http.Dir(filepath.Join(root, "out"))))
	defer srv.Close()
	ctx := browsertest.New(t, 1000, 800)
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	det := listen(t, ctx)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: hooks}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/uk/"+seedSlug+".html")); err != nil {
		t.Fatal(err)
	}
	if err := browsertest.Screenshot(ctx, filepath.Join(browsertest.ScreenshotDir(t), "xss-uk.png")); err != nil {
		t.Error(err)
	}
	var dom struct {
		Regions map[string][]element `json:"regions"`
		URLs    []element            `json:"urls"`
	}
	data, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](inspect))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &dom); err != nil {
		t.Fatal(err)
	}
	clicked, err := chromedp.Run(ctx, chromedp.Evaluate[int](clickAll, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	// A native dialog, which the hooks do not see, must reach the
	// listener too.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`window.__l10nAlert("dialog-control")`)); err != nil {
		t.Fatal(err)
	}
	ran, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.__l10nPage ? window.__l10nRan : ["the page was replaced"]`))
	if err != nil {
		t.Fatal(err)
	}
	dialogs, console := det.snapshot()
	t.Logf("%d payloads in %d units, %d links and images clicked, %d warnings", len(xssPayloads), len(slices.Compact(slices.Sorted(slices.Values(units)))), clicked, len(warnings))

	// The detectors work: the source's own javascript: link ran, and the
	// native dialog was seen; nothing else ran.
	if !slices.Equal(ran, []string{"alert:control"}) {
		t.Errorf("scripts that ran: %q, want only the control", ran)
	}
	if !slices.Equal(console, []string{"L10N-XSS alert control"}) {
		t.Errorf("console markers: %q, want only the control's", console)
	}
	if !slices.Equal(dialogs, []string{"dialog-control"}) {
		t.Errorf("dialogs: %q, want only the control", dialogs)
	}
	// Every URL in the page has an allowed scheme, or is the control.
	for _, e := range dom.URLs {
		if !allowedProtocol(e.Protocol) && !(e.ID == "l10n-control" && e.Value == "javascript:alert('control')") {
			t.Errorf("<%s %s=%q> (%s) in the page", e.Tag, e.Attr, e.Value, e.Protocol)
		}
	}

	unsafe := map[string]int{}
	for _, w := range warnings {
		if _, rest, ok := strings.Cut(w, "uk.yaml: "); ok {
			unit, msg, _ := strings.Cut(rest, ": ")
			if strings.HasPrefix(msg, "unsafe URL scheme ") {
				unsafe[unit]++
			} else if strings.HasPrefix(msg, "markup the HTML sanitizer") {
				unsafe[unit+" sanitizer"]++
			}
		}
	}
	want := map[string]int{}
	for i, pl := range xssPayloads {
		switch pl.want {
		case hashLink, noImage:
			want[units[i]]++
		case sanitized:
			want[units[i]+" sanitizer"] = 1 // one per block
		}
		t.Run(pl.name, func(t *testing.T) {
			region := dom.Regions[strconv.Itoa(i+1)]
			var links, images []element
			for _, e := range region {
				switch e.Tag {
				case "a":
					links = append(links, e)
				case "img":
					images = append(images, e)
				case "em", "strong", "del", "code", "br":
				default:
					t.Errorf("element <%s> in the edition", e.Tag)
				}
				for _, a := range e.Attrs {
					if strings.HasPrefix(a, "on") {
						t.Errorf("<%s %s> in the edition", e.Tag, a)
					}
				}
				if e.Attr != "" && !allowedProtocol(e.Protocol) {
					t.Errorf("<%s %s=%q> in the edition", e.Tag, e.Attr, e.Value)
				}
			}
			switch pl.want {
			case hashLink:
				if len(links) != 1 || links[0].Value != "#" {
					t.Errorf("links %+v, want one to #", links)
				}
			case noImage:
				if len(images)+len(links) != 0 {
					t.Errorf("links %+v, images %+v, want none", links, images)
				}
			case asText, sanitized:
				if len(images)+len(links) != 0 {
					t.Errorf("links %+v, images %+v, want text", links, images)
				}
			case relative:
				if len(links) != 1 || links[0].Protocol != "http:" || !strings.HasPrefix(links[0].URL, srv.URL+"/uk/") {
					t.Errorf("links %+v, want one to a path of the site", links)
				}
			}
		})
	}
	for k := range want {
		if unsafe[k] != want[k] {
			t.Errorf("%s: %d warnings, want %d", k, unsafe[k], want[k])
		}
	}
	for k := range unsafe {
		if _, ok := want[k]; !ok {
			t.Errorf("%s: %d warnings, want none", k, unsafe[k])
		}
	}
	if t.Failed() {
		t.Logf("build's warnings:\n%s", strings.Join(warnings, "\n"))
	}
}

func allowedProtocol(p string) bool {
	return p == "http:" || p == "https:" || p == "mailto:" || p == "tel:"
}

// element is an element of the edition as the page's script reports it:
// for one with a URL attribute, the attribute's name and value and the
// URL's protocol as the browser resolves it.
type element struct {
	Tag      string   `json:"tag"`
	ID       string   `json:"id"`
	Attrs    []string `json:"attrs"`
	Attr     string   `json:"attr"`
	Value    string   `json:"value"`
	URL      string   `json:"url"`
	Protocol string   `json:"protocol"`
}

// hooks runs in every document before its scripts: alert, confirm and
// prompt record their calls and log a console marker instead of opening a
// dialog; the original alert stays reachable for the dialog control. A
// click on a link with an allowed scheme stays on the page (following it
// cannot run script here); any other link is followed.
const hooks = `
window.__l10nPage = true;
window.__l10nRan = [];
window.__l10nAlert = window.alert.bind(window);
for (const f of ["alert", "confirm", "prompt"]) {
	window[f] = function (m) {
		window.__l10nRan.push(f + ":" + m);
		console.log("L10N-XSS " + f + " " + m);
		return null;
	};
}
document.addEventListener("click", e => {
	const a = e.target.closest && e.target.closest("a");
	if (a && ["http:", "https:", "mailto:", "tel:"].includes(a.protocol)) e.preventDefault();
}, true);
`

// inspect reports, as JSON, every element of the article after each
// payload's marker ⟦n⟧ up to the next marker or the end of its block, and
// every URL-bearing attribute of the whole document.
const inspect = `(() => {
	const urlAttrs = ["href", "src", "action", "formaction", "srcset", "poster", "data", "background", "xlink:href", "cite"];
	const describe = el => {
		const d = {tag: el.localName, id: el.id, attrs: el.getAttributeNames()};
		for (const a of urlAttrs) {
			if (el.hasAttribute(a)) {
				d.attr = a; d.value = el.getAttribute(a);
				try { d.url = new URL(d.value, document.baseURI).href; d.protocol = new URL(d.value, document.baseURI).protocol; } catch (e) { d.protocol = "invalid"; }
			}
		}
		return d;
	};
	const regions = {};
	const blocks = "p, h1, h2, h3, h4, h5, h6, li, td, th";
	let cur = null, block = null;
	const w = document.createTreeWalker(document.querySelector("article"), NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
	for (let n = w.nextNode(); n; n = w.nextNode()) {
		const b = (n.nodeType === Node.TEXT_NODE ? n.parentElement : n).closest(blocks);
		if (b !== block) { block = b; cur = null; }
		if (n.nodeType === Node.TEXT_NODE) {
			for (const m of n.data.matchAll(/⟦(\d+)⟧/g)) { cur = m[1]; regions[cur] = regions[cur] || []; }
		} else if (cur !== null && n !== b) {
			regions[cur].push(describe(n));
		}
	}
	const urls = [];
	for (const el of document.querySelectorAll("*")) {
		for (const a of urlAttrs) {
			if (el.hasAttribute(a)) urls.push(describe(el));
		}
	}
	return {regions, urls};
})()`

// clickAll clicks every link and image of the article, in document order
// (the control last), one at a time: after each click it lets the tasks
// the click queued run (a javascript: URL runs in a task after its click,
// and a later click would cancel it).
const clickAll = `(async () => {
	const els = document.querySelectorAll("article a, article img");
	for (const el of els) {
		el.click();
		for (let i = 0; i < 3; i++) await new Promise(r => setTimeout(r, 0));
	}
	return els.length;
})()`

// detector records the dialogs that open (and dismisses them) and the
// console messages that carry the marker.
type detector struct {
	mu      sync.Mutex
	dialogs []string
	console []string
}

func (d *detector) snapshot() ([]string, []string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return slices.Clone(d.dialogs), slices.Clone(d.console)
}

func listen(t *testing.T, ctx context.Context) *detector {
	d := &detector{}
	err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *page.EventJavascriptDialogOpening:
			d.mu.Lock()
			d.dialogs = append(d.dialogs, ev.Message)
			d.mu.Unlock()
			go func() {
				if _, err := chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{}); err != nil && ctx.Err() == nil {
					t.Errorf("dismissing a dialog: %v", err)
				}
			}()
		case *runtime.EventConsoleAPICalled:
			for _, a := range ev.Args {
				var s string
				if json.Unmarshal(a.Value, &s) == nil && strings.Contains(s, "L10N-XSS") {
					d.mu.Lock()
					d.console = append(d.console, s)
					d.mu.Unlock()
				}
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// seedCopy copies the project's articles, catalogs and glossary into a
// temporary folder and adds the control to the article.
func seedCopy(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for _, dir := range []string{"articles", "locales"} {
		if err := os.CopyFS(filepath.Join(root, dir), os.DirFS(filepath.Join("..", "..", dir))); err != nil {
			t.Fatal(err)
		}
	}
	art := filepath.Join(root, "articles", seedSlug+".md")
	src, err := os.ReadFile(art)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(art, append(src, "\n"+control+"\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	return root
}

// plant writes the payloads into the seed's Ukrainian catalog, spread over
// its paragraphs after their translations, each after its marker ⟦n⟧,
// and returns the unit of each payload.
func plant(t *testing.T, root string) []string {
	t.Helper()
	path := filepath.Join(root, project.CatalogPath(seedSlug, "uk"))
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := catalog.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	var paras []*catalog.Entry
	for i := range f.Entries {
		if strings.HasPrefix(f.Entries[i].ID, "p-") {
			paras = append(paras, f.Entries[i])
		}
	}
	units := make([]string, len(xssPayloads))
	defs := map[*catalog.Entry][]string{}
	for i, pl := range xssPayloads {
		e := paras[i%len(paras)]
		n := strconv.Itoa(i + 1)
		e.Other += " ⟦" + n + "⟧ " + strings.ReplaceAll(pl.md, "§", n)
		if pl.def != "" {
			defs[e] = append(defs[e], strings.ReplaceAll(pl.def, "§", n))
		}
		units[i] = e.ID
	}
	for e, d := range defs {
		e.Other = strings.Join(d, "\n") + "\n" + e.Other
	}
	if err := os.WriteFile(path, f.Encode(nil, nil), 0o644); err != nil {
		t.Fatal(err)
	}
	return units
}
