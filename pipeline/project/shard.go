package project

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
)

// Shard is one of Count parts of a project's articles, numbered from 1,
// so that several machines (a CI matrix, a Kubernetes Indexed Job) share
// a run: an article is in the shard of the FNV-1a hash of its slug, so
// the split is the same on every machine and an article keeps its shard
// when others are added or removed. The zero Shard is every article.
type Shard struct {
	Index, Count int
}

// ParseShard reads a shard written i/n, 1 ≤ i ≤ n.
func ParseShard(s string) (Shard, error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return Shard{}, fmt.Errorf("shard %q: want i/n with 1 ≤ i ≤ n, such as 2/4", s)
	}
	return Shard{Index: i, Count: n}, nil
}

// String returns the shard as i/n, or "" for every article.
func (s Shard) String() string {
	if s.Count == 0 {
		return ""
	}
	return strconv.Itoa(s.Index) + "/" + strconv.Itoa(s.Count)
}

// Sharded reports whether s is a part of the articles rather than all.
func (s Shard) Sharded() bool { return s.Count > 1 }

// Has reports whether an article is in the shard.
func (s Shard) Has(slug string) bool {
	if !s.Sharded() {
		return true
	}
	h := fnv.New64a()
	h.Write([]byte(slug))
	return int(h.Sum64()%uint64(s.Count)) == s.Index-1
}

// Of returns the slugs in the shard, in their order.
func (s Shard) Of(slugs []string) []string {
	if !s.Sharded() {
		return slugs
	}
	var out []string
	for _, slug := range slugs {
		if s.Has(slug) {
			out = append(out, slug)
		}
	}
	return out
}
