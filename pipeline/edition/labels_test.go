package edition

import (
	"testing"
	"time"

	"github.com/l10n-dev/l10n/internal/uitext"
)

// TestLabelsAsUitext holds the labels kept per language to what a
// localizer made for the page says, asked twice (the second answer from
// what was kept).
func TestLabelsAsUitext(t *testing.T) {
	date := time.Date(2024, time.November, 26, 0, 0, 0, 0, time.UTC)
	for _, lang := range []string{"uk", "ru", "en", "uk-UA", "de", "not a tag"} {
		ui := uitext.New(lang)
		for range 2 {
			l := labelsOf(lang)
			for _, c := range []struct{ got, want string }{
				{l.editions, ui.Text("editions", nil)}, {l.table, ui.Text("table", nil)},
				{l.mark("l10n-missing"), ui.Text("mark-missing", nil)}, {l.mark("l10n-stale"), ui.Text("mark-stale", nil)},
				{l.mark("l10n-review"), ui.Text("mark-review", nil)}, {l.mark("other"), ui.Text("mark-missing", nil)},
				{l.other("en", true), ui.Text("original", uitext.Args{"Language": ui.LanguageName("en")})},
				{l.other("en", false), ui.LanguageName("en")}, {l.other("ru", false), ui.LanguageName("ru")},
				{l.other("fr-CA", false), ui.LanguageName("fr-CA")}, {l.date(date), ui.Date(date)},
			} {
				if c.got != c.want || c.got == "" {
					t.Errorf("%s: label %q, the localizer says %q", lang, c.got, c.want)
				}
			}
		}
	}
}
