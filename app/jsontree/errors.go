package jsontree

import (
	"eventlens/app/vocab"
	"fmt"
	"unicode/utf8"
)

// SyntaxError is a fatal decoding error with its place.
type SyntaxError struct {
	Code    vocab.Code // JSON0xx, declared in app/vocab
	Msg     string     // what is wrong and what was expected
	Pos     Pos
	End     int    // byte offset just past the offending text (at least Pos.Offset)
	Pointer string // pointer of the value being read when it failed (best effort)
	// Repair, when not nil, is the one edit that removes this error: a
	// missing comma inserted, a trailing comma removed.
	Repair *Repair
}

// Repair replaces the source bytes [Offset, End) with Text; Title says
// what it does ("Add the missing comma").
type Repair struct {
	Title  string
	Offset int
	End    int
	Text   string
}

// Error returns "line:col: msg".
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%d:%d: %s", e.Pos.Line, e.Pos.Column, e.Msg)
}

// errAt builds a SyntaxError at src[off:end].
func (p *parser) errAt(code vocab.Code, off, end int, pointer, msg string) *SyntaxError {
	end = max(end, off)
	for end < len(p.src) && end > off && p.src[end]&0xC0 == 0x80 {
		end++ // end on a character boundary
	}
	return &SyntaxError{Code: code, Msg: msg, Pos: p.pos(off), End: end, Pointer: pointer}
}

// syntax builds a JSON001 error at src[off:end], pointing at the value being read.
func (p *parser) syntax(off, end int, msg string) *SyntaxError {
	return p.errAt(vocab.JSONSyntax, off, end, p.pointer(true), msg)
}

// eofErr reports the end of input where want was expected.
func (p *parser) eofErr(want string) *SyntaxError {
	msg := "unexpected end of input: expected " + want
	if len(p.frames) > 0 {
		f := p.frames[len(p.frames)-1]
		what, closer := "object", "'}'"
		if f.n.Kind == Array {
			what, closer = "array", "']'"
		}
		msg += fmt.Sprintf(" (the %s opened at %d:%d is not closed: complete it and add %s)", what, f.n.Pos.Line, f.n.Pos.Column, closer)
	}
	return p.syntax(len(p.src), len(p.src), msg)
}

// afterErr reports a bad character after v, a member or element of f.
func (p *parser) afterErr(f *frame, v *Node, want string) *SyntaxError {
	off := p.i
	c := p.src[off]
	msg := fmt.Sprintf("expected %s, found %s", want, p.describe(off))
	switch {
	case c == '}' || c == ']':
		what, closer := "object", "'}'"
		if f.n.Kind == Array {
			what, closer = "array", "']'"
		}
		msg += fmt.Sprintf(": mismatched brackets: the %s opened at %d:%d must be closed with %s", what, f.n.Pos.Line, f.n.Pos.Column, closer)
	case c == '"' || c == '{' || c == '[' || c == '-' || c >= '0' && c <= '9' || c == 't' || c == 'f' || c == 'n':
		msg += ": a comma is missing: add ',' before it"
		e := p.syntax(off, off+1, msg)
		// The comma goes right after the value it follows, so that the
		// layout (a line break, the indentation) stays as it is.
		if v != nil && v.End > 0 && v.End <= off {
			e.Repair = &Repair{Title: "Add the missing comma", Offset: v.End, End: v.End, Text: ","}
		}
		return e
	case c == '/' && off+1 < len(p.src) && (p.src[off+1] == '/' || p.src[off+1] == '*'):
		msg += ": JSON does not allow comments: remove it"
	}
	return p.syntax(off, off+1, msg)
}

// trailingComma reports the comma at offset comma before the closer of
// an array or object, with the repair that removes it.
func (p *parser) trailingComma(comma int, closer string) *SyntaxError {
	e := p.syntax(comma, comma+1, "trailing comma before "+closer+": JSON does not allow it: remove the trailing comma")
	e.Repair = &Repair{Title: "Remove the trailing comma", Offset: comma, End: comma + 1}
	return e
}

