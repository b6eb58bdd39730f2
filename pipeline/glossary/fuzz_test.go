package glossary

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse parses any bytes as a glossary: Parse never panics and fails
// only with an *Error at a line of the input; a glossary it reads finds
// each term in a text made of the term's own English forms, and checking
// a translation made of a locale's forms against it does not panic.
func FuzzParse(f *testing.F) {
	for _, name := range []string{filepath.Join("..", "..", "glossary.yaml"), filepath.Join("..", "pipelinetest", "testdata", "check-broken", "glossary.yaml")} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("terms:\n  - id: icrc\n    en: [\"ICRC\", \"International Committee of the Red Cross\"]\n    note: x\n    strict: true\n" +
		"    uk: {approved: [\"МКЧХ\", \"Міжнародн* комітет* Червоного Хреста\"], forbidden: [\"МККЧ\"], derived: [\"(з) полон+\"]}\n" +
		"  - id: tmt\n    en: [\"The Moscow Times\"]\n    keep: true\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := Parse(data)
		if err != nil {
			var ge *Error
			if !errors.As(err, &ge) {
				t.Fatalf("error of type %T: %v", err, err)
			}
			// Lines break as YAML breaks them: at "\n", "\r\n" and
			// a "\r" alone (" \r0" is two lines).
			lines := bytes.Count(data, []byte("\n")) + bytes.Count(data, []byte("\r")) - bytes.Count(data, []byte("\r\n")) + 1
			if ge.Line < 1 || ge.Line > lines {
				t.Fatalf("error at line %d of %d: %v", ge.Line, lines, err)
			}
			return
		}
		for _, term := range g.Terms {
			for _, form := range term.EN {
				found := false
				for _, h := range g.Find(Split(form, "en")) {
					found = found || h.Term == term
				}
				if !found {
					t.Fatalf("term %q is not found in %q", term.ID, form)
				}
				if !term.Kept(form) {
					t.Fatalf("term %q: Kept(%q) is false", term.ID, form)
				}
			}
			for loc, forms := range term.Locales {
				for _, ps := range [][]*Pattern{forms.Approved, forms.Forbidden, forms.Derived} {
					for _, p := range ps {
						w := Split(p.Text, LangOf(loc))
						_ = forms.Approves(w)
						_, _, _ = forms.Forbids(w)
					}
				}
			}
		}
	})
}

// FuzzSplit splits any text: Split never panics; on a simple text (see
// foldSimple) its one pass finds the words that WordAt finds and
// normalises and folds them as the path through x/text's tables does,
// in the buffers of the texts split before (Release).
func FuzzSplit(f *testing.F) {
	for _, s := range []string{benchText, "Київ, з'їзд і пʼять — «Ёлка» Ƥŕééššééš ⟦x⟧", "ukraine's POWs' 'quoted' Straße e\u0301 ＡＢ",
		"Ёжик ё ʼapostrophe’s end' ŉ ǅ ẞ ß", "a\u00adb \u0301x x\u0301 '"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, lang := range []Lang{"uk", "ru", "en"} {
			w := Split(text, lang)
			if strings.ContainsRune(text, '\u00ad') || !utf8.ValidString(text) {
				continue
			}
			fast, ok := splitSimple(text, lang)
			if _, simple := foldSimple(text); ok != simple {
				t.Fatalf("%q: splitSimple reads it %v, foldSimple %v", text, ok, simple)
			}
			if !ok {
				continue
			}
			var words []string
			for i := 0; i < len(text); {
				end := WordAt(text, i)
				if end == i {
					_, n := utf8.DecodeRuneInString(text[i:])
					i += n
					continue
				}
				words = append(words, text[i:end])
				i = end
			}
			fn, ff := wordsOfText(fast)
			sn, sf := wordsOfText(splitWords(text, lang))
			wn, _ := wordsOfText(w)
			if !slices.Equal(fn, sn) || !slices.Equal(ff, sf) || !slices.Equal(fn, wn) || len(words) != len(fn) {
				t.Fatalf("%q (%s): one pass %q %q, x/text %q %q, WordAt %q", text, lang, fn, ff, sn, sf, words)
			}
			// Their buffers go to the next splits, of this text and the
			// fuzzer's next, which must not read what is left in them.
			fast.Release()
			w.Release()
		}
	})
}

// FuzzFind holds Find, which first rules a pattern out by searching the
// text for its words (mayOccur), to findEach, which looks at every word,
// for any pattern and text in Ukrainian, Russian and English; and
// mayOccur to any match with an English ending (Glossary.Find).
func FuzzFind(f *testing.F) {
	for _, c := range [][2]string{
		{"Оленівк*", "в Оленівці та Оленівській колонії"}, {"(з) полон+", "повернулися з полону"},
		{"МКЧХ", "мкчх і МКЧХ"}, {"Червоного і Хреста", "Червоного та Хреста"}, {"Київ", "КИЇВ, Києва"},
		{"POW", "POWs' POW's"}, {"військовополонен*", benchText}, {"Ёлк*", "ёлка Ёлки"}, {"пʼят*", "п'ять"},
	} {
		f.Add(c[0], c[1])
	}
	f.Fuzz(func(t *testing.T, form, text string) {
		for _, lang := range []Lang{"uk", "ru", "en"} {
			p, err := Compile(form, lang)
			if err != nil {
				continue
			}
			w := Split(text, lang)
			if got, want := p.Find(w), p.findEach(w); got != want {
				t.Fatalf("%q in %q (%s): Find %d, every word %d", form, text, lang, got, want)
			}
			// Glossary.Find's English forms match with plural endings
			// too; mayOccur rules them out as well.
			for i := range w.Len() {
				if p.matchAt(w, i, true) && !p.mayOccur(w) {
					t.Fatalf("%q in %q (%s): matches at word %d with an ending, mayOccur says no", form, text, lang, i)
				}
			}
		}
	})
}
