package memory

import "testing"

// TestPendingID: the unit's id a lookup Gather took is read back from its
// key whole, whatever the id holds (a NUL, a comma, nothing) and however
// many locales the lookup asks.
func TestPendingID(t *testing.T) {
	for _, tc := range []struct {
		slug, id string
		locs     []string
		n        int
	}{
		{"ngo-indifference", "p-the-tied-hands", []string{"uk"}, 3},
		{"a", "p-x", []string{"uk", "ru", "pt-BR"}, 10},
		{"a", "", []string{"uk"}, 1},
		{"a", "odd\x00id,with\x00nuls", []string{"uk", "ru"}, 2},
		{"a", "p-x", nil, 0},
	} {
		q := pending{key: pendingKey(tc.slug, tc.id, tc.locs, tc.n), slug: tc.slug, locs: tc.locs, n: tc.n}
		if got := q.id(); got != tc.id {
			t.Errorf("pending{%q, %q, %q, %d}.id() = %q", tc.slug, tc.id, tc.locs, tc.n, got)
		}
	}
}
