package ui

import (
	"fmt"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/inspect"
	"eventlens/app/share"
)

// on adds a browser event listener that runs synchronously (so it may call
// preventDefault) and is removed on dismount.
func (p *Inspector) on(ctx app.Context, target app.Value, event, what string, capture bool, f func(e app.Value)) {
	if !target.Truthy() {
		return
	}
	fn := app.FuncOf(func(this app.Value, args []app.Value) any {
		if len(args) > 0 {
			guard(ctx, what, func() { f(args[0]) })
		}
		return nil
	})
	target.Call("addEventListener", event, fn, capture)
	p.listeners = append(p.listeners, func() {
		target.Call("removeEventListener", event, fn, capture)
		fn.Release()
	})
}

// listen registers keyboard, paste, drag-and-drop, fragment and page-hide
// events.
func (p *Inspector) listen(ctx app.Context) {
	win := app.Window()
	p.ed.hooks = p.codeHooks(ctx)
	input := element("input")
	p.on(ctx, input, "keydown", "handling a key", false, func(e app.Value) {
		key := e.Get("key").String()
		mod := e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool()
		switch {
		case key == "Enter" && mod:
			e.Call("preventDefault")
			ctx.Dispatch(func(ctx app.Context) {
				guard(ctx, "inspecting", func() { p.gen++; p.runNow(ctx) })
			})
		case key == "Escape":
			p.escaped = true
		case key == "Tab" && p.ed.pickedSelection():
			// The selection shows a place the page picked (a diagnostic's
			// value): Tab leaves the editor, as it would from the list the
			// user came from, instead of replacing the value with spaces.
			p.ed.picked = [2]int{}
		case key == "Tab" && !mod && !e.Get("altKey").Bool() && !e.Get("shiftKey").Bool() && !p.escaped:
			e.Call("preventDefault")
			app.Window().Get("document").Call("execCommand", "insertText", false, "  ")
		default:
			p.escaped = false
		}
	})
	// A large paste goes to the large view, not into the textarea (see
	// largeText); a smaller one is the textarea's.
	p.on(ctx, input, "paste", "pasting", false, func(e app.Value) {
		data, ok := pasted(e)
		if !ok || jsLen(data) <= largeText {
			return
		}
		e.Call("preventDefault")
		// The paste replaces the selection, as it does in the textarea.
		if n := input.Get("textLength").Int(); n > 0 {
			start, end := input.Get("selectionStart").Int(), input.Get("selectionEnd").Int()
			if start > 0 || end < n {
				val := jsString(input.Get("value"))
				// slice returns a primitive string: wrapped again to call concat.
				data = jsString(val.Call("slice", 0, start)).Call("concat", data, val.Call("slice", end))
			}
		}
		ctx.Dispatch(func(ctx app.Context) { guard(ctx, "pasting", func() { p.pasteLarge(ctx, data) }) })
	})
	// A paste into the large view replaces the whole payload.
	p.on(ctx, win, "paste", "pasting", false, func(e app.Value) {
		t := e.Get("target")
		if p.ed.large() == nil || !t.Truthy() || !t.Get("closest").Truthy() || !t.Call("closest", "#large-scroll").Truthy() {
			return
		}
		data, ok := pasted(e)
		if !ok {
			return
		}
		e.Call("preventDefault")
		ctx.Dispatch(func(ctx app.Context) {
			guard(ctx, "pasting", func() {
				if jsLen(data) > largeText {
					p.pasteLarge(ctx, data)
					return
				}
				p.replace(ctx, data, false, "Pasted over the large payload: the editor holds the new text.")
			})
		})
	})
	p.on(ctx, input, "focus", "reading the caret", false, func(app.Value) {
		ctx.Dispatch(func(ctx app.Context) { guard(ctx, "reading the caret", p.readCaret) })
	})
	for _, ev := range []string{"keyup", "mouseup"} {
		p.on(ctx, input, ev, "reading the caret", false, func(app.Value) {
			ctx.Dispatch(func(ctx app.Context) { guard(ctx, "reading the caret", p.followCaret) })
		})
	}
	// The output tabs: the arrow keys, Home and End select the next tab
	// and focus it.
	p.on(ctx, win, "keydown", "moving between tabs", false, func(e app.Value) {
		t := e.Get("target")
		if !t.Truthy() || t.Get("getAttribute").IsUndefined() || t.Call("getAttribute", "role").String() != "tab" {
			return
		}
		if e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool() || e.Get("altKey").Bool() {
			return
		}
		id := strings.TrimPrefix(t.Get("id").String(), "tab-")
		next, ok := nextTab(id, e.Get("key").String())
		if !ok {
			return
		}
		e.Call("preventDefault")
		element("tab-" + next).Call("focus")
		ctx.Dispatch(func(ctx app.Context) { p.tab = next })
	})
	p.on(ctx, win, "dragover", "dragging a file", true, func(e app.Value) {
		e.Call("preventDefault")
		if dt := e.Get("dataTransfer"); dt.Truthy() {
			dt.Set("dropEffect", "copy")
		}
	})
	p.on(ctx, win, "drop", "dropping a file", true, func(e app.Value) {
		dt := e.Get("dataTransfer")
		if !dt.Truthy() || dt.Get("files").Length() == 0 {
			return // text dropped into the editor: let the browser insert it
		}
		e.Call("preventDefault")
		p.readFile(ctx, dt.Get("files").Index(0))
	})
	for _, ev := range []string{"pointerdown", "focusin", "dragenter"} {
		p.on(ctx, win, ev, "preparing the validators", true, func(app.Value) { p.warm(ctx) })
	}
	p.on(ctx, win, "hashchange", "opening a share link", false, func(app.Value) {
		ctx.Dispatch(func(ctx app.Context) { guard(ctx, "opening a share link", func() { p.openShared(ctx) }) })
	})
	// The draft is saved after each inspection; this also keeps what was
	// typed in the last moments before the page goes away.
	p.on(ctx, win, "pagehide", "saving the draft", false, func(app.Value) {
		p.ed.surface().saveDraft(maxDraft)
	})
}

