package catalog_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/l10n-dev/l10n/pipeline/catalog"
)

// realCatalogs returns catalogs l10n wrote: the seed article's (in the
// repository) and those of a generated corpus, by name.
func realCatalogs(t *testing.T) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	seed, err := filepath.Glob("../../locales/*/*.yaml")
	if err != nil || len(seed) == 0 {
		t.Fatalf("no seed catalogs: %v", err)
	}
	for _, p := range seed {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out["seed/"+filepath.Base(filepath.Dir(p))+"/"+filepath.Base(p)] = b
	}
	paths, data := corpusCatalogs(t, benchArticles)
	for i, p := range paths {
		out["corpus/"+filepath.Base(filepath.Dir(p))+"/"+filepath.Base(p)] = data[i]
	}
	return out
}

// handCatalogs returns catalogs written or broken by hand: the check
// testdata's, the catalog tests' own and the command line's message files.
func handCatalogs(t *testing.T) map[string][]byte {
	t.Helper()
	out := map[string][]byte{"sample": []byte(catalog.SampleCatalog)}
	paths, err := filepath.Glob("../pipelinetest/testdata/*/locales/*/*.yaml")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no testdata catalogs: %v", err)
	}
	ui, err := filepath.Glob("../../internal/uitext/messages/*.yaml")
	if err != nil || len(ui) == 0 {
		t.Fatalf("no message files of the command line: %v", err)
	}
	paths = append(paths, ui...)
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out[p] = b
	}
	return out
}

// sameParse fails unless the fast reader, when it accepts data, yields
// exactly what yaml.v3 yields; it reports whether the fast reader
// accepted.
func sameParse(t *testing.T, name string, data []byte) bool {
	t.Helper()
	fast, ok := catalog.ParseFast(data)
	if !ok {
		return false
	}
	slow, err := catalog.ParseYAML(data)
	if err != nil {
		t.Errorf("%s: the fast reader accepts what yaml.v3 rejects (%v):\n%s", name, err, data)
		return true
	}
	if !reflect.DeepEqual(fast, slow) {
		f, _ := json.MarshalIndent(fast, "", " ")
		s, _ := json.MarshalIndent(slow, "", " ")
		t.Errorf("%s: the readers differ\nfast: %s\nyaml: %s\ninput:\n%s", name, f, s, data)
	}
	return true
}

// TestFastParseCatalogs reads real catalogs with both readers: every
// catalog l10n wrote is in the fast reader's subset and reads the same
// as with yaml.v3; hand-written ones read the same whenever the fast
// reader takes them.
func TestFastParseCatalogs(t *testing.T) {
	for name, data := range realCatalogs(t) {
		if !sameParse(t, name, data) {
			t.Errorf("%s: written by l10n, yet the fast reader declines it", name)
		}
	}
	for name, data := range handCatalogs(t) {
		sameParse(t, name, data)
	}
}

// TestFastEncodeCatalogs writes every value of real catalogs, in the style
// the file has it, with the encoder's own writing and with yaml.v3: the
// two agree wherever the encoder writes the value itself, which it does
// for every value l10n wrote.
func TestFastEncodeCatalogs(t *testing.T) {
	check := func(name string, data []byte, all bool) {
		f, err := catalog.Parse(data)
		if err != nil {
			return // a broken catalog of the check tests
		}
		for _, e := range append(f.Entries, f.Obsolete...) {
			values := map[string]string{"k": e.ID, "description": e.Description, "hash": e.Hash}
			for k, v := range e.Plural {
				values[k] = v
			}
			for k, v := range values {
				if !sameEncode(t, k, v, 0) && all {
					t.Errorf("%s: %s of %s (%q) goes to yaml.v3", name, k, e.ID, v)
				}
			}
			if !sameEncode(t, "other", e.Other, e.Style) && all {
				t.Errorf("%s: the text of %s (%q) goes to yaml.v3", name, e.ID, e.Other)
			}
		}
	}
	for name, data := range realCatalogs(t) {
		check(name, data, true)
	}
	for name, data := range handCatalogs(t) {
		check(name, data, false)
	}
}

