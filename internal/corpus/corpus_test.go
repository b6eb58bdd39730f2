package corpus

import "testing"

func TestCounts(t *testing.T) {
	cm, err := CommonMark()
	if err != nil {
		t.Fatal(err)
	}
	gfm, err := GFM()
	if err != nil {
		t.Fatal(err)
	}
	if len(cm) != 652 {
		t.Errorf("%d CommonMark examples, want 652", len(cm))
	}
	seen := map[string]bool{}
	for _, ex := range append(cm, gfm...) {
		if seen[ex.Name] {
			t.Errorf("duplicate example name %s", ex.Name)
		}
		seen[ex.Name] = true
	}
	if len(gfm) != 14+5+21 {
		t.Errorf("%d GFM examples, want 40", len(gfm))
	}
}
