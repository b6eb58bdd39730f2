package edition

import (
	"strings"
	"testing"

	"github.com/l10n-dev/l10n/pipeline/segment"
)

func TestAnnotate(t *testing.T) {
	tests := []struct {
		name, md, unit string // unit: the text the note is about
		kind           segment.Kind
		want           string
	}{
		{"paragraph", "# T\n\nText here.\n", "Text", segment.Paragraph, "# T\n\n<!-- n -->\nText here.\n"},
		{"ATX heading", "Intro.\n\n## Head\n", "Head", segment.Heading, "Intro.\n\n<!-- n -->\n## Head\n"},
		{"heading in a list", "- ## Head\n", "Head", segment.Heading, "- <!-- n -->\n  ## Head\n"},
		{"setext heading", "Head\n====\n", "Head", segment.Heading, "<!-- n -->\nHead\n====\n"},
		{"quote in a list", "1. > quoted\n", "quoted", segment.Paragraph, "1. > <!-- n -->\n   > quoted\n"},
		{"list right after a quote marker", ">- item\n", "item", segment.Paragraph, ">- <!-- n -->\n>   item\n"},
		{"CRLF", "a\r\n\r\nb\r\n", "b", segment.Paragraph, "a\r\n\r\n<!-- n -->\r\nb\r\n"},
		{"table cell", "a | b\n--|--\nc | d\n", "c", segment.Cell, "a | b\n--|--\nc <!-- n --> | d\n"},
		{"front matter", "---\ntitle: T\n---\nx\n", "T", segment.Title, "---\n# n\ntitle: T\n---\nx\n"},
		{"no comment breaks out", "x\n", "x", segment.Paragraph, "<!-- a-b -c -->\nx\n"},
	}
	for _, tc := range tests {
		at := strings.Index(tc.md, tc.unit)
		text := "n"
		if tc.name == "no comment breaks out" {
			text = "a--b -->c"
		}
		n := Note{At: at, End: at + len(tc.unit), Kind: tc.kind, Text: text}
		if tc.kind == segment.Title {
			n.At = len("---\n")
		}
		if got := string(Annotate([]byte(tc.md), []Note{n})); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}
