package jsontree

import (
	"fmt"
	"math"
	"math/big"
	"sort"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"eventlens/app/vocab"
)

// Default limits of Parse.
const (
	// DefaultMaxBytes is the input size Parse accepts when Options.MaxBytes is 0.
	DefaultMaxBytes = vocab.MaxInputBytes
	// DefaultMaxDepth is the nesting Parse accepts when Options.MaxDepth is 0.
	DefaultMaxDepth = vocab.MaxDepth
	// maxDepthCeiling caps Options.MaxDepth so that the recursive tree
	// functions (Value, Equal, Pretty, Clone) stay far from stack limits.
	maxDepthCeiling = 100000
)

// Options bounds what Parse accepts; zero values take the defaults.
type Options struct {
	MaxBytes int // default 32 << 20 (32 MiB); larger input is refused with an error saying the limit
	MaxDepth int // default 512 nesting levels (at most 100000); deeper is an error
}

// Doc is a decoded document.
type Doc struct {
	Root  *Node
	Src   []byte // the text parsed (BOM included, offsets refer to it)
	Notes []Note // non-fatal findings, in source order

	lines []int // byte offset where each line starts (line 1 after a BOM)
	ascii bool  // Src holds only ASCII bytes after the BOM: columns are byte counts
}

// Note is a non-fatal finding of the decoder.
type Note struct {
	Code     string // JSON1xx, see codes.go
	Severity string // NoteInfo or NoteWarning
	Message  string
	Pos      Pos
	End      int    // byte offset just past the noted thing
	Pointer  string // JSON pointer of the noted value/key
	Other    *Pos   // e.g. the first occurrence of a duplicate key
}

// SyntaxError is a fatal decoding error with its place.
type SyntaxError struct {
	Code    string // JSON0xx, see codes.go
	Msg     string // what is wrong and what was expected
	Pos     Pos
	End     int    // byte offset just past the offending text (at least Pos.Offset)
	Pointer string // pointer of the value being read when it failed (best effort)
}

// Error returns "line:col: msg".
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%d:%d: %s", e.Pos.Line, e.Pos.Column, e.Msg)
}

// Parse decodes src, which must hold exactly one JSON value (RFC 8259) in
// UTF-8, optionally after a UTF-8 byte-order mark. The error, if any, is a
// *SyntaxError. Lines are counted by '\n' alone ("\r\n" is one break; a lone
// '\r' is not a break); columns count code points from the line start, and
// on the first line they start after the byte-order mark.
func Parse(src []byte, opts Options) (*Doc, error) {
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	if opts.MaxDepth <= 0 {
		opts.MaxDepth = DefaultMaxDepth
	}
	if opts.MaxDepth > maxDepthCeiling {
		opts.MaxDepth = maxDepthCeiling
	}
	p := &parser{src: src, opts: opts}
	if len(src) > opts.MaxBytes {
		return nil, TooLarge(len(src), opts.MaxBytes)
	}
	if err := p.checkEncoding(); err != nil {
		return nil, err
	}
	p.loc = locator{src: src, line: 1, col: 1, off: p.start, origin: p.start}
	p.text = string(src)
	p.i = p.start
	p.line, p.lineStart, p.colOff, p.col = 1, p.start, p.start, 1
	p.lines = append(make([]int, 0, 64), p.start)
	p.skipWS()
	if p.i >= len(src) {
		return nil, p.errAt(CodeEmpty, p.i, p.i, "",
			"the input is empty: paste an Event Grid or CloudEvents payload")
	}
	root, err := p.parseValue()
	if err != nil {
		return nil, err
	}
	p.skipWS()
	if p.i < len(src) {
		endPos := p.pos(root.End - 1)
		fix := "remove the extra text, or wrap the values in an array"
		if p.i+1 < len(src) && src[p.i] == '/' && (src[p.i+1] == '/' || src[p.i+1] == '*') {
			fix = "JSON does not allow comments: remove it"
		}
		return nil, p.errAt(CodeTrailingData, p.i, p.i+1, "", fmt.Sprintf(
			"unexpected data after the JSON value (which ends at %d:%d): a payload is one JSON value: %s",
			endPos.Line, endPos.Column, fix))
	}
	for _, o := range p.omitted {
		o.Message = fmt.Sprintf("%d more notes of this kind (%s), from here on, were left out: fix the ones listed, then check again", o.count, o.Code)
		p.notes = append(p.notes, o.Note)
	}
	if len(p.notes) > 1 {
		sort.SliceStable(p.notes, func(i, j int) bool {
			a, b := &p.notes[i], &p.notes[j]
			if a.Pos.Offset != b.Pos.Offset {
				return a.Pos.Offset < b.Pos.Offset
			}
			return a.Code < b.Code
		})
	}
	// Every line break of a valid document is white space between tokens,
	// so skipWS has seen them all.
	return &Doc{Root: root, Src: src, Notes: p.notes, ascii: p.ascii, lines: p.lines}, nil
}

