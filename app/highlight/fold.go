package highlight

import "strings"

// Fold splits the unmarked runs of segs (as Lines returns them) so that
// only keep lines of context stay around each marked line: a longer run
// of at least minFold lines between them becomes a Folded segment, which
// a view shows as "n unchanged lines" until asked. Without any marked
// line nothing is folded.
func Fold(segs []Segment, keep, minFold int) []Segment {
	marked := false
	for _, s := range segs {
		marked = marked || s.Marked
	}
	if !marked {
		return segs
	}
	out := make([]Segment, 0, len(segs)+4)
	for i, s := range segs {
		if s.Marked {
			out = append(out, s)
			continue
		}
		lines := splitLines(s.Text)
		head, tail := keep, keep
		if i == 0 {
			head = 0 // nothing before it to give context to
		}
		if i == len(segs)-1 {
			tail = 0
		}
		if len(lines)-head-tail < minFold {
			out = append(out, s)
			continue
		}
		line := s.Line
		if head > 0 {
			out = append(out, Segment{Text: strings.Join(lines[:head], ""), Line: line})
		}
		mid := lines[head : len(lines)-tail]
		out = append(out, Segment{Folded: true, Text: strings.Join(mid, ""), Line: line + head, Lines: len(mid)})
		if tail > 0 {
			out = append(out, Segment{Text: strings.Join(lines[len(lines)-tail:], ""), Line: line + len(lines) - tail})
		}
	}
	return out
}

// splitLines splits s after each newline (the last line may lack one).
func splitLines(s string) []string {
	lines := strings.SplitAfter(s, "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}
