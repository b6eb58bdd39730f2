package exchange

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/l10n-dev/l10n/internal/corpus"
	"github.com/l10n-dev/l10n/internal/stage"
	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/extract"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// TestImportUnit runs one unit of an exported file, edited as a
// translator or a CAT tool edits it, through import: what the catalog
// holds after it, the unit's outcome and message, and what import
// reports — for the edits no other test makes (mutation testing of
// importUnit: each case fails with one of its changes that the other
// exchange, workflow and CLI tests passed with).
func TestImportUnit(t *testing.T) {
	const datePrev = "November 25, 2024"
	date := func(lines string) func(string) string {
		// lines go right above the date unit's msgctxt; its msgstr
		// becomes another way to write the date.
		return func(data string) string {
			data = exReplace(t, data, `msgctxt "`+seedSlug+"/"+exDateID+`"`, lines+`msgctxt "`+seedSlug+"/"+exDateID+`"`)
			return exReplace(t, data, `msgstr "`+exDateText+`"`, `msgstr "26 листопада 2024 р."`)
		}
	}
	tests := []struct {
		name     string
		format   Format
		noBase   bool // the file's l10n:base lines stripped
		edit     func(data string) string
		id       string
		outcome  string
		message  string // in the outcome's message
		whole    bool   // message is the whole of it
		other    string // the catalog's translation after
		hash     string // and its hash, when set
		previous string // and its previous English
		finding  string // a finding of this unit's, when set: "error: …" or "warning: …"
		written  bool
	}{
		{
			// Spaces are no translation: the catalog's stays.
			name: "a translation of spaces", format: FormatPO,
			edit: func(d string) string { return exReplace(t, d, `msgstr "`+exOrig+`"`, `msgstr "  "`) },
			id:   exOrigID, outcome: OutcomeEmpty, other: exOrig,
		},
		{
			name: "a translation of spaces", format: FormatXLIFF,
			edit: func(d string) string { return exReplace(t, d, ">"+exOrig+"</target>", ">  </target>") },
			id:   exOrigID, outcome: OutcomeEmpty, other: exOrig,
		},
		{
			// A PO translation that is its source is a translation the
			// content checks judge (here: not imported, and said so),
			// not the empty copy a CAT tool makes of an untranslated
			// XLIFF unit.
			name: "the source as the translation", format: FormatPO,
			edit: func(d string) string {
				return exReplace(t, d, `msgstr "**Михайло Терещенко / ТАСС**"`, `msgstr "**Mikhail Tereshchenko / TASS**"`)
			},
			id: "p-mikhail-tereshchenko-tass", outcome: OutcomeFailed, other: "**Михайло Терещенко / ТАСС**",
			finding: "error: not imported: [unchanged]",
		},
		{
			// A new translation's warnings are reported; it is taken.
			name: "a translation with a warning", format: FormatPO,
			edit: func(d string) string {
				return exReplace(t, d, `msgstr "`+exOrig+`"`, `msgstr "Оригінал оригінал статті:"`)
			},
			id: exOrigID, outcome: OutcomeTaken, other: "Оригінал оригінал статті:", written: true,
			finding: "warning: [doubled]",
		},
		{
			// An inline code the source does not have: not imported.
			name: "an XLIFF target with a code of its own", format: FormatXLIFF,
			edit: func(d string) string {
				return exReplace(t, d, ">"+exOrig+"</target>", `>Оригінал <x id="99"/>статті:</target>`)
			},
			id: exOrigID, outcome: OutcomeFailed, other: exOrig, finding: "error: not imported: ",
		},
		{
			// Fuzzy, with the English it was made from: stale against
			// that English, which extract shows.
			name: "fuzzy with its previous English", format: FormatPO,
			edit: date("#, fuzzy\n#| msgid \"" + datePrev + "\"\n"),
			id:   exDateID, outcome: OutcomeTaken, message: "to review (stale)",
			other: "26 листопада 2024 р.", hash: catalog.Hash("Paragraph", datePrev), previous: datePrev, written: true,
		},
		{
			// Fuzzy with the current English as its previous: to review
			// still, as a fuzzy entry without one.
			name: "fuzzy with the current English as previous", format: FormatPO,
			edit: date("#, fuzzy\n#| msgid \"November 26, 2024\"\n"),
			id:   exDateID, outcome: OutcomeTaken, message: "to review (stale)",
			other: "26 листопада 2024 р.", hash: catalog.Hash("Paragraph", ""), written: true,
		},
		{
			// Without a base, a changed translation is taken, and the
			// message says why it was not merged three ways.
			name: "a translation without a base", format: FormatPO, noBase: true,
			edit: date(""),
			id:   exDateID, outcome: OutcomeTaken, message: "(the file has no " + baseDirective + " line)",
			other: "26 листопада 2024 р.", hash: catalog.Hash("Paragraph", "November 26, 2024"), written: true,
		},
		{
			// With a base, the message says nothing of one.
			name: "a translation with a base", format: FormatPO,
			edit: date(""),
			id:   exDateID, outcome: OutcomeTaken, message: "the file's translation replaces the catalog's", whole: true,
			other: "26 листопада 2024 р.", hash: catalog.Hash("Paragraph", "November 26, 2024"), written: true,
		},
		{
			// An untouched file without a base changes nothing.
			name: "an untouched file without a base", format: FormatPO, noBase: true,
			edit: func(d string) string { return d },
			id:   exDateID, outcome: OutcomeUnchanged, other: exDateText,
		},
	}
	for _, tt := range tests {
		t.Run(string(tt.format)+"/"+tt.name, func(t *testing.T) {
			p := exSeed(t)
			data := exExport(t, p, tt.format, "uk")
			if tt.noBase {
				data = exStripBase(t, data)
			}
			data = []byte(tt.edit(string(data)))
			before := corpus.Files(t, p.Root)
			res, err := Import(p, ImportFile{Name: exName(tt.format, "uk"), Data: data})
			if err != nil {
				t.Fatal(err)
			}
			o := exOutcome(t, res, tt.id)
			if o.Outcome != tt.outcome || !strings.Contains(o.Message, tt.message) {
				t.Errorf("outcome %s %q, want %s with %q", o.Outcome, o.Message, tt.outcome, tt.message)
			}
			if tt.whole && o.Message != tt.message {
				t.Errorf("message %q, want %q", o.Message, tt.message)
			}
			e := exEntry(t, p, "uk", tt.id)
			if e.Other != tt.other || tt.hash != "" && e.Hash != tt.hash || e.Previous != tt.previous {
				t.Errorf("catalog entry %q hash %s previous %q; want %q %s %q", e.Other, e.Hash, e.Previous, tt.other, tt.hash, tt.previous)
			}
			var found []string
			for _, f := range res.Findings {
				if f.Unit == tt.id {
					found = append(found, f.Severity.String()+": "+f.Message)
				}
			}
			if tt.finding == "" && len(found) > 0 || tt.finding != "" && !slices.ContainsFunc(found, func(f string) bool { return strings.HasPrefix(f, tt.finding) }) {
				t.Errorf("findings %q, want one that starts %q", found, tt.finding)
			}
			if tt.finding != "" && strings.HasPrefix(tt.finding, "error") != hasError(res.Findings) {
				t.Errorf("findings %v: an error is %v", res.Findings, !hasError(res.Findings))
			}
			if got := len(res.Written) > 0; got != tt.written {
				t.Errorf("written %v, want %v", res.Written, tt.written)
			}
			if !tt.written {
				exSameTree(t, "an import that changes nothing", before, corpus.Files(t, p.Root))
			}
		})
	}
}