// parser holds the state of one Parse call.
type parser struct {
	src   []byte
	text  string // string(src): decoded text without escapes is sliced from it
	i     int    // read offset
	start int    // offset of the first byte after a BOM
	ascii bool   // src[start:] is all ASCII
	opts  Options
	loc   locator // positions of arbitrary offsets (errors)
	notes []Note

	// The line being read: every offset from lineStart up to the read
	// offset is on it, so positions there need no search.
	line      int
	lineStart int
	lines     []int // start offsets of the lines seen so far
	colOff    int   // with col: a column computed on this line (non-ASCII text)
	col       int

	slab   []Node   // nodes are allocated from here in chunks
	mslab  []Member // members of closed objects, in chunks
	islab  []*Node  // items of closed arrays, in chunks
	mstack []Member // members of open objects
	istack []*Node  // items of open arrays
	frames []frame  // open objects and arrays, outermost first
	buf    []byte   // scratch for strings with escapes
	seen   map[string]int

	noteCount map[string]int      // notes per code so far
	omitted   map[string]*omitted // codes with more than maxNotesPerCode notes
}

// maxNotesPerCode bounds the notes of one code that Parse lists; past it,
// one summary note counts the rest.
const maxNotesPerCode = 1000

// omitted is the summary of the notes of one code past maxNotesPerCode:
// at the first one left out.
type omitted struct {
	Note
	count int
}

// keepNote counts a note of code at pos and reports whether to list it.
func (p *parser) keepNote(code string, pos Pos, end int) bool {
	if p.noteCount == nil {
		p.noteCount = make(map[string]int)
	}
	p.noteCount[code]++
	if p.noteCount[code] <= maxNotesPerCode {
		return true
	}
	if p.omitted == nil {
		p.omitted = make(map[string]*omitted)
	}
	o := p.omitted[code]
	if o == nil {
		o = &omitted{Note: Note{Code: code, Severity: NoteWarning, Pos: pos, End: end, Pointer: p.pointer(true)}}
		p.omitted[code] = o
	}
	o.count++
	return false
}

// frame is an object or array being read.
type frame struct {
	n     *Node
	start int // index of its first member (mstack) or item (istack)
}

