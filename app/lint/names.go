package lint

import (
	"sort"

	"eventlens/app/catalog"
)

// fold normalises a member name for "did you mean" matching: ASCII letters
// lower-cased, and the separators '_', '-', '.' and ' ' dropped, so that
// "EventType", "event_type" and "eventtype" all fold to "eventtype".
func fold(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '_' || c == '-' || c == '.' || c == ' ':
		case 'A' <= c && c <= 'Z':
			b = append(b, c+'a'-'A')
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

// maxEdits is how many edits a name may be from a known name of length n
// and still count as its misspelling: one for short names, two otherwise.
func maxEdits(n int) int {
	if n <= 5 {
		return 1
	}
	return 2
}

// nearby returns the names of known that name likely misspells, nearest
// first: those equal to it once folded, then those within maxEdits of it.
func nearby(name string, known []string) []string {
	f := fold(name)
	type cand struct {
		name string
		dist int
	}
	var cands []cand
	for _, k := range known {
		fk := fold(k)
		limit := maxEdits(len(fk))
		if len(f)-len(fk) > limit || len(fk)-len(f) > limit {
			continue // the distance is at least the difference in length
		}
		if d := catalog.Distance(f, fk); d <= limit {
			cands = append(cands, cand{k, d})
		}
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].dist < cands[j].dist })
	out := make([]string, len(cands))
	for i, c := range cands {
		out[i] = c.name
	}
	return out
}

// closest returns the name of known that name most likely misspells.
func closest(name string, known []string) (string, bool) {
	if c := nearby(name, known); len(c) > 0 {
		return c[0], true
	}
	return "", false
}
