// Package hugeheap asks Linux to back the first 64 MiB of a command's heap
// with transparent huge pages. Importing it is all it takes: it does so
// as it is initialised, and main imports it for that.
//
// Go's runtime does not advise its heap for huge pages (Go 1.21.1
// stopped: it made some servers' memory grow), and where Linux gives them
// only to memory advised so (its default, "madvise" in
// /sys/kernel/mm/transparent_hugepage/enabled), each 4 KB page of heap a
// program first writes costs a page fault. Where faults are dear (a
// virtual machine whose faults take 11 µs), a command that does little
// (nothing changed on a thousand articles) spent a third of its time in
// them. A huge page is one fault for 2 MB.
//
// Go has no call to advise memory the heap has not mapped yet; so the
// package allocates 64 MiB, which the heap maps fresh and nobody writes,
// advises them, and gives them back with a collection. The advice stays
// on the mapping, and the heap hands out its lowest free addresses
// first, so the program's next 64 MiB of heap are these.
//
// It does so before the packages that allocate the most as they are
// initialised: goldmark's regular expressions and x/text's tables take
// some 1 MB of heap and grow the initialising goroutine's stack to
// 512 KB, and the stacks are in the heap too. Go initialises a package
// as soon as the packages it imports are (the first in the order of
// import paths among those ready), so this one imports only the runtime,
// syscall and prefault (which imports only syscall, and maps the
// binary's code before this package runs), and reads its settings
// without os or strings: it is among the first twenty of l10n's some
// 130.
//
// Advised memory is why Go stopped (golang/go#61718): with Linux's
// default "defrag" setting, a fault in it that finds no free huge page
// compacts memory first, which can stall for long on a machine whose
// memory is full and fragmented. So the heap is advised only where the
// kernel counts twice as many free blocks of a huge page's size as it
// needs (/proc/buddyinfo), so that its faults take blocks already free;
// and only with 4 KB pages and 2 MB huge ones.
//
// It is skipped with GODEBUG=disablethp=1 (Go's own switch for huge
// pages), where GOGC or GOMEMLIMIT is set (the user paces the collector),
// under a control group's memory limit (a 2 MB page is taken whole, and
// a command near its limit thrashed),
// and for the commands that do little — --version, --help, help, version,
// completion and the shell's completion requests (a Tab press) — whose
// time the collection (a few milliseconds) would double; and in a test
// binary's own run, so that tests keep the runtime's defaults.
package hugeheap

// prefault is initialised before this package, which imports it for that:
// it maps the binary's code, which this package's collection and the
// packages initialised after it run.
import _ "github.com/l10n-dev/l10n/internal/prefault"