// checkEncoding refuses UTF-16 and invalid UTF-8, and skips a UTF-8 BOM.
func (p *parser) checkEncoding() *SyntaxError {
	src := p.src
	if len(src) >= 2 && (src[0] == 0xFE && src[1] == 0xFF || src[0] == 0xFF && src[1] == 0xFE) {
		return &SyntaxError{Code: CodeUTF16, Pos: Pos{Line: 1, Column: 1}, End: 2,
			Msg: "the input is UTF-16 (it starts with a UTF-16 byte-order mark): JSON must be UTF-8: re-save the file as UTF-8"}
	}
	if len(src) >= 2 && (src[0] == 0) != (src[1] == 0) {
		return &SyntaxError{Code: CodeUTF16, Pos: Pos{Line: 1, Column: 1}, End: 2,
			Msg: "the input looks like UTF-16 (every other byte is zero): JSON must be UTF-8: re-save the file as UTF-8"}
	}
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		p.start = 3
		p.notes = append(p.notes, Note{Code: CodeBOM, Severity: NoteInfo, Pos: Pos{Line: 1, Column: 1}, End: 3,
			Message: "the input starts with a UTF-8 byte-order mark; it was ignored, but some receivers reject it: save the file as UTF-8 without BOM"})
	}
	i := p.start
	for i+8 <= len(src) {
		w := uint64(src[i]) | uint64(src[i+1])<<8 | uint64(src[i+2])<<16 | uint64(src[i+3])<<24 |
			uint64(src[i+4])<<32 | uint64(src[i+5])<<40 | uint64(src[i+6])<<48 | uint64(src[i+7])<<56
		if w&0x8080808080808080 != 0 {
			break
		}
		i += 8
	}
	for i < len(src) && src[i] < utf8.RuneSelf {
		i++
	}
	if i == len(src) {
		p.ascii = true
		return nil
	}
	if utf8.Valid(src[i:]) {
		return nil
	}
	for i < len(src) {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 {
			p.loc = locator{src: src, line: 1, col: 1, off: p.start, origin: p.start}
			return p.errAt(CodeInvalidUTF8, i, i+1, "", fmt.Sprintf(
				"byte 0x%02X is not valid UTF-8: the file is not UTF-8 (perhaps saved as Latin-1/Windows-1252 or UTF-16): re-save it as UTF-8",
				src[i]))
		}
		i += size
	}
	return nil
}

// TooLarge returns the error Parse gives for n bytes of input over a limit
// of limit bytes, for callers that refuse such input without reading it.
func TooLarge(n, limit int) *SyntaxError {
	return &SyntaxError{Code: CodeTooLarge, Pos: Pos{Line: 1, Column: 1},
		Msg: fmt.Sprintf("the input is %s, more than the %s limit: split the batch into smaller payloads",
			formatSize(n), formatSize(limit))}
}

// formatSize writes n bytes as MiB (of 1<<20 bytes) or bytes.
func formatSize(n int) string {
	const mb = 1 << 20
	switch {
	case n%mb == 0:
		return fmt.Sprintf("%d MiB", n/mb)
	case n >= mb/10:
		return fmt.Sprintf("%.1f MiB", float64(n)/mb)
	}
	return fmt.Sprintf("%d bytes", n)
}

// errAt builds a SyntaxError at src[off:end].
func (p *parser) errAt(code string, off, end int, pointer, msg string) *SyntaxError {
	end = max(end, off)
	for end < len(p.src) && end > off && p.src[end]&0xC0 == 0x80 {
		end++ // end on a character boundary
	}
	return &SyntaxError{Code: code, Msg: msg, Pos: p.pos(off), End: end, Pointer: pointer}
}

// syntax builds a JSON001 error at src[off:end], pointing at the value being read.
func (p *parser) syntax(off, end int, msg string) *SyntaxError {
	return p.errAt(CodeSyntax, off, end, p.pointer(true), msg)
}

func (p *parser) skipWS() {
	src, i := p.src, p.i
	for i < len(src) {
		switch src[i] {
		case ' ', '\t', '\r':
			i++
			continue
		case '\n':
			i++
			p.line++
			p.lineStart = i
			p.lines = append(p.lines, i)
			continue
		}
		break
	}
	p.i = i
}

// pos returns the position of byte offset off. Offsets on the line being
// read are computed directly; others (only for errors) by the locator.
func (p *parser) pos(off int) Pos {
	if p.lines == nil || off < p.lineStart || off > len(p.src) {
		return p.loc.at(off)
	}
	if p.ascii {
		return Pos{Offset: off, Line: p.line, Column: 1 + off - p.lineStart}
	}
	if p.colOff < p.lineStart || off < p.colOff {
		p.colOff, p.col = p.lineStart, 1
	}
	for _, c := range p.src[p.colOff:off] {
		if c&0xC0 != 0x80 {
			p.col++
		}
	}
	p.colOff = off
	return Pos{Offset: off, Line: p.line, Column: p.col}
}

