package check

import (
	"strings"
	"sync"

	"github.com/l10n-dev/l10n/pipeline/glossary"
)

// calendarNames are the month and weekday names of a language, in every
// grammatical case a newsroom writes them in: x/text has no date
// formatting, so l10n carries them as data. Each entry is a stem and its
// endings ("жовт" + "ень ня ню нем ні"); the CLDR nominative (standalone)
// and genitive (format) forms are among them, as are the CLDR abbreviated
// forms, written with their full stop.
type calendarNames struct {
	months   [12][]string
	weekdays [7][]string // Monday first
	abbr     [12][]string
}

// declined expands "stem: endings" pairs into words.
func declined(stem, endings string) []string {
	var out []string
	for _, e := range strings.Split(endings, " ") {
		out = append(out, stem+e)
	}
	return out
}

// calendars are the calendar names of uk, ru and en, made when New is
// first called, not when the program starts.
var calendars = sync.OnceValue(func() map[glossary.Lang]*calendarNames {
	return map[glossary.Lang]*calendarNames{
		"uk": {
			months: [12][]string{
				declined("січ", "ень ня ню нем ні"),
				declined("лют", "ий ого ому им"),
				declined("берез", "ень ня ню нем ні"),
				declined("квіт", "ень ня ню нем ні"),
				declined("трав", "ень ня ню нем ні"),
				declined("черв", "ень ня ню нем ні"),
				declined("лип", "ень ня ню нем ні"),
				declined("серп", "ень ня ню нем ні"),
				declined("верес", "ень ня ню нем ні"),
				declined("жовт", "ень ня ню нем ні"),
				declined("листопад", " а у ом і"),
				declined("груд", "ень ня ню нем ні"),
			},
			abbr: [12][]string{{"січ."}, {"лют."}, {"бер."}, {"квіт."}, {"трав."}, {"черв."},
				{"лип."}, {"серп."}, {"вер."}, {"жовт."}, {"лист.", "листоп."}, {"груд."}},
			weekdays: [7][]string{
				declined("понеділ", "ок ка ку ком ки ків ках"),
				declined("вівтор", "ок ка ку ком ки ків ках"),
				declined("серед", "а и і у ою"),
				declined("четвер", " га гу гом а у ом ги гів гах"),
				declined("пʼятниц", "я і ю ею"),
				declined("субот", "а и і у ою ах"),
				declined("неділ", "я і ю ею ь ях"),
			},
		},
		"ru": {
			months: [12][]string{
				declined("январ", "ь я ю ем е"),
				declined("феврал", "ь я ю ем е"),
				declined("март", " а у ом е"),
				declined("апрел", "ь я ю ем е"),
				declined("ма", "й я ю ем е"),
				declined("июн", "ь я ю ем е"),
				declined("июл", "ь я ю ем е"),
				declined("август", " а у ом е"),
				declined("сентябр", "ь я ю ем е"),
				declined("октябр", "ь я ю ем е"),
				declined("ноябр", "ь я ю ем е"),
				declined("декабр", "ь я ю ем е"),
			},
			abbr: [12][]string{{"янв."}, {"февр.", "фев."}, {"мар."}, {"апр."}, nil, {"июн."},
				{"июл."}, {"авг."}, {"сент.", "сен."}, {"окт."}, {"нояб.", "ноя."}, {"дек."}},
			weekdays: [7][]string{
				declined("понедельник", " а у ом е и ов ам ах"),
				declined("вторник", " а у ом е и ов ам ах"),
				declined("сред", "а ы е у ой ам ах"),
				declined("четверг", " а у ом е и ов ам ах"),
				declined("пятниц", "а ы е у ей ам ах"),
				declined("суббот", "а ы е у ой ам ах"),
				declined("воскресен", "ье ья ью ьем ьям ьях"),
			},
		},
		"en": {
			months: [12][]string{{"January"}, {"February"}, {"March"}, {"April"}, {"May"}, {"June"},
				{"July"}, {"August"}, {"September"}, {"October"}, {"November"}, {"December"}},
			abbr: [12][]string{{"Jan.", "Jan"}, {"Feb.", "Feb"}, {"Mar.", "Mar"}, {"Apr.", "Apr"}, nil, {"Jun.", "Jun"},
				{"Jul.", "Jul"}, {"Aug.", "Aug"}, {"Sept.", "Sep.", "Sept", "Sep"}, {"Oct.", "Oct"}, {"Nov.", "Nov"}, {"Dec.", "Dec"}},
			weekdays: [7][]string{{"Monday"}, {"Tuesday"}, {"Wednesday"}, {"Thursday"}, {"Friday"}, {"Saturday"}, {"Sunday"}},
		},
	}
})

// englishMonths names the months in messages.
var englishMonths = [12]string{"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

// englishWeekdays names the weekdays in messages, Monday first.
var englishWeekdays = [7]string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

// genitive returns the form a message suggests for a month with a day:
// the second form of the list (the genitive for uk and ru), or the first.
func (n *calendarNames) genitive(m int) string {
	if f := n.months[m]; len(f) > 1 {
		return f[1]
	}
	return n.months[m][0]
}
