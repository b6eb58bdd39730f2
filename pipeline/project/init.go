package project

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/l10n-dev/l10n"
	"github.com/l10n-dev/l10n/internal/lock"
	"github.com/l10n-dev/l10n/internal/stage"
)

// InitOptions describes a new project.
type InitOptions struct {
	Source  string   // the articles' language; "en" when empty
	Locales []string // the target locales; none when empty
}

// InitResult says what Init did.
type InitResult struct {
	// Created are the files and folders made, relative to the root, in
	// the order made; files that were there are left as they were.
	Created []string `json:"created"`
	Source  string   `json:"source"`
	Locales []string `json:"locales"`
}

// The files Init writes besides l10n.yaml.
const (
	schemaFile = "glossary.schema.json"
	ignoreFile = ".gitignore"
)

// Init makes dir a new project: l10n.yaml with the source and target
// locales, an empty glossary.yaml whose first line points editors to
// glossary.schema.json (written beside it), a .gitignore for the built
// editions and the temporary files of an interrupted write, and an empty
// articles/ folder. A file already there is kept as it is; Init refuses
// a folder inside another project, and an l10n.yaml naming other locales
// than asked.
func Init(dir string, opts InitOptions) (*InitResult, error) {
	fi, err := os.Stat(dir)
	if err != nil || !fi.IsDir() {
		return nil, &InputError{File: dir, Err: errors.New("no such folder")}
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	for d := filepath.Dir(abs); ; d = filepath.Dir(d) {
		if IsRoot(d) {
			return nil, &InputError{File: dir, Err: fmt.Errorf("inside the project %s: run l10n there, or init a folder outside it", d)}
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	res := &InitResult{Source: "en", Locales: []string{}}
	if opts.Source != "" {
		if res.Source, err = canonicalLocale(opts.Source); err != nil {
			return nil, err
		}
	}
	for _, l := range opts.Locales {
		c, err := canonicalLocale(l)
		if err != nil {
			return nil, err
		}
		if c == res.Source {
			return nil, &InputError{Err: fmt.Errorf("%s is the source locale, not a target", c)}
		}
		if !slices.Contains(res.Locales, c) {
			res.Locales = append(res.Locales, c)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, ConfigFile)); err == nil || IsRoot(dir) && opts.Source == "" && len(opts.Locales) == 0 {
		// A project already: l10n.yaml stays, or is written with the
		// locales the project has without it.
		p, err := Open(dir)
		if err != nil {
			return nil, err
		}
		if opts.Source != "" && p.Source != res.Source || len(opts.Locales) > 0 && !slices.Equal(p.Locales, res.Locales) {
			return nil, &InputError{File: ConfigFile, Err: fmt.Errorf("already there, with source %s and locales [%s]: edit it, or use 'l10n locale add'", p.Source, strings.Join(p.Locales, ", "))}
		}
		res.Source, res.Locales = p.Source, p.Locales
	}
	files := []struct {
		name string
		data []byte
	}{
		{ConfigFile, configYAML(res.Source, res.Locales)},
		{GlossaryFile, []byte("# yaml-language-server: $schema=" + schemaFile + "\n# The project's termbase: see the l10n README, \"Glossary and checks\".\nterms: []\n")},
		{schemaFile, l10n.GlossarySchema},
		{ignoreFile, []byte("# l10n: the built editions, the project lock, and the temporary files of a write that was interrupted.\nout/\n" + lock.Name + "\n" + stage.Pattern + "\n")},
	}
	for _, f := range files {
		path := filepath.Join(dir, f.name)
		if _, err := os.Lstat(path); err == nil {
			continue
		}
		// A snapshot of no file: the write refuses if one appears.
		if _, err := stage.Files(dir, []stage.File{{Rel: f.name, Data: f.data}}); err != nil {
			return res, fmt.Errorf("writing %s: %w", f.name, err)
		}
		res.Created = append(res.Created, f.name)
	}
	if _, err := os.Lstat(filepath.Join(dir, "articles")); err != nil {
		if err := os.Mkdir(filepath.Join(dir, "articles"), 0o755); err != nil {
			return res, err
		}
		res.Created = append(res.Created, "articles"+string(filepath.Separator))
	}
	return res, nil
}

// configYAML returns a new l10n.yaml.
func configYAML(source string, locales []string) []byte {
	return []byte(fmt.Sprintf("# The l10n project: the articles' language and the target locales (see the l10n README, \"l10n.yaml\").\nsource: %s\nlocales: [%s]\n", source, strings.Join(locales, ", ")))
}

// canonicalLocale is CanonicalLocale with its error an input error.
func canonicalLocale(s string) (string, error) {
	c, err := CanonicalLocale(s)
	if err != nil {
		return "", &InputError{Err: err}
	}
	return c, nil
}

// withLocales returns l10n.yaml with its locales set to the list given,
// changing only the locales line where it can (a flow list on one line, a
// block list, no locales key), so the file's comments and layout stay.
func withLocales(src []byte, locales []string) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, err
	}
	out := editLocales(src, &doc, locales)
	// The edit is checked by reading it back; where it could not be
	// made, the file is written again from its nodes.
	var c Config
	if out == nil || yaml.Unmarshal(out, &c) != nil || !slices.Equal(c.Locales, locales) {
		seq := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
		for _, l := range locales {
			seq.Content = append(seq.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: l})
		}
		if len(doc.Content) == 0 {
			doc.Content = []*yaml.Node{{Kind: yaml.MappingNode}}
		}
		m := doc.Content[0]
		if k := mapKey(m, "locales"); k >= 0 {
			m.Content[k+1] = seq
		} else {
			m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: "locales"}, seq)
		}
		var b bytes.Buffer
		enc := yaml.NewEncoder(&b)
		enc.SetIndent(2)
		if err := enc.Encode(&doc); err != nil {
			return nil, err
		}
		out = b.Bytes()
	}
	return out, nil
}