// onInput follows an edit of the textarea (see edited).
func (p *Inspector) onInput(ctx app.Context, e app.Event) {
	t := e.Get("inputType")
	p.edited(ctx, t.Truthy() && (t.String() == "insertFromPaste" || t.String() == "insertFromDrop"))
}

// edited follows an edit of the editor's text: a paste or a drop is
// inspected at once, and so is typing inside one event of a large batch
// (reinspect); other typing once it pauses. Any inspection of the previous
// text stops.
func (p *Inspector) edited(ctx app.Context, pasted bool) {
	p.ed.surface().saveDraft(keystrokeDraft)
	p.ed.picked = [2]int{}
	if p.notice.text != "" && p.notice.at != nil && !p.ed.surface().stamp().Equal(p.notice.at) {
		// The notice spoke of the text before this edit.
		p.notice = notice{}
	}
	p.gen++
	p.stopJob()
	if pasted {
		p.runNow(ctx)
		return
	}
	if !p.reinspect(ctx) {
		ctx.PreventUpdate()
	}
	// Once typing pauses: the inspection, or after reinspect only the
	// draft of a large text, which is too slow to save on each keystroke.
	g := p.gen
	ctx.After(debounce, func(ctx app.Context) {
		guard(ctx, "inspecting", func() {
			if g == p.gen {
				p.runNow(ctx)
			}
		})
	})
}

// openShared loads the payload of a share link in the URL fragment; it
// reports whether there was one.
func (p *Inspector) openShared(ctx app.Context) bool {
	hash := locationHash()
	l, ok, err := share.DecodeLink(hash)
	payload, flt := l.Payload, l.Filter
	if !ok {
		return false
	}
	link := pageURL() + hash
	clearHash() // a reload then shows the draft, not the link's original
	if err != nil {
		p.say("Could not open the share link: "+err.Error(), true)
		return false
	}
	// The link's payload replaces the text: the one in the editor, or, as
	// the page opens, the saved draft. Either is kept for the Undo button.
	before, had := p.ed.surface().stash()
	if !had {
		if v, ok := draft(); ok && v.String() != string(payload) {
			before, had = undoOf(v), true
		}
	}
	resetSampleMenu()
	msg := "Opened the payload from a share link (the link is below, to copy again)."
	if flt != nil {
		msg = "Opened the payload and the subscription filter from a share link (the link is below, to copy again)."
		msg += p.takeSharedFilter(string(flt))
	}
	if l.Compare != nil {
		msg += p.takeSharedCompare(l.Compare)
	}
	p.replaceFrom(ctx, string(payload), false, before, had, msg)
	p.shareURL = link
	return true
}

