package ui

import (
	"time"
	"unsafe"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/vocab"
)

// This file holds the few browser calls the components make. Payload text
// only ever goes into a textarea's value, a text node, the clipboard, a
// Blob being downloaded, or localStorage: never into markup, and never into
// a request.

// draftKey is the localStorage key of the editor's text.
const draftKey = "eventlens.draft"

// maxDraft is the longest draft kept, in UTF-16 units.
const maxDraft = vocab.MaxDraftUnits

// later runs f on the page's context in a later browser task, at least d
// from now, after the browser has handled the events and painted what came
// before. (A Go timer does not do that: the Go runtime runs every goroutine
// and timer that is due before it returns to the browser, so consecutive
// steps would merge into one long task.)
func later(ctx app.Context, d time.Duration, f func(ctx app.Context)) {
	if !app.IsClient {
		ctx.After(d, f)
		return
	}
	onTimeout(d, func() { ctx.Dispatch(f) })
}

// onTimeout calls f once, in a browser task of its own, after d.
func onTimeout(d time.Duration, f func()) {
	var fn app.Func
	fn = app.FuncOf(func(app.Value, []app.Value) any {
		fn.Release()
		f()
		return nil
	})
	app.Window().Call("setTimeout", fn, d.Milliseconds())
}

// element returns the element with the given id (falsy when absent).
func element(id string) app.Value {
	return app.Window().GetElementByID(id)
}

// fieldLen returns the length of a textarea's value in UTF-16 code units,
// which is at most its length in UTF-8 bytes.
func fieldLen(id string) int {
	e := element(id)
	if !e.Truthy() {
		return 0
	}
	return e.Get("textLength").Int()
}

// fieldByteLen returns the length of a field's value in UTF-8 bytes
// (unpaired surrogates count as U+FFFD, as in fieldText), measured in the
// browser without copying the value into Go.
func fieldByteLen(id string) int {
	e := element(id)
	if !e.Truthy() {
		return 0
	}
	return byteLen(e.Get("value"))
}

// byteLen returns the length of a JavaScript string in UTF-8 bytes
// (unpaired surrogates count as U+FFFD), measured in the browser without
// copying the string into Go.
func byteLen(v app.Value) int {
	return app.Window().Get("TextEncoder").New().Call("encode", v).Length()
}

// fieldText returns a field's value, copied into Go once.
func fieldText(id string) string {
	e := element(id)
	if !e.Truthy() {
		return ""
	}
	return jsText(e.Get("value"))
}

// jsText returns a JavaScript string as a Go string, copied once. (Reading
// a string value through syscall/js copies it twice; a large payload would
// so need three times its size.)
func jsText(v app.Value) string {
	enc := app.Window().Get("TextEncoder").New().Call("encode", v)
	b := make([]byte, enc.Length())
	if len(b) == 0 {
		return ""
	}
	app.CopyBytesToGo(b, enc)
	return unsafe.String(&b[0], len(b)) // b is never written again
}

// jsString wraps a JavaScript string in a String object, whose length and
// methods Go can reach (syscall/js reads properties of objects only).
func jsString(v app.Value) app.Value {
	return app.Window().Get("String").New(v)
}

// jsLen returns the length of a JavaScript string in UTF-16 code units.
func jsLen(v app.Value) int {
	if v == nil || v.IsNull() || v.IsUndefined() {
		return 0
	}
	return jsString(v).Length()
}

// pasted returns the text of a paste event.
func pasted(e app.Value) (app.Value, bool) {
	cd := e.Get("clipboardData")
	if !cd.Truthy() {
		return nil, false
	}
	return cd.Call("getData", "text"), true
}

// bytesOf returns the bytes of s without copying them. The engine only
// reads its input, so the bytes are never written.
func bytesOf(s string) []byte {
	return unsafe.Slice(unsafe.StringData(s), len(s))
}

// setFieldValue replaces the whole value of a textarea with text, a Go
// string or a JavaScript value (which then is not copied through Go).
func setFieldValue(id string, text any) {
	if e := element(id); e.Truthy() {
		e.Set("value", text)
	}
}

// replaceRange replaces the UTF-16 range [start, end) of a textarea's value
// with text (a Go string or a JavaScript value) through the browser's
// editing commands, so Ctrl+Z undoes it.
func replaceRange(id string, start, end int, text any) {
	e := element(id)
	if !e.Truthy() {
		return
	}
	doc := app.Window().Get("document")
	// The edit needs the focus. It goes back to a menu it came from (the
	// samples menu: its arrow keys keep moving through the samples); from
	// a button (Apply fix) it stays in the editor, whose Ctrl+Z undoes.
	active := doc.Get("activeElement")
	e.Call("focus", map[string]any{"preventScroll": true})
	e.Call("setSelectionRange", start, end)
	if !doc.Call("execCommand", "insertText", false, text).Bool() {
		// Browsers without insertText on textareas: replace without undo.
		e.Call("setRangeText", text, start, end, "end")
	}
	if active.Truthy() && active.Get("tagName").String() == "SELECT" {
		active.Call("focus", map[string]any{"preventScroll": true})
	}
}

