package edition

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/l10n-dev/l10n/pipeline/inline"
	"github.com/l10n-dev/l10n/pipeline/segment"
)

func TestUnsafeScheme(t *testing.T) {
	for u, want := range map[string]string{
		"https://example.org":       "",
		"HTTP://example.org":        "",
		"mailto:news@example.org":   "",
		"tel:+380441234567":         "",
		"#":                         "",
		"":                          "",
		"/2024/11/26/":              "",
		"../a.png":                  "",
		"?q=1#x":                    "",
		"javascript:alert(1)":       "javascript",
		"JaVaScRiPt:alert(1)":       "javascript",
		" \x01javascript:alert(1)":  "javascript",
		"java\tscr\nipt\r:alert(1)": "javascript",
		"javascript:alert(1)\x00 ":  "javascript",
		"java\x00script:alert(1)":   "",
		"java%09script:alert(1)":    "",
		"%6Aavascript:alert(1)":     "",
		"vbscript:msgbox(1)":        "vbscript",
		"data:text/html,x":          "data",
		"data:image/png;base64,AA":  "data",
		"DATA:text/html,x":          "data",
		"vbscript:":                 "vbscript",
		"file:///etc/passwd":        "file",
		"ftp://example.org":         "ftp",
		"a+b-c.d:x":                 "a+b-c.d",
		"1http:x":                   "",
		"c:\\x":                     "c",
	} {
		if got := UnsafeScheme(u); got != want {
			t.Errorf("UnsafeScheme(%q) = %q, want %q", u, got, want)
		}
		// The allow-list is stricter than goldmark's own filter, a
		// deny-list of prefixes.
		if html.IsDangerousURL([]byte(u)) && want == "" {
			t.Errorf("goldmark finds %q dangerous", u)
		}
	}
}

