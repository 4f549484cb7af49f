package jsontree

import (
	"fmt"
	"unsafe"

	"eventlens/app/textpos"
	"eventlens/app/vocab"
)

// Default limits of Parse.
const (
	// DefaultMaxBytes is the input size Parse accepts when Options.MaxBytes is 0.
	DefaultMaxBytes = vocab.MaxInputBytes
	// DefaultMaxDepth is the nesting Parse accepts when Options.MaxDepth is 0.
	DefaultMaxDepth = vocab.MaxDepth
	// DefaultMaxValues is how many values Parse accepts when
	// Options.MaxValues is 0.
	DefaultMaxValues = vocab.MaxValues
	// maxDepthCeiling caps Options.MaxDepth so that the recursive tree
	// functions (Value, Equal, Pretty, Clone) stay far from stack limits.
	maxDepthCeiling = 100000
)

// Options bounds what Parse accepts; zero values take the defaults.
type Options struct {
	MaxBytes int // default 32 << 20 (32 MiB); larger input is refused with an error saying the limit
	MaxDepth int // default 512 nesting levels (at most 100000); deeper is an error
	// MaxValues bounds how many values the document holds (default
	// 2,000,000): each takes about 110 bytes of tree; more is an error at
	// the first value past the limit.
	MaxValues int
}

// Doc is a decoded document.
type Doc struct {
	Root  *Node
	Src   []byte // the text parsed, not a copy (BOM included, offsets refer to it)
	Notes []Note // non-fatal findings, in source order

	lines  textpos.Lines // where each line starts (built by Parse; nil in a Doc made otherwise)
	ascii  bool          // Src holds only ASCII bytes after the BOM: columns are byte counts
	values int           // how many values the tree holds (for Reparse's limit)
	space  int           // white-space bytes between tokens (after a BOM)
}

// CompactLen returns the length of the payload's text with the white space
// between its tokens removed, strings kept as written: the size Event
// Grid's limits are stated in.
func (d *Doc) CompactLen() int {
	if d.lines == nil { // not made by Parse: count
		return d.Root.End - d.Root.Pos.Offset - spaceIn(d.Src[d.Root.Pos.Offset:d.Root.End])
	}
	outside := d.Root.Pos.Offset - origin(d.Src) + len(d.Src) - d.Root.End // white space around the value
	return d.Root.End - d.Root.Pos.Offset - (d.space - outside)
}

// spaceIn returns how many bytes of the JSON text are white space between
// tokens (outside strings).
func spaceIn(text []byte) int {
	n, inString := 0, false
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case inString && c == '\\':
			i++
		case inString:
			inString = c != '"'
		case c == '"':
			inString = true
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			n++
		}
	}
	return n
}

// Parse decodes src, which must hold exactly one JSON value (RFC 8259) in
// UTF-8, optionally after a UTF-8 byte-order mark. The error, if any, is a
// *SyntaxError. Lines are counted by '\n' alone ("\r\n" is one break; a lone
// '\r' is not a break); columns count code points from the line start, and
// on the first line they start after the byte-order mark.
//
// Parse does not copy src: the Doc keeps it as Src, and the Text and Key
// strings of its nodes are read from src's memory. The caller must not
// modify src while the Doc, or any string taken from its tree, is in use.
func Parse(src []byte, opts Options) (*Doc, error) {
	d := NewDecoder(src, opts)
	d.Step(0)
	return d.Result()
}

// Decoder decodes a document a piece at a time, so that a caller on a
// single thread (a browser's) can share the work of a large payload out
// over several tasks: each Step reads a bounded number of values and
// returns. Its result is Parse's, whatever the pieces; Parse is a Decoder
// stepped to the end.
type Decoder struct {
	p    *parser
	doc  *Doc
	err  *SyntaxError
	done bool
}

// NewDecoder prepares the decoding of src with opts (see Parse); no work is
// done until Step. The Decoder keeps src: do not modify it.
func NewDecoder(src []byte, opts Options) *Decoder {
	opts = opts.withDefaults()
	return &Decoder{p: &parser{src: src, text: asString(src), opts: opts}}
}

