package jsontree

import (
	"bytes"
	"slices"
	"sort"
	"strconv"
	"strings"

	"eventlens/app/textpos"
	"eventlens/app/vocab"
)

// Reparse returns the Doc that Parse(src, opts) returns, doing the work of
// decoding only what changed when it can: src is old.Src edited, and when
// the edit lies inside one element of old's top-level array (or the white
// space around it, up to the commas), Reparse
// decodes that element alone, puts it in the tree in place of the old one,
// and moves every position after it. It reports the element's index and
// how places moved (Edit); ok is false when it cannot (the edit is not inside one element, the element no
// longer decodes alone, a limit or a note cap is reached, or nothing
// changed): then decode src with Parse, which also gives the error.
//
// Reparse takes old over when it succeeds: the elements after the edited
// one are shared by both trees and now hold src's positions, so old must
// not be used afterwards. The returned tree has its own root node. When
// Reparse fails, old is left as it was.
func Reparse(old *Doc, src []byte, opts Options) (doc *Doc, e Edit, ok bool) {
	opts = opts.withDefaults()
	if old == nil || old.Root == nil || old.Root.Kind != Array || old.lines == nil ||
		len(src) > opts.MaxBytes || opts.MaxDepth < 2 {
		return nil, Edit{Item: -1}, false
	}
	prev := old.Src
	pre := commonPrefix(prev, src)
	if pre == len(prev) && pre == len(src) {
		return nil, Edit{Item: -1}, false
	}
	suf := commonSuffix(prev[pre:], src[pre:])
	oldEnd, delta := len(prev)-suf, len(src)-len(prev)

	// The element holding the whole edit, with the white space around it
	// up to the commas: the edit may start in the white space before the
	// element and end in the white space after it.
	root := old.Root
	k := sort.Search(len(root.Items), func(i int) bool { return root.Items[i].Pos.Offset > pre }) - 1
	start, end := -1, -1
	for _, j := range []int{k, k + 1} {
		if j < 0 || j >= len(root.Items) {
			continue
		}
		el := root.Items[j]
		s := el.Pos.Offset
		if pre < s {
			if !blank(prev[pre:s]) {
				continue
			}
			s = pre
		}
		e := max(el.End, oldEnd)
		if blank(prev[el.End:e]) {
			k, start, end = j, s, e
			break
		}
	}
	if start < 0 {
		return nil, Edit{Item: -1}, false
	}
	el := root.Items[k]
	if bytes.HasPrefix(src[start:], bom) {
		return nil, Edit{Item: -1}, false // a BOM there is an error in the whole text, not a mark
	}

	// Decode the element alone, from a copy: its strings then keep only
	// the element's text in memory, not the whole of src.
	frag, err := Parse(bytes.Clone(src[start:end+delta]), Options{
		MaxBytes: opts.MaxBytes, MaxDepth: opts.MaxDepth - 1, MaxValues: opts.MaxValues})
	if err != nil {
		return nil, Edit{Item: -1}, false
	}
	values := old.values - countValues(el) + frag.values
	if values > opts.MaxValues {
		return nil, Edit{Item: -1}, false
	}
	notes, ok := spliceNotes(old.Notes, frag.Notes, start, end)
	if !ok {
		return nil, Edit{Item: -1}, false
	}

	// Everything is known to succeed from here on. Places in the old text
	// are read before its line index is reused for the new one.
	base := position(prev, old.lines, old.ascii, start) // the same in src: before the edit
	was := position(prev, old.lines, old.ascii, oldEnd)
	lines := spliceLines(old.lines, frag.lines, start, end, delta)
	ascii := old.ascii && frag.ascii
	into := func(p *Pos) {
		if p.Line == 1 {
			p.Column += base.Column - 1
		}
		p.Line += base.Line - 1
		p.Offset += start
	}
	e = Edit{Item: k, From: end, was: was, now: position(src, lines, ascii, oldEnd+delta)}
	after := e.move
	walk(frag.Root, into, start)
	prefix := "/" + strconv.Itoa(k)
	for i := range frag.Notes {
		n := &frag.Notes[i]
		n.moved(into, start)
		n.Pointer = prefix + n.Pointer
	}
	for i := range notes {
		if notes[i].Pos.Offset >= end {
			notes[i].moved(after, delta)
		}
	}
	// notes holds the old notes outside the element, the later ones now
	// moved; the element's own go between.
	at := sort.Search(len(notes), func(i int) bool { return notes[i].Pos.Offset >= start })
	notes = slices.Insert(notes, at, frag.Notes...)

	items := slices.Clone(root.Items)
	items[k] = frag.Root
	for _, n := range items[k+1:] {
		walk(n, after, delta)
	}
	nr := *root
	nr.Items = items
	nr.End += delta
	return &Doc{Root: &nr, Src: src, Notes: notes, lines: lines, ascii: ascii,
		values: values,
		space:  old.space - spaceIn(prev[start:end]) + frag.space}, e, true
}

// Edit says what Reparse changed: the element it decoded again, and how
// the places after that element moved, for a caller that holds places of
// the old text (diagnostics) to move them the same way.
type Edit struct {
	Item int // the index of the element decoded again; -1 when none
	From int // the old text's offset where the element ended: places from here on moved

	was, now Pos // the end of the edit in the old text and in the new
}

// Moved returns where place p of the old text is in the new text: the
// same place before From, moved by the edit from From on. A Pos with Line
// 0 (unknown) keeps it.
func (e Edit) Moved(p Pos) Pos {
	if p.Offset >= e.From {
		if p.Line == 0 {
			p.Offset += e.now.Offset - e.was.Offset
		} else {
			e.move(&p)
		}
	}
	return p
}

