package inline

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// Link is a link, an image or an autolink of a tree.
type Link struct {
	// Node is the *ast.Link, *ast.Image or *ast.AutoLink.
	Node ast.Node
	// Dest is the destination as the Markdown has it: a reference
	// link's is its definition's, an autolink's its URL (an e-mail
	// address without "mailto:").
	Dest string
}

// Links returns the links, images and autolinks under n, in order.
func Links(n ast.Node, src []byte) []Link {
	var out []Link
	eachLink(n, src, func(c ast.Node, t Target) { out = append(out, Link{c, t.Dest}) })
	return out
}

// eachLink calls fn with each link, image and autolink under n, in order,
// and where it points; it does not look inside an autolink or an atom.
func eachLink(n ast.Node, src []byte, fn func(ast.Node, Target)) {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if t, ok := TargetOf(c, src); ok {
			fn(c, t)
			if t.Auto {
				return ast.WalkSkipChildren, nil
			}
		}
		if IsAtom(c) {
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// Target is where a link, an image or an autolink points, as the
// Markdown has it: what a reader of its URL needs once the tree is gone.
type Target struct {
	// Dest is the destination (see Link.Dest).
	Dest string
	// Auto is true for an autolink, whose Dest is written as its label
	// has it; Email for an e-mail autolink.
	Auto, Email bool
}

// TargetOf returns the Target of a link, image or autolink node of src;
// ok is false for other nodes.
func TargetOf(n ast.Node, src []byte) (t Target, ok bool) {
	switch n := n.(type) {
	case *ast.Link:
		return Target{Dest: string(n.Destination)}, true
	case *ast.Image:
		return Target{Dest: string(n.Destination)}, true
	case *ast.AutoLink:
		return Target{Dest: string(n.URL(src)), Auto: true, Email: n.AutoLinkType == ast.AutoLinkEmail}, true
	}
	return Target{}, false
}

// Targets returns the Targets of Links(n, src), in order.
func Targets(n ast.Node, src []byte) []Target {
	var out []Target
	eachLink(n, src, func(_ ast.Node, t Target) { out = append(out, t) })
	return out
}

// Links is the package's Links of the tree's root.
func (t *Tree) Links() []Link { return Links(t.Root, t.Src) }

// Span is a byte range [Start, End) of a tree's source.
type Span struct{ Start, End int }

// Range returns the bytes an atom (see IsAtom) covers in src: a code span
// from its opening to its closing backticks, raw HTML, an autolink with
// its angle brackets (or the bare URL), a placeable. ok is false where
// the tree does not tell.
func Range(n ast.Node, src []byte) (s Span, ok bool) {
	switch c := n.(type) {
	case *ast.CodeSpan:
		return codeSpanRange(c, src)
	case *ast.RawHTML:
		if l := c.Segments.Len(); l > 0 {
			return Span{c.Segments.At(0).Start, c.Segments.At(l - 1).Stop}, true
		}
	case *ast.AutoLink:
		return autoLinkRange(c, src)
	case *Placeable:
		if start, end := c.Range(); start >= 0 {
			return Span{start, end}, true
		}
	}
	return Span{}, false
}

// codeSpanRange returns a code span's byte range: from its Pos, a run of
// backticks, to the next run of exactly as many (CommonMark's rule).
func codeSpanRange(c *ast.CodeSpan, src []byte) (Span, bool) {
	p := c.Pos()
	if p < 0 || p >= len(src) || src[p] != '`' {
		return Span{}, false
	}
	n := run(src, p, '`')
	for i := p + n; i < len(src); {
		if src[i] != '`' {
			i++
			continue
		}
		m := run(src, i, '`')
		if m == n {
			return Span{p, i + m}, true
		}
		i += m
	}
	return Span{}, false
}

// autoLinkRange returns an autolink's byte range: "<url>" or, from the
// GFM extension, the bare URL.
func autoLinkRange(c *ast.AutoLink, src []byte) (Span, bool) {
	p := c.Pos()
	if p < 0 || p >= len(src) {
		return Span{}, false
	}
	// A bare URL's position is that of the byte the GFM extension
	// started at: a space or a delimiter before the URL.
	if p+1 < len(src) && bytes.IndexByte([]byte(" \t\n*_~("), src[p]) >= 0 {
		p++
	}
	for _, v := range [][]byte{c.Label(src), c.URL(src)} {
		if len(v) == 0 {
			continue
		}
		if src[p] == '<' && bytes.HasPrefix(src[p+1:], v) && p+1+len(v) < len(src) && src[p+1+len(v)] == '>' {
			return Span{p, p + len(v) + 2}, true
		}
		if bytes.HasPrefix(src[p:], v) {
			return Span{p, p + len(v)}, true
		}
	}
	return Span{}, false
}

// run returns the length of the run of c at src[i:].
func run(src []byte, i int, c byte) int {
	n := 0
	for i+n < len(src) && src[i+n] == c {
		n++
	}
	return n
}

// CodeSpans returns the code spans under n, in order.
func CodeSpans(n ast.Node) []*ast.CodeSpan { return All[*ast.CodeSpan](n) }

// Placeables returns the placeables under n, in order.
func Placeables(n ast.Node) []*Placeable { return All[*Placeable](n) }

// All returns the nodes of type T under n (n included), in order; it
// does not look inside atoms (see IsAtom).
func All[T ast.Node](n ast.Node) []T {
	var out []T
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if t, ok := c.(T); ok {
			out = append(out, t)
		}
		if IsAtom(c) {
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return out
}

// RewriteLinks returns the tree's text with the destinations of its
// inline links (not images) as fn gives them: fn gets a destination as
// the Markdown writes it. One that fn makes something that would need
// escapes (a space, "<", ">", "(", ")"), reference links (whose
// definitions are the article's skeleton) and a link with no text are
// left as they are.
func (t *Tree) RewriteLinks(fn func(dest string) string) string {
	text := string(t.Src)
	if !strings.Contains(text, "](") {
		return text
	}
	src := t.Src
	var repls []struct {
		at, end int
		with    string
	}
	_ = ast.Walk(t.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		l, ok := n.(*ast.Link)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		dest := string(l.Destination)
		to := fn(dest)
		if to == dest {
			return ast.WalkContinue, nil
		}
		// The destination follows the link text: "](", spaces, "<".
		end := lastStop(l)
		if end < 0 {
			return ast.WalkContinue, nil
		}
		k := strings.Index(text[end:], "](")
		if k < 0 {
			return ast.WalkContinue, nil
		}
		at := end + k + 2
		for at < len(src) && (src[at] == ' ' || src[at] == '\t' || src[at] == '\n') {
			at++
		}
		if at < len(src) && src[at] == '<' {
			at++
		}
		if strings.HasPrefix(text[at:], dest) && !strings.ContainsAny(to, " <>()") {
			repls = append(repls, struct {
				at, end int
				with    string
			}{at, at + len(dest), to})
		}
		return ast.WalkContinue, nil
	})
	if len(repls) == 0 {
		return text
	}
	var b strings.Builder
	pos := 0
	for _, r := range repls {
		if r.at < pos {
			continue
		}
		b.WriteString(text[pos:r.at])
		b.WriteString(r.with)
		pos = r.end
	}
	b.WriteString(text[pos:])
	return b.String()
}

// lastStop returns the end of the last source segment inside a node, or -1.
func lastStop(n ast.Node) int {
	end := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			end = max(end, c.Segment.Stop)
		case *ast.RawHTML:
			if c.Segments.Len() > 0 {
				end = max(end, c.Segments.At(c.Segments.Len()-1).Stop)
			}
		}
		return ast.WalkContinue, nil
	})
	return end
}