// Step decodes about n more values (all that remain when n is 0 or less)
// and reports whether decoding is over; Result then says how it ended.
func (d *Decoder) Step(n int) (done bool) {
	if d.done {
		return true
	}
	p := d.p
	if p.lines == nil { // the first step
		if d.err = p.begin(); d.err != nil {
			d.finish(nil)
			return true
		}
	}
	p.pauseAt = 0
	if n > 0 {
		p.pauseAt = p.values + n
	}
	root, err := p.parseValue()
	switch {
	case err != nil:
		d.err = err
		d.finish(nil)
	case root != nil:
		d.err = p.end(root)
		d.finish(root)
	}
	return d.done
}

// finish ends decoding with root (nil after an error) and lets the
// parser's scratch space go.
func (d *Decoder) finish(root *Node) {
	p := d.p
	if d.err == nil {
		d.doc = &Doc{Root: root, Src: p.src, Notes: p.notes, ascii: p.ascii, lines: p.lines, values: p.values, space: p.space}
	}
	d.p, d.done = nil, true
}

// Result returns the decoded document, or the *SyntaxError that ended
// decoding; both are nil until Step has reported that decoding is over.
func (d *Decoder) Result() (*Doc, error) {
	if d.err != nil {
		return nil, d.err // not d.err as an error when nil: that would be a non-nil error
	}
	return d.doc, nil
}

// begin checks the input's size and encoding and reads up to its value.
func (p *parser) begin() *SyntaxError {
	src := p.src
	if len(src) > p.opts.MaxBytes {
		return TooLarge(len(src), p.opts.MaxBytes)
	}
	if err := p.checkEncoding(); err != nil {
		return err
	}
	p.i = p.start
	p.line, p.lineStart, p.colOff, p.col = 1, p.start, p.start, 1
	p.lines = append(make(textpos.Lines, 0, 64), 0)
	p.skipWS()
	if p.i >= len(src) {
		return p.errAt(vocab.JSONEmpty, p.i, p.i, "",
			"the input is empty: paste an Event Grid or CloudEvents payload")
	}
	return nil
}

// end checks that nothing follows the value root, and closes the notes.
func (p *parser) end(root *Node) *SyntaxError {
	src := p.src
	p.skipWS()
	if p.i < len(src) {
		endPos := p.pos(root.End - 1)
		fix := "remove the extra text, or wrap the values in an array"
		if p.i+1 < len(src) && src[p.i] == '/' && (src[p.i+1] == '/' || src[p.i+1] == '*') {
			fix = "JSON does not allow comments: remove it"
		}
		return p.errAt(vocab.JSONTrailingData, p.i, p.i+1, "", fmt.Sprintf(
			"unexpected data after the JSON value (which ends at %d:%d): a payload is one JSON value: %s",
			endPos.Line, endPos.Column, fix))
	}
	p.finishNotes()
	// Every line break of a valid document is white space between tokens,
	// so skipWS has seen them all.
	return nil
}

// parser holds the state of one decoding (a Decoder, or Parse).
type parser struct {
	src     []byte
	text    string // src's bytes as a string, not a copy: text without escapes is sliced from it
	i       int    // read offset
	start   int    // offset of the first byte after a BOM
	ascii   bool   // src[start:] is all ASCII
	opts    Options
	notes   []Note
	values  int // values begun so far
	pauseAt int // parseValue returns nil, nil before beginning this value (0: never)
	space   int // white-space bytes between tokens so far

	// The line being read: every offset from lineStart up to the read
	// offset is on it, so positions there need no search.
	line      int
	lineStart int
	lines     textpos.Lines // start offsets of the lines seen so far
	colOff    int           // with col: a column computed on this line (non-ASCII text)
	col       int

	slab   []Node   // nodes are allocated from here in chunks
	mslab  []Member // members of closed objects, in chunks
	islab  []*Node  // items of closed arrays, in chunks
	mstack []Member // members of open objects
	istack []*Node  // items of open arrays
	frames []frame  // open objects and arrays, outermost first
	buf    []byte   // scratch for strings with escapes
	seen   map[string]int

	noteCount map[vocab.Code]int      // notes per code so far
	omitted   map[vocab.Code]*omitted // codes with more than maxNotesPerCode notes
}

// asString returns src's bytes as a string without copying them (see Parse).
func asString(src []byte) string {
	return unsafe.String(unsafe.SliceData(src), len(src))
}
