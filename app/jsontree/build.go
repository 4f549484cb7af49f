package jsontree

import (
	"eventlens/app/ascii"
	"eventlens/app/vocab"
	"fmt"
	"strconv"
)

// frame is an object or array being read.
type frame struct {
	n     *Node
	start int // index of its first member (mstack) or item (istack)
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
// All its state is in p: when p.pauseAt values have begun it returns nil,
// nil where the next value is expected, and a later call goes on from there.
func (p *parser) parseValue() (*Node, *SyntaxError) {
	src := p.src
	var v *Node
value:
	for {
		// A value is expected at p.i.
		if p.pauseAt > 0 && p.values >= p.pauseAt && len(p.frames) > 0 {
			return nil, nil
		}
		p.skipWS()
		if p.i >= len(src) {
			return nil, p.eofErr("a value")
		}
		off := p.i
		if p.values++; p.values > p.opts.MaxValues {
			return nil, p.errAt(vocab.JSONTooManyValues, off, off+1, p.pointer(true), fmt.Sprintf(
				"the payload holds more than %d values (objects, arrays, strings, numbers, literals), the most eventlens keeps in memory: cut it down to the events you need (32 MiB of events is under a million values)",
				p.opts.MaxValues))
		}
		switch c := src[off]; {
		case c == '{' || c == '[':
			if len(p.frames) >= p.opts.MaxDepth {
				return nil, p.errAt(vocab.JSONTooDeep, off, off+1, p.pointer(true), fmt.Sprintf(
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
			// Each escape is longer than what it decodes to, so a string
			// as long as its source has none; ASCII needs no escaping.
			n.plain = n.End-off == len(s)+2 && (p.ascii || ascii.Run(s, 0) == len(s))
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
				return nil, p.afterErr(f, v, "',' or '}' after object member")
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
					return nil, p.trailingComma(comma, "']'")
				}
				continue value
			case ']':
				p.i++
				v = p.closeArray()
				continue
			}
			return nil, p.afterErr(f, v, "',' or ']' after array element")
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
			return p.trailingComma(comma, "'}'")
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
				b = AppendToken(b, p.mstack[end-1].Key)
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