// node allocates a node of kind k starting at off.
func (p *parser) node(k Kind, off int) *Node {
	if len(p.slab) == cap(p.slab) {
		n := 4096
		if p.slab == nil {
			n = min(max(len(p.src)/32, 16), 4096)
		}
		p.slab = make([]Node, 0, n)
	}
	p.slab = p.slab[:len(p.slab)+1]
	nd := &p.slab[len(p.slab)-1]
	nd.Kind = k
	nd.Pos = p.pos(off)
	return nd
}

// members copies the open object's members into a slice of their own.
func (p *parser) members(from int) []Member {
	n := len(p.mstack) - from
	if n == 0 {
		return nil
	}
	if cap(p.mslab)-len(p.mslab) < n {
		p.mslab = make([]Member, 0, max(n, 512))
	}
	l := len(p.mslab)
	p.mslab = append(p.mslab, p.mstack[from:]...)
	clear(p.mstack[from:])
	p.mstack = p.mstack[:from]
	return p.mslab[l : l+n : l+n]
}

// items copies the open array's items into a slice of their own.
func (p *parser) items(from int) []*Node {
	n := len(p.istack) - from
	if n == 0 {
		return nil
	}
	if cap(p.islab)-len(p.islab) < n {
		p.islab = make([]*Node, 0, max(n, 1024))
	}
	l := len(p.islab)
	p.islab = append(p.islab, p.istack[from:]...)
	clear(p.istack[from:])
	p.istack = p.istack[:from]
	return p.islab[l : l+n : l+n]
}

// parseValue reads one value at p.i (after white space) without recursion.
func (p *parser) parseValue() (*Node, *SyntaxError) {
	src := p.src
	var v *Node
value:
	for {
		// A value is expected at p.i.
		p.skipWS()
		if p.i >= len(src) {
			return nil, p.eofErr("a value")
		}
		off := p.i
		switch c := src[off]; {
		case c == '{' || c == '[':
			if len(p.frames) >= p.opts.MaxDepth {
				return nil, p.errAt(CodeTooDeep, off, off+1, p.pointer(true), fmt.Sprintf(
					"objects and arrays nest more than %d levels deep here: flatten the payload (event payloads are only a few levels deep)",
					p.opts.MaxDepth))
			}
			if c == '{' {
				n := p.node(Object, off)
				p.frames = append(p.frames, frame{n: n, start: len(p.mstack)})
				p.i++
				p.skipWS()
				if p.i < len(src) && src[p.i] == '}' {
					p.i++
					v = p.closeObject()
					break
				}
				if err := p.readKey(-1); err != nil {
					return nil, err
				}
				continue value
			}
			n := p.node(Array, off)
			p.frames = append(p.frames, frame{n: n, start: len(p.istack)})
			p.i++
			p.skipWS()
			if p.i < len(src) && src[p.i] == ']' {
				p.i++
				v = p.closeArray()
				break
			}
			continue value
		case c == '"':
			n := p.node(String, off)
			s, err := p.scanString()
			if err != nil {
				return nil, err
			}
			n.Text = s
			n.End = p.i
			v = n
		case c == '-' || c >= '0' && c <= '9':
			n := p.node(Number, off)
			if err := p.scanNumber(n); err != nil {
				return nil, err
			}
			v = n
		case c == 't' || c == 'f' || c == 'n':
			n, err := p.scanLiteral()
			if err != nil {
				return nil, err
			}
			v = n
		default:
			return nil, p.unexpectedValue(off)
		}

		// v is complete: attach it to its container and read what follows.
		for {
			if len(p.frames) == 0 {
				return v, nil
			}
			f := &p.frames[len(p.frames)-1]
			p.skipWS()
			if f.n.Kind == Object {
				p.mstack[len(p.mstack)-1].Value = v
				if p.i >= len(src) {
					return nil, p.eofErr("',' or '}'")
				}
				switch src[p.i] {
				case ',':
					comma := p.i
					p.i++
					if err := p.readKey(comma); err != nil {
						return nil, err
					}
					continue value
				case '}':
					p.i++
					v = p.closeObject()
					continue
				}
				return nil, p.afterErr(f, "',' or '}' after object member")
			}
			p.istack = append(p.istack, v)
			if p.i >= len(src) {
				return nil, p.eofErr("',' or ']'")
			}
			switch src[p.i] {
			case ',':
				comma := p.i
				p.i++
				p.skipWS()
				if p.i < len(src) && src[p.i] == ']' {
					return nil, p.syntax(comma, comma+1, "trailing comma before ']': JSON does not allow it: remove the trailing comma")
				}
				continue value
			case ']':
				p.i++
				v = p.closeArray()
				continue
			}
			return nil, p.afterErr(f, "',' or ']' after array element")
		}
	}
}

