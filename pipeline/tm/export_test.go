package tm

// What the package's external tests (package tm_test) use of its
// internals.

// SeedEntries is seedEntries: the seed's units in uk and ru.
var SeedEntries = seedEntries

// Words counts the words of a text as the memory's tokens count them
// (numbers, punctuation and markup are not words).
func Words(m *Memory, s string) int {
	t := newTokenizer()
	n := 0
	for _, tok := range t.tokens(s, m.srcFmt) {
		if tok.kind == kWord {
			n++
		}
	}
	return n
}
