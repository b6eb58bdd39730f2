package edition

import (
	"bytes"
	"html/template"
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
	Lang    string
	Entries []IndexEntry
	// Alternates are the index pages of the other locales, this one
	// included.
	Alternates []Alternate
}

// Index renders a locale's index page: its editions by title in the
// locale's alphabetical order (CLDR collation), each with its date and how
// much of it is translated, in the locale's language.
func Index(ix IndexPage) ([]byte, error) {
	ui := uitext.New(ix.Lang)
	tag, err := language.Parse(ix.Lang)
	if err != nil {
		tag = language.Und
	}
	// Sort by collation keys, made once per title.
	c := collate.New(tag, collate.Loose)
	var buf collate.Buffer
	keys := make([][]byte, len(ix.Entries))
	order := make([]int, len(ix.Entries))
	for i, e := range ix.Entries {
		keys[i] = c.KeyFromString(&buf, e.Title)
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return bytes.Compare(keys[a], keys[b]) })
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
	// The page around the list, then the list written by hand into the
	// page's one buffer: a template's escaping, per entry, is most of the
	// time an up-to-date build takes, and a list of ten thousand articles
	// is megabytes not to hold twice.
	d.Items = itemsMark
	var frame bytes.Buffer
	if err := templates.ExecuteTemplate(&frame, "index", d); err != nil {
		return nil, err
	}
	head, tail, _ := bytes.Cut(frame.Bytes(), []byte(itemsMark))
	said := map[[5]int]string{} // what an entry says, by date and counts
	size := len(head) + len(tail)
	for _, e := range ix.Entries {
		k := indexKey(e)
		if _, ok := said[k]; !ok {
			said[k] = indexLine(ui, e)
		}
		// As escaped (no copy where nothing is): a buffer that fell
		// short would be copied into one twice its size.
		size += len(template.HTMLEscapeString(e.Href)) + len(template.HTMLEscapeString(e.Title)) + len(said[k]) + len("\n<li><a href=\"\"></a>\n<span></span></li>")
	}
	out := bytes.NewBuffer(make([]byte, 0, size))
	out.Write(head)
	for _, i := range order {
		e := &ix.Entries[i]
		out.WriteString("\n<li><a href=\"")
		out.WriteString(template.HTMLEscapeString(e.Href))
		out.WriteString("\">")
		out.WriteString(template.HTMLEscapeString(e.Title))
		out.WriteString("</a>\n<span>")
		out.WriteString(said[indexKey(*e)])
		out.WriteString("</span></li>")
	}
	out.Write(tail)
	return out.Bytes(), nil
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