// TestImportFrontMatterWithoutBase imports an untouched export of an
// article's front matter without its base lines: a block scalar's
// translation travels without the line break it ends with in the
// catalog, and comes back as the same translation — nothing changes.
func TestImportFrontMatterWithoutBase(t *testing.T) {
	for _, f := range exchangeFormats {
		t.Run(string(f), func(t *testing.T) {
			p := exPseudo(t)
			// The summary translated as a block scalar that keeps its
			// last line break (YAML's "|"), as a translator writes it.
			a, err := p.LoadArticle("front-matter")
			if err != nil {
				t.Fatal(err)
			}
			cat, snap, err := p.TargetFile(a, "uk")
			if err != nil {
				t.Fatal(err)
			}
			const summary = "summary-a-block-summary"
			cat.Lookup(summary).Other = "Підсумок у блоці\nна два рядки.\n"
			w := stage.File{Rel: project.CatalogPath("front-matter", "uk"), Data: cat.Encode(project.TargetHeader("front-matter", "uk"), exNotes(t, p, a, "uk")), Snap: snap}
			if _, err := stage.Files(p.Root, []stage.File{w}); err != nil {
				t.Fatal(err)
			}
			if back, _, err := p.ReadCatalog(w.Rel); err != nil || back.Lookup(summary).Other != "Підсумок у блоці\nна два рядки.\n" {
				t.Fatalf("the summary's translation does not read back: %v", err)
			}
			before := corpus.Files(t, p.Root)
			res, err := Import(p, ImportFile{Name: exName(f, "uk"), Data: exStripBase(t, exExport(t, p, f, "uk"))})
			if err != nil {
				t.Fatal(err)
			}
			if res.Updated > 0 || len(res.Written) > 0 || res.Unchanged != res.Units {
				t.Errorf("%d of %d units unchanged, %d updated, wrote %v", res.Unchanged, res.Units, res.Updated, res.Written)
			}
			exSameTree(t, "an untouched import without base lines", before, corpus.Files(t, p.Root))
		})
	}
}

