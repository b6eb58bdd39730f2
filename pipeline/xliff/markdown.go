package xliff

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/l10n-dev/l10n/pipeline/inline"
	"github.com/l10n-dev/l10n/pipeline/segment"
)

// Code types (ctype) that FromMarkdown gives its codes. XLIFF 1.2 defines
// bold, italic, link and lb; the others are "x-" extensions.
const (
	CtypeBold      = "bold"
	CtypeItalic    = "italic"
	CtypeLink      = "link"
	CtypeImage     = "x-image"
	CtypeStrike    = "x-strike"
	CtypeCode      = "x-code"
	CtypeHTML      = "x-html"
	CtypeAutolink  = "x-autolink"
	CtypePlaceable = "x-placeable"  // a shortcode, template action or project pattern: inline.Placeable
	CtypeLinkLabel = "x-link-label" // a link whose text is its reference label: [ICRC]
	CtypeBreak     = "lb"
	CtypeChar      = "x-char"     // a character XML cannot hold
	CtypeMarkdown  = "x-markdown" // other markup, or several constructs in one code
)

// FromPlain returns text that is not Markdown (a front-matter field) as
// content: all prose, less characters XML cannot hold, which become
// codes of their own.
func FromPlain(text string) Content {
	var c Content
	appendText(&c, text)
	numberCodes(c, nil)
	return c
}

// FromMarkdown splits a unit's inline Markdown into prose and codes,
// parsing it with goldmark in the context of the article d (its link
// reference definitions and placeables). The prose is the text of
// goldmark's Text nodes outside code spans, raw HTML, autolinks,
// placeables and links whose text is their reference label; everything
// between is markup, cut into one code per
// construct where the syntax allows: "[" and "](url)" of a link, "**" and
// "**" of strong emphasis, a whole code span. Codes that open and close
// the same construct are a <bpt>/<ept> pair; the rest are <ph>. The
// content's Markdown is always src, byte for byte.
func FromMarkdown(d *segment.Doc, src string) Content {
	if d.Syntax.IsPlain(src) {
		// Text nodes alone: all prose (most units of news; the
		// translation memory cuts every one of them).
		return FromPlain(src)
	}
	c, err := split(d, src)
	if err != nil {
		// Unreachable with goldmark's positions as they are; stay
		// lossless whatever happens: the whole unit is prose.
		c = nil
		appendText(&c, src)
		numberCodes(c, nil)
	}
	return c
}

type itemKind int

const (
	itemText itemKind = iota
	itemOpen
	itemClose
	itemAtom
)

// item is an event of the inline tree in source order: prose, the start
// or end of a container, or an atom. start and end are its exact byte
// range where known, else -1.
type item struct {
	kind       itemKind
	node       ast.Node
	ctype      string
	start, end int
}

// splitter holds the state of one split.
type splitter struct {
	src   []byte
	items []item
	// strike is the delimiter length of each strikethrough.
	strike map[ast.Node]int
}

// span is a byte range of the source and the items it holds; a span
// without items is markup no construct claimed, or whitespace.
type span struct {
	start, end int
	items      []item
	text       bool
}

func split(d *segment.Doc, src string) (Content, error) {
	s := &splitter{src: []byte(src), strike: map[ast.Node]int{}}
	s.walk(d.Tree(src).Root)
	var spans []span
	pos := 0
	var gap []item
	for _, it := range s.items {
		if it.kind != itemText {
			gap = append(gap, it)
			continue
		}
		if it.start < pos {
			return nil, fmt.Errorf("text at %d before %d", it.start, pos)
		}
		spans = append(spans, s.gap(pos, it.start, gap)...)
		gap = nil
		if it.end > it.start {
			spans = append(spans, span{start: it.start, end: it.end, text: true})
		}
		pos = it.end
	}
	spans = append(spans, s.gap(pos, len(src), gap)...)
	c := s.content(spans)
	if c.Markdown() != src {
		return nil, errors.New("split lost bytes")
	}
	return c, nil
}

