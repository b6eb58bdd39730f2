package project

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// siteConfig checks and takes the editions' settings of l10n.yaml: the
// base URL and the article URL patterns. data is the file, for the lines
// of the errors.
func (p *Project) siteConfig(c Config, data []byte) error {
	bad := func(key string, item int, err error) error {
		return &InputError{File: ConfigFile, Line: configLine(data, key, item), Err: err}
	}
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			return bad("base_url", -1, fmt.Errorf("base_url %q is not an http(s) URL of a folder (such as https://example.org/news/)", c.BaseURL))
		}
		p.BaseURL = strings.TrimSuffix(c.BaseURL, "/") + "/"
	}
	for i, pat := range c.ArticleURLs {
		if _, err := CompileArticleURL(pat); err != nil {
			return bad("article_urls", i, err)
		}
	}
	p.ArticleURLs = c.ArticleURLs
	return nil
}

// configLine returns the line of a top-level key's value in l10n.yaml (of
// its item-th item, for a list), or 0.
func configLine(data []byte, key string, item int) int {
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 {
		return 0
	}
	m := doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value != key {
			continue
		}
		v := m.Content[i+1]
		if item >= 0 && item < len(v.Content) {
			return v.Content[item].Line
		}
		return v.Line
	}
	return 0
}

// CompileArticleURL turns an article URL pattern into a regular
// expression: {slug} (once) matches an article's slug, * any run of
// characters but "/".
func CompileArticleURL(pat string) (*regexp.Regexp, error) {
	if strings.Count(pat, "{slug}") != 1 {
		return nil, fmt.Errorf("article_urls: %q needs {slug} once (such as https://example.org/{slug})", pat)
	}
	u, err := url.Parse(strings.NewReplacer("{slug}", "x", "*", "x").Replace(pat))
	if err != nil || u.Scheme == "" || u.Host == "" {
		return nil, fmt.Errorf("article_urls: %q is not an absolute URL pattern", pat)
	}
	var re strings.Builder
	re.WriteString("^")
	for i, part := range strings.Split(pat, "{slug}") {
		if i > 0 {
			re.WriteString(`(?P<slug>[^/?#]+)`)
		}
		for j, lit := range strings.Split(part, "*") {
			if j > 0 {
				re.WriteString(`[^/?#]*`)
			}
			re.WriteString(regexp.QuoteMeta(lit))
		}
	}
	re.WriteString(`$`)
	return regexp.Compile(re.String())
}
