package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/l10n-dev/l10n/pipeline/status"
)

// column is one column of the status table: its header and its cell for
// a row, appended to a buffer (cells are made as they are measured and
// again as they are printed, never held: a table of ten thousand
// articles would otherwise hold a string per cell).
type column struct {
	head string
	cell func(b []byte, r *status.Row) []byte
}

// translated is a row's TRANSLATED cell: the units and their share.
func translated(b []byte, r *status.Row) []byte {
	if r.Units == 0 {
		return append(b, '0')
	}
	b = strconv.AppendInt(b, int64(r.Translated), 10)
	pct := r.Translated * 100 / r.Units
	b = append(b, "   "[:max(0, 3-digits(pct))]...)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(pct), 10)
	return append(b, '%')
}

// digits returns how many characters n takes in decimal.
func digits(n int) int {
	return len(strconv.AppendInt(make([]byte, 0, 20), int64(n), 10))
}

// num is a column of a count.
func num(f func(r *status.Row) int) func(b []byte, r *status.Row) []byte {
	return func(b []byte, r *status.Row) []byte { return strconv.AppendInt(b, int64(f(r)), 10) }
}

// text is a column of a string.
func text(f func(r *status.Row) string) func(b []byte, r *status.Row) []byte {
	return func(b []byte, r *status.Row) []byte { return append(b, f(r)...) }
}

// printStatus prints the status table in width columns: one row per
// article and locale with every count when it fits, else each article on
// a line of its own above its locales' rows and the words of the units
// left in one column; then the totals, which count the articles.
func printStatus(w io.Writer, rows []status.Row, width int) {
	bw := bufio.NewWriter(w)
	defer bw.Flush()
	total := status.Total(rows)
	articles := 0
	for i, r := range rows {
		if i == 0 || r.Article != rows[i-1].Article {
			articles++
		}
	}
	total.Article = "total: " + count(articles, "article")
	counts := []column{
		{"TRANSLATED", translated},
		{"MISSING", num(func(r *status.Row) int { return r.Missing })},
		{"STALE", num(func(r *status.Row) int { return r.Stale })},
	}
	// Translations pre-filled from the memory to review show when there
	// is one.
	if total.Review > 0 {
		counts = append(counts[:1], append([]column{{"REVIEW", num(func(r *status.Row) int { return r.Review })}}, counts[1:]...)...)
	}
	// Import conflicts are rare and urgent: their column shows when
	// there is one.
	if total.Conflicts > 0 {
		counts = append(counts, column{"CONFLICTS", num(func(r *status.Row) int { return r.Conflicts })})
	}
	counts = append(counts, column{"OBSOLETE", num(func(r *status.Row) int { return r.Obsolete })})

	full := append([]column{
		{"ARTICLE", text(func(r *status.Row) string { return r.Article })},
		{"LOCALE", text(func(r *status.Row) string { return r.Locale })},
		{"UNITS", num(func(r *status.Row) int { return r.Units })},
	}, counts...)
	full = append(full,
		column{"WORDS", num(func(r *status.Row) int { return r.Words })},
		column{"MISSING WORDS", num(func(r *status.Row) int { return r.MissingWords })},
		column{"STALE WORDS", num(func(r *status.Row) int { return r.StaleWords })},
	)
	rowsThenTotal := func(yield func(tableLine) bool) {
		for i := range rows {
			if !yield(tableLine{row: &rows[i]}) {
				return
			}
		}
		yield(tableLine{row: &total, rule: true})
	}
	if t := newTable(full, 2, rowsThenTotal); t.width() <= width {
		t.print(bw)
		return
	}

	// Compact: the article above its locales.
	compact := append([]column{{"ARTICLE / LOCALE", text(func(r *status.Row) string {
		if r.Locale == "" {
			return r.Article
		}
		return "  " + r.Locale
	})}}, counts...)
	compact = append(compact, column{"WORDS LEFT", num(func(r *status.Row) int { return r.MissingWords + r.StaleWords })})
	t := newTable(compact, 1, func(yield func(tableLine) bool) {
		for i := range rows {
			if i == 0 || rows[i].Article != rows[i-1].Article {
				if !yield(tableLine{heading: rows[i].Article}) {
					return
				}
			}
			if !yield(tableLine{row: &rows[i]}) {
				return
			}
		}
		yield(tableLine{row: &total, rule: true})
	})
	t.headings = width
	t.print(bw)
}

// table lays out rows of cells: the first left columns aligned left, the
// others right. It holds neither its lines nor their cells: it walks its
// lines once to measure their cells and again to print them, so that a
// table of ten thousand articles costs no more memory than one of ten.
type table struct {
	cols  []column
	left  int
	lines iter.Seq[tableLine] // the lines below the columns' heads
	w     []int
	buf   []byte
	// headings is the width headings are abbreviated to as they are
	// printed (abbreviate; 0: as they are), not as they are measured.
	headings int
}

// tableLine is a line of a table: a row or a heading.
type tableLine struct {
	row     *status.Row
	heading string // a line of its own, measured in no column
	rule    bool   // a rule above the line
}

// newTable returns the table of cols over lines, measured.
func newTable(cols []column, left int, lines iter.Seq[tableLine]) *table {
	t := &table{cols: cols, left: left, lines: lines, w: make([]int, len(cols))}
	for i, c := range cols {
		t.w[i] = utf8.RuneCountInString(c.head)
	}
	for l := range lines {
		if l.row == nil {
			continue
		}
		for i, c := range t.cols {
			t.buf = c.cell(t.buf[:0], l.row)
			t.w[i] = max(t.w[i], utf8.RuneCount(t.buf))
		}
	}
	return t
}

// width returns the table's width in columns.
func (t *table) width() int {
	n := 2 * (len(t.w) - 1)
	for _, w := range t.w {
		n += w
	}
	return n
}

// print prints the columns' heads, then the lines.
func (t *table) print(w io.Writer) {
	t.line(w, nil)
	for l := range t.lines {
		if l.heading != "" {
			fmt.Fprintln(w, abbreviate(l.heading, t.headings))
			continue
		}
		if l.rule {
			fmt.Fprintln(w, strings.Repeat("-", t.width()))
		}
		t.line(w, l.row)
	}
}

// line prints the row r's cells, or the columns' heads when r is nil.
func (t *table) line(w io.Writer, r *status.Row) {
	var line []byte
	for i, c := range t.cols {
		if r == nil {
			t.buf = append(t.buf[:0], c.head...)
		} else {
			t.buf = c.cell(t.buf[:0], r)
		}
		pad := t.w[i] - utf8.RuneCount(t.buf)
		if i >= t.left {
			line = append(line, strings.Repeat(" ", pad)...)
		}
		line = append(line, t.buf...)
		if i < t.left {
			line = append(line, strings.Repeat(" ", pad)...)
		}
		if i < len(t.cols)-1 {
			line = append(line, "  "...)
		}
	}
	w.Write(append(bytes.TrimRight(line, " "), '\n'))
}

// abbreviate shortens a slug longer than width, keeping its start and its
// end, which tell articles apart.
func abbreviate(s string, width int) string {
	r := []rune(s)
	if len(r) <= width || width < 10 {
		return s
	}
	head := (width - 1) * 2 / 3
	return string(r[:head]) + "…" + string(r[len(r)-(width-1-head):])
}
