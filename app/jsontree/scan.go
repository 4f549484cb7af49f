package jsontree

import "eventlens/app/textpos"

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
	p.space += i - p.i
	p.i = i
}

// pos returns the position of byte offset off. Offsets on the line being
// read are computed directly; others (only for errors) from the start of
// the lines read so far, or of all lines before decoding starts.
func (p *parser) pos(off int) Pos {
	if p.lines == nil {
		return position(p.src, textpos.NewLines(p.text), p.ascii, off)
	}
	if off < p.lineStart || off > len(p.src) {
		return position(p.src, p.lines, p.ascii, off)
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