// fuzzSeeds are inputs at the edges of the fast reader's subset.
var fuzzSeeds = []string{
	"a:\n  other: x\n",
	"a:\n  other: x",
	"a:\n  hash: sha1-1\n  other: |-\n    one\n\n    two\n",
	"a:\n  other: |\n    one\n    two\n\nb:\n  other: y\n",
	"a:\n  other: |\n    one\n",
	"a:\n  other: |\n     one\n    two\n",
	"a:\n  other: |\n   one\n  hash: x\n",
	"a:\n  other: |+\n    one\n\n",
	"a:\n  other: |2-\n    one\n",
	"a:\n  other: 'it''s'\n",
	"a:\n  other: ''\n",
	"a:\n  other: \"\"\n",
	"a:\n  other: \"\\\"q\\\" \\u0041\\x41\\U0001F600 \\N\\_\\L\\P\\0\\t\\\\\"\n",
	"a:\n  other: \"\\/\"\n",
	"a:\n  other: \"\\ud800\"\n",
	"a:\n  other: 2024\n",
	"a:\n  other: 2024-11-26\n",
	"a:\n  other: 26 листопада 2024 року\n",
	"a:\n  other: 3 767\n",
	"a:\n  other: .5\n",
	"a:\n  other: ~\n",
	"a:\n  other: True\n",
	"a:\n  other: yes\n",
	"a:\n  other: a: b\n",
	"a:\n  other: a #b\n",
	"a:\n  other: a#b\n",
	"a:\n  other: a:\n",
	"a:\n  other: «Ахмат»\n",
	"a:\n  other: [x](y)\n",
	"a:\n  other: x\n   y\n",
	"a:\n  other: x\n\n  hash: y\n",
	"a:\n  other: x\n  other: y\n",
	"a:\n  Other: x\n",
	"a:\n  id: a\n  other: x\n",
	"a:\n  one: x\n  few: y\n  other: z\n",
	"a:\n",
	"a: x\n",
	"a:\nb:\n  other: x\n",
	"a:\n  other: x\na:\n  other: y\n",
	"#. en: x\n# note\na:\n  other: x\n\n#~ b:\n#~   other: y\n",
	"# only a comment\n",
	"",
	"---\na:\n  other: x\n",
	"a:\n  other: x\n...\n",
	"a:\n  other: x\r\n",
	"a:\n  other: x\ty\n",
	"a:\n  other: x\u2028y\n",
	"\ufeffa:\n  other: x\n",
	"a:\n  other: x # y\n",
	"a:\n  other: &x y\n",
	"a:\n  other: !!str 1\n",
	"a b:\n  other: x\n",
	"1a:\n  other: x\n",
	"a:\n  other: |-\n    # not a comment\n",
	"a:\n  other: |-\n    x\n# c\n    y\n",
}

// FuzzFastParse checks the fast reader against yaml.v3: on every input
// the fast reader accepts, the two read the same entries, comments and
// lines.
func FuzzFastParse(f *testing.F) {
	addCatalogSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		sameParse(t, "input", data)
	})
}

