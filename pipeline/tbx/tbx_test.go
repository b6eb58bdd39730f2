package tbx

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/l10n-dev/l10n/internal/toolkit"
	"github.com/l10n-dev/l10n/pipeline/glossary"
)

// projectGlossary returns the bytes and the parsed form of the project's
// glossary.yaml.
func projectGlossary(t testing.TB) ([]byte, *glossary.Glossary) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "glossary.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	g, err := glossary.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return data, g
}

// asData returns a glossary's terms as GlossaryTerm values.
func asData(g *glossary.Glossary) []GlossaryTerm {
	var out []GlossaryTerm
	for _, t := range g.Terms {
		d := GlossaryTerm{ID: t.ID, EN: t.EN, Note: t.Note, Keep: t.Keep, Strict: t.Strict, Locales: map[string]GlossaryForms{}}
		for l, f := range t.Locales {
			d.Locales[l] = formsData(f)
		}
		out = append(out, d)
	}
	return out
}

// normalise empties nil/empty differences and lines for comparison.
func normalise(ts []GlossaryTerm) []GlossaryTerm {
	out := slices.Clone(ts)
	for i := range out {
		out[i].Line = 0
		for l, f := range out[i].Locales {
			if len(f.Approved) == 0 {
				f.Approved = nil
			}
			if len(f.Forbidden) == 0 {
				f.Forbidden = nil
			}
			if len(f.Derived) == 0 {
				f.Derived = nil
			}
			out[i].Locales[l] = f
		}
	}
	return out
}

// TestGlossaryRoundTrip writes the project's glossary as TBX and reads it
// back: the same terms, forms, notes and keep-as-is names.
func TestGlossaryRoundTrip(t *testing.T) {
	_, g := projectGlossary(t)
	doc := FromGlossary(g, ExportOptions{Locales: []string{"uk", "ru"}})
	back, err := Decode(Encode(doc))
	if err != nil {
		t.Fatalf("%v\n%s", err, Encode(doc))
	}
	if back.Type != "TBX-Basic" || back.Lang != "en" || len(back.Entries) != len(g.Terms) {
		t.Fatalf("document: %s %s, %d entries", back.Type, back.Lang, len(back.Entries))
	}
	got, problems := ToGlossary(back, ImportOptions{Locales: []string{"uk", "ru"}})
	if len(problems) > 0 {
		t.Errorf("problems: %v", problems)
	}
	want := asData(g)
	got, want = normalise(got), normalise(want)
	if len(got) != len(want) {
		t.Fatalf("%d terms, want %d", len(got), len(want))
	}
	keep, strict, derived := 0, 0, 0
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("term %s:\n got %+v\nwant %+v", want[i].ID, got[i], want[i])
		}
		if want[i].Keep {
			keep++
		}
		if want[i].Strict {
			strict++
		}
		for _, f := range want[i].Locales {
			derived += len(f.Derived)
		}
	}
	if keep == 0 || strict == 0 || derived == 0 {
		t.Errorf("the glossary has %d keep-as-is terms, %d strict ones, %d derived forms: the test proves less", keep, strict, derived)
	}
	// Statuses as TBX-Basic writes them.
	icrc := back.Entries[0]
	if uk := icrc.Langs[2]; icrc.ID != "icrc" || uk.Lang != "uk" || uk.Terms[0].Status != Preferred ||
		uk.Terms[1].Status != Admitted || uk.Terms[2].Status != Deprecated {
		t.Errorf("icrc: %+v", icrc.Langs)
	}
}

