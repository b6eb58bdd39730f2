package segment

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	goldtext "github.com/yuin/goldmark/text"

	"github.com/l10n-dev/l10n/internal/corpus"

	"github.com/l10n-dev/l10n/pipeline/inline"
)

// inlineShape describes the inline content of a block: each node's kind
// with what it carries (a link's destination and title, a code span's
// content, raw HTML, a placeable), adjacent texts as one run with their
// line breaks.
func inlineShape(block ast.Node, src []byte, cell bool) string {
	var b strings.Builder
	text := false
	_ = ast.Walk(block, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if n == block {
			return ast.WalkContinue, nil
		}
		if t, ok := n.(*ast.Text); ok {
			if entering {
				if !text {
					b.WriteString("«")
				}
				text = true
				b.Write(noCR(t.Segment.Value(src)))
				switch {
				case t.HardLineBreak():
					b.WriteString("⏎")
				case t.SoftLineBreak():
					b.WriteString("↵")
				}
			}
			return ast.WalkContinue, nil
		}
		if text {
			b.WriteString("»")
			text = false
		}
		if !entering {
			b.WriteString(")")
			return ast.WalkContinue, nil
		}
		fmt.Fprintf(&b, "(%s", n.Kind())
		switch n := n.(type) {
		case *ast.CodeSpan:
			var c strings.Builder
			for k := n.FirstChild(); k != nil; k = k.NextSibling() {
				c.Write(k.(*ast.Text).Segment.Value(src))
			}
			v := string(noCR([]byte(c.String())))
			if cell {
				// GFM reads "\|" in a table cell as "|", code
				// spans included, before the inline parse.
				v = strings.ReplaceAll(v, `\|`, "|")
			}
			fmt.Fprintf(&b, " %q)", v)
			return ast.WalkSkipChildren, nil
		case *ast.Link:
			fmt.Fprintf(&b, " %q %q", n.Destination, n.Title)
		case *ast.Image:
			fmt.Fprintf(&b, " %q %q", n.Destination, n.Title)
		case *ast.AutoLink:
			fmt.Fprintf(&b, " %q", n.URL(src))
		case *ast.RawHTML:
			fmt.Fprintf(&b, " %q", noCR(n.Segments.Value(src)))
		case *inline.Placeable:
			fmt.Fprintf(&b, " %q", n.Value(src))
		case *ast.Emphasis:
			fmt.Fprintf(&b, " %d", n.Level)
		case *ast.String:
			fmt.Fprintf(&b, " %q", n.Value)
		}
		return ast.WalkContinue, nil
	})
	if text {
		b.WriteString("»")
	}
	return b.String()
}

