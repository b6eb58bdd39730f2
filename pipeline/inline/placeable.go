package inline

import (
	"bytes"
	"fmt"
	"regexp"
	"regexp/syntax"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	goldtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Placeable is inline text that a Markdown parser would read as prose but
// that is markup for the site publishing the article: a Hugo shortcode
// ({{< … >}} or {{% … %}}), a template action ({{ … }}) or a match of one
// of the project's placeable patterns. Like a code span, it stays
// verbatim in every translation.
type Placeable struct {
	ast.BaseInline
	// Segments are its bytes, one segment per source line.
	Segments *goldtext.Segments
}

// KindPlaceable is the ast.NodeKind of a Placeable.
var KindPlaceable = ast.NewNodeKind("Placeable")

// Kind implements ast.Node.
func (n *Placeable) Kind() ast.NodeKind { return KindPlaceable }

// Dump implements ast.Node.
func (n *Placeable) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Value": string(n.Value(src))}, nil)
}

// Text implements ast.Node.
//
// Deprecated: use Value.
func (n *Placeable) Text(src []byte) []byte { return n.Value(src) }

// Value returns the placeable's bytes.
func (n *Placeable) Value(src []byte) []byte { return n.Segments.Value(src) }

// Range returns the byte range of src the placeable covers.
func (n *Placeable) Range() (start, end int) {
	l := n.Segments.Len()
	if l == 0 {
		return -1, -1
	}
	return n.Segments.At(0).Start, n.Segments.At(l - 1).Stop
}

func newPlaceable() *Placeable { return &Placeable{Segments: goldtext.NewSegments()} }

// Placeables are the placeable syntaxes of a project: Hugo's shortcodes
// and template actions, which every project has, and its own patterns.
type placeables struct {
	patterns []*regexp.Regexp
	anchored []*regexp.Regexp // the patterns, anchored at the start
	triggers []byte           // '{' and the punctuation a pattern can start with
}

// ParsePlaceable compiles a placeable pattern (a Go regular expression,
// matched within one line). A pattern that can match empty text is an
// error.
func ParsePlaceable(pattern string) (*regexp.Regexp, error) {
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil, err
	}
	if re.MatchString("") {
		return nil, fmt.Errorf("%q matches empty text", pattern)
	}
	return re, nil
}

func newPlaceables(patterns []*regexp.Regexp) *placeables {
	p := &placeables{patterns: patterns}
	trig := map[byte]bool{'{': true}
	for _, re := range patterns {
		p.anchored = append(p.anchored, regexp.MustCompile(`^(?:`+re.String()+`)`))
		if t, err := syntax.Parse(re.String(), syntax.Perl); err == nil {
			var first [256]bool
			firstBytes(t.Simplify(), &first)
			for c := range first {
				if first[c] && util.IsPunct(byte(c)) {
					trig[byte(c)] = true
				}
			}
		}
	}
	for c := 0; c < 256; c++ {
		if trig[byte(c)] {
			p.triggers = append(p.triggers, byte(c))
		}
	}
	return p
}

// firstBytes marks the bytes a match of re can start with, and reports
// whether re can match empty text (then what follows it can start a
// match too).
func firstBytes(re *syntax.Regexp, first *[256]bool) (nullable bool) {
	mark := func(r rune, fold bool) {
		var buf [utf8.UTFMax]byte
		utf8.EncodeRune(buf[:], r)
		first[buf[0]] = true
		if fold && r < utf8.RuneSelf {
			first[bytes.ToUpper(buf[:1])[0]] = true
			first[bytes.ToLower(buf[:1])[0]] = true
		}
	}
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return true
		}
		mark(re.Rune[0], re.Flags&syntax.FoldCase != 0)
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			lo, hi := re.Rune[i], re.Rune[i+1]
			for r := lo; r <= hi && r < utf8.RuneSelf; r++ {
				mark(r, false)
			}
			if hi >= utf8.RuneSelf {
				for c := 0xC0; c < 0x100; c++ {
					first[c] = true
				}
			}
		}
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		for c := range first {
			first[c] = true
		}
	case syntax.OpCapture, syntax.OpPlus:
		return firstBytes(re.Sub[0], first)
	case syntax.OpStar, syntax.OpQuest:
		firstBytes(re.Sub[0], first)
		return true
	case syntax.OpRepeat:
		n := firstBytes(re.Sub[0], first)
		return n || re.Min == 0
	case syntax.OpConcat:
		for _, s := range re.Sub {
			if !firstBytes(s, first) {
				return false
			}
		}
		return true
	case syntax.OpAlternate:
		for _, s := range re.Sub {
			if firstBytes(s, first) {
				nullable = true
			}
		}
		return nullable
	default: // empty match, anchors, word boundaries
		return true
	}
	return false
}

// placeableParser reads a placeable where one starts at a trigger byte:
// a placeable that starts at the same character as other Markdown takes
// precedence over it.
type placeableParser struct{ p *placeables }

func (pp placeableParser) Trigger() []byte { return pp.p.triggers }

