package glossary

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/dlclark/regexp2/v2"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

// ecmaRegexp is a JSON schema "pattern" as editors run it: ECMAScript,
// with the lookaheads Go's regexp lacks.
type ecmaRegexp struct{ re *regexp2.Regexp }

func (r ecmaRegexp) MatchString(s string) bool {
	ok, err := r.re.MatchString(s)
	return ok && err == nil
}

func (r ecmaRegexp) String() string { return r.re.String() }

// TestSchema validates the seed's glossary.yaml against
// glossary.schema.json, and wants the schema to refuse what Parse refuses.
func TestSchema(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "..", "glossary.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.UseRegexpEngine(func(s string) (jsonschema.Regexp, error) {
		re, err := regexp2.Compile(s, regexp2.ECMAScript)
		return ecmaRegexp{re}, err
	})
	if err := c.AddResource("glossary.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("glossary.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	validate := func(y []byte) error {
		var v any
		if err := yaml.Unmarshal(y, &v); err != nil {
			t.Fatal(err)
		}
		j, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(j))
		if err != nil {
			t.Fatal(err)
		}
		return schema.Validate(inst)
	}
	seed, err := os.ReadFile(filepath.Join("..", "..", "glossary.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := validate(seed); err != nil {
		t.Errorf("glossary.yaml: %v", err)
	}
	for _, bad := range []string{
		"terms:\n  - id: x\n    en: [X]\n    strict: yes please\n",
		"terms:\n  - id: x\n    en: [X]\n    uk: {derived: Х}\n",
		"terms:\n  - id: x\n    en: [X]\n    uk: {approved: [\"Землян+ий\"]}\n",
		"terms:\n  - id: x\n    en: [X]\n    uk: {approved: [\"+Хрест\"]}\n",
		"terms:\n  - id: x\n    en: [X]\n    uk: {aproved: [Х]}\n",
	} {
		if validate([]byte(bad)) == nil {
			t.Errorf("the schema accepts %q", bad)
		}
		if _, err := Parse([]byte(bad)); err == nil {
			t.Errorf("Parse accepts %q", bad)
		}
	}
}
