// Package pseudo pseudo-translates units: letters get accents, text grows
// by about 30% and each unit is bracketed ⟦…⟧, while inline Markdown, link
// and image destinations, code spans, autolinks, entities, backslash
// escapes and raw HTML stay exactly as they were. A pseudo-locale edition
// shows at a glance what a template truncates, what text escaped
// translation and what an encoding breaks.
package pseudo

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"github.com/l10n-dev/l10n/pipeline/segment"
)

// Locale is the default pseudo-locale.
const Locale = "en-XA"

// Open and Close bracket each pseudo-translated unit.
const (
	Open  = "⟦"
	Close = "⟧"
)

// accents maps ASCII letters to accented look-alikes.
func accent(r rune) rune {
	const from = "abcdeghiklnorstuwyzABCDEGHIKLNORSTUWYZ"
	const to = "áƀçđéğĥíķłñöŕšţüŵýžÅƁÇĐÉĞĤÎĶŁÑÖŘŠŢÜŴÝŽ"
	if i := strings.IndexRune(from, r); i >= 0 {
		return []rune(to)[i]
	}
	return r
}

func isVowel(r rune) bool { return strings.ContainsRune("aeiouyAEIOUY", r) }

// Plain pseudo-translates plain text (a front-matter field).
func Plain(s string) string {
	return Open + expand(s) + Close
}

// expand accents the letters of s and doubles its vowels, leaving
// backslash escapes and entity references alone.
func expand(s string) string {
	var b strings.Builder
	b.Grow(len(s) * 2)
	for i := 0; i < len(s); {
		if s[i] == '\\' && i+1 < len(s) {
			_, n := utf8.DecodeRuneInString(s[i+1:])
			b.WriteString(s[i : i+1+n])
			i += 1 + n
			continue
		}
		if s[i] == '&' {
			if n := entityLen(s[i:]); n > 0 {
				b.WriteString(s[i : i+n])
				i += n
				continue
			}
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		b.WriteRune(accent(r))
		if isVowel(r) {
			b.WriteRune(accent(r))
		}
		i += n
	}
	return b.String()
}

// entityLen returns the length of an entity or numeric character
// reference at the start of s, or 0.
func entityLen(s string) int {
	for i := 1; i < len(s) && i < 40; i++ {
		c := s[i]
		switch {
		case c == ';':
			if i > 1 {
				return i + 1
			}
			return 0
		case c == '#' && i == 1,
			'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		default:
			return 0
		}
	}
	return 0
}

// Unit pseudo-translates unit i of an article.
func Unit(d *segment.Doc, i int) string {
	u := &d.Units[i]
	if u.FrontMatter() {
		return Plain(u.Text)
	}
	return Markdown(d, u.Text)
}

// Markdown pseudo-translates inline Markdown of an article.
func Markdown(d *segment.Doc, src string) string {
	spans := TextSpans(d, src)
	var b strings.Builder
	b.WriteString(Open)
	pos := 0
	for _, sp := range spans {
		b.WriteString(src[pos:sp.Start])
		b.WriteString(expand(src[sp.Start:sp.End]))
		pos = sp.End
	}
	// The closing bracket ends the unit, unless raw HTML follows the
	// last prose: then it stays with the prose, not inside or after
	// markup it could unbalance.
	if rest := src[pos:]; strings.Contains(rest, "<") {
		b.WriteString(Close)
		b.WriteString(rest)
	} else {
		b.WriteString(rest)
		b.WriteString(Close)
	}
	return b.String()
}

// TextSpans returns the byte ranges of src that hold prose: the Text
// nodes of its inline Markdown outside code spans, autolinks and raw HTML,
// and outside link texts that are also reference labels ("[foo]",
// "[foo][]"), which must not change.
func TextSpans(d *segment.Doc, src string) []segment.Span {
	b := []byte(src)
	root := d.Inline(src)
	var out []segment.Span
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan, *ast.AutoLink, *ast.RawHTML, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		case *ast.Link, *ast.Image:
			if isLabel(n, b) {
				return ast.WalkSkipChildren, nil
			}
		case *ast.Text:
			s := n.Segment
			if s.Stop > s.Start {
				out = append(out, segment.Span{Start: s.Start, End: s.Stop})
			}
		}
		return ast.WalkContinue, nil
	})
	return out
}

// isLabel reports whether a link's text doubles as its reference label:
// the text is followed by "]" and then neither "(" nor a "[label]".
func isLabel(n ast.Node, src []byte) bool {
	end := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			if t, ok := c.(*ast.Text); ok {
				end = t.Segment.Stop
			}
			if c.Kind() == ast.KindCodeSpan || c.Kind() == ast.KindRawHTML {
				// Their bytes are not Text segments; the next
				// Text (if any) moves end on.
				return ast.WalkSkipChildren, nil
			}
		}
		return ast.WalkContinue, nil
	})
	if end < 0 {
		return true
	}
	i := end
	for i < len(src) && src[i] != ']' {
		i++
	}
	if i >= len(src) {
		return true
	}
	i++
	if i < len(src) && src[i] == '(' {
		// An inline link, unless the parentheses do not hold its
		// destination: "[foo](not a link)" is a shortcut reference
		// followed by text.
		dest := destination(n)
		j := bytes.IndexByte(src[i:], ')')
		return j >= 0 && !bytes.Contains(src[i:i+j], dest)
	}
	if i+1 < len(src) && src[i] == '[' && src[i+1] != ']' {
		return false
	}
	return true
}

func destination(n ast.Node) []byte {
	switch n := n.(type) {
	case *ast.Link:
		return n.Destination
	case *ast.Image:
		return n.Destination
	}
	return nil
}