// walk lists the items of the inline tree under n.
func (s *splitter) walk(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			s.items = append(s.items, item{kind: itemText, start: c.Segment.Start, end: c.Segment.Stop})
			if c.HardLineBreak() {
				s.items = append(s.items, item{kind: itemAtom, node: c, ctype: CtypeBreak, start: -1, end: -1})
			}
		case *ast.CodeSpan:
			s.atom(c, CtypeCode)
		case *ast.RawHTML:
			s.atom(c, CtypeHTML)
		case *ast.AutoLink:
			s.atom(c, CtypeAutolink)
		case *inline.Placeable:
			s.atom(c, CtypePlaceable)
		case *ast.Link:
			s.link(c, "[", CtypeLink)
		case *ast.Image:
			s.link(c, "![", CtypeImage)
		case *ast.Emphasis:
			ct := CtypeItalic
			if c.Level >= 2 {
				ct = CtypeBold
			}
			s.container(c, ct)
		case *east.Strikethrough:
			s.container(c, CtypeStrike)
		default:
			if c.Type() == ast.TypeInline && !c.HasChildren() {
				s.items = append(s.items, item{kind: itemAtom, node: c, ctype: CtypeMarkdown, start: -1, end: -1})
				continue
			}
			// Blocks (a unit's text may parse as more than one) and
			// unknown containers: only their content counts.
			s.walk(c)
		}
	}
}

func (s *splitter) container(n ast.Node, ctype string) {
	s.items = append(s.items, item{kind: itemOpen, node: n, ctype: ctype, start: -1, end: -1})
	s.walk(n)
	s.items = append(s.items, item{kind: itemClose, node: n, ctype: ctype, start: -1, end: -1})
}

// atom lists an atom (see inline.IsAtom) with its bytes, where the tree
// tells them.
func (s *splitter) atom(n ast.Node, ctype string) {
	it := item{kind: itemAtom, node: n, ctype: ctype, start: -1, end: -1}
	if r, ok := inline.Range(n, s.src); ok {
		it.start, it.end = r.Start, r.End
	}
	s.items = append(s.items, it)
}

// link lists a link or image: an atom where its text is its reference
// label ([ICRC], [ICRC][]), since translating the text would break the
// link; else a container whose opening "[" or "![" starts at its Pos.
func (s *splitter) link(n ast.Node, open, ctype string) {
	if r, ok := inline.LabelLink(n, s.src); ok {
		s.items = append(s.items, item{kind: itemAtom, node: n, ctype: CtypeLinkLabel, start: r.Start, end: r.End})
		return
	}
	if r := inline.Reference(n); r != nil && r.Type != ast.ReferenceLinkFull {
		// A label link whose bytes the source does not show verbatim.
		s.items = append(s.items, item{kind: itemAtom, node: n, ctype: CtypeLinkLabel, start: -1, end: -1})
		return
	}
	start, end := -1, -1
	if p := n.Pos(); p >= 0 && bytes.HasPrefix(s.src[p:], []byte(open)) {
		start, end = p, p+len(open)
	}
	s.items = append(s.items, item{kind: itemOpen, node: n, ctype: ctype, start: start, end: end})
	s.walk(n)
	s.items = append(s.items, item{kind: itemClose, node: n, ctype: ctype, start: -1, end: -1})
}

// run returns the length of the run of c at src[i:].
func run(src []byte, i int, c byte) int {
	n := 0
	for i+n < len(src) && src[i+n] == c {
		n++
	}
	return n
}

// gap cuts the markup between two prose texts, [a, b), into spans, one
// per item where the syntax tells where each item's bytes are.
func (s *splitter) gap(a, b int, its []item) []span {
	var out []span
	cur := a
	var pending []item
	for _, it := range its {
		if it.start >= cur && it.end > it.start && it.end <= b {
			out = append(out, s.solve(cur, it.start, pending)...)
			out = append(out, span{start: it.start, end: it.end, items: []item{it}})
			cur, pending = it.end, nil
			continue
		}
		pending = append(pending, it)
	}
	return append(out, s.solve(cur, b, pending)...)
}

