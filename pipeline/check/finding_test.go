package check

import (
	"encoding/json"
	"testing"
)

// TestFindingString checks the one line a finding prints as: the unit by
// its id in its own catalog, as article/unit (locale) in any other file,
// and "[check] " only when a check made it.
func TestFindingString(t *testing.T) {
	for _, tt := range []struct {
		f    Finding
		want string
	}{
		{Finding{File: "locales/pows/uk.yaml", Line: 12, Article: "pows", Locale: "uk", Unit: "p-by", Check: Markup, Severity: Error, Message: "link lost"},
			"locales/pows/uk.yaml:12: error: [markup] p-by: link lost"},
		{Finding{File: "locales/pows/uk.yaml", Article: "pows", Locale: "uk", Unit: "p-by", Check: Missing, Severity: Error, Message: "no translation"},
			"locales/pows/uk.yaml: error: [missing] p-by: no translation"},
		{Finding{File: "uk.po", Line: 31, Article: "pows", Locale: "uk", Unit: "p-by", Severity: Error, Message: "not imported: [markup] link lost"},
			"uk.po:31: error: pows/p-by (uk): not imported: [markup] link lost"},
		{Finding{File: "x/uk.xlf", Line: 7, Article: "pows", Locale: "uk", Unit: "p-by", Severity: Warning, Message: "source changed"},
			"x/uk.xlf:7: warning: pows/p-by (uk): source changed"},
	} {
		if got := tt.f.String(); got != tt.want {
			t.Errorf("%+v:\n got %s\nwant %s", tt.f, got, tt.want)
		}
	}
}

// TestFindingJSON checks the fields a finding has in JSON: the key is
// left out, and so is the check of a finding no check made.
func TestFindingJSON(t *testing.T) {
	for _, tt := range []struct {
		f    Finding
		want string
	}{
		{Finding{File: "locales/pows/uk.yaml", Line: 12, Article: "pows", Locale: "uk", Unit: "p-by", Check: Glossary, Key: "pow", Severity: Warning, Message: "m"},
			`{"file":"locales/pows/uk.yaml","line":12,"article":"pows","locale":"uk","unit":"p-by","check":"glossary","severity":"warning","message":"m"}`},
		{Finding{File: "uk.po", Line: 31, Article: "pows", Locale: "uk", Unit: "p-by", Severity: Error, Message: "m"},
			`{"file":"uk.po","line":31,"article":"pows","locale":"uk","unit":"p-by","severity":"error","message":"m"}`},
	} {
		got, err := json.Marshal(tt.f)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != tt.want {
			t.Errorf("got  %s\nwant %s", got, tt.want)
		}
	}
}
