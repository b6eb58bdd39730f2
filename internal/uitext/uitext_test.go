package uitext

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"
)

// TestMessageFilesComplete checks that every language's file has every
// message of the English one and no other, each with the plural forms its
// language uses (by CLDR) where the English has plural forms, and that
// go-i18n reads them all.
func TestMessageFilesComplete(t *testing.T) {
	if _, err := bundle(); err != nil {
		t.Fatal(err)
	}
	read := func(name string) map[string]map[string]string {
		data, err := os.ReadFile(filepath.Join("messages", name+".yaml"))
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]map[string]string
		if err := yaml.Unmarshal(data, &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	en := read("en")
	langs := Languages()
	if len(langs) != 3 {
		t.Fatalf("languages %v, want en, uk, ru", langs)
	}
	for _, lang := range []string{"uk", "ru"} {
		m := read(lang)
		if got, want := slices.Sorted(maps.Keys(m)), slices.Sorted(maps.Keys(en)); !slices.Equal(got, want) {
			t.Errorf("%s.yaml ids %v, want those of en.yaml %v", lang, got, want)
		}
		for id, e := range en {
			if _, ok := e["one"]; !ok {
				if m[id]["other"] == "" {
					t.Errorf("%s.yaml: %s has no other", lang, id)
				}
				continue
			}
			// The forms CLDR gives the language for integers, and other.
			want := map[string]bool{"other": true}
			for n := range 200 {
				want[formName(plural.Cardinal.MatchPlural(language.Make(lang), n, 0, 0, 0, 0))] = true
			}
			for form := range want {
				if m[id][form] == "" {
					t.Errorf("%s.yaml: %s lacks the plural form %s", lang, id, form)
				}
			}
		}
	}
}

func formName(f plural.Form) string {
	return map[plural.Form]string{plural.Zero: "zero", plural.One: "one", plural.Two: "two", plural.Few: "few", plural.Many: "many", plural.Other: "other"}[f]
}

func TestLocalizer(t *testing.T) {
	tests := []struct {
		locale string
		lang   string
		got    func(l *Localizer) string
		want   string
	}{
		{"uk", "uk", func(l *Localizer) string { return l.Text("mark-missing", nil) }, "Ще не перекладено: текст оригіналу"},
		{"uk-UA", "uk", func(l *Localizer) string { return l.Text("table", nil) }, "Таблиця"},
		{"ru", "ru", func(l *Localizer) string { return l.Text("mark-stale", nil) }, "Перевод может быть устаревшим"},
		{"de", "en", func(l *Localizer) string { return l.Text("mark-missing", nil) }, "Not yet translated: the original text"},
		{"be", "en", func(l *Localizer) string { return l.Text("table", nil) }, "Table"}, // never Russian for Belarusian
		{"en-XA", "en", func(l *Localizer) string { return l.Text("index-title", nil) }, "Articles"},
		{"not a tag", "en", func(l *Localizer) string { return l.Text("index-title", nil) }, "Articles"},
		{"uk", "uk", func(l *Localizer) string { return l.Text("no-such-message", nil) }, "no-such-message"},
		{"uk", "uk", func(l *Localizer) string { return l.Text("original", Args{"Language": "Англійська"}) }, "Англійська (оригінал)"},
		// CLDR plurals: one 1, 21; few 2–4, 22; many 0, 5–20, 25.
		{"uk", "uk", func(l *Localizer) string { return l.Plural("index-partial", 21, Args{"Done": 20}) }, "Перекладено 20 з 21 фрагмента"},
		{"uk", "uk", func(l *Localizer) string { return l.Plural("index-partial", 22, Args{"Done": 19}) }, "Перекладено 19 з 22 фрагментів"},
		{"uk", "uk", func(l *Localizer) string { return l.Plural("index-stale", 1, nil) }, "1 фрагмент може бути застарілим"},
		{"uk", "uk", func(l *Localizer) string { return l.Plural("index-stale", 3, nil) }, "3 фрагменти можуть бути застарілими"},
		{"uk", "uk", func(l *Localizer) string { return l.Plural("index-stale", 11, nil) }, "11 фрагментів можуть бути застарілими"},
		{"ru", "ru", func(l *Localizer) string { return l.Plural("index-stale", 22, nil) }, "22 фрагмента могут быть устаревшими"},
		{"ru", "ru", func(l *Localizer) string { return l.Plural("index-stale", 25, nil) }, "25 фрагментов могут быть устаревшими"},
		{"en", "en", func(l *Localizer) string { return l.Plural("index-stale", 1, nil) }, "1 passage may be out of date"},
		{"en", "en", func(l *Localizer) string { return l.Plural("index-partial", 22, Args{"Done": 3}) }, "3 of 22 passages translated"},
		// Dates and month names.
		{"uk", "uk", func(l *Localizer) string { return l.Date(time.Date(2024, 11, 26, 0, 0, 0, 0, time.UTC)) }, "26 листопада 2024"},
		{"ru", "ru", func(l *Localizer) string { return l.Date(time.Date(2024, 3, 8, 0, 0, 0, 0, time.UTC)) }, "8 марта 2024"},
		{"en", "en", func(l *Localizer) string { return l.Date(time.Date(2024, 11, 26, 0, 0, 0, 0, time.UTC)) }, "November 26, 2024"},
		// Language names: the message files', else CLDR's.
		{"uk", "uk", func(l *Localizer) string { return l.LanguageName("en") }, "Англійська"},
		{"ru", "ru", func(l *Localizer) string { return l.LanguageName("uk") }, "Украинский"},
		{"en", "en", func(l *Localizer) string { return l.LanguageName("ru") }, "Russian"},
		{"uk", "uk", func(l *Localizer) string { return l.LanguageName("de") }, "Німецька"},
		{"de", "en", func(l *Localizer) string { return l.LanguageName("uk") }, "Ukrainian"},
	}
	for _, tc := range tests {
		l := New(tc.locale)
		if got := l.Lang().String(); got != tc.lang {
			t.Errorf("New(%q).Lang() = %s, want %s", tc.locale, got, tc.lang)
		}
		if got := tc.got(l); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.locale, got, tc.want)
		}
	}
}

// TestGoI18nReadsTheFiles loads the message files as any go-i18n program
// would, from the file name's language.
func TestGoI18nReadsTheFiles(t *testing.T) {
	b := i18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("yaml", yaml.Unmarshal)
	for _, name := range []string{"en", "uk", "ru"} {
		data, err := os.ReadFile(filepath.Join("messages", name+".yaml"))
		if err != nil {
			t.Fatal(err)
		}
		mf, err := b.ParseMessageFileBytes(data, name+".yaml")
		if err != nil {
			t.Fatal(err)
		}
		if mf.Tag.String() != name || len(mf.Messages) < 20 {
			t.Errorf("%s.yaml: language %s, %d messages", name, mf.Tag, len(mf.Messages))
		}
	}
}

// TestDateForms: a date made from its month's form, the day put in, is
// the date message filled for that day, in every language, for every
// day of three years; without messages, the id shows.
func TestDateForms(t *testing.T) {
	for _, lang := range []string{"en", "uk", "ru", "de"} {
		l := New(lang)
		for d := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2026; d = d.AddDate(0, 0, 1) {
			want := l.Text("date", Args{"Day": d.Day(), "Month": l.Month(d.Month()), "Year": d.Year()})
			if got := l.Date(d); got != want {
				t.Fatalf("%s, %s: %q, want %q", lang, d.Format(time.DateOnly), got, want)
			}
		}
	}
	if got := (&Localizer{}).Date(time.Now()); got != "date" {
		t.Errorf("without messages: %q", got)
	}
}
