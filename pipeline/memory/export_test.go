package memory

import "github.com/l10n-dev/l10n/pipeline/tm"

// What the package's external tests (package memory_test) use of its
// internals.

// EntriesOf is entriesOf.
var EntriesOf = entriesOf

// LoadFor is load: the memory for lookups of a project's folders, those
// of read as they were read (ReadFolder), in store.
var LoadFor = load

// FolderEntries returns the entries ReadFolder read.
func FolderEntries(f Folder) []tm.Entry {
	if f.entries == nil {
		return nil
	}
	return *f.entries
}

// Prefetching reports whether Prefetch began to get l's memory.
func Prefetching(l *Lazy) bool { return l.fetching != nil }

// Unchanged is Lazy.unchanged.
func Unchanged(l *Lazy) bool { return l.unchanged() }
