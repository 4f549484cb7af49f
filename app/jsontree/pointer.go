package jsontree

import (
	"fmt"
	"strings"
)

// Get returns the value of the last member of object n with that key (the
// one JSON decoders keep), or nil if there is none or n is not an object.
func (n *Node) Get(key string) *Node {
	if m := n.Member(key); m != nil {
		return m.Value
	}
	return nil
}

// Member returns the last member of object n with that key, or nil if there
// is none or n is not an object.
func (n *Node) Member(key string) *Member {
	if n == nil || n.Kind != Object {
		return nil
	}
	for i := len(n.Members) - 1; i >= 0; i-- {
		if n.Members[i].Key == key {
			return &n.Members[i]
		}
	}
	return nil
}

// Lookup returns the value that the RFC 6901 JSON pointer names below n, or
// nil if there is none (or the pointer is malformed). Array indexes are
// decimal without leading zeros; "-" names nothing.
func (n *Node) Lookup(pointer string) *Node {
	if pointer == "" {
		return n
	}
	if pointer[0] != '/' {
		return nil
	}
	rest := pointer[1:]
	for n != nil {
		tok := rest
		i := strings.IndexByte(rest, '/')
		if i >= 0 {
			tok, rest = rest[:i], rest[i+1:]
		}
		if strings.IndexByte(tok, '~') >= 0 {
			var ok bool
			if tok, ok = unescapeToken(tok); !ok {
				return nil
			}
		}
		switch n.Kind {
		case Object:
			n = n.Get(tok)
		case Array:
			k, ok := arrayIndex(tok)
			if !ok || k >= len(n.Items) {
				return nil
			}
			n = n.Items[k]
		default:
			return nil
		}
		if i < 0 {
			return n
		}
	}
	return nil
}

// arrayIndex parses an RFC 6901 array index: "0" or digits without a
// leading zero.
func arrayIndex(tok string) (int, bool) {
	if tok == "" || len(tok) > 1 && tok[0] == '0' || len(tok) > 9 {
		return 0, false
	}
	k := 0
	for i := 0; i < len(tok); i++ {
		c := tok[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		k = k*10 + int(c-'0')
	}
	return k, true
}

// Pointer joins reference tokens into an RFC 6901 JSON pointer, escaping
// '~' as "~0" and '/' as "~1"; no tokens give "" (the whole document).
func Pointer(tokens ...string) string {
	var b []byte
	for _, t := range tokens {
		b = append(b, '/')
		b = AppendToken(b, t)
	}
	return string(b)
}

// SplitPointer splits an RFC 6901 JSON pointer into its unescaped reference
// tokens ("" gives none).
func SplitPointer(p string) ([]string, error) {
	if p == "" {
		return nil, nil
	}
	if p[0] != '/' {
		return nil, fmt.Errorf("JSON pointer %q must start with '/' (or be empty for the whole document)", p)
	}
	toks := strings.Split(p[1:], "/")
	for i, t := range toks {
		u, ok := unescapeToken(t)
		if !ok {
			return nil, fmt.Errorf("JSON pointer %q has a '~' not followed by 0 or 1 in %q: write ~0 for '~' and ~1 for '/'", p, t)
		}
		toks[i] = u
	}
	return toks, nil
}

// unescapeToken turns "~1" into '/' and "~0" into '~'; any other '~' is an
// error.
func unescapeToken(t string) (string, bool) {
	if strings.IndexByte(t, '~') < 0 {
		return t, true
	}
	var b strings.Builder
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c != '~' {
			b.WriteByte(c)
			continue
		}
		if i+1 >= len(t) || t[i+1] != '0' && t[i+1] != '1' {
			return "", false
		}
		if t[i+1] == '0' {
			b.WriteByte('~')
		} else {
			b.WriteByte('/')
		}
		i++
	}
	return b.String(), true
}

// escapeToken escapes a JSON pointer reference token (~ as ~0, / as ~1).
func escapeToken(s string) string { return string(AppendToken(nil, s)) }

// AppendToken appends s to b as an escaped RFC 6901 reference token (~ as
// ~0, / as ~1), without the "/" that precedes it in a pointer.
func AppendToken(b []byte, s string) []byte {
	if !strings.ContainsAny(s, "~/") {
		return append(b, s...)
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '~':
			b = append(b, '~', '0')
		case '/':
			b = append(b, '~', '1')
		default:
			b = append(b, s[i])
		}
	}
	return b
}
