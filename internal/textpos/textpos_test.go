package textpos

import "testing"

func TestInvalidUTF8Line(t *testing.T) {
	tests := []struct {
		in   string
		line int
		bad  bool
	}{
		{"ok\nfine\n", 0, false},
		{"\xff", 1, true},
		{"a\nb\nc \xe2\x28\xa1\n", 3, true},
		{"«лапки»\n\xc0", 2, true},
	}
	for _, tc := range tests {
		line, bad := InvalidUTF8Line([]byte(tc.in))
		if line != tc.line || bad != tc.bad {
			t.Errorf("InvalidUTF8Line(%q) = %d, %v", tc.in, line, bad)
		}
	}
}
