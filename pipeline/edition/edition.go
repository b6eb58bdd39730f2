// Package edition turns a localized Markdown article into a standalone HTML
// page, and keeps a translation from adding live markup that its source
// did not have.
package edition

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/l10n-dev/l10n/pipeline/inline"
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
	return string(SanitizeTree(d, source, d.Tree(target)).Src)
}

// SanitizeTree is Sanitize for a translation already parsed (see
// segment.Doc.Tree): it returns target itself where nothing is escaped,
// so that a caller that goes on to read the translation's plain text or
// links parses it once.
func SanitizeTree(d *segment.Doc, source string, target *inline.Tree) *inline.Tree {
	if !bytes.Contains(target.Src, []byte("<")) {
		return target
	}
	allowed := map[string]int{}
	for _, h := range rawHTML(d.Tree(source)) {
		allowed[h.text]++
	}
	var fix []int
	for _, h := range rawHTML(target) {
		if allowed[h.text] > 0 {
			allowed[h.text]--
			continue
		}
		fix = append(fix, h.at)
	}
	if len(fix) == 0 {
		return target
	}
	var b strings.Builder
	pos := 0
	for _, at := range fix {
		b.Write(target.Src[pos:at])
		b.WriteString("&lt;")
		pos = at + 1
	}
	b.Write(target.Src[pos:])
	return d.Tree(b.String())
}

// Reading is how a reader reads a unit's inline Markdown as plain text:
// markup dropped, entities and escapes resolved, a code span's content
// and an autolink's text kept, line breaks as spaces.
var Reading = inline.PlainOptions{Atoms: inline.ShowAtoms}

// PlainText returns the text a reader sees of a unit's inline Markdown
// (see Reading), parsed in the context of its article d.
func PlainText(d *segment.Doc, s string) string { return d.Tree(s).Plain(Reading) }

type htmlPiece struct {
	text string
	at   int // offset of its "<"
}

// rawHTML lists the inline raw HTML of a unit's text.
func rawHTML(t *inline.Tree) []htmlPiece {
	var out []htmlPiece
	for _, h := range inline.All[*ast.RawHTML](t.Root) {
		if r, ok := inline.Range(h, t.Src); ok {
			out = append(out, htmlPiece{inline.RawText(h, t.Src), r.Start})
		}
	}
	return out
}
