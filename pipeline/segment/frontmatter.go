package segment

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// frontMatterFields are the front-matter keys whose values are units.
var frontMatterFields = map[string]Kind{"title": Title, "summary": Summary, "description": Description}

// frontMatter finds YAML front matter ("---" on the first line, closed by
// "---" or "...") and records its translatable fields as units. Text that
// only looks like front matter (it does not hold a YAML mapping) is left
// to the Markdown parser: "---" is also a thematic break.
func (d *Doc) frontMatter() error {
	src := d.Src
	start := d.Body
	first, rest, ok := cutLine(src[start:])
	if !ok || strings.TrimRight(string(first), " \t\r") != "---" {
		return nil
	}
	yamlStart := start + len(src[start:]) - len(rest)
	pos := yamlStart
	for pos < len(src) {
		line, next, _ := cutLine(src[pos:])
		t := strings.TrimRight(string(line), " \t\r")
		if t == "---" || t == "..." {
			var root yaml.Node
			if err := yaml.Unmarshal(src[yamlStart:pos], &root); err != nil || len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
				return nil
			}
			d.FrontMatter = Span{yamlStart, pos}
			d.Body = len(src) - len(next)
			d.frontMatterUnits(root.Content[0])
			return nil
		}
		if len(next) == 0 && pos+len(line) == len(src) {
			break
		}
		pos = len(src) - len(next)
	}
	return nil
}

// cutLine splits b after its first line; the line excludes the "\n".
func cutLine(b []byte) (line, rest []byte, found bool) {
	i := bytes.IndexByte(b, '\n')
	if i < 0 {
		return b, nil, false
	}
	return b[:i], b[i+1:], true
}

// lineOffsets returns the byte offset of each line of the front matter:
// the offset of 1-based line n is at index n-1, as yaml.v3's line numbers
// count lines (an article with a lone "\r", where YAML breaks a line too,
// is refused: loneCR).
func (d *Doc) lineOffsets() []int {
	offs := []int{d.FrontMatter.Start}
	src := d.Src[:d.FrontMatter.End]
	for off := d.FrontMatter.Start; off < len(src); off++ {
		if src[off] == '\n' {
			offs = append(offs, off+1)
		}
	}
	return offs
}

func (d *Doc) frontMatterUnits(m *yaml.Node) {
	offs := d.lineOffsets()
	lineOffset := func(line int) int {
		switch {
		case line < 1:
			return offs[0]
		case line > len(offs):
			return d.FrontMatter.End
		}
		return offs[line-1]
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		kind, ok := frontMatterFields[k.Value]
		if !ok || v.Kind != yaml.ScalarNode || v.Tag != "!!str" || strings.TrimSpace(v.Value) == "" {
			continue
		}
		start := lineOffset(v.Line) + runeColumnOffset(d.Src[lineOffset(v.Line):], v.Column)
		// The value's anchor ("&a", which an alias elsewhere may name)
		// and tag are skeleton.
		start = skipProperties(d.Src, start, d.FrontMatter.End)
		// The value ends where the next key starts, less trailing blank
		// and comment lines.
		end := d.FrontMatter.End
		if i+2 < len(m.Content) {
			end = lineOffset(m.Content[i+2].Line)
		}
		style := byte(0)
		switch {
		case v.Style&yaml.SingleQuotedStyle != 0:
			style = '\''
		case v.Style&yaml.DoubleQuotedStyle != 0:
			style = '"'
		case v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
			style = '|'
		}
		if end < start {
			continue // positions yaml.v3 and the bytes disagree on: left as skeleton
		}
		end = valueEnd(d.Src, start, end, style)
		if bytes.IndexByte(d.Src[start:end], '\n') >= 0 && style == 0 {
			style = '|'
		}
		d.Units = append(d.Units, Unit{
			Kind: kind, Text: v.Value, Parts: []Span{{start, end}},
			SingleLine: true, yamlStyle: style,
		})
	}
}

