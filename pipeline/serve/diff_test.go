package serve

import (
	"strings"
	"testing"
)

func TestWordDiff(t *testing.T) {
	tests := []struct {
		old, new string
		want     string // kept text, [-deleted-] and {+inserted+}
	}{
		{"about 3,767 prisoners", "about 3,800 prisoners", "about [-3,767-]{+3,800+} prisoners"},
		{"The committee met.", "The committee met twice.", "The committee met{+ twice+}."},
		{"have been [returned](#) home", "have been [brought](#) home", "have been [[-returned-]{+brought+}](#) home"},
		{"same", "same", "same"},
		{"", "new text", "{+new text+}"},
		{"Kyiv  and Moscow", "Kyiv and Moscow", "Kyiv[-  -]{+ +}and Moscow"},
	}
	for _, tt := range tests {
		var b strings.Builder
		for _, p := range wordDiff(tt.old, tt.new) {
			switch p.Op {
			case "del":
				b.WriteString("[-" + p.Text + "-]")
			case "ins":
				b.WriteString("{+" + p.Text + "+}")
			default:
				b.WriteString(p.Text)
			}
		}
		if got := b.String(); got != tt.want {
			t.Errorf("wordDiff(%q, %q) = %q, want %q", tt.old, tt.new, got, tt.want)
		}
	}
}

// TestTokensGiveTheTextBack: the tokens of a text joined are the text.
func TestTokensGiveTheTextBack(t *testing.T) {
	for _, s := range []string{"", " ", "In total, about 3,767 Ukrainian [prisoners](#) — «Ахмат».\n**TASS**", "пʼятдесяти… (25)"} {
		if got := strings.Join(tokens(s), ""); got != s {
			t.Errorf("tokens(%q) joined = %q", s, got)
		}
	}
}
