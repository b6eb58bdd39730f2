package check

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	goldtext "github.com/yuin/goldmark/text"

	"github.com/l10n-dev/l10n/pipeline/edition"
	"github.com/l10n-dev/l10n/pipeline/inline"
	"github.com/l10n-dev/l10n/pipeline/segment"
)

// inventory counts the markup of a parsed unit.
type inventory struct {
	counted map[string]int // emphasis, strong, strikethrough, break
	// Markup whose content must survive, by kind (link, image, code,
	// html, placeable), each a multiset of destinations or contents.
	content map[string]map[string]int
	// urls are the link and image URLs as the browser reads them;
	// unsafe are those with a scheme an edition does not allow.
	urls   map[string]bool
	unsafe []unsafeURL
}

// unsafeURL is a link or image whose URL has a scheme outside
// edition.Schemes.
type unsafeURL struct {
	kind, typed, scheme, url string
}

// takeInventory returns the markup of a text; its maps are made on their
// first entry (most units have little markup), and a source's inventory
// is taken once for every locale. Only a source's URLs are looked up
// (Markup): urls says to keep them.
func takeInventory(t *Text, urls bool) *inventory {
	if t.inv != nil {
		return t.inv
	}
	inv := &inventory{}
	if t.terms != nil && urls {
		t.inv = inv // a source text (ParseSource): kept for the other locales
	}
	if !t.markdown {
		return inv
	}
	count := func(kind string) {
		if inv.counted == nil {
			inv.counted = map[string]int{}
		}
		inv.counted[kind]++
	}
	add := func(kind, v string) {
		if inv.content == nil {
			inv.content = map[string]map[string]int{}
		}
		if inv.content[kind] == nil {
			inv.content[kind] = map[string]int{}
		}
		inv.content[kind][v]++
	}
	_ = ast.Walk(t.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if u, ok := edition.Href(n, t.src); ok {
			if inv.urls == nil && urls {
				inv.urls = map[string]bool{}
			}
			if urls {
				inv.urls[u] = true
			}
			if s := edition.UnsafeScheme(u); s != "" {
				kind, typed := "link", ""
				switch n := n.(type) {
				case *ast.Link:
					typed = string(n.Destination)
				case *ast.Image:
					kind, typed = "image", string(n.Destination)
				case *ast.AutoLink:
					typed = string(n.URL(t.src))
				}
				inv.unsafe = append(inv.unsafe, unsafeURL{kind, typed, s, u})
			}
		}
		switch n := n.(type) {
		case *ast.Link:
			add("link", string(n.Destination))
		case *ast.AutoLink:
			add("link", string(n.URL(t.src)))
		case *ast.Image:
			add("image", string(n.Destination))
		case *ast.CodeSpan:
			// A line end inside a code span reads as a space
			// (CommonMark): a translation may reflow it.
			add("code", strings.NewReplacer("\r\n", " ", "\n", " ").Replace(inline.CodeText(n, t.src)))
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			add("html", inline.RawText(n, t.src))
		case *inline.Placeable:
			add("placeable", string(n.Value(t.src)))
		case *ast.Emphasis:
			if n.Level >= 2 {
				count("strong")
			} else {
				count("emphasis")
			}
		case *east.Strikethrough:
			count("strikethrough")
		case *ast.Text:
			if n.HardLineBreak() {
				count("break")
			}
		}
		return ast.WalkContinue, nil
	})
	return inv
}

// blockParser reads a text as an article of its own (goldmark's parsers
// are safe for concurrent use).
var blockParser = sync.OnceValue(func() parser.Parser { return segment.Markdown().Parser() })

// blockKinds returns c.blockKinds of t's frame, once.
func (t *Text) blockKinds(c *Checker) []string {
	if !t.blocksDone {
		t.blocks, t.blocksDone = c.blockKinds(t.Block), true
	}
	return t.blocks
}

// blockKinds returns the kinds of the top-level blocks of a text read as
// an article of its own (a unit's frame): what a translation's lines
// start (a list, a heading, a table, a link reference definition, a
// blank line between two paragraphs). A text whose lines cannot start a
// block is one paragraph, without a parse.
func (c *Checker) blockKinds(raw string) []string {
	// A translation's leading and trailing white space does not reach
	// the article.
	if raw = strings.TrimSpace(raw); raw == "" {
		return nil
	}
	if !mayStartBlock(raw) {
		return []string{"paragraph"}
	}
	var out []string
	root := c.blocks.Parse(goldtext.NewReader([]byte(raw)))
	for b := root.FirstChild(); b != nil; b = b.NextSibling() {
		out = append(out, blockName(b))
	}
	return out
}

// mayStartBlock reports whether a line of s is blank or may start a
// block other than a paragraph: it is cheap and errs on the side of yes
// (the parse decides).
func mayStartBlock(s string) bool {
	// Each line as strings.Split reads them, without the slice.
	for lines, more := s, true; more; {
		var l string
		l, lines, more = strings.Cut(lines, "\n")
		l = strings.TrimRight(strings.TrimLeft(l, " \t"), "\r")
		if l == "" {
			return true
		}
		rest := l[1:]
		next := byte(' ')
		if rest != "" {
			next = rest[0]
		}
		switch c := l[0]; {
		case c == '>' || c == '|' || c == '#':
			return true
		case c == '-' || c == '+' || c == '*':
			if next == ' ' || next == '\t' || strings.Trim(l, string(c)+" \t") == "" {
				return true // a bullet, a thematic break, a setext underline
			}
		case c == '=' || c == '_':
			if strings.Trim(l, string(c)+" \t") == "" {
				return true
			}
		case c == '`' || c == '~':
			if strings.HasPrefix(rest, string(c)+string(c)) {
				return true // a fence
			}
		case c == '<':
			if next == '/' || next == '!' || next == '?' || 'a' <= next|0x20 && next|0x20 <= 'z' {
				return true // an HTML block
			}
		case c == ':':
			if next == ' ' || next == '\t' {
				return true // a definition
			}
		case c == '[':
			if strings.Contains(l, "]:") {
				return true // a link reference definition
			}
		case '0' <= c && c <= '9':
			d := strings.TrimLeft(l, "0123456789")
			if len(l)-len(d) <= 9 && (strings.HasPrefix(d, ".") || strings.HasPrefix(d, ")")) {
				return true // an ordered list item
			}
		}
		if strings.Contains(l, "|") {
			return true // a table row
		}
	}
	return false
}

// blockName names a block kind for a message.
func blockName(n ast.Node) string {
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		return "paragraph"
	case *ast.Heading:
		return "heading"
	case *ast.List:
		return "list"
	case *ast.Blockquote:
		return "block quote"
	case *ast.ThematicBreak:
		return "thematic break"
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		return "code block"
	case *ast.HTMLBlock:
		return "HTML block"
	case *east.Table:
		return "table"
	case *east.DefinitionList:
		return "definition list"
	default:
		return strings.ToLower(n.Kind().String())
	}
}

// markupNoun returns the words messages use for a kind of markup.
func markupNoun(kind string) string {
	switch kind {
	case "link":
		return "link to"
	case "image":
		return "image"
	case "code":
		return "code span"
	case "html":
		return "inline HTML"
	case "break":
		return "hard line break"
	case "placeable":
		return "placeable"
	}
	return kind
}

// Markup compares the inline Markdown of the source and the target: the
// same links (with the same destinations), images (same sources), code
// spans (same content), inline HTML (same tags), placeables (unchanged),
// emphasis, strong, strikethrough and hard line breaks, and the same
// block structure (a translation of a paragraph that starts with "1." or
// "#" turns into a list or a heading). singleLine forbids line breaks
// (headings, table cells, definition terms), where nothing can start a
// block. Texts that are not Markdown have no markup.
func (c *Checker) Markup(src, tgt *Text, singleLine bool) []Finding {
	var out []Finding
	add := func(key, msg string, args ...any) {
		out = append(out, Finding{Check: Markup, Key: key, Severity: Error, Message: fmt.Sprintf(msg, args...)})
	}
	if singleLine && strings.ContainsAny(tgt.Raw, "\r\n") {
		add("newline", "a heading or table cell is one line: remove the line break")
	}
	if !src.markdown || !tgt.markdown {
		return out
	}
	s, t := takeInventory(src, true), takeInventory(tgt, false)
	for _, u := range t.unsafe {
		if !s.urls[u.url] {
			what, build := "link to", "build makes it #"
			if u.kind == "image" {
				what, build = "image", "build drops the image"
			}
			add(u.kind, "unsafe URL scheme %q in %s %s: %s; use %s or a relative URL",
				u.scheme, what, quote(u.typed), build, strings.Join(edition.Schemes, ", "))
		}
	}
	if !singleLine {
		sb, tb := src.blockKinds(c), tgt.blockKinds(c)
		if !slices.Equal(sb, tb) {
			add("block", "the translation reads as %s, the source as %s: escape the Markdown that starts a block (1\\. or \\#)",
				describeBlocks(tb), describeBlocks(sb))
		}
	}
	for _, kind := range []string{"link", "image", "code", "html", "placeable"} {
		for _, d := range diff(s.content[kind], t.content[kind]) {
			add(kind, "%s %s: source has %d, translation %d", markupNoun(kind), quote(d.value), d.src, d.tgt)
		}
	}
	for _, kind := range []string{"emphasis", "strong", "strikethrough", "break"} {
		if s.counted[kind] != t.counted[kind] {
			add(kind, "%s: source has %d, translation %d", markupNoun(kind), s.counted[kind], t.counted[kind])
		}
	}
	return out
}

func describeBlocks(b []string) string {
	if len(b) == 0 {
		return "nothing"
	}
	if len(b) == 1 {
		return "a " + b[0]
	}
	return fmt.Sprintf("%d blocks (%s)", len(b), strings.Join(b, ", "))
}

type difference struct {
	value    string
	src, tgt int
}

// diff returns the values whose counts differ between two multisets,
// sorted.
func diff(s, t map[string]int) []difference {
	if sameCounts(s, t) {
		return nil // as most translations keep their markup
	}
	var out []difference
	for v, n := range s {
		if t[v] != n {
			out = append(out, difference{v, n, t[v]})
		}
	}
	for v, n := range t {
		if _, ok := s[v]; !ok {
			out = append(out, difference{v, 0, n})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].value < out[j].value })
	return out
}

// sameCounts reports whether two multisets are the same: as many values,
// each with the same count in both.
func sameCounts(s, t map[string]int) bool {
	if len(s) != len(t) {
		return false
	}
	for v, n := range s {
		if m, ok := t[v]; !ok || m != n {
			return false
		}
	}
	return true
}
