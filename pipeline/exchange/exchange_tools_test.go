package exchange

import (
	"errors"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/l10n-dev/l10n/internal/corpus"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// The three-way case every CAT tool test plays: while the file is out,
// the desk corrects one unit (exOrigID) and another (exDateID) that the
// translator also changes; the translator changes a third (exTiedID).
const (
	exTiedID         = "p-the-tied-hands"
	exTied           = "якого утримують"
	exTiedTranslator = "якого тримають"
	exDeskOrig       = "Оригінал статті (правка редактора):"
	exDeskDate       = "26 листопада 2024 р."
	exCATDate        = "26.11.2024 року"
)

// exDesk makes the desk's corrections in the catalog.
func exDesk(t *testing.T, p *project.Project) {
	t.Helper()
	exEditCatalog(t, p, "uk", "other: '"+exOrig+"'", "other: '"+exDeskOrig+"'")
	exEditCatalog(t, p, "uk", "other: "+exDateText, "other: "+exDeskDate)
}

// exTranslatorEdits makes the translator's edits in the text of a PO or
// XLIFF file (msgstr or target).
func exTranslatorEdits(t *testing.T, data string) string {
	t.Helper()
	data = exReplace(t, data, exDateText, exCATDate)
	return exReplace(t, data, exTied, exTiedTranslator)
}

// exCheckMerged imports a file that went through a CAT tool and checks
// the three-way outcome: every unit has its base, the desk's correction
// is kept, the translator's edit is taken, and the unit both changed is a
// conflict that keeps the desk's text. The other units are unchanged, or
// taken as stale when fuzzy says the tool marked them for review.
func exCheckMerged(t *testing.T, p *project.Project, name string, data []byte, fuzzy bool) {
	t.Helper()
	res, err := Import(p, ImportFile{Name: name, Data: data})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range res.Outcomes {
		if !o.Base {
			t.Errorf("%s lost its base", o.Unit)
		}
	}
	want := map[string]string{exOrigID: OutcomeKept, exDateID: OutcomeConflict, exTiedID: OutcomeTaken}
	for _, o := range res.Outcomes {
		w := want[o.Unit]
		switch {
		case w == "" && fuzzy:
			w = OutcomeTaken
		case w == "":
			w = OutcomeUnchanged
		}
		if o.Outcome != w {
			t.Errorf("%s: %s, want %s (%s)", o.Unit, o.Outcome, w, o.Message)
		}
	}
	if !res.Failed() || res.Conflicts != 1 {
		t.Errorf("the conflict is not reported: %+v", res.Findings)
	}
	if e := exEntry(t, p, "uk", exOrigID); e.Other != exDeskOrig {
		t.Errorf("%s: %q, want the desk's %q", exOrigID, e.Other, exDeskOrig)
	}
	if e := exEntry(t, p, "uk", exDateID); e.Other != exDeskDate || len(project.Conflicts(e)) != 1 || !strings.Contains(e.Comments[0], exCATDate) {
		t.Errorf("%s: %q %q, want the desk's %q and the file's in a conflict comment", exDateID, e.Other, e.Comments, exDeskDate)
	}
	if e := exEntry(t, p, "uk", exTiedID); !strings.Contains(e.Other, exTiedTranslator) {
		t.Errorf("%s: %q, want the translator's edit", exTiedID, e.Other)
	}
}

// TestThreeWayThroughTranslateToolkit passes exports through Translate
// Toolkit the ways a PO-based workflow does: a translator's PO merged
// back into the export with pomerge; an XLIFF converted with xliff2po,
// edited, and merged back with pomerge; a PO converted with po2xliff for
// an XLIFF tool, converted back with xliff2po and merged with pomerge.
// pomerge keeps the template's l10n:base lines, so each import merges
// three ways. A conversion without the template loses msgctxt (and the
// <file> names): import refuses it, and nothing is written.
func TestThreeWayThroughTranslateToolkit(t *testing.T) {
	pomerge := exTool(t, "pomerge", "translate-toolkit")
	xliff2po := exTool(t, "xliff2po", "translate-toolkit")
	po2xliff := exTool(t, "po2xliff", "translate-toolkit")
	at := func(dir, name string) string { return filepath.Join(dir, name) }
	writeFile := func(path string, data []byte) {
		t.Helper()
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	readFile := func(path string) []byte {
		t.Helper()
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	t.Run("po pomerge", func(t *testing.T) {
		p, dir := exSeed(t), t.TempDir()
		export := exExport(t, p, FormatPO, "uk")
		writeFile(at(dir, "uk.po"), export)
		writeFile(at(dir, "translator.po"), []byte(exTranslatorEdits(t, string(export))))
		exDesk(t, p)
		exRun(t, pomerge, "--progress=none", "-t", at(dir, "uk.po"), "-i", at(dir, "translator.po"), "-o", at(dir, "merged.po"))
		exCheckMerged(t, p, "merged.po", readFile(at(dir, "merged.po")), false)
	})
	t.Run("xliff xliff2po pomerge", func(t *testing.T) {
		p, dir := exSeed(t), t.TempDir()
		writeFile(at(dir, "uk.xlf"), exExport(t, p, FormatXLIFF, "uk"))
		exRun(t, xliff2po, "--progress=none", at(dir, "uk.xlf"), at(dir, "uk.po"))
		writeFile(at(dir, "translator.po"), []byte(exTranslatorEdits(t, string(readFile(at(dir, "uk.po"))))))
		exDesk(t, p)
		exRun(t, pomerge, "--progress=none", "-t", at(dir, "uk.xlf"), "-i", at(dir, "translator.po"), "-o", at(dir, "merged.xlf"))
		exCheckMerged(t, p, "merged.xlf", readFile(at(dir, "merged.xlf")), false)
	})
	t.Run("po po2xliff xliff2po pomerge", func(t *testing.T) {
		p, dir := exSeed(t), t.TempDir()
		writeFile(at(dir, "uk.po"), exExport(t, p, FormatPO, "uk"))
		exRun(t, po2xliff, "--progress=none", at(dir, "uk.po"), at(dir, "uk.xlf"))
		writeFile(at(dir, "translator.xlf"), []byte(exTranslatorEdits(t, string(readFile(at(dir, "uk.xlf"))))))
		exRun(t, xliff2po, "--progress=none", at(dir, "translator.xlf"), at(dir, "translator.po"))
		exDesk(t, p)
		before := corpus.Files(t, p.Root)
		// Without the template: no msgctxt, refused.
		_, err := Import(p, ImportFile{Name: "translator.po", Data: readFile(at(dir, "translator.po"))})
		var ie *project.InputError
		if !errors.As(err, &ie) || !strings.Contains(err.Error(), "msgctxt") {
			t.Errorf("xliff2po output without a template: %v", err)
		}
		exSameTree(t, "a refused file", before, corpus.Files(t, p.Root))
		// pomerge matches the entries by msgid alone and marks each
		// fuzzy, since its context differs: the untouched units come
		// back to review.
		exRun(t, pomerge, "--progress=none", "-t", at(dir, "uk.po"), "-i", at(dir, "translator.po"), "-o", at(dir, "merged.po"))
		exCheckMerged(t, p, "merged.po", readFile(at(dir, "merged.po")), true)
	})
}

// exOmegaTProject is the project file of an OmegaT project translating
// English into Ukrainian, one paragraph a segment.
const exOmegaTProject = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>source</source_dir>
    <source_dir_excludes/>
    <target_dir>target</target_dir>
    <tm_dir>tm</tm_dir>
    <glossary_dir>glossary</glossary_dir>
    <glossary_file>glossary/glossary.txt</glossary_file>
    <dictionary_dir>dictionary</dictionary_dir>
    <source_lang>en</source_lang>
    <target_lang>uk</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.DefaultTokenizer</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
`

// exOmegaT translates an exported file with OmegaT in console mode, as a
// translator's OmegaT project would: the translations the translator
// entered are the project's memory (omegat/project_save.tmx, segment →
// translation), and console-translate writes the target file. It returns
// the translated file.
func exOmegaT(t *testing.T, omegat, name string, data []byte, segments map[string]string) []byte {
	t.Helper()
	dir := t.TempDir()
	for _, sub := range []string{"source", "target", "tm", "glossary", "dictionary", "omegat", "config"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	var tmx strings.Builder
	tmx.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext" creationtoolversion="3.6.0" segtype="paragraph" srclang="en"/>
  <body>
`)
	for src, tgt := range segments {
		tmx.WriteString("    <tu>\n      <tuv lang=\"en\"><seg>" + html.EscapeString(src) + "</seg></tuv>\n      <tuv lang=\"uk\"><seg>" + html.EscapeString(tgt) + "</seg></tuv>\n    </tu>\n")
	}
	tmx.WriteString("  </body>\n</tmx>\n")
	files := map[string]string{
		"omegat.project":              exOmegaTProject,
		"omegat/project_save.tmx":     tmx.String(),
		filepath.Join("source", name): string(data),
	}
	for rel, content := range files {
		if err := os.WriteFile(filepath.Join(dir, rel), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	exRun(t, omegat, "--mode=console-translate", "--config-dir="+filepath.Join(dir, "config"), dir)
	out, err := os.ReadFile(filepath.Join(dir, "target", name))
	if err != nil {
		t.Fatalf("OmegaT wrote no target file: %v", err)
	}
	return out
}

// TestThreeWayThroughOmegaT translates exports in OmegaT (console mode,
// headless): its PO filter translates msgid, its XLIFF filter the content
// of <target> (the current translation); both keep the l10n:base lines,
// so each import merges three ways.
func TestThreeWayThroughOmegaT(t *testing.T) {
	omegat := exTool(t, "omegat", "omegat")
	tied := exEntry(t, exSeed(t), "uk", exTiedID).Other
	for _, f := range exchangeFormats {
		t.Run(string(f), func(t *testing.T) {
			p := exSeed(t)
			data := exExport(t, p, f, "uk")
			exDesk(t, p)
			segments := map[string]string{}
			newTied := strings.Replace(tied, exTied, exTiedTranslator, 1)
			if f == FormatPO {
				segments["November 26, 2024"] = exCATDate
				segments["The tied hands of a Ukrainian prisoner of war kept at a position of the Akhmat special forces unit."] = newTied
			} else {
				segments[exDateText] = exCATDate
				segments[tied] = newTied
			}
			exCheckMerged(t, p, exName(f, "uk"), exOmegaT(t, omegat, exName(f, "uk"), data, segments), false)
		})
	}
}
