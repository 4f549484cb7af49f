package highlight

// Segment is a run of whole lines of a text, marked or not.
type Segment struct {
	Marked bool
	Folded bool   // unchanged lines a view may hide (Fold)
	Text   string // the lines, each with its newline
	Line   int    // 1-based number of the first line
	Lines  int    // the number of lines, for a Folded segment
}

// Lines splits text into runs of unmarked lines and single marked lines
// (marked holds 1-based line numbers, in any order), so a view needs one
// element per marked line, not one per line. When more than maxMarked
// lines are marked, ok is false and the text should be shown whole.
func Lines(text string, marked []int, maxMarked int) (segs []Segment, ok bool) {
	if len(marked) > maxMarked {
		return nil, false
	}
	set := make(map[int]bool, len(marked))
	for _, l := range marked {
		set[l] = true
	}
	runFrom, runLine := 0, 1
	line, start := 1, 0
	for start < len(text) {
		end := start
		for end < len(text) && text[end] != '\n' {
			end++
		}
		if end < len(text) {
			end++ // keep the newline with its line
		}
		if set[line] {
			if runFrom < start {
				segs = append(segs, Segment{Text: text[runFrom:start], Line: runLine})
			}
			segs = append(segs, Segment{Marked: true, Text: text[start:end], Line: line})
			runFrom, runLine = end, line+1
		}
		line++
		start = end
	}
	if runFrom < len(text) {
		segs = append(segs, Segment{Text: text[runFrom:], Line: runLine})
	}
	return segs, true
}
