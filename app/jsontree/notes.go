package jsontree

import (
	"eventlens/app/vocab"
	"fmt"
	"sort"
	"strconv"
)

// Note is a non-fatal finding of the decoder.
type Note struct {
	Code    vocab.Code // JSON1xx, declared in app/vocab (with its severity)
	Message string
	Pos     Pos
	End     int    // byte offset just past the noted thing
	Pointer string // JSON pointer of the noted value/key
	Other   *Pos   // e.g. the first occurrence of a duplicate key
}

// maxNotesPerCode bounds the notes of one code that Parse lists; past it,
// one summary note counts the rest.
const maxNotesPerCode = vocab.MaxDiagnosticsPerCode

// omitted is the summary of the notes of one code past maxNotesPerCode:
// at the first one left out.
type omitted struct {
	Note
	count int
}

// keepNote counts a note of code at pos and reports whether to list it.
func (p *parser) keepNote(code vocab.Code, pos Pos, end int) bool {
	if p.noteCount == nil {
		p.noteCount = make(map[vocab.Code]int)
	}
	p.noteCount[code]++
	if p.noteCount[code] <= maxNotesPerCode {
		return true
	}
	if p.omitted == nil {
		p.omitted = make(map[vocab.Code]*omitted)
	}
	o := p.omitted[code]
	if o == nil {
		o = &omitted{Note: Note{Code: code, Pos: pos, End: end, Pointer: p.pointer(true)}}
		p.omitted[code] = o
	}
	o.count++
	return false
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
	if !p.keepNote(vocab.JSONDuplicateKey, ms[dup].KeyPos, end) {
		return
	}
	ptr := p.pointer(true) // n is the value being read in its parent
	p.notes = append(p.notes, Note{Code: vocab.JSONDuplicateKey,
		Pos: ms[dup].KeyPos, End: end, Pointer: ptr + "/" + escapeToken(ms[dup].Key), Other: &other,
		Message: duplicateMessage(ms[dup].Key, other)})
}

// duplicateMessage is the note on a duplicate of key, first at other.
func duplicateMessage(key string, other Pos) string {
	return fmt.Sprintf("duplicate key %s (first at %d:%d): most receivers keep the last value and ignore the earlier one: remove one of them",
		strconv.Quote(key), other.Line, other.Column)
}

// finishNotes adds the summaries of the notes left out and puts the notes
// in source order.
func (p *parser) finishNotes() {
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
}
