package pipelinetest_test

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	xhtml "golang.org/x/net/html"

	"github.com/l10n-dev/l10n/pipeline/build"
	"github.com/l10n-dev/l10n/pipeline/extract"
	"github.com/l10n-dev/l10n/pipeline/lint"
	"github.com/l10n-dev/l10n/pipeline/project"
	"github.com/l10n-dev/l10n/pipeline/segment"
)

// seedProject copies the seed article, its catalogs, the glossary and the
// spelling list of the repository into a new project.
func seedProject(t testing.TB) *project.Project {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "newsroom")
	files := []string{project.ArticlePath(seed), project.GlossaryFile, "spelling.txt"}
	for _, loc := range []string{"en", "uk", "ru"} {
		files = append(files, project.CatalogPath(seed, loc))
	}
	for _, rel := range files {
		data, err := os.ReadFile(filepath.Join("..", "..", rel))
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
	p, err := project.Open(dir)
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
	if _, err := extract.Run(p, extract.Options{Locales: []string{"uk"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := build.Run(p, build.Options{Locales: []string{"uk"}}); err != nil {
		t.Fatal(err)
	}
	notes := 0
	for slug, src := range examples {
		d, err := segment.Parse([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(filepath.Join(p.Root, project.EditionPath(slug, "uk", ".md")))
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
	if _, err := build.Run(p, build.Options{}); err != nil {
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
		page := string(read(t, filepath.Join(p.Root, project.EditionPath(seed, loc, ".html"))))
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
		dates := regexp.MustCompile(`\b\d{1,2}([\s\x{a0}])(?:`+r.months+`)`).FindAllStringSubmatch(text, -1)
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
		md := string(read(t, filepath.Join(p.Root, project.EditionPath(seed, loc, ".md"))))
		cat := readCatalog(t, filepath.Join(p.Root, project.CatalogPath(seed, loc)))
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

// TestLinksBetweenArticles gives the seed's two "Related article" lines
// real targets: a relative link to another article's .md file and a URL
// that matches article_urls in l10n.yaml. Each edition links to the
// related article's edition in its own locale where it has one, and to the
// source otherwise.
func TestLinksBetweenArticles(t *testing.T) {
	p := seedProject(t)
	const (
		threat  = "the-global-threat"
		lessons = "ukraines-hard-won-lessons"
		url     = "https://www.themoscowtimes.com/2024/08/24/" + lessons
	)
	write(t, filepath.Join(p.Root, project.ConfigFile), "article_urls:\n  - https://www.themoscowtimes.com/*/*/*/{slug}\n")
	art := filepath.Join(p.Root, project.ArticlePath(seed))
	src := strings.NewReplacer("Partnerships](#)", "Partnerships]("+threat+".md#top)",
		"Independence](#)", "Independence](<"+url+">)").Replace(string(read(t, art)))
	write(t, art, src)
	write(t, filepath.Join(p.Root, project.ArticlePath(threat)), "# The Global Threat of Russia's International Partnerships\n\nText.\n")
	write(t, filepath.Join(p.Root, project.ArticlePath(lessons)), "# Ukraine's Hard-Won Lessons in Independence\n\nText.\n")
	// Extract shows the translators the new English (a confirmation is
	// of the English the catalog shows); they put the same links in
	// their translations.
	if _, err := extract.Run(p, extract.Options{}); err != nil {
		t.Fatal(err)
	}
	for _, loc := range []string{"uk", "ru"} {
		cat := filepath.Join(p.Root, project.CatalogPath(seed, loc))
		s := string(read(t, cat))
		dest := url
		if loc == "uk" {
			dest = "<" + url + ">"
		}
		for _, fix := range []struct{ id, dest string }{{"p-related-article-the", threat + ".md#top"}, {"p-related-article-ukraine", dest}} {
			entry := regexp.MustCompile(`(?m)^` + fix.id + `:\n  hash: \S+\n(  other: .*)\(#\)`)
			if !entry.MatchString(s) {
				t.Fatalf("%s: no entry %s", cat, fix.id)
			}
			s = entry.ReplaceAllString(s, fix.id+":\n${1}("+fix.dest+")")
		}
		write(t, cat, s)
	}
	p, err := project.Open(p.Root)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := extract.Run(p, extract.Options{}); err != nil {
		t.Fatal(err)
	}
	// The threat has no Ukrainian edition, the lessons no Russian one:
	// their translators have not started.
	for _, rel := range []string{project.CatalogPath(threat, "uk"), project.CatalogPath(lessons, "ru")} {
		if err := os.Remove(filepath.Join(p.Root, rel)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := build.Run(p, build.Options{Locales: []string{"en"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := build.Run(p, build.Options{Articles: []string{seed}}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		loc, ext     string
		threat, less string
	}{
		{"uk", ".html", "../en/" + threat + ".html#top", lessons + ".html"},
		{"uk", ".md", "../en/" + threat + ".md#top", "<" + lessons + ".md>"},
		{"ru", ".html", threat + ".html#top", url},
		{"ru", ".md", threat + ".md#top", url},
		{"en", ".html", threat + ".html#top", lessons + ".html"},
	}
	for _, tc := range tests {
		got := string(read(t, filepath.Join(p.Root, project.EditionPath(seed, tc.loc, tc.ext))))
		for _, want := range []string{tc.threat, tc.less} {
			link := "(" + want + ")"
			if tc.ext == ".html" {
				link = `href="` + want + `"`
			}
			if !strings.Contains(got, link) {
				t.Errorf("%s%s: no link %s", tc.loc, tc.ext, link)
			}
		}
	}
	// The source edition stays the source byte for byte.
	if got := string(read(t, filepath.Join(p.Root, project.EditionPath(seed, "en", ".md")))); got != src {
		t.Errorf("the en edition is not the source")
	}
	// The translations' links are the source's: check finds nothing.
	rep, err := lint.Run(p, lint.Options{Articles: []string{seed}})
	if err != nil || len(rep.Findings) > 0 {
		t.Errorf("check: %v %+v", err, rep.Findings)
	}
}

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// translate fills the translations of an article's catalog in loc: each
// English text in tr gets its translation; the rest stays missing.
func translate(t *testing.T, p *project.Project, slug, loc string, tr map[string]string) {
	t.Helper()
	path := filepath.Join(p.Root, project.CatalogPath(slug, loc))
	f := readCatalog(t, path)
	en := readCatalog(t, filepath.Join(p.Root, project.CatalogPath(slug, "en")))
	for i, e := range f.Entries {
		if s, ok := tr[en.Entries[i].Other]; ok {
			e.Other = s
		}
	}
	if err := os.WriteFile(path, f.Encode(nil, nil), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestIndexPages lists a locale's editions in its alphabetical order, with
// their dates and how much is translated, in the locale's language.
func TestIndexPages(t *testing.T) {
	dir := t.TempDir()
	titles := map[string][2]string{ // English title → uk, ru
		"Hedgehog": {"Їжак", "Ёж"}, "Porch": {"Ґанок", "Крыльцо"}, "Willow": {"Іва", "Ива"},
		"Eve": {"Єва", "Ева"}, "Mountain": {"Гора", "Гора"}, "Blackberry": {"Ожина", "Ежевика"},
	}
	for en := range titles {
		src := "# " + en + "\n\nNovember 26, 2024\n\nOne paragraph.\n"
		if en == "Porch" {
			src = "---\ndate: 2024-03-08\n---\n# Porch\n\nOne paragraph.\n"
		}
		if err := os.MkdirAll(filepath.Join(dir, "articles"), 0o755); err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(dir, project.ArticlePath(strings.ToLower(en))), src)
	}
	p, err := project.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := extract.Run(p, extract.Options{}); err != nil {
		t.Fatal(err)
	}
	for en, tr := range titles {
		for k, loc := range []string{"uk", "ru"} {
			m := map[string]string{en: tr[k], "November 26, 2024": map[string]string{"uk": "26 листопада 2024 року", "ru": "26 ноября 2024 года"}[loc]}
			if en != "Willow" { // Willow's paragraph is not translated yet
				m["One paragraph."] = map[string]string{"uk": "Один абзац.", "ru": "Один абзац."}[loc]
			}
			translate(t, p, strings.ToLower(en), loc, m)
		}
	}
	if _, err := build.Run(p, build.Options{}); err != nil {
		t.Fatal(err)
	}
	item := regexp.MustCompile(`<li><a href="([a-z]+)\.html">([^<]*)</a>\s*<span>(.*)</span></li>`)
	tests := []struct {
		loc   string
		order string
		lines map[string]string
	}{
		{"uk", "mountain porch eve willow hedgehog blackberry", map[string]string{
			"porch":    `<time datetime="2024-03-08">8 березня 2024</time> · Перекладено повністю`,
			"willow":   `<time datetime="2024-11-26">26 листопада 2024</time> · Перекладено 2 з 3 фрагментів`,
			"mountain": `<time datetime="2024-11-26">26 листопада 2024</time> · Перекладено повністю`,
		}},
		{"ru", "mountain eve hedgehog blackberry willow porch", map[string]string{
			"willow": `<time datetime="2024-11-26">26 ноября 2024</time> · Переведено 2 из 3 фрагментов`,
		}},
		{"en", "blackberry eve hedgehog mountain porch willow", map[string]string{
			"porch": `<time datetime="2024-03-08">March 8, 2024</time> · Original`,
		}},
	}
	check := func(when string) {
		t.Helper()
		for _, tc := range tests {
			page := string(read(t, filepath.Join(p.Root, build.IndexPath(tc.loc))))
			var order, named []string
			for _, m := range item.FindAllStringSubmatch(page, -1) {
				order = append(order, m[1])
				named = append(named, m[2])
				if want, ok := tc.lines[m[1]]; ok && m[3] != want {
					t.Errorf("%s: %s index: %s: %q, want %q", when, tc.loc, m[1], m[3], want)
				}
			}
			if strings.Join(order, " ") != tc.order {
				t.Errorf("%s: %s index order %q, want %q", when, tc.loc, order, tc.order)
			}
			// Each row's title is its own article's.
			for k, slug := range order {
				en := strings.ToUpper(slug[:1]) + slug[1:]
				want := map[string]string{"en": en, "uk": titles[en][0], "ru": titles[en][1]}[tc.loc]
				if k < len(named) && named[k] != want {
					t.Errorf("%s: %s index: %s titled %q, want %q", when, tc.loc, slug, named[k], want)
				}
			}
			if !strings.Contains(page, `<html lang="`+tc.loc+`">`) {
				t.Errorf("%s: %s index: no lang", when, tc.loc)
			}
		}
	}
	check("first build")
	// One article built again: the pages list it as built now and the
	// others as their records say, titles of both kinds side by side.
	translate(t, p, "willow", "uk", map[string]string{"One paragraph.": "Один абзац."})
	if _, err := build.Run(p, build.Options{Articles: []string{"willow"}}); err != nil {
		t.Fatal(err)
	}
	tests[0].lines["willow"] = `<time datetime="2024-11-26">26 листопада 2024</time> · Перекладено повністю`
	check("one article built again")
}

// TestEditionMetadata checks what the seed's pages say of themselves: a
// description, Open Graph, hreflang alternates under the base URL of
// l10n.yaml, the date, and labels in the page's language on the passages
// that are not (currently) translated, which the Markdown edition notes
// in HTML comments.
func TestEditionMetadata(t *testing.T) {
	p := seedProject(t)
	write(t, filepath.Join(p.Root, project.ConfigFile), "base_url: https://example.org/news\n")
	p, err := project.Open(p.Root)
	if err != nil {
		t.Fatal(err)
	}
	// One unit missing, one stale, in each locale.
	for _, loc := range []string{"uk", "ru"} {
		cat := filepath.Join(p.Root, project.CatalogPath(seed, loc))
		s := string(read(t, cat))
		s = regexp.MustCompile(`(?m)^(p-the-views-expressed:\n  hash: \S+\n  other: ).*`).ReplaceAllString(s, "${1}''")
		s = regexp.MustCompile(`(?m)^(p-the-tied-hands:\n  hash: sha1-)\w+`).ReplaceAllString(s, "${1}0123456789012345678901234567890123456789")
		write(t, cat, s)
	}
	if _, err := build.Run(p, build.Options{}); err != nil {
		t.Fatal(err)
	}
	base := "https://example.org/news/"
	tests := []struct {
		loc  string
		want []string
	}{
		{"uk", []string{
			`<meta name="description" content="Останніми роками Україна закликала міжнародні організації тиснути на російську сторону, щоб вона відновила обмін військовополоненими й цивільними та надала доступ до всіх військовополонених…">`,
			`<link rel="canonical" href="` + base + `uk/` + seed + `.html">`,
			`<link rel="alternate" hreflang="en" href="` + base + `en/` + seed + `.html">`,
			`<link rel="alternate" hreflang="uk" href="` + base + `uk/` + seed + `.html">`,
			`<link rel="alternate" hreflang="ru" href="` + base + `ru/` + seed + `.html">`,
			`<link rel="alternate" hreflang="x-default" href="` + base + `en/` + seed + `.html">`,
			`<meta property="og:type" content="article">`,
			`<meta property="og:title" content="Байдужість неурядових організацій до українських військовополонених так само смертоносна, як і російська зброя">`,
			`<meta property="og:locale" content="uk_UA">`,
			`<meta property="og:locale:alternate" content="en_US">`,
			`<meta property="og:locale:alternate" content="ru_RU">`,
			`<meta property="og:url" content="` + base + `uk/` + seed + `.html">`,
			`<meta property="article:published_time" content="2024-11-26">`,
			`<time datetime="2024-11-26">26` + "\u00a0" + `листопада 2024 року</time>`,
			`<nav class="l10n-editions" aria-label="Ця стаття іншими мовами">`,
			`hreflang="en" rel="alternate">Англійська (оригінал)</a>`,
			`hreflang="ru" rel="alternate">Російська</a>`,
			`<p class="l10n-missing" data-l10n-label="Ще не перекладено: текст оригіналу" lang="en"><em>The views`,
			`<p class="l10n-stale" data-l10n-label="Переклад може бути застарілим">Звʼязані руки`,
		}},
		{"ru", []string{
			`<meta property="og:locale" content="ru_RU">`,
			`<meta property="og:locale:alternate" content="uk_UA">`,
			`hreflang="en" rel="alternate">Английский (оригинал)</a>`,
			`hreflang="uk" rel="alternate">Украинский</a>`,
			`<p class="l10n-missing" data-l10n-label="Пока не переведено: текст оригинала" lang="en"><em>The views`,
			`<p class="l10n-stale" data-l10n-label="Перевод может быть устаревшим">Связанные руки`,
		}},
	}
	for _, tc := range tests {
		page := string(read(t, filepath.Join(p.Root, project.EditionPath(seed, tc.loc, ".html"))))
		for _, want := range tc.want {
			if !strings.Contains(page, want) {
				t.Errorf("%s: the page lacks %s", tc.loc, want)
			}
		}
		md := string(read(t, filepath.Join(p.Root, project.EditionPath(seed, tc.loc, ".md"))))
		for _, want := range []string{
			"\n<!-- l10n missing p-the-views-expressed: not translated, the source text (en) is shown -->\n*The views",
			"\n<!-- l10n stale p-the-tied-hands: translated from an earlier version of the source text -->\n",
		} {
			if !strings.Contains(md, want) {
				t.Errorf("%s: the Markdown edition lacks %q", tc.loc, want)
			}
		}
	}

	// Front matter: the description and the date come from it.
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "articles"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, project.ArticlePath("fm")), "---\ntitle: The title\ndescription: What the piece says.\ndate: 2024-03-08\n---\n\nThe body of the piece.\n")
	q, err := project.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := extract.Run(q, extract.Options{Locales: []string{"uk"}}); err != nil {
		t.Fatal(err)
	}
	translate(t, q, "fm", "uk", map[string]string{"The title": "Заголовок", "What the piece says.": "Про що стаття.", "The body of the piece.": "Текст статті."})
	if _, err := build.Run(q, build.Options{Locales: []string{"uk"}}); err != nil {
		t.Fatal(err)
	}
	page := string(read(t, filepath.Join(dir, project.EditionPath("fm", "uk", ".html"))))
	for _, want := range []string{
		`<title>Заголовок</title>`, `<meta name="description" content="Про що стаття.">`,
		`<article>` + "\n" + `<p class="l10n-date"><time datetime="2024-03-08">8 березня 2024</time></p>`,
		`<meta property="article:published_time" content="2024-03-08">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("front matter: the page lacks %s:\n%s", want, page)
		}
	}
}

// TestSiteConfigErrors checks l10n.yaml's editions settings: a bad one is
// an input error naming its line.
func TestSiteConfigErrors(t *testing.T) {
	for _, tc := range []struct{ config, want string }{
		{"locales: [uk]\nbase_url: example.org/news\n", "l10n.yaml:2: base_url \"example.org/news\" is not an http(s) URL"},
		{"article_urls:\n  - https://example.org/{slug}\n  - https://example.org/a/*\n", "l10n.yaml:3: article_urls: \"https://example.org/a/*\" needs {slug} once"},
		{"article_urls: [\"/{slug}\"]\n", "l10n.yaml:1: article_urls: \"/{slug}\" is not an absolute URL pattern"},
	} {
		dir := t.TempDir()
		write(t, filepath.Join(dir, project.ConfigFile), tc.config)
		_, err := project.Open(dir)
		var ie *project.InputError
		if !errors.As(err, &ie) || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%q: %v, want %s", tc.config, err, tc.want)
		}
	}
}

// TestArticleNamedIndex leaves an article named index its edition: the
// project then has no index pages.
func TestArticleNamedIndex(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "articles"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, project.ArticlePath("index")), "# Front page\n\nText.\n")
	write(t, filepath.Join(dir, project.ArticlePath("other")), "# Other\n\nText.\n")
	p, err := project.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := build.Run(p, build.Options{Locales: []string{"en"}}); err != nil {
		t.Fatal(err)
	}
	if page := string(read(t, filepath.Join(dir, build.IndexPath("en")))); !strings.Contains(page, "<title>Front page</title>") {
		t.Errorf("out/en/index.html is not the article's edition:\n%s", page)
	}
}