// TestBasic reads a hand-written TBX-Basic termbase into glossary terms.
func TestBasic(t *testing.T) {
	data, err := os.ReadFile("testdata/basic.tbx")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Type != "TBX-Basic" || doc.Lang != "en-US" || !slices.Equal(doc.Source, []string{"Desk termbase"}) || len(doc.Entries) != 4 {
		t.Fatalf("document %+v", doc)
	}
	c1 := doc.Entries[0]
	wantFields := []Field{
		{"descrip", "subjectField", "humanitarian law"},
		{"descrip", "definition", "A person held by a belligerent power during an armed conflict."},
		{"admin", "source", "Geneva Convention III"},
	}
	if c1.Line != 14 || !reflect.DeepEqual(c1.Fields, wantFields) {
		t.Errorf("entry fields: line %d, %+v", c1.Line, c1.Fields)
	}
	if pow := c1.Langs[0].Terms[1]; pow.Text != "POW" || pow.Status != Admitted || !reflect.DeepEqual(pow.Fields, []Field{{"termNote", "termType", "abbreviation"}}) {
		t.Errorf("POW: %+v", pow)
	}
	if s := c1.Langs[1].Terms[1]; s.Text != "воєннополонений" || s.Status != Superseded {
		t.Errorf("ntig: %+v", s)
	}
	got, problems := ToGlossary(doc, ImportOptions{Locales: []string{"uk", "ru"}})
	want := []GlossaryTerm{
		{ID: "c1", EN: []string{"prisoner of war", "POW"},
			Note: `A person held by a belligerent power during an armed conflict. військовополонений: Never "полонений" alone for a prisoner of war.`,
			Locales: map[string]GlossaryForms{
				"uk": {Approved: []string{"військовополонений"}, Forbidden: []string{"воєннополонений"}},
				"ru": {Approved: []string{"военнопленный", "военнопленн*"}},
			}},
		{ID: "the-moscow-times", EN: []string{"The Moscow Times"}, Note: "A newspaper: the name stays in Latin letters.", Keep: true, Locales: map[string]GlossaryForms{}},
		{ID: "bad-form", EN: []string{"Akhmat"}, Locales: map[string]GlossaryForms{"uk": {Approved: []string{"Ахмат*"}}}},
	}
	if !reflect.DeepEqual(normalise(got), normalise(want)) {
		t.Errorf("terms:\n got %+v\nwant %+v", got, want)
	}
	var msgs []string
	for _, p := range problems {
		msgs = append(msgs, p.String())
	}
	wantMsgs := []string{
		`line 31: c1: the source form "war prisoner" is deprecatedTerm-admn-sts`,
		`line 63: orphan: no term in the source language (en): entry left out`,
		`line 68: bad-form: uk "*Ахмат" left out`,
	}
	if len(msgs) != len(wantMsgs) {
		t.Fatalf("problems: %q", msgs)
	}
	for i := range msgs {
		if !strings.HasPrefix(msgs[i], wantMsgs[i]) {
			t.Errorf("problem %d: %q, want %q…", i, msgs[i], wantMsgs[i])
		}
	}
}

// TestV3 reads TBX v3 (ISO 30042:2019): conceptEntry, langSec, termSec.
func TestV3(t *testing.T) {
	data, err := os.ReadFile("testdata/v3.tbx")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	got, problems := ToGlossary(doc, ImportOptions{Locales: []string{"ru"}})
	want := []GlossaryTerm{{ID: "icrc", EN: []string{"ICRC"}, Locales: map[string]GlossaryForms{"ru": {Approved: []string{"МККК"}, Forbidden: []string{"МКК"}}}}}
	if len(problems) > 0 || !reflect.DeepEqual(normalise(got), normalise(want)) {
		t.Errorf("got %+v, %v", got, problems)
	}
}

// TestErrors checks that bad input is an *Error naming the line.
func TestErrors(t *testing.T) {
	head := "<martif type=\"TBX-Basic\">\n<text><body>\n"
	tests := []struct {
		name string
		in   string
		line int
		msg  string
	}{
		{"no lang", head + "<termEntry>\n<langSet><tig><term>x</term></tig></langSet></termEntry></body></text></martif>", 4, "without xml:lang"},
		{"no term", head + "<termEntry><langSet xml:lang=\"en\">\n<tig><note>x</note></tig></langSet></termEntry></body></text></martif>", 4, "without a <term>"},
		{"bad status", head + "<termEntry><langSet xml:lang=\"en\"><tig><term>x</term>\n<termNote type=\"administrativeStatus\">approved</termNote></tig></langSet></termEntry></body></text></martif>", 4, "administrativeStatus"},
		{"entities", "<?xml version=\"1.0\"?>\n<!DOCTYPE martif [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]>\n<martif/>", 2, "internal subset"},
		{"wrong root", "<tmx/>", 1, "not <martif> or <tbx>"},
		{"truncated", head + "<termEntry>\n", 4, "unexpected EOF"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode([]byte(tc.in))
			var e *Error
			if !errors.As(err, &e) || e.Line != tc.line || !strings.Contains(e.Err.Error(), tc.msg) {
				t.Errorf("got %v, want line %d: …%s…", err, tc.line, tc.msg)
			}
		})
	}
}