func (p *parser) closeObject() *Node {
	f := p.frames[len(p.frames)-1]
	p.frames = p.frames[:len(p.frames)-1]
	n := f.n
	n.Members = p.members(f.start)
	n.End = p.i
	if len(n.Members) > 1 {
		p.checkDuplicates(n)
	}
	return n
}

func (p *parser) closeArray() *Node {
	f := p.frames[len(p.frames)-1]
	p.frames = p.frames[:len(p.frames)-1]
	n := f.n
	n.Items = p.items(f.start)
	n.End = p.i
	return n
}

// readKey reads `"key" :` at p.i (after white space); comma is the offset of
// the ',' before it, or -1 after '{'.
func (p *parser) readKey(comma int) *SyntaxError {
	src := p.src
	p.skipWS()
	if p.i >= len(src) {
		return p.eofErr("a string key")
	}
	off := p.i
	c := src[off]
	if c != '"' {
		switch {
		case c == '}' && comma >= 0:
			return p.syntax(comma, comma+1, "trailing comma before '}': JSON does not allow it: remove the trailing comma")
		case c == '\'':
			return p.syntax(off, off+1, "found a single-quoted key: JSON keys are strings in double quotes: replace ' with \"")
		case c == '/' && off+1 < len(src) && (src[off+1] == '/' || src[off+1] == '*'):
			return p.syntax(off, off+2, "found a comment: JSON does not allow comments: remove it")
		case isWordByte(c):
			w := p.word(off)
			return p.syntax(off, off+len(w), fmt.Sprintf("found %s where a key was expected: object keys must be strings in double quotes: write \"%s\"", quoteWord(w), w))
		}
		after := "'{'"
		if comma >= 0 {
			after = "','"
		}
		return p.syntax(off, off+1, fmt.Sprintf("expected a string key after %s, found %s", after, p.describe(off)))
	}
	keyPos := p.pos(off)
	key, err := p.scanString()
	if err != nil {
		return err
	}
	p.mstack = append(p.mstack, Member{Key: key, KeyPos: keyPos})
	p.skipWS()
	if p.i >= len(src) {
		return p.eofErr("':'")
	}
	if src[p.i] != ':' {
		return p.syntax(p.i, p.i+1, fmt.Sprintf("expected ':' after the object key %s, found %s", strconv.Quote(key), p.describe(p.i)))
	}
	p.i++
	return nil
}

// checkDuplicates adds a note for every member whose key an earlier member
// of n already has.
func (p *parser) checkDuplicates(n *Node) {
	ms := n.Members
	if len(ms) <= 16 {
		for j := 1; j < len(ms); j++ {
			for i := 0; i < j; i++ {
				if ms[i].Key == ms[j].Key {
					p.noteDuplicate(n, i, j)
					break
				}
			}
		}
		return
	}
	if p.seen == nil {
		p.seen = make(map[string]int, len(ms))
	}
	for j := range ms {
		if i, ok := p.seen[ms[j].Key]; ok {
			p.noteDuplicate(n, i, j)
			continue
		}
		p.seen[ms[j].Key] = j
	}
	clear(p.seen)
}

