package pipelinetest_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/l10n-dev/l10n/internal/corpus"
	"github.com/l10n-dev/l10n/pipeline/build"
	"github.com/l10n-dev/l10n/pipeline/check"
	"github.com/l10n-dev/l10n/pipeline/extract"
	"github.com/l10n-dev/l10n/pipeline/lint"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// writeTree writes files (relative paths to content) under a new folder
// and opens it as a project.
func writeTree(t *testing.T, files map[string]string) *project.Project {
	t.Helper()
	dir := t.TempDir()
	corpus.WriteFiles(t, dir, files)
	p, err := project.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// shardRun runs extract, check and build on a copy of files, in a shard
// (the zero Shard: all), as one machine of a CI matrix does, and returns
// the project's files afterwards and check's findings as JSON lines.
func shardRun(t *testing.T, files map[string]string, s project.Shard) (map[string]string, []string) {
	t.Helper()
	p := writeTree(t, files)
	p.Shard = s
	if _, err := extract.Run(p, extract.Options{}); err != nil {
		t.Fatal(err)
	}
	var found []string
	if _, err := lint.Run(p, lint.Options{Emit: func(f check.Finding) error {
		b, _ := json.Marshal(f)
		found = append(found, string(b))
		return nil
	}}); err != nil {
		t.Fatal(err)
	}
	if _, err := build.Run(p, build.Options{}); err != nil {
		t.Fatal(err)
	}
	return corpus.Files(t, p.Root), found
}

// TestShardsUnion: extract, check and build in each of n shards, each on
// a machine of its own (a copy of the project), give together what one
// run gives: the union of the shards' files (with a build over it for the
// index pages, which reuses every edition) is the single run's files, and
// the union of their findings is its findings. The project has a finding
// across articles (consistency) and an article renamed without its
// catalogs, which extract recognises across shards.
func TestShardsUnion(t *testing.T) {
	p := recordsProject(t)
	if err := os.RemoveAll(p.Abs("out")); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(p.Abs(project.ArticlePath("a03")), p.Abs(project.ArticlePath("a03-renamed"))); err != nil {
		t.Fatal(err)
	}
	for i := 6; i < 12; i++ {
		src := fmt.Sprintf("# Article %d\n\nA new article, number %d, with its own words.\n\n- second item\n", i, i)
		write(t, p.Abs(project.ArticlePath(fmt.Sprintf("b%02d", i))), src)
	}
	files := corpus.Files(t, p.Root)
	single, singleFound := shardRun(t, files, project.Shard{})
	if _, ok := single[project.CatalogPath("a03-renamed", "uk")]; !ok {
		t.Fatal("the single run did not recognise the renamed article")
	}
	if !slices.ContainsFunc(singleFound, func(f string) bool { return strings.Contains(f, `"check":"consistency"`) }) {
		t.Fatal("the project has no finding across articles")
	}
	for _, n := range []int{2, 3, 5} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			union := map[string]string{}
			for k, v := range files {
				union[k] = v
			}
			var found []string
			for i := 1; i <= n; i++ {
				got, f := shardRun(t, files, project.Shard{Index: i, Count: n})
				found = append(found, f...)
				for k, v := range got {
					if old, ok := files[k]; !ok || old != v {
						if w, ok := union[k]; ok && w != v && files[k] != w {
							t.Errorf("shards %d/%d and another wrote %s differently", i, n, k)
						}
						union[k] = v
					}
				}
				for k := range files {
					if _, ok := got[k]; !ok {
						delete(union, k)
					}
				}
			}
			slices.Sort(found)
			want := slices.Sorted(slices.Values(singleFound))
			if !slices.Equal(found, want) {
				t.Errorf("the shards found %d findings, the single run %d:\n%s\nwant\n%s", len(found), len(want), strings.Join(found, "\n"), strings.Join(want, "\n"))
			}
			// The join: a build over the shards' editions writes the
			// index pages and nothing else.
			j := writeTree(t, union)
			res, err := build.Run(j, build.Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range res.Written {
				if filepath.Base(w) != "index.html" {
					t.Errorf("the joining build wrote %s", w)
				}
			}
			joined := corpus.Files(t, j.Root)
			for _, tree := range []map[string]string{joined, single} {
				for k := range tree {
					if strings.HasPrefix(k, project.CacheDir+string(filepath.Separator)) {
						delete(tree, k)
					}
				}
			}
			sameTree(t, single, joined)
		})
	}
}
