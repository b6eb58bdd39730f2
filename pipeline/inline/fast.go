package inline

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	goldtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// fastSyntax are the bytes of inline syntax that fastTree reads itself,
// beyond plain text: escapes, code spans, emphasis, links and images.
// The other bytes of plainSyntax (entities, strikethrough, autolinks and
// raw HTML, shortcodes, e-mail addresses) send a text to goldmark.
const fastSyntax = "\\`*_[]!&"

// fastTrigger are the bytes at which goldmark tries an inline parser in
// a text fastTree reads (see Syntax.inlineParsers and goldmark's
// defaults): linkify at a space and "(", emphasis at "*" and "_", links
// at "[", "]" and "!", code spans at "`". goldmark adds the text before
// each of them to the paragraph's Text nodes, which is how its Text
// nodes split.
var fastTrigger = func() (t [256]bool) {
	for _, c := range []byte(" (*_[]!`") {
		t[c] = true
	}
	return t
}()

// destByte are the bytes fastTree takes in a link destination: not a
// space, a parenthesis, a backslash, "<" or a control character, each of
// which changes how goldmark reads one (or ends it).
var destByte = func() (t [256]bool) {
	for c := 0x21; c < 256; c++ {
		t[c] = c != 0x7f
	}
	for _, c := range []byte("()\\<") {
		t[c] = false
	}
	return t
}()

// fastTree returns the tree goldmark makes of a text whose inline syntax
// is the common kind of news prose — inline links and images with a
// simple destination ([text](url): no space, parenthesis, backslash or
// angle bracket in it, no title), emphasis with "*" and "_", code spans
// closed on their line, backslash escapes and "!" — without goldmark's
// block parser, reader and context, and without trying linkify at every
// space. It returns nil for any other text, which goldmark reads.
//
// The text is one paragraph, as for plainTree (no blank line, no space
// before or after a line, no control character but the line feed, no
// backslash at the end of a line), with none of "~<>{}@" nor a
// placeable's trigger, and none of the starts of a bare link (www.,
// http:, https:, ftp:) where linkify looks for one. Every "[" (and "!["
// ) opens a link that closes on its line with "](" and a simple
// destination, none inside another; a "]" with no link open is text.
//
// It reads the text as goldmark's inline loop does: the Text nodes of
// each line split at the bytes of fastTrigger, a line's last Text holds
// its soft line break. Emphasis is goldmark's own: its delimiter scan
// (parser.ScanDelimiter) and process (parser.ProcessDelimiters), run
// inside a link's text when it closes and over the paragraph at its end.
// TestFastTree and FuzzFastTree check the claim against goldmark, node
// for node.
func (s *Syntax) fastTree(text string) *Tree {
	if !shaped(text, &s.notFast) {
		return nil
	}
	src := []byte(text)
	doc, para := paragraph(text)
	f := fastParser{text: text, src: src, para: para}
	if !f.parse() {
		return nil
	}
	if len(s.ph.patterns) > 0 {
		s.ph.Transform(doc, goldtext.NewReader(src), nil)
	}
	return &Tree{Src: src, Root: doc}
}

// notFastBytes returns the bytes no text that fastTree reads has:
// notPlain's but those of fastSyntax, and the placeables' triggers.
func notFastBytes(ph *placeables) (t [256]bool) {
	t = notPlainBytes(ph)
	for _, c := range []byte(fastSyntax) {
		t[c] = false
	}
	for _, c := range ph.triggers {
		t[c] = true
	}
	return t
}

// fastParser reads one text for fastTree or one block for fastBlocks.
type fastParser struct {
	text string
	src  []byte // text's bytes
	// off is where text starts in the source the tree's segments point
	// into: 0 for fastTree's own copy, the block's first byte for
	// fastBlocks.
	off  int
	para ast.Node
	// pc holds the emphasis delimiters, from the first on (nil before).
	pc parser.Context
	// label is the node that stands for the open "[" or "![" (nil when
	// no link is open), at start; bottom is the last delimiter before
	// it, where the emphasis inside the link's text stops.
	label  ast.Node
	start  int
	image  bool
	bottom ast.Node
}

// contexts are goldmark parse contexts for the delimiters of fastTree,
// each left empty by the parse that used it.
var contexts = sync.Pool{New: func() any { return parser.NewContext() }}

