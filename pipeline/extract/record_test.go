package extract

import (
	"testing"

	"github.com/l10n-dev/l10n/pipeline/project"
)

// TestCheckedKey: an article's checked record gives its key for the
// record data it was written with, and nothing for any other data (a
// record written again since, whose lookups no run has checked against
// that key), nor for a record of another layout.
func TestCheckedKey(t *testing.T) {
	p, err := project.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	w := p.OpenRecords("extract")
	w.Put(checkedName("a"), checkedRecord(project.Digest([]byte("record one")), "key two"))
	w.Put(checkedName("b"), []byte("l10n extract checked 0"))
	w.Commit(true)
	rs := &records{file: p.OpenRecords("extract")}
	defer rs.file.Abort()
	for _, c := range []struct {
		slug, data, want string
	}{
		{"a", "record one", "key two"},
		{"a", "record two", ""},
		{"a", "", ""},
		{"b", "record one", ""},
		{"c", "record one", ""},
	} {
		if got := rs.checkedKey(c.slug, project.Digest([]byte(c.data))); got != c.want {
			t.Errorf("checkedKey(%q, %q) = %q, want %q", c.slug, c.data, got, c.want)
		}
	}
}
