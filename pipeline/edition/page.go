package edition

import (
	"bytes"
	"html/template"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/text/language"

	"github.com/l10n-dev/l10n/internal/uitext"
	"github.com/l10n-dev/l10n/pipeline/inline"
	"github.com/l10n-dev/l10n/pipeline/segment"
)

// Mark flags a stretch of the Markdown whose blocks the page shows as not
// (or not currently, or not yet reviewed) translated.
type Mark struct {
	Span  segment.Span // byte range in Page.Markdown
	Class string       // "l10n-missing", "l10n-stale" or "l10n-review"
	Lang  string       // the language the text is in, if not the page's
}

// Alternate is an edition of the same article, for the page's hreflang
// links and its list of other languages.
type Alternate struct {
	Locale string // BCP 47, as in out/<locale>/
	Href   string // its URL, absolute or relative to the page
	Source bool   // the original (the x-default)
}

// Page is an edition to render.
type Page struct {
	Lang     string
	Title    string
	Markdown []byte // the article body, without front matter
	Marks    []Mark
	// SourceURLs are the source article's URLs (see SourceURLs): a URL
	// with a scheme outside Schemes is kept only if the source has it.
	SourceURLs map[string]bool
	// Units are the stretches of Markdown that hold the article's units,
	// in order. The HTML of translated ones goes through the sanitizer
	// (the second line after the URL policy); changes are reported with
	// the unit's id.
	Units []Unit
	// Warn, if set, is told of each URL the policy neutralised and of
	// each block the sanitizer changed, with the id of the unit it is in
	// ("" if none).
	Warn func(unit, msg string)

	// Description is the front matter's summary or description; when
	// empty the page describes itself by its first paragraph of prose.
	Description string
	// Date is the article's date, zero when it has none. Dateline is
	// the span in Markdown of the paragraph that states it, if any; that
	// paragraph becomes a <time>, else the page shows the date under its
	// headline.
	Date     time.Time
	Dateline segment.Span
	// URL is the page's own absolute URL, "" when the project has no
	// base URL.
	URL string
	// Alternates are the article's editions, this one included.
	Alternates []Alternate
	// Link, if set, gives the destination a link of the article takes in
	// this edition (links between the project's articles).
	Link func(dest string) string
}

// Unit is the stretch of Page.Markdown that holds a unit's text.
type Unit struct {
	Span segment.Span
	ID   string
	// Translated is set when the text is a translation, not the source
	// text shown in its place.
	Translated bool
}

