package segment

import (
	"bytes"
	"regexp"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	goldtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/l10n-dev/l10n/pipeline/inline"
)

// ParsePlaceable compiles a project's placeable pattern: it is
// inline.ParsePlaceable, kept for the callers of segment.
func ParsePlaceable(pattern string) (*regexp.Regexp, error) { return inline.ParsePlaceable(pattern) }

// placeableBlocks is the goldmark.Extender of PlaceableBlock: its block
// parser and its HTML. The placeables inside a paragraph are the inline
// syntax's (inline.Syntax).
type placeableBlocks struct{}

// Extend implements goldmark.Extender.
func (placeableBlocks) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(util.Prioritized(placeableBlockParser{}, 550)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(placeableBlockRenderer{}, 500)))
}

// PlaceableBlock is a Hugo shortcode that starts a line and ends on a
// later one, before any blank line: Hugo reads it before the Markdown,
// so a line of it that starts with ">" ("  >}}") is no block quote. Like
// an HTML block, it is skeleton.
type PlaceableBlock struct {
	ast.BaseBlock
	closer []byte // ">}}" or "%}}"
}

// KindPlaceableBlock is the ast.NodeKind of a PlaceableBlock.
var KindPlaceableBlock = ast.NewNodeKind("PlaceableBlock")

// Kind implements ast.Node.
func (n *PlaceableBlock) Kind() ast.NodeKind { return KindPlaceableBlock }

// IsRaw implements ast.Node: its lines are not Markdown.
func (n *PlaceableBlock) IsRaw() bool { return true }

// Dump implements ast.Node.
func (n *PlaceableBlock) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// placeableBlockParser reads a PlaceableBlock.
type placeableBlockParser struct{}

func (placeableBlockParser) Trigger() []byte { return []byte{'{'} }

// shortcodeCloser returns the closer of the shortcode a line starts with.
func shortcodeCloser(line []byte) []byte {
	switch {
	case bytes.HasPrefix(line, []byte("{{<")):
		return []byte(">}}")
	case bytes.HasPrefix(line, []byte("{{%")):
		return []byte("%}}")
	}
	return nil
}

func (placeableBlockParser) Open(parent ast.Node, reader goldtext.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pc.BlockIndent() > 3 {
		return nil, parser.NoChildren
	}
	closer := shortcodeCloser(line[pos:])
	if closer == nil || bytes.Contains(line[pos+3:], closer) {
		return nil, parser.NoChildren // one line: a placeable inside a paragraph
	}
	// It must close before a blank line, or it is text.
	savedLine, savedSeg := reader.Position()
	closed := false
	for reader.AdvanceLine(); ; reader.AdvanceLine() {
		l, _ := reader.PeekLine()
		if l == nil || util.IsBlank(l) {
			break
		}
		if bytes.Contains(l, closer) {
			closed = true
			break
		}
	}
	reader.SetPosition(savedLine, savedSeg)
	if !closed {
		return nil, parser.NoChildren
	}
	n := &PlaceableBlock{closer: closer}
	n.Lines().Append(seg)
	reader.AdvanceToEOL()
	return n, parser.NoChildren
}

func (placeableBlockParser) Continue(node ast.Node, reader goldtext.Reader, pc parser.Context) parser.State {
	line, seg := reader.PeekLine()
	node.Lines().Append(seg)
	reader.AdvanceToEOL()
	if bytes.Contains(line, node.(*PlaceableBlock).closer) {
		return parser.Close
	}
	return parser.Continue | parser.NoChildren
}

func (placeableBlockParser) Close(node ast.Node, reader goldtext.Reader, pc parser.Context) {}

func (placeableBlockParser) CanInterruptParagraph() bool { return true }

func (placeableBlockParser) CanAcceptIndentedLine() bool { return false }

// placeableBlockRenderer writes a PlaceableBlock into HTML as the text
// it is, a paragraph of its own.
type placeableBlockRenderer struct{}

func (placeableBlockRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindPlaceableBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString("<p>")
			html.DefaultWriter.RawWrite(w, n.Lines().Value(src))
			_, _ = w.WriteString("</p>\n")
		}
		return ast.WalkSkipChildren, nil
	})
}
