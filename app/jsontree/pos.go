package jsontree

import (
	"bytes"
	"sort"
	"strings"
	"unicode/utf8"
)

// locator turns byte offsets into positions; it is fast when offsets are
// asked in increasing order, as the parser does.
type locator struct {
	src    []byte
	origin int // offset where line 1, column 1 is (after a BOM)
	off    int // the last position computed
	line   int
	col    int
}

// at returns the position of byte offset off.
func (l *locator) at(off int) Pos {
	off = max(off, l.origin)
	off = min(off, len(l.src))
	if off < l.off {
		l.off, l.line, l.col = l.origin, 1, 1
	}
	src := l.src
	line, col := l.line, l.col
	for i := l.off; i < off; i++ {
		c := src[i]
		if c == '\n' {
			line++
			col = 1
		} else if c&0xC0 != 0x80 {
			col++
		}
	}
	l.off, l.line, l.col = off, line, col
	return Pos{Offset: off, Line: line, Column: col}
}

// origin returns the offset just past a UTF-8 BOM at the start of src, or 0.
func origin(src []byte) int {
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		return 3
	}
	return 0
}

// lineStarts returns the offset where each line starts; line 1 starts at
// from (after a BOM).
func lineStarts(src []byte, from int) []int {
	lines := make([]int, 1, 1+bytes.Count(src[from:], []byte{'\n'}))
	lines[0] = from
	for i := from; ; {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			return lines
		}
		i += j + 1
		lines = append(lines, i)
	}
}

// PosAt returns the position of a byte offset of d.Src (clamped to the
// text), with Parse's line and column rules; the bytes of a BOM are at 1:1.
func (d *Doc) PosAt(offset int) Pos {
	if d == nil {
		return Pos{Line: 1, Column: 1}
	}
	lines := d.lines
	if lines == nil {
		lines = lineStarts(d.Src, origin(d.Src))
	}
	offset = max(min(offset, len(d.Src)), 0)
	if offset <= lines[0] {
		return Pos{Offset: offset, Line: 1, Column: 1} // a BOM's bytes are at 1:1
	}
	k := sort.Search(len(lines), func(i int) bool { return lines[i] > offset }) - 1
	start := lines[k]
	col := 1 + offset - start
	if !d.ascii {
		col = 1 + utf8.RuneCount(d.Src[start:offset])
	}
	return Pos{Offset: offset, Line: k + 1, Column: col}
}

// excerptWidth is about how many code points of a long line Excerpt shows.
const excerptWidth = 100

// Excerpt returns the source line holding p.Offset and, below it, a caret
// under p's place, e.g. "    \"id\": 12,\n          ^". Tabs are kept (and
// repeated in the caret line so the caret lines up), other control
// characters and invalid bytes are shown as visible symbols, and a line
// longer than about 100 code points is cut around the place, with "…"
// where text was left out.
func Excerpt(src []byte, p Pos) string {
	off := max(min(p.Offset, len(src)), 0)
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	if start == 0 {
		start = min(origin(src), off)
	}
	end := len(src)
	if j := bytes.IndexByte(src[off:], '\n'); j >= 0 {
		end = off + j
	}
	if end > start && src[end-1] == '\r' && end-1 >= off {
		end--
	}
	// Decode the line into runes, noting which rune the offset falls on.
	runes := make([]rune, 0, end-start)
	caret := -1
	for i := start; i < end; {
		if i >= off && caret < 0 {
			caret = len(runes)
		}
		r, size := utf8.DecodeRune(src[i:end])
		switch {
		case r == '\t':
		case r < 0x20:
			r = 0x2400 + r // control pictures: ␀ … ␟
		case r == 0x7F:
			r = 0x2421 // ␡
		}
		runes = append(runes, r)
		i += size
	}
	if caret < 0 {
		caret = len(runes)
	}
	lo, hi := 0, len(runes)
	if len(runes) > excerptWidth {
		lo = max(caret-excerptWidth/2, 0)
		hi = min(lo+excerptWidth, len(runes))
		lo = max(min(lo, hi-excerptWidth), 0)
	}
	var b strings.Builder
	var pad []rune
	if lo > 0 {
		b.WriteString("…")
		pad = append(pad, ' ')
	}
	b.WriteString(string(runes[lo:hi]))
	if hi < len(runes) {
		b.WriteString("…")
	}
	b.WriteByte('\n')
	for _, r := range runes[lo:caret] {
		if r == '\t' {
			pad = append(pad, '\t')
		} else {
			pad = append(pad, ' ')
		}
	}
	b.WriteString(string(pad))
	b.WriteByte('^')
	return b.String()
}
