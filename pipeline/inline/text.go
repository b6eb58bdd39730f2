package inline

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// IsAtom reports whether n is inline markup whose content is not prose:
// a code span, raw HTML, an autolink (or bare URL) or a placeable. A
// translation keeps each atom as it is.
func IsAtom(n ast.Node) bool {
	switch n.(type) {
	case *ast.CodeSpan, *ast.RawHTML, *ast.AutoLink, *Placeable:
		return true
	}
	return false
}

// ObjectMark stands for an atom in a plain text written with MarkAtoms.
const ObjectMark = '\uFFFC'

// Atoms says how Plain writes the atoms (see IsAtom).
type Atoms uint8

// The ways to write atoms.
const (
	// DropAtoms leaves them out.
	DropAtoms Atoms = iota
	// MarkAtoms writes each as one ObjectMark: a check sees that
	// something stands there, and no word of it.
	MarkAtoms
	// ShowAtoms writes what a reader reads of them: a code span's
	// content and an autolink's text; raw HTML and placeables are left
	// out.
	ShowAtoms
)

// PlainOptions say how Plain writes a tree's text.
type PlainOptions struct {
	Atoms Atoms
	// Lines writes a line break inside a paragraph, and the boundary
	// between two top-level blocks, as "\n"; without it a line break is
	// a space and blocks are not separated.
	Lines bool
	// Verbatim writes prose as the Markdown has it, backslash escapes
	// and entity references unresolved.
	Verbatim bool
}

// Plain returns the text of n as a reader reads it, with o's choices:
// the text of its Text nodes (link and image text included, destinations
// left out), escapes and entity references resolved, and its atoms as
// o.Atoms says. n is a tree's root or any node of it; src is the source
// its segments point into.
func Plain(n ast.Node, src []byte, o PlainOptions) string {
	var b strings.Builder
	if n.Parent() == nil {
		// A whole text: what a reader reads of it is about as long as
		// its Markdown.
		b.Grow(len(src))
	}
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if o.Lines && entering && c != n && c.Type() == ast.TypeBlock && c.Parent() == n && b.Len() > 0 {
			b.WriteByte('\n')
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		if IsAtom(c) {
			switch o.Atoms {
			case MarkAtoms:
				b.WriteRune(ObjectMark)
			case ShowAtoms:
				switch c := c.(type) {
				case *ast.CodeSpan:
					b.WriteString(CodeText(c, src))
				case *ast.AutoLink:
					b.Write(c.Label(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			if o.Verbatim {
				b.Write(c.Segment.Value(src))
			} else {
				b.Write(Decode(c.Segment.Value(src)))
			}
			if c.SoftLineBreak() || c.HardLineBreak() {
				if o.Lines {
					b.WriteByte('\n')
				} else {
					b.WriteByte(' ')
				}
			}
		case *ast.String:
			if !o.Verbatim {
				b.Write(c.Value)
			}
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// Plain is the package's Plain of the tree's root. Of a plain text's
// tree (no inline syntax, no placeable), that is the text itself, its
// line breaks spaces unless o.Lines: no walk, no copy.
func (t *Tree) Plain(o PlainOptions) string {
	switch {
	case t.text != "" && o.Lines:
		return t.text
	case t.text != "":
		return strings.ReplaceAll(t.text, "\n", " ")
	}
	return Plain(t.Root, t.Src, o)
}

// Decode resolves the backslash escapes and the entity and numeric
// character references of prose as the Markdown has it, in one pass as
// an HTML renderer reads them: "\&amp;" is "&amp;", "&#92;*" is "\*".
func Decode(v []byte) []byte {
	if bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, '&') < 0 {
		return v
	}
	out := make([]byte, 0, len(v))
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c == '\\' && i+1 < len(v) && util.IsPunct(v[i+1]):
			out = append(out, v[i+1])
			i++
		case c == '&':
			// A reference is at most "&" + 32 name bytes + ";".
			end := bytes.IndexByte(v[i:min(len(v), i+34)], ';')
			if end < 0 {
				out = append(out, c)
				continue
			}
			r, ok := CharRef(v[i : i+end+1])
			if !ok {
				out = append(out, c)
				continue
			}
			out = append(out, r...)
			i += end
		default:
			out = append(out, c)
		}
	}
	return out
}

// CharRef resolves one entity or numeric character reference, ref
// running from its "&" to its ";" ("&amp;", "&#70;", "&#x46;"), as
// CommonMark reads it; ok is false when ref is none ("&bogus;").
func CharRef(ref []byte) (r []byte, ok bool) {
	if r, ok := numericReference(ref); ok {
		return r, true
	}
	if len(ref) < 3 || ref[0] != '&' || ref[len(ref)-1] != ';' {
		return nil, false
	}
	for _, c := range ref[1 : len(ref)-1] {
		// A name is letters and digits ("&\&uml;" is none).
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return nil, false
		}
	}
	r = util.ResolveEntityNames(ref)
	return r, !bytes.Equal(r, ref)
}

// numericReference resolves a numeric character reference ("&#70;",
// "&#x46;") as CommonMark reads it: one to seven decimal digits (a
// leading zero is no octal: "&#070;" is "F") or one to six hex digits;
// zero, a surrogate or a value past U+10FFFF is U+FFFD. ok is false when
// ref is no numeric reference.
func numericReference(ref []byte) (r []byte, ok bool) {
	if len(ref) < 4 || ref[1] != '#' {
		return nil, false
	}
	digits, base, most := ref[2:len(ref)-1], 10, 7
	if digits[0] == 'x' || digits[0] == 'X' {
		digits, base, most = digits[1:], 16, 6
	}
	if len(digits) == 0 || len(digits) > most {
		return nil, false
	}
	v := 0
	for _, c := range digits {
		d := 0
		switch {
		case '0' <= c && c <= '9':
			d = int(c - '0')
		case base == 16 && 'a' <= c|0x20 && c|0x20 <= 'f':
			d = int(c|0x20-'a') + 10
		default:
			return nil, false
		}
		v = v*base + d
	}
	if v == 0 || v > utf8.MaxRune || 0xD800 <= v && v <= 0xDFFF {
		v = utf8.RuneError
	}
	return utf8.AppendRune(nil, rune(v)), true
}

// CodeText returns a code span's content as the Markdown has it (a line
// break inside it included).
func CodeText(c *ast.CodeSpan, src []byte) string {
	var b strings.Builder
	for k := c.FirstChild(); k != nil; k = k.NextSibling() {
		switch k := k.(type) {
		case *ast.Text:
			b.Write(k.Segment.Value(src))
		case *ast.String:
			b.Write(k.Value)
		}
	}
	return b.String()
}

// RawText returns the bytes of an inline raw HTML tag.
func RawText(h *ast.RawHTML, src []byte) string {
	var b strings.Builder
	for i := 0; i < h.Segments.Len(); i++ {
		s := h.Segments.At(i)
		b.Write(s.Value(src))
	}
	return b.String()
}

// Words counts the words of a tree: the runs between spaces of its plain
// text (atoms marked) that hold a letter or a digit. Link and image
// destinations, code spans, raw HTML, autolinks, placeables and Markdown
// punctuation are no words.
func (t *Tree) Words() int {
	n := 0
	for _, f := range strings.Fields(t.Plain(PlainOptions{Atoms: MarkAtoms})) {
		if strings.IndexFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			n++
		}
	}
	return n
}