// MovedOffset returns where byte offset o of the old text is in the new.
func (e Edit) MovedOffset(o int) int {
	if o >= e.From {
		return o + e.now.Offset - e.was.Offset
	}
	return o
}

// move moves a place after the edit: by the edit's length, its lines, and
// on the line where the edit ends, by its columns.
func (e Edit) move(p *Pos) {
	if p.Line == e.was.Line {
		p.Column += e.now.Column - e.was.Column
	}
	p.Line += e.now.Line - e.was.Line
	p.Offset += e.now.Offset - e.was.Offset
}

// blank reports whether text is only JSON white space.
func blank(text []byte) bool {
	for _, c := range text {
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}

// bom is the UTF-8 byte-order mark.
var bom = []byte("\xEF\xBB\xBF")

// withDefaults returns opts with Parse's defaults in place of zero values.
func (opts Options) withDefaults() Options {
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	if opts.MaxDepth <= 0 {
		opts.MaxDepth = DefaultMaxDepth
	}
	if opts.MaxValues <= 0 {
		opts.MaxValues = DefaultMaxValues
	}
	if opts.MaxDepth > maxDepthCeiling {
		opts.MaxDepth = maxDepthCeiling
	}
	return opts
}

// commonPrefix returns how many leading bytes a and b share.
func commonPrefix(a, b []byte) int {
	n := min(len(a), len(b))
	// Compare in blocks first: bytes.Equal is much faster than a loop.
	const block = 4096
	i := 0
	for i+block <= n && bytes.Equal(a[i:i+block], b[i:i+block]) {
		i += block
	}
	for i < n && a[i] == b[i] {
		i++
	}
	return i
}

// commonSuffix returns how many trailing bytes a and b share.
func commonSuffix(a, b []byte) int {
	n := min(len(a), len(b))
	const block = 4096
	i := 0
	for i+block <= n && bytes.Equal(a[len(a)-i-block:len(a)-i], b[len(b)-i-block:len(b)-i]) {
		i += block
	}
	for i < n && a[len(a)-1-i] == b[len(b)-1-i] {
		i++
	}
	return i
}

// countValues returns how many values n holds, itself included.
func countValues(n *Node) int {
	c := 1
	for i := range n.Members {
		c += countValues(n.Members[i].Value)
	}
	for _, it := range n.Items {
		c += countValues(it)
	}
	return c
}

// walk moves the positions of n, of every value below it and of every
// key with move, and the offsets where values end by shift.
func walk(n *Node, move func(*Pos), shift int) {
	move(&n.Pos)
	n.End += shift
	for i := range n.Members {
		m := &n.Members[i]
		move(&m.KeyPos)
		walk(m.Value, move, shift)
	}
	for _, it := range n.Items {
		walk(it, move, shift)
	}
}

// spliceNotes returns old's notes without those inside [start, end), in a
// new slice, and whether the notes of each code, with frag's, stay under
// the cap past which Parse would summarise them (the count Reparse cannot
// know then).
func spliceNotes(old, frag []Note, start, end int) ([]Note, bool) {
	count := map[string]int{}
	out := make([]Note, 0, len(old)+len(frag))
	for _, n := range old {
		count[string(n.Code)]++
		if n.Pos.Offset >= start && n.Pos.Offset < end {
			continue
		}
		out = append(out, n)
	}
	for _, c := range count {
		if c >= maxNotesPerCode {
			return nil, false
		}
	}
	clear(count)
	for _, n := range out {
		count[string(n.Code)]++
	}
	for _, n := range frag {
		if count[string(n.Code)]++; count[string(n.Code)] > maxNotesPerCode {
			return nil, false
		}
	}
	return out, true
}

// spliceLines returns the line starts of the edited text: old's before the
// element at [start, end), the element's own (frag, from 0) moved to
// start, and old's after it moved by delta. It reuses old when the number
// of lines is the same.
func spliceLines(old, frag textpos.Lines, start, end, delta int) textpos.Lines {
	lo := sort.SearchInts(old, start+1) // lines starting inside the element or after
	hi := sort.SearchInts(old, end+1)   // lines starting after the element
	if hi-lo == len(frag)-1 {
		// As many lines as before (typing within a line): in place.
		for i, f := range frag[1:] {
			old[lo+i] = start + f
		}
		for i := hi; i < len(old); i++ {
			old[i] += delta
		}
		return old
	}
	out := make(textpos.Lines, 0, lo+len(frag)-1+len(old)-hi)
	out = append(out, old[:lo]...)
	for _, f := range frag[1:] {
		out = append(out, start+f)
	}
	for _, o := range old[hi:] {
		out = append(out, o+delta)
	}
	return out
}

// moved moves n's places with move and its end by shift, and writes again
// the parts of its message that name a place.
func (n *Note) moved(move func(*Pos), shift int) {
	move(&n.Pos)
	n.End += shift
	if n.Other != nil {
		o := *n.Other
		move(&o)
		n.Other = &o
	}
	n.relocated()
}

// relocated writes again the parts of n's message that name a place: the
// first occurrence of a duplicate key.
func (n *Note) relocated() {
	if n.Other == nil || n.Code != vocab.JSONDuplicateKey {
		return
	}
	key, ok := lastToken(n.Pointer)
	if !ok {
		return
	}
	n.Message = duplicateMessage(key, *n.Other)
}

// lastToken returns the unescaped last reference token of a pointer.
func lastToken(pointer string) (string, bool) {
	i := strings.LastIndexByte(pointer, '/')
	if i < 0 {
		return "", false
	}
	return unescapeToken(pointer[i+1:])
}
