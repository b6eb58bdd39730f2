package newsgen

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/l10n-dev/l10n/pipeline/extract"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// WriteCopies writes into dir, which must be empty or not exist, a corpus
// of real prose: n copies of every article of the project at from, with
// that project's translations. So that no two copies share a sentence (as
// no two articles of a newsroom do), each sentence of copy i ends with a
// made-up name of its own — Kvad Zorb in English, Квад Зорб in a locale
// written in Cyrillic — in the article and in every translation; the
// names' words go into spelling.txt (two words from some 2√n, so that the
// word list stays the size of a newsroom's). The source project's glossary.yaml and spelling.txt come
// along. It returns how many translations it filled and how many units of
// the copies found none (a unit whose id the tags changed).
func WriteCopies(dir, from string, n int) (filled, missing int, err error) {
	if n < 1 {
		return 0, 0, fmt.Errorf("newsgen: the corpus needs at least one copy")
	}
	src, err := project.Open(from)
	if err != nil {
		return 0, 0, fmt.Errorf("newsgen: %w", err)
	}
	slugs, err := src.Articles()
	if err != nil {
		return 0, 0, fmt.Errorf("newsgen: %w", err)
	}
	if ents, err := os.ReadDir(dir); err == nil && len(ents) > 0 {
		return 0, 0, fmt.Errorf("newsgen: %s is not empty", dir)
	}
	if err := os.MkdirAll(filepath.Join(dir, "articles"), 0o755); err != nil {
		return 0, 0, fmt.Errorf("newsgen: %w", err)
	}
	config := "source: " + src.Source + "\nlocales: [" + strings.Join(src.Locales, ", ") + "]\n"
	if err := os.WriteFile(filepath.Join(dir, project.ConfigFile), []byte(config), 0o644); err != nil {
		return 0, 0, fmt.Errorf("newsgen: %w", err)
	}
	if err := copyFile(filepath.Join(from, "glossary.yaml"), filepath.Join(dir, "glossary.yaml")); err != nil {
		return 0, 0, err
	}
	spelling, _ := os.ReadFile(filepath.Join(from, "spelling.txt"))
	for i := range namesPerWord {
		spelling = fmt.Appendf(spelling, "%s\n", nameWord(i, 0, true))
	}
	for i := range n/namesPerWord + 1 {
		spelling = fmt.Appendf(spelling, "%s\n", nameWord(i, 1, true))
	}
	if err := os.WriteFile(filepath.Join(dir, "spelling.txt"), spelling, 0o644); err != nil {
		return 0, 0, fmt.Errorf("newsgen: %w", err)
	}
	for _, slug := range slugs {
		data, err := os.ReadFile(filepath.Join(from, project.ArticlePath(slug)))
		if err != nil {
			return 0, 0, fmt.Errorf("newsgen: %w", err)
		}
		for i := range n {
			if err := os.WriteFile(filepath.Join(dir, project.ArticlePath(copySlug(slug, i))), tagArticle(data, copyName(i, false)), 0o644); err != nil {
				return 0, 0, fmt.Errorf("newsgen: %w", err)
			}
		}
	}
	p, err := project.Open(dir)
	if err != nil {
		return 0, 0, fmt.Errorf("newsgen: %w", err)
	}
	if _, err := extract.Run(p, extract.Options{}); err != nil {
		return 0, 0, fmt.Errorf("newsgen: extract: %w", err)
	}
	for _, slug := range slugs {
		for _, loc := range src.Locales {
			from, _, err := src.ReadCatalog(project.CatalogPath(slug, loc))
			if err != nil {
				return 0, 0, fmt.Errorf("newsgen: %w", err)
			}
			live, _ := project.TargetEntries(from)
			cyrillic := writtenInCyrillic(loc)
			for i := range n {
				path := project.CatalogPath(copySlug(slug, i), loc)
				f, _, err := p.ReadCatalog(path)
				if err != nil {
					return 0, 0, fmt.Errorf("newsgen: %w", err)
				}
				for _, e := range f.Entries {
					if t := live[e.ID]; t != nil && t.Other != "" {
						e.Other = tagSentences(t.Other, copyName(i, cyrillic))
						filled++
					} else {
						missing++
					}
				}
				f.Header = nil
				if err := os.WriteFile(filepath.Join(dir, path), f.Encode(project.TargetHeader(copySlug(slug, i), loc), nil), 0o644); err != nil {
					return 0, 0, fmt.Errorf("newsgen: %w", err)
				}
			}
		}
	}
	// Extract again, as a project's CI has it: it writes the notes, and a
	// second run must write nothing.
	if _, err := extract.Run(p, extract.Options{}); err != nil {
		return 0, 0, fmt.Errorf("newsgen: extract: %w", err)
	}
	res, err := extract.Run(p, extract.Options{})
	if err != nil {
		return 0, 0, fmt.Errorf("newsgen: extract: %w", err)
	}
	if len(res.Written) > 0 {
		return 0, 0, fmt.Errorf("newsgen: a second extract changed %d catalogs (%s …)", len(res.Written), res.Written[0])
	}
	return filled, missing, nil
}