// TestURLPolicy renders translated Markdown with dangerous URLs spelt the
// ways filters miss, and checks what the page links to and what is
// reported.
func TestURLPolicy(t *testing.T) {
	source := "# Title\n\nSee [the data](#), [the archive](javascript&colon;void(0)) and [the report][un].\n\n[un]: https://example.org/report\n"
	tests := []struct {
		name, md string
		want     []string // substrings of the page's body
		warn     string   // the warning's start, "" for none
	}{
		{"inline", `[клік](javascript:alert(1))`, []string{`<a href="#">клік</a>`}, `unsafe URL scheme "javascript" in link to "javascript:alert(1)": replaced by #`},
		{"named entity", `[клік](javascript&colon;alert(1))`, []string{`<a href="#">клік</a>`}, `unsafe URL scheme "javascript"`},
		{"decimal entity", `[клік](&#106;avascript:alert(1))`, []string{`<a href="#">клік</a>`}, `unsafe URL scheme "javascript"`},
		{"hex entity, no semicolon needed", `[клік](&#x6A;avascript&#x3a;alert(1))`, []string{`<a href="#">клік</a>`}, `unsafe URL scheme "javascript"`},
		{"pointy brackets", `[клік](<JavaScript:alert(1)>)`, []string{`<a href="#">клік</a>`}, `unsafe URL scheme "javascript"`},
		{"autolink", `<javascript:alert(1)>`, []string{`<a href="#">javascript:alert(1)</a>`}, `unsafe URL scheme "javascript" in autolink "javascript:alert(1)": replaced by #`},
		{"autolink label escaped", `<javascript:alert('&amp;')>`, []string{`<a href="#">javascript:alert('&amp;amp;')</a>`}, `unsafe URL scheme "javascript"`},
		{"data autolink", `<data:text/html;base64,PHNjcmlwdD4=>`, []string{`<a href="#">data:text/html;base64,PHNjcmlwdD4=</a>`}, `unsafe URL scheme "data"`},
		{"image", `Фото ![підпис *тут*](javascript:alert(1)) кінець`, []string{`<p>Фото підпис <em>тут</em> кінець</p>`}, `unsafe URL scheme "javascript" in image "javascript:alert(1)": image dropped, its text kept`},
		{"image in a link", `[![a](vbscript:x)](https://example.org)`, []string{`<a href="https://example.org">a</a>`}, `unsafe URL scheme "vbscript" in image`},
		{"definition the translator added", "[x]: javascript:alert(1)\n[клік][x]", []string{`<a href="#">клік</a>`}, `unsafe URL scheme "javascript"`},
		{"definition hijacks the source's", "[un]: javascript:alert(1)\n[доповідь][un]", []string{`<a href="#">доповідь</a>`}, `unsafe URL scheme "javascript"`},
		{"the source's own, spelt otherwise", `[архів](javascript:void(0))`, []string{`<a href="javascript:void(0)">архів</a>`}, ""},
		{"the source's definition", `[доповідь][un]`, []string{`<a href="https://example.org/report">доповідь</a>`}, ""},
		{"allowed", `[a](HTTPS://example.org) [b](tel:+380441234567) [c](mailto:a@example.org) <a@example.org> [d](#x) [e](../x?y)`, []string{`href="HTTPS://example.org"`, `href="tel:+380441234567"`, `href="mailto:a@example.org"`, `href="#x"`, `href="../x?y"`}, ""},
		// A browser reads these as relative paths; Go's URL parser, and so
		// the sanitizer, rejects them.
		{"percent-encoded scheme", `[клік](%6Aavascript:alert(1))`, []string{`<p>клік</p>`}, "markup the HTML sanitizer does not allow was removed"},
		{"tab inside is percent-encoded", `[клік](java&Tab;script:alert(1))`, []string{`<p>клік</p>`}, "markup the HTML sanitizer does not allow was removed"},
		{"ftp is not allowed", `www.example.org ftp://example.org`, []string{`<a href="http://www.example.org">`, `<a href="#">ftp://example.org</a>`}, `unsafe URL scheme "ftp"`},
	}
	urls := sourceURLs(t, source)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			const h = "# Заголовок\n\n"
			md := h + tt.md + "\n\n[un]: https://example.org/report\n"
			var warns []string
			page, err := HTML(Page{Lang: "uk", Title: "Заголовок", Markdown: []byte(md), SourceURLs: urls,
				Units: []Unit{{Span: segment.Span{Start: 2, End: len(h) - 2}, ID: "h1-title", Translated: true},
					{Span: segment.Span{Start: len(h), End: len(h) + len(tt.md)}, ID: "p-see-the-data", Translated: true}},
				Warn: func(unit, msg string) { warns = append(warns, unit+": "+msg) }})
			if err != nil {
				t.Fatal(err)
			}
			body := string(page[bytes.Index(page, []byte("<article>")):])
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %s:\n%s", w, body)
				}
			}
			switch {
			case tt.warn == "" && len(warns) > 0:
				t.Errorf("warnings %q", warns)
			case tt.warn != "" && (len(warns) != 1 || !strings.HasPrefix(warns[0], "p-see-the-data: "+tt.warn)):
				t.Errorf("warnings %q, want p-see-the-data: %s…", warns, tt.warn)
			}
		})
	}
}

