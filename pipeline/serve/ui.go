package serve

import (
	"html/template"
	"net/http"
	"net/url"

	"golang.org/x/text/language"

	"github.com/l10n-dev/l10n/internal/uitext"
)

// langCookie keeps the interface language a translator chose.
const langCookie = "l10n-ui"

// ui is the interface text of one page, in one language.
type ui struct {
	l *uitext.Localizer
	// Lang is the interface language, for <html lang>.
	Lang string
	// Switch links the page in each language the tool speaks.
	Switch []langLink
}

// langLink is one entry of the language switch.
type langLink struct {
	Lang, Name, Href string
	Current          bool
}

// T returns a message.
func (u *ui) T(id string) string { return u.l.Text(id, nil) }

// N returns a message with a count, in the plural form the count takes.
func (u *ui) N(id string, n int) string { return u.l.Plural(id, n, nil) }

// LanguageName names a locale in the interface language.
func (u *ui) LanguageName(loc string) string { return u.l.LanguageName(loc) }

// interfaceLanguage returns the language of a page: the one asked for by
// ?lang= (remembered in a cookie), else the cookie's, else the best of
// the browser's Accept-Language, else English.
func interfaceLanguage(w http.ResponseWriter, r *http.Request) *ui {
	tags := uitext.Languages()
	lang := ""
	if q := r.URL.Query().Get("lang"); q != "" && speaks(tags, q) {
		lang = q
		http.SetCookie(w, &http.Cookie{Name: langCookie, Value: q, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode, MaxAge: 365 * 24 * 3600})
	} else if c, err := r.Cookie(langCookie); err == nil && speaks(tags, c.Value) {
		lang = c.Value
	} else {
		want, _, _ := language.ParseAcceptLanguage(r.Header.Get("Accept-Language"))
		if len(want) > 0 {
			_, i, conf := language.NewMatcher(tags).Match(want...)
			if conf != language.No {
				lang = tags[i].String()
			}
		}
	}
	if lang == "" {
		lang = uitext.Fallback.String()
	}
	u := &ui{l: uitext.New(lang), Lang: lang}
	for _, t := range []string{"en", "uk", "ru"} {
		if !speaks(tags, t) {
			continue
		}
		q := r.URL.Query()
		q.Set("lang", t)
		href := (&url.URL{Path: r.URL.Path, RawQuery: q.Encode()}).String()
		u.Switch = append(u.Switch, langLink{Lang: t, Name: uitext.New(t).LanguageName(t), Href: href, Current: t == lang})
	}
	return u
}

// speaks reports whether the tool has a message file for a language.
func speaks(tags []language.Tag, lang string) bool {
	for _, t := range tags {
		if t.String() == lang {
			return true
		}
	}
	return false
}

// templateFuncs are the functions the page templates use.
var templateFuncs = template.FuncMap{
	"percent": func(n, of int) int {
		if of == 0 {
			return 0
		}
		return n * 100 / of
	},
}