// skipProperties returns the offset after the anchor and tag, if any,
// that start a YAML node at src[start:], and the white space after them.
func skipProperties(src []byte, start, end int) int {
	for start < end {
		switch src[start] {
		case '&':
			// An anchor's name is letters, digits, '-' and '_', as
			// yaml.v3 scans it: "&0?0" is the anchor "0" on "?0".
			start++
			for start < end && isAnchorByte(src[start]) {
				start++
			}
		case '!':
			for start < end && !isYAMLSpace(src[start]) {
				start++
			}
		default:
			return start
		}
		for start < end && isYAMLSpace(src[start]) {
			start++
		}
	}
	return start
}

func isAnchorByte(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '-' || c == '_'
}

func isYAMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// runeColumnOffset converts yaml.v3's 1-based column (in runes) into a byte
// offset within line.
func runeColumnOffset(line []byte, col int) int {
	off := 0
	for c := 1; c < col && off < len(line); c++ {
		_, n := utf8.DecodeRune(line[off:])
		off += n
	}
	return off
}

// valueEnd trims a scalar's span: trailing blank lines, comment lines and
// (for a one-line plain or quoted scalar) a trailing comment.
func valueEnd(src []byte, start, end int, style byte) int {
	lines := strings.SplitAfter(string(src[start:end]), "\n")
	keep := 0
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if i == 0 || (t != "" && !strings.HasPrefix(t, "#")) {
			keep = i + 1
		}
	}
	v := strings.Join(lines[:keep], "")
	if keep == 1 {
		v = strings.TrimRight(v, "\r\n")
		switch style {
		case '"', '\'':
			v = v[:closingQuote(v, style)+1]
		case 0:
			if i := strings.Index(v, " #"); i >= 0 {
				v = v[:i]
			}
		}
	}
	v = strings.TrimRight(v, " \t\r\n")
	return start + len(v)
}

// closingQuote returns the index of the quote that closes a quoted scalar
// starting at v[0].
func closingQuote(v string, q byte) int {
	for i := 1; i < len(v); i++ {
		switch {
		case q == '"' && v[i] == '\\':
			i++
		case q == '\'' && v[i] == '\'' && i+1 < len(v) && v[i+1] == '\'':
			i++
		case v[i] == q:
			return i
		}
	}
	return len(v) - 1
}

// encodeYAML writes s as a YAML scalar in the given style, for a value
// that follows "key: " on one line.
func encodeYAML(s string, style byte) string {
	switch style {
	case '\'':
		if strings.IndexFunc(s, needsEscape) < 0 {
			return "'" + strings.ReplaceAll(s, "'", "''") + "'"
		}
	case 0:
		// Plain where it reads back as this string, as frontMatterUnits
		// reads a field ("<<" is a merge key, not a string).
		var n yaml.Node
		if strings.IndexFunc(s, needsEscape) < 0 && yaml.Unmarshal([]byte("k: "+s), &n) == nil &&
			len(n.Content) == 1 && len(n.Content[0].Content) == 2 {
			if v := n.Content[0].Content[1]; v.Kind == yaml.ScalarNode && v.Tag == "!!str" && v.Value == s {
				return s
			}
		}
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if needsEscape(r) {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// needsEscape reports whether a YAML scalar can hold r only as an escape
// in double quotes: a character outside YAML's printable set (C0 and C1
// controls, DEL, U+FEFF, U+FFFE, U+FFFF), or a line break (which single
// quotes and plain scalars fold into a space).
func needsEscape(r rune) bool {
	switch {
	case r == '\n' || r == '\r' || r == 0x85 || r == 0x2028 || r == 0x2029:
		return true
	case r == '\t':
		return false
	case r < 0x20 || 0x7f <= r && r < 0xa0 || r == 0xfeff || r == 0xfffe || r == 0xffff:
		return true
	}
	return false
}
