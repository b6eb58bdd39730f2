// Package inline is l10n's inline Markdown: the one configuration of
// goldmark's inline parsing (CommonMark, the GFM strikethrough and bare
// links, placeables), the parse of a unit's text in its article's
// context, and the walks over the result that every stage needs: plain
// text, links and their destinations, code spans, placeables, a word
// count, link rewriting.
//
// The block layer (package segment) builds its article parser on Syntax
// and hands each article's Syntax and link reference definitions (Refs)
// on; the domain packages parse a unit once (Syntax.Parse) and derive
// what they need from that one Tree. The package is pure: it reads no
// files.
package inline

import (
	"regexp"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	goldtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Syntax is l10n's inline Markdown with a project's placeables:
// CommonMark's inline syntax, the GFM strikethrough and bare links
// (linkify), and placeables (see Placeable). It is safe for concurrent
// use.
type Syntax struct {
	ph *placeables
	// para reads a text as the inline content of a paragraph whose
	// leading link reference definitions are definitions; line reads
	// it as the content of a block on one line, which has none.
	para, line parser.Parser
	// notPlain are the bytes that make a text not plain (see plainTree),
	// notFast those that fastTree leaves to goldmark.
	notPlain, notFast [256]bool
}

// New returns the Syntax with a project's placeable patterns (see
// ParsePlaceable) besides Hugo's shortcodes and template actions.
func New(patterns ...*regexp.Regexp) *Syntax {
	if len(patterns) == 0 {
		return Default()
	}
	return newSyntax(patterns)
}

// Default returns the Syntax without project placeable patterns.
var Default = sync.OnceValue(func() *Syntax { return newSyntax(nil) })

func newSyntax(patterns []*regexp.Regexp) *Syntax {
	s := &Syntax{ph: newPlaceables(patterns)}
	s.notPlain, s.notFast = notPlainBytes(s.ph), notFastBytes(s.ph)
	parsers := append(parser.DefaultInlineParsers(), s.inlineParsers()...)
	// Only the paragraph parser: every line is inline content, whatever
	// it starts with ("---", "1. ", "# ").
	para := util.Prioritized(parser.NewParagraphParser(), 1000)
	s.para = parser.NewParser(
		parser.WithBlockParsers(para),
		parser.WithInlineParsers(parsers...),
		// A paragraph's leading link reference definitions stay: a
		// translation that starts with one defines a link in the
		// article too.
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
		parser.WithASTTransformers(util.Prioritized(s.ph, 1000)))
	s.line = parser.NewParser(
		parser.WithBlockParsers(para),
		parser.WithInlineParsers(parsers...),
		parser.WithASTTransformers(util.Prioritized(s.ph, 1000)))
	return s
}

// inlineParsers are the inline parsers l10n adds to CommonMark's.
func (s *Syntax) inlineParsers() []util.PrioritizedValue {
	return []util.PrioritizedValue{
		util.Prioritized(extension.NewStrikethroughParser(), 500),
		util.Prioritized(extension.NewLinkifyParser(), 999),
		util.Prioritized(placeableParser{s.ph}, 50),
	}
}

// Extend implements goldmark.Extender: it gives an article's parser the
// same inline syntax (the parsers, the transformer that finds the
// project's placeables inside prose) and its renderer the HTML of
// strikethrough and placeables.
//
// It adds fastTree's reading of the blocks it can read (fastBlocks), tried
// first at the bytes that trigger the other inline parsers: an article of
// news prose is read that way, block by block, without goldmark's inline
// loop, to the same tree.
func (s *Syntax) Extend(m goldmark.Markdown) { s.extend(m, true) }

// extend is Extend, with fastBlocks if fast.
func (s *Syntax) extend(m goldmark.Markdown, fast bool) {
	own := s.inlineParsers()
	if fast {
		b := newFastBlocks(s, append(parser.DefaultInlineParsers(), own...))
		own = append(own, util.Prioritized(b, 1))
	}
	m.Parser().AddOptions(
		parser.WithInlineParsers(own...),
		parser.WithASTTransformers(util.Prioritized(s.ph, 1000)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(extension.NewStrikethroughHTMLRenderer(), 500),
		util.Prioritized(placeableRenderer{}, 500)))
}

// Refs are an article's link reference definitions, in the context of
// which its units are read: "[foo]" is a link where the article defines
// foo.
type Refs []parser.Reference

// Tree is a unit's text parsed: Root is an ast.Document of one paragraph
// (more where the text has a blank line), whose segments are offsets
// into Src.
type Tree struct {
	Src  []byte
	Root ast.Node
	// text is the text of a plain tree (plainTree) of Text nodes alone,
	// which is what a reader reads of it (see Tree.Plain); "" for any
	// other tree.
	text string
}

// Parse reads text the way the article reads a unit's text in its place:
// as the inline content of a paragraph, whatever its lines start with (a
// line "---" or "1. " that continues a paragraph in the article is text
// here too), with the article's link reference definitions and
// placeables. As in the article, definitions at the start of the text
// are definitions, and a blank line separates two paragraphs.
func (s *Syntax) Parse(text string, refs Refs) *Tree { return s.parse(s.para, text, refs) }

// ParseLine is Parse for a unit where the article reads no link
// reference definition (a heading, a table cell, a definition term, a
// front-matter field: units on one line): a text that starts like one
// ("[1]: Notes") is text, as the article reads it there.
func (s *Syntax) ParseLine(text string, refs Refs) *Tree { return s.parse(s.line, text, refs) }

// parse reads text with p: a plain text (see plainTree) and one of news
// prose's common syntax (see fastTree) without goldmark, any other
// through it.
func (s *Syntax) parse(p parser.Parser, text string, refs Refs) *Tree {
	if t := s.plainTree(text); t != nil {
		return t
	}
	if t := s.fastTree(text); t != nil {
		return t
	}
	return goldmarkParse(p, text, refs)
}

// goldmarkParse reads text with goldmark's parser p.
func goldmarkParse(p parser.Parser, text string, refs Refs) *Tree {
	ctx := parser.NewContext()
	for _, r := range refs {
		ctx.AddReference(r)
	}
	src := []byte(text)
	return &Tree{Src: src, Root: p.Parse(goldtext.NewReader(src), parser.WithContext(ctx))}
}
