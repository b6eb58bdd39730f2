package edition

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/l10n-dev/l10n/internal/corpus"
	"github.com/l10n-dev/l10n/pipeline/segment"
)

func TestSanitize(t *testing.T) {
	d, err := segment.Parse([]byte("Press <kbd>Ctrl</kbd> now.\n"))
	if err != nil {
		t.Fatal(err)
	}
	src := d.Units[0].Text
	tests := []struct{ target, want string }{
		{"Натисніть <kbd>Ctrl</kbd> зараз.", "Натисніть <kbd>Ctrl</kbd> зараз."},
		{"Натисніть <kbd>Ctrl</kbd> <b>зараз</b>.", "Натисніть <kbd>Ctrl</kbd> &lt;b>зараз&lt;/b>."},
		{"<script>alert(1)</script>", "&lt;script>alert(1)&lt;/script>"},
		{"1 < 2, <kbd>Ctrl</kbd>", "1 < 2, <kbd>Ctrl</kbd>"},
		{"`<b>code</b>` is fine", "`<b>code</b>` is fine"},
	}
	for _, tc := range tests {
		if got := Sanitize(d, src, tc.target); got != tc.want {
			t.Errorf("Sanitize(%q) = %q, want %q", tc.target, got, tc.want)
		}
	}
}

func TestHTML(t *testing.T) {
	md := []byte("# Заголовок\n\nПерший абзац.\n\nSecond paragraph [x](javascript:alert(1)) [y](/ok).\n")
	page, err := HTML(Page{
		Lang: "uk", Title: "Заголовок <1>", Markdown: md,
		Marks: []Mark{{Span: segment.Span{Start: strings.Index(string(md), "Second"), End: len(md) - 1}, Class: "l10n-missing", Lang: "en"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	s := string(page)
	for _, want := range []string{`<html lang="uk">`, `<meta charset="utf-8">`, `<title>Заголовок &lt;1&gt;</title>`,
		`<p class="l10n-missing" data-l10n-label="Ще не перекладено: текст оригіналу" lang="en">Second`, `<a href="#">x</a>`, `<a href="/ok">y</a>`, "<h1>Заголовок</h1>", "<p>Перший абзац.</p>"} {
		if !strings.Contains(s, want) {
			t.Errorf("page lacks %s", want)
		}
	}
}

func TestPlainText(t *testing.T) {
	d, _ := segment.Parse([]byte("x\n"))
	if got := PlainText(d, "**Bold** [link](#) `code` &amp; \\*"); got != "Bold link code & *" {
		t.Errorf("PlainText = %q", got)
	}
}

// TestSanitizeTree: the tree of a translation with nothing to escape is
// the one given (no second parse); one with new HTML is the escaped text.
func TestSanitizeTree(t *testing.T) {
	d, _ := segment.Parse([]byte("x\n"))
	const src = "A <b>bold</b> claim."
	same := d.Tree("Ще <b>жирне</b> твердження.")
	if got := SanitizeTree(d, src, same); got != same {
		t.Errorf("SanitizeTree parsed %q again", same.Src)
	}
	got := SanitizeTree(d, src, d.Tree("Ще <i>курсив</i>."))
	if want := "Ще &lt;i>курсив&lt;/i>."; string(got.Src) != want || got.Plain(Reading) != "Ще <i>курсив</i>." {
		t.Errorf("SanitizeTree = %q (reads %q), want %q", got.Src, got.Plain(Reading), want)
	}
}

// TestDescriptionEntities: a page without a description in its front
// matter is described by its first paragraph of prose, as a reader reads
// it: entity references and backslash escapes resolved, so that the
// template escapes each character once. The first case is a line of the
// Hugo documentation corpus (content-management/page-bundles).
func TestDescriptionEntities(t *testing.T) {
	var line string
	for _, ex := range corpus.Hugo(t) {
		if ex.Name != "content-management--page-bundles" {
			continue
		}
		for _, l := range strings.Split(ex.Markdown, "\n") {
			if strings.HasPrefix(l, "A _leaf bundle_ is a directory") {
				line = l
			}
		}
	}
	if !strings.Contains(line, "&nbsp;") {
		t.Fatalf("the corpus's page-bundles page has no leaf bundle line with &nbsp; (%q)", line)
	}
	words := strings.Repeat(" word", descriptionWords)
	tests := []struct{ md, want string }{
		{line, `content="A leaf bundle is a directory that contains an index.md file and zero or more resources. Analogous to a physical leaf, a leaf bundle is at the end of a branch. It has no descendants."`},
		{"AT&amp;T and \\*stars\\* &lt;b&gt; &#x41;" + words, `content="AT&amp;T and *stars* &lt;b&gt; A` + words + `"`},
	}
	for _, tc := range tests {
		page, err := HTML(Page{Lang: "en", Title: "t", Markdown: []byte(tc.md + "\n")})
		if err != nil {
			t.Fatal(err)
		}
		m := regexp.MustCompile(`<meta name="description" [^>]*>`).FindString(string(page))
		if !strings.Contains(m, tc.want) {
			t.Errorf("%q: description is %s, want %s", tc.md, m, tc.want)
		}
	}
}

// TestIndexEscapes checks that an index page escapes its titles and
// links (quotes, ampersands, angle brackets) and lists its editions in
// the locale's alphabetical order, not in the order given.
func TestIndexEscapes(t *testing.T) {
	var entries []IndexEntry
	for i := range 200 {
		entries = append(entries, IndexEntry{Title: strings.Repeat(`"Q&A" <it's> `, i%5+1), Href: fmt.Sprintf("a&b-%d.html", i), Units: 10, Missing: i % 3})
	}
	entries = append(entries, IndexEntry{Title: "жук", Href: "zh.html"}, IndexEntry{Title: "ель", Href: "ye.html"}, IndexEntry{Title: "ёлка", Href: "yo.html"})
	var b strings.Builder
	err := WriteIndex(&b, IndexPage{Lang: "ru", Len: len(entries), Entry: func(i int) IndexEntry { return entries[i] }})
	if err != nil {
		t.Fatal(err)
	}
	page := b.String()
	if !strings.Contains(page, "&#34;Q&amp;A&#34; &lt;it&#39;s&gt;") || !strings.Contains(page, `href="a&amp;b-7.html"`) {
		t.Fatalf("titles or links not escaped:\n%s", page)
	}
	// ё sorts as е in Russian, before ж (and ёлка before ель: к before
	// ь), where its code point sorts after them.
	at := func(s string) int { return strings.Index(page, s) }
	if !(at("ёлка") < at("ель") && at("ель") < at("жук")) {
		t.Errorf("entries not in Russian alphabetical order:\n%s", page)
	}
}
