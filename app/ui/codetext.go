package ui

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/inspect"
	"eventlens/app/textpos"
)

// codeText is the editable surface for a large text: the code editor of
// web/editor.js (CodeMirror 6) in #code-editor. It lays out only the lines
// in view, so a keystroke's layout costs what it does in a short text,
// where a textarea lays out its whole value on every edit. The editor
// tells what changed since the text was last read (take), so reading it
// copies only that into Go.
type codeText struct {
	h app.Value // the editor's handle (eventlensEditor.create)
	s string    // the text as last read into Go
	n int       // its length in UTF-16 code units
}

// codeScript is the code editor's script, loaded on first use.
const codeScript = "/web/editor.js"

// codeHooks are the Inspector's answers to the code editor: an edit (its
// argument is "paste" for a paste or a drop, else "type"), Ctrl+Enter, and
// a moved selection.
type codeHooks struct {
	onEdit, onRun, onCaret app.Func
}

// newCodeText makes the code editor in parent, holding v, a JavaScript
// string, and s, the same text in Go, n code units long.
func newCodeText(parent, v app.Value, s string, n int, hooks codeHooks) *codeText {
	opts := app.Window().Get("Object").New()
	opts.Set("label", "Payload")
	opts.Set("describedBy", "editor-help")
	opts.Set("onEdit", hooks.onEdit)
	opts.Set("onRun", hooks.onRun)
	opts.Set("onCaret", hooks.onCaret)
	h := app.Window().Get("eventlensEditor").Call("create", parent, v, opts)
	return &codeText{h: h, s: s, n: n}
}

// close removes the editor from the page.
func (c *codeText) close() { c.h.Call("destroy") }

// set replaces the editor's text with v (s in Go, n code units), as a new
// start of its undo history.
func (c *codeText) set(v app.Value, s string, n int) {
	c.h.Call("set", v)
	c.s, c.n = s, n
}

func (c *codeText) text() string {
	if r := c.h.Call("take"); r.IsNull() {
		return c.s
	} else if s, ok := splice(c.s, c.n, r.Index(0).Int(), r.Index(1).Int(), jsText(r.Index(2))); ok {
		c.s, c.n = s, c.units()
		return s
	}
	v := c.h.Call("text")
	c.s, c.n = jsText(v), jsLen(v)
	return c.s
}

func (c *codeText) holds(s string) bool { return false }
func (c *codeText) units() int          { return c.h.Call("length").Int() }
func (c *codeText) stamp() app.Value    { return c.h.Call("version") }

func (c *codeText) oversized() (int, bool) {
	if c.units() > inspect.MaxBytes {
		// Measured without copying the text into the app's memory.
		return byteLen(c.h.Call("text")), true
	}
	return 0, false
}

func (c *codeText) saveDraft(limit int) {
	saveDraftOf(c.units(), limit, func() app.Value { return c.h.Call("text") })
}

func (c *codeText) stash() (undo, bool) {
	return undo{value: c.h.Call("text"), code: true}, c.units() > 0
}

func (c *codeText) replace(old, new string) bool {
	start, end, text := textpos.Splice(old, new)
	c.h.Call("replace", start, end, text)
	return true
}

func (c *codeText) selection() (start, end int, ok bool) {
	r := c.h.Call("selection")
	a, h := r.Index(0).Int(), r.Index(1).Int()
	return min(a, h), max(a, h), true
}

func (c *codeText) show(at place, idx func() *textpos.Index) {
	x := idx()
	c.h.Call("select", x.UTF16(at.start), x.UTF16(max(at.end, at.start)))
}

func (c *codeText) help() string {
	return "Only the lines in view are drawn · Ctrl+F finds · Tab inserts spaces (Esc then Tab leaves the editor; so does Tab on a place a diagnostic selected) · Ctrl+Enter inspects now"
}
