package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/l10n-dev/l10n/pipeline/project"
	"github.com/l10n-dev/l10n/pipeline/segment"
)

// TestHostileInput feeds the CLI hostile input: each gets a one-line
// error naming the file (and line) with exit 2 and nothing written, or a
// result. (Their cost, linear in the input's size, is measured by the
// size benchmarks of packages segment, catalog, po and xliff.)
func TestHostileInput(t *testing.T) {
	cat := filepath.Join("locales", seed, "uk.yaml")
	// The line of the seed catalog's first text.
	uk := read(t, filepath.Join("..", "..", cat))
	otherLine := strings.Count(uk[:strings.Index(uk, "\n  other: ")+1], "\n") + 1
	article := func(name, src string) func(t *testing.T, root string) {
		return func(t *testing.T, root string) { write(t, filepath.Join(root, "articles", name), src) }
	}
	tests := []struct {
		name   string
		break_ func(t *testing.T, root string)
		args   []string
		want   string
	}{
		{"an article of 50 MB", article("big.md", strings.Repeat("A paragraph of news, in words.\n\n", 50<<20/32)),
			[]string{"extract"}, filepath.Join("articles", "big.md") + ":131073: the article is 52428800 bytes, more than l10n reads (2097152 bytes, 2 MiB): split it"},
		{"10,000 nested block quotes", article("deep.md", "# Deep\n\n"+strings.Repeat("> ", 10000)+"text\n"),
			[]string{"extract"}, filepath.Join("articles", "deep.md") + ":3: 10000 block quotes and lists open on one line"},
		{"10,000 list levels", article("deep.md", strings.Repeat("- ", 10000)+"text\n"),
			[]string{"build"}, filepath.Join("articles", "deep.md") + ":1: 10000 block quotes and lists open on one line"},
		{"10,000 unclosed link destinations", article("links.md", strings.Repeat("[a](", 10000)+"\n"),
			[]string{"extract"}, filepath.Join("articles", "links.md") + ":1: 10000 closing brackets in one block of text"},
		{"a YAML alias bomb in a catalog", func(t *testing.T, root string) {
			p := filepath.Join(root, cat)
			bomb := "lol: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
			prev := "a"
			for _, n := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
				bomb += "lol" + n + ": &" + n + " [" + strings.TrimSuffix(strings.Repeat("*"+prev+",", 9), ",") + "]\n"
				prev = n
			}
			write(t, p, read(t, p)+"\n"+bomb)
		}, []string{"extract"}, cat + ":"},
		{"10,000-deep nesting in a catalog", func(t *testing.T, root string) {
			p := filepath.Join(root, cat)
			deep := strings.Repeat("[", 10001) + strings.Repeat("]", 10001)
			write(t, p, strings.Replace(read(t, p), "  other: ", "  other: "+deep+"\n  x: ", 1))
		}, []string{"build"}, fmt.Sprintf("%s:%d: exceeded max depth of 10000", cat, otherLine)},
		{"an XLIFF file with a billion laughs", func(t *testing.T, root string) {
			laughs := "<!ENTITY lol \"lol\">\n"
			for _, n := range []string{"1", "2", "3", "4", "5", "6", "7", "8", "9"} {
				laughs += "<!ENTITY lol" + n + " \"" + strings.Repeat("&lol;", 10) + "\">\n"
			}
			write(t, filepath.Join(root, "in.xlf"), "<?xml version=\"1.0\"?>\n<!DOCTYPE xliff [\n"+laughs+"]>\n"+
				`<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="articles/`+seed+`.md" source-language="en" target-language="uk"><body>`+
				`<trans-unit id="p-by-anton-zemlianyi"><source>&lol9;</source></trans-unit></body></file></xliff>`)
		}, []string{"import", "in.xlf"}, "in.xlf:2: a document type declaration with an internal subset (<!ENTITY …>) is not allowed"},
		{"an XLIFF file with an external entity", func(t *testing.T, root string) {
			write(t, filepath.Join(root, "in.xlf"), "<?xml version=\"1.0\"?>\n<!DOCTYPE xliff [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"+
				`<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="articles/`+seed+`.md" source-language="en" target-language="uk"><body>`+
				`<trans-unit id="p-by-anton-zemlianyi"><source>&xxe;</source></trans-unit></body></file></xliff>`)
		}, []string{"import", "in.xlf"}, "in.xlf:2: a document type declaration with an internal subset"},
		{"a catalog that is a folder", func(t *testing.T, root string) {
			p := filepath.Join(root, cat)
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
			if err := os.Mkdir(p, 0o755); err != nil {
				t.Fatal(err)
			}
		}, []string{"extract"}, cat + ": is a folder, not a file"},
		{"a catalog that is a loop of symbolic links", func(t *testing.T, root string) {
			p := filepath.Join(root, cat)
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink("uk.yaml", p); err != nil {
				t.Skip(err)
			}
		}, []string{"extract"}, cat + ": its symbolic links do not resolve"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root := seedProject(t)
			tc.break_(t, root)
			refused(t, root, tc.args, tc.want)
		})
	}
}

