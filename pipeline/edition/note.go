package edition

import (
	"bytes"
	"slices"
	"strings"

	"github.com/l10n-dev/l10n/pipeline/segment"
)

// Note is a remark the Markdown edition carries about one unit, where a
// Markdown renderer keeps it but does not show it: an HTML comment before
// the unit's block (in a table cell, after the cell's text), or a YAML
// comment at the top of the front matter for a front-matter field.
type Note struct {
	// At is where the unit's text starts in the Markdown; for a
	// front-matter field, where the front matter's YAML starts.
	At   int
	End  int // where a table cell's text ends
	Kind segment.Kind
	Text string // the remark; "--" and ">" are dropped from it
}

// Annotate returns md with the notes put in. A note before a block goes on
// a line of its own, inside the block's containers (block-quote markers,
// list indentation), so the block keeps its place in them.
func Annotate(md []byte, notes []Note) []byte {
	if len(notes) == 0 {
		return md
	}
	notes = slices.Clone(notes)
	slices.SortStableFunc(notes, func(a, b Note) int { return a.At - b.At })
	nl := "\n"
	if bytes.Contains(md, []byte("\r\n")) {
		nl = "\r\n"
	}
	var b bytes.Buffer
	b.Grow(len(md) + 64*len(notes))
	pos := 0
	for _, n := range notes {
		text := strings.ReplaceAll(strings.ReplaceAll(oneLine(n.Text), "--", "-"), ">", "")
		switch {
		case n.Kind == segment.Title || n.Kind == segment.Summary || n.Kind == segment.Description:
			b.Write(md[pos:n.At])
			pos = n.At
			b.WriteString("# " + text + nl)
		case n.Kind == segment.Cell:
			// After the cell's text: at the start of a row's line it
			// would open an HTML block.
			b.Write(md[pos:n.End])
			pos = n.End
			b.WriteString(" <!-- " + text + " -->")
		default:
			ls := bytes.LastIndexByte(md[:n.At], '\n') + 1
			container := blockContainer(md[ls:n.At], n.Kind == segment.Heading)
			at := ls + len(container)
			if at < pos {
				// A second note on the same line: one is enough.
				continue
			}
			b.Write(md[pos:at])
			pos = at
			b.WriteString("<!-- " + text + " -->" + nl + continuation(container))
		}
	}
	b.Write(md[pos:])
	return b.Bytes()
}

// blockContainer returns the part of a block's first line before it that
// belongs to its containers: the whole prefix of a paragraph or setext
// heading, the prefix less the "#" marker of an ATX heading.
func blockContainer(prefix []byte, heading bool) []byte {
	if !heading {
		return prefix
	}
	p := bytes.TrimRight(prefix, " \t")
	if !bytes.HasSuffix(p, []byte("#")) {
		return prefix
	}
	return p[:len(bytes.TrimRight(p, "#"))]
}

// continuation turns a container prefix into the prefix of a following
// line of the same block: block-quote markers stay, list markers become
// spaces. A ">" right before a list marker (">- ") gets one more space,
// since the marker takes the first space after it as its own.
func continuation(prefix []byte) string {
	var out []byte
	for i, c := range prefix {
		switch c {
		case '>':
			out = append(out, c)
			if i+1 < len(prefix) && prefix[i+1] != ' ' && prefix[i+1] != '\t' && prefix[i+1] != '>' {
				out = append(out, ' ')
			}
		case ' ', '\t':
			out = append(out, c)
		default:
			out = append(out, ' ')
		}
	}
	return string(out)
}
