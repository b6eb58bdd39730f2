// Package segment cuts a Markdown article into translation units and puts
// translated units back into the article's skeleton.
//
// A unit is the inline content of one leaf block (a heading, a paragraph, a
// table cell, a definition-list term) or a translatable front-matter field.
// One rule makes a leaf block skeleton: its inline text has no letter
// outside code spans, raw HTML, autolinks and placeables (see Placeable).
// The skeleton is the source itself: each unit records the byte spans of
// its content lines, and everything between and around them (container
// prefixes, blank lines, markers, code blocks, HTML blocks) is copied from
// the source unchanged. Segmentation is deterministic, so the skeleton is
// never stored.
package segment

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	goldtext "github.com/yuin/goldmark/text"

	"github.com/l10n-dev/l10n/internal/fileerr"
	"github.com/l10n-dev/l10n/internal/textpos"
	"github.com/l10n-dev/l10n/pipeline/inline"
)

// Kind says what sort of block a unit comes from.
type Kind string

// Unit kinds.
const (
	Title       Kind = "title"       // front-matter title
	Summary     Kind = "summary"     // front-matter summary
	Description Kind = "description" // front-matter description
	Heading     Kind = "heading"
	Paragraph   Kind = "paragraph"
	Cell        Kind = "cell" // table cell
	Term        Kind = "term" // definition-list term
)

// Span is a half-open byte range [Start, End) of the source.
type Span struct{ Start, End int }

// Unit is one translation unit.
type Unit struct {
	Kind  Kind
	Level int // heading level, 1–6; 0 for other kinds

	// Text is what a translator sees: the content lines joined by "\n"
	// (by " " where two paragraphs were merged into one sentence). For a
	// front-matter field it is the decoded YAML value.
	Text string

	// Parts are the byte spans of the content lines in the source.
	Parts []Span
	// Joins has one entry per gap between Parts: true where the gap is a
	// paragraph break inside a sentence that the source split in two.
	Joins []bool

	// Line is the 1-based source line of the unit's first byte.
	Line int

	// SingleLine is set where the syntax allows no line break inside the
	// unit (ATX heading, table cell, definition term, front-matter field).
	SingleLine bool

	// yamlStyle is the front-matter value's quoting: 0 (plain), '\'', '"'
	// or '|' (a block or multi-line scalar).
	yamlStyle byte
}

// Merged reports whether the unit joins paragraphs that the source split
// in the middle of a sentence.
func (u *Unit) Merged() bool {
	for _, j := range u.Joins {
		if j {
			return true
		}
	}
	return false
}

// FrontMatter reports whether the unit is a front-matter field.
func (u *Unit) FrontMatter() bool {
	return u.Kind == Title || u.Kind == Summary || u.Kind == Description
}

// Span returns the byte range from the unit's first to its last content byte.
func (u *Unit) Span() Span {
	return Span{u.Parts[0].Start, u.Parts[len(u.Parts)-1].End}
}

// Doc is a segmented article.
type Doc struct {
	Src   []byte
	Units []Unit
	// Body is the offset where the Markdown body starts (after a BOM and
	// front matter).
	Body int
	// FrontMatter is the span of the YAML between the front-matter fences,
	// or an empty span.
	FrontMatter Span
	// Refs are the article's link reference definitions.
	Refs inline.Refs
	// Targets are where the body's links, images and autolinks point,
	// in order (inline.Targets).
	Targets []inline.Target
	// Syntax reads the inline Markdown of the article's units: l10n's
	// with the project's placeables.
	Syntax *inline.Syntax

	full parser.Parser // the article parser it was read with
	crlf bool          // the source has a "\r\n" line break
}

// Tree parses a unit's text (the source's or a translation) the way the
// article's parser reads it in its place (see inline.Syntax.Parse): in
// the context of the article's link reference definitions and with its
// placeables.
func (d *Doc) Tree(text string) *inline.Tree { return d.Syntax.Parse(text, d.Refs) }

// Inline is Tree's root: the node alone, for a caller that walks it
// only; check.New takes Tree, whose Src its checks read too, and new code
// uses Tree and derives what it needs from the one parse.
func (d *Doc) Inline(text string) ast.Node { return d.Tree(text).Root }

// UnitTree is Tree for the place of unit i. Where the article reads no
// link reference definition (a heading, a table cell, a definition
// term, a front-matter field: units on one line), a text that starts
// like one ("[1]: Notes") is text, as the article reads it there.
func (d *Doc) UnitTree(i int, text string) *inline.Tree {
	if d.Units[i].SingleLine {
		return d.Syntax.ParseLine(text, d.Refs)
	}
	return d.Tree(text)
}