// HTML renders the page: the article as HTML (raw HTML of the source
// passes through) in a small, self-contained document with its metadata,
// the locale's typesetting and labels in the page's language. A link,
// autolink or image URL whose scheme is not one of Schemes becomes "#" (an
// image is dropped) unless the source has the same URL, and the HTML of
// the translated units goes through an HTML sanitizer.
func HTML(p Page) ([]byte, error) {
	ui := labelsOf(p.Lang)
	k := pageKits.Get().(*pageKit)
	defer func() {
		k.nr.edits = nil
		if k.page.Cap() > maxKeptPage {
			k.page = bytes.Buffer{}
		}
		pageKits.Put(k)
	}()
	nr, md := k.nr, k.md
	nr.edits = nil // no typesetting while the sanitizer renders blocks
	root := md.Parser().Parse(text.NewReader(p.Markdown))
	p.Units = slices.Clone(p.Units)
	slices.SortFunc(p.Units, func(a, b Unit) int { return a.Span.Start - b.Span.Start })
	if p.Link != nil {
		// Links between the project's articles, before the URL policy
		// judges them.
		_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if l, ok := n.(*ast.Link); ok && entering {
				// Most links keep their destination: no copy of it.
				if d := p.Link(string(l.Destination)); d != string(l.Destination) {
					l.Destination = []byte(d)
				}
			}
			return ast.WalkContinue, nil
		})
	}
	neutralize(root, p.Markdown, p)
	if err := sanitizeFragments(md.Renderer(), root, p.Markdown, p); err != nil {
		return nil, err
	}
	var tables []ast.Node
	dated := false
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *east.Table:
			tables = append(tables, n)
		case *ast.Paragraph, *ast.Heading, *east.TableCell, *ast.TextBlock:
			if n.Lines().Len() == 0 {
				break
			}
			at := n.Lines().At(0).Start
			if _, ok := n.(*ast.Paragraph); ok && !p.Date.IsZero() && !dated && p.Dateline.Start <= at && at < p.Dateline.End {
				wrapTime(n, p.Date)
				dated = true
			}
			for _, m := range p.Marks {
				if m.Span.Start <= at && at < m.Span.End {
					target := ast.Node(n)
					if _, isText := n.(*ast.TextBlock); isText {
						target = n.Parent()
					}
					target.SetAttributeString("class", []byte(m.Class))
					target.SetAttributeString("data-l10n-label", []byte(ui.mark(m.Class)))
					if m.Lang != "" {
						target.SetAttributeString("lang", []byte(m.Lang))
					}
				}
			}
		}
		return ast.WalkContinue, nil
	})
	for _, t := range tables {
		box := &scrollBox{label: ui.table}
		t.Parent().ReplaceChild(t.Parent(), t, box)
		box.AppendChild(box, t)
	}
	if !p.Date.IsZero() && !dated {
		addDateline(root, p.Date, ui.date(p.Date))
	}
	nr.edits = typesetterOf(p.Lang).plan(root, p.Markdown, func(n ast.Node) bool {
		lang, ok := n.AttributeString("lang")
		b, isBytes := lang.([]byte)
		return ok && isBytes && string(b) != p.Lang
	})
	// The page is the head, the body as goldmark renders it, and the
	// tail, written into the kit's buffer (as large as the largest page
	// it held) and copied out at its size: a buffer per page, sized
	// before the page was known, was a third larger than the page, all
	// of it zeroed.
	out := &k.page
	out.Reset()
	desc := p.Description
	if desc == "" {
		desc = firstProse(root, p.Markdown)
	}
	d := pageData{
		Lang: p.Lang, Title: p.Title, Description: clip(oneLine(desc), 200), URL: p.URL,
		OGLocale: ogLocale(p.Lang), Style: template.CSS(style),
		EditionsLabel: ui.editions,
	}
	if !p.Date.IsZero() {
		d.Published = p.Date.Format(time.DateOnly)
	}
	for _, a := range p.Alternates {
		d.Alternates = append(d.Alternates, a)
		if a.Source {
			d.XDefault = a.Href
		}
		if a.Locale == p.Lang {
			continue
		}
		d.OGAlternates = append(d.OGAlternates, ogLocale(a.Locale))
		d.Others = append(d.Others, other{Alternate: a, Name: ui.other(a.Locale, a.Source)})
	}
	writeHead(out, &d)
	if err := md.Renderer().Render(bufferWriter{out}, p.Markdown, root); err != nil {
		return nil, err
	}
	out.WriteString(pageTail)
	return bytes.Clone(out.Bytes()), nil
}

// bufferWriter is a bytes.Buffer as goldmark's renderer takes a writer
// (util.BufWriter, of which goldmark asks no more than bufio.Writer's
// methods): the renderer writes into the buffer itself, not through the
// bufio.Writer it makes for each page on any other writer.
type bufferWriter struct{ *bytes.Buffer }

// Buffered implements util.BufWriter: nothing waits to be written.
func (bufferWriter) Buffered() int { return 0 }

// Flush implements util.BufWriter.
func (bufferWriter) Flush() error { return nil }

// pageKit is a page's Markdown and its text renderer, made once for many
// pages (one at a time): goldmark's parser takes longer to make than
// most articles take to parse.
type pageKit struct {
	md   goldmark.Markdown
	nr   *nodeRenderer
	page bytes.Buffer // the page being written
}

// maxKeptPage is the largest page buffer a pageKit keeps for the next
// page: an article's page is some tens of kilobytes.
const maxKeptPage = 1 << 20

// pageKits are the pageKits not in use.
var pageKits = sync.Pool{New: func() any {
	nr := &nodeRenderer{}
	return &pageKit{md: pageMarkdown(nr), nr: nr}
}}

// pageMarkdown returns the Markdown of a page: the articles' syntax,
// raw HTML as it is, and the page's renderers (nr's text with its
// typesetting).
func pageMarkdown(nr *nodeRenderer) goldmark.Markdown {
	return segment.Markdown(goldmark.WithRendererOptions(html.WithUnsafe(),
		renderer.WithNodeRenderers(util.Prioritized(pageRenderer{}, 100), util.Prioritized(nr, 100))))
}

// pageTail ends a page after its body.
const pageTail = "</article>\n</body>\n</html>\n"

