package glossary_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/l10n-dev/l10n/cmd/l10n-corpus/newsgen"
	"github.com/l10n-dev/l10n/pipeline/glossary"
)

// wordPatterns returns the one-word patterns a spelling check in locale
// accepts, and more: every word of every form of every term (approved,
// derived and forbidden, of every locale, compiled in locale's language
// when it is not theirs) and of the keep-as-is names, and the words of a
// word list.
func wordPatterns(t testing.TB, g *glossary.Glossary, locale string, wordList []string) []*glossary.Pattern {
	t.Helper()
	lang := glossary.LangOf(locale)
	var out []*glossary.Pattern
	for _, term := range g.Terms {
		for _, f := range term.Locales {
			for _, ps := range [][]*glossary.Pattern{f.Approved, f.Derived, f.Forbidden} {
				for _, p := range ps {
					out = append(out, p.Words()...)
					if q, err := glossary.Compile(p.Text, lang); err == nil {
						out = append(out, q.Words()...)
					}
				}
			}
		}
		for _, en := range term.EN {
			if p, err := glossary.Compile(en, lang); err == nil {
				out = append(out, p.Words()...)
			}
		}
	}
	for _, w := range wordList {
		if p, err := glossary.Compile(w, lang); err == nil {
			out = append(out, p.Words()...)
		}
	}
	return out
}

// textWords returns the words of a text as a spelling check sees them
// (runs of letters, apostrophes and hyphens inside), each also in lower
// case, in capitals and with a capital first.
func textWords(text string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) && !strings.ContainsRune("'’ʼ-", r)
	}) {
		w = strings.Trim(w, "'’ʼ-")
		if w == "" {
			continue
		}
		r := []rune(strings.ToLower(w))
		r[0] = unicode.ToUpper(r[0])
		out = append(out, w, strings.ToLower(w), strings.ToUpper(w), string(r))
	}
	return out
}

func readFile(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestWordSetMatchesEachPattern checks the index against matching the
// patterns one by one, for the words of the seed's catalogs, the check
// testdata and a generated corpus, against the words of their glossaries
// and the project's word list.
func TestWordSetMatchesEachPattern(t *testing.T) {
	corpus := t.TempDir()
	if _, err := newsgen.Write(corpus, newsgen.Options{N: 3, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	var glossaries []*glossary.Glossary
	for _, p := range []string{"../../glossary.yaml", "../pipelinetest/testdata/check-broken/glossary.yaml", filepath.Join(corpus, "glossary.yaml")} {
		g, err := glossary.Load(p)
		if err != nil {
			t.Fatal(err)
		}
		glossaries = append(glossaries, g)
	}
	wordList := strings.Fields(readFile(t, "../../spelling.txt"))
	var texts []string
	for _, pattern := range []string{"../../locales/*/*.yaml", "../pipelinetest/testdata/*/locales/*/*.yaml", "../check/testdata/*.yaml", filepath.Join(corpus, "locales/*/*.yaml")} {
		paths, err := filepath.Glob(pattern)
		if err != nil || len(paths) == 0 {
			t.Fatalf("%s: no files (%v)", pattern, err)
		}
		for _, p := range paths {
			texts = append(texts, readFile(t, p))
		}
	}
	words := map[string]bool{}
	for _, text := range texts {
		for _, w := range textWords(text) {
			words[w] = true
		}
	}
	found := 0
	for _, g := range glossaries {
		for _, locale := range []string{"uk", "ru", "en"} {
			patterns := wordPatterns(t, g, locale, wordList)
			set := glossary.NewWordSet(patterns)
			for w := range words {
				want := false
				for _, p := range patterns {
					if p.MatchesWord(w) {
						want = true
						break
					}
				}
				if got := set.Has(w); got != want {
					t.Errorf("%s: Has(%q) = %v, one pattern at a time says %v", locale, w, got, want)
				}
				if want {
					found++
				}
			}
		}
	}
	if found < 100 {
		t.Errorf("only %d words are glossary words: the test proves little", found)
	}
	t.Logf("%d words, %d glossary words found", len(words), found)
}

// TestWordSetForms checks the index on the forms that need more than a
// lookup of the word: endings, the Ukrainian alternation, apostrophes,
// capitals, conjunctions.
func TestWordSetForms(t *testing.T) {
	var ps []*glossary.Pattern
	for _, s := range []string{"Оленівк*", "Землян+", "вʼязн*", "МКЧХ", "Київ", "і", "Червон* Хрест*"} {
		p, err := glossary.Compile(s, "uk")
		if err != nil {
			t.Fatal(err)
		}
		ps = append(ps, p.Words()...)
	}
	set := glossary.NewWordSet(ps)
	for w, want := range map[string]bool{
		"Оленівці": true, "Оленівка": true, "Оленівкою": true, "Оленівц": false,
		"Земляного": true, "Земляний": true, "Земля": false,
		"в'язні": true, "в’язнів": true, "МКЧХ": true, "мкчх": false,
		"Київ": true, "київ": true, "Києва": false, "й": true, "та": true,
		"Червоного": true, "хреста": true, "Червоного Хреста": false, "": false,
	} {
		if got := set.Has(w); got != want {
			t.Errorf("Has(%q) = %v, want %v", w, got, want)
		}
	}
	if (*glossary.WordSet)(nil).Has("Київ") {
		t.Error("a nil set has a word")
	}
}

// BenchmarkKnownWords asks, for every word of the seed's Ukrainian
// catalog, whether it is a word of the glossary or the word list: one
// pattern at a time, and through a WordSet.
func BenchmarkKnownWords(b *testing.B) {
	g, err := glossary.Load("../../glossary.yaml")
	if err != nil {
		b.Fatal(err)
	}
	paths, err := filepath.Glob("../../locales/*/uk.yaml")
	if err != nil || len(paths) == 0 {
		b.Fatalf("no seed catalog: %v", err)
	}
	words := textWords(readFile(b, paths[0]))
	patterns := wordPatterns(b, g, "uk", strings.Fields(readFile(b, "../../spelling.txt")))
	b.Run("each", func(b *testing.B) {
		for b.Loop() {
			for _, w := range words {
				for _, p := range patterns {
					if p.MatchesWord(w) {
						break
					}
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(words)), "ns/word")
	})
	b.Run("index", func(b *testing.B) {
		set := glossary.NewWordSet(patterns)
		for b.Loop() {
			for _, w := range words {
				set.Has(w)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(words)), "ns/word")
	})
}