// Title returns the article's title: the front-matter title, else the
// first heading's text, else "".
func (d *Doc) Title() (int, bool) {
	for i := range d.Units {
		if d.Units[i].Kind == Title {
			return i, true
		}
	}
	for i := range d.Units {
		if d.Units[i].Kind == Heading {
			return i, true
		}
	}
	return -1, false
}

// Error is bad input at a line of an article: the file:line error every
// parser of l10n returns.
type Error = fileerr.Error

// Markdown returns the goldmark instance l10n parses articles with:
// CommonMark plus the GFM table extension, definition lists (as Hugo has
// them), Hugo's shortcodes on lines of their own (PlaceableBlock), and
// the inline syntax of package inline (GFM strikethrough and bare links,
// Hugo's shortcodes and template actions as placeables).
func Markdown(opts ...goldmark.Option) goldmark.Markdown {
	return markdown(inline.Default(), opts...)
}

func markdown(syn *inline.Syntax, opts ...goldmark.Option) goldmark.Markdown {
	opts = append([]goldmark.Option{goldmark.WithExtensions(extension.Table, extension.DefinitionList,
		syn, placeableBlocks{})}, opts...)
	return goldmark.New(opts...)
}

// defaultParser is the article parser without project placeables
// (goldmark's parsers are safe for concurrent use).
var defaultParser = sync.OnceValue(func() parser.Parser { return Markdown().Parser() })

// Parser is a reusable article parser, safe for concurrent use.
type Parser struct {
	syntax *inline.Syntax
	full   parser.Parser
}

// Option configures a Parser.
type Option func(*[]*regexp.Regexp)

// WithPlaceables adds a project's placeable patterns (see ParsePlaceable)
// to Hugo's shortcodes and template actions.
func WithPlaceables(patterns ...*regexp.Regexp) Option {
	return func(p *[]*regexp.Regexp) { *p = append(*p, patterns...) }
}

// NewParser returns a parser.
func NewParser(opts ...Option) *Parser {
	var patterns []*regexp.Regexp
	for _, o := range opts {
		o(&patterns)
	}
	if len(patterns) == 0 {
		return &Parser{syntax: inline.Default(), full: defaultParser()}
	}
	syn := inline.New(patterns...)
	return &Parser{syntax: syn, full: markdown(syn).Parser()}
}

// Parse segments src. It is shorthand for NewParser().Parse(src).
func Parse(src []byte) (*Doc, error) { return NewParser().Parse(src) }

var bom = []byte("\xef\xbb\xbf")

// control returns the offset of the first C0 control character of src
// that is not a tab or part of a line break, or -1. goldmark reads a
// vertical tab or a form feed at a line's start as indentation ("\v>A" is
// a block quote) where l10n's units and CommonMark do not, and YAML
// refuses the others where an article's text reaches a catalog's
// comments: such a character in a news article is a paste's leftover.
func control(src []byte) int {
	for i, c := range src {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return i
		}
	}
	return -1
}

// loneCR returns the offset of the first "\r" in src that is not part of
// a "\r\n", or -1. CommonMark ends a line there; goldmark reads it as a
// character of the line, so a unit read alone (its lines joined with
// "\n") would not read as it does in place: such an article is refused.
func loneCR(src []byte) int {
	for off := 0; ; {
		i := bytes.IndexByte(src[off:], '\r')
		if i < 0 {
			return -1
		}
		off += i
		if off+1 == len(src) || src[off+1] != '\n' {
			return off
		}
		off += 2
	}
}