// selectRange selects the UTF-16 range [start, end) of a textarea and
// scrolls so that line (1-based) is in view.
func selectRange(id string, start, end, line int) {
	e := element(id)
	if !e.Truthy() {
		return
	}
	e.Call("focus", map[string]any{"preventScroll": true})
	e.Call("setSelectionRange", start, end)
	lh := app.Window().Call("getComputedStyle", e).Get("lineHeight")
	lineHeight := 20.0
	if f := app.Window().Call("parseFloat", lh).Float(); f > 0 {
		lineHeight = f
	}
	top := float64(line-1)*lineHeight - e.Get("clientHeight").Float()/3
	e.Set("scrollTop", max(top, 0))
	e.Call("scrollIntoView", map[string]any{"block": "nearest"})
}

// selectionStart returns a textarea's selectionStart (UTF-16 units).
func selectionStart(id string) int {
	e := element(id)
	if !e.Truthy() {
		return 0
	}
	return e.Get("selectionStart").Int()
}

// selectionEnd returns a textarea's selectionEnd (UTF-16 units).
func selectionEnd(id string) int {
	e := element(id)
	if !e.Truthy() {
		return 0
	}
	return e.Get("selectionEnd").Int()
}

// copyText puts text on the clipboard, through a hidden textarea when the
// asynchronous clipboard API is unavailable or refused; done (maybe later)
// says whether it worked.
func copyText(text string, done func(ok bool)) {
	nav := app.Window().Get("navigator")
	if cb := nav.Get("clipboard"); cb.Truthy() {
		var copied, failed app.Func
		release := func() { copied.Release(); failed.Release() }
		copied = app.FuncOf(func(app.Value, []app.Value) any { release(); done(true); return nil })
		failed = app.FuncOf(func(app.Value, []app.Value) any {
			ok := copyWithSelection(text)
			release()
			done(ok)
			return nil
		})
		cb.Call("writeText", text).Call("then", copied, failed)
		return
	}
	done(copyWithSelection(text))
}

func copyWithSelection(text string) bool {
	doc := app.Window().Get("document")
	active := doc.Get("activeElement")
	ta := doc.Call("createElement", "textarea")
	ta.Set("value", text)
	ta.Call("setAttribute", "readonly", "")
	ta.Get("style").Set("position", "fixed")
	ta.Get("style").Set("opacity", "0")
	doc.Get("body").Call("appendChild", ta)
	ta.Call("select")
	ok := doc.Call("execCommand", "copy").Bool()
	ta.Call("remove")
	if active.Truthy() {
		active.Call("focus")
	}
	return ok
}

// resetSampleMenu shows the samples menu's placeholder again: the payload
// is no longer the sample it names.
func resetSampleMenu() {
	if e := element("samples"); e.Truthy() {
		e.Set("selectedIndex", 0)
	}
}

// download saves data as a file through a Blob and an object URL.
func download(name, mime string, data []byte) {
	w := app.Window()
	arr := w.Get("Uint8Array").New(len(data))
	app.CopyBytesToJS(arr, data)
	blob := w.Get("Blob").New([]any{arr}, map[string]any{"type": mime})
	url := w.Get("URL").Call("createObjectURL", blob)
	doc := w.Get("document")
	a := doc.Call("createElement", "a")
	a.Set("href", url)
	a.Set("download", name)
	a.Get("style").Set("display", "none")
	doc.Get("body").Call("appendChild", a)
	a.Call("click")
	a.Call("remove")
	revoke := app.FuncOf(func(app.Value, []app.Value) any {
		w.Get("URL").Call("revokeObjectURL", url)
		return nil
	})
	w.Call("setTimeout", revoke, 1000)
}

// keystrokeDraft is the longest draft (in UTF-16 units) saved on every
// keystroke; longer ones are saved when typing pauses and when the page is
// hidden, since writing a megabyte to localStorage takes a noticeable time.
const keystrokeDraft = 128 << 10

// saveDraftFrom stores the value of the field with the given id as the
// draft, from the browser's copy (not through Go), when it is at most limit
// UTF-16 units long. An empty value, or one too long to keep (maxDraft),
// removes the draft, so a reload never brings back an older text. Storage
// may be full or disabled: the draft is then simply not kept.
func saveDraftFrom(id string, limit int) {
	if e := element(id); e.Truthy() {
		saveDraftOf(e.Get("textLength").Int(), limit, func() app.Value { return e.Get("value") })
	}
}

// saveDraftOf keeps a text of n UTF-16 units as the draft, by the rules of
// saveDraftFrom; value gives it as a browser string, asked for only when
// it is stored.
func saveDraftOf(n, limit int, value func() app.Value) {
	ls := app.Window().Get("localStorage")
	if !ls.Truthy() {
		return
	}
	switch {
	case n == 0 || n > maxDraft:
		ls.Call("removeItem", draftKey)
	case n <= limit:
		storeDraft(value())
	}
}

