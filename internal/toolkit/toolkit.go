// Package toolkit finds the third-party command-line tools that tests run
// against l10n's output (Translate Toolkit, gettext): a test that needs
// one is skipped on a machine without it, and fails under CI (CI=true),
// where .ci/run installs them.
package toolkit

import (
	"bufio"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Command returns the path of a command, or skips the test (fails it
// under CI); pkg names the Debian package that installs it.
func Command(t testing.TB, name, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		missing(t, name+" is not installed (apt-get install "+pkg+"; .ci/run installs it)")
	}
	return path
}

// Python returns a Python interpreter that imports Translate Toolkit's
// modules: the one its po2tmx script runs with (Debian's python3, which
// may not be the first python3 on PATH), else python3.
func Python(t testing.TB) string {
	t.Helper()
	script := Command(t, "po2tmx", "translate-toolkit")
	var candidates []string
	if f, err := os.Open(script); err == nil {
		line, _ := bufio.NewReader(f).ReadString('\n')
		f.Close()
		if s, ok := strings.CutPrefix(strings.TrimSpace(line), "#!"); ok {
			if fields := strings.Fields(s); len(fields) > 0 && !strings.HasSuffix(fields[0], "/env") {
				candidates = append(candidates, fields[0])
			}
		}
	}
	candidates = append(candidates, "python3")
	for _, c := range candidates {
		if err := exec.Command(c, "-c", "import translate.storage.tmx, translate.storage.tbx").Run(); err == nil {
			return c
		}
	}
	missing(t, "no Python interpreter imports Translate Toolkit (apt-get install translate-toolkit)")
	return ""
}

func missing(t testing.TB, msg string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}
