package jsontree

import (
	"fmt"
	"unicode/utf16"
	"unicode/utf8"

	"eventlens/app/ascii"
	"eventlens/app/vocab"
)

// scanString reads the string whose opening quote is at p.i and returns its
// decoded text; p.i moves past the closing quote.
func (p *parser) scanString() (string, *SyntaxError) {
	start := p.i + 1
	if i := ascii.StringBody(p.text, start); i < len(p.text) {
		switch c := p.text[i]; c {
		case '"':
			p.i = i + 1
			return p.text[start:i], nil
		case '\\':
			return p.scanEscaped(start, i)
		default:
			return "", p.controlErr(i)
		}
	}
	return "", p.syntax(p.i, len(p.text), "unterminated string: the input ends inside it: add the closing '\"'")
}

func (p *parser) controlErr(i int) *SyntaxError {
	c := p.src[i]
	switch c {
	case '\n', '\r':
		return p.syntax(i, i+1, "line break inside a string: close the string with '\"' before the end of the line, or write the break as \\n")
	case '\t':
		return p.syntax(i, i+1, "tab character inside a string: JSON strings cannot hold raw control characters: write it as \\t")
	}
	return p.syntax(i, i+1, fmt.Sprintf("control character U+%04X inside a string: JSON strings cannot hold raw control characters: write it as \\u%04x", c, c))
}

// scanEscaped decodes a string from start (after its quote) whose first
// backslash is at i.
func (p *parser) scanEscaped(start, i int) (string, *SyntaxError) {
	src := p.src
	b := append(p.buf[:0], src[start:i]...)
	for i < len(src) {
		c := src[i]
		switch {
		case c == '"':
			p.i = i + 1
			p.buf = b
			return string(b), nil
		case c < 0x20:
			return "", p.controlErr(i)
		case c != '\\':
			// Copy the run up to the next quote, backslash or control byte.
			j := ascii.StringBody(p.text, i+1)
			b = append(b, src[i:j]...)
			i = j
			continue
		}
		if i+1 >= len(src) {
			break
		}
		e := src[i+1]
		switch e {
		case '"', '\\', '/':
			b = append(b, e)
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r, ok := hex4(src, i+2)
			if !ok {
				end := min(i+6, len(src))
				return "", p.syntax(i, end, fmt.Sprintf("invalid escape %s: \\u must be followed by 4 hex digits (0-9, a-f), e.g. \\u00e9", quoteWord(safeText(src[i:end]))))
			}
			if utf16.IsSurrogate(r) {
				if r2, ok := hex4(src, i+8); ok && r < 0xDC00 && i+7 < len(src) && src[i+6] == '\\' && src[i+7] == 'u' {
					if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
						b = utf8.AppendRune(b, dec)
						i += 12
						continue
					}
				}
				if pos := p.pos(i); p.keepNote(vocab.JSONLoneSurrogate, pos, i+6) {
					p.notes = append(p.notes, Note{Code: vocab.JSONLoneSurrogate,
						Pos: pos, End: i + 6, Pointer: p.pointer(true),
						Message: fmt.Sprintf("\\u%04X is half of a UTF-16 surrogate pair without its other half: it decodes as U+FFFD (�): write the character itself, or the full pair", r)})
				}
				r = utf8.RuneError
			}
			b = utf8.AppendRune(b, r)
			i += 6
			continue
		default:
			r, _ := utf8.DecodeRune(src[i+1:])
			esc := "\\" + string(r)
			if r < 0x20 {
				esc = fmt.Sprintf("\\ followed by U+%04X", r)
			}
			return "", p.syntax(i, i+2, fmt.Sprintf("invalid escape %s in a string: valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX; to write a backslash, double it (\\\\)", quoteWord(esc)))
		}
		i += 2
	}
	return "", p.syntax(p.i, len(p.text), "unterminated string: the input ends inside it: add the closing '\"'")
}

// safeText returns b as text for a message, without control characters.
func safeText(b []byte) string {
	out := make([]rune, 0, len(b))
	for _, r := range string(b) {
		if r < 0x20 || r == 0x7F {
			r = utf8.RuneError
		}
		out = append(out, r)
	}
	return string(out)
}

// hex4 decodes the 4 hex digits at src[i:i+4].
func hex4(src []byte, i int) (rune, bool) {
	if i+4 > len(src) {
		return 0, false
	}
	var r rune
	for _, c := range src[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}
