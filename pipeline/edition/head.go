package edition

import (
	"bytes"
	"strings"
)

// writeHead writes the top of an edition's page, from the doctype to the
// opening of its article: what the template "page" wrote of d, escaped
// as html/template escapes each of its places (TestHeadAsTemplate and
// FuzzHead hold the two to the same bytes, the template kept in the
// tests), without the template's reflection and allocations: build
// writes a page per edition, and the template took longer than goldmark
// to render the article. The index page, one per locale, keeps the
// template, whose "top" and "editions" this repeats.
func writeHead(b *bytes.Buffer, d *pageData) {
	// The template "top".
	b.WriteString("<!DOCTYPE html>\n<html lang=\"")
	writeEscaped(b, d.Lang)
	b.WriteString("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
	writeEscaped(b, d.Title)
	b.WriteString("</title>")
	// The rest of the head.
	if d.Description != "" {
		b.WriteString("\n<meta name=\"description\" content=\"")
		writeEscaped(b, d.Description)
		b.WriteString("\">")
	}
	if d.URL != "" {
		b.WriteString("\n<link rel=\"canonical\" href=\"")
		writeURL(b, d.URL)
		b.WriteString("\">")
	}
	for _, a := range d.Alternates {
		b.WriteString("\n<link rel=\"alternate\" hreflang=\"")
		writeEscaped(b, a.Locale)
		b.WriteString("\" href=\"")
		writeURL(b, a.Href)
		b.WriteString("\">")
	}
	if d.XDefault != "" {
		b.WriteString("\n<link rel=\"alternate\" hreflang=\"x-default\" href=\"")
		writeURL(b, d.XDefault)
		b.WriteString("\">")
	}
	b.WriteString("\n<meta property=\"og:type\" content=\"article\">\n<meta property=\"og:title\" content=\"")
	writeEscaped(b, d.Title)
	b.WriteString("\">")
	if d.Description != "" {
		b.WriteString("\n<meta property=\"og:description\" content=\"")
		writeEscaped(b, d.Description)
		b.WriteString("\">")
	}
	b.WriteString("\n<meta property=\"og:locale\" content=\"")
	writeEscaped(b, d.OGLocale)
	b.WriteString("\">")
	for _, l := range d.OGAlternates {
		b.WriteString("\n<meta property=\"og:locale:alternate\" content=\"")
		writeEscaped(b, l)
		b.WriteString("\">")
	}
	// A meta element's content is no URL attribute: escaped only.
	if d.URL != "" {
		b.WriteString("\n<meta property=\"og:url\" content=\"")
		writeEscaped(b, d.URL)
		b.WriteString("\">")
	}
	if d.Published != "" {
		b.WriteString("\n<meta property=\"article:published_time\" content=\"")
		writeEscaped(b, d.Published)
		b.WriteString("\">")
	}
	// A style sheet of type template.CSS goes in as it is.
	b.WriteString("\n<style>")
	b.WriteString(string(d.Style))
	b.WriteString("</style>\n</head>\n<body>")
	// The template "editions".
	if len(d.Others) > 0 {
		b.WriteString("\n<nav class=\"l10n-editions\" aria-label=\"")
		writeEscaped(b, d.EditionsLabel)
		b.WriteString("\">\n<span>")
		writeEscaped(b, d.EditionsLabel)
		b.WriteString(":</span>\n<ul>")
		for _, o := range d.Others {
			b.WriteString("\n<li><a href=\"")
			writeURL(b, o.Href)
			b.WriteString("\" hreflang=\"")
			writeEscaped(b, o.Locale)
			b.WriteString("\" rel=\"alternate\">")
			writeEscaped(b, o.Name)
			b.WriteString("</a></li>")
		}
		b.WriteString("\n</ul>\n</nav>")
	}
	b.WriteString("\n<article>\n")
}

// htmlEscapes are what html/template writes for a string's bytes in text,
// in RCDATA (a title) and in a quoted attribute's value: its
// htmlReplacementTable, which changes ASCII bytes only (invalid UTF-8 is
// left as it is), so that a string can be escaped byte by byte.
var htmlEscapes = [256]string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

// writeEscaped writes s as html/template's escaper writes a string in
// text or in a quoted attribute's value.
func writeEscaped(b *bytes.Buffer, s string) {
	done := 0
	for i := 0; i < len(s); i++ {
		if e := htmlEscapes[s[i]]; e != "" {
			b.WriteString(s[done:i])
			b.WriteString(e)
			done = i + 1
		}
	}
	b.WriteString(s[done:])
}

// writeURL writes a string as html/template writes it as the whole of a
// quoted URL attribute's value (href): "#ZgotmplZ" in place of a URL whose
// scheme is not http, https or mailto; then normalized (each byte but
// RFC 3986's unreserved and reserved ones, and "%" of a valid escape,
// percent-encoded with lower-case hex digits); then escaped (& and +).
func writeURL(b *bytes.Buffer, u string) {
	if !safeTemplateURL(u) {
		u = "#ZgotmplZ"
	}
	const hex = "0123456789abcdef"
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case c == '&':
			b.WriteString("&amp;")
		case c == '+':
			b.WriteString("&#43;")
		case urlKept[c] || c == '%' && i+2 < len(u) && isHexDigit(u[i+1]) && isHexDigit(u[i+2]):
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
}

// urlKept are the bytes html/template's URL normalizer keeps as they are:
// letters, digits and RFC 3986's unreserved and reserved characters but
// "'", "(" and ")".
var urlKept = func() (t [256]bool) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = true, true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for _, c := range []byte("!#$&*+,/:;=?@[]-._~") {
		t[c] = true
	}
	return t
}()

// isHexDigit reports whether c is a hexadecimal digit.
func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// safeTemplateURL reports whether html/template lets a URL through its
// filter: one without a scheme (no ":" before any "/"), or of scheme
// http, https or mailto as strings.EqualFold reads them.
func safeTemplateURL(u string) bool {
	scheme, _, ok := strings.Cut(u, ":")
	if !ok || strings.Contains(scheme, "/") {
		return true
	}
	return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
}
