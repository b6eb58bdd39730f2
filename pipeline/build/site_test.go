package build

import (
	"regexp"
	"strings"
	"testing"

	"github.com/l10n-dev/l10n/internal/corpus"
	"github.com/l10n-dev/l10n/pipeline/inline"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// TestMayLink checks mayLink, which spares the Markdown edition a parse
// of each unit with a link, against what link does: any text in which
// rewriting the links to the project's articles changes something must
// be one that mayLink lets through. The texts are links to the site's
// articles spelt every way a destination can be, and the spec examples.
func TestMayLink(t *testing.T) {
	s := &site{source: "en", locales: []string{"en", "uk"}, slugs: []string{"a", "b"}, has: []uint8{hasEdition, hasEdition, hasEdition, 0}}
	texts := []string{
		"[x](a.md)", "[x](a.md#top)", "[x](<a.md>)", "[x](./a.md \"t\")", "[x](../articles/a.md)", "[x](b.md)",
		"[x](a.%6Dd)", "[x](a.%6dd)", "[x](a%2Emd)", "[x](a.&#109;d)", "[x](a.&#x6D;d)", "[x](a&period;md)",
		"[x](a\\.md)", "[x](a.m\\d)", "[x](a.MD)", "[x](a.mD)", "[x](https://example.org/a.md)", "[x](a)", "[x](#)",
		// The destination among other text: after a first link, a "%"
		// or a "(" elsewhere, spaces or a line break before it,
		// parentheses in it, a title after it.
		"rose 5% [x](b.md)", "[x](a) and [y](b.md)", "[x]( b.md)", "[x](\nb.md)", "[x](\t<b.md>)", "[x](a(1).md)",
		"[x](b.md \"t\")", "[x](<b.md> \"t\")", "[x](a \"b.md\") [y](b.md)", "[x](a)(b.md)", "[[x](b.md)](a)", "[x](a (b.md))",
	}
	spec, err := corpus.All()
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range spec {
		texts = append(texts, x.Markdown, strings.ReplaceAll(x.Markdown, "/url", "a.md"))
	}
	syn := inline.Default()
	changed := 0
	for _, text := range texts {
		for _, loc := range []string{"uk", "en"} {
			r := syn.Parse(text, nil).RewriteLinks(func(dest string) string { return s.link(dest, loc, ".md") })
			if r == text {
				continue
			}
			changed++
			if !s.mayLink(text) {
				t.Errorf("link changes %q to %q in %s, but mayLink says it cannot", text, r, loc)
			}
		}
	}
	if changed == 0 {
		t.Fatal("no text changed: the test tests nothing")
	}
	// A "%", "&", "\\" or ".md" outside destinations sends no text to
	// the parser.
	for _, text := range []string{"rose 5% [x](https://example.org/b)", "[x](b) rose 5%", "[x](b \"5%\")", "Q&A [x](b) a.md", "[x](b)\\"} {
		if s.mayLink(text) {
			t.Errorf("mayLink(%q): no destination may change", text)
		}
	}
	t.Logf("%d texts, %d changed", len(texts), changed)
}

// FuzzLinkUnparsed holds link, which lets a destination without ".md"
// or "%" through unparsed where the project has no article_urls, to
// linkParsed, which parses every destination: the same answer for any
// destination in each locale, with article_urls or without.
func FuzzLinkUnparsed(f *testing.F) {
	for _, d := range []string{"a.md", "a.md#top", "./a.md", "../articles/a.md", "b.md", "a.%6Dd", "a%2Emd", "a.MD", "https://example.org/a.md",
		"https://example.org/a", "https://example.org/news/a", "a", "#", "", "a#", "mailto:x@y", "javascript:alert(1)", "%zz", ":x", "/a.md", "a.md?x=1"} {
		f.Add(d)
	}
	plain := &site{source: "en", locales: []string{"en", "uk"}, slugs: []string{"a", "b"}, has: []uint8{hasEdition, hasEdition, hasEdition, 0}}
	re, err := project.CompileArticleURL("https://example.org/news/{slug}")
	if err != nil {
		f.Fatal(err)
	}
	urls := *plain
	urls.patterns = []*regexp.Regexp{re}
	f.Fuzz(func(t *testing.T, dest string) {
		for _, s := range []*site{plain, &urls} {
			for _, loc := range []string{"uk", "en"} {
				if got, want := s.link(dest, loc, ".html"), s.linkParsed(dest, loc, ".html"); got != want {
					t.Fatalf("%q in %s (%d patterns): link %q, parsed %q", dest, loc, len(s.patterns), got, want)
				}
			}
		}
	})
}
