// Package textpos converts between the three ways eventlens names a place
// in a payload's text: UTF-8 byte offsets (the engine's diagnostics), UTF-16
// code-unit indices (a browser textarea's selectionStart/End), and 1-based
// line and column counted in code points (what people read). Lines, the
// line-start index, is shared by the engine (jsontree) and the UI.
package textpos

import (
	"math/bits"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"eventlens/app/ascii"
)

// Index answers position questions about one text. Build it once per text
// with New; each query then costs one line's length, not the whole text's.
type Index struct {
	src   string
	lines Lines // byte offset of each line's first byte
	units []int // UTF-16 index of each line's first byte
}

// New indexes src. Invalid UTF-8 bytes count as one code point and one
// UTF-16 unit each, as a browser shows them (U+FFFD).
func New(src string) *Index {
	x := &Index{src: src, lines: NewLines(src)}
	x.units = make([]int, len(x.lines))
	for k := 1; k < len(x.lines); k++ {
		x.units[k] = x.units[k-1] + UTF16Len(src[x.lines[k-1]:x.lines[k]])
	}
	return x
}

// unitsOf returns how many UTF-16 code units r takes.
func unitsOf(r rune) int {
	if n := utf16.RuneLen(r); n > 0 {
		return n
	}
	return 1
}

// Len returns the text's length in UTF-16 code units.
func (x *Index) Len() int { return x.UTF16(len(x.src)) }

// clamp keeps a byte offset inside the text and moves it back to the start
// of the code point it falls in.
func (x *Index) clamp(off int) int {
	if off <= 0 {
		return 0
	}
	if off >= len(x.src) {
		return len(x.src)
	}
	start := off
	for k := 0; k < utf8.UTFMax-1 && start > 0 && !utf8.RuneStart(x.src[start]); k++ {
		start--
	}
	if start == off {
		return off
	}
	// off is inside a character only if a valid one starts at start and
	// reaches past off; otherwise each stray byte counts on its own.
	if r, size := utf8.DecodeRuneInString(x.src[start:]); (r != utf8.RuneError || size > 1) && start+size > off {
		return start
	}
	return off
}

// UTF16 converts a byte offset into a UTF-16 index, for a textarea's
// setSelectionRange. Offsets outside the text are clamped to it; an offset
// inside a multi-byte character maps to that character's start.
func (x *Index) UTF16(off int) int {
	off = x.clamp(off)
	l := x.lines.Line(off)
	u := x.units[l]
	for i := x.lines[l]; i < off; {
		r, size := utf8.DecodeRuneInString(x.src[i:])
		if i+size > off {
			break
		}
		i += size
		u += unitsOf(r)
	}
	return u
}