// addCatalogSeeds seeds a fuzz target with the edge cases (fuzzSeeds),
// the sample catalog and the catalogs of the repository: the seed's, the
// end-to-end tests' and l10n's own interface strings.
func addCatalogSeeds(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Add([]byte(catalog.SampleCatalog))
	paths, _ := filepath.Glob("../../locales/*/*.yaml")
	more, _ := filepath.Glob("../pipelinetest/testdata/*/locales/*/*.yaml")
	ui, _ := filepath.Glob("../../internal/uitext/messages/*.yaml")
	for _, p := range append(append(paths, more...), ui...) {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
}

// TestFastParseSubset checks that the fast reader takes the plain cases
// the encoder writes and leaves the others to yaml.v3.
func TestFastParseSubset(t *testing.T) {
	accepted := 0
	for _, s := range fuzzSeeds {
		if sameParse(t, s, []byte(s)) {
			accepted++
		}
	}
	for _, s := range []string{fuzzSeeds[0], fuzzSeeds[2], fuzzSeeds[9], fuzzSeeds[12], fuzzSeeds[17]} {
		if _, ok := catalog.ParseFast([]byte(s)); !ok {
			t.Errorf("the fast reader declines %q", s)
		}
	}
	for _, s := range []string{"a:\n  other: 2024\n", "a:\n  other: x # y\n", "a:\n  other: \"\\/\"\n", "a:\n  other: |+\n    one\n\n"} {
		if _, ok := catalog.ParseFast([]byte(s)); ok {
			t.Errorf("the fast reader takes %q", s)
		}
	}
	t.Logf("the fast reader takes %d of %d edge cases", accepted, len(fuzzSeeds))
}

// encodeValues are values at the edges of what the encoder writes plain,
// quoted or as a literal block.
var encodeValues = []string{
	"", "x", "Paragraph", "sha1-f7ff9e8b7bb2e09b70935a5d785e0cc5d9d0abf0", "p-in-total-about",
	"true", "No", "null", "~", "2024", "2024-11-26", "1e3", "0x1F", ".5", "-", "- x", "-x", "?x", ": x",
	"a b", "a: b", "a:b", "a:", "#x", "a #x", "a#x", " lead", "trail ", "it's", "'q'", "\"q\"",
	"26 листопада 2024 року", "«Ахмат»", "[x](y)", "**bold**", "*em*", "{{< x >}}", "@x", "`c`", "!x", "&x", "|x", ">x", "%x",
	"one\ntwo", "one\ntwo\n", "one\n\ntwo", "one\ntwo\n\n", "\n", "\none", " one\ntwo", "one \ntwo", "one\n two", "one\ntwo ",
	"tab\there", "cr\rhere", "nel\u0085here", "ls\u2028here", "bell\a", "bom\ufeff", "---", "--- x", "...", "... x",
	"<<", "=", "Ṫĥé ⟦x⟧", "a\u00a0b", strings.Repeat("long ", 60), "emoji 😀", "nul\x00", "crlf\r\nx", "\ufeffbom", "a\\b", "a\"b\n c",
}

// TestFastEncode checks the encoder's own writing against yaml.v3's on
// values at the edges, in every style a catalog keeps.
func TestFastEncode(t *testing.T) {
	styles := []yaml.Style{0, yaml.SingleQuotedStyle, yaml.DoubleQuotedStyle, yaml.LiteralStyle, yaml.FoldedStyle, yaml.FlowStyle}
	fast := 0
	for _, v := range encodeValues {
		for _, st := range styles {
			if sameEncode(t, "other", v, st) {
				fast++
			}
		}
		if sameEncode(t, "k", v, 0) {
			fast++
		}
	}
	if fast < len(encodeValues)*len(styles)/2 {
		t.Errorf("the encoder writes only %d of %d cases itself", fast, len(encodeValues)*(len(styles)+1))
	}
}

// sameEncode fails unless the encoder's own writing, when it writes the
// value, is yaml.v3's; it reports whether it wrote it.
func sameEncode(t *testing.T, key, value string, style yaml.Style) bool {
	t.Helper()
	got, ok := catalog.EncodeFast(key, value, style)
	if !ok {
		return false
	}
	if want := catalog.EncodeYAML(key, value, style); got != want {
		t.Errorf("%s: %q in style %d:\n got %q\nwant %q", key, value, style, got, want)
	}
	return true
}

// FuzzFastEncode checks the encoder's own writing against yaml.v3's on
// any value and style.
func FuzzFastEncode(f *testing.F) {
	for _, v := range encodeValues {
		f.Add(v, uint8(0))
		f.Add(v, uint8(yaml.SingleQuotedStyle))
		f.Add(v, uint8(yaml.LiteralStyle))
	}
	f.Fuzz(func(t *testing.T, value string, style uint8) {
		sameEncode(t, "other", value, yaml.Style(style))
	})
}
