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
	// The separators between source lines, less the paragraph breaks of
	// a merged unit: a translation is one paragraph.
	var seps []string
	for k := 1; k < len(u.Parts); k++ {
		if !u.Joins[k-1] {
			seps = append(seps, string(d.Src[u.Parts[k-1].End:u.Parts[k].Start]))
		}
	}
	lines := strings.Split(t, "\n")
	for k, l := range lines {
		if k > 0 {
			switch {
			case k-1 < len(seps):
				b.WriteString(seps[k-1])
			case len(seps) > 0:
				b.WriteString(seps[len(seps)-1])
			default:
				b.WriteString(d.continuation(u))
			}
		}
		if k > 0 {
			l = strings.TrimLeft(l, " \t")
		}
		b.WriteString(l)
	}
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
	if bytes.Contains(d.Src, []byte("\r\n")) {
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
	var b bytes.Buffer
	b.Grow(len(d.Src) + len(d.Src)/2)
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
	return b.Bytes(), spans
}