// undoOf returns a JavaScript string as a text kept for Undo, on the
// surface it will go back to.
func undoOf(v app.Value) undo {
	if s, _, ok := largeOf(v); ok {
		return undo{big: s}
	}
	return undo{value: v}
}

// readFile loads a File (from a drop or the file picker) into the editor.
func (p *Inspector) readFile(ctx app.Context, file app.Value) {
	name := file.Get("name").String()
	if size := file.Get("size").Int(); size > inspect.MaxBytes {
		ctx.Dispatch(func(ctx app.Context) {
			p.say(fmt.Sprintf("%s is %d MiB: eventlens inspects files up to %d MiB. Cut it down to the events you need.", name, size>>20, inspect.MaxBytes>>20), true)
		})
		return
	}
	file.Call("text").Then(func(v app.Value) {
		// The text goes from the file to the editor without a copy in Go;
		// the inspection reads it once.
		ctx.Dispatch(func(ctx app.Context) {
			guard(ctx, "reading "+name, func() {
				resetSampleMenu()
				p.replace(ctx, v, true, "Loaded "+name+".")
			})
		})
	})
}

// pasteLarge shows a large pasted text (a JavaScript string) in the large
// view and inspects it at once; past the size limit it is refused without
// being read into Go.
func (p *Inspector) pasteLarge(ctx app.Context, text app.Value) {
	n := 0
	if jsLen(text) > inspect.MaxBytes {
		// At least as many bytes as UTF-16 units: too large already.
		n = app.Window().Get("TextEncoder").New().Call("encode", text).Length()
	} else if s := jsText(text); len(s) > inspect.MaxBytes {
		n = len(s)
	} else {
		p.ed.setBig(s, text)
		p.gen++
		p.keep(undo{})
		p.runNow(ctx)
		p.say(fmt.Sprintf("Pasted %s: shown read-only so that the page stays quick. “Edit as text” makes it editable.", sizeLabel(len(s))), false)
		return
	}
	// Refused: the editor is emptied (Undo brings its text back) and the
	// verdict states the limit.
	p.stash("Undo paste")
	p.ed.clear()
	p.gen++
	p.stopJob()
	p.show("", n, p.gen, nil)
	p.ed.surface().saveDraft(maxDraft)
	p.say(fmt.Sprintf("The pasted text is %d MiB: eventlens inspects payloads up to %d MiB. Paste only the events you need.", n>>20, inspect.MaxBytes>>20), true)
}

// codeHooks makes the Inspector's answers to the code editor (codeText),
// released on dismount.
func (p *Inspector) codeHooks(ctx app.Context) codeHooks {
	hook := func(what string, f func(ctx app.Context, args []app.Value)) app.Func {
		fn := app.FuncOf(func(this app.Value, args []app.Value) any {
			ctx.Dispatch(func(ctx app.Context) { guard(ctx, what, func() { f(ctx, args) }) })
			return nil
		})
		p.listeners = append(p.listeners, fn.Release)
		return fn
	}
	return codeHooks{
		onEdit: hook("reading the editor", func(ctx app.Context, args []app.Value) {
			if p.ed.code == nil {
				return // an edit the editor reported as it closed
			}
			p.edited(ctx, len(args) > 0 && args[0].String() == "paste")
		}),
		onRun: hook("inspecting", func(ctx app.Context, _ []app.Value) { p.gen++; p.runNow(ctx) }),
		onCaret: hook("reading the caret", func(ctx app.Context, _ []app.Value) {
			if p.ed.code != nil {
				p.followCaret()
			}
		}),
	}
}