// markLabel is the visible label of a marked passage.
func markLabel(ui *uitext.Localizer, class string) string {
	switch class {
	case "l10n-stale":
		return ui.Text("mark-stale", nil)
	case "l10n-review":
		return ui.Text("mark-review", nil)
	}
	return ui.Text("mark-missing", nil)
}

// ogLocale writes a locale as Open Graph does: language_TERRITORY (uk_UA,
// ru_RU), the territory being CLDR's likeliest where the locale has none.
func ogLocale(locale string) string {
	t, err := language.Parse(locale)
	if err != nil {
		return strings.ReplaceAll(locale, "-", "_")
	}
	base, _ := t.Base()
	region, _ := t.Region()
	if region.String() == "ZZ" {
		return base.String()
	}
	return base.String() + "_" + region.String()
}

// firstProse returns the article's first paragraph of prose as a reader
// reads it (see Reading): the first top-level paragraph of
// descriptionWords words or more (a byline, a dateline or a photo credit
// is not one), else the first paragraph.
func firstProse(root ast.Node, src []byte) string {
	first := ""
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if _, ok := n.(*ast.Paragraph); !ok {
			continue
		}
		// As a reader reads it (escapes and entity references resolved,
		// code spans' text kept): the template escapes it for the
		// attribute.
		s := strings.TrimSpace(inline.Plain(n, src, Reading))
		if first == "" {
			first = s
		}
		if atLeastWords(s, descriptionWords) {
			return s
		}
	}
	return first
}

// descriptionWords is the length from which a paragraph is prose enough to
// describe its article.
const descriptionWords = 25

// atLeastWords reports whether s has n words or more, as strings.Fields
// splits it (without the slice of them: build asks of the paragraphs at
// the top of every edition).
func atLeastWords(s string, n int) bool {
	if n <= 0 {
		return true
	}
	for range strings.FieldsSeq(s) {
		if n--; n == 0 {
			return true
		}
	}
	return false
}

// oneLine joins a text's lines and runs of spaces:
// strings.Join(strings.Fields(s), " "), in one allocation.
func oneLine(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for f := range strings.FieldsSeq(s) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(f)
	}
	return b.String()
}

// clip shortens s to at most n characters, at a word boundary, with "…".
// Its first n runes are cut from s itself where s is valid UTF-8, and
// read as []rune (each invalid byte a U+FFFD) otherwise.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	var cut string
	if utf8.ValidString(s) {
		k := 0
		for i := range s {
			if k == n {
				cut = s[:i]
				break
			}
			k++
		}
	} else {
		cut = string([]rune(s)[:n])
	}
	cut = strings.TrimRight(cut, " ")
	if i := strings.LastIndexByte(cut, ' '); i > 0 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:—–-") + "…"
}

// wrapTime puts a paragraph's content in a <time> of date.
func wrapTime(p ast.Node, date time.Time) {
	t := &timeNode{datetime: date.Format(time.DateOnly)}
	for c := p.FirstChild(); c != nil; {
		next := c.NextSibling()
		t.AppendChild(t, c)
		c = next
	}
	p.AppendChild(p, t)
}

// addDateline shows a date from the front matter under the first
// headline, or at the top.
func addDateline(root ast.Node, date time.Time, written string) {
	para := ast.NewParagraph()
	para.SetAttributeString("class", []byte("l10n-date"))
	t := &timeNode{datetime: date.Format(time.DateOnly)}
	t.AppendChild(t, ast.NewString([]byte(written)))
	para.AppendChild(para, t)
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && h.Level == 1 {
			root.InsertAfter(root, n, para)
			return
		}
	}
	if root.FirstChild() == nil {
		root.AppendChild(root, para)
		return
	}
	root.InsertBefore(root, root.FirstChild(), para)
}

// scrollBox holds a table that scrolls inside its box on a narrow screen
// instead of widening the page.
type scrollBox struct {
	ast.BaseBlock
	label string
}

var kindScrollBox = ast.NewNodeKind("ScrollBox")

// Kind implements ast.Node.
func (b *scrollBox) Kind() ast.NodeKind { return kindScrollBox }

// Dump implements ast.Node.
func (b *scrollBox) Dump(src []byte, level int) { ast.DumpHelper(b, src, level, nil, nil) }

// timeNode is a <time datetime> around inline content.
type timeNode struct {
	ast.BaseInline
	datetime string
}

