package inline

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	goldtext "github.com/yuin/goldmark/text"
)

// plainSyntax are the bytes that may start inline syntax in a text, or
// change how goldmark reads its lines: escapes, entities, code spans,
// emphasis, strikethrough, links and images, autolinks and raw HTML,
// shortcodes, e-mail addresses (linkify).
const plainSyntax = "\\&`*_~[]!<>{}@"

// plainTree returns the tree of a plain text — one with no inline syntax
// at all — as goldmark reads it, without goldmark: most units of news
// prose are plain, and goldmark's parse (a context, a block reader, the
// inline parsers tried at every space) is most of the time a check
// spends on them. It returns nil for any other text, which goldmark
// reads.
//
// A plain text is one paragraph: lines that are not blank, with no space
// before or after them (indentation, hard line breaks), no control
// character but the line feed, no byte of plainSyntax or of a project
// placeable's triggers, and no start of a bare link (www., http:,
// https:, ftp:). goldmark reads each of its lines into at most two Text
// nodes: it tries its inline parsers at every space and "(" (linkify's
// triggers) past the line's first byte, each time adding the text
// before to the previous Text, and ends the line with a Text from the
// last of them; the line's last Text has the soft line break. The
// project's placeable patterns are found in it by the same transformer
// as goldmark's parse runs. TestPlainTree and FuzzPlainTree check the
// claim against goldmark.
func (s *Syntax) plainTree(text string) *Tree {
	if !s.isPlain(text) {
		return nil
	}
	src := []byte(text)
	doc, para := paragraph(text)
	for start := 0; start < len(src); {
		end, next := len(src), len(src)
		if i := strings.IndexByte(text[start:], '\n'); i >= 0 {
			end, next = start+i, start+i+1
		}
		last := ast.NewTextSegment(goldtext.NewSegment(start, end))
		if cut := strings.LastIndexAny(text[start+1:end], " ("); cut >= 0 {
			cut += start + 1
			para.AppendChild(para, ast.NewTextSegment(goldtext.NewSegment(start, cut)))
			last = ast.NewTextSegment(goldtext.NewSegment(cut, end))
		}
		last.SetSoftLineBreak(next > end)
		para.AppendChild(para, last)
		start = next
	}
	t := &Tree{Src: src, Root: doc, text: text}
	if len(s.ph.patterns) > 0 {
		s.ph.Transform(doc, goldtext.NewReader(src), nil)
		for c := para.FirstChild(); c != nil; c = c.NextSibling() {
			if _, ok := c.(*ast.Text); !ok {
				t.text = "" // a placeable: an atom
			}
		}
	}
	return t
}

// paragraph returns the document goldmark's paragraph parser makes of a
// text of one paragraph (see shaped), its lines set and no inline
// content yet.
func paragraph(text string) (*ast.Document, *ast.Paragraph) {
	doc := ast.NewDocument()
	para := ast.NewParagraph()
	para.SetPos(0)
	para.SetBlankPreviousLines(true)
	doc.AppendChild(doc, para)
	for start := 0; start < len(text); {
		next := len(text)
		if i := strings.IndexByte(text[start:], '\n'); i >= 0 {
			next = start + i + 1
		}
		para.Lines().Append(goldtext.NewSegment(start, next))
		start = next
	}
	return doc, para
}

// notPlainBytes returns the bytes no plain text has: controls but the
// line feed, DEL, plainSyntax and the placeables' triggers.
func notPlainBytes(ph *placeables) (t [256]bool) {
	for c := range 0x20 {
		t[c] = c != '\n'
	}
	t[0x7f] = true
	for _, c := range []byte(plainSyntax) {
		t[c] = true
	}
	for _, c := range ph.triggers {
		t[c] = true
	}
	return t
}

// IsPlain reports whether text is plain prose: no inline syntax (see
// plainTree) and no placeable, so that Parse reads it into Text nodes
// alone and a reader reads it as it is written. Its callers skip the
// tree: the XLIFF split of a plain text is the text.
func (s *Syntax) IsPlain(text string) bool {
	if !s.isPlain(text) {
		return false
	}
	return len(s.ph.patterns) == 0 || s.plainTree(text).text != ""
}

// isPlain reports whether plainTree reads text.
func (s *Syntax) isPlain(text string) bool {
	if !shaped(text, &s.notPlain) {
		return false
	}
	for _, link := range [...]string{"www.", "http:", "https:", "ftp:"} {
		if strings.Contains(text, link) {
			return false
		}
	}
	return true
}

// shaped reports whether text is one paragraph that goldmark's paragraph
// parser reads line for line: lines that are not blank, with no space
// before or after them (indentation, hard line breaks) and no backslash
// at the end (a hard line break), and no byte that not marks.
func shaped(text string, not *[256]bool) bool {
	if text == "" || text[0] == ' ' || text[0] == '\n' || text[len(text)-1] == ' ' || text[len(text)-1] == '\n' {
		return false
	}
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c == '\n':
			if p := text[i-1]; p == ' ' || p == '\\' || text[i+1] == ' ' || text[i+1] == '\n' {
				return false
			}
		case not[c]:
			return false
		}
	}
	return true
}
