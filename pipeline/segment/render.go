package segment

import (
	"bytes"
	"strings"
)

// Render puts texts (one per unit, in order) into the skeleton and returns
// the article. Where verbatim is set and a text equals its unit's source
// text, the unit's source bytes are copied unchanged, so that rendering the
// source language gives back the source byte for byte even where two
// paragraphs were merged into one unit. Otherwise each line of a text takes
// the place of one source line, between the source's own line prefixes;
// merged paragraphs become one.
func (d *Doc) Render(texts []string, verbatim bool) []byte {
	out, _ := d.RenderSpans(texts, verbatim)
	return out
}

// renderUnit writes text t in place of unit u.
func (d *Doc) renderUnit(b *bytes.Buffer, u *Unit, t string) {
	t = strings.TrimSpace(strings.ReplaceAll(t, "\r\n", "\n"))
	if u.FrontMatter() {
		if s := u.Parts[0].Start; s > 0 && (!isYAMLSpace(d.Src[s-1]) || d.Src[s-1] == '\n') {
			// "&0?0" is the anchor "0" on the value "?0": a value
			// written in another style needs a space after the anchor.
			// A value that starts its own line ("summary:\n>\n 0", a
			// block scalar's indicator in the first column) is indented
			// by one space: a quoted value there would be a new key.
			b.WriteByte(' ')
		}
		b.WriteString(encodeYAML(t, u.yamlStyle))
		return
	}
	if u.SingleLine {
		t = strings.Join(strings.Fields(strings.ReplaceAll(t, "\n", " ")), " ")
		if u.Kind == Cell {
			t = escapePipes(t)
		}
		b.WriteString(t)
		return
	}
	seps := d.separators(u)
	lines := strings.Split(t, "\n")
	for k, l := range lines {
		if k > 0 {
			if sep, ok := lineSeparator(seps, k); ok {
				b.WriteString(string(d.Src[sep.Start:sep.End]))
			} else {
				b.WriteString(d.continuation(u))
			}
		}
		if k > 0 {
			l = strings.TrimLeft(l, " \t")
		}
		b.WriteString(l)
	}
}

// separators returns the spans between a unit's source lines, less the
// paragraph breaks of a merged unit: a translation is one paragraph.
func (d *Doc) separators(u *Unit) []Span {
	var seps []Span
	for k := 1; k < len(u.Parts); k++ {
		if !u.Joins[k-1] {
			seps = append(seps, Span{u.Parts[k-1].End, u.Parts[k].Start})
		}
	}
	return seps
}

// lineSeparator returns the separator that goes before line k (k ≥ 1) of
// a translation: the source's k-th, or its last for lines the source
// does not have; none when the source has one line.
func lineSeparator(seps []Span, k int) (Span, bool) {
	switch {
	case k-1 < len(seps):
		return seps[k-1], true
	case len(seps) > 0:
		return seps[len(seps)-1], true
	}
	return Span{}, false
}

// Frame returns a text of unit i (its source or a translation) as the
// unit's block reads it on its own: the first line starts a line, and
// each further line is indented by four spaces where the line of the
// article it takes the place of is indented four or more columns beyond
// the unit's first line — there it continues the paragraph whatever it
// starts with, as in the article — and not indented where it could start
// a block (a list, a heading, a quote). Parsed as Markdown, a frame shows
// the blocks that a translation's lines would start in the article.
// Units on one line (ATX headings, table cells, definition terms,
// front-matter fields) are returned as they are.
func (d *Doc) Frame(i int, text string) string {
	u := &d.Units[i]
	if u.SingleLine || u.FrontMatter() {
		return text
	}
	seps := d.separators(u)
	first := d.column(u.Parts[0].Start)
	lines := strings.Split(text, "\n")
	for k := 1; k < len(lines); k++ {
		lines[k] = strings.TrimLeft(lines[k], " \t")
		if sep, ok := lineSeparator(seps, k); ok && d.column(sep.End)-first >= 4 {
			lines[k] = "    " + lines[k]
		}
	}
	if d.continues(u) {
		// Its first line continues a paragraph that link reference
		// definitions began ("[a]: /u\n      # text"), too deep to start
		// a block: a line of text before it, and the depth, say so.
		return "x\n    " + strings.Join(lines, "\n")
	}
	return strings.Join(lines, "\n")
}

