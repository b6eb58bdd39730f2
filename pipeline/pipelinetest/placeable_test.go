package pipelinetest_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	speccorpus "github.com/l10n-dev/l10n/internal/corpus"
	"github.com/l10n-dev/l10n/pipeline/exchange"
	"github.com/l10n-dev/l10n/pipeline/extract"
	"github.com/l10n-dev/l10n/pipeline/lint"
	"github.com/l10n-dev/l10n/pipeline/project"
	"github.com/l10n-dev/l10n/pipeline/pseudo"
)

// TestPlaceables follows Hugo's shortcodes and a pattern of l10n.yaml
// through the pipeline: pseudo leaves them alone, check wants them
// unchanged, XLIFF makes them protected codes and PO shows them as is.
func TestPlaceables(t *testing.T) {
	const article = "Ask {{< param \"editor\" >}} for ticket JIRA-42 and read {{% ref \"faq.md\" %}}.\n"
	p, _ := corpusProject(t, []speccorpus.Example{{Name: "a", Markdown: article}}, "locales: [uk]\nplaceables:\n  - 'JIRA-[0-9]+'\n", "")
	if _, err := extract.Run(p, extract.Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := extract.Pseudo(p, project.Selection{}); err != nil {
		t.Fatal(err)
	}
	cat, err := os.ReadFile(filepath.Join(p.Root, project.CatalogPath("a", pseudo.Locale)))
	if err != nil {
		t.Fatal(err)
	}
	for _, keep := range []string{`{{< param "editor" >}}`, "JIRA-42", `{{% ref "faq.md" %}}`} {
		if !strings.Contains(string(cat), keep) {
			t.Errorf("pseudo changed %s:\n%s", keep, cat)
		}
	}
	xlf, err := exchange.Export(p, exchange.ExportOptions{Format: exchange.FormatXLIFF, Locale: "uk"})
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{`<ph id="1" ctype="x-placeable">{{&lt; param "editor" &gt;}}</ph>`, `<ph id="2" ctype="x-placeable">JIRA-42</ph>`} {
		if !strings.Contains(string(xlf), code) {
			t.Errorf("XLIFF lacks %s:\n%s", code, xlf)
		}
	}
	po, err := exchange.Export(p, exchange.ExportOptions{Format: exchange.FormatPO, Locale: "uk"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.ReplaceAll(string(po), "\"\n\"", ""), `msgid "Ask {{< param \"editor\" >}} for ticket JIRA-42 and read {{% ref \"faq.md\" %}}."`) {
		t.Errorf("PO does not show the unit as is:\n%s", po)
	}
	// A translation that translates a placeable.
	rel := filepath.Join(p.Root, project.CatalogPath("a", "uk"))
	uk, err := os.ReadFile(rel)
	if err != nil {
		t.Fatal(err)
	}
	tr := `Запитайте {{< param "редактор" >}} про квиток ЖИРА-42 і прочитайте {{% ref "faq.md" %}}.`
	if err := os.WriteFile(rel, []byte(strings.Replace(string(uk), "other: \"\"", "other: '"+tr+"'", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := lint.Run(p, lint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range rep.Findings {
		got = append(got, f.Message)
	}
	want := []string{
		`placeable "JIRA-42": source has 1, translation 0`,
		`placeable "{{< param \"editor\" >}}": source has 1, translation 0`,
		`placeable "{{< param \"редактор\" >}}": source has 0, translation 1`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
