package segment

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
)

// repeat returns block repeated to about n bytes, whole blocks only.
func repeat(block string, n int) []byte {
	return []byte(strings.Repeat(block, max(1, n/len(block))))
}

// seedArticle is the project's article.
func seedArticle(tb testing.TB) string {
	tb.Helper()
	src, err := os.ReadFile("../../articles/ngo-indifference-to-ukrainian-pows.md")
	if err != nil {
		tb.Fatal(err)
	}
	return string(src)
}

// TestHostile parses hostile articles: each is refused with an *Error
// at the line that crosses a limit, or segments into what it holds.
func TestHostile(t *testing.T) {
	tests := []struct {
		name string
		src  []byte
		err  string // the error, or "" when the article parses
		// units is the number of units of an article that parses.
		units int
	}{
		{"50 MB article", repeat(seedArticle(t)+"\n", 50<<20),
			fmt.Sprintf(`line %d: the article is 52`, bytes.Count(repeat(seedArticle(t)+"\n", 50<<20)[:MaxSize], []byte("\n"))+1), 0},
		{"just over the size limit", repeat("word ", MaxSize+5), "line 1: the article is 2097155 bytes, more than l10n reads (2097152 bytes, 2 MiB)", 0},
		{"1 MB unit", append(repeat("word ", 1<<20), '\n'), "", 1},
		{"1 MB unit over 20,000 lines", repeat("Word word word word word word word word word word.\n", 1<<20), "", 1},
		{"10,000 nested block quotes", []byte(strings.Repeat(">", 10000) + " text\n"),
			"line 1: 10000 block quotes and lists open on one line, more than l10n reads (100)", 0},
		{"10,000 nested block quotes with spaces", []byte("Intro.\n\n" + strings.Repeat("> ", 10000) + "text\n"),
			"line 3: 10000 block quotes and lists open on one line", 0},
		{"10,000 list levels", []byte(strings.Repeat("- ", 10000) + "text\n"), "line 1: 10000 block quotes and lists open on one line", 0},
		{"10,000 ordered list levels", []byte(strings.Repeat("1. ", 10000) + "text\n"), "line 1: 10000 block quotes and lists open on one line", 0},
		{"100 nested block quotes", []byte(strings.Repeat("> ", 100) + "text\n"), "", 1},
		{"a thematic break of 10,000 dashes", []byte("Text.\n\n" + strings.Repeat("- ", 10000) + "\n"), "", 1},
		{"10,000 unclosed [", []byte(strings.Repeat("[", 10000) + "text\n"), "", 1},
		{"10,000 unclosed [ with words", []byte(strings.Repeat("[a ", 10000) + "text\n"), "", 1},
		{"10,000 unclosed *", []byte(strings.Repeat("*", 10000) + "text\n"), "", 1},
		{"10,000 unclosed * with words", []byte(strings.Repeat("*a ", 10000) + "text\n"), "", 1},
		{"10,000 unclosed _ with words", []byte(strings.Repeat("_a ", 10000) + "text\n"), "", 1},
		{"10,000 unclosed link destinations", []byte("Intro.\n\n" + strings.Repeat("[a](", 10000) + "text\n"),
			"line 3: 10000 closing brackets in one block of text, more than l10n reads (1000): split the block", 0},
		{"10,000 unclosed link titles over lines", []byte(strings.Repeat("[a](x \"\n", 10000) + "text\n"),
			"line 1: 10000 closing brackets in one block of text", 0},
		{"1,000 links in a paragraph", []byte(strings.Repeat("[a](x) ", 1000) + "\n"), "", 1},
		{"2,000 links in list items", repeat("- [a](x)\n", 2000*9), "", 2000},
		{"2,000 brackets in a code block", []byte("```\n" + strings.Repeat("[1, [2]]\n", 1000) + "```\n\nText.\n"), "", 1},
		{"a table of 2,500 columns padded to 2,500 rows", []byte("Intro.\n\n" + strings.Repeat("|a", 2500) + "|\n" + strings.Repeat("|-", 2500) + "|\n" + strings.Repeat("|b\n", 2500)),
			"line 3: a table of 2500 columns in a block of 2502 lines (15002 bytes)", 0},
		{"a table of 30 columns with short rows", []byte(strings.Repeat("|a", 30) + "|\n" + strings.Repeat("|-", 30) + "|\n" + strings.Repeat("|b|\n", 30)), "", 60},
		{"front matter of 10,000 titles", []byte("---\n" + strings.Repeat("title: x\n", 10000) + "---\nBody.\n"), "", 10001},
		{"front matter nested 10,000 deep", []byte("---\ntitle: " + strings.Repeat("[", 10001) + "\n---\nBody.\n"), "", 2},
		{"front matter alias bomb", []byte("---\ntitle: &a Title\nsummary: [*a, *a, *a]\nx: &b [*a, *a]\ny: &c [*b, *b, *b]\nz: [*c, *c, *c]\n---\nBody.\n"), "", 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Parse(tc.src)
			if tc.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tc.err) || strings.Contains(err.Error(), "\n") {
					t.Fatalf("err = %v, want one line starting %q", err, tc.err)
				}
				if _, ok := err.(*Error); !ok {
					t.Fatalf("error of type %T", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(d.Units) != tc.units {
				t.Errorf("%d units, want %d", len(d.Units), tc.units)
			}
			if got := d.Render(texts(d), true); !bytes.Equal(got, tc.src) {
				t.Errorf("the source build differs from the source")
			}
		})
	}
}

