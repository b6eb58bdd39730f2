package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/l10n-dev/l10n/pipeline/lint"
	"github.com/l10n-dev/l10n/pipeline/project"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// sarifSchema compiles the SARIF 2.1.0 schema in testdata/sarif.
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "testdata", "sarif", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("sarif-schema-2.1.0.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestCheckSARIF validates `l10n check --format sarif` against the SARIF
// 2.1.0 schema, on a broken project (a result per finding, each on its
// catalog line) and a clean one (no results), and checks that an invalid
// log fails the schema (so the validation can fail).
func TestCheckSARIF(t *testing.T) {
	schema := sarifSchema(t)
	broken := filepath.Join("..", "..", "pipeline", "pipelinetest", "testdata", "check-broken")
	p, err := project.Open(broken)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := lint.Run(p, lint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, root string
		code       int
		results    int
	}{
		{"broken", broken, 1, len(rep.Findings)},
		{"seed", seedProject(t), 0, 0},
	} {
		code, out, stderr := l10n("-C", tt.root, "check", "--format", "sarif")
		if code != tt.code {
			t.Fatalf("%s: exit %d, want %d\n%s", tt.name, code, tt.code, stderr)
		}
		doc, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
		if err != nil {
			t.Fatalf("%s: not JSON: %v\n%s", tt.name, err, out)
		}
		if err := schema.Validate(doc); err != nil {
			t.Errorf("%s: invalid SARIF 2.1.0: %v", tt.name, err)
		}
		var log struct {
			Version string
			Runs    []struct {
				Results []struct {
					RuleID    string
					Level     string
					Locations []struct {
						PhysicalLocation struct {
							ArtifactLocation struct{ URI string }
							Region           *struct{ StartLine int }
						}
					}
				}
			}
		}
		if err := json.Unmarshal([]byte(out), &log); err != nil {
			t.Fatal(err)
		}
		if log.Version != "2.1.0" || len(log.Runs) != 1 || len(log.Runs[0].Results) != tt.results {
			t.Fatalf("%s: version %q, %d runs, want one with %d results", tt.name, log.Version, len(log.Runs), tt.results)
		}
		for i, r := range log.Runs[0].Results {
			f := rep.Findings[i]
			loc := r.Locations[0].PhysicalLocation
			if r.RuleID != f.Check || loc.ArtifactLocation.URI != f.File || loc.Region == nil || loc.Region.StartLine != f.Line {
				t.Errorf("result %d: %s at %s:%v, want %s at %s:%d", i, r.RuleID, loc.ArtifactLocation.URI, loc.Region, f.Check, f.File, f.Line)
			}
		}
	}
	var bad any
	_ = json.Unmarshal([]byte(`{"version": "2.1.0", "runs": [{"results": []}]}`), &bad)
	if schema.Validate(bad) == nil {
		t.Error("a run without a tool passes the schema")
	}
}

// TestCheckGitHub checks `l10n check --format github`: one workflow
// command a finding, naming the catalog and line, with the message's
// special characters escaped.
func TestCheckGitHub(t *testing.T) {
	root := filepath.Join("..", "..", "pipeline", "pipelinetest", "testdata", "check-broken")
	p, err := project.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := lint.Run(p, lint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	code, out, _ := l10n("-C", root, "check", "--format", "github")
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if code != 1 || len(lines) != len(rep.Findings) {
		t.Fatalf("exit %d, %d lines for %d findings:\n%s", code, len(lines), len(rep.Findings), out)
	}
	re := regexp.MustCompile(`^::(error|warning|notice) file=([^,:]+),line=(\d+),title=l10n ([a-z]+)::([^\r\n]+)$`)
	for i, l := range lines {
		m := re.FindStringSubmatch(l)
		f := rep.Findings[i]
		if m == nil || m[2] != f.File || m[4] != f.Check || !strings.HasPrefix(m[5], f.Unit+": ") {
			t.Errorf("line %d: %q for %s", i, l, f)
		}
	}
	if got := ghData("a%b\nc"); got != "a%25b%0Ac" {
		t.Errorf("ghData = %q", got)
	}
	if got := ghProperty("a:b,c"); got != "a%3Ab%2Cc" {
		t.Errorf("ghProperty = %q", got)
	}
	if code, _, stderr := l10n("-C", root, "check", "--format", "xml"); code != 2 || !strings.Contains(stderr, "--format") {
		t.Errorf("--format xml: exit %d %s", code, stderr)
	}
}
