package textpos

import "strings"

// Lines is a line-start index: the byte offset at which each line of a
// text starts, in increasing order, the first one 0. A line ends just past
// its '\n' ("\r\n" is one break, a lone '\r' is none), so a text with n
// '\n' has n+1 lines, the last one empty when the text ends with '\n'.
//
// It is eventlens's one line index: jsontree builds it while it decodes
// (Doc.Lines) and finds positions with it, Index builds on it, and the UI's
// large view draws its lines from the one Measure builds as it measures a
// pasted text. It lives in this package, which
// imports nothing of eventlens, so that jsontree can use it without the
// UI's text helpers depending on the JSON decoder.
type Lines []int

// NewLines returns the line-start index of text.
func NewLines(text string) Lines {
	x := make(Lines, 1, strings.Count(text, "\n")+1)
	for i := 0; ; {
		k := strings.IndexByte(text[i:], '\n')
		if k < 0 {
			return x
		}
		i += k + 1
		x = append(x, i)
	}
}

// Line returns the 0-based line holding byte offset off: the last line
// that starts at or before off. Offsets before the text are on the first
// line, offsets past its end on the last.
func (x Lines) Line(off int) int {
	lo, hi := 0, len(x)-1
	for lo < hi {
		mid := int(uint(lo+hi+1) >> 1)
		if x[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return max(lo, 0)
}
