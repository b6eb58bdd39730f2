package edition

import (
	"bufio"
	"bytes"
	"html/template"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"
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
	// thousand editions is not held as entries; it may be called from
	// several goroutines at once.
	Len   int
	Entry func(i int) IndexEntry
	// Alternates are the index pages of the other locales, this one
	// included.
	Alternates []Alternate
	// Order, when set, is the order of the entries on the page as
	// IndexOrder gave it for entries with the same titles (a caller that
	// kept it); nil, or not an order of Len entries, WriteIndex sorts
	// them.
	Order []int32
}

// WriteIndex writes a locale's index page to w: its editions by title in
// the locale's alphabetical order (CLDR collation), each with its date
// and how much of it is translated, in the locale's language. What it
// holds besides w is each title's collation key, till they are sorted.
// It calls ix.Entry from several goroutines at once.
func WriteIndex(w io.Writer, ix IndexPage) error {
	ui := uitext.New(ix.Lang)
	order := ix.Order
	if !isOrder(order, ix.Len) {
		order = IndexOrder(ix)
	}
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
	words := &lineWords{ui: ui, counts: map[countKey]string{}}
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.Write(head)
	for _, i := range order {
		e := ix.Entry(int(i))
		k := indexKey(e)
		if _, ok := said[k]; !ok {
			said[k] = indexLine(words, e)
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

// indexLine returns what an entry says besides its title.
func indexLine(w *lineWords, e IndexEntry) string {
	var b strings.Builder
	if !e.Date.IsZero() {
		b.WriteString(`<time datetime="` + e.Date.Format(time.DateOnly) + `">` + template.HTMLEscapeString(w.ui.Date(e.Date)) + "</time> · ")
	}
	switch {
	case e.Source:
		b.WriteString(w.count("index-original", -1, 0))
	case e.Missing > 0:
		b.WriteString(w.count("index-partial", e.Units, e.Units-e.Missing))
	default:
		b.WriteString(w.count("index-complete", -1, 0))
	}
	if e.Stale > 0 && !e.Source {
		b.WriteString(" · " + w.count("index-stale", e.Stale, 0))
	}
	if e.Review > 0 && !e.Source {
		b.WriteString(" · " + w.count("index-review", e.Review, 0))
	}
	return b.String()
}

// lineWords are the words of a page's entries (see indexLine): the
// counts, escaped, each made once (many entries share one); dates are
// made once per month by the Localizer (uitext.Localizer.Date).
type lineWords struct {
	ui     *uitext.Localizer
	counts map[countKey]string
}

// countKey names a message with its count (-1 for none) and the number
// done (index-partial's).
type countKey struct {
	id      string
	n, done int
}

// count returns message id with the count n (none when n < 0) and the
// number done.
func (w *lineWords) count(id string, n, done int) string {
	k := countKey{id, n, done}
	s, ok := w.counts[k]
	if !ok {
		switch {
		case n < 0:
			s = w.ui.Text(id, nil)
		case id == "index-partial":
			s = w.ui.Plural(id, n, uitext.Args{"Done": done})
		default:
			s = w.ui.Plural(id, n, nil)
		}
		s = template.HTMLEscapeString(s)
		w.counts[k] = s
	}
	return s
}

// isOrder reports whether order holds each of 0 … n−1 once.
func isOrder(order []int32, n int) bool {
	if len(order) != n {
		return false
	}
	seen := make([]bool, n)
	for _, i := range order {
		if i < 0 || int(i) >= n || seen[i] {
			return false
		}
		seen[i] = true
	}
	return true
}

// IndexOrder returns the order of a page's entries (the numbers of the
// entries, first to last): by title in the language's alphabetical order
// (CLDR collation), stable. It depends on the page's language and its
// entries' titles alone. The titles' collation keys are made once each,
// on every core (a part of the list each, with a collator of its own:
// one is not safe for concurrent use), and held one after the other till
// they are sorted.
func IndexOrder(ix IndexPage) []int32 {
	tag, err := language.Parse(ix.Lang)
	if err != nil {
		tag = language.Und
	}
	n := max(1, min(runtime.GOMAXPROCS(0), ix.Len/256))
	size := max(1, (ix.Len+n-1)/n)
	type part struct {
		keys []byte
		ends []int32 // where each key of the part ends in keys
	}
	parts := make([]part, n)
	var wg sync.WaitGroup
	for k := range parts {
		wg.Go(func() {
			c := collate.New(tag, collate.Loose)
			var buf collate.Buffer
			p := &parts[k]
			for i := k * size; i < min((k+1)*size, ix.Len); i++ {
				p.keys = append(p.keys, c.KeyFromString(&buf, ix.Entry(i).Title)...)
				buf.Reset()
				p.ends = append(p.ends, int32(len(p.keys)))
			}
		})
	}
	wg.Wait()
	key := func(i int32) []byte {
		p, j := &parts[int(i)/size], int(i)%size
		if j == 0 {
			return p.keys[:p.ends[0]]
		}
		return p.keys[p.ends[j-1]:p.ends[j]]
	}
	order := make([]int32, ix.Len)
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(a, b int32) int { return bytes.Compare(key(a), key(b)) })
	return order
}
