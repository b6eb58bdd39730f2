package pipeline_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	xhtml "golang.org/x/net/html"

	"github.com/l10n-dev/l10n/pipeline"
	"github.com/l10n-dev/l10n/pipeline/segment"
)

// seedProject copies the seed article, its catalogs and the glossary of
// the repository into a new project.
func seedProject(t *testing.T) *pipeline.Project {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "newsroom")
	files := []string{pipeline.ArticlePath(seed), pipeline.GlossaryFile}
	for _, loc := range []string{"en", "uk", "ru"} {
		files = append(files, pipeline.CatalogPath(seed, loc))
	}
	for _, rel := range files {
		data, err := os.ReadFile(filepath.Join("..", rel))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, rel)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, rel), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := pipeline.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

var (
	noteComment = regexp.MustCompile(`<!-- l10n (missing|stale) [^>]*-->`)
	// tagSpace is white space next to a tag, where HTML ignores it.
	tagSpace = regexp.MustCompile(`\s*(<[^>]*>)\s*`)
)

// TestMarkdownNotesKeepStructure builds every spec example untranslated
// under PolicyMark: each unit gets a note, and the Markdown edition renders
// to the source's HTML once the notes (HTML comments) are taken out, so no
// note moves a block out of its list, quote or table.
func TestMarkdownNotesKeepStructure(t *testing.T) {
	p, examples := specProject(t)
	if _, err := p.Extract(pipeline.ExtractOptions{Locales: []string{"uk"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Build(pipeline.BuildOptions{Locales: []string{"uk"}}); err != nil {
		t.Fatal(err)
	}
	notes := 0
	for slug, src := range examples {
		d, err := segment.Parse([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(filepath.Join(p.Root, pipeline.EditionPath(slug, "uk", ".md")))
		if err != nil {
			t.Fatal(err)
		}
		md := string(data)
		n := strings.Count(md, "<!-- l10n missing ")
		notes += n
		if n != len(d.Units) {
			t.Errorf("%s: %d notes for %d units:\n%s", slug, n, len(d.Units), md)
		}
		got := tagSpace.ReplaceAllString(noteComment.ReplaceAllString(render(t, data), ""), "$1")
		if want := tagSpace.ReplaceAllString(render(t, []byte(src)), "$1"); got != want {
			t.Errorf("%s: the notes change the page:\nsource %q\nedition %q\n got %q\nwant %q", slug, src, md, got, want)
		}
	}
	if notes < 500 {
		t.Errorf("only %d notes", notes)
	}
}

// TestSeedTypesetting checks each typesetting rule on the seed's Ukrainian
// and Russian HTML editions, and that the Markdown editions keep the
// translators' text as it is.
func TestSeedTypesetting(t *testing.T) {
	p := seedProject(t)
	if _, err := p.Build(pipeline.BuildOptions{}); err != nil {
		t.Fatal(err)
	}
	rules := map[string]struct {
		words, months string // one-letter words; a month in the genitive
		percent       string // 95% as the edition must write it
	}{
		"uk": {"вуійзоа", "листопада|липня", "95%"},
		"ru": {"вкусоиа", "ноября|июля", "95\u00a0%"},
	}
	for loc, r := range rules {
		page := string(read(t, filepath.Join(p.Root, pipeline.EditionPath(seed, loc, ".html"))))
		text := pageText(t, page)
		// A one-letter word (after a non-letter), a space, and a word.
		bound, loose := 0, []string{}
		rs := []rune(text)
		for i := 1; i+2 < len(rs); i++ {
			prev, c, sp, next := rs[i-1], unicode.ToLower(rs[i]), rs[i+1], rs[i+2]
			if !strings.ContainsRune(r.words, c) || unicode.IsLetter(prev) || unicode.IsDigit(prev) || strings.ContainsRune("'’ʼ-", prev) ||
				!unicode.IsSpace(sp) || unicode.IsSpace(next) {
				continue
			}
			if sp == '\u00a0' {
				bound++
			} else {
				loose = append(loose, string(rs[max(0, i-20):min(len(rs), i+20)]))
			}
		}
		if len(loose) > 0 || bound < 20 {
			t.Errorf("%s: %d one-letter words bound; %d loose: %q", loc, bound, len(loose), loose)
		}
		dashes := regexp.MustCompile(`([^\s\x{a0}])([\s\x{a0}])—`).FindAllStringSubmatch(text, -1)
		for _, m := range dashes {
			if m[2] != "\u00a0" {
				t.Errorf("%s: a breaking space before an em dash: %q", loc, m[0])
			}
		}
		if len(dashes) < 3 {
			t.Errorf("%s: only %d em dashes", loc, len(dashes))
		}
		dates := regexp.MustCompile(`\b\d{1,2}([\s\x{a0}])(?:` + r.months + `)`).FindAllStringSubmatch(text, -1)
		for _, m := range dates {
			if m[1] != "\u00a0" {
				t.Errorf("%s: a breaking space in a date: %q", loc, m[0])
			}
		}
		if len(dates) < 3 {
			t.Errorf("%s: only %d dates", loc, len(dates))
		}
		if !strings.Contains(text, r.percent+" ") {
			t.Errorf("%s: 95%% is not written %q", loc, r.percent)
		}
		if !strings.Contains(page, `<html lang="`+loc+`">`) || !strings.Contains(page, "hyphens: auto") {
			t.Errorf("%s: no hyphenation in the page's language", loc)
		}
		// The Markdown edition has the catalog's no-break spaces, no more.
		md := string(read(t, filepath.Join(p.Root, pipeline.EditionPath(seed, loc, ".md"))))
		cat := readCatalog(t, filepath.Join(p.Root, pipeline.CatalogPath(seed, loc)))
		want := 0
		for _, e := range cat.Entries {
			want += strings.Count(e.Other, "\u00a0")
		}
		if got := strings.Count(md, "\u00a0"); got != want {
			t.Errorf("%s: the Markdown edition has %d no-break spaces, its catalog %d", loc, got, want)
		}
	}
}

// pageText returns the text a reader sees of a page's article: no code,
// no attributes, no head.
func pageText(t *testing.T, page string) string {
	t.Helper()
	doc, err := xhtml.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		switch {
		case n.Type == xhtml.ElementNode && (n.Data == "head" || n.Data == "code" || n.Data == "pre" || n.Data == "nav"):
			return
		case n.Type == xhtml.TextNode:
			b.WriteString(n.Data)
		case n.Type == xhtml.ElementNode && n.Data == "p":
			defer b.WriteString("\n\n")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return b.String()
}

func read(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
