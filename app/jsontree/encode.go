package jsontree

import (
	"unicode/utf8"

	"eventlens/app/ascii"
)

// Pretty encodes n with two-space indentation, keeping key order and
// number text as written; strings are escaped like encoding/json but
// without HTML escaping; empty objects and arrays are written {} and [].
// The output ends with a newline. A nil node is written as null.
//
// The result is allocated once, at its exact size (PrettyLen): a
// converted tree has no source span to guess it from, and a large buffer
// grown by doubling would copy it several times and hold up to twice its
// size.
func Pretty(n *Node) []byte {
	return AppendPretty(make([]byte, 0, PrettyLen(n)), n)
}

// AppendPretty appends Pretty(n) to dst. A caller that already knows
// PrettyLen(n) can size dst with it and skip Pretty's own count.
func AppendPretty(dst []byte, n *Node) []byte {
	dst = appendValue(dst, n, 0, true)
	return append(dst, '\n')
}

// PrettyLen returns the length of Pretty(n) without building it, so that
// a caller can refuse to format a document whose indentation would be too
// large (it grows with the square of the nesting depth).
func PrettyLen(n *Node) int {
	return prettyLen(n, 0) + 1
}

func prettyLen(n *Node, depth int) int {
	if n == nil {
		return 4
	}
	switch n.Kind {
	case Bool:
		if n.Text == "true" {
			return 4
		}
		return 5
	case Number:
		return max(len(n.Text), 1)
	case String:
		if n.plain {
			return len(n.Text) + 2
		}
		return stringLen(n.Text)
	case Object:
		if len(n.Members) == 0 {
			return 2
		}
		// Braces, commas, then per member a line break, indent, key, ": ".
		size := 2 + len(n.Members) - 1 + 1 + 2*depth
		for i := range n.Members {
			size += 1 + 2*(depth+1) + stringLen(n.Members[i].Key) + 2 + prettyLen(n.Members[i].Value, depth+1)
		}
		return size
	case Array:
		if len(n.Items) == 0 {
			return 2
		}
		size := 2 + len(n.Items) - 1 + 1 + 2*depth
		for _, it := range n.Items {
			size += 1 + 2*(depth+1) + prettyLen(it, depth+1)
		}
		return size
	}
	return 4
}

// stringLen returns len(AppendString(nil, s)): every byte once, plus what
// escaping adds.
func stringLen(s string) int {
	size := 2 + len(s)
	for i := ascii.Unescaped(s, 0); i < len(s); i = ascii.Unescaped(s, i) {
		c := s[i]
		if c < utf8.RuneSelf {
			switch c {
			case '"', '\\', '\b', '\f', '\n', '\r', '\t':
				size++ // \x
			default:
				size += 5 // \u00XX
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			size += 5 // one byte becomes \ufffd
		case r == '\u2028', r == '\u2029':
			size += 3 // three bytes become \u202X
		}
		i += n
	}
	return size
}

// PrettyOrMinify returns Pretty(n), or Minify(n) and true when the pretty
// text would be longer than max bytes: indentation grows with the square
// of the nesting depth, and a deep payload indented can be many times its
// size.
func PrettyOrMinify(n *Node, max int) (text []byte, minified bool) {
	size := PrettyLen(n)
	if size > max {
		return Minify(n), true
	}
	return AppendPretty(make([]byte, 0, size), n), false
}

// Minify encodes n without any white space (and no trailing newline).
func Minify(n *Node) []byte {
	return appendValue(make([]byte, 0, sizeHint(n)), n, 0, false)
}

// sizeHint guesses the encoded size of n from its source span.
func sizeHint(n *Node) int {
	if n == nil || n.End <= n.Pos.Offset {
		return 64
	}
	return n.End - n.Pos.Offset
}

// appendIndent appends a line break and depth levels of indentation, copied
// from newlineIndent in one piece when it holds them.
func appendIndent(b []byte, depth int) []byte {
	if n := 1 + 2*depth; n <= len(newlineIndent) {
		return append(b, newlineIndent[:n]...)
	}
	b = append(b, newlineIndent...)
	for range depth - (len(newlineIndent)-1)/2 {
		b = append(b, ' ', ' ')
	}
	return b
}

// newlineIndent is a line break and 32 levels of indentation.
const newlineIndent = "\n                                                                "

// appendValue appends the encoding of n; depth is the indentation level
// when pretty.
func appendValue(b []byte, n *Node, depth int, pretty bool) []byte {
	if n == nil {
		return append(b, "null"...)
	}
	switch n.Kind {
	case Bool:
		if n.Text == "true" {
			return append(b, "true"...)
		}
		return append(b, "false"...)
	case Number:
		if n.Text == "" {
			return append(b, '0')
		}
		return append(b, n.Text...)
	case String:
		if n.plain {
			b = append(b, '"')
			b = append(b, n.Text...)
			return append(b, '"')
		}
		return AppendString(b, n.Text)
	case Object:
		if len(n.Members) == 0 {
			return append(b, '{', '}')
		}
		b = append(b, '{')
		for i := range n.Members {
			if i > 0 {
				b = append(b, ',')
			}
			if pretty {
				b = appendIndent(b, depth+1)
			}
			b = AppendString(b, n.Members[i].Key)
			b = append(b, ':')
			if pretty {
				b = append(b, ' ')
			}
			b = appendValue(b, n.Members[i].Value, depth+1, pretty)
		}
		if pretty {
			b = appendIndent(b, depth)
		}
		return append(b, '}')
	case Array:
		if len(n.Items) == 0 {
			return append(b, '[', ']')
		}
		b = append(b, '[')
		for i, it := range n.Items {
			if i > 0 {
				b = append(b, ',')
			}
			if pretty {
				b = appendIndent(b, depth+1)
			}
			b = appendValue(b, it, depth+1, pretty)
		}
		if pretty {
			b = appendIndent(b, depth)
		}
		return append(b, ']')
	}
	return append(b, "null"...)
}

const hexDigits = "0123456789abcdef"

// AppendString appends s as a JSON string to dst, escaped as
// encoding/json does without HTML escaping: '"' and '\\' with a backslash,
// \b \f \n \r \t by name, other control characters as \u00XX, U+2028 and
// U+2029 as \u2028 and \u2029, and invalid UTF-8 bytes as \ufffd; '<', '>'
// and '&' stay as they are.
func AppendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := ascii.Unescaped(s, 0); i < len(s); i = ascii.Unescaped(s, i) {
		c := s[i]
		if c < utf8.RuneSelf {
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
