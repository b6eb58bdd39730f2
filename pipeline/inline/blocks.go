package inline

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	goldtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// fastBlocks is the inline parser that gives an article's parser (see
// Syntax.Extend) fastTree's reading: at the first byte of a paragraph,
// a heading or a tight list item whose lines are one run of the source
// (no container's markers or indentation between them) and whose text
// fastTree reads, it makes the block's whole inline content in one go,
// node for node what goldmark's inline loop makes of it, and leaves
// goldmark's loop nothing to read. Of any other block, and anywhere else,
// it makes nothing, which leaves goldmark's reading as it was: goldmark
// tries it first at bytes where it tries other parsers anyway (triggers),
// and a parser that makes nothing changes nothing there.
// TestFastBlocks and FuzzFastBlocks compare the trees with and without it.
type fastBlocks struct {
	s        *Syntax
	triggers []byte
}

// newFastBlocks returns the parser for s, triggered by the bytes that
// trigger one of parsers (an article's inline parsers).
func newFastBlocks(s *Syntax, parsers []util.PrioritizedValue) fastBlocks {
	var seen [256]bool
	var t []byte
	for _, p := range parsers {
		for _, c := range p.Value.(parser.InlineParser).Trigger() {
			if !seen[c] {
				seen[c] = true
				t = append(t, c)
			}
		}
	}
	return fastBlocks{s: s, triggers: t}
}

// Trigger implements parser.InlineParser.
func (b fastBlocks) Trigger() []byte { return b.triggers }

// Parse implements parser.InlineParser: nil but at the start of a block
// that fastTree reads; there it adds every node of the block but the last
// to parent, returns the last (a Text, as every line ends with one) and
// moves the reader past the block's last line.
func (b fastBlocks) Parse(parent ast.Node, block goldtext.Reader, pc parser.Context) ast.Node {
	if parent.HasChildren() {
		return nil
	}
	switch parent.(type) {
	case *ast.Paragraph, *ast.Heading, *ast.TextBlock:
	default:
		return nil
	}
	lines := parent.Lines()
	n := lines.Len()
	if n == 0 {
		return nil
	}
	first, last := lines.At(0), lines.At(n-1)
	if l, pos := block.Position(); l != 0 || pos.Start != first.Start || pos.Padding != 0 {
		return nil
	}
	src := block.Source()
	for i := range n {
		seg := lines.At(i)
		if seg.Padding != 0 || seg.Stop <= seg.Start || i > 0 && seg.Start != lines.At(i-1).Stop ||
			(src[seg.Stop-1] == '\n') != (i < n-1) {
			return nil
		}
	}
	window := src[first.Start:last.Stop]
	// The text is the source's own bytes, which neither goldmark nor the
	// fast reader changes, and which no node keeps as a string.
	text := util.BytesToReadOnlyString(window)
	if !shaped(text, &b.s.notFast) {
		return nil
	}
	// The nodes go straight to parent, which has none yet: taken out
	// again when the fast reader gives up.
	f := fastParser{text: text, src: window, off: first.Start, para: parent}
	end, ok := ast.Node(nil), f.parse()
	if ok {
		end, ok = parent.LastChild().(*ast.Text)
	}
	if !ok {
		for c := parent.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.RemoveChild(parent, c)
			c = next
		}
		return nil
	}
	parent.RemoveChild(parent, end)
	for range n {
		block.AdvanceLine()
	}
	return end
}
