package lint

import (
	"reflect"
	"testing"

	"github.com/l10n-dev/l10n/pipeline/check"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// TestCheckRecordRoundTrip: a record decodes to what was encoded, with
// messages holding what a length-prefixed field must survive (spaces,
// line breaks, quotes, non-ASCII, nothing), and every cut of it is
// refused rather than read as another record.
func TestCheckRecordRoundTrip(t *testing.T) {
	r := checkRecord{Recipe: "recipe", Key: "key",
		Inputs: []project.Stamp{{Size: 1, MTime: 2, CTime: 3, Ino: 4}, {Size: 5, MTime: -6, CTime: 7, Ino: 1 << 63}},
		catalogCheck: catalogCheck{Suppressed: 2,
			Findings: []check.Finding{
				{Line: 3, Severity: check.Error, Check: "numbers", Unit: "p-one", Message: "«12» is \"missing\"\nf 1 error - - 3 abc"},
				{Line: 0, Severity: check.Info, Check: "", Unit: "", Message: ""},
				{Line: 9, Severity: check.Warning, Check: "typography", Unit: "h-two", Message: "ends with  two spaces  "},
			},
			Units: []unitSegments{
				{At: 1, Unit: 0, Line: 3, ID: "p-one", Hashes: segmentHashes{{Source: 1, Target: 2}}, Sups: []check.Suppression{{Check: "consistency", Key: "x", Reason: "a name", Comment: "# l10n:ignore consistency:x — a name"}}},
				{At: 3, Unit: 4, Line: 20, ID: "h-two"},
			}}}
	data, err := r.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var got checkRecord
	if err := got.UnmarshalBinary(data); err != nil {
		t.Fatalf("%v:\n%s", err, data)
	}
	want := r
	want.Units = []unitSegments{r.Units[0], r.Units[1]}
	want.Units[1].Hashes = segmentHashes{}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("decoded\n%#v\nwant\n%#v", got, want)
	}
	for n := range len(data) {
		var cut checkRecord
		if cut.UnmarshalBinary(data[:n]) == nil {
			t.Errorf("the first %d bytes of a record decode: %q", n, data[:n])
		}
	}
	var b checkRecord
	if b.UnmarshalBinary(append(data, 'x')) == nil {
		t.Errorf("a record with a byte more decodes")
	}
}
