// Package edition turns a localized Markdown article into a standalone HTML
// page, and keeps a translation from adding live markup that its source
// did not have.
package edition

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/l10n-dev/l10n/pipeline/segment"
)

// Sanitize returns a translation with the raw HTML that its source did not
// have escaped, so that nothing a translator types becomes live markup.
// source and target are a unit's source text and translation, parsed in
// the context of their article d.
func Sanitize(d *segment.Doc, source, target string) string {
	if !strings.Contains(target, "<") {
		return target
	}
	allowed := map[string]int{}
	for _, h := range rawHTML(d, source) {
		allowed[h.text]++
	}
	var fix []int
	for _, h := range rawHTML(d, target) {
		if allowed[h.text] > 0 {
			allowed[h.text]--
			continue
		}
		fix = append(fix, h.at...)
	}
	if len(fix) == 0 {
		return target
	}
	var b strings.Builder
	pos := 0
	for _, at := range fix {
		b.WriteString(target[pos:at])
		b.WriteString("&lt;")
		pos = at + 1
	}
	b.WriteString(target[pos:])
	return b.String()
}

// PlainText returns the text a reader sees of a unit's inline Markdown:
// markup dropped, entities and escapes resolved.
func PlainText(d *segment.Doc, s string) string {
	src := []byte(s)
	var b strings.Builder
	_ = ast.Walk(d.Inline(s), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			b.Write(util.UnescapePunctuations(util.ResolveNumericReferences(util.ResolveEntityNames(n.Segment.Value(src)))))
			if n.SoftLineBreak() || n.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(n.Value)
		case *ast.CodeSpan:
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					b.Write(t.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			b.Write(n.Label(src))
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

type htmlPiece struct {
	text string
	at   []int // offsets of its "<"
}

// rawHTML lists the inline raw HTML and HTML blocks of a unit's text.
func rawHTML(d *segment.Doc, s string) []htmlPiece {
	src := []byte(s)
	var out []htmlPiece
	_ = ast.Walk(d.Inline(s), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var segs *text.Segments
		switch n := n.(type) {
		case *ast.RawHTML:
			segs = n.Segments
		case *ast.HTMLBlock:
			l := n.Lines()
			segs = l
		default:
			return ast.WalkContinue, nil
		}
		if segs.Len() == 0 {
			return ast.WalkContinue, nil
		}
		var t strings.Builder
		for i := 0; i < segs.Len(); i++ {
			seg := segs.At(i)
			t.Write(seg.Value(src))
		}
		// Every "<" of the piece: an HTML block spans lines and tags.
		var at []int
		for i := 0; i < segs.Len(); i++ {
			seg := segs.At(i)
			for k := seg.Start; k < seg.Stop; k++ {
				if src[k] == '<' {
					at = append(at, k)
				}
			}
			if _, inline := n.(*ast.RawHTML); inline && len(at) > 0 {
				break
			}
		}
		if len(at) > 0 {
			out = append(out, htmlPiece{t.String(), at})
		}
		return ast.WalkSkipChildren, nil
	})
	return out
}
