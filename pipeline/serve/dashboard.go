package serve

import (
	"cmp"
	"net/http"
	"path/filepath"
	"slices"
)

// dashRow is a row of the dashboard: an article in a locale.
type dashRow struct {
	statusRow
	// Review counts the units someone must review: import conflicts.
	Review int
	// WordsLeft are the English words of the missing and stale units.
	WordsLeft int
	// Link opens the editor.
	Link string
}

// columns of the dashboard, by the sort key of their header.
var dashColumns = []struct {
	key, label string
	num        bool
	value      func(r *dashRow) int
}{
	{"article", "serve-col-article", false, nil},
	{"locale", "serve-col-locale", false, nil},
	{"units", "serve-col-units", true, func(r *dashRow) int { return r.Units }},
	{"translated", "serve-col-translated", true, func(r *dashRow) int { return r.Translated }},
	{"review", "serve-col-review", true, func(r *dashRow) int { return r.Review }},
	{"missing", "serve-col-missing", true, func(r *dashRow) int { return r.Missing }},
	{"stale", "serve-col-stale", true, func(r *dashRow) int { return r.Stale }},
	{"words", "serve-col-words", true, func(r *dashRow) int { return r.WordsLeft }},
}

// dashHeader is a column header: a link that sorts by it.
type dashHeader struct {
	Label, Href string
	Num         bool
	Sorted      string // "ascending", "descending" or ""
}

// dashboardPage is what the dashboard template shows.
type dashboardPage struct {
	UI      *ui
	Headers []dashHeader
	Rows    []dashRow
	Total   dashRow
	Project string
}

// dashboard serves the list of every article in every locale, sorted by
// the column ?sort= names (?desc=1 reverses it).
func (s *Server) dashboard(w http.ResponseWriter, r *http.Request) {
	u := interfaceLanguage(w, r)
	status, err := s.pr.status()
	if err != nil {
		s.fail(w, r, u, err)
		return
	}
	page := dashboardPage{UI: u, Project: filepath.Base(s.pr.root())}
	for _, st := range status {
		row := dashRow{statusRow: st, Review: st.Conflicts, WordsLeft: st.MissingWords + st.StaleWords,
			Link: "/edit/" + st.Article + "/" + st.Locale}
		page.Rows = append(page.Rows, row)
		t := &page.Total
		t.Units += st.Units
		t.Translated += st.Translated
		t.Review += row.Review
		t.Missing += st.Missing
		t.Stale += st.Stale
		t.WordsLeft += row.WordsLeft
	}
	key, desc := r.URL.Query().Get("sort"), r.URL.Query().Get("desc") == "1"
	for _, c := range dashColumns {
		h := dashHeader{Label: u.T(c.label), Href: "?sort=" + c.key, Num: c.num}
		if c.key == key {
			h.Sorted = "ascending"
			if desc {
				h.Sorted = "descending"
			} else {
				h.Href += "&desc=1"
			}
			value := c.value
			slices.SortStableFunc(page.Rows, func(a, b dashRow) int {
				var d int
				switch {
				case value != nil:
					d = cmp.Compare(value(&a), value(&b))
				case c.key == "locale":
					d = cmp.Compare(a.Locale, b.Locale)
				default:
					d = cmp.Compare(a.Article, b.Article)
				}
				if desc {
					d = -d
				}
				return d
			})
		}
		page.Headers = append(page.Headers, h)
	}
	s.render(w, "dashboard.html", page)
}
