package segment

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/l10n-dev/l10n/internal/corpus"
)

// seedArticles adds the spec examples, the real-world corpus and the
// project's articles to a fuzz target's corpus.
func seedArticles(f *testing.F) {
	examples, err := corpus.All()
	if err != nil {
		f.Fatal(err)
	}
	real, err := corpus.RealWorld()
	if err != nil {
		f.Fatal(err)
	}
	for _, ex := range append(append(examples, real...), corpus.Seed(f)...) {
		f.Add([]byte(ex.Markdown))
	}
}

// checkError fails t unless err is an *Error whose line is in src.
func checkError(t *testing.T, src []byte, err error) {
	t.Helper()
	var se *Error
	if !errors.As(err, &se) {
		t.Fatalf("error of type %T: %v", err, err)
	}
	if lines := bytes.Count(src, []byte("\n")) + 1; se.Line < 1 || se.Line > lines {
		t.Fatalf("error at line %d of %d: %v", se.Line, lines, err)
	}
}

// FuzzParse segments any bytes: Parse never panics and fails only with an
// *Error at a line of the input; the source build (every unit its own
// source text) gives back the input byte for byte; and every unit, parsed
// alone, has the inline structure it has in the article.
func FuzzParse(f *testing.F) {
	seedArticles(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		d, err := Parse(src)
		if err != nil {
			checkError(t, src, err)
			return
		}
		if got := d.Render(texts(d), true); !bytes.Equal(got, src) {
			t.Fatalf("source build differs:\n got %q\nwant %q", got, src)
		}
		if _, problems := unitsInPlace(d); len(problems) > 0 {
			t.Fatalf("%s", strings.Join(problems, "\n"))
		}
	})
}

// FuzzFrontMatter parses an article whose front matter is any text and
// puts a translation in place of each of its fields: the source build is
// byte-identical, and the built article's front matter reads back with
// the translation as the field's value and every other unit as it was.
func FuzzFrontMatter(f *testing.F) {
	for _, tc := range []struct{ yaml, tr string }{
		{"title: Hello world\ndate: 2024-11-26\nsummary: 'It''s here' # note\ntags: [a, b]", "Привіт: світ"},
		{"description: |\n  Two\n  lines\nauthor: X", "Два\nрядки"},
		{"title: \"Quoted \\\"title\\\"\"\nsummary: >-\n  folded\n  text", "'single' and \"double\" #hash"},
		{"title: plain # comment\n\n# a comment line\nsummary:   spaced   ", "- a list? no: a title"},
		{"title: x\ntitle: y", "\ttab\\backslash\x7f"},
		{"title: &a anchored\nsummary: *a", "yes"},
		{"title:\n  nested: map", "null"},
	} {
		f.Add(tc.yaml, tc.tr)
	}
	articles, _ := filepath.Glob(filepath.Join("..", "..", "articles", "*.md"))
	for _, name := range articles {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		if d, err := Parse(data); err == nil && d.FrontMatter.End > 0 {
			f.Add(string(data[d.FrontMatter.Start:d.FrontMatter.End]), "Переклад")
		}
	}
	f.Fuzz(func(t *testing.T, yamlText, tr string) {
		src := []byte("---\n" + yamlText + "\n---\n\nBody text.\n")
		d, err := Parse(src)
		if err != nil {
			checkError(t, src, err)
			return
		}
		if got := d.Render(texts(d), true); !bytes.Equal(got, src) {
			t.Fatalf("source build differs:\n got %q\nwant %q", got, src)
		}
		want := strings.TrimSpace(strings.ReplaceAll(tr, "\r\n", "\n"))
		if want == "" || !utf8.ValidString(want) {
			return
		}
		for i := range d.Units {
			if !d.Units[i].FrontMatter() {
				continue
			}
			tt := texts(d)
			tt[i] = tr
			out := d.Render(tt, false)
			back, err := Parse(out)
			if err != nil {
				t.Fatalf("the built article does not parse: %v\n%q", err, out)
			}
			if len(back.Units) != len(d.Units) {
				t.Fatalf("%d units, %d after building\n%q", len(d.Units), len(back.Units), out)
			}
			for j := range back.Units {
				u, w := back.Units[j], d.Units[j]
				expect := w.Text
				if w.FrontMatter() {
					// A field is built from its text trimmed, as every
					// translation is: a block scalar's final line break
					// is not kept (renderUnit).
					expect = strings.TrimSpace(strings.ReplaceAll(expect, "\r\n", "\n"))
				}
				if j == i {
					expect = want
				}
				if u.Kind != w.Kind || u.Text != expect {
					t.Fatalf("unit %d after building: %s %q, want %s %q\n%q", j, u.Kind, u.Text, w.Kind, expect, out)
				}
			}
		}
	})
}
