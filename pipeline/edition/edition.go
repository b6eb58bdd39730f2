// Package edition turns a localized Markdown article into a standalone HTML
// page, and keeps a translation from adding live markup that its source
// did not have.
package edition

import (
	"bytes"
	"html/template"
	"slices"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/l10n-dev/l10n/pipeline/segment"
)

// Mark flags a stretch of the Markdown whose blocks the page shows as not
// (or not currently) translated.
type Mark struct {
	Span  segment.Span // byte range in Page.Markdown
	Class string       // "l10n-missing" or "l10n-stale"
	Lang  string       // the language the text is in, if not the page's
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
// passes through) in a small, self-contained document. A link, autolink
// or image URL whose scheme is not one of Schemes becomes "#" (an image
// is dropped) unless the source has the same URL, and the HTML of the
// translated units goes through an HTML sanitizer.
func HTML(p Page) ([]byte, error) {
	md := segment.Markdown(goldmark.WithRendererOptions(html.WithUnsafe(),
		renderer.WithNodeRenderers(util.Prioritized(pageRenderer{}, 100))))
	root := md.Parser().Parse(text.NewReader(p.Markdown))
	p.Units = slices.Clone(p.Units)
	slices.SortFunc(p.Units, func(a, b Unit) int { return a.Span.Start - b.Span.Start })
	neutralize(root, p.Markdown, p)
	if err := sanitizeFragments(md.Renderer(), root, p.Markdown, p); err != nil {
		return nil, err
	}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Paragraph, *ast.Heading, *east.TableCell, *ast.TextBlock:
			if n.Lines().Len() > 0 {
				at := n.Lines().At(0).Start
				for _, m := range p.Marks {
					if m.Span.Start <= at && at < m.Span.End {
						if _, isText := n.(*ast.TextBlock); isText {
							n.Parent().SetAttributeString("class", []byte(m.Class))
						} else {
							n.SetAttributeString("class", []byte(m.Class))
						}
						if m.Lang != "" {
							n.SetAttributeString("lang", []byte(m.Lang))
						}
					}
				}
			}
		}
		return ast.WalkContinue, nil
	})
	var body bytes.Buffer
	if err := md.Renderer().Render(&body, p.Markdown, root); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	err := page.Execute(&out, struct {
		Lang, Title string
		Body        template.HTML
		Style       template.CSS
	}{p.Lang, p.Title, template.HTML(body.String()), template.CSS(style)})
	return out.Bytes(), err
}

var page = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>{{.Style}}</style>
</head>
<body>
<article>
{{.Body}}</article>
</body>
</html>
`))

// style is a small stylesheet for long-form reading, with system fonts
// only (no external requests).
const style = `
:root { color-scheme: light dark; --fg: #1b1b1b; --bg: #fdfdfb; --muted: #5f5f5f; --rule: #ddd; --link: #0b57a4; }
@media (prefers-color-scheme: dark) { :root { --fg: #e8e6e3; --bg: #161616; --muted: #a0a0a0; --rule: #333; --link: #7db3ff; } }
html { background: var(--bg); color: var(--fg); }
body { margin: 0; font: 1.125rem/1.65 Charter, "Bitstream Charter", "Noto Serif", "DejaVu Serif", Georgia, serif; text-rendering: optimizeLegibility; hyphens: auto; }
article { max-width: 38rem; margin: 0 auto; padding: 2.5rem 1.25rem 4rem; }
h1, h2, h3, h4 { font-family: system-ui, "Noto Sans", "DejaVu Sans", sans-serif; line-height: 1.2; margin: 2rem 0 1rem; }
h1 { font-size: 2.1rem; letter-spacing: -0.01em; margin-top: 0; }
p { margin: 0 0 1.1rem; }
a { color: var(--link); text-underline-offset: 0.15em; }
blockquote { margin: 1.5rem 0; padding-left: 1rem; border-left: 3px solid var(--rule); color: var(--muted); }
img { max-width: 100%; height: auto; }
code, pre { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.9em; }
pre { overflow-x: auto; padding: 0.75rem; border: 1px solid var(--rule); }
table { border-collapse: collapse; margin: 1.5rem 0; }
th, td { border-bottom: 1px solid var(--rule); padding: 0.35rem 0.6rem; text-align: left; }
hr { border: 0; border-top: 1px solid var(--rule); margin: 2rem 0; }
.l10n-missing, .l10n-stale { outline: 2px dashed #d9822b; outline-offset: 4px; }
.l10n-missing::before, .l10n-stale::before { font: 600 0.7rem/1 system-ui, sans-serif; color: #d9822b; display: block; margin-bottom: 0.3rem; }
.l10n-missing::before { content: "Not translated"; }
.l10n-stale::before { content: "Translation out of date"; }
`

// Sanitize returns a translation with the raw HTML that its source did not
// have escaped, so that nothing a translator types becomes live markup.
// source and target are a unit's source text and translation, parsed in
// the context of their article d.
func Sanitize(d *segment.Doc, source, target string) string {
	if !strings.Contains(target, "<") {
		return target
	}
	allowed := map[string]int{}
	for _, h := range rawHTML(d, source) {
		allowed[h.text]++
	}
	var fix []int
	for _, h := range rawHTML(d, target) {
		if allowed[h.text] > 0 {
			allowed[h.text]--
			continue
		}
		fix = append(fix, h.at...)
	}
	if len(fix) == 0 {
		return target
	}
	var b strings.Builder
	pos := 0
	for _, at := range fix {
		b.WriteString(target[pos:at])
		b.WriteString("&lt;")
		pos = at + 1
	}
	b.WriteString(target[pos:])
	return b.String()
}

// PlainText returns the text a reader sees of a unit's inline Markdown:
// markup dropped, entities and escapes resolved.
func PlainText(d *segment.Doc, s string) string {
	src := []byte(s)
	var b strings.Builder
	_ = ast.Walk(d.Inline(s), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			b.Write(util.UnescapePunctuations(util.ResolveNumericReferences(util.ResolveEntityNames(n.Segment.Value(src)))))
			if n.SoftLineBreak() || n.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(n.Value)
		case *ast.CodeSpan:
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					b.Write(t.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			b.Write(n.Label(src))
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

type htmlPiece struct {
	text string
	at   []int // offsets of its "<"
}

// rawHTML lists the inline raw HTML and HTML blocks of a unit's text.
func rawHTML(d *segment.Doc, s string) []htmlPiece {
	src := []byte(s)
	var out []htmlPiece
	_ = ast.Walk(d.Inline(s), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var segs *text.Segments
		switch n := n.(type) {
		case *ast.RawHTML:
			segs = n.Segments
		case *ast.HTMLBlock:
			l := n.Lines()
			segs = l
		default:
			return ast.WalkContinue, nil
		}
		if segs.Len() == 0 {
			return ast.WalkContinue, nil
		}
		var t strings.Builder
		for i := 0; i < segs.Len(); i++ {
			seg := segs.At(i)
			t.Write(seg.Value(src))
		}
		// Every "<" of the piece: an HTML block spans lines and tags.
		var at []int
		for i := 0; i < segs.Len(); i++ {
			seg := segs.At(i)
			for k := seg.Start; k < seg.Stop; k++ {
				if src[k] == '<' {
					at = append(at, k)
				}
			}
			if _, inline := n.(*ast.RawHTML); inline && len(at) > 0 {
				break
			}
		}
		if len(at) > 0 {
			out = append(out, htmlPiece{t.String(), at})
		}
		return ast.WalkSkipChildren, nil
	})
	return out
}
