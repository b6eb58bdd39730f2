package segment

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/l10n-dev/l10n/internal/corpus"
)

func texts(d *Doc) []string {
	t := make([]string, len(d.Units))
	for i, u := range d.Units {
		t[i] = u.Text
	}
	return t
}

// TestRoundTripExamples renders every CommonMark and GFM example with its
// own unit texts, through the path translations take (not the verbatim
// shortcut), and wants the source back byte for byte.
func TestRoundTripExamples(t *testing.T) {
	examples, err := corpus.All()
	if err != nil {
		t.Fatal(err)
	}
	if len(examples) < 652 {
		t.Fatalf("only %d examples", len(examples))
	}
	for _, ex := range examples {
		for _, variant := range []struct{ name, src string }{
			{"", ex.Markdown},
			{"/crlf", strings.ReplaceAll(ex.Markdown, "\n", "\r\n")},
			{"/bom-nonl", "\ufeff" + strings.TrimSuffix(ex.Markdown, "\n")},
		} {
			d, err := Parse([]byte(variant.src))
			if err != nil {
				t.Errorf("%s%s: %v", ex.Name, variant.name, err)
				continue
			}
			if got := d.Render(texts(d), true); !bytes.Equal(got, d.Src) {
				t.Errorf("%s%s: verbatim render differs:\n%q\n%q", ex.Name, variant.name, got, d.Src)
			}
			merged := false
			for _, u := range d.Units {
				merged = merged || u.Merged()
			}
			if merged {
				t.Errorf("%s%s: unexpected merged unit", ex.Name, variant.name)
				continue
			}
			if got := d.Render(texts(d), false); !bytes.Equal(got, d.Src) {
				t.Errorf("%s%s: render differs:\n got %q\nwant %q", ex.Name, variant.name, got, d.Src)
			}
		}
	}
}

func TestSeed(t *testing.T) {
	src, err := os.ReadFile("../../articles/ngo-indifference-to-ukrainian-pows.md")
	if err != nil {
		t.Fatal(err)
	}
	d, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range d.Units {
		t.Logf("%d %s %v %q", u.Line, u.Kind, u.Merged(), u.Text[:min(60, len(u.Text))])
	}
}
