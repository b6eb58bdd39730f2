package edition_test

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/l10n-dev/l10n/pipeline/edition"
	"github.com/l10n-dev/l10n/pipeline/segment"
)

// FuzzHTML renders any Markdown as the translated text of a Ukrainian,
// Russian and English page, with any source article's URLs and a mark
// over the text: the URL policy, the sanitizer, the typesetting and the
// template neither panic nor run on without end (a render that does not
// end within seconds is reported with its input).
func FuzzHTML(f *testing.F) {
	for _, x := range xssPayloads {
		f.Add("See [x](javascript:alert(1)).", strings.ReplaceAll(x.md, "§", "1")+"\n\n"+x.def)
	}
	f.Add("[a](https://x.org)", "Війна в Україні — 26 листопада 2024 року, 95 % і ٣ листопада.\n\n| a | b |\n|---|---|\n| в | 5 % |\n")
	f.Add("", "# Заголовок\n\n> в полоні\n\n- 1 січня\n- `в коді`\n\n```\nв коді\n```\n")
	f.Fuzz(func(t *testing.T, source, md string) {
		if !utf8.ValidString(md) {
			return // a translation is UTF-8, or its catalog is refused
		}
		urls := map[string]bool{}
		if d, err := segment.Parse([]byte(source)); err == nil {
			urls = edition.SourceURLs(d)
		}
		done := make(chan struct{})
		go func() {
			defer close(done)
			for _, lang := range []string{"uk", "ru", "en"} {
				p := edition.Page{Lang: lang, Title: "t", Markdown: []byte(md), SourceURLs: urls,
					Units: []edition.Unit{{Span: segment.Span{End: len(md)}, ID: "u", Translated: true}},
					Marks: []edition.Mark{{Span: segment.Span{End: len(md)}, Class: "l10n-review"}}}
				_, _ = edition.HTML(p)
			}
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("the page of %q did not end", md)
		}
	})
}
