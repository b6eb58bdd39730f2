package segment

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	goldtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/l10n-dev/l10n/internal/fileerr"
)

// Limits on an article. goldmark, the Markdown parser, takes time that
// grows with the square of a few constructs (block quotes and lists opened
// on one line; link brackets in one paragraph, each of which it answers by
// reading on to the end of the line or the paragraph), and GFM fills a
// table's short rows with empty cells up to the width of its header. Parse
// refuses an article beyond these bounds with an *Error at the line where
// it crosses one; within them, segmenting takes time linear in the
// article's size.
const (
	// MaxSize is the size of the largest article, in bytes: 2 MiB,
	// sixteen times the largest page of the Hugo documentation.
	MaxSize = 2 << 20
	// MaxDepth is how many block quotes and list items one line may open.
	MaxDepth = 100
	// MaxBrackets is how many closing brackets "]" the inline text of one
	// block (a paragraph, a heading, a table cell) may hold.
	MaxBrackets = 1000
	// MaxCellsPerByte bounds a table's cells (its header's columns times
	// its rows, counting the empty cells GFM adds to a short row) by the
	// table's size in bytes.
	MaxCellsPerByte = 8
)

// tooLarge returns the *Error for an article larger than MaxSize, or nil.
func tooLarge(src []byte) error {
	if len(src) <= MaxSize {
		return nil
	}
	return fileerr.Errorf(bytes.Count(src[:MaxSize], []byte("\n"))+1, "the article is %d bytes, more than l10n reads (%d bytes, 2 MiB): split it", len(src), MaxSize)
}

// checkLimits returns an *Error where body, the article's Markdown
// starting at line firstLine, crosses MaxDepth, MaxCellsPerByte or
// MaxBrackets. It reads body's lines in blocks of text, runs of non-blank
// lines: no paragraph, heading or table crosses a blank line.
func (p *Parser) checkLimits(body []byte, firstLine int) error {
	var r run
	crowded := false // a block of text with more than MaxBrackets brackets
	line := firstLine
	for pos := 0; pos < len(body); line++ {
		end := len(body)
		if i := bytes.IndexByte(body[pos:], '\n'); i >= 0 {
			end = pos + i + 1
		}
		l := bytes.TrimRight(body[pos:end], "\r\n")
		pos = end
		if isBlank(l) {
			if err := r.end(); err != nil {
				return err
			}
			r = run{}
			continue
		}
		if d := depth(l); d > MaxDepth {
			return fileerr.Errorf(line, "%d block quotes and lists open on one line, more than l10n reads (%d)", d, MaxDepth)
		}
		if cols := delimiterColumns(l); r.lines > 0 && cols > r.cols {
			// A table's delimiter row, under its header.
			r.cols, r.header = cols, line-1
		}
		r.lines++
		r.bytes += len(l)
		r.brackets += bytes.Count(l, []byte("]"))
		crowded = crowded || r.brackets > MaxBrackets
	}
	if err := r.end(); err != nil {
		return err
	}
	if crowded {
		return p.checkBrackets(body, firstLine)
	}
	return nil
}

// run is a block of text: consecutive non-blank lines.
type run struct {
	lines, bytes, brackets int
	// cols is the width of the widest table that starts in the run (its
	// delimiter row's columns), header the line of its header row.
	cols, header int
}

// end checks the cells of the run's tables: at most cols times the run's
// lines, GFM's empty cells in short rows included.
func (r *run) end() error {
	if cells := r.cols * r.lines; r.cols > 1 && cells > MaxCellsPerByte*r.bytes {
		return fileerr.Errorf(r.header, "a table of %d columns in a block of %d lines (%d bytes): GFM fills short rows with empty cells, up to %d here, more than l10n reads (%d per byte): give the rows their cells, or the header fewer columns",
			r.cols, r.lines, r.bytes, cells, MaxCellsPerByte)
	}
	return nil
}

// isBlank reports whether a line holds only spaces and tabs.
func isBlank(l []byte) bool {
	return len(bytes.Trim(l, " \t")) == 0
}

// depth counts the block-quote markers and list-item markers that start
// a line, the containers it opens or continues. A thematic break ("- - -",
// "* * *") counts none.
func depth(l []byte) int {
	n, i := 0, 0
	for i < len(l) {
		switch c := l[i]; {
		case c == ' ' || c == '\t':
			i++
		case c == '>':
			n++
			i++
		case (c == '-' || c == '+' || c == '*') && i+1 < len(l) && (l[i+1] == ' ' || l[i+1] == '\t'):
			n++
			i += 2
		case '0' <= c && c <= '9':
			j := i
			for j < len(l) && j-i < 9 && '0' <= l[j] && l[j] <= '9' {
				j++
			}
			if j+1 < len(l) && (l[j] == '.' || l[j] == ')') && (l[j+1] == ' ' || l[j+1] == '\t') {
				n++
				i = j + 2
				continue
			}
			return n
		default:
			if n > MaxDepth && thematicBreak(l) {
				return 0
			}
			return n
		}
	}
	if n > MaxDepth && thematicBreak(l) {
		return 0
	}
	return n
}