// TestImportFrontMatterSourceChanged: a block scalar's English and a
// plain one's changed after the export (the block's hash in the catalog
// is of the English with its line break, which the file's source has
// not; the plain one's of the English as it is); the untouched file
// leaves every unit unchanged, none a catalog "changed since the export".
func TestImportFrontMatterSourceChanged(t *testing.T) {
	for _, f := range exchangeFormats {
		t.Run(string(f), func(t *testing.T) {
			p := exPseudo(t)
			data := exExport(t, p, f, "uk")
			art := p.Abs(project.ArticlePath("front-matter"))
			src, err := os.ReadFile(art)
			if err != nil {
				t.Fatal(err)
			}
			edited := exReplace(t, exReplace(t, string(src), "on two lines.", "on two lines, edited."), `a \"quoted\" title`, `a \"quoted\" title, edited`)
			if err := os.WriteFile(art, []byte(edited), 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := Import(p, ImportFile{Name: exName(f, "uk"), Data: data})
			if err != nil {
				t.Fatal(err)
			}
			for _, o := range res.Outcomes {
				if o.Outcome != OutcomeUnchanged {
					t.Errorf("%s: outcome %s %q, want unchanged", o.Unit, o.Outcome, o.Message)
				}
			}
			if len(res.Outcomes) < 5 {
				t.Errorf("%d outcomes", len(res.Outcomes))
			}
		})
	}
}

// TestImportLocale maps the locale an exchange file names to a catalog's.
func TestImportLocale(t *testing.T) {
	p := &project.Project{Root: t.TempDir(), Source: "en", Locales: []string{"uk", "pt-BR", "pt-PT"}}
	// A catalog of a locale the project no longer lists.
	corpus.WriteFiles(t, p.Root, map[string]string{project.CatalogPath("a", "de"): "p-1:\n  other: Text\n"})
	tests := []struct{ file, want, err string }{
		{"uk", "uk", ""},
		{"UK", "uk", ""},
		{"uk_UA", "uk", ""},    // one Ukrainian locale in the project
		{"pt_BR", "pt-BR", ""}, // gettext's spelling of one of two Portuguese
		{"pt-pt", "pt-PT", ""},
		{"pt", "", "locale pt is not one of the project's (uk, pt-BR, pt-PT)"},
		{"de", "de", ""}, // the article has a catalog for it
		{"fr", "", "locale fr is not one of the project's"},
		{"en", "", "en is the source locale"},
		{"en_US", "", "en-US is the source language (en), not a target locale: import translations into one of uk, pt-BR, pt-PT"},
		{"EN", "", "EN is the source locale"},
		{"", "", "the file names no target language"},
		{"not a locale", "", "not a locale"},
	}
	for _, tt := range tests {
		got, err := importLocale(p, "a", tt.file)
		if got != tt.want || (err == nil) != (tt.err == "") || err != nil && !strings.Contains(err.Error(), tt.err) {
			t.Errorf("importLocale(%q) = %q, %v; want %q, %q", tt.file, got, err, tt.want, tt.err)
		}
	}
}

// TestImportFuzzyHardBreak: a stale unit whose earlier English had a hard
// line break (two spaces, which the catalog's "#|" lines drop, so the
// export's previous msgid has none) comes back fuzzy with a revised
// translation: the entry stays on the English it was made from, spaces
// and all — not on the previous msgid's text, which no version had.
func TestImportFuzzyHardBreak(t *testing.T) {
	const was, now = "Line one  \nLine two.", "Line one  \nLine two, edited."
	root := t.TempDir()
	write := func(rel, data string) { corpus.WriteFiles(t, root, map[string]string{rel: data}) }
	write(project.ConfigFile, "source: en\nlocales: [uk]\n")
	write(project.ArticlePath("a"), was+"\n")
	p, err := project.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := extract.Run(p, extract.Options{}); err != nil {
		t.Fatal(err)
	}
	hash := catalog.Hash("Paragraph", was)
	write(project.CatalogPath("a", "uk"), "p-line-one-line:\n  hash: "+hash+"\n  other: \"Рядок один  \\nрядок два.\"\n")
	write(project.ArticlePath("a"), now+"\n")
	if _, err := extract.Run(p, extract.Options{}); err != nil {
		t.Fatal(err)
	}
	data := string(exExport(t, p, FormatPO, "uk"))
	data = exReplace(t, data, `msgstr ""`+"\n"+`"Рядок один  \n"`+"\n"+`"рядок два."`, `msgstr ""`+"\n"+`"Рядок один  \n"`+"\n"+`"рядок два, виправлений."`)
	res, err := Import(p, ImportFile{Name: "uk.po", Data: []byte(data)})
	if err != nil {
		t.Fatal(err)
	}
	f, _, err := p.ReadCatalog(project.CatalogPath("a", "uk"))
	if err != nil {
		t.Fatal(err)
	}
	if e := f.Lookup("p-line-one-line"); e == nil || e.Other != "Рядок один  \nрядок два, виправлений." || e.Hash != hash {
		t.Errorf("after the import: %+v (outcomes %v); want the revised translation on %s", e, res.Outcomes, hash)
	}
}
