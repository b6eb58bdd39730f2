package edition

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

// sanitizeFragment is the second line of defence over translated text: it
// returns the HTML fragment s with only the markup that l10n's renderer
// writes for inline Markdown (links, images, emphasis, strong,
// strikethrough, code spans, hard line breaks), with URLs of the allowed
// schemes (Schemes) or relative ones. The source's raw HTML in a
// translation does not go through it (judge swaps it for placeholders).
//
// It keeps:
//   - em, strong, del, code and br, without their attributes;
//   - a with its href and title, img with its src, alt and title; an a or
//     img left with no attribute is dropped (and, for a start tag, the next
//     end tag of its name if no other such tag comes between, see
//     fragmentSanitizer.unattributed);
//   - href and src values that net/url parses once trimmed of white space,
//     that then hold no space, tab or line feed, and whose scheme is one of
//     Schemes or that are relative and not empty; the value written is the
//     parsed URL's String;
//   - text, escaped again.
//
// It drops every other tag and keeps its text, except for script and
// style, whose text it drops, and the elements that hold no text a reader
// sees (see hidesContent), whose content it drops up to their end tag.
// Comments and doctypes go.
//
// This is the policy that l10n built with bluemonday v1.0.27 (NewPolicy;
// AllowElements em, strong, del, code, br; href and title on a; src, alt
// and title on img; AllowURLSchemes(Schemes...); AllowRelativeURLs;
// RequireParseableURLs), rebuilt here to spare every l10n process its
// package initialisation: it reads the same tokens from the same tokenizer
// and keeps the same of them, quirks included (an end tag of a hiding
// element without a start tag makes the next one hide the rest of the
// fragment, as bluemonday's counter does), and writes them as bluemonday
// does (html.Token's String). TestSanitizeFragment and FuzzSanitize hold
// it to bluemonday.
func sanitizeFragment(s string) string {
	if strings.TrimSpace(s) == "" {
		return s
	}
	var z fragmentSanitizer
	z.run(s)
	return z.out.String()
}

// fragmentSanitizer is the state of sanitizeFragment over one fragment.
type fragmentSanitizer struct {
	out strings.Builder

	// hiding is set while the content of an element that hidesContent is
	// being dropped; depth counts the start tags of such elements less
	// their end tags. An end tag that brings depth to 0 ends hiding; a
	// start tag always starts it, even one that brings depth from -1 to 0.
	hiding bool
	depth  int

	// unattributed holds the names of the a and img start tags dropped for
	// want of an allowed attribute, most recent last. An end tag with the
	// last one's name is dropped and takes it off.
	unattributed []string

	// opened is the name of the last start tag, until an end tag of the
	// same name: the text that follows a script or style start tag is
	// script or style.
	opened string
}

// run sanitizes s into z.out.
func (z *fragmentSanitizer) run(s string) {
	t := html.NewTokenizer(strings.NewReader(s))
	for {
		switch t.Next() {
		case html.ErrorToken:
			// The end of s: a strings.Reader has no other error and the
			// tokenizer has no buffer limit.
			return
		case html.TextToken:
			if !z.hiding && z.opened != "script" && z.opened != "style" {
				z.out.WriteString(html.EscapeString(string(t.Text())))
			}
		case html.StartTagToken:
			z.start(t.Token(), false)
		case html.SelfClosingTagToken:
			z.start(t.Token(), true)
		case html.EndTagToken:
			name, _ := t.TagName()
			z.end(string(name))
		}
		// Comments and doctypes are dropped.
	}
}

// start handles a start tag, or a self-closing one (which is no opening
// of an element here: it neither sets opened nor starts hiding nor waits
// for an end tag).
func (z *fragmentSanitizer) start(tok html.Token, selfClosing bool) {
	if !selfClosing {
		z.opened = tok.Data
	}
	if tok.Data == "script" || tok.Data == "style" {
		return
	}
	switch tok.Data {
	case "em", "strong", "del", "code", "br":
		tok.Attr = nil
	case "a", "img":
		tok.Attr = allowedAttrs(tok.Data, tok.Attr)
		if len(tok.Attr) == 0 {
			if !selfClosing {
				z.unattributed = append(z.unattributed, tok.Data)
			}
			return
		}
	default:
		if !selfClosing && hidesContent(tok.Data) {
			z.hiding = true
			z.depth++
		}
		return
	}
	if !z.hiding {
		z.out.WriteString(tok.String())
	}
}

// end handles an end tag.
func (z *fragmentSanitizer) end(name string) {
	if z.opened == name {
		z.opened = ""
	}
	if name == "script" || name == "style" {
		return
	}
	if n := len(z.unattributed); n > 0 && z.unattributed[n-1] == name {
		z.unattributed = z.unattributed[:n-1]
		return
	}
	switch name {
	case "em", "strong", "del", "code", "br", "a", "img":
		if !z.hiding {
			z.out.WriteString("</" + name + ">")
		}
		return
	}
	if hidesContent(name) {
		z.depth--
		if z.depth == 0 {
			z.hiding = false
		}
	}
}

// hidesContent reports whether sanitizeFragment drops the content of an
// element as well as its tags (bluemonday's default set but script and
// style, which it treats its own way): content that a reader would not
// see as text.
func hidesContent(name string) bool {
	switch name {
	case "frame", "frameset", "iframe", "noembed", "noframes", "noscript", "nostyle", "object", "title":
		return true
	}
	return false
}

// allowedAttrs returns the attributes of an a or img element that
// sanitizeFragment keeps, in their order, href and src as safeURL
// writes them.
func allowedAttrs(elem string, attrs []html.Attribute) []html.Attribute {
	var kept []html.Attribute
	for _, a := range attrs {
		switch {
		case a.Key == "title", elem == "img" && a.Key == "alt":
		case elem == "a" && a.Key == "href", elem == "img" && a.Key == "src":
			u, ok := safeURL(a.Val)
			if !ok {
				continue
			}
			a.Val = u
		default:
			continue
		}
		kept = append(kept, a)
	}
	return kept
}

// safeURL returns the URL v as sanitizeFragment writes it into an href
// or src attribute, and false if it drops it: v, trimmed of white space,
// must hold no space, tab or line feed, must parse, and must have one of
// Schemes or be relative and not empty once parsed ("#" is nothing).
// net/url refuses every other ASCII control character, and "data:" URLs,
// which alone may hold white space in bluemonday, have a scheme Schemes
// lacks.
func safeURL(v string) (string, bool) {
	v = strings.TrimSpace(v)
	if strings.ContainsAny(v, " \t\n") {
		return "", false
	}
	u, err := url.Parse(v)
	if err != nil {
		return "", false
	}
	if u.Scheme == "" {
		s := u.String()
		return s, s != ""
	}
	if allowedScheme(u.Scheme) { // net/url lowers the scheme
		return u.String(), true
	}
	return "", false
}
