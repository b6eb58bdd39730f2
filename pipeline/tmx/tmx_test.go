package tmx

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/l10n-dev/l10n/internal/corpus"
	"github.com/l10n-dev/l10n/internal/toolkit"
	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/po"
	"github.com/l10n-dev/l10n/pipeline/xliff"
)

const seedSlug = "ngo-indifference-to-ukrainian-pows"

// pair is a unit of the seed: its id, English source and translations.
type pair struct {
	id, en string
	tr     map[string]string
}

// seedPairs returns the seed's units with their uk and ru translations.
func seedPairs(t testing.TB) []pair {
	t.Helper()
	dir := filepath.Join("..", "..", "locales", seedSlug)
	read := func(name string) *catalog.File {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		f, err := catalog.Parse(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return f
	}
	en, uk, ru := read("en.yaml"), read("uk.yaml"), read("ru.yaml")
	var out []pair
	for _, e := range en.Entries {
		p := pair{id: e.ID, en: e.Other, tr: map[string]string{}}
		for loc, f := range map[string]*catalog.File{"uk": uk, "ru": ru} {
			if t := f.Lookup(e.ID); t != nil && t.Other != "" {
				p.tr[loc] = t.Other
			}
		}
		out = append(out, p)
	}
	if len(out) < 20 {
		t.Fatalf("%d units in the seed", len(out))
	}
	return out
}

// seedDoc returns the seed's units as a TMX document, as l10n would
// export its memory.
func seedDoc(t testing.TB) *Document {
	doc := &Document{Header: Header{CreationToolVersion: "test", CreationDate: "20241126T120000Z",
		Notes: []string{"The seed article's catalogs."}}}
	for _, p := range seedPairs(t) {
		u := &Unit{ID: seedSlug + "/" + p.id, Variants: []*Variant{{Lang: "en", Seg: Seg(p.en)}}}
		for _, loc := range []string{"uk", "ru"} {
			if s, ok := p.tr[loc]; ok {
				u.Variants = append(u.Variants, &Variant{Lang: loc, Seg: xliff.Align(Seg(s), u.Variants[0].Seg)})
			}
		}
		if p.id == "p-by-anton-zemlianyi" {
			u.Props = []Prop{{Type: "x-l10n-state", Value: "needs-review"}}
			u.Notes = []string{"Byline: check the spelling\nof the name."}
		}
		doc.Units = append(doc.Units, u)
	}
	return doc
}

// clearLines zeroes the Line fields, which only a decoded document has.
func clearLines(d *Document) {
	d.Header.Line = 0
	for _, u := range d.Units {
		u.Line = 0
		for _, v := range u.Variants {
			v.Line = 0
		}
	}
}

// TestRoundTrip writes the seed's memory and reads it back: the same
// document, every segment's Markdown the catalog's text byte for byte,
// with codes for its markup.
func TestRoundTrip(t *testing.T) {
	doc := seedDoc(t)
	out := Encode(doc)
	got, err := Decode(out)
	if err != nil {
		t.Fatalf("Decode: %v\n%s", err, out)
	}
	clearLines(got)
	want := *doc
	want.Header.CreationTool, want.Header.SegType, want.Header.OTMF = "l10n", "paragraph", "l10n"
	want.Header.AdminLang, want.Header.SrcLang, want.Header.DataType = "en", "en", DataTypeMarkdown
	if !reflect.DeepEqual(got, &want) {
		t.Fatalf("round trip differs:\n got %+v\nwant %+v", got.Header, want.Header)
	}
	codes := 0
	pairs := seedPairs(t)
	for i, u := range got.Units {
		if got.Markdown(u, u.Variants[0]) != pairs[i].en {
			t.Errorf("%s: %q", u.ID, got.Markdown(u, u.Variants[0]))
		}
		for _, v := range u.Variants[1:] {
			if got.Markdown(u, v) != pairs[i].tr[v.Lang] {
				t.Errorf("%s %s: %q", u.ID, v.Lang, got.Markdown(u, v))
			}
		}
		codes += u.Variants[0].Seg.Codes()
	}
	if codes < 10 {
		t.Errorf("only %d inline codes in the seed's segments", codes)
	}
	if ps := got.Pairs("", "uk-UA"); len(ps) != len(pairs) {
		t.Errorf("Pairs: %d, want %d", len(ps), len(pairs))
	}
}

// TestRoundTripCorpus writes every CommonMark spec example as a segment
// (markup of every kind, characters XML cannot hold, carriage returns)
// and reads it back.
func TestRoundTripCorpus(t *testing.T) {
	examples, err := corpus.CommonMark()
	if err != nil {
		t.Fatal(err)
	}
	doc := &Document{}
	for _, ex := range examples {
		doc.Units = append(doc.Units, &Unit{ID: ex.Name, Variants: []*Variant{
			{Lang: "en", Seg: Seg(ex.Markdown)},
			{Lang: "uk", Seg: xliff.FromPlain(strings.ToUpper(ex.Markdown) + "\r\n")},
		}})
	}
	got, err := Decode(Encode(doc))
	if err != nil {
		t.Fatal(err)
	}
	for i, u := range got.Units {
		for j, v := range u.Variants {
			want := xliff.Display(doc.Units[i].Variants[j].Seg.Markdown())
			if m := got.Markdown(u, v); m != want {
				t.Errorf("%s %s: got %q, want %q", u.ID, v.Lang, m, want)
			}
		}
	}
}

// TestInline reads a hand-written TMX in the style of another CAT tool:
// HTML codes stand for their markup, RTF codes are left out, <hi> is
// its text, <sub> belongs to its code, TMX 1.1's lang attribute and
// "_" in tags are read.
func TestInline(t *testing.T) {
	data, err := os.ReadFile("testdata/inline.tmx")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if h := doc.Header; h.SrcLang != "en-US" || h.DataType != "html" || h.CreationTool != "HandMade" ||
		len(h.Notes) != 1 || len(h.Props) != 1 || h.Props[0].Value != "Agency" || h.Line != 6 {
		t.Errorf("header %+v", h)
	}
	type seg struct{ id, lang, md string }
	var got []seg
	for _, p := range doc.Pairs("en", "uk") {
		got = append(got, seg{p.Unit.ID, p.Source.Lang, doc.Markdown(p.Unit, p.Source)},
			seg{p.Unit.ID, p.Target.Lang, doc.Markdown(p.Unit, p.Target)})
	}
	for _, p := range doc.Pairs("", "ru") {
		got = append(got, seg{p.Unit.ID, p.Target.Lang, doc.Markdown(p.Unit, p.Target)})
	}
	want := []seg{
		{"html-1", "en-US", "The <b>ICRC</b> has not responded.<br/>"},
		{"html-1", "uk-UA", "<b>МКЧХ</b> не відповів.<br/>"},
		{"it-1", "en-US", "<i>Prisoners of war, she said"},
		{"it-1", "uk-UA", "<i>Військовополонені, сказала вона"},
		{"sub-1", "en-US", `See <a title="the archive">the map</a>.`},
		{"sub-1", "uk-UA", `Див. <a title="архів">мапу</a>.`},
		{"legacy", "EN-US", `Old {\i}style`},
		{"legacy", "uk_UA", "Старий стиль"},
		{"rtf-1", "ru", "Прочтите доклад на странице ."},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("segments:\n got %q\nwant %q", got, want)
	}
	u := doc.Units[0]
	if u.Line != 13 || u.Variants[1].Line != 18 || len(u.Variants[1].Notes) != 1 || u.Props[0].Type != "x-domain" {
		t.Errorf("unit %+v", u)
	}
	wantSeg := xliff.Content{
		{Kind: xliff.Text, Text: "The "},
		{Kind: xliff.BPT, ID: "1", Ctype: "bold", Text: "<b>"},
		{Kind: xliff.Text, Text: "ICRC"},
		{Kind: xliff.EPT, ID: "1", Text: "</b>"},
		{Kind: xliff.Text, Text: " has not responded."},
		{Kind: xliff.PH, ID: "2", Ctype: "lb", Text: "<br/>"},
	}
	if !reflect.DeepEqual(u.Variants[0].Seg, wantSeg) {
		t.Errorf("codes:\n got %+v\nwant %+v", u.Variants[0].Seg, wantSeg)
	}
	if it := doc.Units[2].Variants[0].Seg[0]; it.Kind != xliff.IT || it.Pos != "open" || it.ID != "1" {
		t.Errorf("<it>: %+v", it)
	}
	if rtf := doc.Units[1]; doc.Markdown(rtf, rtf.Variants[0]) != "Read the report on page ." {
		t.Errorf("rtf: %q", doc.Markdown(rtf, rtf.Variants[0]))
	}
	// Written again, the codes survive.
	again, err := Decode(Encode(doc))
	if err != nil {
		t.Fatal(err)
	}
	for i, u := range again.Units {
		for j, v := range u.Variants {
			if !reflect.DeepEqual(v.Seg, doc.Units[i].Variants[j].Seg) {
				t.Errorf("%s %s: %+v", u.ID, v.Lang, v.Seg)
			}
		}
	}
}

// utf16Bytes encodes s as UTF-16, with a byte order mark if bom.
func utf16Bytes(s string, big, bom bool) []byte {
	var b bytes.Buffer
	put := func(u uint16) {
		if big {
			b.Write([]byte{byte(u >> 8), byte(u)})
		} else {
			b.Write([]byte{byte(u), byte(u >> 8)})
		}
	}
	if bom {
		put(0xFEFF)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		put(u)
	}
	return b.Bytes()
}

// TestEncodings reads the same document in UTF-8 with and without a
// byte order mark and in UTF-16 of either byte order, with and without
// one, declared as UTF-16.
func TestEncodings(t *testing.T) {
	data, err := os.ReadFile("testdata/inline.tmx")
	if err != nil {
		t.Fatal(err)
	}
	want, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	s16 := strings.Replace(string(data), `encoding="UTF-8"`, `encoding="UTF-16"`, 1)
	for name, in := range map[string][]byte{
		"utf-8 bom":       append([]byte{0xEF, 0xBB, 0xBF}, data...),
		"utf-16le bom":    utf16Bytes(s16, false, true),
		"utf-16be bom":    utf16Bytes(s16, true, true),
		"utf-16le":        utf16Bytes(s16, false, false),
		"utf-16be":        utf16Bytes(s16, true, false),
		"utf-16, emoji 😀": utf16Bytes(strings.Replace(s16, "Agency", "Agency 😀", 1), false, true),
	} {
		got, err := Decode(in)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if strings.Contains(name, "emoji") {
			if got.Header.Props[0].Value != "Agency 😀" {
				t.Errorf("%s: %q", name, got.Header.Props[0].Value)
			}
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: differs from UTF-8", name)
		}
	}
}

// TestErrors checks that bad input is an *Error naming the line.
func TestErrors(t *testing.T) {
	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	head := `<?xml version="1.0"?>` + "\n" + `<tmx version="1.4"><header srclang="en"/><body>` + "\n"
	tests := []struct {
		name string
		in   []byte
		line int
		msg  string
	}{
		{"billion laughs", []byte(read("billion-laughs.tmx")), 2, "internal subset"},
		{"external entity", []byte(read("external-entity.tmx")), 2, "internal subset"},
		{"undefined entity", []byte(head + "<tu><tuv xml:lang=\"en\"><seg>&lol;</seg></tuv></tu></body></tmx>"), 3, "entity"},
		{"no lang", []byte(head + "<tu>\n<tuv><seg>x</seg></tuv></tu></body></tmx>"), 4, "without xml:lang"},
		{"no seg", []byte(head + "<tu>\n<tuv xml:lang=\"en\"></tuv></tu></body></tmx>"), 4, "without a <seg>"},
		{"two segs", []byte(head + "<tu><tuv xml:lang=\"en\"><seg>a</seg>\n<seg>b</seg></tuv></tu></body></tmx>"), 4, "second <seg>"},
		{"bpt without i", []byte(head + "<tu><tuv xml:lang=\"en\"><seg>\n<bpt>x</bpt></seg></tuv></tu></body></tmx>"), 4, "without an i"},
		{"it without pos", []byte(head + "<tu><tuv xml:lang=\"en\"><seg><it>x</it></seg></tuv></tu></body></tmx>"), 3, "pos"},
		{"foreign element", []byte(head + "<tu><tuv xml:lang=\"en\"><seg>a <b>b</b></seg></tuv></tu></body></tmx>"), 3, "unexpected <b>"},
		{"unclosed", []byte(head + "<tu><tuv xml:lang=\"en\"><seg>a\n"), 4, "unexpected EOF"},
		{"not tmx", []byte("<?xml version=\"1.0\"?>\n<xliff/>"), 2, "not <tmx>"},
		{"tmx 2", []byte("<tmx version=\"2.0\"/>"), 1, "version 2.0"},
		{"empty", nil, 1, "no <tmx>"},
		{"latin-1", []byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<tmx/>"), 1, "UTF-8 or UTF-16"},
		{"invalid utf-8", []byte(head + "<tu>\n\xff</tu>"), 4, "invalid UTF-8"},
		{"odd utf-16", append(utf16Bytes("<tmx/>", false, true), 0), 1, "odd number"},
		{"unpaired surrogate", slices.Concat(utf16Bytes("<tmx>\n", false, true), []byte{0x00, 0xD8}, utf16Bytes("</tmx>", false, false)), 2, "surrogate"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode(tc.in)
			var e *Error
			if !errors.As(err, &e) || e.Line != tc.line || !strings.Contains(e.Err.Error(), tc.msg) {
				t.Errorf("got %v, want line %d: …%s…", err, tc.line, tc.msg)
			}
		})
	}
}

// TestTranslateToolkitReads writes the seed's memory and reads it with
// Translate Toolkit's tmx storage: every unit comes back with its id,
// its English source and its Ukrainian translation, as Markdown.
func TestTranslateToolkitReads(t *testing.T) {
	python := toolkit.Python(t)
	doc := seedDoc(t)
	path := filepath.Join(t.TempDir(), "memory.tmx")
	if err := os.WriteFile(path, Encode(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	script := `
import json, sys
from translate.storage import tmx
f = tmx.tmxfile.parsefile(sys.argv[1])
f.settargetlanguage("uk")
out = []
for u in f.units:
    out.append({"id": u.getid(), "source": u.source, "target": u.gettarget("uk")})
json.dump(out, sys.stdout, ensure_ascii=False)
`
	out, err := exec.Command(python, "-c", script, path).Output()
	if err != nil {
		t.Fatalf("Translate Toolkit: %v\n%s", err, out)
	}
	var units []struct{ ID, Source, Target string }
	if err := json.Unmarshal(out, &units); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	pairs := seedPairs(t)
	if len(units) != len(pairs) {
		t.Fatalf("Translate Toolkit read %d units, want %d", len(units), len(pairs))
	}
	for i, u := range units {
		p := pairs[i]
		if u.ID != seedSlug+"/"+p.id || u.Source != p.en || u.Target != p.tr["uk"] {
			t.Errorf("unit %d:\n got %q %q %q\nwant %q %q %q", i, u.ID, u.Source, u.Target, p.id, p.en, p.tr["uk"])
		}
	}
}

// TestPo2tmx converts the seed's Ukrainian units, as a PO file like
// l10n's export, with Translate Toolkit's po2tmx and reads the result:
// every translated unit arrives with its Markdown intact.
func TestPo2tmx(t *testing.T) {
	po2tmx := toolkit.Command(t, "po2tmx", "translate-toolkit")
	f := &po.File{Header: []po.Field{{Name: "Content-Type", Value: "text/plain; charset=UTF-8"}, {Name: "Language", Value: "uk"}}}
	pairs := seedPairs(t)
	for _, p := range pairs {
		f.Messages = append(f.Messages, &po.Message{Msgctxt: p.id, HasMsgctxt: true, Msgid: p.en, Msgstr: p.tr["uk"]})
	}
	dir := t.TempDir()
	in, out := filepath.Join(dir, "uk.po"), filepath.Join(dir, "uk.tmx")
	if err := os.WriteFile(in, po.Encode(f), 0o644); err != nil {
		t.Fatal(err)
	}
	if msg, err := exec.Command(po2tmx, "--progress=none", "-l", "uk", in, out).CombinedOutput(); err != nil {
		t.Fatalf("po2tmx: %v\n%s", err, msg)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Decode(data)
	if err != nil {
		t.Fatalf("reading po2tmx's output: %v\n%s", err, data)
	}
	got := map[string]string{}
	for _, p := range doc.Pairs("", "uk") {
		got[doc.Markdown(p.Unit, p.Source)] = doc.Markdown(p.Unit, p.Target)
	}
	n := 0
	for _, p := range pairs {
		if p.tr["uk"] == "" {
			continue
		}
		n++
		if got[p.en] != p.tr["uk"] {
			t.Errorf("%s: got %q, want %q", p.id, got[p.en], p.tr["uk"])
		}
	}
	if len(got) != n || n < 20 {
		t.Errorf("po2tmx gave %d units, the PO file has %d translated", len(got), n)
	}
}

// TestSegManyPieces decodes a segment whose text comes in many pieces
// (split by comments and <hi> elements): it reads as one text piece, and
// joining the pieces costs memory in proportion to the text, not to its
// square (the pieces used to be joined by appending to a string).
func TestSegManyPieces(t *testing.T) {
	const n = 20000
	var seg, want strings.Builder
	for i := range n {
		if i%2 == 0 {
			seg.WriteString("word <!-- a comment -->")
		} else {
			seg.WriteString("<hi>word </hi>")
		}
		want.WriteString("word ")
	}
	doc := `<?xml version="1.0"?><tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="block" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/><body><tu><tuv xml:lang="en"><seg>` +
		seg.String() + `<ph x="1">{x}</ph>end</seg></tuv></tu></body></tmx>`
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	d, err := Decode([]byte(doc))
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	c := d.Units[0].Variants[0].Seg
	if len(c) != 3 || c[0].Kind != xliff.Text || c[0].Text != want.String() || c[1].Kind != xliff.PH || c[2].Text != "end" {
		t.Fatalf("decoded %d pieces; first %q", len(c), c[0].Text[:min(40, len(c[0].Text))])
	}
	// The text is 100 KB; appending piece by piece allocates about
	// n²/2 × 5 bytes = 1 GB.
	if got := after.TotalAlloc - before.TotalAlloc; got > 64<<20 {
		t.Errorf("decoding allocated %d MB for %d KB of text", got>>20, len(want.String())>>10)
	}
}
