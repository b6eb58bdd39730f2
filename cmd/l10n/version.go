package main

import (
	"fmt"
	"runtime/debug"
	"strings"
)

// version returns l10n's version: the module version it was built as
// (go install …@v1.2.0), else the VCS revision it was built from, marked
// when the work tree had changes, else "(devel)".
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	return versionOf(bi)
}

// versionOf returns the version that build information gives.
func versionOf(bi *debug.BuildInfo) string {
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, at string
	modified := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if rev == "" {
		return "(devel)"
	}
	v := "(devel) " + rev[:min(12, len(rev))]
	if at != "" {
		v += " " + strings.TrimSuffix(at, "Z")
	}
	if modified {
		v += " with local changes"
	}
	return v
}

// cmdVersion prints l10n's version, and the Go version it was built with.
func cmdVersion(e *env, _ *options, _ []string) int {
	goVersion := ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		goVersion = ", " + bi.GoVersion
	}
	fmt.Fprintf(e.stdout, "l10n %s%s\n", version(), goVersion)
	return exitOK
}
