package catalog_test

import (
	"crypto/sha1"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"

	"github.com/l10n-dev/l10n/internal/golden"
	"github.com/l10n-dev/l10n/pipeline/catalog"
)

// encodeNotes gives each entry generated notes of several lines (the
// source text, as extract's notes show it) and one with trailing spaces.
func encodeNotes(e *catalog.Entry) []string {
	return []string{"en: " + e.Other, "hint " + e.ID + "  "}
}

// sameEncoding fails unless Encode writes a catalog as it does with
// yaml.v3 writing every value: the encoder's own writing of values, and
// of the lines around them, changes no byte.
func sameEncoding(t *testing.T, name string, data []byte) {
	t.Helper()
	f, err := catalog.Parse(data)
	if err != nil {
		return
	}
	header := []string{"header", "of two lines  "}
	got := f.Encode(header, encodeNotes)
	for i, l := range strings.Split(string(got), "\n") {
		if strings.HasSuffix(l, " ") {
			t.Errorf("%s: line %d of what Encode wrote ends with a space: %q", name, i+1, l)
		}
	}
	if want := catalog.EncodeYAMLOnly(f, header, encodeNotes); string(got) != string(want) {
		t.Errorf("%s: the encoder writes\n%s\nyaml.v3 writes\n%s", name, got, want)
	}
	// Every entry obsolete too: lines prefixed with "#~ ".
	g := *f
	g.Obsolete = append(append([]*catalog.Entry(nil), f.Entries...), f.Obsolete...)
	g.Entries = nil
	got = g.Encode(header, encodeNotes)
	if want := catalog.EncodeYAMLOnly(&g, header, encodeNotes); string(got) != string(want) {
		t.Errorf("%s, obsolete: the encoder writes\n%s\nyaml.v3 writes\n%s", name, got, want)
	}
}

// TestEncodeAsYAML writes the catalogs l10n wrote, those written by hand
// and the reader's fuzz seeds, with the encoder and with yaml.v3.
func TestEncodeAsYAML(t *testing.T) {
	for name, data := range realCatalogs(t) {
		sameEncoding(t, name, data)
	}
	for name, data := range handCatalogs(t) {
		sameEncoding(t, name, data)
	}
	for _, s := range fuzzSeeds {
		sameEncoding(t, s, []byte(s))
	}
}

// FuzzEncodeAsYAML writes any catalog that parses with the encoder and
// with yaml.v3, which must agree.
func FuzzEncodeAsYAML(f *testing.F) {
	addCatalogSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		sameEncoding(t, "input", data)
	})
}

// TestHash checks go-i18n's hash against sums computed apart (sha1sum of
// description + other), short and past the hash's own buffer.
func TestHash(t *testing.T) {
	long := strings.Repeat("Загалом близько 3 767 ", 40)
	for _, c := range []struct{ description, other, want string }{
		{"", "", "sha1-da39a3ee5e6b4b0d3255bfef95601890afd80709"},
		{"", "abc", "sha1-a9993e364706816aba3e25717850c26c9cd0d89d"},
		{"ab", "c", "sha1-a9993e364706816aba3e25717850c26c9cd0d89d"},
		{long, "x", "sha1-" + hex.EncodeToString(sha1Of(long+"x"))},
	} {
		if got := catalog.Hash(c.description, c.other); got != c.want {
			t.Errorf("Hash(%.20q, %q) = %s, want %s", c.description, c.other, got, c.want)
		}
	}
}

func sha1Of(s string) []byte {
	sum := sha1.Sum([]byte(s))
	return sum[:]
}

// TestEncodeCommentControls writes notes and a previous source that hold
// every character YAML refuses in a comment or reads as a line break (an
// article's text pasted from elsewhere): the catalog reads back, with
// l10n's reader and yaml.v3, and the comments show each as an escape.
func TestEncodeCommentControls(t *testing.T) {
	bad := "a\x00b\x07c\x0bd\x0ce\x1bf\rg\x7fh\u0085i\u009fj\u2028k\u2029l\ufeffm\ufffen\uffffo\xffp"
	f := &catalog.File{Entries: []*catalog.Entry{{ID: "p-a", Other: "x", Hash: "sha1-0", Previous: "old " + bad},
		{ID: "p-b", Other: "y"}}}
	f.Obsolete = []*catalog.Entry{{ID: "p-c", Other: "z", Previous: bad}}
	data := f.Encode([]string{"header " + bad}, func(e *catalog.Entry) []string { return []string{"en: " + bad + "\ttab «ok» “ok” — ok"} })
	g, err := catalog.Parse(data)
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if len(g.Entries) != 2 || len(g.Obsolete) != 1 {
		t.Fatalf("read back %d entries and %d obsolete:\n%s", len(g.Entries), len(g.Obsolete), data)
	}
	var v map[string]any
	if err := yaml.Unmarshal(data, &v); err != nil || len(v) != 2 {
		t.Fatalf("yaml.v3: %v, %d keys\n%s", err, len(v), data)
	}
	want := `a\u0000b\u0007c\u000Bd\u000Ce\u001Bf\u000Dg\u007Fh\u0085i\u009Fj\u2028k\u2029l\uFEFFm\uFFFEn\uFFFFo\xFFp`
	if !strings.Contains(string(data), "#. en: "+want+"\ttab «ok» “ok” — ok\n") || !strings.Contains(string(data), "#| en: old "+want+"\n") {
		t.Errorf("comments:\n%s", data)
	}
	if got := g.Entries[0].Previous; got != "old "+want {
		t.Errorf("previous source read back as %q", got)
	}
}

