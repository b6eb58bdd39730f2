package edition

import (
	"sync"
	"time"

	"github.com/l10n-dev/l10n/internal/uitext"
)

// labels are the words of a language's pages (uitext), asked once per
// language and not once per page: making a localizer and asking it for
// a page's few labels took longer than writing the page's head.
type labels struct {
	editions, table        string
	missing, stale, review string // the marks' labels (markLabel)
	mu                     sync.Mutex
	ui                     *uitext.Localizer // asked under mu
	others                 map[otherKey]string
}

// otherKey names a link to another edition: its locale, and whether it
// is the original.
type otherKey struct {
	locale string
	source bool
}

// labelsByLang are the labels of each page language met so far (locale
// → *labels).
var labelsByLang sync.Map

// labelsOf returns the labels of a page language, made once.
func labelsOf(lang string) *labels {
	if l, ok := labelsByLang.Load(lang); ok {
		return l.(*labels)
	}
	ui := uitext.New(lang)
	l := &labels{ui: ui, others: map[otherKey]string{},
		editions: ui.Text("editions", nil), table: ui.Text("table", nil),
		missing: markLabel(ui, "l10n-missing"), stale: markLabel(ui, "l10n-stale"), review: markLabel(ui, "l10n-review")}
	got, _ := labelsByLang.LoadOrStore(lang, l)
	return got.(*labels)
}

// mark returns the visible label of a passage marked with class (see
// markLabel).
func (l *labels) mark(class string) string {
	switch class {
	case "l10n-stale":
		return l.stale
	case "l10n-review":
		return l.review
	}
	return l.missing
}

// other returns the text of the link to the edition in locale: its
// language's name, and that it is the original.
func (l *labels) other(locale string, source bool) string {
	k := otherKey{locale, source}
	l.mu.Lock()
	defer l.mu.Unlock()
	if s, ok := l.others[k]; ok {
		return s
	}
	name := l.ui.LanguageName(locale)
	if source {
		name = l.ui.Text("original", uitext.Args{"Language": name})
	}
	l.others[k] = name
	return name
}

// date writes a date in the page's language (uitext.Localizer.Date).
func (l *labels) date(t time.Time) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.ui.Date(t)
}