// solve cuts [lo, hi) among items whose bytes are not known exactly:
// items whose syntax has a known length are peeled off the front and the
// back; what stays in the middle is one span.
func (s *splitter) solve(lo, hi int, its []item) []span {
	var out, tail []span
	f, bk := 0, len(its)
	for f < bk {
		n := s.length(its[f], lo, hi, true)
		if n < 0 {
			break
		}
		out = append(out, span{start: lo, end: lo + n, items: its[f : f+1]})
		lo += n
		f++
	}
	for bk > f {
		n := s.length(its[bk-1], lo, hi, false)
		if n < 0 {
			break
		}
		tail = append(tail, span{start: hi - n, end: hi, items: its[bk-1 : bk]})
		hi -= n
		bk--
	}
	if mid := its[f:bk]; len(mid) > 0 || lo < hi {
		sp := span{start: lo, end: hi, items: mid}
		if len(mid) == 0 && strings.TrimSpace(string(s.src[lo:hi])) == "" {
			// Whitespace between constructs, such as a line break
			// after a link: prose.
			sp.text = true
		}
		out = append(out, sp)
	}
	for i := len(tail) - 1; i >= 0; i-- {
		out = append(out, tail[i])
	}
	return out
}

// length returns the length of an item's bytes at the front (or the back)
// of [lo, hi), or -1 where its syntax does not tell.
func (s *splitter) length(it item, lo, hi int, front bool) int {
	b := s.src[lo:hi]
	has := func(p string) bool {
		if front {
			return bytes.HasPrefix(b, []byte(p))
		}
		return bytes.HasSuffix(b, []byte(p))
	}
	switch n := it.node.(type) {
	case *ast.Emphasis:
		for _, c := range []string{"*", "_"} {
			if d := strings.Repeat(c, n.Level); has(d) {
				return len(d)
			}
		}
	case *east.Strikethrough:
		if it.kind == itemOpen {
			var k int
			if front {
				k = run(b, 0, '~')
			} else {
				for k < len(b) && b[len(b)-1-k] == '~' {
					k++
				}
			}
			if k > 0 {
				s.strike[n] = k
				return k
			}
		} else if k := s.strike[n]; k > 0 && has(strings.Repeat("~", k)) {
			return k
		}
	case *ast.Link:
		return s.linkLength(it, n.Reference, "[", b, front)
	case *ast.Image:
		return s.linkLength(it, n.Reference, "![", b, front)
	case *ast.Text:
		if it.ctype == CtypeBreak {
			return breakLength(b, front)
		}
	}
	return -1
}

func (s *splitter) linkLength(it item, ref *ast.ReferenceLink, open string, b []byte, front bool) int {
	has := func(p string) bool {
		if front {
			return bytes.HasPrefix(b, []byte(p))
		}
		return bytes.HasSuffix(b, []byte(p))
	}
	switch {
	case it.kind == itemOpen && has(open):
		return len(open)
	case it.kind == itemClose && ref != nil && ref.Type == ast.ReferenceLinkFull:
		if t := "][" + string(ref.Value) + "]"; has(t) {
			return len(t)
		}
	case it.kind == itemClose && ref == nil && front:
		return inlineTail(b)
	}
	return -1
}

// inlineTail returns the length of the end of an inline link at the
// start of b: "](destination "title")". goldmark has parsed the link; this
// only finds where its syntax ends, so that a link that ends right where
// another construct ends ("[![alt](img.png)](url)") gets a code of its
// own.
func inlineTail(b []byte) int {
	if !bytes.HasPrefix(b, []byte("](")) {
		return -1
	}
	i := skipSpace(b, 2)
	if i < len(b) && b[i] == '<' {
		for i++; i < len(b) && b[i] != '>'; i++ {
			if b[i] == '\\' {
				i++
			} else if b[i] == '\n' || b[i] == '<' {
				return -1
			}
		}
		i++
	} else {
		depth := 0
	dest:
		for ; i < len(b); i++ {
			switch c := b[i]; {
			case c == '\\':
				i++
			case c == '(':
				depth++
			case c == ')':
				if depth == 0 {
					break dest
				}
				depth--
			case c <= ' ':
				break dest
			}
		}
	}
	i = skipSpace(b, i)
	if i < len(b) && (b[i] == '"' || b[i] == '\'' || b[i] == '(') {
		closer := b[i]
		if closer == '(' {
			closer = ')'
		}
		for i++; i < len(b) && b[i] != closer; i++ {
			if b[i] == '\\' {
				i++
			}
		}
		i = skipSpace(b, i+1)
	}
	if i < len(b) && b[i] == ')' {
		return i + 1
	}
	return -1
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n') {
		i++
	}
	return i
}

