package pipelinetest_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/l10n-dev/l10n/internal/toolkit"
	"github.com/l10n-dev/l10n/pipeline/exchange"
	"github.com/l10n-dev/l10n/pipeline/extract"
	"github.com/l10n-dev/l10n/pipeline/glossary"
	"github.com/l10n-dev/l10n/pipeline/po"
	"github.com/l10n-dev/l10n/pipeline/project"
	"github.com/l10n-dev/l10n/pipeline/tbx"
	"github.com/l10n-dev/l10n/pipeline/xliff"
)

// TestExportOffersMemory: an XLIFF export gives a missing unit the
// memory's matches as <alt-trans match-quality> with the old source and
// its translation, a PO export as "#. tm" comments; a translation to
// review is exported unapproved. Importing the files as they are changes
// nothing; importing them with the unit translated takes it.
func TestExportOffersMemory(t *testing.T) {
	n := newNewsroom(t)
	n.write(project.ArticlePath("third"), "# Third\n\nThe tied hands of a Ukrainian prisoner of war kept at a position of the Wagner special forces unit.\n\nBy [Anton Zemlianyi](#)\n")
	n.extract(extract.Options{})
	data, err := exchange.Export(n.p, exchange.ExportOptions{Format: exchange.FormatXLIFF, Locale: "uk", Articles: []string{"third"}})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := xliff.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	var tied, byline *xliff.Unit
	for _, u := range doc.Files[0].Units {
		switch u.ID {
		case "p-the-tied-hands":
			tied = u
		case "p-by-anton-zemlianyi":
			byline = u
		}
	}
	if tied == nil || len(tied.AltTrans) != 1 {
		t.Fatalf("p-the-tied-hands: %+v", tied)
	}
	a := tied.AltTrans[0]
	if a.MatchQuality != 95 || a.Origin != seed+"/p-the-tied-hands" || a.TargetLang != "uk" ||
		!strings.Contains(a.Source.Markdown(), "Akhmat special forces") || !strings.HasPrefix(a.Target.Markdown(), "Звʼязані руки") {
		t.Errorf("alt-trans: %+v", a)
	}
	if byline == nil || byline.Approved != "" || byline.State != xliff.StateTranslated || len(byline.AltTrans) != 0 {
		t.Errorf("the byline to review: %+v", byline)
	}
	poData, err := exchange.Export(n.p, exchange.ExportOptions{Format: exchange.FormatPO, Locale: "uk", Articles: []string{"third"}, Date: time.Date(2024, 12, 3, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	pf, err := po.Parse(poData)
	if err != nil {
		t.Fatal(err)
	}
	var m *po.Message
	for _, x := range pf.Messages {
		if x.Msgctxt == "third/p-the-tied-hands" {
			m = x
		}
	}
	if m == nil || !slices.ContainsFunc(m.Extracted, func(s string) bool {
		return strings.HasPrefix(s, "tm 95%: The tied hands of a Ukrainian prisoner of war kept at a position of the Akhmat special forces unit. → Звʼязані руки")
	}) {
		t.Errorf("PO: %+v", m)
	}
	// Round trips.
	before := n.read(project.CatalogPath("third", "uk"))
	for _, f := range []exchange.ImportFile{{Name: "uk.xlf", Data: data}, {Name: "uk.po", Data: poData}} {
		res, err := exchange.Import(n.p, f)
		if err != nil {
			t.Fatal(err)
		}
		if res.Failed() || n.read(project.CatalogPath("third", "uk")) != before {
			t.Errorf("%s imported as exported changed the catalog: %+v", f.Name, res)
		}
	}
	translated := bytes.Replace(data, []byte(`<target state="needs-translation"></target>`+"\n        <context-group purpose=\"location\">\n          <context context-type=\"sourcefile\">articles/third.md</context>\n          <context context-type=\"linenumber\">3</context>"),
		[]byte(`<target state="translated">Звʼязані руки українського військовополоненого, якого утримують на позиції спецпідрозділу «Вагнер».</target>`+"\n        <context-group purpose=\"location\">\n          <context context-type=\"sourcefile\">articles/third.md</context>\n          <context context-type=\"linenumber\">3</context>"), 1)
	if bytes.Equal(translated, data) {
		t.Fatalf("no target to fill in:\n%s", data)
	}
	if res, err := exchange.Import(n.p, exchange.ImportFile{Name: "uk.xlf", Data: translated}); err != nil || res.Failed() {
		t.Fatalf("import: %v %+v", err, res)
	}
	if e := n.catalog("third", "uk").Lookup("p-the-tied-hands"); !strings.Contains(e.Other, "«Вагнер»") {
		t.Errorf("imported: %q", e.Other)
	}
}

// TestGlossaryTBX: l10n glossary import adds the terms of Translate
// Toolkit's csv2tbx output to glossary.yaml — the file as it was stays
// byte for byte at its start, comments included — and reports the terms
// it has; glossary export writes a TBX whose every term comes back.
func TestGlossaryTBX(t *testing.T) {
	csv2tbx := toolkit.Command(t, "csv2tbx", "translate-toolkit")
	n := newNewsroom(t)
	dir := t.TempDir()
	in, out := filepath.Join(dir, "terms.csv"), filepath.Join(dir, "terms.tbx")
	csv := "\"source\",\"target\"\n\"Razumkov Centre\",\"Центр Разумкова\"\n\"ICRC\",\"МККЧ\"\n\"Kyiv School of Economics\",\"Київська школа економіки\"\n"
	if err := os.WriteFile(in, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	if msg, err := exec.Command(csv2tbx, "--progress=none", in, out).CombinedOutput(); err != nil {
		t.Fatalf("csv2tbx: %v\n%s", err, msg)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	old := n.read(project.GlossaryFile)
	dry, err := exchange.ImportGlossary(n.p, "terms.tbx", data, map[string]string{"xx": "uk"}, true)
	if err != nil || dry.Written || len(dry.Added) != 2 || n.read(project.GlossaryFile) != old {
		t.Fatalf("dry run: %v %+v", err, dry)
	}
	res, err := exchange.ImportGlossary(n.p, "terms.tbx", data, map[string]string{"xx": "uk"}, false)
	if err != nil {
		t.Fatal(err)
	}
	now := n.read(project.GlossaryFile)
	if !res.Written || !strings.HasPrefix(now, old) || !slices.Equal(res.Added, []string{"razumkov-centre", "kyiv-school-of-economics"}) {
		t.Fatalf("import: %+v\n%s", res, now[len(old):])
	}
	if len(res.Existing) != 1 || res.Existing[0].Glossary != "icrc" || !slices.Contains(res.Existing[0].Missing, "uk: МККЧ (the glossary forbids it)") {
		t.Errorf("existing: %+v", res.Existing)
	}
	g, err := glossary.Parse([]byte(now))
	if err != nil {
		t.Fatal(err)
	}
	if f := g.Term("razumkov-centre").Forms("uk"); f == nil || f.Approved[0].Text != "Центр Разумкова" {
		t.Errorf("razumkov-centre: %+v", f)
	}
	// Again: nothing to add, nothing written.
	if again, err := exchange.ImportGlossary(n.p, "terms.tbx", data, map[string]string{"xx": "uk"}, false); err != nil || again.Written || n.read(project.GlossaryFile) != now {
		t.Errorf("second import: %v %+v", err, again)
	}

	exported, err := exchange.ExportGlossary(n.p)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := tbx.Decode(exported)
	if err != nil {
		t.Fatal(err)
	}
	terms, problems := tbx.ToGlossary(doc, tbx.ImportOptions{Locales: n.p.Locales})
	if len(problems) != 0 || len(terms) != len(g.Terms) {
		t.Fatalf("%d terms back of %d; %v", len(terms), len(g.Terms), problems)
	}
	for i, term := range terms {
		if term.ID != g.Terms[i].ID {
			t.Errorf("term %d: %s, want %s", i, term.ID, g.Terms[i].ID)
		}
	}
	// A broken TBX is an input error naming the file, and nothing is
	// written.
	if _, err := exchange.ImportGlossary(n.p, "broken.tbx", []byte("<martif><text><body><termEntry>"), nil, false); err == nil || !strings.Contains(err.Error(), "broken.tbx") {
		t.Errorf("broken TBX: %v", err)
	}
	if n.read(project.GlossaryFile) != now {
		t.Error("a broken TBX changed the glossary")
	}
}

// TestImportConfirmsPrefill: a translation imported for a unit the
// memory pre-filled (# l10n:review) is the translator's confirmed work,
// as a save in the workbench is (both through project.Confirm): a new
// text drops the review line, and so does the pre-fill approved as it is
// (XLIFF's approved="yes"; in PO, the review comment deleted); the
// "#. tm:" line saying where it came from stays. A unit the file leaves
// as exported keeps its review line.
func TestImportConfirmsPrefill(t *testing.T) {
	for _, f := range []exchange.Format{exchange.FormatXLIFF, exchange.FormatPO} {
		t.Run(string(f), func(t *testing.T) {
			n := withSecond(t)
			n.extract(extract.Options{})
			before := n.catalog(second, "uk")
			for _, id := range []string{"p-by-anton-zemlianyi", "p-original-url", "p-the-views-expressed"} {
				if e := before.Lookup(id); !project.NeedsReview(e) {
					t.Fatalf("%s is not a pre-fill to review: %q", id, e.Comments)
				}
			}
			data, err := exchange.Export(n.p, exchange.ExportOptions{Format: f, Locale: "uk", Articles: []string{second}, Date: time.Date(2024, 12, 3, 0, 0, 0, 0, time.UTC)})
			if err != nil {
				t.Fatal(err)
			}
			// The byline gets the translator's own words; the
			// original-url line is approved as it is.
			edited := bytes.Replace(data, []byte("Автор: "), []byte("Текст: "), 1)
			if f == exchange.FormatXLIFF {
				edited = bytes.Replace(edited, []byte(`<trans-unit id="p-original-url"`), []byte(`<trans-unit id="p-original-url" approved="yes"`), 1)
			} else {
				pf, err := po.Parse(edited)
				if err != nil {
					t.Fatal(err)
				}
				for _, m := range pf.Messages {
					if strings.HasSuffix(m.Msgctxt, "/p-original-url") {
						m.Comments = slices.DeleteFunc(m.Comments, func(c string) bool { return strings.Contains(c, "l10n:review") })
					}
				}
				edited = po.Encode(pf)
			}
			if bytes.Equal(edited, data) {
				t.Fatal("the edits changed nothing")
			}
			res, err := exchange.Import(n.p, exchange.ImportFile{Name: "uk" + f.Ext(), Data: edited})
			if err != nil || res.Failed() {
				t.Fatalf("import: %v %v", err, res.Findings)
			}
			after := n.catalog(second, "uk")
			for _, tc := range []struct {
				id     string
				text   string
				review bool
			}{
				{"p-by-anton-zemlianyi", "Текст: [Антон Земляний](#)", false},
				{"p-original-url", before.Lookup("p-original-url").Other, false},
				{"p-the-views-expressed", before.Lookup("p-the-views-expressed").Other, true},
			} {
				e := after.Lookup(tc.id)
				if e.Other != tc.text || project.NeedsReview(e) != tc.review {
					t.Errorf("%s: %q, review %v (%q); want %q, review %v", tc.id, e.Other, project.NeedsReview(e), e.Comments, tc.text, tc.review)
				}
				if !slices.Equal(memoryLines(e), memoryLines(before.Lookup(tc.id))) {
					t.Errorf("%s: memory notes %q, were %q", tc.id, memoryLines(e), memoryLines(before.Lookup(tc.id)))
				}
			}
			toReview := 0
			for _, e := range before.Entries {
				if project.NeedsReview(e) {
					toReview++
				}
			}
			rows := n.status(project.Selection{Articles: []string{second}, Locales: []string{"uk"}})
			if rows[0].Review != toReview-2 {
				t.Errorf("status: %d to review, want %d", rows[0].Review, toReview-2)
			}
		})
	}
}
