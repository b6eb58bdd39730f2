package pipelinetest_test

import (
	"os"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/l10n-dev/l10n/pipeline/project"
	"github.com/l10n-dev/l10n/pipeline/status"
)

// TestStatusRecordsWarmIsCold: l10n status with its records counts what
// it counts without them, after each kind of change to the inputs; and
// it counts again exactly what it must: the records rewritten are those
// of the articles and locales whose article, source catalog or catalog
// changed (all of them after l10n.yaml changed, none after the
// glossary did); a run over one article keeps the others' records.
func TestStatusRecordsWarmIsCold(t *testing.T) {
	p := recordsProject(t)
	run := func(sel project.Selection) []status.Row {
		t.Helper()
		rows, err := status.Run(p, sel)
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	written := func() map[string]string {
		out := map[string]string{}
		for name, w := range p.RecordsWritten("status") {
			out[name] = w.String()
		}
		return out
	}
	edit := func(rel, old, new string) func(t *testing.T) { return replaceIn(p, rel, old, new) }
	run(project.Selection{})
	every := written()
	if len(every) != 6*2 {
		t.Fatalf("%d records, want one per article and target locale: %v", len(every), every)
	}
	var all []string
	for name := range every {
		all = append(all, name)
	}
	for _, c := range []struct {
		name   string
		change func(t *testing.T)
		sel    project.Selection
		want   []string // the records rewritten
		// chained: the records before are as the case before left them
		// (no run before the change).
		chained bool
	}{
		{"nothing", func(*testing.T) {}, project.Selection{}, nil, false},
		{"target catalog", edit(project.CatalogPath("a01", "ru"), "other: Второй пункт", `other: ""`), project.Selection{},
			[]string{status.RecordName("a01", "ru")}, false},
		{"source catalog", edit(project.CatalogPath("a03", "en"), "first item of article 3", "first item of article 3 "), project.Selection{},
			[]string{status.RecordName("a03", "uk"), status.RecordName("a03", "ru")}, false},
		{"article", edit(project.ArticlePath("a02"), "second item", "second point"), project.Selection{},
			[]string{status.RecordName("a02", "uk"), status.RecordName("a02", "ru")}, false},
		{"glossary", func(t *testing.T) {
			write(t, p.Abs(project.GlossaryFile), "terms:\n  - id: icrc\n    en: [International Committee of the Red Cross]\n")
		}, project.Selection{}, nil, false},
		{"l10n.yaml", func(t *testing.T) {
			write(t, p.Abs(project.ConfigFile), "source: en\nlocales: [uk, ru]\n")
		}, project.Selection{}, all, false},
		{"one article of two changed, that one counted", func(t *testing.T) {
			edit(project.CatalogPath("a00", "uk"), "other: Другий пункт", `other: ""`)(t)
			edit(project.CatalogPath("a05", "uk"), "other: ⟦", `other: "" # ⟦`)(t)
			// Past the file system's timestamp granularity, so that the
			// record this run writes for a00 is newer than its catalog
			// and the next run trusts it (a record written within it is
			// racily clean: project.Record.Fresh); a test run at load 7
			// saw it rewritten.
			time.Sleep(20 * time.Millisecond)
		}, project.Selection{Articles: []string{"a00"}}, []string{status.RecordName("a00", "uk")}, false},
		{"then the other", func(*testing.T) {}, project.Selection{}, []string{status.RecordName("a05", "uk")}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			if !c.chained {
				age(t, p)
				run(project.Selection{})
			}
			before := written()
			c.change(t)
			warm := run(c.sel)
			after := written()
			var rewritten []string
			for k, v := range after {
				if before[k] != v {
					rewritten = append(rewritten, k)
				}
			}
			slices.Sort(rewritten)
			if want := slices.Sorted(slices.Values(c.want)); !slices.Equal(rewritten, want) {
				t.Errorf("records rewritten:\n%v\nwant\n%v", rewritten, want)
			}
			if len(after) != len(every) {
				t.Errorf("%d records after, want %d", len(after), len(every))
			}
			// The same run without records; then the records back.
			recs := p.Abs(project.RecordsPath("status", project.Shard{}))
			if err := os.Rename(recs, recs+".kept"); err != nil {
				t.Fatal(err)
			}
			if cold := run(c.sel); !reflect.DeepEqual(warm, cold) {
				t.Errorf("with records:\n%+v\nwithout:\n%+v", warm, cold)
			}
			if err := os.Rename(recs+".kept", recs); err != nil {
				t.Fatal(err)
			}
		})
	}
}
