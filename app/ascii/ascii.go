// Package ascii finds the end of runs of plain ASCII bytes eight bytes at a
// time: the scans that decoding, re-encoding and checking JSON strings make
// over every string of a payload, where the bytes that need a closer look
// (a quote, a backslash, a control character, the start of a multi-byte
// character) are rare.
//
// Each word of eight bytes is tested with exact carry-free arithmetic: a
// test never misses a byte of the class it looks for, and a word with such
// a byte is then read byte by byte.
package ascii

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// Word returns the eight bytes of s from i as a little-endian word; s must
// hold them.
func Word(s string, i int) uint64 {
	t := s[i : i+8]
	return uint64(t[0]) | uint64(t[1])<<8 | uint64(t[2])<<16 | uint64(t[3])<<24 |
		uint64(t[4])<<32 | uint64(t[5])<<40 | uint64(t[6])<<48 | uint64(t[7])<<56
}

// below has the high bit of some byte set when a byte of w is below n
// (n ≤ 0x80), and of none when none is: bits may be set above such a byte,
// never in a word without one.
func below(w uint64, n byte) uint64 { return (w - ones*uint64(n)) &^ w & highs }

// equal has the high bit of some byte set when a byte of w is c, and of
// none when none is.
func equal(w uint64, c byte) uint64 { return below(w^(ones*uint64(c)), 1) }

// stop has a high bit set when a byte of w is '"', '\\' or a control
// character below 0x20: where the source of a JSON string needs a closer
// look.
func stop(w uint64) uint64 { return equal(w, '"') | equal(w, '\\') | below(w, 0x20) }

// Run returns the index of the first byte of s at or after i that is not
// ASCII, 0x80 or above (len(s) when there is none).
func Run(s string, i int) int {
	for i+8 <= len(s) && Word(s, i)&highs == 0 {
		i += 8
	}
	for i < len(s) && s[i] < 0x80 {
		i++
	}
	return i
}

// StringBody returns the index of the first byte of s at or after i that is
// '"', '\\' or below 0x20 (len(s) when there is none): the run of a JSON
// string's source that decodes to itself.
func StringBody(s string, i int) int {
	for i+8 <= len(s) && stop(Word(s, i)) == 0 {
		i += 8
	}
	for i < len(s) && s[i] != '"' && s[i] != '\\' && s[i] >= 0x20 {
		i++
	}
	return i
}

// Unescaped returns the index of the first byte of s at or after i that a
// JSON encoder does not copy as it is (len(s) when there is none): '"',
// '\\', a control character, or a byte of a multi-byte character, which
// needs decoding to be judged.
func Unescaped(s string, i int) int {
	for i+8 <= len(s) {
		if w := Word(s, i); w&highs != 0 || stop(w) != 0 {
			break
		}
		i += 8
	}
	for i < len(s) && s[i] >= 0x20 && s[i] < 0x80 && s[i] != '"' && s[i] != '\\' {
		i++
	}
	return i
}

// Printable returns the index of the first byte of s at or after i that is
// not printable ASCII, 0x20 to 0x7E (len(s) when there is none).
func Printable(s string, i int) int {
	for i+8 <= len(s) {
		if w := Word(s, i); w&highs != 0 || below(w, 0x20)|equal(w, 0x7F) != 0 {
			break
		}
		i += 8
	}
	for i < len(s) && s[i] >= 0x20 && s[i] < 0x7F {
		i++
	}
	return i
}