var kindTime = ast.NewNodeKind("Time")

// Kind implements ast.Node.
func (t *timeNode) Kind() ast.NodeKind { return kindTime }

// Dump implements ast.Node.
func (t *timeNode) Dump(src []byte, level int) { ast.DumpHelper(t, src, level, nil, nil) }

// nodeRenderer renders the page's own nodes, and text with the locale's
// typesetting (edits).
type nodeRenderer struct {
	edits map[*ast.Text]*textEdits
}

// RegisterFuncs implements renderer.NodeRenderer.
func (r *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindScrollBox, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<div class="l10n-table" role="region" tabindex="0" aria-label="`)
			_, _ = w.WriteString(template.HTMLEscapeString(n.(*scrollBox).label))
			_, _ = w.WriteString("\">\n")
		} else {
			_, _ = w.WriteString("</div>\n")
		}
		return ast.WalkContinue, nil
	})
	reg.Register(kindTime, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<time datetime="` + n.(*timeNode).datetime + `">`)
		} else {
			_, _ = w.WriteString("</time>")
		}
		return ast.WalkContinue, nil
	})
	reg.Register(ast.KindText, r.renderText)
}

// renderText is goldmark's Text rendering with the typesetting edits.
func (r *nodeRenderer) renderText(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Text)
	value := n.Segment.Value(src)
	if n.IsRaw() {
		html.DefaultWriter.RawWrite(w, value)
		return ast.WalkContinue, nil
	}
	te := r.edits[n]
	writeText(w, te.apply(value))
	switch {
	case n.HardLineBreak():
		_, _ = w.WriteString("<br>\n")
	case n.SoftLineBreak() && te != nil && te.brk:
		_, _ = w.WriteString(nbsp)
	case n.SoftLineBreak():
		_ = w.WriteByte('\n')
	}
	return ast.WalkContinue, nil
}

// pageData is what the page template shows.
type pageData struct {
	Lang, Title, Description, URL string
	OGLocale                      string
	OGAlternates                  []string
	Published                     string
	Alternates                    []Alternate
	XDefault                      string
	EditionsLabel                 string
	Others                        []other
	Style                         template.CSS
}

// other is a link to another edition.
type other struct {
	Alternate
	Name string // its language's name, in the page's language
}

// htmlText are the bytes goldmark's writer changes in a text: the NUL,
// an entity's or an escape's first byte, and what HTML escapes.
var htmlText = [256]bool{0: true, '&': true, '\\': true, '<': true, '>': true, '"': true}

// writeText writes a text's value as goldmark's writer does
// (html.DefaultWriter.Write): as it is when it has none of htmlText,
// which is most of an article's text, else through goldmark's writer.
func writeText(w util.BufWriter, v []byte) {
	for _, c := range v {
		if htmlText[c] {
			html.DefaultWriter.Write(w, v)
			return
		}
	}
	_, _ = w.Write(v)
}

// templates are the index page's, with the parts an edition's page
// shares (writeHead writes them there): the top of the head and the links
// to the other languages.
var templates = template.Must(template.New("").Parse(`
{{- define "top"}}<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
{{- end}}

{{- define "editions"}}
{{- if .Others}}
<nav class="l10n-editions" aria-label="{{.EditionsLabel}}">
<span>{{.EditionsLabel}}:</span>
<ul>
{{- range .Others}}
<li><a href="{{.Href}}" hreflang="{{.Locale}}" rel="alternate">{{.Name}}</a></li>{{end}}
</ul>
</nav>
{{- end}}
{{- end}}

{{- define "index"}}{{template "top" .}}
{{- range .Alternates}}
<link rel="alternate" hreflang="{{.Locale}}" href="{{.Href}}">{{end}}
<style>{{.Style}}</style>
</head>
<body>
{{- template "editions" .}}
<article>
<h1>{{.Title}}</h1>
<ul class="l10n-index">{{.Items}}
</ul>
</article>
</body>
</html>
{{end}}`))

// style is a small stylesheet for long-form reading, with system fonts
// only (no external requests): sizes that follow the screen, long words
// that wrap, tables that scroll in their box, marks on passages that are
// not translated, and a print layout.
const style = `
:root { color-scheme: light dark; --fg: #1b1b1b; --bg: #fdfdfb; --muted: #5f5f5f; --rule: #ddd; --link: #0b57a4; --mark: #b45f06; }
@media (prefers-color-scheme: dark) { :root { --fg: #e8e6e3; --bg: #161616; --muted: #a0a0a0; --rule: #333; --link: #7db3ff; --mark: #f0a04b; } }
*, *::before, *::after { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; font: 1.125rem/1.65 Charter, "Bitstream Charter", "Noto Serif", "DejaVu Serif", Georgia, serif; text-rendering: optimizeLegibility; }
article, .l10n-editions { max-width: 38rem; margin: 0 auto; padding-left: 1.25rem; padding-right: 1.25rem; }
article { padding-top: 2rem; padding-bottom: 4rem; overflow-wrap: break-word; -webkit-hyphens: auto; hyphens: auto; }
h1, h2, h3, h4, h5, h6 { font-family: system-ui, "Noto Sans", "DejaVu Sans", sans-serif; line-height: 1.2; margin: 2rem 0 1rem; text-wrap: pretty; }
h1 { font-size: clamp(1.6rem, 1.05rem + 2.6vw, 2.2rem); line-height: 1.15; letter-spacing: -0.01em; margin-top: 0; }
h2 { font-size: clamp(1.3rem, 1.1rem + 1vw, 1.6rem); }
h3 { font-size: 1.2rem; }
p { margin: 0 0 1.1rem; }
a { color: var(--link); text-underline-offset: 0.15em; }
blockquote { margin: 1.5rem 0; padding-left: 1rem; border-left: 3px solid var(--rule); color: var(--muted); }
ul, ol { padding-left: 1.5rem; }
img, video, iframe, svg { max-width: 100%; height: auto; }
code, pre, kbd, samp { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.9em; -webkit-hyphens: none; hyphens: none; }
pre { overflow-x: auto; max-width: 100%; padding: 0.75rem; border: 1px solid var(--rule); overflow-wrap: normal; }
table { border-collapse: collapse; }
.l10n-table { max-width: 100%; overflow-x: auto; margin: 1.5rem 0; }
th, td { border-bottom: 1px solid var(--rule); padding: 0.35rem 0.6rem; text-align: left; vertical-align: top; }
hr { border: 0; border-top: 1px solid var(--rule); margin: 2rem 0; }
.l10n-date { color: var(--muted); }
.l10n-editions { padding-top: 1rem; font: 0.85rem/1.5 system-ui, "Noto Sans", "DejaVu Sans", sans-serif; color: var(--muted); }
.l10n-editions span { margin-right: 0.5em; }
.l10n-editions ul { display: inline; margin: 0; padding: 0; list-style: none; }
.l10n-editions li { display: inline; white-space: nowrap; }
.l10n-editions li:not(:last-child)::after { content: "·"; margin: 0 0.5em; }
.l10n-index { list-style: none; padding: 0; }
.l10n-index li { margin: 0 0 1.25rem; }
.l10n-index a { font: 600 1.15rem/1.3 system-ui, "Noto Sans", "DejaVu Sans", sans-serif; }
.l10n-index span { display: block; color: var(--muted); font-size: 0.9rem; }
.l10n-missing, .l10n-stale, .l10n-review { outline: 2px dashed var(--mark); outline-offset: 4px; }
.l10n-missing::before, .l10n-stale::before, .l10n-review::before { content: attr(data-l10n-label); display: block; margin-bottom: 0.3rem; font: 600 0.75rem/1.3 system-ui, "Noto Sans", "DejaVu Sans", sans-serif; color: var(--mark); }
@media (max-width: 30rem) {
  body { font-size: 1.0625rem; line-height: 1.6; }
  article, .l10n-editions { padding-left: 1rem; padding-right: 1rem; }
  article { padding-top: 1.25rem; }
}
@media print {
  :root { --fg: #000; --bg: #fff; --muted: #333; --rule: #999; --link: #000; --mark: #555; color-scheme: light; }
  body { font-size: 11pt; line-height: 1.45; }
  article { max-width: none; padding: 0; }
  .l10n-editions { display: none; }
  a { color: inherit; text-decoration: none; }
  article a[href^="http"]::after { content: " <" attr(href) ">"; font-size: 0.85em; overflow-wrap: anywhere; }
  h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  p { orphans: 3; widows: 3; }
  pre, blockquote, table, img { break-inside: avoid; }
  pre { white-space: pre-wrap; }
  .l10n-table { overflow: visible; }
}
@page { margin: 2cm; }
`
