package catalog

import "errors"

// errDeclined marks an input the fast reader leaves to yaml.v3.
var errDeclined = errors.New("not in the fast reader's subset")

// ParseFast reads a catalog with the fast reader alone; ok is false when
// the reader declines the input (or Parse would fail before reading
// entries).
func ParseFast(data []byte) (f *File, ok bool) {
	f, err := parse(string(data), func(lines []string, fast bool) (*doc, error) {
		if !fast {
			return nil, errDeclined
		}
		entries, text, ok := fastDoc(lines, false)
		if !ok {
			return nil, errDeclined
		}
		return placeComments(lines, entries, text), nil
	})
	return f, err == nil
}

// ParseYAML reads a catalog with yaml.v3 alone.
func ParseYAML(data []byte) (*File, error) {
	return parse(string(data), func(lines []string, _ bool) (*doc, error) {
		entries, text, err := yamlDoc(lines)
		if err != nil {
			return nil, err
		}
		return placeComments(lines, entries, text), nil
	})
}

// ScanLines is scanLines, for its benchmark.
var ScanLines = scanLines

// EncodeYAML encodes one "key: value" mapping with yaml.v3, and
// EncodeFast without it (ok false when it leaves the value to yaml.v3).
var (
	EncodeYAML = yamlScalar
	EncodeFast = fastScalar
)

// SampleCatalog is the catalog TestParseEncode reads.
const SampleCatalog = sample

// EncodeYAMLOnly writes a catalog as Encode does, with yaml.v3 writing
// every value.
func EncodeYAMLOnly(f *File, header []string, notes Notes) []byte {
	w := &encoder{yamlOnly: true}
	w.file(f, header, notes)
	return w.b
}

// SameEntry is sameEntry, for the tests of package catalog_test.
func SameEntry(a, b *Entry) bool { return sameEntry(a, b) }
