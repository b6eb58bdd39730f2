package yamlerr

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// seedCatalog is the Ukrainian catalog of the bundled article.
func seedCatalog(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "locales", "ngo-indifference-to-ukrainian-pows", "uk.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(string(data), "\n")
}

// lineOf returns the 1-based line of the first line holding s.
func lineOf(t *testing.T, lines []string, s string) int {
	t.Helper()
	for i, l := range lines {
		if strings.Contains(l, s) {
			return i + 1
		}
	}
	t.Fatalf("no line holds %q", s)
	return 0
}

// TestLocate breaks the seed catalog the ways people do and checks that
// the error names the line and column of the mistake, with its hint,
// where yaml.v3 alone names another line.
func TestLocate(t *testing.T) {
	tests := []struct {
		name string
		// edit changes the catalog's lines and returns the line and
		// column of the mistake.
		edit func(t *testing.T, l []string) (int, int)
		hint string
	}{
		{"unquoted colon", func(t *testing.T, l []string) (int, int) {
			n := lineOf(t, l, "other: 'Автор: [Антон Земляний](#)'")
			l[n-1] = "  other: Автор: [Антон Земляний](#)"
			return n, len([]rune("  other: Автор")) + 1
		}, hintColon},
		{"colon at the end", func(t *testing.T, l []string) (int, int) {
			n := lineOf(t, l, "other: 26 листопада 2024 року")
			l[n-1] = "  other: Дата:"
			return n, len([]rune("  other: Дата")) + 1
		}, hintColon},
		{"tab", func(t *testing.T, l []string) (int, int) {
			n := lineOf(t, l, "other: 26 листопада 2024 року")
			l[n-1] = "\tother: 26 листопада 2024 року"
			return n, 1
		}, hintTab},
		{"tab after spaces", func(t *testing.T, l []string) (int, int) {
			n := lineOf(t, l, "other: 26 листопада 2024 року")
			l[n-1] = "  \tother: 26 листопада 2024 року"
			return n, 3
		}, hintTab},
		{"unterminated single quote closed by a later entry", func(t *testing.T, l []string) (int, int) {
			n := lineOf(t, l, "other: 26 листопада 2024 року")
			l[n-1] = "  other: 'Звʼязані руки"
			return n, len("  other: ") + 1
		}, hintQuote},
		{"apostrophe inside single quotes", func(t *testing.T, l []string) (int, int) {
			n := lineOf(t, l, "other: 26 листопада 2024 року")
			l[n-1] = "  other: 'Зв'язані руки'"
			return n, len([]rune("  other: 'Зв")) + 1
		}, hintApostrophe},
		{"unterminated double quote", func(t *testing.T, l []string) (int, int) {
			n := lineOf(t, l, "other: 26 листопада 2024 року")
			l[n-1] = `  other: "26 листопада 2024 року`
			return n, len("  other: ") + 1
		}, hintQuote},
		{"text after the closing quote", func(t *testing.T, l []string) (int, int) {
			n := lineOf(t, l, "other: 26 листопада 2024 року")
			l[n-1] = "  other: 'Ахмат' — спецпідрозділ"
			return n, len([]rune("  other: 'Ахмат' ")) + 1
		}, hintAfter},
		{"unclosed bracket", func(t *testing.T, l []string) (int, int) {
			n := lineOf(t, l, "other: 26 листопада 2024 року")
			l[n-1] = "  other: [26 листопада"
			return n, len("  other: ") + 1
		}, hintFlow},
		// yaml.v3 names no line for an alias whose anchor is nowhere.
		{"alias without an anchor", func(t *testing.T, l []string) (int, int) {
			n := lineOf(t, l, "other: 26 листопада 2024 року")
			// Named first in a comment line, in quoted values and in a
			// comment after a value: none of them is the alias.
			l[n-5] = "# the date: *date, as above"
			l[n-4] = "p-quoted: {other: 'a *date here', hash: \"b *date\"}  # and *date"
			l[n-1] = "  other: *date"
			return n, len("  other: ") + 1
		}, "*date names no anchor &date"},
		{"alias without an anchor after a longer one", func(t *testing.T, l []string) (int, int) {
			n := lineOf(t, l, "other: 26 листопада 2024 року")
			l[n-1] = "  other: {a: &date x, b: *date, c: *dat}"
			return n, len("  other: {a: &date x, b: *date, c: ") + 1
		}, "*dat names no anchor &dat"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := seedCatalog(t)
			line, col := tt.edit(t, lines)
			src := []byte(strings.Join(lines, "\n"))
			var n yaml.Node
			err := yaml.Unmarshal(src, &n)
			if err == nil {
				t.Fatal("yaml.v3 accepts the broken catalog")
			}
			p := Locate(src, err)
			if p.Line != line || p.Col != col || !strings.Contains(p.Msg, tt.hint) {
				t.Errorf("Locate = %d:%d %q, want %d:%d with %q (yaml.v3: %v)", p.Line, p.Col, p.Msg, line, col, tt.hint, err)
			}
		})
	}
}

// TestHashInList checks the hint for a "#" that starts a comment inside a
// glossary's list.
func TestHashInList(t *testing.T) {
	src := []byte("terms:\n  - id: hashtag\n    en: [#tag]\n")
	var n yaml.Node
	err := yaml.Unmarshal(src, &n)
	if err == nil {
		t.Fatal("yaml.v3 accepts it")
	}
	if p := Locate(src, err); p.Line != 3 || p.Col != 10 || !strings.Contains(p.Msg, hintHash) {
		t.Errorf("Locate = %+v", p)
	}
}

func TestCommentedValue(t *testing.T) {
	for _, tt := range []struct {
		line string
		col  int
	}{
		{"  other: #1 in the ranking", 10},
		{"    - id: #tag", 11},
		{"        - #tag", 11},
		{"  other: x # note", 0},
		{"  other: '#1'", 0},
		{"# comment: #x", 0},
	} {
		c, hint, ok := CommentedValue(tt.line)
		if c != tt.col || ok != (tt.col > 0) || ok && hint != hintHash {
			t.Errorf("CommentedValue(%q) = %d, %q, %v; want column %d", tt.line, c, hint, ok, tt.col)
		}
	}
}

// TestNoFalseAlarm checks that scan finds nothing in the project's valid
// YAML files (catalogs, glossaries, message files), so a hint never
// points at a line that is right.
func TestNoFalseAlarm(t *testing.T) {
	var files []string
	for _, pattern := range []string{"locales/*/*.yaml", "*.yaml", "internal/uitext/messages/*.yaml", "pipeline/pipelinetest/testdata/*/*.yaml", "pipeline/pipelinetest/testdata/*/locales/*/*.yaml", "pipeline/check/testdata/*.yaml"} {
		m, _ := filepath.Glob(filepath.Join("..", "..", pattern))
		files = append(files, m...)
	}
	if len(files) < 10 {
		t.Fatalf("only %d files", len(files))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var n yaml.Node
		if err := yaml.Unmarshal(data, &n); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if p, bad := scan(string(data)); bad {
			t.Errorf("%s:%d:%d: %s", f, p.Line, p.Col, p.Msg)
		}
	}
}