// TestEncodeGolden holds the catalog format byte for byte, the file a
// translator reads and a review diffs: the header, a section comment, a
// translator's comments, the generated notes and "#|" lines, plural
// forms, a literal block, the comments after the last entry, and the
// obsolete section with its header, an obsolete entry's comments and
// the comments after it (the live entries' end comes last: the obsolete
// section's lines are blanks to the live document). What Encode writes reads back as it was
// written, and writes again the same. (Dropping the obsolete section's
// header, or the "#~" line before the comments after the last obsolete
// entry, survived every test before it.)
// Rewrite: go test ./pipeline/catalog -run '^TestEncodeGolden$' -update
func TestEncodeGolden(t *testing.T) {
	f := &catalog.File{
		Header: []string{"# The desk's note on this article.", "", "# Second block of the header."},
		Entries: []*catalog.Entry{
			{ID: "h1-title", Description: "Heading", Hash: "sha1-0a1b", Other: "Заголовок статті"},
			{ID: "p-count", Description: "Paragraph", Hash: "sha1-2c3d", Other: "Звільнено 3 767 полонених",
				Above: []string{"# --- Part two ---"}, Comments: []string{"# Olena: check the figure."},
				Previous: "About 3,767 prisoners were freed."},
			{ID: "p-plural", Other: "{{.Count}} статей", Plural: map[string]string{"one": "{{.Count}} стаття", "few": "{{.Count}} статті", "many": "{{.Count}} статей"}},
			{ID: "p-lines", Other: "Рядок один\nрядок два", Style: yaml.LiteralStyle},
		},
		End: []string{"# The end of the live entries."},
		Obsolete: []*catalog.Entry{
			{ID: "p-gone", Hash: "sha1-4e5f", Other: "Зникле «слово»", Comments: []string{"# kept by the translator"}},
			{ID: "p-gone-2", Other: "Ще одне", Above: []string{"# --- earlier version ---", "", "# second block"}},
		},
		ObsoleteEnd: []string{"# after the last obsolete entry"},
	}
	notes := func(e *catalog.Entry) []string { return []string{"en: English of " + e.ID} }
	header := []string{"Catalog of articles/a.md (uk), written by `l10n extract`.", "Translate the other: values."}
	got := f.Encode(header, notes)
	if !golden.Check(t, "testdata/encode.golden.yaml", got) {
		return
	}
	// go-i18n loads the live entries and nothing of the obsolete ones.
	b := i18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("yaml", yaml.Unmarshal)
	mf, err := b.ParseMessageFileBytes(got, "uk.yaml")
	if err != nil {
		t.Fatalf("go-i18n: %v", err)
	}
	if len(mf.Messages) != len(f.Entries) {
		t.Errorf("go-i18n loads %d messages, want %d", len(mf.Messages), len(f.Entries))
	}
	g, err := catalog.Parse(got)
	if err != nil {
		t.Fatal(err)
	}
	if again := g.Encode(header, func(e *catalog.Entry) []string { return e.Notes }); string(again) != string(got) {
		t.Errorf("read and written again, the catalog changes:\n%s", golden.Diff(string(got), string(again)))
	}
	read := append(append([]*catalog.Entry{}, g.Entries...), g.Obsolete...)
	written := append(append([]*catalog.Entry{}, f.Entries...), f.Obsolete...)
	if len(read) != len(written) {
		t.Fatalf("%d entries read back, %d written", len(read), len(written))
	}
	for i, w := range written {
		if !catalog.SameEntry(read[i], w) {
			t.Errorf("entry %s read back as %+v", w.ID, read[i])
		}
	}
	if strings.Join(g.ObsoleteEnd, "|") != strings.Join(f.ObsoleteEnd, "|") || strings.Join(g.End, "|") != strings.Join(f.End, "|") {
		t.Errorf("end %q, obsolete end %q", g.End, g.ObsoleteEnd)
	}
}