// breakLength returns the length of a hard line break ("  \n" or "\\\n")
// at the front or back of b.
func breakLength(b []byte, front bool) int {
	if front {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			return -1
		}
		head := string(b[:i])
		if head == "\\" || strings.Trim(head, " \t") == "" {
			return i + 1
		}
		return -1
	}
	if len(b) == 0 || b[len(b)-1] != '\n' {
		return -1
	}
	k := len(b) - 1
	if k > 0 && b[k-1] == '\\' {
		return 2
	}
	for k > 0 && (b[k-1] == ' ' || b[k-1] == '\t') {
		k--
	}
	return len(b) - k
}

// content turns spans into pieces: prose, paired codes and placeholders.
func (s *splitter) content(spans []span) Content {
	type code struct {
		piece   int
		open    bool
		close   bool
		nodes   []ast.Node
		partner int
	}
	var c Content
	var codes []code
	var stack []int // indexes into codes of unpaired opening codes
	for _, sp := range spans {
		raw := string(s.src[sp.start:sp.end])
		if sp.text {
			appendText(&c, raw)
			continue
		}
		if sp.start == sp.end {
			continue
		}
		k := code{piece: len(c), open: len(sp.items) > 0, close: len(sp.items) > 0, partner: -1}
		ctype := CtypeMarkdown
		if len(sp.items) == 1 {
			ctype = sp.items[0].ctype
		}
		for _, it := range sp.items {
			k.open = k.open && it.kind == itemOpen
			k.close = k.close && it.kind == itemClose
			k.nodes = append(k.nodes, it.node)
		}
		c = append(c, Piece{Kind: PH, Text: raw, Ctype: ctype})
		codes = append(codes, k)
		i := len(codes) - 1
		switch {
		case k.open:
			stack = append(stack, i)
		case k.close:
			for j := len(stack) - 1; j >= 0; j-- {
				if closes(codes[stack[j]].nodes, k.nodes) {
					codes[stack[j]].partner, codes[i].partner = i, stack[j]
					stack = stack[:j]
					break
				}
			}
		}
	}
	partner := map[int]int{} // piece index -> partner piece index
	for _, k := range codes {
		if k.partner >= 0 {
			partner[k.piece] = codes[k.partner].piece
		}
	}
	for i := range c {
		if j, ok := partner[i]; ok {
			if j > i {
				c[i].Kind = BPT
			} else {
				c[i].Kind, c[i].Ctype = EPT, ""
			}
		} else if c[i].Kind == PH && c[i].Ctype != CtypeChar && !isAtomType(c[i].Ctype) {
			// An opening or closing code that found no partner.
			c[i].Ctype = CtypeMarkdown
		}
	}
	numberCodes(c, partner)
	return c
}

func isAtomType(ctype string) bool {
	switch ctype {
	case CtypeCode, CtypeHTML, CtypeAutolink, CtypePlaceable, CtypeLinkLabel, CtypeBreak, CtypeMarkdown:
		return true
	}
	return false
}

// closes reports whether a code closing nodes (innermost first) closes
// exactly what a code opening open (outermost first) opened.
func closes(open, nodes []ast.Node) bool {
	if len(open) != len(nodes) {
		return false
	}
	for i := range open {
		if open[i] != nodes[len(nodes)-1-i] {
			return false
		}
	}
	return true
}

// numberCodes gives the codes ids 1, 2, … in order; the closing code of
// a pair takes its opening code's id.
func numberCodes(c Content, partner map[int]int) {
	n := 0
	for i := range c {
		if c[i].Kind == Text {
			continue
		}
		if j, ok := partner[i]; ok && j < i {
			c[i].ID = c[j].ID
			continue
		}
		n++
		c[i].ID = strconv.Itoa(n)
	}
}

// appendText appends prose, putting characters XML cannot hold into codes
// of their own and merging with a text piece before it.
func appendText(c *Content, s string) {
	for s != "" {
		i := strings.IndexFunc(s, func(r rune) bool { return !ValidChar(r) })
		if i < 0 {
			i = len(s)
		}
		if i > 0 {
			if n := len(*c); n > 0 && (*c)[n-1].Kind == Text {
				(*c)[n-1].Text += s[:i]
			} else {
				*c = append(*c, Piece{Kind: Text, Text: s[:i]})
			}
			s = s[i:]
			continue
		}
		j := strings.IndexFunc(s, ValidChar)
		if j < 0 {
			j = len(s)
		}
		*c = append(*c, Piece{Kind: PH, Text: s[:j], Ctype: CtypeChar})
		s = s[j:]
	}
}