// Byte converts a UTF-16 index (a textarea's selectionStart) into a byte
// offset. Indices outside the text are clamped to it; an index between the
// two halves of a surrogate pair maps to the pair's start.
func (x *Index) Byte(u int) int {
	if u <= 0 {
		return 0
	}
	// The last line whose first unit is at or before u.
	lo, hi := 0, len(x.units)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if x.units[mid] <= u {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	i, at := x.lines[lo], x.units[lo]
	for i < len(x.src) && at < u {
		r, size := utf8.DecodeRuneInString(x.src[i:])
		n := unitsOf(r)
		if at+n > u {
			break
		}
		at += n
		i += size
	}
	return i
}

// LineCol returns the 1-based line and column (in code points) of a byte
// offset, clamped to the text.
func (x *Index) LineCol(off int) (line, col int) {
	off = x.clamp(off)
	l := x.lines.Line(off)
	return l + 1, utf8.RuneCountInString(x.src[x.lines[l]:off]) + 1
}

// Lines returns the number of lines of the text (a text without a newline
// has one line).
func (x *Index) Lines() int { return len(x.lines) }

// UTF16Len returns the length of s in UTF-16 code units.
func UTF16Len(s string) int {
	n := 0
	for _, r := range s {
		n += unitsOf(r)
	}
	return n
}

// Measure returns s's length in UTF-16 code units, as UTF16Len does, and
// its line-start index, as NewLines does, in one pass: a pasted batch of
// megabytes is read once, not once for each. ASCII is read eight bytes at a
// time: in WebAssembly, which has no vectorised strings.Count, that is
// several times faster than a loop over the runes.
func Measure(s string) (units int, lines Lines) {
	const (
		high = 0x8080808080808080
		low7 = 0x7f7f7f7f7f7f7f7f
		nl   = 0x0a0a0a0a0a0a0a0a
	)
	lines = Lines{0}
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			w := ascii.Word(s, i)
			if w&high == 0 { // eight ASCII bytes: one unit each
				// The high bit of each byte of zero is set where w has a
				// '\n' (exactly: no carry crosses bytes).
				x := w ^ nl
				zero := ^((x&low7 + low7) | x | low7)
				for zero != 0 {
					lines = append(lines, i+bits.TrailingZeros64(zero)/8+1)
					zero &= zero - 1
				}
				units += 8
				i += 8
				continue
			}
		}
		if c := s[i]; c < utf8.RuneSelf {
			units++
			i++
			if c == '\n' {
				lines = append(lines, i)
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		units += unitsOf(r)
		i += size
	}
	return units, lines
}

// Splice describes how to turn old into new by replacing one range: the
// UTF-16 range [start, end) of old is replaced with text. The range is the
// smallest one around the difference, so the browser's undo history can
// record an edit (such as an applied fix) as one small change.
func Splice(old, new string) (start, end int, text string) {
	p := 0
	for p < len(old) && p < len(new) && old[p] == new[p] {
		p++
	}
	// Do not split a multi-byte character.
	for p > 0 && (p < len(old) && !utf8.RuneStart(old[p]) || p < len(new) && !utf8.RuneStart(new[p])) {
		p--
	}
	s := 0
	for s < len(old)-p && s < len(new)-p && old[len(old)-1-s] == new[len(new)-1-s] {
		s++
	}
	for s > 0 && (!utf8.RuneStart(old[len(old)-s]) || !utf8.RuneStart(new[len(new)-s])) {
		s--
	}
	start = UTF16Len(old[:p])
	end = start + UTF16Len(old[p:len(old)-s])
	return start, end, new[p : len(new)-s]
}

// LineColAt returns the 1-based line and column (in code points) of UTF-16
// index u of s, as New(s).LineCol(New(s).Byte(u)) does, in one pass over
// the text before u and without building an index: for a caret readout
// while the text changes with every keystroke.
func LineColAt(s string, u int) (line, col int) {
	// Up to the first non-ASCII byte a byte is a code unit and a code
	// point: count there with the string functions.
	k := ascii.Run(s[:max(0, min(u, len(s)))], 0)
	line = 1 + strings.Count(s[:k], "\n")
	col = k - strings.LastIndexByte(s[:k], '\n')
	at := k
	for i := k; i < len(s) && at < u; {
		if c := s[i]; c < utf8.RuneSelf {
			if c == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
			i, at = i+1, at+1
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		n := unitsOf(r)
		if at+n > u {
			break
		}
		i, at, col = i+size, at+n, col+1
	}
	return line, col
}

// PrefixBytes returns how many bytes of s its first u UTF-16 code units
// take, and false when u does not fall between two characters (it splits
// a surrogate pair, or lies past the text).
func PrefixBytes(s string, u int) (int, bool) {
	at := 0
	i := 0
	for i < len(s) && at < u {
		if s[i] < utf8.RuneSelf {
			// A run of ASCII, a code unit a byte, up to u at most.
			j := ascii.Run(s[:min(len(s), i+u-at)], i)
			i, at = j, at+j-i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i, at = i+size, at+unitsOf(r)
	}
	return i, at == u
}

// SuffixBytes returns how many bytes of s its last u UTF-16 code units
// take, and false when u does not fall between two characters.
func SuffixBytes(s string, u int) (int, bool) {
	at := 0
	i := len(s)
	for i > 0 && at < u {
		if s[i-1] < utf8.RuneSelf {
			i, at = i-1, at+1
			continue
		}
		r, size := utf8.DecodeLastRuneInString(s[:i])
		i, at = i-size, at+unitsOf(r)
	}
	return len(s) - i, at == u
}
