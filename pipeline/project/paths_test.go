package project

import (
	"path/filepath"
	"testing"
)

// TestPaths: the paths of articles, catalogs and editions, put together without
// filepath.Join where their parts are plain names, are Join's.
func TestPaths(t *testing.T) {
	for _, slug := range []string{"ngo-indifference-to-ukrainian-pows", "a", "", ".", "..", "...", "a/b", "../x", "a/", "./a", ".a", "a.", "статья"} {
		for _, loc := range []string{"uk", "en-XA", "", ".", "..", "a/b", "/"} {
			if got, want := CatalogPath(slug, loc), filepath.Join("locales", slug, loc+".yaml"); got != want {
				t.Errorf("CatalogPath(%q, %q) = %q, want %q", slug, loc, got, want)
			}
		}
		if got, want := CatalogDir(slug), filepath.Join("locales", slug); got != want {
			t.Errorf("CatalogDir(%q) = %q, want %q", slug, got, want)
		}
		if got, want := ArticlePath(slug), filepath.Join("articles", slug+".md"); got != want {
			t.Errorf("ArticlePath(%q) = %q, want %q", slug, got, want)
		}
		for _, loc := range []string{"uk", "", ".", "..", "a/b"} {
			for _, ext := range []string{".md", ".html", "", "/x"} {
				if got, want := EditionPath(slug, loc, ext), filepath.Join("out", loc, slug+ext); got != want {
					t.Errorf("EditionPath(%q, %q, %q) = %q, want %q", slug, loc, ext, got, want)
				}
			}
		}
	}
}