// Align renumbers the codes of a translation, as FromMarkdown made them
// from the translated text, after the source's: a code with the same kind
// and Markdown as an unused code of the source takes its id (the closing
// code of a pair follows its opening code), so that a CAT tool sees the
// codes of the source in the target; other codes get new ids after the
// source's.
func Align(target, source Content) Content {
	out := append(Content(nil), target...)
	next := 1
	for _, p := range source {
		if n, err := strconv.Atoi(p.ID); err == nil && n >= next {
			next = n + 1
		}
	}
	used := map[int]bool{}
	renamed := map[string]string{} // opening code's id -> new id
	for i := range out {
		p := &out[i]
		switch p.Kind {
		case Text:
			continue
		case EPT:
			if id, ok := renamed[p.ID]; ok {
				p.ID = id
			}
			continue
		}
		old := p.ID
		found := -1
		for j, s := range source {
			if !used[j] && s.Kind == p.Kind && s.Text == p.Text {
				found = j
				break
			}
		}
		if found >= 0 {
			used[found] = true
			p.ID = source[found].ID
		} else {
			p.ID = strconv.Itoa(next)
			next++
		}
		if p.Kind == BPT {
			renamed[old] = p.ID
		}
	}
	return out
}

// Same reports whether content decoded from a file (d) is what c
// encodes to: the same prose and the same codes with the same ids. Code
// types are not compared; CAT tools may drop them.
func (c Content) Same(d Content) bool {
	if len(c) != len(d) {
		return false
	}
	for i := range c {
		a, b := c[i], d[i]
		if norm(a.Kind) != norm(b.Kind) || a.ID != b.ID || Display(a.Text) != b.Text {
			return false
		}
	}
	return true
}

// norm maps the content-less placeholders to the codes they stand for.
func norm(k Kind) Kind {
	switch k {
	case X:
		return PH
	case BX:
		return BPT
	case EX:
		return EPT
	}
	return k
}

// CodeError is a code in a target that Resolve cannot map to the source.
type CodeError struct {
	Piece Piece  // the code in the target
	Msg   string // what is wrong with it
}

// Error names the code and says what is wrong with it.
func (e *CodeError) Error() string {
	if e.Piece.ID == "" {
		return fmt.Sprintf("<%s> %s", e.Piece.Kind, e.Msg)
	}
	return fmt.Sprintf("<%s id=%q> %s", e.Piece.Kind, e.Piece.ID, e.Msg)
}

// Resolve returns the Markdown of a target: its prose, with each code
// replaced by the Markdown of the source's code of the same kind and id
// (<x/>, <bx/> and <ex/> stand for <ph>, <bpt> and <ept>). raw, when not
// nil, is the source as FromMarkdown made it, piece for piece, and gives
// the codes' exact Markdown (a character XML cannot hold comes back from
// there). A code whose content differs from the source's code, or that
// the source does not have, stands for its own content (a translation
// may have markup of its own, or a changed link); checking it against
// the source is the caller's job. A code with no content that the source
// does not have, or a <g> element, is a *CodeError.
func Resolve(target, source, raw Content) (string, error) {
	type key struct {
		k  Kind
		id string
	}
	index := map[key]int{}
	for i, p := range source {
		if p.Kind != Text {
			index[key{norm(p.Kind), p.ID}] = i
		}
	}
	var b strings.Builder
	for _, p := range target {
		switch p.Kind {
		case Text:
			b.WriteString(p.Text)
			continue
		case GStart, GEnd:
			return "", &CodeError{p, "is not supported: l10n exports <bpt>, <ept> and <ph> codes (was the file converted by another tool?)"}
		}
		i, ok := index[key{norm(p.Kind), p.ID}]
		if !ok {
			if p.Text == "" {
				return "", &CodeError{p, "is not in the source"}
			}
			// Markup of the translation's own, such as emphasis the
			// source does not have.
			b.WriteString(p.Text)
			continue
		}
		switch {
		case p.Text != "" && p.Text != source[i].Text:
			b.WriteString(p.Text)
		case raw != nil && i < len(raw):
			b.WriteString(raw[i].Text)
		default:
			b.WriteString(source[i].Text)
		}
	}
	return b.String(), nil
}
