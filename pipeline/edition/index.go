package edition

import (
	"bufio"
	"bytes"
	"html/template"
	"io"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/l10n-dev/l10n/internal/uitext"
)

// IndexEntry is an edition listed on a locale's index page.
type IndexEntry struct {
	Title string
	Href  string    // relative to the index page
	Date  time.Time // zero when the article has none
	// Units, Missing, Stale and Review (pre-filled from the memory, not
	// reviewed) say how complete the edition is.
	Units, Missing, Stale, Review int
	Source                        bool // the edition is the original
}

// IndexPage is the list of a locale's editions.
type IndexPage struct {
	Lang string
	// Len is how many editions the page lists; Entry returns the i-th
	// (0 ≤ i < Len), as often as the page needs it, so that a list of ten
	// thousand editions is not held as entries.
	Len   int
	Entry func(i int) IndexEntry
	// Alternates are the index pages of the other locales, this one
	// included.
	Alternates []Alternate
}

// WriteIndex writes a locale's index page to w: its editions by title in
// the locale's alphabetical order (CLDR collation), each with its date
// and how much of it is translated, in the locale's language. What it
// holds besides w is each title's collation key, till they are sorted.
func WriteIndex(w io.Writer, ix IndexPage) error {
	ui := uitext.New(ix.Lang)
	tag, err := language.Parse(ix.Lang)
	if err != nil {
		tag = language.Und
	}
	// Sort by collation keys, made once per title, one after the other
	// in one slice (ends[i] is where the i-th ends).
	c := collate.New(tag, collate.Loose)
	var buf collate.Buffer
	var keys []byte
	ends := make([]int32, ix.Len)
	order := make([]int32, ix.Len)
	for i := range ix.Len {
		keys = append(keys, c.KeyFromString(&buf, ix.Entry(i).Title)...)
		buf.Reset()
		ends[i], order[i] = int32(len(keys)), int32(i)
	}
	key := func(i int32) []byte {
		if i == 0 {
			return keys[:ends[0]]
		}
		return keys[ends[i-1]:ends[i]]
	}
	slices.SortStableFunc(order, func(a, b int32) int { return bytes.Compare(key(a), key(b)) })
	keys, ends = nil, nil
	d := struct {
		Lang, Title   string
		Items         template.HTML
		Alternates    []Alternate
		EditionsLabel string
		Others        []other
		Style         template.CSS
	}{Lang: ix.Lang, Title: ui.Text("index-title", nil), Alternates: ix.Alternates,
		EditionsLabel: ui.Text("index-editions", nil), Style: template.CSS(style)}
	for _, a := range ix.Alternates {
		if a.Locale != ix.Lang {
			d.Others = append(d.Others, other{Alternate: a, Name: ui.LanguageName(a.Locale)})
		}
	}
	// The page around the list, then the list written by hand: a
	// template's escaping, per entry, is most of the time an up-to-date
	// build takes.
	d.Items = itemsMark
	var frame bytes.Buffer
	if err := templates.ExecuteTemplate(&frame, "index", d); err != nil {
		return err
	}
	head, tail, _ := bytes.Cut(frame.Bytes(), []byte(itemsMark))
	said := map[[5]int]string{} // what an entry says, by date and counts
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.Write(head)
	for _, i := range order {
		e := ix.Entry(int(i))
		k := indexKey(e)
		if _, ok := said[k]; !ok {
			said[k] = indexLine(ui, e)
		}
		bw.WriteString("\n<li><a href=\"")
		bw.WriteString(template.HTMLEscapeString(e.Href))
		bw.WriteString("\">")
		bw.WriteString(template.HTMLEscapeString(e.Title))
		bw.WriteString("</a>\n<span>")
		bw.WriteString(said[k])
		bw.WriteString("</span></li>")
	}
	bw.Write(tail)
	return bw.Flush()
}

// itemsMark stands for the list in the index page's frame.
const itemsMark = template.HTML("<!--l10n:index-items-->")

// indexKey is what indexLine depends on of an entry.
func indexKey(e IndexEntry) [5]int {
	k := [5]int{int(e.Date.Unix()), e.Units, e.Missing, e.Stale, e.Review}
	if e.Source {
		k[1] = -1
	}
	return k
}

// indexLine says an entry's date and how complete it is, as HTML.
func indexLine(ui *uitext.Localizer, e IndexEntry) string {
	var b strings.Builder
	if !e.Date.IsZero() {
		b.WriteString(`<time datetime="` + e.Date.Format(time.DateOnly) + `">` + template.HTMLEscapeString(ui.Date(e.Date)) + "</time> · ")
	}
	switch {
	case e.Source:
		b.WriteString(template.HTMLEscapeString(ui.Text("index-original", nil)))
	case e.Missing > 0:
		b.WriteString(template.HTMLEscapeString(ui.Plural("index-partial", e.Units, uitext.Args{"Done": e.Units - e.Missing})))
	default:
		b.WriteString(template.HTMLEscapeString(ui.Text("index-complete", nil)))
	}
	if e.Stale > 0 && !e.Source {
		b.WriteString(" · " + template.HTMLEscapeString(ui.Plural("index-stale", e.Stale, nil)))
	}
	if e.Review > 0 && !e.Source {
		b.WriteString(" · " + template.HTMLEscapeString(ui.Plural("index-review", e.Review, nil)))
	}
	return b.String()
}
