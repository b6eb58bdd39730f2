package edition

import (
	"bytes"
	"testing"

	"github.com/yuin/goldmark/text"

	"github.com/l10n-dev/l10n/pipeline/segment"
)

// KeptAsJudged renders md as a page's translated text whose source is
// source, as HTML does up to the sanitizer, and checks every block that
// kept lets through without rendering: the sanitizer, judging it, must
// leave it as it is. It returns how many blocks kept let through and how
// many it left to the sanitizer.
func KeptAsJudged(t testing.TB, name, source, md string) (kept, judged int) {
	t.Helper()
	p := Page{Lang: "uk", Markdown: []byte(md), SourceURLs: sourceURLs(t, source),
		Units: []Unit{{Span: segment.Span{Start: 0, End: len(md)}, ID: "u", Translated: true}}}
	m := pageMarkdown(&nodeRenderer{})
	root := m.Parser().Parse(text.NewReader(p.Markdown))
	neutralize(root, p.Markdown, p)
	f := newFragment(p.SourceURLs)
	for _, b := range translatedBlocks(root, p) {
		ok := f.kept(b, p.Markdown)
		clean, err := f.judge(m.Renderer(), b, p.Markdown)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if ok && clean != nil {
			t.Errorf("%s: block at %d passes kept, but the sanitizer makes it %q", name, b.Lines().At(0).Start, clean)
		}
		if ok {
			kept++
		} else {
			judged++
		}
	}
	return kept, judged
}

// SanitizeFragment is sanitizeFragment and MarkupOf is markupOf, for
// the differential test against bluemonday.
var (
	SanitizeFragment = sanitizeFragment
	MarkupOf         = markupOf
)

// SanitizerInputs renders md as a page's translated text whose source is
// source, without the URL policy (so that goldmark writes a javascript:
// link as it is), and returns for each block its HTML as goldmark writes
// it, raw HTML and all, and, when the block is not text only, the HTML
// that judge hands the sanitizer (raw HTML and safe URLs swapped for
// placeholders).
func SanitizerInputs(t testing.TB, source, md string) []string {
	t.Helper()
	p := Page{Lang: "uk", Markdown: []byte(md), SourceURLs: sourceURLs(t, source),
		Units: []Unit{{Span: segment.Span{Start: 0, End: len(md)}, ID: "u", Translated: true}}}
	m := pageMarkdown(&nodeRenderer{})
	root := m.Parser().Parse(text.NewReader(p.Markdown))
	f := newFragment(p.SourceURLs)
	var out []string
	for _, b := range translatedBlocks(root, p) {
		var raw bytes.Buffer
		for c := b.FirstChild(); c != nil; c = c.NextSibling() {
			if err := m.Renderer().Render(&raw, p.Markdown, c); err != nil {
				t.Fatal(err)
			}
		}
		out = append(out, raw.String())
		masked, err := f.maskedHTML(m.Renderer(), b, p.Markdown)
		if err != nil {
			t.Fatal(err)
		}
		if masked != "" {
			out = append(out, masked)
		}
	}
	return out
}

// sourceURLs is SourceURLs of the article source, which segment reads
// (a source it refuses skips the test).
func sourceURLs(t testing.TB, source string) map[string]bool {
	t.Helper()
	d, err := segment.Parse([]byte(source))
	if err != nil {
		t.Skipf("segment refuses the source: %v", err)
	}
	return SourceURLs(d)
}

// TypesetRules returns how many edits the typesetting rules of locale
// make in a block's text s.
func TypesetRules(locale string, s []byte) int {
	return len(typesetterOf(locale).rules(s, nil))
}