// editLocales edits the text of l10n.yaml to hold the locales given, or
// returns nil.
func editLocales(src []byte, doc *yaml.Node, locales []string) []byte {
	lines := strings.SplitAfter(string(src), "\n")
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil
	}
	m := doc.Content[0]
	k := mapKey(m, "locales")
	flow := "[" + strings.Join(locales, ", ") + "]"
	if k < 0 {
		s := string(src)
		if s != "" && !strings.HasSuffix(s, "\n") {
			s += "\n"
		}
		return []byte(s + "locales: " + flow + "\n")
	}
	key, v := m.Content[k], m.Content[k+1]
	line := lines[key.Line-1]
	at := byteOffset(line, key.Column-1) + len("locales")
	switch {
	case v.Kind == yaml.ScalarNode && v.Tag == "!!null" && strings.HasPrefix(line[at:], ":"):
		rest := strings.TrimLeft(line[at+1:], " ")
		if rest != "" && !strings.HasPrefix(rest, "#") && !strings.HasPrefix(rest, "~") && !strings.HasPrefix(rest, "null") && rest != "\n" {
			return nil
		}
		lines[key.Line-1] = line[:at+1] + " " + flow + "\n"
	case v.Kind == yaml.SequenceNode && v.Style&yaml.FlowStyle != 0 && v.Line == key.Line:
		open := byteOffset(line, v.Column-1)
		end := strings.IndexByte(line[open:], ']')
		if end < 0 {
			return nil
		}
		lines[key.Line-1] = line[:open] + flow + line[open+end+1:]
	case v.Kind == yaml.SequenceNode && len(v.Content) > 0:
		last := v.Content[len(v.Content)-1]
		for _, item := range v.Content {
			if item.Kind != yaml.ScalarNode {
				return nil
			}
		}
		prefix := lines[last.Line-1][:byteOffset(lines[last.Line-1], last.Column-1)]
		var add []string
		for _, l := range locales[len(v.Content):] {
			add = append(add, prefix+l+"\n")
		}
		if !strings.HasSuffix(lines[last.Line-1], "\n") {
			lines[last.Line-1] += "\n"
		}
		lines = slices.Insert(lines, last.Line, add...)
	default:
		return nil
	}
	return []byte(strings.Join(lines, ""))
}

// mapKey returns the index of a key in a mapping node's content, or -1.
func mapKey(m *yaml.Node, key string) int {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return i
		}
	}
	return -1
}

// byteOffset returns the byte offset of the character at 0-based column
// col of a line.
func byteOffset(line string, col int) int {
	i := 0
	for n := 0; n < col && i < len(line); n++ {
		_, size := utf8.DecodeRuneInString(line[i:])
		i += size
	}
	return i
}

// ConfigWithLocales returns l10n.yaml as it is to be with the target
// locales given: old (as read) with only its locales changed, or a new
// file if there was none.
func ConfigWithLocales(old stage.Snapshot, source string, locales []string) ([]byte, error) {
	if !old.Exists {
		return configYAML(source, locales), nil
	}
	data, err := withLocales(old.Data, locales)
	if err != nil {
		return nil, &InputError{File: ConfigFile, Err: err}
	}
	return data, nil
}