func (p *parser) noteDuplicate(n *Node, first, dup int) {
	ms := n.Members
	other := ms[first].KeyPos
	end := ms[dup].KeyPos.Offset + 1
	if v := ms[dup].Value; v != nil {
		end = v.End
	}
	if !p.keepNote(CodeDuplicateKey, ms[dup].KeyPos, end) {
		return
	}
	ptr := p.pointer(true) // n is the value being read in its parent
	p.notes = append(p.notes, Note{Code: CodeDuplicateKey, Severity: NoteWarning,
		Pos: ms[dup].KeyPos, End: end, Pointer: ptr + "/" + escapeToken(ms[dup].Key), Other: &other,
		Message: fmt.Sprintf("duplicate key %s (first at %d:%d): most receivers keep the last value and ignore the earlier one: remove one of them",
			strconv.Quote(ms[dup].Key), other.Line, other.Column)})
}

// pointer returns the JSON pointer of the place being read: with current,
// it includes the member or element being read in the innermost container.
// The members of object frame k are on mstack from its start up to the
// start of the next object frame (items and array frames likewise).
func (p *parser) pointer(current bool) string {
	var b []byte
	for k, f := range p.frames {
		if k == len(p.frames)-1 && !current {
			break
		}
		if f.n.Kind == Object {
			end := len(p.mstack)
			for j := k + 1; j < len(p.frames); j++ {
				if p.frames[j].n.Kind == Object {
					end = p.frames[j].start
					break
				}
			}
			if end > f.start {
				b = append(b, '/')
				b = appendToken(b, p.mstack[end-1].Key)
			}
			continue
		}
		end := len(p.istack)
		for j := k + 1; j < len(p.frames); j++ {
			if p.frames[j].n.Kind == Array {
				end = p.frames[j].start
				break
			}
		}
		b = append(b, '/')
		b = strconv.AppendInt(b, int64(end-f.start), 10)
	}
	return string(b)
}

func escapeToken(s string) string { return string(appendToken(nil, s)) }