// noCR drops carriage returns: a unit's text holds none.
func noCR(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\r"), nil) }

// inPlace parses a document as Parse does and returns the leaf blocks
// that became units, in order.
func inPlace(d *Doc) []ast.Node {
	ctx := parser.NewContext()
	root := d.full.Parse(goldtext.NewReader(d.Src[d.Body:]), parser.WithContext(ctx))
	var out []ast.Node
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.(type) {
		case *ast.Heading, *ast.Paragraph, *ast.TextBlock, *east.TableCell, *east.DefinitionTerm:
			body := d.Src[d.Body:]
			if n.Lines().Len() > 0 && translatable(n, body, n.Lines().At(0).Start+alertMarker(n, body)) {
				out = append(out, n)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	// In source order, as Parse orders units.
	slices.SortStableFunc(out, func(a, b ast.Node) int { return a.Lines().At(0).Start - b.Lines().At(0).Start })
	return out
}

// TestInlineInPlace parses every unit of every spec example and
// real-world document on its own (Doc.Inline, as check, pseudo, export
// and the editions do) and wants the inline structure it has in its
// block: a line "---" or "1. " that continues a paragraph stays text.
func TestInlineInPlace(t *testing.T) {
	eachCorpus(t, []corpus.Example{
		// A code span over continuation lines, one starting with a
		// tab and one "---" (a setext underline once the tab is gone).
		{Name: "code span over lines", Markdown: "Run `go\n\tvet\n\t---\n\t./...` first.\n"},
		{Name: "list marker continuing", Markdown: "- The item\n      1. not a list\n      # not a heading\n"},
		{Name: "quote continuing", Markdown: "> Quoted\n>     > not nested\n"},
	}, checkInPlace)
}

// eachCorpus runs check as a subtest on the spec examples, the
// real-world corpus, the Hugo documentation and extra documents.
func eachCorpus(t *testing.T, extra []corpus.Example, check func(*testing.T, []corpus.Example)) {
	spec, err := corpus.All()
	if err != nil {
		t.Fatal(err)
	}
	real, err := corpus.RealWorld()
	if err != nil {
		t.Fatal(err)
	}
	t.Run("spec", func(t *testing.T) { check(t, spec) })
	t.Run("real-world", func(t *testing.T) { check(t, real) })
	t.Run("hugo-docs", func(t *testing.T) { check(t, corpus.Hugo(t)) })
	if extra != nil {
		t.Run("extra", func(t *testing.T) { check(t, extra) })
	}
}

func checkInPlace(t *testing.T, docs []corpus.Example) {
	units := 0
	for _, ex := range docs {
		d, err := Parse([]byte(ex.Markdown))
		if err != nil {
			t.Errorf("%s: %v", ex.Name, err)
			continue
		}
		n, problems := unitsInPlace(d)
		for _, p := range problems {
			t.Errorf("%s: %s", ex.Name, p)
		}
		units += n
	}
	t.Logf("%d documents, %d units", len(docs), units)
}

// unitsInPlace parses each unit of d alone (Doc.Inline) and compares its
// inline structure with the unit's in the article. It returns the number
// of units compared and what differs.
func unitsInPlace(d *Doc) (int, []string) {
	var problems []string
	units := 0
	blocks := inPlace(d)
	k := 0
	for i := range d.Units {
		u := &d.Units[i]
		if u.FrontMatter() {
			continue
		}
		if k >= len(blocks) {
			problems = append(problems, "more units than blocks")
			break
		}
		if u.Merged() {
			for _, j := range u.Joins {
				if j {
					k++
				}
			}
			k++
			continue
		}
		cell := u.Kind == Cell
		block := blocks[k]
		want := inlineShape(block, d.Src[d.Body:], cell)
		if m := alertMarker(blocks[k], d.Src[d.Body:]); m > 0 {
			// The marker is skeleton: the unit starts after it.
			first := blocks[k].Lines().At(0)
			marker := strings.TrimRight(string(d.Src[d.Body+first.Start:d.Body+first.Start+m]), " \t\r\n")
			want = strings.Replace(strings.Replace(want, marker+"↵", "", 1), marker+" ", "", 1)
			want = strings.Replace(want, "«»", "", 1)
		}
		k++
		root := d.UnitTree(i, u.Text).Root
		if root.ChildCount() != 1 {
			problems = append(problems, fmt.Sprintf("unit %q parses as %d blocks", u.Text, root.ChildCount()))
			continue
		}
		// A unit's text has its line breaks as "\n" (catalogs hold no
		// "\r"); in place, a code span or raw HTML may hold "\r\n":
		// inlineShape leaves carriage returns out.
		if got := inlineShape(root.FirstChild(), []byte(u.Text), cell); got != want && !delimiterAfterMarker(block, d.Src[d.Body:]) {
			problems = append(problems, fmt.Sprintf("unit %q alone:\n got %s\nwant %s", u.Text, got, want))
		}
		units++
	}
	return units, problems
}

// TestCoverage wants every text of every document that holds a letter
// (outside code spans, raw HTML, autolinks and placeables, which are not
// prose) inside exactly one unit: no prose stays in the skeleton.
func TestCoverage(t *testing.T) {
	eachCorpus(t, nil, checkCoverage)
}

func checkCoverage(t *testing.T, docs []corpus.Example) {
	texts := 0
	for _, ex := range docs {
		d, err := Parse([]byte(ex.Markdown))
		if err != nil {
			t.Errorf("%s: %v", ex.Name, err)
			continue
		}
		body := d.Src[d.Body:]
		root := d.full.Parse(goldtext.NewReader(body))
		_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			switch n := n.(type) {
			case *ast.CodeSpan, *ast.AutoLink, *ast.RawHTML, *inline.Placeable:
				return ast.WalkSkipChildren, nil
			case *ast.Text:
				from := markerEnd(n, body)
				if !translatable(n, body, from) {
					break
				}
				texts++
				start, end := d.Body+max(n.Segment.Start, from), d.Body+n.Segment.Stop
				for start < end && (d.Src[start] == ' ' || d.Src[start] == '\t') {
					start++
				}
				in := 0
				for _, u := range d.Units {
					for _, p := range u.Parts {
						if p.Start <= start && end <= p.End {
							in++
						}
					}
				}
				if in != 1 {
					t.Errorf("%s: %q (line %d) is in %d units", ex.Name, n.Segment.Value(body), lineAt(d.Src, start), in)
				}
			}
			return ast.WalkContinue, nil
		})
	}
	t.Logf("%d documents, %d texts with letters", len(docs), texts)
}

// markerEnd returns where the alert marker of text n's paragraph ends,
// or 0.
func markerEnd(n *ast.Text, body []byte) int {
	para := n.Parent()
	if m := alertMarker(para, body); m > 0 {
		return para.Lines().At(0).Start + m
	}
	return 0
}

// delimiterAfterMarker reports whether a line of block starts with an
// emphasis or strikethrough delimiter right after a container's marker
// (">*A" in a block quote). goldmark takes the character before such a
// delimiter from the source, the marker, where CommonMark takes the start
// of the line, so in place it may see emphasis that commonmark.js and
// markdown-it do not (">*A\n>*"); the unit alone is read as they read it.
func delimiterAfterMarker(block ast.Node, src []byte) bool {
	lines := block.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		if seg.Start <= 0 || seg.Start >= len(src) || !strings.ContainsRune("*_~", rune(src[seg.Start])) {
			continue
		}
		if c := src[seg.Start-1]; c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return true
		}
	}
	return false
}