// parse reads the text into the paragraph; false means goldmark must.
func (f *fastParser) parse() bool {
	src := f.text
	for ls := 0; ls < len(src); {
		end, next := len(src), len(src)
		if i := strings.IndexByte(src[ls:], '\n'); i >= 0 {
			end, next = ls+i, ls+i+1
		}
		pos := ls
	retry:
		for pos < len(src) {
			// Text runs from pos; goldmark adds what is before each
			// trigger to the paragraph's Text nodes: [start, mark) is
			// what this loop has not added yet, up to the last trigger.
			start, mark, escaped := pos, pos, false
			for i := pos; i < end; i++ {
				c := src[i]
				if fastTrigger[c] && (!escaped || c == ' ') || i == pos {
					if c == ' ' || c == '(' || i == pos && !util.IsPunct(c) {
						// linkify, at what follows the space or "(",
						// or at the line's or a retry's first byte.
						at := i
						if c == ' ' || c == '(' {
							at++
						}
						if at < end && bareStart[src[at]] && BareURL(src[at:end]) {
							return false
						}
					}
					if fastTrigger[c] && i != pos {
						mark = i
					}
					if c == ']' {
						// The link's text is every node after its
						// label's.
						f.addText(start, mark)
						start = mark
					}
					// At a space or "(" only linkify is tried.
					var n ast.Node
					after, ok := 0, true
					if c != ' ' && c != '(' {
						n, after, ok = f.inline(c, i, end, next)
					}
					if !ok {
						return false
					}
					if n != nil {
						f.addText(start, mark)
						f.para.AppendChild(f.para, n)
						pos = after
						continue retry
					}
				}
				switch {
				case escaped:
					escaped = false
				case c == '\\':
					escaped = true
				}
			}
			f.addText(start, mark)
			t := ast.NewTextSegment(f.seg(mark, end))
			t.SetSoftLineBreak(next > end)
			f.para.AppendChild(f.para, t)
			break
		}
		if f.label != nil {
			return false // a link open at the end of its line
		}
		ls = next
	}
	if f.pc != nil {
		parser.ProcessDelimiters(nil, f.pc)
		if f.pc.FirstDelimiter() == nil && f.pc.LastDelimiter() == nil {
			contexts.Put(f.pc) // empty again, as the next parse needs it
		}
	}
	return true
}

// seg is the segment of the source for bytes [start, stop) of the text.
func (f *fastParser) seg(start, stop int) goldtext.Segment {
	return goldtext.NewSegment(f.off+start, f.off+stop)
}

// addText adds the text [start, stop) to the paragraph's last Text node if
// it continues it, else as a Text node of its own.
func (f *fastParser) addText(start, stop int) {
	if stop > start {
		ast.MergeOrAppendTextSegment(f.para, f.seg(start, stop))
	}
}

// bareStart are the first bytes of what BareURL finds.
var bareStart = [256]bool{'w': true, 'h': true, 'f': true}

// BareURL reports whether goldmark's linkify (GFM's bare links) could
// find a URL at the start of v: "www.", "http:", "https:" or "ftp:".
func BareURL(v string) bool {
	if len(v) < 4 {
		return false
	}
	switch v[0] {
	case 'w':
		return strings.HasPrefix(v, "www.")
	case 'h':
		return strings.HasPrefix(v, "http:") || strings.HasPrefix(v, "https:")
	case 'f':
		return strings.HasPrefix(v, "ftp:")
	}
	return false
}

// inline is the inline parser goldmark tries at byte i (c) of a line
// that ends at end (the line feed, or the end of the text; the next
// line starts at next): the node it makes (nil for none) and where the
// text goes on after it. ok is false where fastTree leaves the text to
// goldmark.
func (f *fastParser) inline(c byte, i, end, next int) (n ast.Node, after int, ok bool) {
	src := f.text
	switch c {
	case '*', '_':
		if f.pc == nil {
			f.pc = contexts.Get().(parser.Context)
		}
		// goldmark's line runs to the line feed, included.
		d := parser.ScanDelimiter(f.src[i:next], precedingRune(src, i), 1, emphasis{})
		d.Segment = f.seg(i, i+d.OriginalLength)
		d.SetPos(f.off + i)
		f.pc.PushDelimiter(d)
		return d, i + d.OriginalLength, true
	case '!':
		if i+1 < end && src[i+1] == '[' {
			return f.open(i, i+2, true)
		}
	case '[':
		return f.open(i, i+1, false)
	case ']':
		if f.label != nil {
			return f.close(i, end)
		}
	case '`':
		return f.codeSpan(i, end)
	}
	return nil, 0, true
}

