// Package prefault maps l10n's code and read-only data into the process
// in one call as it starts, where Linux would otherwise map them a page
// fault at a time as the program first runs or reads them. Importing it
// is all it takes: it does so as it is initialised.
//
// A command that does little (nothing changed on a thousand articles)
// touches code and tables all over its binary: some 175 of its 800 page
// faults were the executable's, each mapping 64 KB of it (the kernel's
// fault-around). Where a fault is dear (a virtual machine whose faults
// take 11 µs), they cost some 2 ms of a 50 ms command. One
// MADV_POPULATE_READ (Linux 5.14) over the binary's read-only segments
// maps all of their pages that the page cache holds, without a fault:
// some 0.3 ms for 16 MB.
//
// Only pages already in the page cache are mapped: where one of a
// segment's pages is not (l10n's first run after the machine started,
// say), the segment is left to the faults, which read from the disk only
// what the program uses, instead of reading the whole segment first. The
// pages mapped are the file's, shared with every process that maps it,
// so they cost no memory of the process's own.
//
// The segments are found through the program headers that the kernel
// passes the program (the auxiliary vector), not by reading
// /proc/self/maps, which takes the kernel longer than the populating.
// The package imports only the runtime and syscall, so that it is
// initialised among the first packages (internal/hugeheap imports it
// for that).
package prefault