// TestSanitizerSecondLine gives the sanitizer blocks that the URL policy
// has not seen: it removes what it does not allow, keeps the source's raw
// HTML and URLs, and leaves safe blocks byte for byte as goldmark wrote
// them.
func TestSanitizerSecondLine(t *testing.T) {
	urls := sourceURLs(t, "[x](javascript:void(0)) <kbd>Ctrl</kbd>\n")
	tests := []struct {
		name, md, want string
		changed        bool
	}{
		{"javascript link", `[клік](javascript:alert(1)) і <kbd>Ctrl</kbd>`, `<p>клік і <kbd>Ctrl</kbd></p>`, true},
		{"data image", `![x](data:text/html,x) "лапки"`, `<p><img alt="x"> &#34;лапки&#34;</p>`, true},
		{"the source's own URL", `[клік](javascript:void(0)) "лапки" & <kbd>Ctrl</kbd>`, `<p><a href="javascript:void(0)">клік</a> &quot;лапки&quot; &amp; <kbd>Ctrl</kbd></p>`, false},
		{"safe markup", "*a* **b** ~~c~~ `<d>` [e](#) [f]() ![g](x.png \"t\") <https://example.org> h\\\ni", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.md + "\n")
			md := segment.Markdown(goldmark.WithRendererOptions(html.WithUnsafe(),
				renderer.WithNodeRenderers(util.Prioritized(pageRenderer{}, 100))))
			render := func(root ast.Node) string {
				var b bytes.Buffer
				if err := md.Renderer().Render(&b, src, root); err != nil {
					t.Fatal(err)
				}
				return strings.TrimSpace(b.String())
			}
			before := render(md.Parser().Parse(text.NewReader(src)))
			root := md.Parser().Parse(text.NewReader(src))
			var warns []string
			p := Page{SourceURLs: urls, Units: []Unit{{Span: segment.Span{End: len(src)}, ID: "p-x", Translated: true}},
				Warn: func(unit, msg string) { warns = append(warns, unit+": "+msg) }}
			if err := sanitizeFragments(md.Renderer(), root, src, p); err != nil {
				t.Fatal(err)
			}
			got := render(root)
			if !tt.changed {
				if got != before || len(warns) > 0 {
					t.Errorf("changed a safe block:\n got %s\nwant %s\n%q", got, before, warns)
				}
				return
			}
			if got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			if !slices.Equal(warns, []string{"p-x: markup the HTML sanitizer does not allow was removed"}) {
				t.Errorf("warnings %q", warns)
			}
		})
	}
}

// TestURLPolicyOutsideUnits: a translation's definition can take over a
// reference link outside every unit (a paragraph without letters, which
// stays as the source has it); the link is judged all the same.
func TestURLPolicyOutsideUnits(t *testing.T) {
	source := "See [the report][un].\n\n[1][un]\n\n[un]: https://example.org/report\n"
	md := "[un]: javascript:alert(1)\nДив. [доповідь][un].\n\n[1][un]\n\n[un]: https://example.org/report\n"
	var warns []string
	page, err := HTML(Page{Lang: "uk", Markdown: []byte(md), SourceURLs: sourceURLs(t, source),
		Units: []Unit{{Span: segment.Span{End: strings.Index(md, "\n\n")}, ID: "p-see-the-report", Translated: true}},
		Warn:  func(unit, msg string) { warns = append(warns, unit+": "+msg) }})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(page, []byte("javascript")) {
		t.Errorf("live link:\n%s", page)
	}
	want := []string{
		`p-see-the-report: unsafe URL scheme "javascript" in link to "javascript:alert(1)": replaced by #`,
		`: unsafe URL scheme "javascript" in link to "javascript:alert(1)": replaced by #`,
	}
	if !slices.Equal(warns, want) {
		t.Errorf("warnings %q, want %q", warns, want)
	}
}

// FuzzWebLink holds webLink, which spares neutralize a link's Href, to
// what it spares: whatever follows "http:" or "https:", the Href of a
// link, image, autolink or e-mail autolink to it has a scheme the policy
// allows.
func FuzzWebLink(f *testing.F) {
	for _, d := range []string{"https://example.org/a b", "http:\tjavascript:x", "https:&#x6A;avascript:x", "http:", "https:\n//x", "http:%00", "https:\x00\xff"} {
		f.Add(d)
	}
	f.Fuzz(func(t *testing.T, dest string) {
		if !webLink(dest) {
			return
		}
		for _, tg := range []inline.Target{{Dest: dest}, {Dest: dest, Auto: true}, {Dest: dest, Auto: true, Email: true}} {
			if s := UnsafeScheme(targetHref(tg)); s != "" {
				t.Fatalf("%+v: webLink lets it by, but its scheme is %q", tg, s)
			}
		}
	})
}
