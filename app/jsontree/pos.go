package jsontree

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"eventlens/app/textpos"
)

// origin returns the offset just past a UTF-8 BOM at the start of src, or 0.
func origin(src []byte) int {
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		return 3
	}
	return 0
}

// PosAt returns the position of a byte offset of d.Src (clamped to the
// text), with Parse's line and column rules; the bytes of a BOM are at 1:1.
func (d *Doc) PosAt(offset int) Pos {
	if d == nil {
		return Pos{Line: 1, Column: 1}
	}
	return position(d.Src, d.Lines(), d.ascii, offset)
}

// Lines returns the line-start index of d.Src: what textpos.NewLines gives
// for it (the first line starts at 0, before a BOM). Parse builds it while
// it decodes, so a caller that shows d.Src by lines need not scan it
// again. The index belongs to d: do not modify it.
func (d *Doc) Lines() textpos.Lines {
	if d == nil {
		return textpos.Lines{0}
	}
	if d.lines == nil {
		return textpos.NewLines(asString(d.Src))
	}
	return d.lines
}

// position returns the position of byte offset off of src (clamped to it)
// from the start of every line up to off; ascii says src holds only ASCII
// after a BOM, so that columns are byte counts.
func position(src []byte, lines textpos.Lines, ascii bool, off int) Pos {
	off = max(min(off, len(src)), 0)
	o := origin(src)
	if off <= o {
		return Pos{Offset: off, Line: 1, Column: 1} // a BOM's bytes are at 1:1
	}
	k := lines.Line(off)
	start := max(lines[k], o)
	col := 1 + off - start
	if !ascii {
		col = 1 + utf8.RuneCount(src[start:off])
	}
	return Pos{Offset: off, Line: k + 1, Column: col}
}

// excerptWidth is about how many code points of a long line Excerpt shows.
const excerptWidth = 100

// excerptReach is how many bytes either side of a place Excerpt reads:
// excerptWidth code points of up to utf8.UTFMax bytes, and one more.
const excerptReach = (excerptWidth + 1) * utf8.UTFMax

// Excerpt returns the source line holding p.Offset and, below it, a caret
// under p's place, e.g. "    \"id\": 12,\n          ^". Tabs are kept (and
// repeated in the caret line so the caret lines up), other control
// characters and invalid bytes are shown as visible symbols, and a line
// longer than about 100 code points is cut around the place, with "…"
// where text was left out.
func Excerpt(src []byte, p Pos) string {
	off := max(min(p.Offset, len(src)), 0)
	// Look at most excerptReach bytes either side of the place: enough for
	// excerptWidth code points however they are encoded, so that one call
	// costs the width, not the line (a minified payload is one long line).
	from := max(off-excerptReach, 0)
	start, cutLeft := from, false
	switch nl := bytes.LastIndexByte(src[from:off], '\n'); {
	case nl >= 0:
		start = from + nl + 1
	case from == 0:
		start = min(origin(src), off)
	default:
		// A line longer than the reach: start at a character's first byte.
		cutLeft = true
		for k := 0; k < utf8.UTFMax && start < off && !utf8.RuneStart(src[start]); k++ {
			start++
		}
	}
	to := min(off+excerptReach, len(src))
	end, cutRight := to, to < len(src)
	if j := bytes.IndexByte(src[off:to], '\n'); j >= 0 {
		end, cutRight = off+j, false
	}
	if !cutRight && end > start && src[end-1] == '\r' && end-1 >= off {
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
	if len(runes) > excerptWidth || cutLeft || cutRight {
		lo = max(caret-excerptWidth/2, 0)
		hi = min(lo+excerptWidth, len(runes))
		lo = max(min(lo, hi-excerptWidth), 0)
	}
	var b strings.Builder
	var pad []rune
	if lo > 0 || cutLeft {
		b.WriteString("…")
		pad = append(pad, ' ')
	}
	b.WriteString(string(runes[lo:hi]))
	if hi < len(runes) || cutRight {
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
