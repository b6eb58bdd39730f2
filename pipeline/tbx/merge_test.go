package tbx

import (
	"errors"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/l10n-dev/l10n/pipeline/glossary"
)

// TestMergeLayouts appends a term to glossaries of every layout the
// glossary format allows.
func TestMergeLayouts(t *testing.T) {
	term := GlossaryTerm{ID: "razumkov-centre", EN: []string{"Razumkov Centre"}, Note: `Say "Centre".`, Strict: true,
		Locales: map[string]GlossaryForms{
			"uk": {Approved: []string{"Центр* Разумкова"}, Derived: []string{"разумковськ*"}},
			"ru": {Approved: []string{"Центр* Разумкова"}, Forbidden: []string{"Центр Разумков"}},
		}}
	item := "- id: razumkov-centre\n" +
		"  en: [\"Razumkov Centre\"]\n" +
		"  note: \"Say \\\"Centre\\\".\"\n" +
		"  strict: true\n" +
		"  ru:\n" +
		"    approved: [\"Центр* Разумкова\"]\n" +
		"    forbidden: [\"Центр Разумков\"]\n" +
		"  uk:\n" +
		"    approved: [\"Центр* Разумкова\"]\n" +
		"    derived: [\"разумковськ*\"]\n"
	indented := "  " + strings.ReplaceAll(strings.TrimSuffix(item, "\n"), "\n", "\n  ") + "\n"
	tests := []struct{ name, in, want string }{
		{"empty", "", "terms:\n" + indented},
		{"comments only", "# a glossary\n", "# a glossary\nterms:\n" + indented},
		{"terms:", "terms:\n", "terms:\n" + indented},
		{"terms: ~", "terms: ~", "terms:\n" + indented},
		{"terms: null", "# head\nterms: null # none yet\n# tail\n", "# head\nterms: # none yet\n# tail\n" + indented},
		{"terms: []", "terms: []\n", "terms:\n" + indented},
		{"block list", "terms:\n  # names\n  - id: a\n    en: [\"Alpha\"]\n", "terms:\n  # names\n  - id: a\n    en: [\"Alpha\"]\n" + indented},
		{"zero indent, no newline", "terms:\n- id: a\n  en: [\"Alpha\"]", "terms:\n- id: a\n  en: [\"Alpha\"]\n" + item},
		{"deep indent", "terms:\n    -   id: a\n        en: [Alpha]\n", "terms:\n    -   id: a\n        en: [Alpha]\n" + "    " + strings.ReplaceAll(strings.TrimSuffix(item, "\n"), "\n", "\n    ") + "\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, rep, err := MergeGlossary([]byte(tc.in), []GlossaryTerm{term})
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
			if len(rep.Added) != 1 {
				t.Errorf("report %+v", rep)
			}
			g, err := glossary.Parse(got)
			if err != nil {
				t.Fatal(err)
			}
			if r := g.Term("razumkov-centre"); r == nil || r.Note != `Say "Centre".` || !r.Strict || len(r.Forms("ru").Forbidden) != 1 || len(r.Forms("uk").Derived) != 1 {
				t.Errorf("term %+v", r)
			}
		})
	}
}

// TestMergeIDsAndErrors checks unique ids, keep-as-is terms, and the
// glossaries MergeGlossary refuses.
func TestMergeIDsAndErrors(t *testing.T) {
	in := "terms:\n  - id: icrc\n    en: [\"ICRC\"]\n"
	terms := []GlossaryTerm{
		{ID: "icrc", EN: []string{"Interfax"}, Keep: true},
		{ID: "icrc", EN: []string{"Ukrinform"}, Keep: true},
	}
	got, rep, err := MergeGlossary([]byte(in), terms)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rep.Added, ",") != "icrc-2,icrc-3" {
		t.Errorf("ids %q", rep.Added)
	}
	g, err := glossary.Parse(got)
	if err != nil || !g.Term("icrc-3").Keep {
		t.Errorf("%v\n%s", err, got)
	}
	if !strings.Contains(string(got), "  - id: icrc-2\n    en: [\"Interfax\"]\n    keep: true\n") {
		t.Errorf("got\n%s", got)
	}
	// Nothing to add: the input comes back as it was.
	same, rep, err := MergeGlossary([]byte(in), []GlossaryTerm{{ID: "x", EN: []string{"icrc"}}})
	if err != nil || string(same) != in || len(rep.Existing) != 1 || rep.Existing[0].At != 2 {
		t.Errorf("%v %+v %q", err, rep, same)
	}
	_, _, err = MergeGlossary([]byte("terms: [{id: a, en: [Alpha]}]\n"), terms)
	if err == nil || !strings.Contains(err.Error(), "flow list") {
		t.Errorf("flow list: %v", err)
	}
	_, _, err = MergeGlossary([]byte("terms:\n  - id: a\n    en: Alpha\n"), terms)
	var ge *glossary.Error
	if !errors.As(err, &ge) || ge.Line != 3 {
		t.Errorf("invalid glossary: %v", err)
	}
}

// TestQuote: every text is written as a double-quoted scalar that YAML
// reads back as that text, including the characters YAML allows only
// escaped and JSON writes as they are (found by FuzzDecode: a term with
// a DEL made the merged glossary unreadable).
func TestQuote(t *testing.T) {
	for _, s := range []string{
		"POW", `say "no"`, "a\\b", "tab\there", "line\nbreak", "\x00\x1f", "\x7fr", "\u0080\u0085\u009f",
		"\u00a0\u2028\u2029", "\ufeff\ufffd\ufffe\uffff", "військовополонений", "😀",
	} {
		q := quote(s)
		var got string
		if err := yaml.Unmarshal([]byte("v: "+q), &struct{ V *string }{&got}); err != nil {
			t.Errorf("quote(%q) = %s: %v", s, q, err)
			continue
		}
		if got != s {
			t.Errorf("quote(%q) = %s, which reads as %q", s, q, got)
		}
	}
}