func appendToken(b []byte, s string) []byte {
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

// afterErr reports a bad character after a member or element of f.
func (p *parser) afterErr(f *frame, want string) *SyntaxError {
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
	case c == '/' && off+1 < len(p.src) && (p.src[off+1] == '/' || p.src[off+1] == '*'):
		msg += ": JSON does not allow comments: remove it"
	}
	return p.syntax(off, off+1, msg)
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

// scanString reads the string whose opening quote is at p.i and returns its
// decoded text; p.i moves past the closing quote.
func (p *parser) scanString() (string, *SyntaxError) {
	src := p.src
	start := p.i + 1
	for i := start; i < len(src); i++ {
		c := src[i]
		if c == '"' {
			p.i = i + 1
			return p.text[start:i], nil
		}
		if c == '\\' {
			return p.scanEscaped(start, i)
		}
		if c < 0x20 {
			return "", p.controlErr(i)
		}
	}
	return "", p.syntax(p.i, len(src), "unterminated string: the input ends inside it: add the closing '\"'")
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
			j := i + 1
			for j < len(src) && src[j] != '"' && src[j] != '\\' && src[j] >= 0x20 {
				j++
			}
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
				if pos := p.pos(i); p.keepNote(CodeLoneSurrogate, pos, i+6) {
					p.notes = append(p.notes, Note{Code: CodeLoneSurrogate, Severity: NoteWarning,
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
	return "", p.syntax(p.i, len(src), "unterminated string: the input ends inside it: add the closing '\"'")
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

// scanNumber reads the number at p.i into n.
func (p *parser) scanNumber(n *Node) *SyntaxError {
	src := p.src
	start := p.i
	i := start
	digits := func() int {
		j := i
		for i < len(src) && src[i] >= '0' && src[i] <= '9' {
			i++
		}
		return i - j
	}
	neg := src[i] == '-'
	if neg {
		i++
		if i >= len(src) || src[i] < '0' || src[i] > '9' {
			if i < len(src) && isWordByte(src[i]) {
				w := p.word(start)
				if lw := lower(w); lw == "-infinity" || lw == "-inf" {
					return p.syntax(start, start+len(w), wordMessage(w))
				}
			}
			return p.syntax(start, i, "expected a digit after '-' in a number")
		}
	}
	intDigits := 0
	if src[i] == '0' {
		i++
		intDigits = 1
		if i < len(src) && src[i] >= '0' && src[i] <= '9' {
			w := p.word(start)
			return p.syntax(start, start+len(w), fmt.Sprintf("number %s has a leading zero, which JSON does not allow: remove the leading zeros, or write it as a string if it is an identifier", quoteWord(w)))
		}
	} else {
		intDigits = digits()
	}
	exact := true // integer without fraction or exponent
	if i < len(src) && src[i] == '.' {
		exact = false
		i++
		if digits() == 0 {
			return p.syntax(start, i, fmt.Sprintf("expected a digit after the decimal point in %s: write %s0 or remove the point", quoteWord(string(src[start:i])), src[start:i]))
		}
	}
	hasExp := false
	if i < len(src) && (src[i] == 'e' || src[i] == 'E') {
		exact, hasExp = false, true
		i++
		if i < len(src) && (src[i] == '+' || src[i] == '-') {
			i++
		}
		if digits() == 0 {
			return p.syntax(start, i, fmt.Sprintf("expected a digit in the exponent of %s: write e.g. 1e3, or remove the 'e'", quoteWord(string(src[start:i]))))
		}
	}
	if i < len(src) && (isWordByte(src[i]) || src[i] == '.' || src[i] == '+' || src[i] == '-') {
		w := p.word(start)
		return p.syntax(start, start+len(w), fmt.Sprintf("invalid number %s: JSON numbers are decimal, like -12, 3.5 or 1e-3 (no hex, no suffix): fix it or write it as a string", quoteWord(w)))
	}
	p.i = i
	n.Text = p.text[start:i]
	n.End = i
	if hasExp || intDigits > 15 {
		p.checkNumber(n, exact)
	}
	return nil
}

// checkNumber notes a number that a float64 cannot hold faithfully.
func (p *parser) checkNumber(n *Node, integer bool) {
	f, err := strconv.ParseFloat(n.Text, 64)
	var why string
	switch {
	case math.IsInf(f, 0) || err != nil:
		why = "is too large for a 64-bit float (it becomes ±Infinity)"
	case f == 0 && hasNonZeroDigit(n.Text):
		why = "is too small for a 64-bit float (it becomes 0)"
	case integer && math.Abs(f) >= 1<<53:
		x, ok := new(big.Int).SetString(n.Text, 10)
		if !ok {
			return
		}
		if _, acc := new(big.Float).SetInt(x).Float64(); acc == big.Exact {
			return
		}
		why = "is an integer beyond 2^53 that a 64-bit float cannot hold exactly (JavaScript reads " + strconv.FormatFloat(f, 'f', -1, 64) + ")"
	default:
		return
	}
	if !p.keepNote(CodeNumberPrecision, n.Pos, n.End) {
		return
	}
	p.notes = append(p.notes, Note{Code: CodeNumberPrecision, Severity: NoteWarning, Pos: n.Pos, End: n.End,
		Pointer: p.pointer(true),
		Message: fmt.Sprintf("number %s %s: receivers may read a different value: send it as a string if it must be exact", n.Text, why)})
}

// hasNonZeroDigit reports whether the mantissa of number text s has a
// digit other than 0.
func hasNonZeroDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == 'e' || c == 'E':
			return false
		case c >= '1' && c <= '9':
			return true
		}
	}
	return false
}

// scanLiteral reads true, false or null at p.i.
func (p *parser) scanLiteral() (*Node, *SyntaxError) {
	src := p.src
	off := p.i
	var lit string
	var k Kind
	switch src[off] {
	case 't':
		lit, k = "true", Bool
	case 'f':
		lit, k = "false", Bool
	default:
		lit, k = "null", Null
	}
	end := off + len(lit)
	if end > len(src) || string(src[off:end]) != lit || end < len(src) && isWordByte(src[end]) {
		w := p.word(off)
		return nil, p.syntax(off, off+len(w), wordMessage(w))
	}
	n := p.node(k, off)
	if k == Bool {
		n.Text = lit
	}
	n.End = end
	p.i = end
	return n, nil
}
