// Package jsontree decodes JSON text into a tree that keeps, for every key and
// value, its position in the source and the original key order, and encodes
// such trees back to text (pretty-printed or minified) without losing number
// text or key order.
//
// Parse accepts exactly RFC 8259 JSON in UTF-8 (plus a leading UTF-8
// byte-order mark, which it notes). Fatal errors are *SyntaxError values
// with a JSON0xx code; non-fatal findings are Doc.Notes with a JSON1xx
// code; codes.go lists every code. Positions count lines by '\n' ("\r\n"
// is one break, a lone '\r' is not a break) and columns in code points
// from the start of the line, the first line starting after a BOM.
package jsontree

// Kind is the JSON type of a Node.
type Kind uint8

// The JSON kinds.
const (
	Null Kind = iota
	Bool
	Number
	String
	Object
	Array
)

// String returns the JSON name of the kind ("null", "boolean", "number",
// "string", "object", "array").
func (k Kind) String() string {
	switch k {
	case Null:
		return "null"
	case Bool:
		return "boolean"
	case Number:
		return "number"
	case String:
		return "string"
	case Object:
		return "object"
	case Array:
		return "array"
	}
	return "unknown"
}

// Pos is a place in the source text.
type Pos struct {
	Offset int // byte offset from the start of the text, 0-based
	Line   int // line, 1-based
	Column int // column, 1-based, counted in Unicode code points
}

// Node is one JSON value and where it was written.
type Node struct {
	Kind Kind
	// plain says a String's JSON text is its Text between quotes, as it
	// was written: the decoder sets it on strings without escapes or
	// characters that encoding escapes, so that re-encoding copies them
	// instead of reading them again. Text is never changed after decoding.
	plain bool
	Pos   Pos // where the value starts (its first byte)
	End   int // byte offset just past the value's last byte
	// Text holds the decoded value of a String, the literal text of a
	// Number exactly as written, and "true" or "false" for a Bool.
	Text    string
	Members []Member // an Object's members, in source order (duplicates kept)
	Items   []*Node  // an Array's elements
}

// Member is one key/value pair of an object.
type Member struct {
	Key    string // decoded key
	KeyPos Pos    // where the key's opening quote is
	Value  *Node
}
