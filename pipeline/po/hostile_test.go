package po

import (
	"fmt"
	"strings"
	"testing"
)

// bigString is a msgstr of about n bytes, as gettext wraps it (one
// quoted string per line, width chars each) or on one line (width 0).
func bigString(n, width int) string {
	word := "слово "
	text := strings.Repeat(word, n/len(word))
	var b strings.Builder
	b.WriteString("msgctxt \"a/p-one\"\nmsgid \"One\"\n")
	if width == 0 {
		b.WriteString("msgstr \"" + text + "\"\n")
		return b.String()
	}
	b.WriteString("msgstr \"\"\n")
	for len(text) > 0 {
		k := min(width, len(text))
		for k < len(text) && text[k-1] != ' ' {
			k++
		}
		b.WriteString("\"" + text[:k] + "\"\n")
		text = text[k:]
	}
	return b.String()
}

// TestParseHostile parses a PO string of 10 MB, on one line and wrapped
// over 150,000 lines as gettext writes it: each reads whole.
func TestParseHostile(t *testing.T) {
	for _, width := range []int{0, 70} {
		t.Run(fmt.Sprintf("width %d", width), func(t *testing.T) {
			in := bigString(10<<20, width)
			f, err := Parse([]byte(in))
			if err != nil {
				t.Fatal(err)
			}
			if got := len(f.Messages[0].Msgstr); got < 10<<20-12 || got > 10<<20 {
				t.Errorf("msgstr of %d bytes", got)
			}
		})
	}
}

// BenchmarkParseSize parses a PO string of growing size, wrapped as
// gettext wraps it, and a file of many messages. Twice the input should
// take about twice the time.
//
//	go test -run '^$' -bench ParseSize ./pipeline/po
func BenchmarkParseSize(b *testing.B) {
	gens := []struct {
		name string
		gen  func(n int) string
	}{
		{"long-string", func(n int) string { return bigString(n, 70) }},
		{"messages", func(n int) string {
			var s strings.Builder
			for i := 0; s.Len() < n; i++ {
				fmt.Fprintf(&s, "#: articles/a.md:%d\nmsgctxt \"a/p-%d\"\nmsgid \"Text %d\"\nmsgstr \"Текст %d\"\n\n", i, i, i, i)
			}
			return s.String()
		}},
	}
	for _, g := range gens {
		for _, size := range []int{1 << 20, 2 << 20, 4 << 20, 8 << 20} {
			data := []byte(g.gen(size))
			b.Run(fmt.Sprintf("%s/%dMiB", g.name, size>>20), func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				for b.Loop() {
					if _, err := Parse(data); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
