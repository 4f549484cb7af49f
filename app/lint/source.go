package lint

import (
	"strconv"

	"eventlens/app/diag"
	"eventlens/app/jsontree"
)

// member returns the last member of object n named key and its index (the
// last one wins for duplicate keys, as in most JSON decoders), or nil and -1.
func member(n *jsontree.Node, key string) (*jsontree.Member, int) {
	if n == nil || n.Kind != jsontree.Object {
		return nil, -1
	}
	for i := len(n.Members) - 1; i >= 0; i-- {
		if n.Members[i].Key == key {
			return &n.Members[i], i
		}
	}
	return nil, -1
}

// value returns the value of the last member of object n named key, or nil.
func value(n *jsontree.Node, key string) *jsontree.Node {
	if m, _ := member(n, key); m != nil {
		return m.Value
	}
	return nil
}

// stringValue returns the decoded text of the member key of object n when
// it is a string.
func stringValue(n *jsontree.Node, key string) (string, bool) {
	v := value(n, key)
	if v == nil || v.Kind != jsontree.String {
		return "", false
	}
	return v.Text, true
}

// has reports whether object n has a member named key.
func has(n *jsontree.Node, key string) bool {
	m, _ := member(n, key)
	return m != nil
}

// describe renders a value for a message: strings quoted, numbers and
// booleans as written, other kinds by name.
func describe(n *jsontree.Node) string {
	if n == nil {
		return "missing"
	}
	switch n.Kind {
	case jsontree.String:
		return quote(n.Text)
	case jsontree.Number, jsontree.Bool:
		return n.Text
	case jsontree.Null:
		return "null"
	case jsontree.Object:
		return "an object"
	case jsontree.Array:
		return "an array"
	}
	return "a value"
}

// quote encodes s as a JSON string.
func quote(s string) string { return string(jsontree.AppendString(nil, s)) }

// validSpan reports whether [off, end) is a byte range of src.
func validSpan(src []byte, off, end int) bool {
	return 0 <= off && off <= end && end <= len(src)
}

// keyEnd returns the offset just past the closing quote of the key that
// starts at off, or -1 when src does not hold a key there.
func keyEnd(src []byte, off int) int {
	if off < 0 || off >= len(src) || src[off] != '"' {
		return -1
	}
	for i := off + 1; i < len(src); i++ {
		switch src[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return -1
}

// replaceValue returns a fix replacing the source of node n with text.
func replaceValue(src []byte, n *jsontree.Node, title, text string) *diag.Fix {
	if n == nil || !validSpan(src, n.Pos.Offset, n.End) || n.Pos.Offset == n.End {
		return nil
	}
	return &diag.Fix{Title: title, Edits: []diag.Edit{{Offset: n.Pos.Offset, End: n.End, Text: text}}}
}

// renameKey returns a fix renaming the key of m to name.
func renameKey(src []byte, m *jsontree.Member, name string) *diag.Fix {
	end := keyEnd(src, m.KeyPos.Offset)
	if end < 0 {
		return nil
	}
	return &diag.Fix{
		Title: "Rename " + quote(m.Key) + " to " + quote(name),
		Edits: []diag.Edit{{Offset: m.KeyPos.Offset, End: end, Text: quote(name)}},
	}
}

// removeMember returns a fix deleting member i of object obj, with the comma
// and spacing that separate it from its neighbour, so the text stays valid.
func removeMember(src []byte, obj *jsontree.Node, i int, title string) *diag.Fix {
	if obj == nil || i < 0 || i >= len(obj.Members) {
		return nil
	}
	ms := obj.Members
	if ms[i].Value == nil {
		return nil
	}
	var off, end int
	switch {
	case i > 0 && ms[i-1].Value != nil:
		// From the end of the previous value: the separator before the
		// member goes, the layout after it stays.
		off, end = ms[i-1].Value.End, ms[i].Value.End
	case i+1 < len(ms):
		off, end = ms[i].KeyPos.Offset, ms[i+1].KeyPos.Offset
	default:
		off, end = ms[i].KeyPos.Offset, ms[i].Value.End
	}
	if !validSpan(src, off, end) || off == end {
		return nil
	}
	return &diag.Fix{Title: title, Edits: []diag.Edit{{Offset: off, End: end}}}
}

// sameSource reports whether nodes a and b are written identically.
func sameSource(src []byte, a, b *jsontree.Node) bool {
	if a == nil || b == nil || !validSpan(src, a.Pos.Offset, a.End) || !validSpan(src, b.Pos.Offset, b.End) {
		return false
	}
	return string(src[a.Pos.Offset:a.End]) == string(src[b.Pos.Offset:b.End])
}

// minifiedSize returns the length of text once the whitespace outside
// strings is removed, that is the size of the JSON as Event Grid would
// receive it minified.
func minifiedSize(text []byte) int {
	n, inString := 0, false
	for i := 0; i < len(text); i++ {
		c := text[i]
		if inString {
			n++
			switch c {
			case '\\':
				if i+1 < len(text) {
					i++
					n++
				}
			case '"':
				inString = false
			}
			continue
		}
		switch c {
		case ' ', '\t', '\n', '\r':
			continue
		case '"':
			inString = true
		}
		n++
	}
	return n
}

// sizeOf returns a size of node n that is over limit exactly when its
// minified size is, and is the minified size then: the source is measured
// only when its raw span is over limit (a shorter span cannot minify above it).
func sizeOf(src []byte, n *jsontree.Node, limit int) int {
	if n == nil || !validSpan(src, n.Pos.Offset, n.End) {
		return 0
	}
	span := n.End - n.Pos.Offset
	if span <= limit {
		return span
	}
	return minifiedSize(src[n.Pos.Offset:n.End])
}

// byteCount renders a size in bytes for a message ("1,048,577 bytes").
func byteCount(n int) string {
	s := strconv.Itoa(n)
	out := make([]byte, 0, len(s)+len(s)/3)
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(out) + " bytes"
}
