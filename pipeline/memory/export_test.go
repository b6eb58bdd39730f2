package memory

// What the package's external tests (package memory_test) use of its
// internals.

// EntriesOf is entriesOf.
var EntriesOf = entriesOf
