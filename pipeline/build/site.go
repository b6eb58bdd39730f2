package build

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/l10n-dev/l10n/internal/stage"
	"github.com/l10n-dev/l10n/pipeline/edition"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// site is what an edition knows of the others: which article has an
// edition in which locale, and where editions are published.
type site struct {
	source string
	// locales are the project's editions: the source, then the target
	// locales, then any other locale this build makes.
	locales []string
	// has maps an article to the locales it has an edition in: the
	// source, and each locale it has a catalog for.
	has      map[string]map[string]bool
	baseURL  string
	patterns []*regexp.Regexp
	// key identifies all of the above, for the editions' build recipe.
	key string
}

// site gathers the project's editions, for the locales of the project and
// those a build makes (extra).
func newSite(p *project.Project, extra []string) (*site, error) {
	all, err := p.Articles()
	if err != nil {
		return nil, err
	}
	s := &site{source: p.Source, baseURL: p.BaseURL, has: map[string]map[string]bool{}}
	s.locales = project.Unique(append(append([]string{p.Source}, p.Locales...), extra...))
	for _, slug := range all {
		s.has[slug] = map[string]bool{p.Source: true}
		for _, loc := range s.locales[1:] {
			if fi, err := os.Stat(p.Abs(project.CatalogPath(slug, loc))); err == nil && !fi.IsDir() {
				s.has[slug][loc] = true
			}
		}
	}
	for _, pat := range p.ArticleURLs {
		re, err := project.CompileArticleURL(pat)
		if err != nil {
			return nil, &project.InputError{File: project.ConfigFile, Err: err}
		}
		s.patterns = append(s.patterns, re)
	}
	s.key = s.digest()
	return s, nil
}

// digest identifies everything of the site an edition depends on.
func (s *site) digest() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\x00%s\x00%q\x00", s.baseURL, strings.Join(s.locales, ","), s.patterns)
	for _, slug := range slices.Sorted(maps.Keys(s.has)) {
		b.WriteString(slug)
		for _, loc := range s.locales {
			if s.has[slug][loc] {
				b.WriteString(" " + loc)
			}
		}
		b.WriteByte('\n')
	}
	return project.Digest([]byte(b.String()))
}

// href returns the URL of an edition's HTML page: under the base URL, or
// relative to another edition's page.
func (s *site) href(slug, loc, name string) string {
	if s.baseURL != "" {
		return s.baseURL + loc + "/" + name
	}
	return "../" + loc + "/" + name
}

// pageURL returns the absolute URL of an edition's page, or "" when the
// project has no base URL.
func (s *site) pageURL(slug, loc string) string {
	if s.baseURL == "" {
		return ""
	}
	return s.href(slug, loc, slug+".html")
}

// alternates returns the editions of an article, the one in loc included.
func (s *site) alternates(slug, loc string) []edition.Alternate {
	var out []edition.Alternate
	for _, l := range project.Unique(append(slices.Clone(s.locales), loc)) {
		if l == loc || s.has[slug][l] {
			out = append(out, edition.Alternate{Locale: l, Href: s.href(slug, l, slug+".html"), Source: l == s.source})
		}
	}
	return out
}

// link returns the destination a link of an article takes in the edition
// in loc (ext ".html" or ".md"): a link to another article of the project
// (a relative link to its .md file, or a URL matching article_urls) goes
// to that article's edition in loc when it has one, and otherwise to the
// source: the source edition, or the URL the link had.
func (s *site) link(dest, loc, ext string) string {
	u, err := url.Parse(dest)
	if err != nil || u.Opaque != "" || dest == "" {
		return dest
	}
	frag := ""
	if u.Fragment != "" || strings.HasSuffix(dest, "#") {
		frag = "#" + u.EscapedFragment()
	}
	var slug string
	relative := u.Scheme == "" && u.Host == "" && !strings.HasPrefix(u.Path, "/")
	switch {
	case relative && strings.HasSuffix(u.Path, ".md"):
		p := path.Clean(path.Join("articles", u.Path))
		slug = strings.TrimSuffix(strings.TrimPrefix(p, "articles/"), ".md")
		if strings.Contains(slug, "/") || s.has[slug] == nil {
			return dest
		}
	case u.Scheme == "http" || u.Scheme == "https":
		bare := *u
		bare.Fragment, bare.RawFragment = "", ""
		for _, re := range s.patterns {
			if m := re.FindStringSubmatch(bare.String()); m != nil && s.has[m[1]] != nil {
				slug = m[1]
				break
			}
		}
		if slug == "" {
			return dest
		}
	default:
		return dest
	}
	switch {
	case s.has[slug][loc]:
		return slug + ext + frag
	case relative:
		return "../" + s.source + "/" + slug + ext + frag
	}
	return dest
}

// IndexPath returns the path of a locale's index page, relative to the
// root.
func IndexPath(locale string) string {
	return filepath.Join("out", locale, "index.html")
}

// stageIndexes stages each locale's index page: the project's articles
// with an edition in the locale, from this build (eds) or an earlier one
// (its build record, where the edition is still there). A project with an
// article named index has no index pages: the article's edition takes
// the name.
func stageIndexes(p *project.Project, st *stage.Set, s *site, locales []string, eds []Edition) error {
	have := map[[2]string]Edition{}
	for _, ed := range eds {
		have[[2]string{ed.Article, ed.Locale}] = ed
	}
	_, named := s.has["index"]
	for _, loc := range locales {
		if named {
			for range 3 {
				if _, err := st.Put(nil); err != nil {
					return err
				}
			}
			continue
		}
		page := edition.IndexPage{Lang: loc}
		for _, slug := range slices.Sorted(maps.Keys(s.has)) {
			ed, ok := have[[2]string{slug, loc}]
			if !ok {
				if ed, ok = recordedEdition(p, slug, loc); !ok {
					continue
				}
			}
			e := edition.IndexEntry{Title: ed.Title, Href: slug + ".html", Source: loc == s.source,
				Units: ed.Units, Missing: ed.Missing, Stale: ed.Stale, Review: ed.Review}
			if t, err := time.Parse(time.DateOnly, ed.Date); err == nil {
				e.Date = t
			}
			page.Entries = append(page.Entries, e)
		}
		for _, l := range s.locales {
			if l == loc || slices.Contains(locales, l) || p.Exists(IndexPath(l)) {
				page.Alternates = append(page.Alternates, edition.Alternate{Locale: l, Href: s.href("", l, "index.html"), Source: l == s.source})
			}
		}
		data, err := edition.Index(page)
		if err != nil {
			return fmt.Errorf("%s: %w", IndexPath(loc), err)
		}
		rel := IndexPath(loc)
		snap, err := stage.Read(p.Abs(rel))
		if err != nil {
			return err
		}
		if _, err := st.Put(&stage.File{Rel: rel, Data: data, Snap: snap}); err != nil {
			return err
		}
		for range 2 {
			if _, err := st.Put(nil); err != nil {
				return err
			}
		}
	}
	return nil
}

// builtEdition returns an edition as its build record describes it, if
// the record and the edition's HTML page are there.
func recordedEdition(p *project.Project, slug, loc string) (Edition, bool) {
	data, err := os.ReadFile(p.Abs(RecordPath(slug, loc)))
	if err != nil {
		return Edition{}, false
	}
	var r buildRecord
	if json.Unmarshal(data, &r) != nil || r.Units == 0 || !p.Exists(project.EditionPath(slug, loc, ".html")) {
		return Edition{}, false
	}
	return r.edition(slug, loc), true
}