// copyFile copies a file that may be missing.
func copyFile(from, to string) error {
	data, err := os.ReadFile(from)
	if os.IsNotExist(err) {
		return nil
	}
	if err == nil {
		err = os.WriteFile(to, data, 0o644)
	}
	if err != nil {
		return fmt.Errorf("newsgen: %w", err)
	}
	return nil
}

func copySlug(slug string, i int) string { return fmt.Sprintf("%s-%05d", slug, i) }

// namesPerWord is how many words the first of a copy's two names takes
// turns with.
const namesPerWord = 128

// copyName returns copy i's made-up name: two words of nameWord's.
func copyName(i int, cyrillic bool) string {
	return nameWord(i%namesPerWord, 0, cyrillic) + " " + nameWord(i/namesPerWord, 1, cyrillic)
}

// nameWord returns the made-up word k of a name's first or second word
// (which): "Kva" or "Zor" ("Ква", "Зор") and k in the digits b, d, f … z
// (б, д, ф … з), a word no dictionary has.
func nameWord(k, which int, cyrillic bool) string {
	digits := []rune("bdfgklmnprstvz")
	name := []string{"Kva", "Zor"}[which]
	if cyrillic {
		digits, name = []rune("бдфгклмнпрствз"), []string{"Ква", "Зор"}[which]
	}
	var tail []rune
	for k++; k > 0; k /= len(digits) {
		tail = append([]rune{digits[k%len(digits)]}, tail...)
	}
	return name + string(tail)
}

// writtenInCyrillic reports whether a locale's likely script is Cyrillic.
func writtenInCyrillic(loc string) bool {
	s, _ := language.Make(loc).Script()
	return s.String() == "Cyrl"
}

// tagArticle tags the sentences of an article's lines, leaving its front
// matter, fenced code and link reference definitions as they are.
func tagArticle(src []byte, name string) []byte {
	lines := strings.SplitAfter(string(src), "\n")
	var b strings.Builder
	front, fence := len(lines) > 0 && strings.TrimSpace(lines[0]) == "---", false
	for i, line := range lines {
		t := strings.TrimSpace(line)
		switch {
		case front:
			if i > 0 && (t == "---" || t == "...") {
				front = false
			}
		case strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~"):
			fence = !fence
		case fence || strings.HasPrefix(t, "[") && strings.Contains(t, "]:"):
		default:
			line = tagSentences(line, name)
		}
		b.WriteString(line)
	}
	return []byte(b.String())
}

// tagSentences puts " name" before every full stop, question or
// exclamation mark that ends a sentence: one after a letter, a digit or a
// closing quote or bracket, before a space or the end of the text, and
// not the marker of an ordered list item (8. at the start of a line).
func tagSentences(s, name string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == '.' || r == '!' || r == '?' {
			prev, _ := utf8.DecodeLastRuneInString(s[:i])
			next, _ := utf8.DecodeRuneInString(s[i+w:])
			line := s[strings.LastIndexByte(s[:i], '\n')+1 : i]
			marker := strings.TrimLeft(strings.TrimSpace(line), "0123456789") == ""
			if (unicode.IsLetter(prev) || unicode.IsDigit(prev) || strings.ContainsRune("»”\")", prev)) && !marker && (i+w == len(s) || unicode.IsSpace(next)) {
				b.WriteString(" ")
				b.WriteString(name)
			}
		}
		b.WriteString(s[i : i+w])
		i += w
	}
	return b.String()
}
