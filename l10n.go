// Package l10n holds the files of this repository that `l10n init` writes
// into a new project. The tool is cmd/l10n; its stages are the packages
// under pipeline/.
package l10n

import _ "embed" // for GlossarySchema

// GlossarySchema is glossary.schema.json, the JSON Schema of glossary.yaml
// that editors speaking the YAML language server complete and validate
// the glossary with.
//
//go:embed glossary.schema.json
var GlossarySchema []byte
