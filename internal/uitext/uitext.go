// Package uitext holds the words l10n itself puts in front of readers: the
// labels it adds to editions (the mark on an untranslated passage, the names
// of the other editions' languages, the index page) and, later, the CLI's and
// the workbench's own text.
//
// The messages are go-i18n v2 message files in messages/ — one per
// language the tool speaks (en, uk, ru), the files translators edit. A
// Localizer gives a locale's text, with CLDR plural forms, and English for
// a locale the tool does not speak or a message its file lacks.
//
// The program does not read the files: go generate turns them, as
// go-i18n's loader reads them, into messages_gen.go (Go literals of
// i18n.Message, nothing to parse when l10n runs), and the package's tests
// fail when that file is not what the files give.
package uitext

//go:generate go test -run ^TestMessagesGenerated$ -update

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Fallback is the language of a locale the tool does not speak.
var Fallback = language.English

// Args are the values of a message's {{.Name}} placeholders.
type Args map[string]any

// messageFile is one file of messages/ as go-i18n reads it: the language
// its name gives and its messages, by id (messages_gen.go holds them all).
type messageFile struct {
	lang     string
	messages []*i18n.Message
}

// bundle returns the messages, put in a bundle once, file by file in the
// order of their names, as go-i18n's loader would.
var bundle = sync.OnceValues(func() (*i18n.Bundle, error) {
	b := i18n.NewBundle(Fallback)
	for _, f := range messageFiles {
		if err := b.AddMessages(language.Make(f.lang), f.messages...); err != nil {
			return nil, fmt.Errorf("uitext: messages/%s.yaml: %w", f.lang, err)
		}
	}
	return b, nil
})

// Languages returns the languages the tool speaks: those with a message file.
func Languages() []language.Tag {
	b, err := bundle()
	if err != nil {
		return []language.Tag{Fallback}
	}
	return b.LanguageTags()
}

// Localizer gives the tool's text in one language.
type Localizer struct {
	lang language.Tag // the language of the messages
	loc  *i18n.Localizer
	// months are the months' names as Month gave them, each made once,
	// and dates the form of a date in each month of a year as Date makes
	// it, with dayMark for the day (an index page dates every row).
	mu     sync.Mutex
	months [12]string
	dates  map[int]string
}

// dayMark stands for the day in a month's form of a date (see Date).
const dayMark = "\x00day\x00"

// New returns the Localizer for a locale (a BCP 47 tag such as uk, uk-UA or
// ru): the tool's text in the locale's language when the tool speaks it,
// otherwise in English. A region or script does not matter (uk-UA speaks
// uk); another language is never taken for a close one.
func New(locale string) *Localizer {
	lang := Fallback
	if t, err := language.Parse(locale); err == nil {
		base, _ := t.Base()
		for _, have := range Languages() {
			if b, _ := have.Base(); b == base {
				lang = have
				break
			}
		}
	}
	l := &Localizer{lang: lang}
	if b, err := bundle(); err == nil {
		l.loc = i18n.NewLocalizer(b, lang.String())
	}
	return l
}

// Lang returns the language the Localizer's text is in.
func (l *Localizer) Lang() language.Tag { return l.lang }

// Text returns the message id with its placeholders filled from args (nil
// when it has none). An unknown id gives the id itself, so that a missing
// message shows rather than vanishes; the package's tests keep every
// language's file complete.
func (l *Localizer) Text(id string, args Args) string {
	return l.localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: map[string]any(args)}, id)
}

// Plural returns the plural form of message id for the count n (by the
// CLDR rules of the Localizer's language), with {{.Count}} set to n and
// the other placeholders filled from args.
func (l *Localizer) Plural(id string, n int, args Args) string {
	data := map[string]any{"Count": n}
	for k, v := range args {
		data[k] = v
	}
	return l.localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: n}, id)
}

func (l *Localizer) localize(c *i18n.LocalizeConfig, id string) string {
	if l.loc == nil {
		return id
	}
	s, _, err := l.loc.LocalizeWithTag(c)
	if s == "" && err != nil {
		return id
	}
	return s
}

// Month returns a month's name in the form a date takes (in Ukrainian and
// Russian the genitive: листопада, ноября).
func (l *Localizer) Month(m time.Month) string {
	if m < time.January || m > time.December {
		return l.Text(fmt.Sprintf("month-%d", int(m)), nil)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.months[m-1] == "" {
		l.months[m-1] = l.Text(fmt.Sprintf("month-%d", int(m)), nil)
	}
	return l.months[m-1]
}

// Date writes a day in the Localizer's language: November 26, 2024;
// 26 листопада 2024; 26 ноября 2024.
//
// The message is filled once per month of a year, with a mark for the
// day, which is put in: unless the form does not hold the mark once (a
// message that does more with the day than show it), then once per date.
func (l *Localizer) Date(t time.Time) string {
	y, m, d := t.Date()
	month := l.Month(m)
	k := 12*y + int(m)
	l.mu.Lock()
	form, ok := l.dates[k]
	if !ok {
		form = l.Text("date", Args{"Day": dayMark, "Month": month, "Year": y})
		if l.dates == nil {
			l.dates = map[int]string{}
		}
		l.dates[k] = form
	}
	l.mu.Unlock()
	if strings.Count(form, dayMark) != 1 {
		return l.Text("date", Args{"Day": d, "Month": month, "Year": y})
	}
	return strings.Replace(form, dayMark, strconv.Itoa(d), 1)
}

// LanguageName returns the name of a locale's language in the Localizer's
// language, capitalised as a list item starts: Англійська, Russian. The
// message files name the languages the tool speaks; CLDR (x/text) names
// the others, and a tag CLDR does not know is named by itself.
func (l *Localizer) LanguageName(locale string) string {
	t, err := language.Parse(locale)
	if err != nil {
		return locale
	}
	base, _ := t.Base()
	id := "language-" + base.String()
	if name := l.Text(id, nil); name != id && t == language.Make(base.String()) {
		return name
	}
	name := display.Tags(l.lang).Name(t)
	if name == "" {
		return locale
	}
	r := []rune(name)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}
