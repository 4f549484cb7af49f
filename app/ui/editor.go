package ui

import (
	"fmt"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/inspect"
	"eventlens/app/textpos"
)

// editorPlaceholder is the empty editor's hint, in lines short enough
// for a 360 px wide screen (the editor does not wrap lines).
const editorPlaceholder = "Paste an Event Grid or CloudEvents\npayload (JSON) or an HTTP request\nhere, drop a .json file anywhere on\nthe page, or pick a sample."

// caretHome is the caret readout before the caret moves.
const caretHome = "Ln 1, Col 1"

// editor holds the payload on one of two surfaces: the textarea (#input),
// or, for a text past largeText, the read-only LargeView. The Inspector
// asks the editor what it needs (the text, a place to select, the draft
// to save, the text to keep for Undo); only the editor knows which surface
// holds the text.
type editor struct {
	big   *bigText // the large text; nil while the textarea holds the text
	caret string   // the caret's place, for the readout: "Ln 3, Col 7"
	area  areaText // reads the textarea
	// picked is the textarea's selection (UTF-16 start and end) that the
	// page made to show a place, e.g. a diagnostic's; zero when none.
	picked [2]int
}

// surface is where the editor's text is: textArea or *bigText.
type surface interface {
	// text returns the text, read into Go (once).
	text() string
	// holds reports whether s is the surface's text itself (the same
	// memory): then it need not be read again.
	holds(s string) bool
	// oversized returns the text's length in bytes when it is past
	// inspect.MaxBytes, measured without reading it into Go.
	oversized() (n int, over bool)
	// units returns the text's length in UTF-16 code units.
	units() int
	// saveDraft keeps the text as the draft, by the rules of saveDraftFrom.
	saveDraft(limit int)
	// stash returns the text to keep for Undo, and whether there is any.
	stash() (undo, bool)
	// replace edits the text old into new in place, as one edit that the
	// surface's own undo history takes back; it reports false when the
	// surface cannot be edited.
	replace(old, new string) bool
	// caret returns the line and column of the caret (or of the marked
	// place); idx indexes the inspected text.
	caret(idx func() *textpos.Index) (line, col int)
	// show selects (or marks) a place of the inspected text and scrolls to
	// it.
	show(at place, idx func() *textpos.Index)
	// help says how to use the surface, for the line under it.
	help() string
}

// place is a stretch of the inspected text: byte offsets [start, end),
// and the line and column (1-based) of its start.
type place struct {
	start, end int
	line, col  int
}

// undo is a text kept for the Undo button: the editor's text before a
// Clear, a fix of a large text, or a refused paste.
type undo struct {
	what  string    // the button's label
	big   string    // a large text, restored into the large view
	value app.Value // else the textarea's value, restored into it
}

// ok reports whether there is a text to restore.
func (u undo) ok() bool { return u.big != "" || u.value != nil }

// surface returns where the text is.
func (e *editor) surface() surface {
	if e.big != nil {
		return e.big
	}
	return textArea{&e.area}
}

// large returns the large text, or nil while the textarea holds the text.
func (e *editor) large() *bigText { return e.big }

// load puts text (a Go string or a JavaScript string) in the editor: in
// the large view when it is past largeText, else in the textarea (keeping
// the previous text in its undo history when undoable).
func (e *editor) load(text any, undoable bool) {
	if s, v, ok := largeOf(text); ok {
		e.setBig(s, v)
		return
	}
	e.leaveBig()
	if undoable {
		replaceRange("input", 0, fieldLen("input"), text)
	} else {
		setFieldValue("input", text)
	}
}

// largeOf returns text (a Go string or a JavaScript string) as a Go string,
// and its JavaScript value when it has one, if it is too long for the
// textarea.
func largeOf(text any) (s string, v app.Value, ok bool) {
	switch t := text.(type) {
	case string:
		if len(t) > largeText && textpos.UTF16Len(t) > largeText {
			return t, nil, true
		}
	case app.Value:
		if t != nil && jsLen(t) > largeText {
			return jsText(t), t, true
		}
	}
	return "", nil, false
}

// setBig shows the large text s (v: the same as a JavaScript string, or
// nil) in the large view, and empties the textarea.
func (e *editor) setBig(s string, v app.Value) {
	e.big = &bigText{s: s, js: v, n: textpos.UTF16Len(s), lines: strings.Count(s, "\n") + 1}
	e.caret = caretHome
	setFieldValue("input", "")
	e.area = areaText{} // the textarea's last text is gone: let it be freed
}

// leaveBig drops the large text, if any: the textarea is the editor again.
func (e *editor) leaveBig() {
	if e.big != nil {
		e.big = nil
		e.caret = caretHome
	}
}

// clear empties the editor: the textarea holds the (empty) text.
func (e *editor) clear() {
	e.leaveBig()
	setFieldValue("input", "")
}

// restore brings back a text kept for Undo, on the surface it came from.
func (e *editor) restore(u undo) {
	if u.big != "" {
		e.setBig(u.big, nil)
		return
	}
	e.leaveBig()
	setFieldValue("input", u.value)
}

