package exchange

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/l10n-dev/l10n/internal/corpus"
	"github.com/l10n-dev/l10n/pipeline/check"
	"github.com/l10n-dev/l10n/pipeline/extract"
	"github.com/l10n-dev/l10n/pipeline/lint"
	"github.com/l10n-dev/l10n/pipeline/project"
	"github.com/l10n-dev/l10n/pipeline/status"
)

// The units the three-way tests edit: plain text in the seed, so that the
// same replacement works in the catalog, in a PO msgstr and in an XLIFF
// target.
const (
	exOrigID   = "p-original-url"
	exOrig     = "Оригінал статті:"
	exDateID   = "p-november-26-2024"
	exDateText = "26 листопада 2024 року"
)

// exReplace replaces old, which must occur exactly once, in a file of the
// project (as an editor saves it) or in exported data.
func exReplace(t *testing.T, data, old, new string) string {
	t.Helper()
	if n := strings.Count(data, old); n != 1 {
		t.Fatalf("%q occurs %d times, want once", old, n)
	}
	return strings.Replace(data, old, new, 1)
}

// exEditCatalog edits the seed's catalog for loc in place, as an editor
// would in a text editor.
func exEditCatalog(t *testing.T, p *project.Project, loc, old, new string) {
	t.Helper()
	path := filepath.Join(p.Root, project.CatalogPath(seedSlug, loc))
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(exReplace(t, string(data), old, new)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// exOutcome returns the outcome of a unit in an import result.
func exOutcome(t *testing.T, res *ImportResult, id string) ImportOutcome {
	t.Helper()
	for _, o := range res.Outcomes {
		if o.Unit == id {
			return o
		}
	}
	t.Fatalf("no outcome for %s in %+v", id, res.Outcomes)
	return ImportOutcome{}
}

// exUnitComment adds a translator comment to a unit of an exported file:
// a "# " line above the PO entry, an XLIFF translator note.
func exUnitComment(t *testing.T, f Format, data, id, text string) string {
	t.Helper()
	if f == FormatPO {
		ctx := `msgctxt "` + seedSlug + "/" + id + `"`
		return exReplace(t, data, ctx, "# "+text+"\n"+ctx)
	}
	i := strings.Index(data, `<trans-unit id="`+id+`"`)
	j := strings.Index(data[i:], "</trans-unit>")
	if i < 0 || j < 0 {
		t.Fatalf("no unit %s", id)
	}
	return data[:i+j] + `  <note from="translator">` + text + "</note>\n      " + data[i+j:]
}

// TestImportThreeWay runs the newsroom's case for both formats: a file is
// out with a translator while the desk keeps correcting the catalog.
func TestImportThreeWay(t *testing.T) {
	const (
		editor     = "Оригінал статті (правка редактора):"
		translator = "Першоджерело:"
	)
	for _, f := range exchangeFormats {
		name := exName(f, "uk")
		t.Run(string(f)+"/editor's correction kept", func(t *testing.T) {
			// The scenario: the file comes back with the unit
			// untouched; the editor's correction stays, with no
			// conflict and nothing written.
			p := exSeed(t)
			data := exExport(t, p, f, "uk")
			exEditCatalog(t, p, "uk", "other: '"+exOrig+"'", "other: '"+editor+"'")
			before := corpus.Files(t, p.Root)
			res, err := Import(p, ImportFile{Name: name, Data: data})
			if err != nil {
				t.Fatal(err)
			}
			if o := exOutcome(t, res, exOrigID); o.Outcome != OutcomeKept || !o.Base {
				t.Errorf("outcome %+v, want kept", o)
			}
			if res.Failed() || res.Kept != 1 || res.Unchanged != res.Units-1 || len(res.Written) > 0 {
				t.Errorf("result %+v", res)
			}
			exSameTree(t, "import of an untouched file", before, corpus.Files(t, p.Root))
			if e := exEntry(t, p, "uk", exOrigID); e.Other != editor {
				t.Errorf("catalog has %q, want the editor's %q", e.Other, editor)
			}
		})
		t.Run(string(f)+"/translator's edit taken", func(t *testing.T) {
			p := exSeed(t)
			data := exReplace(t, string(exExport(t, p, f, "uk")), exOrig, translator)
			exEditCatalog(t, p, "uk", "other: "+exDateText, "other: 26 листопада 2024 р.")
			res, err := Import(p, ImportFile{Name: name, Data: []byte(data)})
			if err != nil {
				t.Fatal(err)
			}
			if o := exOutcome(t, res, exOrigID); o.Outcome != OutcomeTaken {
				t.Errorf("outcome %+v, want taken", o)
			}
			if o := exOutcome(t, res, exDateID); o.Outcome != OutcomeKept {
				t.Errorf("outcome %+v, want kept", o)
			}
			if e := exEntry(t, p, "uk", exOrigID); e.Other != translator {
				t.Errorf("catalog has %q, want the translator's %q", e.Other, translator)
			}
			if e := exEntry(t, p, "uk", exDateID); e.Other != "26 листопада 2024 р." {
				t.Errorf("the editor's other edit is gone: %q", e.Other)
			}
		})
		t.Run(string(f)+"/conflict", func(t *testing.T) {
			p := exSeed(t)
			data := exReplace(t, string(exExport(t, p, f, "uk")), exOrig, translator)
			exEditCatalog(t, p, "uk", "other: '"+exOrig+"'", "other: '"+editor+"'")
			dry, err := ValidateImport(p, ImportFile{Name: name, Data: []byte(data)})
			if err != nil {
				t.Fatal(err)
			}
			res, err := Import(p, ImportFile{Name: name, Data: []byte(data)})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range []*ImportResult{dry, res} {
				if o := exOutcome(t, r, exOrigID); o.Outcome != OutcomeConflict {
					t.Errorf("outcome %+v, want conflict", o)
				}
				var named []string
				for _, fd := range r.Findings {
					if fd.Severity == check.Error {
						named = append(named, fd.Unit)
					}
				}
				if !r.Failed() || r.Conflicts != 1 || !slices.Equal(named, []string{exOrigID}) {
					t.Errorf("conflicts %d, errors on %v: the import must fail naming %s", r.Conflicts, named, exOrigID)
				}
			}
			e := exEntry(t, p, "uk", exOrigID)
			want := `# l10n:conflict ` + name + `: "` + translator + `"`
			if e.Other != editor || !slices.Contains(e.Comments, want) {
				t.Errorf("entry %q with comments %q; want the editor's text and %s", e.Other, e.Comments, want)
			}
			exConflictReported(t, p, 1)
			// Importing the file again adds no second comment.
			if _, err := Import(p, ImportFile{Name: name, Data: []byte(data)}); err != nil {
				t.Fatal(err)
			}
			if e := exEntry(t, p, "uk", exOrigID); len(project.Conflicts(e)) != 1 {
				t.Errorf("comments after a second import: %q", e.Comments)
			}
			// The translator resolves it: takes the file's text and
			// deletes the comment.
			exEditCatalog(t, p, "uk", want+"\n", "")
			exEditCatalog(t, p, "uk", "other: '"+editor+"'", "other: '"+translator+"'")
			exConflictReported(t, p, 0)
			res, err = Import(p, ImportFile{Name: name, Data: []byte(data)})
			if err != nil {
				t.Fatal(err)
			}
			if o := exOutcome(t, res, exOrigID); o.Outcome != OutcomeSame || res.Failed() {
				t.Errorf("after the resolution: %+v", o)
			}
		})
		t.Run(string(f)+"/both to the same text", func(t *testing.T) {
			p := exSeed(t)
			data := exReplace(t, string(exExport(t, p, f, "uk")), exOrig, translator)
			exEditCatalog(t, p, "uk", "other: '"+exOrig+"'", "other: '"+translator+"'")
			before := corpus.Files(t, p.Root)
			res, err := Import(p, ImportFile{Name: name, Data: []byte(data)})
			if err != nil {
				t.Fatal(err)
			}
			if o := exOutcome(t, res, exOrigID); o.Outcome != OutcomeSame || res.Failed() || len(res.Written) > 0 {
				t.Errorf("outcome %+v, wrote %v", o, res.Written)
			}
			exSameTree(t, "both changed to the same text", before, corpus.Files(t, p.Root))
		})
		t.Run(string(f)+"/without base: today's rules", func(t *testing.T) {
			// A file without l10n:base lines (another tool made it):
			// the file's translation is taken, as before three-way
			// merges, over the editor's.
			p := exSeed(t)
			data := exStripBase(t, []byte(exReplace(t, string(exExport(t, p, f, "uk")), exOrig, translator)))
			exEditCatalog(t, p, "uk", "other: "+exDateText, "other: 26 листопада 2024 р.")
			res, err := Import(p, ImportFile{Name: name, Data: data})
			if err != nil {
				t.Fatal(err)
			}
			if o := exOutcome(t, res, exOrigID); o.Outcome != OutcomeTaken || o.Base {
				t.Errorf("outcome %+v, want taken without base", o)
			}
			if o := exOutcome(t, res, exDateID); o.Outcome != OutcomeTaken || res.Failed() {
				t.Errorf("outcome %+v, want taken without base", o)
			}
			if e := exEntry(t, p, "uk", exDateID); e.Other != exDateText {
				t.Errorf("catalog has %q, want the file's %q", e.Other, exDateText)
			}
		})
		t.Run(string(f)+"/untranslated unit translated meanwhile", func(t *testing.T) {
			// Exported missing, translated in the catalog meanwhile,
			// returned empty: kept.
			p := exSeed(t)
			exEditCatalog(t, p, "uk", "other: '"+exOrig+"'", `other: ""`)
			data := exExport(t, p, f, "uk")
			exEditCatalog(t, p, "uk", `other: ""`, "other: '"+editor+"'")
			res, err := Import(p, ImportFile{Name: name, Data: data})
			if err != nil {
				t.Fatal(err)
			}
			if o := exOutcome(t, res, exOrigID); o.Outcome != OutcomeKept || len(res.Written) > 0 {
				t.Errorf("outcome %+v, wrote %v", o, res.Written)
			}
		})
		t.Run(string(f)+"/confirming a stale unit", func(t *testing.T) {
			// Exported stale (the English changed), confirmed in the
			// CAT tool with its text unchanged: a change of state only
			// the translator made, so it is taken.
			p := exSeed(t)
			art := filepath.Join(p.Root, project.ArticlePath(seedSlug))
			src, _ := os.ReadFile(art)
			os.WriteFile(art, []byte(exReplace(t, string(src), "November 26, 2024", "November 27, 2024")), 0o644)
			if _, err := extract.Run(p, extract.Options{}); err != nil {
				t.Fatal(err)
			}
			data := string(exExport(t, p, f, "uk"))
			if f == FormatPO {
				data = exReplace(t, data, "#, fuzzy\n", "")
			} else {
				data = exReplace(t, data, `<target state="needs-review-translation">`+exDateText, `<target state="translated">`+exDateText)
			}
			res, err := Import(p, ImportFile{Name: name, Data: []byte(data)})
			if err != nil {
				t.Fatal(err)
			}
			rows, _ := status.Run(p, project.Selection{Locales: []string{"uk"}})
			if o := exOutcome(t, res, exDateID); o.Outcome != OutcomeTaken || rows[0].Stale != 0 {
				t.Errorf("outcome %+v, status %+v", o, rows[0])
			}
		})
	}
}

// exConflictReported checks that status and check report n conflicts.
func exConflictReported(t *testing.T, p *project.Project, n int) {
	t.Helper()
	rows, err := status.Run(p, project.Selection{Locales: []string{"uk"}})
	if err != nil {
		t.Fatal(err)
	}
	if rows[0].Conflicts != n {
		t.Errorf("status: %d conflicts, want %d", rows[0].Conflicts, n)
	}
	rep, err := lint.Run(p, lint.Options{Locales: []string{"uk"}})
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, f := range rep.Findings {
		if f.Check == check.Conflict {
			found++
			if f.Severity != check.Error || f.Unit != exOrigID || f.Line == 0 || !strings.Contains(f.Message, "Першоджерело:") {
				t.Errorf("finding: %s", f)
			}
		}
		if f.Check == check.SuppressionCheck {
			t.Errorf("the conflict comment reads as a suppression: %s", f)
		}
	}
	if found != n {
		t.Errorf("check: %d conflict findings, want %d", found, n)
	}
}

// TestImportComments: translator comments merge three ways, and a
// comment added to the catalog after the export survives the import of a
// file that did not change the comments.
func TestImportComments(t *testing.T) {
	const (
		desk = "# checked against the print edition"
		cat  = "Translator's note: keep the colon."
	)
	for _, f := range exchangeFormats {
		name := exName(f, "uk")
		t.Run(string(f)+"/catalog comment survives", func(t *testing.T) {
			p := exSeed(t)
			data := exExport(t, p, f, "uk")
			exEditCatalog(t, p, "uk", exOrigID+":\n", desk+"\n"+exOrigID+":\n")
			before := corpus.Files(t, p.Root)
			res, err := Import(p, ImportFile{Name: name, Data: data})
			if err != nil {
				t.Fatal(err)
			}
			if o := exOutcome(t, res, exOrigID); o.Comments != OutcomeKept && o.Comments != OutcomeUnchanged {
				t.Errorf("comments %s", o.Comments)
			}
			if res.Updated > 0 || res.Unchanged != res.Units {
				t.Errorf("%d updated, %d unchanged of %d", res.Updated, res.Unchanged, res.Units)
			}
			exSameTree(t, "import of an untouched file", before, corpus.Files(t, p.Root))
		})
		t.Run(string(f)+"/file comment taken", func(t *testing.T) {
			p := exSeed(t)
			data := exUnitComment(t, f, string(exExport(t, p, f, "uk")), exOrigID, cat)
			res, err := Import(p, ImportFile{Name: name, Data: []byte(data)})
			if err != nil {
				t.Fatal(err)
			}
			if o := exOutcome(t, res, exOrigID); o.Comments != OutcomeTaken {
				t.Errorf("comments %s", o.Comments)
			}
			if e := exEntry(t, p, "uk", exOrigID); !slices.Equal(e.Comments, []string{"# " + cat}) {
				t.Errorf("comments %q", e.Comments)
			}
		})
		t.Run(string(f)+"/both added comments", func(t *testing.T) {
			p := exSeed(t)
			data := exUnitComment(t, f, string(exExport(t, p, f, "uk")), exOrigID, cat)
			exEditCatalog(t, p, "uk", exOrigID+":\n", desk+"\n"+exOrigID+":\n")
			res, err := Import(p, ImportFile{Name: name, Data: []byte(data)})
			if err != nil {
				t.Fatal(err)
			}
			if o := exOutcome(t, res, exOrigID); o.Comments != OutcomeMerged || res.Failed() {
				t.Errorf("comments %s", o.Comments)
			}
			if e := exEntry(t, p, "uk", exOrigID); !slices.Equal(e.Comments, []string{desk, "# " + cat}) {
				t.Errorf("comments %q", e.Comments)
			}
		})
	}
	t.Run("po/catalog entry emptied", func(t *testing.T) {
		// The entry lost its translation and its comment after the
		// export (its catalog made again): the file's comment, as
		// exported, comes back with the file.
		p := exSeed(t)
		exEditCatalog(t, p, "uk", exOrigID+":\n", desk+"\n"+exOrigID+":\n")
		data := exExport(t, p, FormatPO, "uk")
		exEditCatalog(t, p, "uk", desk+"\n", "")
		exEditCatalog(t, p, "uk", "other: '"+exOrig+"'", "other: ''")
		res, err := Import(p, ImportFile{Name: "uk.po", Data: data})
		if err != nil {
			t.Fatal(err)
		}
		if o := exOutcome(t, res, exOrigID); o.Comments != OutcomeTaken {
			t.Errorf("comments %s (%s)", o.Comments, o)
		}
		if e := exEntry(t, p, "uk", exOrigID); !slices.Equal(e.Comments, []string{desk}) {
			t.Errorf("comments %q, text %q", e.Comments, e.Other)
		}
	})
	t.Run("po/comment added to an emptied entry", func(t *testing.T) {
		// After the export an editor emptied the translation and said
		// why in a comment: the file, as exported, leaves the comment.
		p := exSeed(t)
		data := exExport(t, p, FormatPO, "uk")
		exEditCatalog(t, p, "uk", exOrigID+":\n", desk+"\n"+exOrigID+":\n")
		exEditCatalog(t, p, "uk", "other: '"+exOrig+"'", "other: ''")
		res, err := Import(p, ImportFile{Name: "uk.po", Data: data})
		if err != nil {
			t.Fatal(err)
		}
		if o := exOutcome(t, res, exOrigID); o.Comments != OutcomeKept && o.Comments != OutcomeUnchanged {
			t.Errorf("comments %s (%s)", o.Comments, o)
		}
		if e := exEntry(t, p, "uk", exOrigID); !slices.Equal(e.Comments, []string{desk}) {
			t.Errorf("comments %q, text %q", e.Comments, e.Other)
		}
	})
	t.Run("po/file deletes a comment", func(t *testing.T) {
		// A comment deleted in Poedit goes; one the catalog added
		// meanwhile would have stayed.
		p := exSeed(t)
		exEditCatalog(t, p, "uk", exOrigID+":\n", desk+"\n"+exOrigID+":\n")
		data := exReplace(t, string(exExport(t, p, FormatPO, "uk")), desk+"\n", "")
		if _, err := Import(p, ImportFile{Name: "uk.po", Data: []byte(data)}); err != nil {
			t.Fatal(err)
		}
		if e := exEntry(t, p, "uk", exOrigID); len(e.Comments) != 0 {
			t.Errorf("comments %q", e.Comments)
		}
	})
}

// TestImportBaseLine: a malformed l10n:base line is bad input naming the
// file and line, and nothing is written.
func TestImportBaseLine(t *testing.T) {
	for _, f := range exchangeFormats {
		p := exSeed(t)
		data := string(exExport(t, p, f, "uk"))
		bad := regexp.MustCompile(baseDirective+` [0-9a-f]+ [0-9a-f]+`).ReplaceAllLiteralString(data, baseDirective+" not-a-digest")
		before := corpus.Files(t, p.Root)
		_, err := Import(p, ImportFile{Name: exName(f, "uk"), Data: []byte(bad)})
		var ie *project.InputError
		if !errors.As(err, &ie) || ie.Line == 0 || !strings.Contains(err.Error(), "malformed l10n:base") {
			t.Errorf("%s: %v", f, err)
		}
		exSameTree(t, "a malformed base line", before, corpus.Files(t, p.Root))
	}
}

// TestConflictComment: the comment keeps the file's text exactly (line
// breaks, quotes, no-break spaces) on one line, readable, and reads back.
func TestConflictComment(t *testing.T) {
	for _, tt := range []struct{ file, text, want string }{
		{"uk.po", "Першоджерело:", `# l10n:conflict uk.po: "Першоджерело:"`},
		{"handoff/uk.xlf", "3\u00a0767 «полонених»", "# l10n:conflict uk.xlf: \"3\u00a0767 «полонених»\""},
		{"uk.po", "рядок\nі \"лапки\" \\", `# l10n:conflict uk.po: "рядок\nі \"лапки\" \\"`},
	} {
		got := project.ConflictComment(tt.file, tt.text)
		if got != tt.want {
			t.Errorf("project.ConflictComment(%q, %q) = %s, want %s", tt.file, tt.text, got, tt.want)
		}
		file, text, ok := project.ParseConflict(got)
		if !ok || file != filepath.Base(tt.file) || text != tt.text {
			t.Errorf("project.ParseConflict(%s) = %q, %q, %v", got, file, text, ok)
		}
	}
	for _, c := range []string{"# l10n:ignore typography — quoted", "# a note on l10n:conflict", "#l10n:conflicts"} {
		if _, _, ok := project.ParseConflict(c); ok {
			t.Errorf("%s reads as a conflict", c)
		}
	}
}

// TestParseBase reads base lines as the tools leave them: one a note, or
// among other lines of one note (po2xliff joins a PO entry's #. lines).
func TestParseBase(t *testing.T) {
	const line = "l10n:base 63c00ae14d2a ac65cbb9e4ee"
	for _, tt := range []struct {
		name  string
		notes []string
		ok    bool // a base found
		err   string
	}{
		{"none", []string{"Paragraph."}, false, ""},
		{"alone", []string{"Paragraph.", line}, true, ""},
		{"joined", []string{"Paragraph.\nglossary: x\n" + line}, true, ""},
		{"indented", []string{"  " + line + "  "}, true, ""},
		{"twice, same", []string{line, line}, true, ""},
		{"twice, different", []string{line, "l10n:base 000000000000 ac65cbb9e4ee"}, false, "two different"},
		{"tabs", []string{"l10n:base\t63c00ae14d2a\tac65cbb9e4ee"}, true, ""},
		{"short digest", []string{"l10n:base 63c00ae14d2a ac65"}, false, "malformed"},
		{"short first digest", []string{"l10n:base 63c0 ac65cbb9e4ee"}, false, "malformed"},
		{"not hex", []string{"l10n:base z3c00ae14d2a ac65cbb9e4ee"}, false, "malformed"},
		{"one digest", []string{"l10n:base 63c00ae14d2a"}, false, "malformed"},
		{"upper case", []string{"l10n:base 63C00AE14D2A AC65CBB9E4EE"}, false, "malformed"},
		{"another word", []string{"l10n:baseline 63c00ae14d2a ac65cbb9e4ee"}, false, ""},
	} {
		b, err := parseBase(tt.notes)
		switch {
		case tt.err != "":
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: err %v, want %q", tt.name, err, tt.err)
			}
		case err != nil || (b != nil) != tt.ok:
			t.Errorf("%s: %+v, %v", tt.name, b, err)
		case b != nil && b.String() != line:
			t.Errorf("%s: %s", tt.name, b)
		}
	}
}

// TestOutcomeString formats the lines of import --dry-run: the unit's
// place and outcome, then its message and what happened to its comments,
// either or both.
func TestOutcomeString(t *testing.T) {
	o := ImportOutcome{File: "uk.po", Line: 31, Outcome: OutcomeTaken, Article: "a", Unit: "p-x", Locale: "uk", Comments: OutcomeUnchanged}
	for _, tt := range []struct {
		message, comments, want string
	}{
		{"", OutcomeUnchanged, "uk.po:31: taken: a/p-x (uk)"},
		{"", "", "uk.po:31: taken: a/p-x (uk)"},
		{"the catalog changed too", OutcomeUnchanged, "uk.po:31: taken: a/p-x (uk): the catalog changed too"},
		{"", OutcomeMerged, "uk.po:31: taken: a/p-x (uk): comments merged"},
		{"the catalog changed too", OutcomeKept, "uk.po:31: taken: a/p-x (uk): the catalog changed too; comments kept"},
	} {
		o.Message, o.Comments = tt.message, tt.comments
		if got := o.String(); got != tt.want {
			t.Errorf("%+v:\n got %q\nwant %q", o, got, tt.want)
		}
	}
}