// storeDraft stores v as the draft. When the storage is full, the draft
// goes before the Undo text kept beside it (undostore.go), which is
// dropped to make room; when there is still no room, the older draft is
// removed, so that a reload never brings it back.
func storeDraft(v app.Value) {
	if storeItem(draftKey, v) {
		return
	}
	forgetStoredUndo()
	if !storeItem(draftKey, v) {
		app.Window().Get("localStorage").Call("removeItem", draftKey)
	}
}

// storeItem sets key to v in localStorage; it reports false when there is
// no storage or it refuses the value (a full storage throws, which
// syscall/js turns into a panic).
func storeItem(key string, v any) (ok bool) {
	ls := app.Window().Get("localStorage")
	if !ls.Truthy() {
		return false
	}
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	ls.Call("setItem", key, v)
	return true
}

// draft returns the stored draft, if there is one.
func draft() (app.Value, bool) {
	ls := app.Window().Get("localStorage")
	if !ls.Truthy() {
		return nil, false
	}
	v := ls.Call("getItem", draftKey)
	if v.IsNull() || v.IsUndefined() {
		return nil, false
	}
	return v, true
}

// locationHash returns the URL's fragment, with its "#".
func locationHash() string {
	return app.Window().Get("location").Get("hash").String()
}

// pageURL returns the page's URL without its fragment.
func pageURL() string {
	loc := app.Window().Get("location")
	return loc.Get("origin").String() + loc.Get("pathname").String() + loc.Get("search").String()
}

// clearHash removes the fragment from the address bar without reloading or
// adding a history entry.
func clearHash() {
	loc := app.Window().Get("location")
	app.Window().Get("history").Call("replaceState", nil, "", loc.Get("pathname").String()+loc.Get("search").String())
}

// YieldToBrowser lets the browser run (paint, handle input, run other
// tasks) and returns in a task of its own. The wasm entry calls it between
// Go's start (the runtime and package initialisation) and go-app's first
// drawing of the page, so that the app's start is two tasks, not one long
// one. Only for the browser.
func YieldToBrowser() {
	done := make(chan struct{})
	onTimeout(0, func() { close(done) })
	<-done
}

// typed holds the prerendered page's editors (the payload and the filter),
// by element id (KeepTyped).
var typed = map[string]app.Value{}

// KeepTyped keeps the prerendered page's editors, which the user can type
// or paste into while app.wasm loads: go-app's first drawing of the page
// replaces those elements, and the Inspector puts their text back as it
// starts. The drawing is cut into browser tasks, so the user may still type
// while it is built; the text is read when the Inspector takes it, from the
// element, which keeps its value once replaced. The wasm entry calls it
// just before app.RunWhenOnBrowser. Only for the browser.
func KeepTyped() {
	for _, id := range []string{"input", "filter-input"} {
		if e := element(id); e.Truthy() {
			typed[id] = e
		}
	}
}

// keptText returns the text the user has typed so far into the prerendered
// element id (KeepTyped), leaving it to takeTyped. The first drawing shows
// it, so that it does not leave the page while the start goes on.
func keptText(id string) string {
	if e, ok := typed[id]; ok && e.Get("textLength").Int() > 0 {
		return e.Get("value").String()
	}
	return ""
}

// takeTyped returns, once, the text the user typed into the prerendered
// element id (KeepTyped), if any.
func takeTyped(id string) (app.Value, bool) {
	e, ok := typed[id]
	delete(typed, id)
	if !ok || e.Get("textLength").Int() == 0 {
		return nil, false
	}
	return e.Get("value"), true
}

// loadScript adds a script from src to the page, once per src, and calls
// done with whether it loaded. A script already loaded calls done at once;
// one still loading calls it when it has.
func loadScript(src string, done func(loaded bool)) {
	doc := app.Window().Get("document")
	s := doc.Call("querySelector", `script[data-eventlens-src="`+src+`"]`)
	if s.Truthy() && s.Get("dataset").Get("state").String() == "loaded" {
		done(true)
		return
	}
	if !s.Truthy() || s.Get("dataset").Get("state").String() == "failed" {
		if s.Truthy() {
			s.Call("remove") // failed before: try again
		}
		s = doc.Call("createElement", "script")
		s.Set("src", src)
		s.Get("dataset").Set("eventlensSrc", src)
		s.Get("dataset").Set("state", "loading")
		doc.Get("head").Call("appendChild", s)
	}
	var onLoad, onError app.Func
	finish := func(loaded bool) {
		state := "failed"
		if loaded {
			state = "loaded"
		}
		s.Get("dataset").Set("state", state)
		s.Call("removeEventListener", "load", onLoad)
		s.Call("removeEventListener", "error", onError)
		onLoad.Release()
		onError.Release()
		done(loaded)
	}
	onLoad = app.FuncOf(func(app.Value, []app.Value) any { finish(true); return nil })
	onError = app.FuncOf(func(app.Value, []app.Value) any { finish(false); return nil })
	s.Call("addEventListener", "load", onLoad)
	s.Call("addEventListener", "error", onError)
}
