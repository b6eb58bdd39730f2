// Package corpus loads the third-party Markdown examples under testdata/:
// the CommonMark spec examples and goldmark's GFM extension examples.
package corpus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
)

// Example is one Markdown example.
type Example struct {
	Name     string // e.g. "commonmark/123" or "gfm/table/4"
	Markdown string
}

// Root returns the repository's testdata folder.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata")
}

// CommonMark returns the examples of the CommonMark spec.
func CommonMark() ([]Example, error) {
	data, err := os.ReadFile(filepath.Join(Root(), "commonmark", "spec.json"))
	if err != nil {
		return nil, err
	}
	var raw []struct {
		Markdown string `json:"markdown"`
		Example  int    `json:"example"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("spec.json: %w", err)
	}
	out := make([]Example, len(raw))
	for i, r := range raw {
		out[i] = Example{Name: fmt.Sprintf("commonmark/%d", r.Example), Markdown: r.Markdown}
	}
	return out, nil
}

// GFM returns goldmark's examples of the table, strikethrough and autolink
// extensions.
func GFM() ([]Example, error) {
	var out []Example
	for _, name := range []string{"table", "strikethrough", "linkify"} {
		data, err := os.ReadFile(filepath.Join(Root(), "gfm", name+".txt"))
		if err != nil {
			return nil, err
		}
		// One example of linkify.txt has CRLF line ends; the rest LF.
		text := strings.ReplaceAll(string(data), "\r\n", "\n")
		for _, block := range strings.Split(text, "//= = = = = = = = = = = = = = = = = = = = = = = =//") {
			parts := strings.Split(block, "//- - - - - - - - -//\n")
			if len(parts) < 3 {
				continue
			}
			head := strings.TrimSpace(parts[0])
			num, _, _ := strings.Cut(strings.SplitN(head, "\n", 2)[0], ":")
			out = append(out, Example{Name: "gfm/" + name + "/" + num, Markdown: parts[1]})
		}
	}
	return out, nil
}

// All returns the CommonMark and GFM examples.
func All() ([]Example, error) {
	cm, err := CommonMark()
	if err != nil {
		return nil, err
	}
	gfm, err := GFM()
	if err != nil {
		return nil, err
	}
	return append(cm, gfm...), nil
}

// Article returns the <article> of an HTML edition for tests that compare
// two editions of the same text in different locales: the page around it
// differs (language, metadata, links to the other editions), and so do the
// no-break spaces each locale's typesetting puts in place of spaces and
// line breaks, which are spaces here, and the labels l10n adds (a table's
// scroll box), which are empty.
func Article(page []byte) []byte {
	start := bytes.Index(page, []byte("<article>"))
	end := bytes.LastIndex(page, []byte("</article>"))
	if start < 0 || end < start {
		return page
	}
	a := bytes.ReplaceAll(page[start:end], []byte("\u00a0"), []byte(" "))
	a = bytes.ReplaceAll(a, []byte("\n"), []byte(" "))
	return ariaLabel.ReplaceAll(a, []byte(`aria-label=""`))
}

var ariaLabel = regexp.MustCompile(`aria-label="[^"]*"`)
