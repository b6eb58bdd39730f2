// Package prefault maps l10n's code into the process in one call as it
// starts, where Linux would otherwise map it a page fault at a time as
// the program first runs it. Importing it is all it takes: it does so as
// it is initialised.
//
// A command that does little (nothing changed on a thousand articles)
// runs code from all over its binary: some 90 of its 800 page faults
// were the code's, each mapping 64 KB of it (the kernel's fault-around).
// Where a fault is dear (a virtual machine whose faults take 11 µs), one
// MADV_POPULATE_READ (Linux 5.14) over the binary's 7 MB of code, which
// maps all of its pages that the page cache holds without a fault, made
// such a command 2–5 ms faster, and `l10n --version` 23 → 20 ms. The
// read-only data (constants, the runtime's tables of functions: 9 MB)
// is left to the faults: mapping it too cost more than the faults it
// saved, and made the process's resident memory 5–7 MB larger where the
// code adds some 2 MB.
//
// Only pages already in the page cache are mapped: where one of the
// code's pages is not (l10n's first run after the machine started,
// say), the code is left to the faults, and the kernel is asked to read
// the rest of it from the disk meanwhile (MADV_WILLNEED), so that the
// next run finds it whole: a run never waits for the disk to map what it
// may not run. The pages mapped are the file's, shared with every
// process that maps it.
//
// The code is found through the program headers that the kernel passes
// the program (the auxiliary vector), not by reading /proc/self/maps,
// which takes the kernel longer than the populating. The package
// imports only syscall, so that it is initialised among the first
// packages (internal/hugeheap imports it for that).
package prefault