// editAsText moves the large text into the textarea; it reports false when
// the textarea holds the text already.
func (e *editor) editAsText() bool {
	if e.big == nil {
		return false
	}
	big := e.big
	v := big.value()
	e.leaveBig()
	setFieldValue("input", v)
	// The first keystroke then reads only what it changed, too.
	e.area.seed(v, big.s, big.n)
	return true
}

// readCaret updates the caret readout; idx indexes the inspected text.
func (e *editor) readCaret(idx func() *textpos.Index) {
	e.setCaret(e.surface().caret(idx))
}

// setCaret sets the caret readout.
func (e *editor) setCaret(line, col int) {
	e.caret = fmt.Sprintf("Ln %d, Col %d", line, col)
}

// show selects (or marks) a place of the inspected text, scrolls to it and
// reads the caret.
func (e *editor) show(at place, idx func() *textpos.Index) {
	e.surface().show(at, idx)
	e.picked = [2]int{}
	if e.big == nil {
		e.picked = [2]int{selectionStart("input"), selectionEnd("input")}
	}
	e.readCaret(idx)
}

// pickedSelection reports whether the textarea's selection is still the
// one the page made (and selects something): Tab must not replace it.
func (e *editor) pickedSelection() bool {
	if e.big != nil || e.picked[0] == e.picked[1] {
		return false
	}
	return selectionStart("input") == e.picked[0] && selectionEnd("input") == e.picked[1]
}

// textArea is the editable surface: the #input textarea. The browser holds
// its text.
type textArea struct{ area *areaText }

func (t textArea) text() string      { return t.area.read("input") }
func (textArea) holds(s string) bool { return false }
func (textArea) units() int          { return fieldLen("input") }
func (textArea) saveDraft(limit int) { saveDraftFrom("input", limit) }

func (textArea) oversized() (int, bool) {
	if fieldLen("input") > inspect.MaxBytes {
		// Measured without copying the text into the app's memory.
		return fieldByteLen("input"), true
	}
	return 0, false
}

func (textArea) stash() (undo, bool) {
	return undo{value: element("input").Get("value")}, fieldLen("input") > 0
}

func (textArea) replace(old, new string) bool {
	start, end, text := textpos.Splice(old, new)
	replaceRange("input", start, end, text)
	return true
}

func (textArea) caret(idx func() *textpos.Index) (line, col int) {
	x := idx()
	return x.LineCol(x.Byte(selectionStart("input")))
}

func (textArea) show(at place, idx func() *textpos.Index) {
	x := idx()
	selectRange("input", x.UTF16(at.start), x.UTF16(max(at.end, at.start)), at.line)
}

func (textArea) help() string {
	return "Tab inserts spaces (Esc then Tab leaves the editor; so does Tab on a place a diagnostic selected) · Ctrl+Enter inspects now"
}

// bigText is the read-only surface: a text past largeText, shown in the
// LargeView.
type bigText struct {
	s     string
	js    app.Value // the same text as a browser string, once needed (drafts, Edit as text)
	n     int       // its length in UTF-16 code units
	lines int       // its number of lines
	mark  Mark      // the place marked in the view
}

// value returns the text as a JavaScript string, made once.
func (b *bigText) value() app.Value {
	if b.js == nil {
		b.js = app.ValueOf(b.s)
	}
	return b.js
}

func (b *bigText) text() string                 { return b.s }
func (b *bigText) holds(s string) bool          { return sameString(b.s, s) }
func (b *bigText) units() int                   { return b.n }
func (b *bigText) stash() (undo, bool)          { return undo{big: b.s}, true }
func (b *bigText) replace(old, new string) bool { return false }

func (b *bigText) oversized() (int, bool) {
	return len(b.s), len(b.s) > inspect.MaxBytes
}

func (b *bigText) saveDraft(limit int) {
	ls := app.Window().Get("localStorage")
	if !ls.Truthy() {
		return
	}
	switch {
	case b.n > maxDraft:
		ls.Call("removeItem", draftKey)
	case b.n <= limit:
		storeDraft(b.value())
	}
}

func (b *bigText) caret(func() *textpos.Index) (line, col int) {
	if b.mark.Line > 0 {
		return b.mark.Line, b.mark.Col
	}
	return 1, 1
}

// show marks the place's columns on its first line (at least one) and
// scrolls to them.
func (b *bigText) show(at place, idx func() *textpos.Index) {
	cols := 1
	if at.end > at.start {
		if endLine, endCol := idx().LineCol(at.end); endLine == at.line && endCol > at.col {
			cols = endCol - at.col
		}
	}
	b.mark = Mark{Line: at.line, Col: at.col, Cols: cols, Seq: b.mark.Seq + 1}
}

func (b *bigText) help() string {
	return "Read-only view: arrow keys, Page Up/Down, Home and End scroll it · a diagnostic's place is marked in it · paste here to replace the payload"
}
