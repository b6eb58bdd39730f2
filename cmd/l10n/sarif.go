package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/l10n-dev/l10n/pipeline/check"
)

// sarifRules are the checks as SARIF rules: id and a short description.
var sarifRules = []struct{ id, text string }{
	{check.Missing, "A unit has no translation."},
	{check.Stale, "The English changed since the unit was translated."},
	{check.Obsolete, "A catalog entry is no longer in the source."},
	{check.Glossary, "A translation breaks the glossary: an approved form missing, a forbidden form used, a keep-as-is name altered."},
	{check.Markup, "A translation lost or changed the source's links, emphasis, code or structure."},
	{check.Numbers, "A number of the source (in digits or words) is not in the translation in a valid local form."},
	{check.Dates, "A date or weekday of the source is not in the translation with the same day, month and year."},
	{check.Unchanged, "A translation is the English source unchanged."},
	{check.Untranslated, "A translation into a non-Latin script keeps a run of English words."},
	{check.Sentences, "A translation has fewer sentences than its source, and one seems left out."},
	{check.Consistency, "The same source text is translated differently elsewhere in the project."},
	{check.Spelling, "hunspell does not know a word of the translation."},
	{check.Doubled, "A word is written twice in a row."},
	{check.Length, "A translation is under half or over twice its source's length."},
	{check.Typography, "Quotes, apostrophes, spaces, dashes or the percent sign break the locale's typography."},
	{check.Conflict, "An import left a conflict to resolve (a # l10n:conflict comment)."},
	{check.SuppressionCheck, "A translator's l10n:ignore comment is malformed or silences nothing."},
}

// sarifWriter prints a SARIF 2.1.0 log with one run of l10n, one result
// a finding, each located at its catalog line, so that code scanning shows
// it on that line. It streams: the results are written as they come.
type sarifWriter struct {
	out io.Writer
	n   int
}

// sarifResult is a SARIF result.
type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations"`
	// PartialFingerprints tell code scanning a finding that moved to
	// another line is the same one.
	PartialFingerprints map[string]string `json:"partialFingerprints"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId"`
}

type sarifRegion struct {
	StartLine int `json:"startLine"`
}

func (w *sarifWriter) write(f check.Finding) error {
	if w.n == 0 {
		if err := w.open(); err != nil {
			return err
		}
	}
	idx := 0
	for i, r := range sarifRules {
		if r.id == f.Check {
			idx = i
		}
	}
	level := "note"
	switch f.Severity {
	case check.Error:
		level = "error"
	case check.Warning:
		level = "warning"
	}
	r := sarifResult{
		RuleID: f.Check, RuleIndex: idx, Level: level,
		Message:             sarifMessage{Text: f.Unit + ": " + f.Message},
		Locations:           []sarifLocation{{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: f.File, URIBaseID: "%SRCROOT%"}}}},
		PartialFingerprints: map[string]string{"l10nUnit/v1": f.File + "#" + f.Unit + "#" + f.Check},
	}
	if f.Line > 0 {
		r.Locations[0].PhysicalLocation.Region = &sarifRegion{StartLine: f.Line}
	}
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	sep := ",\n"
	if w.n == 0 {
		sep = "\n"
	}
	w.n++
	_, err = fmt.Fprintf(w.out, "%s        %s", sep, b)
	return err
}

// open writes the log up to the results.
func (w *sarifWriter) open() error {
	type rule struct {
		ID               string       `json:"id"`
		Name             string       `json:"name"`
		ShortDescription sarifMessage `json:"shortDescription"`
	}
	rules := make([]rule, len(sarifRules))
	for i, r := range sarifRules {
		rules[i] = rule{ID: r.id, Name: r.id, ShortDescription: sarifMessage{Text: r.text}}
	}
	driver := map[string]any{
		"name":           "l10n",
		"informationUri": "https://github.com/l10n-dev/l10n",
		"rules":          rules,
	}
	b, err := json.Marshal(driver)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w.out, `{
  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
  "version": "2.1.0",
  "runs": [
    {
      "tool": {"driver": %s},
      "columnKind": "unicodeCodePoints",
      "results": [`, b)
	return err
}

func (w *sarifWriter) close() error {
	if w.n == 0 {
		if err := w.open(); err != nil {
			return err
		}
	}
	_, err := fmt.Fprint(w.out, "\n      ]\n    }\n  ]\n}\n")
	return err
}
