// Package pipelinetest holds the tests that take a project through
// several stages end to end (extract, build, check, status, pseudo,
// prune, mv, export and import, on the seed, the CommonMark and GFM
// specification examples and the real-world corpus) and the benchmarks of
// the stages. It has no code of its own.
package pipelinetest