// continues reports whether paragraph unit u's first line continues a
// paragraph that began on the line before it, which goldmark read as
// link reference definitions: that line is not blank and u's first
// line is indented four columns or more beyond it, which no line that
// starts a paragraph is.
func (d *Doc) continues(u *Unit) bool {
	start := u.Parts[0].Start
	if u.Kind != Paragraph {
		return false
	}
	ls := bytes.LastIndexByte(d.Src[:start], '\n') + 1
	if ls <= d.Body {
		return false
	}
	pls := bytes.LastIndexByte(d.Src[:ls-1], '\n') + 1
	if pls < d.Body {
		pls = d.Body
	}
	prev := bytes.TrimRight(d.Src[pls:ls-1], "\r")
	text := bytes.IndexFunc(prev, func(r rune) bool { return r != ' ' && r != '\t' && r != '>' })
	return text >= 0 && d.column(start)-d.column(pls+text) >= 4
}

// column returns the column of a source offset in its line, with tabs to
// the next multiple of four.
func (d *Doc) column(off int) int {
	ls := bytes.LastIndexByte(d.Src[:off], '\n') + 1
	if ls < d.Body {
		ls = d.Body
	}
	col := 0
	for _, c := range string(d.Src[ls:off]) {
		if c == '\t' {
			col += 4 - col%4
		} else {
			col++
		}
	}
	return col
}

// continuation returns a line break followed by the prefix that continues
// a paragraph inside the unit's containers: block-quote markers are kept,
// list markers become spaces.
func (d *Doc) continuation(u *Unit) string {
	start := u.Parts[0].Start
	ls := bytes.LastIndexByte(d.Src[:start], '\n') + 1
	if ls < d.Body {
		ls = d.Body
	}
	prefix := []byte(string(d.Src[ls:start]))
	for i, c := range prefix {
		if c != '>' && c != ' ' && c != '\t' {
			prefix[i] = ' '
		}
	}
	nl := "\n"
	if d.crlf {
		nl = "\r\n"
	}
	return nl + string(prefix)
}

// escapePipes escapes the '|' that would end a table cell.
func escapePipes(t string) string {
	if !strings.Contains(t, "|") {
		return t
	}
	var b strings.Builder
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case '\\':
			b.WriteByte('\\')
			if i+1 < len(t) {
				i++
				b.WriteByte(t[i])
			}
			continue
		case '|':
			b.WriteByte('\\')
		}
		b.WriteByte(t[i])
	}
	return b.String()
}

// RenderSpans is Render that also returns where each unit's text landed
// in the output.
func (d *Doc) RenderSpans(texts []string, verbatim bool) ([]byte, []Span) {
	// The size of the result: the source with each unit's text in place
	// of its own, and room for the prefixes of lines in containers.
	n := len(d.Src)
	for i := range d.Units {
		sp := d.Units[i].Span()
		n += len(texts[i]) - (sp.End - sp.Start)
	}
	var b bytes.Buffer
	b.Grow(n + n/8 + 64)
	spans := make([]Span, len(d.Units))
	pos := 0
	for i := range d.Units {
		u := &d.Units[i]
		sp := u.Span()
		b.Write(d.Src[pos:sp.Start])
		pos = sp.End
		start := b.Len()
		if t := texts[i]; verbatim && t == u.Text {
			b.Write(d.Src[sp.Start:sp.End])
		} else {
			d.renderUnit(&b, u, t)
		}
		spans[i] = Span{start, b.Len()}
	}
	b.Write(d.Src[pos:])
	out := b.Bytes()
	if d.FrontMatter == (Span{}) && readsAsFrontMatter(out, d.Body) {
		// The article's first line, "---", is a thematic break; with
		// these texts the lines up to a later "---" hold YAML, and the
		// article would read as front matter (to l10n and to Hugo):
		// "***" is the same break, of the same length.
		copy(out[d.Body:], "***")
	}
	return out, spans
}

// readsAsFrontMatter reports whether an article whose body starts at
// body (after a BOM) starts with front matter.
func readsAsFrontMatter(src []byte, body int) bool {
	if !bytes.HasPrefix(src[body:], []byte("---")) {
		return false
	}
	t := &Doc{Src: src, Body: body}
	_ = t.frontMatter()
	return t.FrontMatter != (Span{})
}