// TestHostileArticles builds articles that stay within segment's limits
// but are hard on a parser: a unit of 1 MB, 10,000 unclosed brackets and
// emphasis markers. The source build gives each back byte for byte.
func TestHostileArticles(t *testing.T) {
	articles := map[string]string{
		"one-unit":  strings.Repeat("word ", 1<<20/5) + "\n",
		"brackets":  "# Brackets\n\n" + strings.Repeat("[", 10000) + "text\n\n" + strings.Repeat("[a ", 10000) + "\n",
		"emphasis":  "# Emphasis\n\n" + strings.Repeat("*", 10000) + "text\n\n" + strings.Repeat("*a ", 10000) + "\n\n" + strings.Repeat("_a ", 10000) + "\n",
		"at-limits": strings.Repeat("> ", segment.MaxDepth) + "quoted\n\n" + strings.Repeat("[a](", segment.MaxBrackets) + "\n",
	}
	root := seedProject(t)
	for slug, src := range articles {
		write(t, filepath.Join(root, "articles", slug+".md"), src)
	}
	for _, args := range [][]string{{"extract"}, {"build", "--locale", "en", "--locale", "uk"}} {
		if code, _, stderr := l10n(append([]string{"-C", root}, args...)...); code != 0 {
			t.Fatalf("%s: exit %d: %s", args[0], code, stderr)
		}
	}
	for slug, src := range articles {
		if got := read(t, filepath.Join(root, "out", "en", slug+".md")); got != src {
			t.Errorf("%s: the source build differs from the source", slug)
		}
		if cat := read(t, filepath.Join(root, "locales", slug, "uk.yaml")); !strings.Contains(cat, "other: \"\"") {
			t.Errorf("%s: no untranslated unit in the catalog", slug)
		}
	}
}

// TestSymlinkLoopArticle: an article that is a loop of symbolic links is
// skipped with a warning that says so; the rest of the project builds.
func TestSymlinkLoopArticle(t *testing.T) {
	root := seedProject(t)
	for _, pair := range [][2]string{{"loop.md", "loop.md"}, {"a.md", "b.md"}, {"b.md", "a.md"}} {
		if err := os.Symlink(pair[1], filepath.Join(root, "articles", pair[0])); err != nil {
			t.Skip(err)
		}
	}
	before := snapshot(t, root)
	code, _, stderr := l10n("-C", root, "extract")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, name := range []string{"a.md", "b.md", "loop.md"} {
		if want := filepath.Join("articles", name) + ": skipped: a loop of symbolic links"; !strings.Contains(stderr, want) {
			t.Errorf("stderr %q, want %q", stderr, want)
		}
	}
	after := snapshot(t, root)
	for p, d := range before {
		if after[p] != d {
			t.Errorf("%s changed", p)
		}
	}
	// Extract's records of the articles it read are new.
	for p := range after {
		if _, ok := before[p]; !ok && !strings.HasPrefix(p, filepath.Join(root, project.CacheDir)+string(filepath.Separator)) {
			t.Errorf("%s was written", p)
		}
	}
}
