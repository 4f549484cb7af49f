package ui

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/inspect"
	"eventlens/app/textpos"
)

// editorPlaceholder is the empty editor's hint, in lines short enough
// for a 360 px wide screen (the editor does not wrap lines).
const editorPlaceholder = "Paste an Event Grid or CloudEvents\npayload (JSON) or an HTTP request\nhere, drop a .json file anywhere on\nthe page, or pick a sample."

// caretHome is the caret readout before the caret moves.
const caretHome = "Ln 1, Col 1"

// editor holds the payload on one of three surfaces: the textarea (#input);
// for a text past largeText, the read-only LargeView; and, once the user
// asks to edit such a text, the code editor (codeText). The Inspector
// asks the editor what it needs (the text, a place to select, the draft
// to save, the text to keep for Undo); only the editor knows which surface
// holds the text.
type editor struct {
	big   *bigText  // the large text; nil while the textarea holds the text
	code  *codeText // the code editor; nil unless it holds the text
	hooks codeHooks // the Inspector's answers to the code editor
	caret string    // the caret's place, for the readout: "Ln 3, Col 7"
	area  areaText  // reads the textarea
	// picked is the textarea's selection (UTF-16 start and end) that the
	// page made to show a place, e.g. a diagnostic's; zero when none.
	picked [2]int
}

// surface is where the editor's text is: textArea, *bigText or *codeText.
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
	// stamp returns a value that changes with every edit of the text.
	stamp() app.Value
	// saveDraft keeps the text as the draft, by the rules of saveDraftFrom.
	saveDraft(limit int)
	// stash returns the text to keep for Undo, and whether there is any.
	stash() (undo, bool)
	// replace edits the text old into new in place, as one edit that the
	// surface's own undo history takes back; it reports false when the
	// surface cannot be edited.
	replace(old, new string) bool
	// selection returns the selection (UTF-16 code units), and false when
	// the surface has none.
	selection() (start, end int, ok bool)
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
	value app.Value // else the textarea's or the code editor's text, restored into it
	code  bool      // value is the code editor's
}

// ok reports whether there is a text to restore.
func (u undo) ok() bool { return u.big != "" || u.value != nil }

// surface returns where the text is.
func (e *editor) surface() surface {
	switch {
	case e.big != nil:
		return e.big
	case e.code != nil:
		return e.code
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
	e.leaveCode()
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
	e.leaveCode()
	n, lines := textpos.Measure(s)
	e.big = &bigText{s: s, js: v, n: n, lines: lines}
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

// leaveCode removes the code editor, if any: the textarea is the editor
// again.
func (e *editor) leaveCode() {
	if e.code != nil {
		e.code.close()
		e.code = nil
		e.caret = caretHome
	}
}

// clear empties the editor: the textarea holds the (empty) text.
func (e *editor) clear() {
	e.leaveBig()
	e.leaveCode()
	setFieldValue("input", "")
}

// restore brings back a text kept for Undo, on the surface it came from.
func (e *editor) restore(u undo) {
	switch {
	case u.big != "":
		e.setBig(u.big, nil)
		return
	case u.code && e.code != nil:
		e.code.set(u.value, jsText(u.value), jsLen(u.value))
		return
	case u.code && codeEditorLoaded():
		e.leaveBig()
		e.openCode(u.value, jsText(u.value), jsLen(u.value))
		return
	}
	e.leaveBig()
	e.leaveCode()
	setFieldValue("input", u.value)
}

// editAsText moves the large text into the code editor, or into the
// textarea when the code editor's script has not loaded; it reports false
// when there is no large text.
func (e *editor) editAsText() bool {
	if e.big == nil {
		return false
	}
	big := e.big
	v := big.value()
	e.leaveBig()
	if codeEditorLoaded() {
		e.openCode(v, big.s, big.n)
		return true
	}
	setFieldValue("input", v)
	// The first keystroke then reads only what it changed, too.
	e.area.seed(v, big.s, big.n)
	return true
}

// openCode shows the code editor, holding v (s in Go, n code units), in
// place of the textarea, which it empties.
func (e *editor) openCode(v app.Value, s string, n int) {
	e.leaveCode()
	setFieldValue("input", "")
	e.area = areaText{}
	box := element("code-editor")
	box.Set("hidden", false) // now, not at the next render: the editor measures itself as it starts
	e.code = newCodeText(box, v, s, n, e.hooks)
	e.caret = caretHome
}

// codeEditorLoaded reports whether web/editor.js has loaded.
func codeEditorLoaded() bool { return app.Window().Get("eventlensEditor").Truthy() }

// readCaret updates the caret readout: the start of the selection, or in
// the large view the place marked; idx indexes the inspected text.
func (e *editor) readCaret(idx func() *textpos.Index) {
	if start, _, ok := e.surface().selection(); ok {
		x := idx()
		e.setCaret(x.LineCol(x.Byte(start)))
		return
	}
	if e.big != nil {
		e.setCaret(e.big.caret())
	}
}

// setCaret sets the caret readout.
func (e *editor) setCaret(line, col int) {
	e.caret = fmt.Sprintf("Ln %d, Col %d", line, col)
}

// show selects (or marks) a place of the inspected text, scrolls to it and
// reads the caret.
func (e *editor) show(at place, idx func() *textpos.Index) {
	s := e.surface()
	s.show(at, idx)
	e.picked = [2]int{}
	if _, ok := s.(textArea); ok {
		e.picked = [2]int{selectionStart("input"), selectionEnd("input")}
	}
	e.readCaret(idx)
}

// pickedSelection reports whether the textarea's selection is still the
// one the page made (and selects something): Tab must not replace it.
func (e *editor) pickedSelection() bool {
	if e.big != nil || e.code != nil || e.picked[0] == e.picked[1] {
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
func (textArea) stamp() app.Value    { return element("input").Get("value") }
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

func (textArea) selection() (start, end int, ok bool) {
	return selectionStart("input"), selectionEnd("input"), true
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
	js    app.Value     // the same text as a browser string, once needed (drafts, Edit as text)
	n     int           // its length in UTF-16 code units
	lines textpos.Lines // where each of its lines starts, for the view
	mark  Mark          // the place marked in the view
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
func (b *bigText) stamp() app.Value             { return element("input").Get("value") }
func (b *bigText) selection() (int, int, bool)  { return 0, 0, false }
func (b *bigText) stash() (undo, bool)          { return undo{big: b.s}, true }
func (b *bigText) replace(old, new string) bool { return false }

func (b *bigText) oversized() (int, bool) {
	return len(b.s), len(b.s) > inspect.MaxBytes
}

func (b *bigText) saveDraft(limit int) { saveDraftOf(b.n, limit, b.value) }

// caret returns the line and column of the place marked, or of the text's
// start.
func (b *bigText) caret() (line, col int) {
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