// open opens a link (or an image) at start, whose text starts at after.
func (f *fastParser) open(start, after int, image bool) (ast.Node, int, bool) {
	if f.label != nil {
		return nil, 0, false // a link inside a link's text
	}
	// goldmark keeps the last delimiter as the bottom even where there
	// is none: a nil *Delimiter in a non-nil ast.Node, which its
	// delimiter process reads as no bottom at all but for which of the
	// link's delimiters it takes first.
	var d *parser.Delimiter
	if f.pc != nil {
		d = f.pc.LastDelimiter()
	}
	f.label, f.start, f.image, f.bottom = &labelNode{}, start, image, d
	f.label.SetPos(f.off + start)
	return f.label, after, true
}

// close closes the open link at its "]" (i): an inline link whose
// destination is simple, or the text goes to goldmark.
func (f *fastParser) close(i, end int) (ast.Node, int, bool) {
	src := f.text
	if i+1 >= end || src[i+1] != '(' {
		return nil, 0, false // a reference link, or text
	}
	j := i + 2
	for j < end && destByte[src[j]] {
		j++
	}
	if j == i+2 || j == end || src[j] != ')' {
		return nil, 0, false
	}
	link := ast.NewLink()
	if f.pc != nil {
		parser.ProcessDelimiters(f.bottom, f.pc)
	}
	for c := f.label.NextSibling(); c != nil; {
		next := c.NextSibling()
		f.para.RemoveChild(f.para, c)
		link.AppendChild(link, c)
		c = next
	}
	link.Destination = f.src[i+2 : j]
	f.para.RemoveChild(f.para, f.label)
	var n ast.Node = link
	if f.image {
		n = ast.NewImage(link)
	}
	n.SetPos(f.off + f.start)
	f.label, f.bottom = nil, nil
	return n, j + 1, true
}

// codeSpan reads the code span that starts at i and closes on its line
// (one that does not goes to goldmark), with its content's spaces as
// goldmark trims them.
func (f *fastParser) codeSpan(i, end int) (ast.Node, int, bool) {
	src := f.text
	open := i
	for open < end && src[open] == '`' {
		open++
	}
	width := open - i
	for k := open; k < end; {
		if src[k] != '`' {
			k++
			continue
		}
		run := k
		for k < end && src[k] == '`' {
			k++
		}
		if k-run != width {
			continue
		}
		n := ast.NewCodeSpan()
		n.SetPos(f.off + i)
		if run > open {
			seg := f.seg(open, run)
			if !util.IsBlank(f.src[open:run]) && src[open] == ' ' && src[run-1] == ' ' {
				seg = f.seg(open+1, run-1)
			}
			n.AppendChild(n, ast.NewRawTextSegment(seg))
		}
		return n, k, true
	}
	return nil, 0, false
}

// precedingRune is the character before byte i of src as goldmark's
// reader reads it for a delimiter: a line feed at the start.
func precedingRune(src string, i int) rune {
	j := i - 1
	for j >= 0 && !utf8.RuneStart(src[j]) {
		j--
	}
	if j < 0 {
		return '\n'
	}
	r, _ := utf8.DecodeRuneInString(src[j:])
	return r
}

// emphasis is CommonMark's emphasis as goldmark's delimiter process
// reads it: "*" and "_", an opener closed by a run of its own byte.
type emphasis struct{}

func (emphasis) IsDelimiter(b byte) bool { return b == '*' || b == '_' }

func (emphasis) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char
}

func (emphasis) OnMatch(consumes int) ast.Node { return ast.NewEmphasis(consumes) }

// labelNode stands in the paragraph for an open "[" or "![" until its
// link closes, as goldmark's own label node does: the Text before it and
// after it are two nodes, and the link's text is what follows it.
type labelNode struct{ ast.BaseInline }

var kindLabel = ast.NewNodeKind("FastLinkLabel")

// Kind implements ast.Node.
func (n *labelNode) Kind() ast.NodeKind { return kindLabel }

// Dump implements ast.Node.
func (n *labelNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }
