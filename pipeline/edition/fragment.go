package edition

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"

	"github.com/l10n-dev/l10n/pipeline/inline"
)

// placeholderAttr marks a raw HTML node while its block is checked: the
// node renders as the attribute's value, a placeholder the sanitizer
// leaves alone.
var placeholderAttr = []byte("l10n-placeholder")

// pageRenderer renders the nodes that the edition adds or treats its own
// way: inline raw HTML (as it is, or as its placeholder) and verbatim
// HTML.
type pageRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (pageRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkSkipChildren, nil
		}
		if v, ok := n.AttributeString(string(placeholderAttr)); ok {
			_, _ = w.Write(v.([]byte))
			return ast.WalkSkipChildren, nil
		}
		_, _ = w.Write(rawBytes(n.(*ast.RawHTML), src))
		return ast.WalkSkipChildren, nil
	})
	reg.Register(kindVerbatim, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.Write(n.(*verbatim).html)
		}
		return ast.WalkSkipChildren, nil
	})
}

func rawBytes(n *ast.RawHTML, src []byte) []byte {
	var b []byte
	for i := 0; i < n.Segments.Len(); i++ {
		seg := n.Segments.At(i)
		b = append(b, seg.Value(src)...)
	}
	return b
}

// verbatim is HTML that the sanitizer wrote in place of a block's content.
type verbatim struct {
	ast.BaseInline
	html []byte
}

var kindVerbatim = ast.NewNodeKind("L10nVerbatim")

// Kind implements ast.Node.
func (n *verbatim) Kind() ast.NodeKind { return kindVerbatim }

// Dump implements ast.Node.
func (n *verbatim) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"HTML": string(n.html)}, nil)
}

// sanitizeFragments runs the HTML of every block of translated text (a
// paragraph, heading or table cell in one of p.Units) through
// sanitizeFragment. Where the sanitizer would change nothing but its own
// spelling (entities, attribute order, "<br/>"), the block renders as
// goldmark writes it; otherwise its content becomes the sanitizer's HTML
// and the change is reported.
func sanitizeFragments(r renderer.Renderer, root ast.Node, src []byte, p Page) error {
	blocks := translatedBlocks(root, p)
	if len(blocks) == 0 {
		return nil
	}
	f := newFragment(p.SourceURLs)
	for _, b := range blocks {
		clean, err := f.sanitize(r, b, src)
		if err != nil {
			return err
		}
		if clean == nil {
			continue
		}
		for c := b.FirstChild(); c != nil; {
			next := c.NextSibling()
			b.RemoveChild(b, c)
			c = next
		}
		b.AppendChild(b, &verbatim{html: clean})
		p.warn(b.Lines().At(0).Start, "markup the HTML sanitizer does not allow was removed")
	}
	return nil
}

// translatedBlocks returns the blocks of translated text of a page: the
// paragraphs, headings and table cells in its translated units.
func translatedBlocks(root ast.Node, p Page) []ast.Node {
	var blocks []ast.Node
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.(type) {
		case *ast.Paragraph, *ast.Heading, *ast.TextBlock, *east.TableCell:
			if n.Lines().Len() == 0 {
				return ast.WalkSkipChildren, nil
			}
			if u := p.unitAt(n.Lines().At(0).Start); u != nil && u.Translated {
				blocks = append(blocks, n)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return blocks
}

// newFragment returns the checker of a page's blocks, given the source's
// URLs.
func newFragment(urls map[string]bool) *fragment {
	var nonce [8]byte
	_, _ = rand.Read(nonce[:])
	f := &fragment{nonce: hex.EncodeToString(nonce[:]), urls: urls}
	f.w = bufferWriter{&f.buf}
	return f
}

// fragment checks the blocks of one page. A translation cannot guess its
// placeholders: they carry a random nonce.
type fragment struct {
	nonce string
	urls  map[string]bool // the source's URLs
	saved []string        // what placeholder i stands for
	buf   bytes.Buffer    // a block's HTML
	w     bufferWriter    // writes to buf
}

// sanitize renders the content of block b and returns nil if the
// sanitizer leaves it as it is, else the sanitizer's HTML.
//
// The source's raw HTML in the block, and URLs the sanitizer cannot judge
// but that are safe (the source's own, "" and "#", which Go's URL parser
// turns into nothing), are swapped for placeholders first and put back
// after.
func (f *fragment) sanitize(r renderer.Renderer, b ast.Node, src []byte) ([]byte, error) {
	if f.kept(b, src) {
		return nil, nil
	}
	return f.judge(r, b, src)
}

// kept reports, without rendering it, that the sanitizer leaves the
// content of block b as goldmark renders it: every inline node in it
// renders as markup sanitizeFragment allows, with no attributes but the
// allowed ones (text, emphasis, strikethrough, code spans, line breaks,
// placeables; the source's raw HTML, which judge swaps for a
// placeholder), and the URL of each link, autolink and image is one that
// maskURLs swaps for a placeholder (the source's, "" or "#"). Where it
// says no, judge renders the block and the sanitizer decides; where it
// says yes, judge would return nil (TestKeptAsJudged, FuzzKept).
func (f *fragment) kept(b ast.Node, src []byte) bool {
	for c := b.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Attributes() != nil {
			return false
		}
		switch n := c.(type) {
		case *ast.Text, *ast.RawHTML, *inline.Placeable:
			continue // text, a placeholder, text
		case *ast.String:
			if n.IsCode() {
				return false // written as it is
			}
			continue
		case *ast.CodeSpan:
			continue // its children are Text
		case *ast.Emphasis, *east.Strikethrough:
		case *ast.Link:
			if !f.masked(util.URLEscape(n.Destination, true)) {
				return false
			}
		case *ast.AutoLink:
			u := util.URLEscape(n.URL(src), false)
			if n.AutoLinkType == ast.AutoLinkEmail && !bytes.HasPrefix(bytes.ToLower(u), []byte("mailto:")) {
				u = append([]byte("mailto:"), u...)
			}
			if !f.masked(u) {
				return false
			}
			continue // its label is text
		case *ast.Image:
			// Its alt text is its descendants' text, escaped, except a
			// code String's.
			if !f.masked(util.URLEscape(n.Destination, true)) || hasCodeString(n) {
				return false
			}
			continue
		default:
			return false
		}
		if !f.kept(c, src) {
			return false
		}
	}
	return true
}

// masked reports whether maskURLs swaps the URL u, as goldmark writes it
// into an attribute (before escaping), for a placeholder.
func (f *fragment) masked(u []byte) bool {
	return len(u) == 0 || string(u) == "#" || f.urls[browserURL(string(u))]
}

// hasCodeString reports whether a node has an ast.String descendant
// that goldmark writes unescaped.
func hasCodeString(n ast.Node) bool {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if s, ok := c.(*ast.String); ok && s.IsCode() || hasCodeString(c) {
			return true
		}
	}
	return false
}

// judge renders the content of block b and returns nil if the sanitizer
// leaves it as it is, else the sanitizer's HTML (see sanitize).
func (f *fragment) judge(r renderer.Renderer, b ast.Node, src []byte) ([]byte, error) {
	masked, err := f.maskedHTML(r, b, src)
	if err != nil || masked == "" {
		return nil, err
	}
	clean := sanitizeFragment(masked)
	if clean == masked || slices.Equal(markupOf(masked), markupOf(clean)) {
		return nil, nil
	}
	for i := len(f.saved) - 1; i >= 0; i-- {
		clean = strings.ReplaceAll(clean, f.urlPlaceholder(i), `"`+f.saved[i]+`"`)
		clean = strings.ReplaceAll(clean, f.placeholder(i), f.saved[i])
	}
	return []byte(clean), nil
}

// maskedHTML renders the content of block b for the sanitizer, its raw HTML
// and safe URLs swapped for placeholders (f.saved, see sanitize), and
// returns "" if the block renders as text only: nothing for the sanitizer
// to remove.
func (f *fragment) maskedHTML(r renderer.Renderer, b ast.Node, src []byte) (string, error) {
	f.saved = f.saved[:0]
	var raws []ast.Node
	_ = ast.Walk(b, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if raw, ok := n.(*ast.RawHTML); ok && entering {
			n.SetAttribute(placeholderAttr, []byte(f.textPlaceholder(string(rawBytes(raw, src)))))
			raws = append(raws, n)
		}
		return ast.WalkContinue, nil
	})
	f.buf.Reset()
	var err error
	for c := b.FirstChild(); c != nil && err == nil; c = c.NextSibling() {
		err = r.Render(f.w, src, c)
	}
	for _, n := range raws {
		n.RemoveAttributes()
	}
	if err != nil {
		return "", err
	}
	if bytes.IndexByte(f.buf.Bytes(), '<') < 0 {
		return "", nil
	}
	return f.maskURLs(f.buf.String()), nil
}

func (f *fragment) placeholder(i int) string {
	return "\uE000" + f.nonce + "-" + strconv.Itoa(i) + "\uE001"
}

// urlPlaceholder is placeholder i as an attribute value: a fragment URL.
func (f *fragment) urlPlaceholder(i int) string {
	return `"#` + f.nonce + "-" + strconv.Itoa(i) + `"`
}

func (f *fragment) textPlaceholder(s string) string {
	f.saved = append(f.saved, s)
	return f.placeholder(len(f.saved) - 1)
}

// maskURLs swaps the href and src values of s that are safe but that the
// sanitizer would drop for placeholders. goldmark writes every attribute
// as ` name="value"` with `"` escaped in values and text, so the pattern
// finds attributes only.
func (f *fragment) maskURLs(s string) string {
	var b strings.Builder
	for {
		i, name := -1, ""
		for _, a := range []string{` href="`, ` src="`} {
			if j := strings.Index(s, a); j >= 0 && (i < 0 || j < i) {
				i, name = j, a
			}
		}
		if i < 0 {
			break
		}
		start := i + len(name)
		end := strings.IndexByte(s[start:], '"')
		if end < 0 {
			break
		}
		end += start
		v := s[start:end]
		b.WriteString(s[:start-1])
		if u := html.UnescapeString(v); u == "" || u == "#" || f.urls[browserURL(u)] {
			f.saved = append(f.saved, v)
			b.WriteString(f.urlPlaceholder(len(f.saved) - 1))
		} else {
			b.WriteString(s[start-1 : end+1])
		}
		s = s[end+1:]
	}
	b.WriteString(s)
	return b.String()
}

// markupOf describes HTML as a browser reads it: elements, attributes
// (href and src by name only: the sanitizer writes a URL it keeps in its
// own spelling), text with entities resolved, comments.
func markupOf(s string) []string {
	var out []string
	var text strings.Builder
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		tok := z.Token()
		if tt == html.TextToken {
			text.WriteString(tok.Data)
			continue
		}
		if text.Len() > 0 {
			out = append(out, "text "+text.String())
			text.Reset()
		}
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			attrs := make([]string, 0, len(tok.Attr))
			for _, a := range tok.Attr {
				if a.Key == "href" || a.Key == "src" {
					attrs = append(attrs, a.Key)
				} else {
					attrs = append(attrs, a.Key+"="+strconv.Quote(a.Val))
				}
			}
			slices.Sort(attrs)
			out = append(out, "<"+tok.Data+" "+strings.Join(attrs, " "))
		case html.EndTagToken:
			out = append(out, "</"+tok.Data)
		default:
			out = append(out, tt.String()+" "+tok.Data)
		}
	}
	if text.Len() > 0 {
		out = append(out, "text "+text.String())
	}
	return out
}
