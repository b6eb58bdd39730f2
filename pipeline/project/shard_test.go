package project

import (
	"fmt"
	"testing"
)

func TestParseShard(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Shard
		ok   bool
	}{
		{"1/1", Shard{1, 1}, true},
		{"2/4", Shard{2, 4}, true},
		{"4/4", Shard{4, 4}, true},
		{"0/4", Shard{}, false},
		{"5/4", Shard{}, false},
		{"1/0", Shard{}, false},
		{"-1/4", Shard{}, false},
		{"2", Shard{}, false},
		{"a/b", Shard{}, false},
		{"", Shard{}, false},
	} {
		got, err := ParseShard(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParseShard(%q) = %v, %v; want %v, ok %v", c.in, got, err, c.want, c.ok)
		}
	}
}

// TestShardSplit: every article is in exactly one shard, the shards are
// near even, and adding articles moves none of the others.
func TestShardSplit(t *testing.T) {
	const n = 4
	slugs := make([]string, 4000)
	for i := range slugs {
		slugs[i] = fmt.Sprintf("article-%d", i)
	}
	where := map[string]int{}
	for i := 1; i <= n; i++ {
		got := Shard{i, n}.Of(slugs)
		if len(got) < len(slugs)/n*9/10 || len(got) > len(slugs)/n*11/10 {
			t.Errorf("shard %d/%d has %d of %d articles", i, n, len(got), len(slugs))
		}
		for _, s := range got {
			if j, ok := where[s]; ok {
				t.Errorf("%s is in shards %d and %d", s, j, i)
			}
			where[s] = i
		}
	}
	if len(where) != len(slugs) {
		t.Errorf("%d of %d articles in a shard", len(where), len(slugs))
	}
	more := append([]string{"a-new-one", "zzz"}, slugs...)
	for i := 1; i <= n; i++ {
		for _, s := range (Shard{i, n}).Of(more) {
			if j, ok := where[s]; ok && j != i {
				t.Errorf("%s moved from shard %d to %d when articles were added", s, j, i)
			}
		}
	}
	if got := (Shard{}).Of(slugs); len(got) != len(slugs) {
		t.Errorf("the zero shard has %d of %d articles", len(got), len(slugs))
	}
}
