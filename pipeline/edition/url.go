package edition

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"

	"github.com/l10n-dev/l10n/pipeline/inline"
	"github.com/l10n-dev/l10n/pipeline/segment"
)

// Schemes are the URL schemes a translation may link to; relative URLs
// and fragments are allowed too. Any other scheme (javascript:, data:,
// vbscript:, file: …) is kept only where the source has the same URL.
var Schemes = []string{"http", "https", "mailto", "tel"}

// Href returns the URL of a link, autolink or image node of Markdown src as
// the browser's URL parser gets it: what goldmark writes into the href or
// src attribute (entity references and backslash escapes resolved, then
// percent-encoded; mailto: added to an e-mail autolink), which the HTML
// parser reads back verbatim, cleaned as the URL parser first cleans it
// (see UnsafeScheme). Two URLs a browser reads alike have the same Href.
// ok is false for other nodes.
func Href(n ast.Node, src []byte) (u string, ok bool) {
	t, ok := inline.TargetOf(n, src)
	if !ok {
		return "", false
	}
	return targetHref(t), true
}

// targetHref is the Href of a link, autolink or image that points at t.
func targetHref(t inline.Target) string {
	if !t.Auto {
		return destination([]byte(t.Dest))
	}
	v := util.URLEscape([]byte(t.Dest), false)
	if t.Email && !bytes.HasPrefix(bytes.ToLower(v), []byte("mailto:")) {
		v = append([]byte("mailto:"), v...)
	}
	return browserURL(string(v))
}

// destination returns the Href of a link or image destination as the
// Markdown has it.
func destination(d []byte) string {
	return browserURL(string(util.URLEscape(d, true)))
}

// UnsafeScheme returns the scheme of the URL u, in lower case, when it is
// not one of Schemes, and "" when it is or when u is relative. The scheme
// is the one the WHATWG URL parser finds, which first removes leading and
// trailing C0 controls and spaces and every tab, line feed and carriage
// return: "\tJava\nScript:" is a javascript: URL.
func UnsafeScheme(u string) string {
	s := scheme(browserURL(u))
	if allowedScheme(s) {
		return ""
	}
	return s
}

// allowedScheme reports whether s, a scheme in lower case, is one of
// Schemes.
func allowedScheme(s string) bool { return slices.Contains(Schemes, s) }

// browserURL returns u as the WHATWG URL parser reads it before it looks
// for a scheme: without leading and trailing C0 controls and spaces, and
// without ASCII tabs and newlines anywhere.
func browserURL(u string) string {
	u = strings.TrimFunc(u, func(r rune) bool { return r <= ' ' })
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, u)
}

// scheme returns the lower-cased scheme of a URL that browserURL has
// cleaned: an ASCII letter, then letters, digits, "+", "-" or ".", up to a
// colon; "" when there is none (a relative URL).
func scheme(u string) string {
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return strings.ToLower(u[:i])
		default:
			return ""
		}
	}
	return ""
}

// SourceURLs returns the URLs of an article's Markdown body, as the browser
// reads them (Href): its links, autolinks and images, and its link
// reference definitions, as segment read them. A dangerous URL that is
// among them passes unchanged into a translated edition
// (Page.SourceURLs).
func SourceURLs(d *segment.Doc) map[string]bool {
	out := make(map[string]bool, len(d.Targets)+len(d.Refs))
	for _, t := range d.Targets {
		out[targetHref(t)] = true
	}
	for _, r := range d.Refs {
		out[destination(r.Destination())] = true
	}
	return out
}

// neutralize applies the URL policy to the links, autolinks and images of
// a page's Markdown: a URL with a scheme outside Schemes that the source
// does not have becomes "#" (an image is dropped, its alt text stays).
// Each is reported with the unit it is in.
func neutralize(root ast.Node, src []byte, p Page) {
	type fix struct {
		n      ast.Node
		scheme string
	}
	var fixes []fix
	for _, l := range inline.Links(root, src) {
		if webLink(l.Dest) {
			continue // most links: no Href to make
		}
		u, _ := Href(l.Node, src)
		if s := UnsafeScheme(u); s != "" && !p.SourceURLs[u] {
			fixes = append(fixes, fix{l.Node, s})
		}
	}
	for _, f := range fixes {
		at := blockStart(f.n)
		what, done := "link", "replaced by #"
		switch n := f.n.(type) {
		case *ast.Link:
			what = fmt.Sprintf("link to %q", n.Destination)
			n.Destination = []byte("#")
		case *ast.AutoLink:
			what = fmt.Sprintf("autolink %q", n.URL(src))
			link := ast.NewLink()
			link.Destination = []byte("#")
			label := ast.NewString(n.Label(src))
			label.SetRaw(true) // shown as typed, like an autolink's text
			link.AppendChild(link, label)
			n.Parent().ReplaceChild(n.Parent(), n, link)
		case *ast.Image:
			what, done = fmt.Sprintf("image %q", n.Destination), "image dropped, its text kept"
			parent := n.Parent()
			for c := n.FirstChild(); c != nil; {
				next := c.NextSibling()
				n.RemoveChild(n, c)
				parent.InsertBefore(parent, n, c)
				c = next
			}
			parent.RemoveChild(parent, n)
		}
		p.warn(at, fmt.Sprintf("unsafe URL scheme %q in %s: %s", f.scheme, what, done))
	}
}

// webLink reports whether a link, image or autolink whose destination is
// dest (inline.Link.Dest) is one of http or https, which the URL policy
// lets through: its Href, which escapes and cleans it, keeps the scheme
// as it is written, in lower case (FuzzWebLink).
func webLink(dest string) bool {
	return strings.HasPrefix(dest, "https:") || strings.HasPrefix(dest, "http:")
}

// blockStart returns the offset in the page's Markdown of the first line
// of the block a node is in, or -1.
func blockStart(n ast.Node) int {
	for ; n != nil; n = n.Parent() {
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return n.Lines().At(0).Start
		}
	}
	return -1
}

// unitAt returns the unit whose text holds the offset at of the page's
// Markdown, or nil.
func (p Page) unitAt(at int) *Unit {
	i := sort.Search(len(p.Units), func(i int) bool { return p.Units[i].Span.End > at })
	if i < len(p.Units) && p.Units[i].Span.Start <= at {
		return &p.Units[i]
	}
	return nil
}

// warn reports a change to the unit at offset at, if the page has a Warn.
func (p Page) warn(at int, msg string) {
	if p.Warn == nil {
		return
	}
	id := ""
	if u := p.unitAt(at); u != nil {
		id = u.ID
	}
	p.Warn(id, msg)
}
