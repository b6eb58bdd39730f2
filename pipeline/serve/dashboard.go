package serve

import (
	"cmp"
	"net/http"
	"path/filepath"
	"slices"
	"sync"
)

// dashRow is a row of the dashboard: an article in a locale.
type dashRow struct {
	statusRow
	// Review counts the units someone must review: pre-filled from the
	// translation memory and not confirmed yet, or in an import conflict.
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

// newDashRow is a row of the dashboard for a status row: to review are
// the memory's pre-fills and the import conflicts; words left are the
// missing and stale units' words.
func newDashRow(st statusRow) dashRow {
	return dashRow{statusRow: st, Review: st.Review + st.Conflicts, WordsLeft: st.MissingWords + st.StaleWords}
}

// dashboard serves the list of every article in every locale, sorted by
// the column ?sort= names (?desc=1 reverses it).
func (s *Server) dashboard(w http.ResponseWriter, r *http.Request) {
	u := interfaceLanguage(w, r)
	status, err := s.status.rows(s.pr)
	if err != nil {
		s.fail(w, r, u, err)
		return
	}
	page := dashboardPage{UI: u, Project: filepath.Base(s.pr.root())}
	for _, st := range status {
		row := newDashRow(st)
		row.Link = "/edit/" + st.Article + "/" + st.Locale
		page.Rows = append(page.Rows, row)
	}
	page.Total = newDashRow(totalOf(status))
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

// statusCache keeps the status rows of each article with the stamps of
// the files they were counted from, so that the dashboard of a large
// project counts again only the articles whose files changed.
type statusCache struct {
	mu        sync.Mutex
	slugs     []string
	stamps    map[string]string
	byArticle map[string][]statusRow
	// gone are the rows of deleted articles (catalogs without an
	// article), counted when the list of articles changes.
	gone []statusRow
}

// rows returns the status of every article in every locale, in the
// order l10n status gives it.
func (c *statusCache) rows(pr *adapter) ([]statusRow, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	slugs, err := pr.articles()
	if err != nil {
		return nil, err
	}
	stamps := make(map[string]string, len(slugs))
	var changed []string
	for _, slug := range slugs {
		rels := []string{pr.articlePath(slug), pr.catalogPath(slug, pr.source())}
		for _, loc := range pr.locales() {
			rels = append(rels, pr.catalogPath(slug, loc))
		}
		stamps[slug] = stamp(pr.root(), rels...)
		if c.stamps[slug] != stamps[slug] {
			changed = append(changed, slug)
		}
	}
	switch {
	case !slices.Equal(slugs, c.slugs):
		all, err := pr.status(nil)
		if err != nil {
			return nil, err
		}
		c.byArticle, c.gone = map[string][]statusRow{}, nil
		known := map[string]bool{}
		for _, s := range slugs {
			known[s] = true
		}
		for _, r := range all {
			if known[r.Article] {
				c.byArticle[r.Article] = append(c.byArticle[r.Article], r)
			} else {
				c.gone = append(c.gone, r)
			}
		}
	case len(changed) > 0:
		some, err := pr.status(changed)
		if err != nil {
			return nil, err
		}
		for _, slug := range changed {
			delete(c.byArticle, slug)
		}
		for _, r := range some {
			c.byArticle[r.Article] = append(c.byArticle[r.Article], r)
		}
	}
	c.slugs, c.stamps = slugs, stamps
	var out []statusRow
	for _, slug := range slugs {
		out = append(out, c.byArticle[slug]...)
	}
	return append(out, c.gone...), nil
}
