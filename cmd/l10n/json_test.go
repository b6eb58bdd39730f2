package main

import (
	"bytes"
	"testing"

	"github.com/l10n-dev/l10n/pipeline/status"
)

// TestJSONListAsWhole checks that writeJSONList, which encodes a list an
// element at a time, writes the bytes writeJSON writes for the whole list.
func TestJSONListAsWhole(t *testing.T) {
	rows := []status.Row{
		{Article: "a<b>&c", Locale: "uk", Units: 3, Translated: 2, Missing: 1, Words: 40},
		{Article: "їжак", Locale: "ru", Units: 1, Translated: 1, Conflicts: 1},
		{Article: "x\u2028y\"z", Locale: "pt-BR"},
	}
	for _, tc := range []struct {
		name string
		list []status.Row
	}{
		{"nil", nil}, {"empty", []status.Row{}}, {"one", rows[:1]}, {"three", rows},
	} {
		var whole, each bytes.Buffer
		if c := writeJSON(&env{stdout: &whole}, tc.list); c != exitOK {
			t.Fatalf("%s: writeJSON: exit %d", tc.name, c)
		}
		if c := writeJSONList(&env{stdout: &each}, tc.list); c != exitOK {
			t.Fatalf("%s: writeJSONList: exit %d", tc.name, c)
		}
		if whole.String() != each.String() {
			t.Errorf("%s: writeJSONList wrote\n%s\nwriteJSON\n%s", tc.name, each.String(), whole.String())
		}
	}
}
