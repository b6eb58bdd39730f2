package align

import (
	"reflect"
	"testing"
)

func TestAssign(t *testing.T) {
	known := []Known{
		{"p-one", "The first paragraph talks about prisoners of war and the ICRC."},
		{"p-two", "A second paragraph about Geneva and the conference in October."},
		{"p-three", "Third: the lists of prisoners exchanged between Moscow and Kyiv."},
	}
	tests := []struct {
		name    string
		units   []string
		ids     []string
		edited  []bool
		unusedN int
	}{
		{"same", []string{known[0].Text, known[1].Text, known[2].Text},
			[]string{"p-one", "p-two", "p-three"}, []bool{false, false, false}, 0},
		{"moved and inserted", []string{known[2].Text, "Brand new words here entirely.", known[0].Text},
			[]string{"p-three", "p-brand-new-words", "p-one"}, []bool{false, false, false}, 1},
		{"edited", []string{"The first paragraph talks about prisoners of war and the Red Cross.", known[1].Text},
			[]string{"p-one", "p-two"}, []bool{true, false}, 1},
		{"unrelated text does not take an id", []string{"Completely different sentence with other vocabulary."},
			[]string{"p-completely-different-sentence"}, []bool{false}, 3},
		{"new id never reuses a known one", []string{"The first one."},
			[]string{"p-the-first-one"}, []bool{false}, 3},
	}
	for _, tc := range tests {
		units := make([]Unit, len(tc.units))
		for i, u := range tc.units {
			units[i] = Unit{Prefix: "p", Text: u}
		}
		got, unused := Assign(known, units)
		var ids []string
		var edited []bool
		for _, m := range got {
			ids = append(ids, m.ID)
			edited = append(edited, m.Edited)
		}
		if !reflect.DeepEqual(ids, tc.ids) || !reflect.DeepEqual(edited, tc.edited) || len(unused) != tc.unusedN {
			t.Errorf("%s: ids %v edited %v unused %v", tc.name, ids, edited, unused)
		}
	}
}

func TestNewID(t *testing.T) {
	used := map[string]bool{"p-in-total-about": true}
	tests := []struct{ prefix, text, want string }{
		{"p", "In total, about 3,767 prisoners", "p-in-total-about-2"},
		{"h1", "Équipe Ünïcode héros", "h1-equipe-unicode-heros"},
		{"p", "Загалом близько", "p"},
		{"td", "`code` **bold** [link](#)", "td-code-bold-link"},
		{"p", "Supercalifragilisticexpialidocious word", "p-supercalifra-word"},
	}
	for _, tc := range tests {
		if got := NewID(tc.prefix, tc.text, used); got != tc.want {
			t.Errorf("NewID(%q, %q) = %q, want %q", tc.prefix, tc.text, got, tc.want)
		}
	}
}