// Parse segments src into units.
func (p *Parser) Parse(src []byte) (*Doc, error) {
	if line, bad := textpos.InvalidUTF8Line(src); bad {
		return nil, fileerr.New(line, "invalid UTF-8")
	}
	if err := tooLarge(src); err != nil {
		return nil, err
	}
	if i := control(src); i >= 0 {
		return nil, fileerr.Errorf(bytes.Count(src[:i], []byte("\n"))+1,
			"a control character (U+%04X): l10n reads articles without them, but for tabs and line breaks", src[i])
	}
	if i := loneCR(src); i >= 0 {
		return nil, fileerr.New(bytes.Count(src[:i], []byte("\n"))+1,
			"a carriage return that ends no line (\\r without \\n): l10n reads \\n and \\r\\n line breaks")
	}
	d := &Doc{Src: src, Syntax: p.syntax, full: p.full, crlf: bytes.Contains(src, []byte("\r\n"))}
	if bytes.HasPrefix(src, bom) {
		d.Body = len(bom)
	}
	if err := d.frontMatter(); err != nil {
		return nil, err
	}
	body := src[d.Body:]
	if err := p.checkLimits(body, bytes.Count(src[:d.Body], []byte("\n"))+1); err != nil {
		return nil, err
	}
	ctx := parser.NewContext()
	root := p.full.Parse(goldtext.NewReader(body), parser.WithContext(ctx))
	d.Refs = ctx.References()
	if err := p.checkDefinitions(root, body, ctx, bytes.Count(src[:d.Body], []byte("\n"))+1); err != nil {
		return nil, err
	}
	d.Targets = inline.Targets(root, body)
	w := walker{doc: d, body: body}
	w.blocks(root)
	w.mergeSplitSentences(root)
	// Units are in source order, which goldmark's tree may not be: a
	// setext underline after a table that took a paragraph's last line
	// ("A\nA\n-:\n-") puts the heading after the table.
	slices.SortStableFunc(d.Units, func(a, b Unit) int { return a.Parts[0].Start - b.Parts[0].Start })
	line, pos := 1, 0
	for i := range d.Units {
		u := &d.Units[i]
		// Count each line break once.
		if start := u.Parts[0].Start; start >= pos {
			line += bytes.Count(src[pos:start], []byte("\n"))
			pos = start
		} else {
			line, pos = lineAt(src, start), start
		}
		u.Line = line
		if !u.FrontMatter() {
			u.Text = d.joinParts(u)
		}
	}
	return d, nil
}

func (d *Doc) joinParts(u *Unit) string {
	var b strings.Builder
	for i, p := range u.Parts {
		if i > 0 {
			if u.Joins[i-1] {
				b.WriteByte(' ')
			} else {
				b.WriteByte('\n')
			}
		}
		b.Write(d.Src[p.Start:p.End])
	}
	return b.String()
}

func lineAt(src []byte, off int) int {
	if off > len(src) {
		off = len(src)
	}
	return bytes.Count(src[:off], []byte("\n")) + 1
}

type walker struct {
	doc  *Doc
	body []byte
	// blockOf maps a unit index to the paragraph node it came from, for
	// merging split sentences.
	paras map[ast.Node]int
}

func (w *walker) blocks(root ast.Node) {
	w.paras = map[ast.Node]int{}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			w.leaf(n, Heading, n.Level, w.isATX(n))
			return ast.WalkSkipChildren, nil
		case *ast.Paragraph, *ast.TextBlock:
			if i, ok := w.leaf(n, Paragraph, 0, false); ok {
				if _, isPara := n.(*ast.Paragraph); isPara {
					w.paras[n] = i
				}
			}
			return ast.WalkSkipChildren, nil
		case *east.TableCell:
			w.leaf(n, Cell, 0, true)
			return ast.WalkSkipChildren, nil
		case *east.DefinitionTerm:
			w.leaf(n, Term, 0, true)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// isATX reports whether a heading is an ATX heading (one line, '#').
func (w *walker) isATX(h *ast.Heading) bool {
	if h.Lines().Len() == 0 {
		// An empty heading: it is ATX if its line starts with '#'.
		return true
	}
	s := h.Lines().At(0)
	ls := bytes.LastIndexByte(w.body[:s.Start], '\n') + 1
	return bytes.Contains(w.body[ls:s.Start], []byte("#"))
}

// leaf records the inline content of a leaf block as a unit, if it holds
// anything to translate. It returns the unit's index.
func (w *walker) leaf(n ast.Node, kind Kind, level int, single bool) (int, bool) {
	lines := n.Lines()
	if lines.Len() == 0 {
		return 0, false
	}
	marker := alertMarker(n, w.body)
	if !translatable(n, w.body, lines.At(0).Start+marker) {
		return 0, false
	}
	u := Unit{Kind: kind, Level: level, SingleLine: single}
	off := w.doc.Body
	for i := 0; i < lines.Len(); i++ {
		s := lines.At(i)
		start, end := s.Start, s.Stop
		if i == 0 {
			start += marker
		}
		for start < end && (w.body[start] == ' ' || w.body[start] == '\t') {
			start++
		}
		for end > start && (w.body[end-1] == '\n' || w.body[end-1] == '\r') {
			end--
		}
		if i == lines.Len()-1 {
			for end > start && (w.body[end-1] == ' ' || w.body[end-1] == '\t') {
				end--
			}
		}
		if start == end && i == 0 {
			continue // a line of its own the alert marker was
		}
		u.Parts = append(u.Parts, Span{off + start, off + end})
		if len(u.Parts) > 1 {
			u.Joins = append(u.Joins, false)
		}
	}
	w.doc.Units = append(w.doc.Units, u)
	return len(w.doc.Units) - 1, true
}

// alert matches the marker of an alert, GitHub's and Hugo's: "[!NOTE]",
// "[!WARNING]+" (foldable) at the start of a block quote.
var alert = regexp.MustCompile(`^\[![A-Za-z]+\][+-]?(?:[ \t]|\r?\n|$)`)

// alertMarker returns the length of the alert marker that starts
// paragraph n, the first block of a block quote, or 0. The marker is
// the site's markup, like the quote's ">": a title after it is prose.
func alertMarker(n ast.Node, src []byte) int {
	if _, ok := n.(*ast.Paragraph); !ok || n.PreviousSibling() != nil {
		return 0
	}
	if _, ok := n.Parent().(*ast.Blockquote); !ok {
		return 0
	}
	first := n.Lines().At(0)
	loc := alert.FindIndex(src[first.Start:first.Stop])
	if loc == nil {
		return 0
	}
	return loc[1]
}

// translatable reports whether a block's inline content (from byte from
// of src on) holds a letter that a reader reads as prose: in its text,
// link text or image description, outside code spans, raw HTML,
// autolinks and bare URLs, and placeables. It is the one rule that makes
// a leaf block skeleton.
func translatable(n ast.Node, src []byte, from int) bool {
	found := false
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if inline.IsAtom(c) {
			return ast.WalkSkipChildren, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			seg := c.Segment
			if seg.Stop <= from {
				break
			}
			seg.Start = max(seg.Start, from)
			// An entity or numeric reference can stand for a letter.
			if hasLetter(inline.Decode(seg.Value(src))) {
				found = true
				return ast.WalkStop, nil
			}
		case *ast.String:
			if hasLetter(c.Value) {
				found = true
				return ast.WalkStop, nil
			}
		}
		return ast.WalkContinue, nil
	})
	return found
}

