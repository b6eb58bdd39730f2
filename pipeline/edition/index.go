package edition

import (
	"bytes"
	"html/template"
	"slices"
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
	// Units, Missing and Stale say how complete the edition is.
	Units, Missing, Stale int
	Source                bool // the edition is the original
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
	entries := slices.Clone(ix.Entries)
	c := collate.New(tag, collate.Loose)
	slices.SortStableFunc(entries, func(a, b IndexEntry) int { return c.CompareString(a.Title, b.Title) })
	type item struct {
		IndexEntry
		Datetime, Date, State, Stale string
	}
	d := struct {
		Lang, Title   string
		Items         []item
		Alternates    []Alternate
		EditionsLabel string
		Others        []other
		Style         template.CSS
	}{Lang: ix.Lang, Title: ui.Text("index-title", nil), Alternates: ix.Alternates,
		EditionsLabel: ui.Text("editions", nil), Style: template.CSS(style)}
	for _, e := range entries {
		it := item{IndexEntry: e}
		if !e.Date.IsZero() {
			it.Datetime, it.Date = e.Date.Format(time.DateOnly), ui.Date(e.Date)
		}
		switch {
		case e.Source:
			it.State = ui.Text("index-original", nil)
		case e.Missing > 0:
			it.State = ui.Plural("index-partial", e.Units, uitext.Args{"Done": e.Units - e.Missing})
		default:
			it.State = ui.Text("index-complete", nil)
		}
		if e.Stale > 0 && !e.Source {
			it.Stale = ui.Plural("index-stale", e.Stale, nil)
		}
		d.Items = append(d.Items, it)
	}
	for _, a := range ix.Alternates {
		if a.Locale != ix.Lang {
			d.Others = append(d.Others, other{Alternate: a, Name: ui.LanguageName(a.Locale)})
		}
	}
	var out bytes.Buffer
	err = indexPage.Execute(&out, d)
	return out.Bytes(), err
}

var indexPage = template.Must(template.New("index").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
{{- range .Alternates}}
<link rel="alternate" hreflang="{{.Locale}}" href="{{.Href}}">{{end}}
<style>{{.Style}}</style>
</head>
<body>
{{- if .Others}}
<nav class="l10n-editions" aria-label="{{.EditionsLabel}}">
<ul>
{{- range .Others}}
<li><a href="{{.Href}}" hreflang="{{.Locale}}" rel="alternate">{{.Name}}</a></li>{{end}}
</ul>
</nav>
{{- end}}
<article>
<h1>{{.Title}}</h1>
<ul class="l10n-index">
{{- range .Items}}
<li><a href="{{.Href}}">{{.Title}}</a>
<span>{{if .Date}}<time datetime="{{.Datetime}}">{{.Date}}</time> · {{end}}{{.State}}{{if .Stale}} · {{.Stale}}{{end}}</span></li>
{{- end}}
</ul>
</article>
</body>
</html>
`))