// thematicBreak reports whether a line is one character of "-*_" repeated,
// with spaces and tabs between.
func thematicBreak(l []byte) bool {
	var mark byte
	for _, c := range l {
		switch {
		case c == ' ' || c == '\t':
		case mark == 0 && (c == '-' || c == '*' || c == '_'):
			mark = c
		case c != mark:
			return false
		}
	}
	return mark != 0
}

// delimiterColumns returns the number of columns of a line that may be a
// table's delimiter row ("|---|:-:|"), or 0. Block-quote markers may
// precede it.
func delimiterColumns(l []byte) int {
	l = bytes.TrimLeft(l, " \t>")
	dash := false
	for _, c := range l {
		switch c {
		case '-':
			dash = true
		case '|', ':', ' ', '\t':
		default:
			return 0
		}
	}
	if !dash {
		return 0
	}
	l = bytes.TrimRight(l, " \t")
	cols := bytes.Count(l, []byte("|")) + 1
	if l[0] == '|' {
		cols--
	}
	if len(l) > 1 && l[len(l)-1] == '|' {
		cols--
	}
	return cols
}

// checkBrackets finds the block whose inline text holds more than
// MaxBrackets closing brackets, once a run of lines has more: it parses
// body with every "]" made a space, which changes no block (a link
// reference definition becomes part of its paragraph, whose brackets are
// then counted too) and leaves the inline parser nothing that is slow.
func (p *Parser) checkBrackets(body []byte, firstLine int) error {
	flat := bytes.ReplaceAll(body, []byte("]"), []byte(" "))
	root := p.full.Parse(goldtext.NewReader(flat), parser.WithContext(parser.NewContext()))
	var found *fileerr.Error
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() != ast.TypeBlock || n.IsRaw() {
			return ast.WalkContinue, nil
		}
		lines := n.Lines()
		count := 0
		for i := 0; i < lines.Len(); i++ {
			s := lines.At(i)
			count += bytes.Count(body[s.Start:s.Stop], []byte("]"))
		}
		if count > MaxBrackets {
			first := lines.At(0).Start
			found = fileerr.Errorf(firstLine+bytes.Count(body[:first], []byte("\n")), "%d closing brackets in one block of text, more than l10n reads (%d): split the block", count, MaxBrackets)
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if found != nil {
		return found
	}
	return nil
}

// checkDefinitions refuses an article where goldmark reads a link
// reference definition from more than it takes out of the paragraph
// (yuin/goldmark#602, in every goldmark up to v1.8.7): a title followed
// by more text on its line ("[a]: /u\n'Title' and text", "[a]: /u\n(AP)
// Kyiv …") becomes the definition's title and stays text too, and so can
// a destination on the line after the label. That text would be a unit
// whose translation changes a link's URL or title. Each definition at
// the top level that is its label's (the first) is read again from the
// bytes between its first line and the block after it (the rest of its
// paragraph, or the next definition); where that does not give its
// destination and title, the article is refused at the definition's
// line. refs are the article's references; body starts at line
// firstLine.
func (p *Parser) checkDefinitions(root ast.Node, body []byte, refs parser.Context, firstLine int) error {
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		def, ok := n.(*ast.LinkReferenceDefinition)
		if !ok || def.Lines().Len() == 0 {
			continue
		}
		if ref, ok := refs.Reference(util.ToLinkReference(def.Label)); !ok ||
			!bytes.Equal(ref.Destination(), def.Destination) || !bytes.Equal(ref.Title(), def.Title) {
			continue // a later definition of a label, which counts for nothing
		}
		start := def.Lines().At(0).Start
		end := len(body)
		if next := n.NextSibling(); next != nil && next.Lines().Len() > 0 {
			end = next.Lines().At(0).Start
		}
		ctx := parser.NewContext()
		p.full.Parse(goldtext.NewReader(body[start:end]), parser.WithContext(ctx))
		ref, found := ctx.Reference(util.ToLinkReference(def.Label))
		if !found || !bytes.Equal(ref.Destination(), def.Destination) || !bytes.Equal(ref.Title(), def.Title) {
			return fileerr.New(firstLine+bytes.Count(body[:start], []byte("\n")),
				"goldmark reads this link reference definition's destination or title from a line that it also shows as text "+
					"(yuin/goldmark#602): end the title's line after the title, or leave a blank line between the definition and the text")
		}
	}
	return nil
}
