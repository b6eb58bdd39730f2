package project

import "slices"

// Unique returns list without repeated entries, in order.
func Unique(list []string) []string {
	var out []string
	for _, s := range list {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
