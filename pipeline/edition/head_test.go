package edition

import (
	"bytes"
	"html/template"
	"strings"
	"testing"
)

// pageTemplate is the template an edition's page once wrote its head
// with, beside the index page's (templates): the reading writeHead keeps
// to, byte for byte (TestHeadAsTemplate, FuzzHead).
var pageTemplate = template.Must(template.Must(templates.Clone()).Parse(`
{{- define "page"}}{{template "top" .}}
{{- if .Description}}
<meta name="description" content="{{.Description}}">{{end}}
{{- if .URL}}
<link rel="canonical" href="{{.URL}}">{{end}}
{{- range .Alternates}}
<link rel="alternate" hreflang="{{.Locale}}" href="{{.Href}}">{{end}}
{{- if .XDefault}}
<link rel="alternate" hreflang="x-default" href="{{.XDefault}}">{{end}}
<meta property="og:type" content="article">
<meta property="og:title" content="{{.Title}}">
{{- if .Description}}
<meta property="og:description" content="{{.Description}}">{{end}}
<meta property="og:locale" content="{{.OGLocale}}">
{{- range .OGAlternates}}
<meta property="og:locale:alternate" content="{{.}}">{{end}}
{{- if .URL}}
<meta property="og:url" content="{{.URL}}">{{end}}
{{- if .Published}}
<meta property="article:published_time" content="{{.Published}}">{{end}}
<style>{{.Style}}</style>
</head>
<body>
{{- template "editions" .}}
<article>
{{end}}`))

// headAsTemplate fails t unless writeHead writes what the template
// "page" writes of d.
func headAsTemplate(t *testing.T, d pageData) {
	t.Helper()
	var want, got bytes.Buffer
	if err := pageTemplate.ExecuteTemplate(&want, "page", d); err != nil {
		t.Fatal(err)
	}
	writeHead(&got, &d)
	if got.String() != want.String() {
		t.Errorf("%+v:\nwriteHead %q\ntemplate  %q", d, got.String(), want.String())
	}
}

// headCases are strings that html/template writes its own way in text,
// attributes and URLs: its escapes, invalid UTF-8 (kept), schemes it
// refuses, folds (ſ is s) or does not see, percent escapes valid or not,
// bytes its URL normalizer encodes.
var headCases = []string{
	"", "Війна в Україні", `<script>"a" & 'b' + c</script>`, "nul\x00byte", "\xff\xfe\xd0", "\uFFFD \u00a0 \u2028",
	"https://example.org/uk/a.html", "../en/a.html", "javascript:alert(1)", "JavaScript:x", "HTTPS://X", "httpſ://x",
	"mailto:a@b", "data:text/html,x", "/a:b", "a/b:c", ":x", "/a b?c=d&e+f#g", "%41%4g%", "%", "%4", "a%2",
	"(x)'y'\"z\" <w>", "!#$&*+,/:;=?@[]-._~", "\t\n\r\x7f", "ü€😀", "#",
}

// TestHeadAsTemplate holds writeHead to the template it replaced on
// every field, with each of headCases, and with the optional parts
// (description, URL, x-default, date, other editions) there or not.
func TestHeadAsTemplate(t *testing.T) {
	d := pageData{Lang: "uk", Title: "Заголовок", Description: "Опис.", URL: "https://example.org/uk/a.html",
		OGLocale: "uk_UA", OGAlternates: []string{"en", "ru_RU"}, Published: "2024-11-26",
		Alternates: []Alternate{{"en", "https://example.org/en/a.html", true}, {"uk", "https://example.org/uk/a.html", false}},
		XDefault:   "https://example.org/en/a.html", EditionsLabel: "Інші мови", Style: template.CSS(style),
		Others: []other{{Alternate{"en", "https://example.org/en/a.html", true}, "англійська (оригінал)"}}}
	headAsTemplate(t, d)
	headAsTemplate(t, pageData{Lang: "en", Title: "t", OGLocale: "en", Style: template.CSS(style)})
	for _, s := range headCases {
		headAsTemplate(t, headOf(s, s, s, s, s, s))
	}
}

// headOf returns a page's data with text in every place of its head:
// the same text in its kind of place (text, attribute, URL) throughout.
func headOf(lang, title, desc, url, name, date string) pageData {
	return pageData{Lang: lang, Title: title, Description: desc, URL: url,
		OGLocale: lang, OGAlternates: []string{lang, name}, Published: date,
		Alternates: []Alternate{{lang, url, true}, {name, desc, false}},
		XDefault:   url, EditionsLabel: name, Style: template.CSS(title),
		Others: []other{{Alternate{lang, url, true}, name}, {Alternate{name, title, false}, title}}}
}

// FuzzHead holds writeHead to the template it replaced on any text in
// any of its places.
func FuzzHead(f *testing.F) {
	for _, s := range headCases {
		f.Add("uk", s, s, s, s, "2024-11-26")
	}
	f.Fuzz(func(t *testing.T, lang, title, desc, url, name, date string) {
		headAsTemplate(t, headOf(lang, title, desc, url, name, date))
		if strings.Contains(url, ":") {
			headAsTemplate(t, headOf(lang, title, desc, "/"+url, name, date))
		}
	})
}