// TestCsv2tbx imports the output of Translate Toolkit's csv2tbx into the
// project's glossary: terms the glossary has are reported with the forms
// they would add, new terms are appended, and every byte of the
// glossary, its comments included, stays as it was.
func TestCsv2tbx(t *testing.T) {
	csv2tbx := toolkit.Command(t, "csv2tbx", "translate-toolkit")
	dir := t.TempDir()
	csv := "\"source\",\"target\"\n" +
		"\"ICRC\",\"МКЧХ\"\n" +
		"\"prisoners of war\",\"військовополонені\"\n" +
		"\"Razumkov Centre\",\"Центр Разумкова\"\n" +
		"\"Kyiv School of Economics\",\"Київська школа економіки\"\n" +
		"\"Coordination Headquarters for the Treatment of Prisoners of War\",\"Координаційний штаб з питань поводження з військовополоненими\"\n" +
		"\"R&D \"\"budget\"\"\",\"бюджет на дослідження\"\n" +
		"\"Red Cross\",\"Червоний Крест\"\n" +
		"\"Akhmat\",\"Ахмат\"\n" +
		"\"POWs\",\"полонені\"\n"
	in, out := filepath.Join(dir, "terms.csv"), filepath.Join(dir, "terms.tbx")
	if err := os.WriteFile(in, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	if msg, err := exec.Command(csv2tbx, "--progress=none", in, out).CombinedOutput(); err != nil {
		t.Fatalf("csv2tbx: %v\n%s", err, msg)
	}
	tbxData, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Decode(tbxData)
	if err != nil {
		t.Fatalf("reading csv2tbx's output: %v\n%s", err, tbxData)
	}
	terms, problems := ToGlossary(doc, ImportOptions{Locales: []string{"uk", "ru"}, Rename: map[string]string{"xx": "uk"}})
	if len(problems) > 0 || len(terms) != 9 {
		t.Fatalf("%d terms, problems %v", len(terms), problems)
	}
	data, old := projectGlossary(t)
	merged, rep, err := MergeGlossary(data, terms)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(merged, data) {
		t.Fatal("the merged glossary does not start with the old one")
	}
	wantAdded := []string{"razumkov-centre", "kyiv-school-of-economics", "coordination-headquarters-for-the-treatment-of-prisoners-of-war", "r-d-budget"}
	if !slices.Equal(rep.Added, wantAdded) {
		t.Errorf("added %q, want %q", rep.Added, wantAdded)
	}
	var existing []string
	for _, e := range rep.Existing {
		existing = append(existing, e.Glossary+": "+strings.Join(e.Missing, ", "))
	}
	wantExisting := []string{"icrc: ", "pow: ", "red-cross: uk: Червоний Крест (the glossary forbids it)", "akhmat: ", "pow: en: POWs, uk: полонені"}
	if !slices.Equal(existing, wantExisting) {
		t.Errorf("existing %q, want %q", existing, wantExisting)
	}
	g, err := glossary.Parse(merged)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Terms) != len(old.Terms)+4 {
		t.Fatalf("%d terms after the merge", len(g.Terms))
	}
	r := g.Term("r-d-budget")
	if r == nil || !slices.Equal(r.EN, []string{`R&D "budget"`}) || r.Forms("uk") == nil || r.Forms("uk").Approved[0].Text != "бюджет на дослідження" {
		t.Errorf("r-d-budget: %+v", r)
	}
	// The new terms work: the glossary finds them in English text.
	hits := g.Find(glossary.Split("Researchers at the Razumkov Centre said", "en"))
	if len(hits) != 1 || hits[0].Term.ID != "razumkov-centre" {
		t.Errorf("hits: %+v", hits)
	}
	tail := string(merged[len(data):])
	if !strings.HasPrefix(tail, "  - id: razumkov-centre\n    en: [\"Razumkov Centre\"]\n    uk:\n      approved: [\"Центр Разумкова\"]\n") {
		t.Errorf("appended:\n%s", tail)
	}
	// Merging again adds nothing.
	again, rep2, err := MergeGlossary(merged, terms)
	if err != nil || !bytes.Equal(again, merged) || len(rep2.Added) != 0 || len(rep2.Existing) != 9 {
		t.Errorf("second merge: %v, %+v", err, rep2)
	}
}

// TestTranslateToolkitReads writes the project's glossary as TBX and
// reads it with Translate Toolkit's tbx storage: every entry, with its
// id, its first English form and its notes.
func TestTranslateToolkitReads(t *testing.T) {
	python := toolkit.Python(t)
	_, g := projectGlossary(t)
	path := filepath.Join(t.TempDir(), "glossary.tbx")
	if err := os.WriteFile(path, Encode(FromGlossary(g, ExportOptions{Locales: []string{"uk", "ru"}})), 0o644); err != nil {
		t.Fatal(err)
	}
	script := `
import json, sys
from translate.storage import tbx
f = tbx.tbxfile.parsefile(sys.argv[1])
json.dump([{"id": u.getid(), "source": u.source, "notes": u.getnotes()} for u in f.units], sys.stdout, ensure_ascii=False)
`
	out, err := exec.Command(python, "-c", script, path).Output()
	if err != nil {
		t.Fatalf("Translate Toolkit: %v\n%s", err, out)
	}
	var units []struct{ ID, Source, Notes string }
	if err := json.Unmarshal(out, &units); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(units) != len(g.Terms) {
		t.Fatalf("Translate Toolkit read %d entries, want %d", len(units), len(g.Terms))
	}
	for i, u := range units {
		term := g.Terms[i]
		// Translate Toolkit reads the notes of the entry and its terms,
		// l10n's markers among them, each once.
		var notes []string
		if term.Note != "" {
			notes = append(notes, term.Note)
		}
		if term.Strict {
			notes = append(notes, NoteStrict)
		}
		for _, f := range term.Locales {
			if len(f.Derived) > 0 && !slices.Contains(notes, NoteDerived) {
				notes = append(notes, NoteDerived)
			}
		}
		want := strings.Join(notes, "\n")
		if u.ID != term.ID || u.Source != term.EN[0] || u.Notes != want {
			t.Errorf("entry %d: got %+v, want %s %q %q", i, u, term.ID, term.EN[0], want)
		}
	}
}
