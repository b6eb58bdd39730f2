package main

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/l10n-dev/l10n/pipeline/status"
)

// column is one column of the status table: its header and its cell for
// a row.
type column struct {
	head string
	cell func(r status.Row) string
}

// translated is a row's TRANSLATED cell: the units and their share.
func translated(r status.Row) string {
	if r.Units == 0 {
		return "0"
	}
	return fmt.Sprintf("%d %3d%%", r.Translated, r.Translated*100/r.Units)
}

func num(f func(r status.Row) int) func(r status.Row) string {
	return func(r status.Row) string { return fmt.Sprint(f(r)) }
}

// printStatus prints the status table in width columns: one row per
// article and locale with every count when it fits, else each article on
// a line of its own above its locales' rows and the words of the units
// left in one column; then the totals, which count the articles.
func printStatus(w io.Writer, rows []status.Row, width int) {
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
		{"MISSING", num(func(r status.Row) int { return r.Missing })},
		{"STALE", num(func(r status.Row) int { return r.Stale })},
	}
	// Translations pre-filled from the memory to review show when there
	// is one.
	if total.Review > 0 {
		counts = append(counts[:1], append([]column{{"REVIEW", num(func(r status.Row) int { return r.Review })}}, counts[1:]...)...)
	}
	// Import conflicts are rare and urgent: their column shows when
	// there is one.
	if total.Conflicts > 0 {
		counts = append(counts, column{"CONFLICTS", num(func(r status.Row) int { return r.Conflicts })})
	}
	counts = append(counts, column{"OBSOLETE", num(func(r status.Row) int { return r.Obsolete })})

	full := append([]column{
		{"ARTICLE", func(r status.Row) string { return r.Article }},
		{"LOCALE", func(r status.Row) string { return r.Locale }},
		{"UNITS", num(func(r status.Row) int { return r.Units })},
	}, counts...)
	full = append(full,
		column{"WORDS", num(func(r status.Row) int { return r.Words })},
		column{"MISSING WORDS", num(func(r status.Row) int { return r.MissingWords })},
		column{"STALE WORDS", num(func(r status.Row) int { return r.StaleWords })},
	)
	t := newTable(full, 2)
	for _, r := range rows {
		t.add(r, false)
	}
	t.add(total, true)
	if t.width() <= width {
		t.print(w)
		return
	}

	// Compact: the article above its locales.
	compact := append([]column{{"ARTICLE / LOCALE", func(r status.Row) string {
		if r.Locale == "" {
			return r.Article
		}
		return "  " + r.Locale
	}}}, counts...)
	compact = append(compact, column{"WORDS LEFT", num(func(r status.Row) int { return r.MissingWords + r.StaleWords })})
	t = newTable(compact, 1)
	for i, r := range rows {
		if i == 0 || r.Article != rows[i-1].Article {
			t.heading(abbreviate(r.Article, width))
		}
		t.add(r, false)
	}
	t.add(total, true)
	t.print(w)
}

// table lays out rows of cells: the first left columns aligned left, the
// others right.
type table struct {
	cols  []column
	left  int
	lines []tableLine
	w     []int
}

type tableLine struct {
	cells   []string
	heading string // a line of its own
	rule    bool   // a rule above the line
}

func newTable(cols []column, left int) *table {
	t := &table{cols: cols, left: left, w: make([]int, len(cols))}
	head := make([]string, len(cols))
	for i, c := range cols {
		head[i] = c.head
	}
	t.addCells(head, false)
	return t
}

func (t *table) add(r status.Row, rule bool) {
	cells := make([]string, len(t.cols))
	for i, c := range t.cols {
		cells[i] = c.cell(r)
	}
	t.addCells(cells, rule)
}

func (t *table) addCells(cells []string, rule bool) {
	for i, c := range cells {
		t.w[i] = max(t.w[i], utf8.RuneCountInString(c))
	}
	t.lines = append(t.lines, tableLine{cells: cells, rule: rule})
}

func (t *table) heading(s string) { t.lines = append(t.lines, tableLine{heading: s}) }

// width returns the table's width in columns.
func (t *table) width() int {
	n := 2 * (len(t.w) - 1)
	for _, w := range t.w {
		n += w
	}
	return n
}

func (t *table) print(w io.Writer) {
	for _, l := range t.lines {
		if l.heading != "" {
			fmt.Fprintln(w, l.heading)
			continue
		}
		if l.rule {
			fmt.Fprintln(w, strings.Repeat("-", t.width()))
		}
		var b strings.Builder
		for i, c := range l.cells {
			pad := strings.Repeat(" ", t.w[i]-utf8.RuneCountInString(c))
			if i < t.left {
				b.WriteString(c + pad)
			} else {
				b.WriteString(pad + c)
			}
			if i < len(l.cells)-1 {
				b.WriteString("  ")
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
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
