package inline

import "github.com/yuin/goldmark"

// PlainTree is plainTree, for the differential tests of the external
// test package (which reads units through package segment).
func (s *Syntax) PlainTree(text string) *Tree { return s.plainTree(text) }

// GoldmarkTree is text read by goldmark alone, as Parse (line false) or
// ParseLine reads a text that is not plain.
func (s *Syntax) GoldmarkTree(text string, refs Refs, line bool) *Tree {
	if line {
		return goldmarkParse(s.line, text, refs)
	}
	return goldmarkParse(s.para, text, refs)
}

// FastTree is fastTree, for the differential tests.
func (s *Syntax) FastTree(text string) *Tree { return s.fastTree(text) }

// WithoutFastBlocks extends a parser as Extend does but without
// fastBlocks: goldmark's inline loop reads every block.
func (s *Syntax) WithoutFastBlocks() goldmark.Extender { return slowSyntax{s} }

type slowSyntax struct{ s *Syntax }

func (x slowSyntax) Extend(m goldmark.Markdown) { x.s.extend(m, false) }

// Text is the text of a plain tree of Text nodes alone, "" for any other.
func (t *Tree) Text() string { return t.text }