// unexpectedValue reports a character that cannot start a value.
func (p *parser) unexpectedValue(off int) *SyntaxError {
	src := p.src
	c := src[off]
	switch {
	case c == '\'':
		return p.syntax(off, off+1, "found a single-quoted string: JSON strings use double quotes: replace ' with \"")
	case c == '/' && off+1 < len(src) && (src[off+1] == '/' || src[off+1] == '*'):
		return p.syntax(off, off+2, "found a comment: JSON does not allow comments: remove it")
	case c == '+':
		return p.syntax(off, off+1, "a number cannot start with '+': remove the '+'")
	case c == '.' && off+1 < len(src) && src[off+1] >= '0' && src[off+1] <= '9':
		return p.syntax(off, off+1, "a number cannot start with '.': write a 0 before the decimal point")
	case c == ',' && len(p.frames) > 0 && p.frames[len(p.frames)-1].n.Kind == Array:
		return p.syntax(off, off+1, "expected a value, found ',': remove the extra comma")
	case isWordByte(c):
		w := p.word(off)
		return p.syntax(off, off+len(w), wordMessage(w))
	}
	return p.syntax(off, off+1, "expected a value (object, array, string, number, true, false or null), found "+p.describe(off))
}

// wordMessage explains why the bare word w is not a JSON value.
func wordMessage(w string) string {
	lw := lower(w)
	switch {
	case lw == "true" || lw == "false" || lw == "null":
		return fmt.Sprintf("found %s: JSON literals are lower-case: write %s", quoteWord(w), lw)
	case lw == "nan" || lw == "infinity" || lw == "inf" || lw == "-infinity" || lw == "-inf":
		return fmt.Sprintf("found %s: NaN and Infinity are not JSON numbers: write null, or the value as a string", quoteWord(w))
	case lw == "undefined" || lw == "none" || lw == "nil":
		return fmt.Sprintf("found %s: JSON has no such literal: write null", quoteWord(w))
	}
	for _, lit := range []string{"true", "false", "null"} {
		if len(lw) >= 2 && (hasPrefix(lit, lw) || hasPrefix(lw, lit) || editDistance1(lw, lit)) {
			return fmt.Sprintf("invalid literal %s: did you mean %s?", quoteWord(w), lit)
		}
	}
	return fmt.Sprintf("found %s where a value was expected: strings must be in double quotes: write \"%s\"", quoteWord(w), w)
}

func hasPrefix(s, prefix string) bool { return len(s) >= len(prefix) && s[:len(prefix)] == prefix }

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// editDistance1 reports whether a and b differ by one substitution.
func editDistance1(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	d := 0
	for i := range len(a) {
		if a[i] != b[i] {
			d++
		}
	}
	return d == 1
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$'
}

// word returns the run of word bytes (and number punctuation) at off, at
// most 24 bytes.
func (p *parser) word(off int) string {
	end := off
	for end < len(p.src) && end-off < 24 {
		c := p.src[end]
		if !isWordByte(c) && c != '.' && c != '+' && c != '-' {
			break
		}
		end++
	}
	if end == off {
		end = off + 1
	}
	return string(p.src[off:end])
}

func quoteWord(w string) string { return "`" + w + "`" }

// describe names the character at off for a message.
func (p *parser) describe(off int) string {
	if off >= len(p.src) {
		return "end of input"
	}
	r, _ := utf8.DecodeRune(p.src[off:])
	switch {
	case r < 0x20 || r == 0x7F:
		return fmt.Sprintf("control character U+%04X", r)
	case r < utf8.RuneSelf:
		return "'" + string(r) + "'"
	case r == 0xFEFF:
		return "a byte-order mark (U+FEFF): remove it"
	case r == 0x201C || r == 0x201D || r == 0x201E || r == 0x2018 || r == 0x2019 || r == 0x00AB || r == 0x00BB:
		return fmt.Sprintf("'%c' (U+%04X): typographic quotes are not JSON: use straight double quotes (\")", r, r)
	case r == 0x00A0 || r >= 0x2000 && r <= 0x200B || r == 0x202F || r == 0x205F || r == 0x3000:
		return fmt.Sprintf("a Unicode space (U+%04X), often left by copying from a web page or document: replace it with a normal space", r)
	}
	return fmt.Sprintf("'%c' (U+%04X)", r, r)
}