// proseOf returns the prose of a block as the Markdown has it (escapes
// and references unresolved), line breaks as spaces: what decides
// whether two paragraphs are one sentence.
func proseOf(n ast.Node, src []byte) string {
	return inline.Plain(n, src, inline.PlainOptions{Verbatim: true})
}

func hasLetter(b []byte) bool {
	for _, r := range string(b) {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// atLeastWords reports whether s holds at least n words separated by
// white space (as strings.Fields splits them).
func atLeastWords(s string, n int) bool {
	in := false
	for _, r := range s {
		space := unicode.IsSpace(r)
		if !space && !in {
			if n--; n == 0 {
				return true
			}
		}
		in = !space
	}
	return n <= 0
}

// mergeSplitSentences joins two consecutive top-level paragraphs into one
// unit where the first stops mid-sentence and the second continues it:
// the first is a sentence of at least minWords words that starts with a
// capital letter and ends without closing punctuation, and the second
// starts with a lower-case letter.
func (w *walker) mergeSplitSentences(root ast.Node) {
	const minWords = 6
	drop := map[int]bool{}
	for a := root.FirstChild(); a != nil; a = a.NextSibling() {
		b := a.NextSibling()
		ia, okA := w.paras[a]
		ib, okB := w.paras[b]
		if !okA || !okB || drop[ia] {
			continue
		}
		ta := strings.TrimSpace(proseOf(a, w.body))
		first, _ := utf8.DecodeRuneInString(ta)
		last, _ := utf8.DecodeLastRuneInString(ta)
		if !unicode.IsUpper(first) || !unicode.IsLetter(last) && !unicode.IsDigit(last) {
			continue
		}
		tb := strings.TrimSpace(proseOf(b, w.body))
		next, _ := utf8.DecodeRuneInString(tb)
		if !unicode.IsLower(next) || !atLeastWords(ta, minWords) || !atLeastWords(tb, 2) {
			continue
		}
		// The first paragraph's own text must end the block too: a
		// trailing link or emphasis is fine, a trailing code span is not.
		ua, ub := &w.doc.Units[ia], &w.doc.Units[ib]
		ua.Joins = append(ua.Joins, true)
		ua.Joins = append(ua.Joins, ub.Joins...)
		ua.Parts = append(ua.Parts, ub.Parts...)
		drop[ib] = true
	}
	if len(drop) == 0 {
		return
	}
	kept := w.doc.Units[:0]
	for i, u := range w.doc.Units {
		if !drop[i] {
			kept = append(kept, u)
		}
	}
	w.doc.Units = kept
}