// LabelLink returns the bytes of a link or image whose text is its
// reference label: "[ICRC]" (a shortcut reference) or "[ICRC][]" (a
// collapsed one), "![" for an image. Its text cannot change without
// breaking the link. ok is false for other nodes, and where the source
// does not hold the label verbatim at the node's position.
func LabelLink(n ast.Node, src []byte) (s Span, ok bool) {
	ref, open := Reference(n), "["
	if _, img := n.(*ast.Image); img {
		open = "!["
	}
	if ref == nil || ref.Type != ast.ReferenceLinkShortcut && ref.Type != ast.ReferenceLinkCollapsed {
		return Span{}, false
	}
	want := open + string(ref.Value) + "]"
	if ref.Type == ast.ReferenceLinkCollapsed {
		want += "[]"
	}
	p := n.Pos()
	if p < 0 || p > len(src) || !bytes.HasPrefix(src[p:], []byte(want)) {
		return Span{}, false
	}
	return Span{p, p + len(want)}, true
}

// Reference returns how a link or an image refers to its link reference
// definition, or nil (an inline link, another node).
func Reference(n ast.Node) *ast.ReferenceLink {
	switch n := n.(type) {
	case *ast.Link:
		return n.Reference
	case *ast.Image:
		return n.Reference
	}
	return nil
}