func (pp placeableParser) Parse(parent ast.Node, block goldtext.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if bytes.HasPrefix(line, []byte("{{")) {
		closer := []byte("}}")
		switch {
		case bytes.HasPrefix(line, []byte("{{<")):
			closer = []byte(">}}")
		case bytes.HasPrefix(line, []byte("{{%")):
			closer = []byte("%}}")
		}
		if n := until(block, 2, closer); n != nil {
			return n
		}
	}
	body := bytes.TrimRight(line, "\r\n")
	for _, re := range pp.p.anchored {
		if loc := re.FindIndex(body); loc != nil && loc[1] > 0 {
			n := newPlaceable()
			n.Segments.Append(seg.WithStop(seg.Start + loc[1]))
			block.Advance(loc[1])
			return n
		}
	}
	return nil
}

// until reads a placeable from the reader's position to the end of the
// first closer after skip bytes, over as many lines as it takes.
func until(block goldtext.Reader, skip int, closer []byte) ast.Node {
	savedLine, savedSeg := block.Position()
	n := newPlaceable()
	line, seg := block.PeekLine()
	off := skip
	for line != nil {
		if i := bytes.Index(line[off:], closer); i >= 0 {
			end := off + i + len(closer)
			n.Segments.Append(seg.WithStop(seg.Start + end))
			block.Advance(end)
			return n
		}
		n.Segments.Append(seg)
		block.AdvanceLine()
		line, seg = block.PeekLine()
		off = 0
	}
	block.SetPosition(savedLine, savedSeg)
	return nil
}

// Transform implements parser.ASTTransformer: it turns the matches of the
// project's patterns inside runs of prose into placeables, for patterns
// that start with a letter, a digit or a space, which no inline parser
// can be triggered by.
func (p *placeables) Transform(doc *ast.Document, reader goldtext.Reader, pc parser.Context) {
	if len(p.patterns) == 0 {
		return
	}
	src := reader.Source()
	var parents []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if IsAtom(n) {
			return ast.WalkSkipChildren, nil
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if _, ok := c.(*ast.Text); ok {
				parents = append(parents, n)
				break
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range parents {
		p.splitRuns(n, src)
	}
}

// splitRuns finds pattern matches in each run of adjacent Text children of
// n (contiguous bytes of one line) and splits them out as placeables.
func (p *placeables) splitRuns(n ast.Node, src []byte) {
	c := n.FirstChild()
	for c != nil {
		t, ok := c.(*ast.Text)
		if !ok || t.IsRaw() {
			c = c.NextSibling()
			continue
		}
		run := []*ast.Text{t}
		for !run[len(run)-1].SoftLineBreak() && !run[len(run)-1].HardLineBreak() {
			next, ok := run[len(run)-1].NextSibling().(*ast.Text)
			if !ok || next.IsRaw() || next.Segment.Start != run[len(run)-1].Segment.Stop {
				break
			}
			run = append(run, next)
		}
		after := run[len(run)-1].NextSibling()
		p.splitRun(n, run, src)
		c = after
	}
}

func (p *placeables) splitRun(parent ast.Node, run []*ast.Text, src []byte) {
	start, end := run[0].Segment.Start, run[len(run)-1].Segment.Stop
	text := src[start:end]
	var cuts [][2]int
	for pos := 0; pos < len(text); {
		best := []int(nil)
		for _, re := range p.patterns {
			if loc := re.FindIndex(text[pos:]); loc != nil && loc[1] > loc[0] && (best == nil || loc[0] < best[0]) {
				best = loc
			}
		}
		if best == nil {
			break
		}
		cuts = append(cuts, [2]int{pos + best[0], pos + best[1]})
		pos += best[1]
	}
	if len(cuts) == 0 {
		return
	}
	last := run[len(run)-1]
	next := last.NextSibling()
	for _, t := range run {
		parent.RemoveChild(parent, t)
	}
	insert := func(node ast.Node) {
		if next != nil {
			parent.InsertBefore(parent, next, node)
		} else {
			parent.AppendChild(parent, node)
		}
	}
	pos := 0
	for _, cut := range cuts {
		if cut[0] > pos {
			insert(ast.NewTextSegment(goldtext.NewSegment(start+pos, start+cut[0])))
		}
		ph := newPlaceable()
		ph.Segments.Append(goldtext.NewSegment(start+cut[0], start+cut[1]))
		insert(ph)
		pos = cut[1]
	}
	// The text after the last match, or an empty text that keeps the
	// run's line break.
	if pos < len(text) || last.SoftLineBreak() || last.HardLineBreak() {
		t := ast.NewTextSegment(goldtext.NewSegment(start+pos, end))
		t.SetSoftLineBreak(last.SoftLineBreak())
		t.SetHardLineBreak(last.HardLineBreak())
		insert(t)
	}
}

// placeableRenderer writes a placeable into HTML as the text it is.
type placeableRenderer struct{}

func (placeableRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindPlaceable, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			html.DefaultWriter.RawWrite(w, n.(*Placeable).Value(src))
		}
		return ast.WalkSkipChildren, nil
	})
}
