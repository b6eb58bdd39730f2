package project

import (
	"fmt"
	"strconv"

	"gopkg.in/yaml.v3"
)

// MemorySettings are the translation memory's settings (the memory key
// of l10n.yaml): what extract does with a unit nobody has translated yet.
type MemorySettings struct {
	// Off turns the memory off (memory: off): extract and export do not
	// consult it.
	Off bool
	// ExactReview pre-fills an exact match as needing review (the
	// default); false pre-fills it as translated.
	ExactReview bool
	// Threshold is the lowest match percentage offered (default 75).
	Threshold int
	// AdaptReview pre-fills a match adapted to the new source's numbers,
	// URLs and code as needing review (the default); false leaves it a
	// suggestion.
	AdaptReview bool
	// Sentences pairs the sentences of translated units, so that a
	// sentence is found inside another paragraph and a paragraph can be
	// assembled from the matches of its sentences. Off by default: it
	// makes the memory about twice as costly to build (see the README's
	// figures).
	Sentences bool
	// Part is how many catalog folders a part of the memory holds
	// (default DefaultPart): extract builds, keeps and looks up the
	// memory of a project of more than twice as many a part at a time,
	// so that it holds one part whatever the number of articles; 0 keeps
	// it whole. A memory with sentence pairs is kept whole.
	Part int
}

// DefaultPart is how many catalog folders a part of the memory holds
// when l10n.yaml does not say (see MemorySettings.Part).
const DefaultPart = 500

// DefaultFuzzy is the lowest match percentage offered when l10n.yaml
// does not say: the memory's own default (tm.DefaultThreshold; the
// memory package's tests hold them equal).
const DefaultFuzzy = 75

// DefaultMemory returns the memory settings of a project whose l10n.yaml
// says nothing of them.
func DefaultMemory() MemorySettings {
	return MemorySettings{ExactReview: true, Threshold: DefaultFuzzy, AdaptReview: true, Part: DefaultPart}
}

// memoryConfig reads the memory key of l10n.yaml: off, or
//
//	memory:
//	  exact: review      # or translated
//	  fuzzy: 75          # the lowest match percentage offered
//	  adapt: review      # or off
//	  sentences: false   # or true
//	  part: 500          # catalog folders per part of the memory; 0: whole
func memoryConfig(n *yaml.Node) (MemorySettings, error) {
	s := DefaultMemory()
	if n == nil || n.Kind == 0 {
		return s, nil
	}
	bad := func(n *yaml.Node, format string, args ...any) error {
		return &InputError{File: ConfigFile, Line: n.Line, Column: n.Column, Err: fmt.Errorf(format, args...)}
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return s, nil
	}
	if n.Kind == yaml.ScalarNode && (n.Value == "off" || n.Value == "false") {
		s.Off = true
		return s, nil
	}
	if n.Kind != yaml.MappingNode {
		return s, bad(n, "memory: off, or a mapping of exact, fuzzy, adapt, sentences and part is expected")
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if seen[k.Value] {
			return s, bad(k, "memory: %s is set twice", k.Value)
		}
		seen[k.Value] = true
		switch k.Value {
		case "exact":
			switch v.Value {
			case "review":
				s.ExactReview = true
			case "translated":
				s.ExactReview = false
			default:
				return s, bad(v, "memory: exact is review or translated, not %q", v.Value)
			}
		case "adapt":
			switch v.Value {
			case "review":
				s.AdaptReview = true
			case "off":
				s.AdaptReview = false
			default:
				return s, bad(v, "memory: adapt is review or off, not %q", v.Value)
			}
		case "fuzzy":
			t, err := strconv.Atoi(v.Value)
			if err != nil || v.Kind != yaml.ScalarNode || t < 1 || t > 100 {
				return s, bad(v, "memory: fuzzy is a match percentage from 1 to 100, not %q", v.Value)
			}
			s.Threshold = t
		case "sentences":
			var b bool
			if v.Kind != yaml.ScalarNode || v.Decode(&b) != nil {
				return s, bad(v, "memory: sentences is true or false, not %q", v.Value)
			}
			s.Sentences = b
		case "part":
			t, err := strconv.Atoi(v.Value)
			if err != nil || v.Kind != yaml.ScalarNode || t < 0 {
				return s, bad(v, "memory: part is a number of catalog folders, 0 or more, not %q", v.Value)
			}
			s.Part = t
		default:
			return s, bad(k, "memory: unknown setting %q (exact, fuzzy, adapt, sentences, part)", k.Value)
		}
	}
	return s, nil
}
