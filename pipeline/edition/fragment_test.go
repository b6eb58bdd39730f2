package edition_test

import (
	"strings"
	"testing"

	"github.com/l10n-dev/l10n/internal/corpus"
	"github.com/l10n-dev/l10n/pipeline/edition"
)

// TestKeptAsJudged checks the sanitizer's shortcut (fragment.kept) against
// the sanitizer itself on the spec examples, the real-world documents,
// the seed article, the Hugo documentation and the XSS payloads: each as
// the translation of itself (its URLs are the source's) and of an empty
// source (none is), so that both ways through kept are taken.
func TestKeptAsJudged(t *testing.T) {
	spec, err := corpus.All()
	if err != nil {
		t.Fatal(err)
	}
	real, err := corpus.RealWorld()
	if err != nil {
		t.Fatal(err)
	}
	docs := append(append(spec, real...), corpus.Seed(t)...)
	for _, x := range xssPayloads {
		md := strings.ReplaceAll(x.md, "§", "1")
		if x.def != "" {
			md += "\n\n" + strings.ReplaceAll(x.def, "§", "1") + "\n"
		}
		docs = append(docs, corpus.Example{Name: "xss/" + x.name, Markdown: md})
	}
	if !testing.Short() {
		docs = append(docs, corpus.Hugo(t)...)
	}
	var kept, judged int
	for _, d := range docs {
		for _, source := range []string{d.Markdown, ""} {
			k, j := edition.KeptAsJudged(t, d.Name, source, d.Markdown)
			kept, judged = kept+k, judged+j
		}
	}
	t.Logf("%d documents: %d blocks kept without the sanitizer, %d judged by it", len(docs), kept, judged)
	if kept == 0 || judged == 0 {
		t.Errorf("kept %d blocks, judged %d: both ways must be taken", kept, judged)
	}
}

// FuzzKept checks the sanitizer's shortcut against the sanitizer on any
// translation of any source.
func FuzzKept(f *testing.F) {
	for _, x := range xssPayloads {
		f.Add("See [x](javascript:alert(1)) and <b>it</b>.", strings.ReplaceAll(x.md, "§", "1")+"\n\n"+x.def)
	}
	f.Add("[a](<b c>) ![i](x.png \"t\") <https://example.org>", "*[a](<b c>)* ![`i`](x.png \"t\")  \nend <https://example.org> www.example.org a@example.org")
	f.Add("[a](#)", "[a]() [b](#) [c](<>) ~~d~~ **e** `f` <span>g</span>")
	f.Fuzz(func(t *testing.T, source, md string) {
		edition.KeptAsJudged(t, "fuzz", source, md)
	})
}