// hostile are articles that stay within the limits but make the parser
// work hardest, as functions of their size in bytes.
var hostile = []struct {
	name string
	gen  func(n int) []byte
}{
	{"seed-article", nil},
	{"one-unit", func(n int) []byte { return append(repeat("word ", n-1), '\n') }},
	{"paragraphs", func(n int) []byte { return repeat("Word word.\n\n", n) }},
	{"nested-quotes", func(n int) []byte { return repeat(strings.Repeat("> ", MaxDepth)+"a\n", n) }},
	{"nested-lists", func(n int) []byte { return repeat(strings.Repeat("- ", MaxDepth)+"a\n", n) }},
	{"unclosed-brackets", func(n int) []byte { return append(repeat("[", n-5), "text\n"...) }},
	{"unclosed-stars", func(n int) []byte { return append(repeat("*a ", n-5), "text\n"...) }},
	{"unclosed-links", func(n int) []byte { return repeat(strings.Repeat("[a](", MaxBrackets)+"\n\n", n) }},
	{"unclosed-titles", func(n int) []byte { return repeat(strings.Repeat("[a](x \"\n", MaxBrackets)+"\n", n) }},
	{"table", func(n int) []byte { return append([]byte("|a|b|\n|-|-|\n"), repeat("|x|y|\n", n-12)...) }},
	{"padded-tables", func(n int) []byte {
		return repeat(strings.Repeat("|a", 100)+"|\n"+strings.Repeat("|-", 100)+"|\n"+strings.Repeat("|b\n", 10)+"\n", n)
	}},
	{"front-matter", func(n int) []byte {
		return append(append([]byte("---\n"), repeat("title: x\n", n-14)...), "---\nBody.\n"...)
	}},
}

// BenchmarkHostile segments each hostile article at four sizes, up to
// MaxSize: twice the input should take about twice the time (ns/byte
// stays level).
//
//	go test -run '^$' -bench Hostile ./pipeline/segment
func BenchmarkHostile(b *testing.B) {
	seed := seedArticle(b) + "\n"
	for _, h := range hostile {
		gen := h.gen
		if gen == nil {
			gen = func(n int) []byte { return repeat(seed, n) }
		}
		for _, size := range []int{MaxSize / 8, MaxSize / 4, MaxSize / 2, MaxSize} {
			src := gen(size)
			b.Run(fmt.Sprintf("%s/%dKiB", h.name, size>>10), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				for b.Loop() {
					if _, err := Parse(src); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(src)), "ns/byte")
			})
		}
	}
}
