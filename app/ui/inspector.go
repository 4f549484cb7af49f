package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/diag"
	"eventlens/app/inspect"
	"eventlens/app/jsontree"
	"eventlens/app/samples"
	"eventlens/app/schema"
	"eventlens/app/share"
	"eventlens/app/textpos"
)

// debounce is how long the editor waits after the last keystroke before
// inspecting.
const debounce = 150 * time.Millisecond

// The output tabs.
const (
	tabPretty      = "pretty"
	tabEventGrid   = "eventgrid"
	tabCloudEvents = "cloudevents"
	tabDiff        = "diff"
)

// Inspector is the main page: an editor for a payload and what eventlens
// finds in it.
type Inspector struct {
	app.Compo

	src    string          // the text the report describes
	srcLen int             // its length in bytes (also for an oversized text, not kept)
	srcGen int             // the edit (gen) at which src was read
	idx    *textpos.Index  // positions in src, built when first needed
	report *inspect.Report // the inspection of src; nil when src is blank
	gen    int             // counts edits; a debounced run only fires for the latest
	focus  int             // the event shown alone, or -1 for all

	// The inspection under way, advanced a step at a time between browser
	// events; nil when none. Its verdict replaces report as soon as it is
	// final, its pretty text and conversions follow.
	job     *inspect.Job
	jobText string    // the text being inspected
	jobGen  int       // the edit at which jobText was read
	jobSeq  int       // identifies the job; a step scheduled for another is stale
	drawn   time.Time // when the job's progress was last drawn

	// Texts shown in the tabs, for the focused event or the whole payload.
	pretty, eventGrid, cloudEvents []byte

	tab     string
	compare bool
	caret   string

	notice    string    // a message about the last action
	noticeErr bool      // the notice reports a refusal or a failure
	fatal     string    // a recovered panic, shown in a banner
	undoText  app.Value // the text before the last Clear (kept in the browser)
	canUndo   bool
	shareURL  string

	escaped   bool // Escape was pressed: the next Tab leaves the editor
	listeners []func()

	// A large payload (past largeText) is held here and shown in the
	// read-only LargeView instead of the textarea, which then stays empty;
	// "" when the textarea holds the text.
	big      string
	bigJS    app.Value // the same text as a browser string, once needed (drafts, Edit as text)
	bigUnits int       // its length in UTF-16 code units
	bigLines int       // its number of lines
	mark     Mark      // the place marked in the viewer
	undoBig  string    // a large text before the last Clear or fix, for Undo
	undoWhat string    // the Undo button's label
}

// OnNav sets the page title, on the server and in the browser.
func (p *Inspector) OnNav(ctx app.Context) {
	ctx.Page().SetTitle("eventlens — Event Grid & CloudEvents inspector")
}

// OnInit sets the initial state.
func (p *Inspector) OnInit() {
	p.focus = -1
	p.tab = tabPretty
	p.caret = "Ln 1, Col 1"
}

// OnMount wires the browser events go-app cannot handle (those that need
// preventDefault while they happen), restores the payload from a share
// link or the saved draft, and compiles the schemas.
func (p *Inspector) OnMount(ctx app.Context) {
	ctx.Handle(actionPanic, func(ctx app.Context, a app.Action) {
		if msg, ok := a.Value.(string); ok {
			p.fatal = msg
		}
	})
	ctx.Handle(actionSelect, func(ctx app.Context, a app.Action) {
		guard(ctx, "selecting a diagnostic's place", func() { p.selectDiagnostic(ctx, a.Value) })
	})
	ctx.Handle(actionFix, func(ctx app.Context, a app.Action) {
		guard(ctx, "applying a fix", func() { p.applyFix(ctx, a.Value) })
	})
	ctx.Handle(actionFocus, func(ctx app.Context, a app.Action) {
		guard(ctx, "focusing an event", func() { p.pickEvent(ctx, a.Value) })
	})
	guard(ctx, "starting the page", func() {
		p.listen(ctx)
		if !p.openShared(ctx) {
			if v, ok := draft(); ok {
				p.load(ctx, v, false)
			}
		}
	})
	ctx.Defer(func(ctx app.Context) {
		guard(ctx, "preparing the validators", func() {
			if err := schema.Warm(); err != nil {
				p.fatal = "The JSON Schemas did not compile (" + err.Error() + "): validation is incomplete. Please report this."
			}
		})
	})
}

// OnDismount removes the browser listeners.
func (p *Inspector) OnDismount() {
	for _, remove := range p.listeners {
		remove()
	}
	p.listeners = nil
}

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

// listen registers keyboard, drag-and-drop, fragment and page-hide events.
func (p *Inspector) listen(ctx app.Context) {
	win := app.Window()
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
		case key == "Tab" && !mod && !e.Get("altKey").Bool() && !e.Get("shiftKey").Bool() && !p.escaped:
			e.Call("preventDefault")
			app.Window().Get("document").Call("execCommand", "insertText", false, "  ")
		default:
			p.escaped = false
		}
	})
	// A large paste goes to the viewer, not into the textarea (see
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
				data = val.Call("slice", 0, start).Call("concat", data, val.Call("slice", end))
			}
		}
		ctx.Dispatch(func(ctx app.Context) { guard(ctx, "pasting", func() { p.pasteLarge(ctx, data) }) })
	})
	// A paste into the viewer replaces the whole payload.
	p.on(ctx, win, "paste", "pasting", false, func(e app.Value) {
		t := e.Get("target")
		if p.big == "" || !t.Truthy() || !t.Get("closest").Truthy() || !t.Call("closest", "#large-scroll").Truthy() {
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
				p.load(ctx, data, false)
				p.say("Pasted over the large payload: the editor holds the new text.", false)
			})
		})
	})
	for _, ev := range []string{"keyup", "mouseup", "focus"} {
		p.on(ctx, input, ev, "reading the caret", false, func(app.Value) {
			ctx.Dispatch(func(ctx app.Context) { guard(ctx, "reading the caret", p.readCaret) })
		})
	}
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
	p.on(ctx, win, "hashchange", "opening a share link", false, func(app.Value) {
		ctx.Dispatch(func(ctx app.Context) { guard(ctx, "opening a share link", func() { p.openShared(ctx) }) })
	})
	// The draft is saved after each inspection; this also keeps what was
	// typed in the last moments before the page goes away.
	p.on(ctx, win, "pagehide", "saving the draft", false, func(app.Value) {
		p.saveDraft(maxDraft)
	})
}

// openShared loads the payload of a share link in the URL fragment; it
// reports whether there was one.
func (p *Inspector) openShared(ctx app.Context) bool {
	payload, ok, err := share.Decode(locationHash())
	if !ok {
		return false
	}
	clearHash() // a reload then shows the draft, not the link's original
	if err != nil {
		p.say("Could not open the share link: "+err.Error(), true)
		return false
	}
	p.load(ctx, string(payload), false)
	p.say("Opened the payload from a share link.", false)
	return true
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
				p.load(ctx, v, true)
				p.say("Loaded "+name+".", false)
			})
		})
	})
}

// say shows a notice.
func (p *Inspector) say(msg string, isErr bool) {
	p.notice, p.noticeErr = msg, isErr
}

// load puts text (a Go string or a JavaScript string) in the editor, or in
// the viewer when it is large, and inspects it. undoable keeps the previous
// text in the editor's undo history.
func (p *Inspector) load(ctx app.Context, text any, undoable bool) {
	if s, v, ok := largeOf(text); ok {
		p.setBig(s, v)
	} else {
		p.leaveBig()
		if undoable {
			replaceRange("input", 0, fieldLen("input"), text)
		} else {
			setFieldValue("input", text)
		}
	}
	p.gen++
	p.canUndo, p.undoText, p.undoBig = false, nil, ""
	p.runNow(ctx)
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
// nil) in the viewer, and empties the textarea.
func (p *Inspector) setBig(s string, v app.Value) {
	p.big, p.bigJS = s, v
	p.bigUnits = textpos.UTF16Len(s)
	p.bigLines = strings.Count(s, "\n") + 1
	p.mark = Mark{Seq: p.mark.Seq + 1}
	p.caret = "Ln 1, Col 1"
	setFieldValue("input", "")
}

// leaveBig drops the large text, if any: the textarea is the editor again.
func (p *Inspector) leaveBig() {
	if p.big == "" {
		return
	}
	p.big, p.bigJS, p.bigUnits, p.bigLines = "", nil, 0, 0
	p.mark = Mark{Seq: p.mark.Seq + 1}
	p.caret = "Ln 1, Col 1"
}

// bigValue returns the large text as a JavaScript string, made once.
func (p *Inspector) bigValue() app.Value {
	if p.bigJS == nil {
		p.bigJS = app.ValueOf(p.big)
	}
	return p.bigJS
}

// saveDraft keeps the editor's text (or the large text) as the draft, by
// the rules of saveDraftFrom.
func (p *Inspector) saveDraft(limit int) {
	if p.big == "" {
		saveDraftFrom("input", limit)
		return
	}
	ls := app.Window().Get("localStorage")
	if !ls.Truthy() {
		return
	}
	switch {
	case p.bigUnits > maxDraft:
		ls.Call("removeItem", draftKey)
	case p.bigUnits <= limit:
		ls.Call("setItem", draftKey, p.bigValue())
	}
}

// pasteLarge shows a large pasted text (a JavaScript string) in the viewer
// and inspects it at once; past the size limit it is refused without
// being read into Go.
func (p *Inspector) pasteLarge(ctx app.Context, text app.Value) {
	n := 0
	if jsLen(text) > inspect.MaxBytes {
		// At least as many bytes as UTF-16 units: too large already.
		n = app.Window().Get("TextEncoder").New().Call("encode", text).Length()
	} else if s := jsText(text); len(s) > inspect.MaxBytes {
		n = len(s)
	} else {
		p.setBig(s, text)
		p.gen++
		p.canUndo, p.undoText, p.undoBig = false, nil, ""
		p.runNow(ctx)
		p.say(fmt.Sprintf("Pasted %s: shown read-only so that the page stays quick. “Edit as text” makes it editable.", sizeLabel(len(s))), false)
		return
	}
	// Refused: the editor is emptied (Undo brings its text back) and the
	// verdict states the limit.
	p.stash("Undo paste")
	p.leaveBig()
	setFieldValue("input", "")
	p.gen++
	p.stopJob()
	p.show("", n, p.gen, nil)
	p.saveDraft(maxDraft)
	p.say(fmt.Sprintf("The pasted text is %d MiB: eventlens inspects payloads up to %d MiB. Paste only the events you need.", n>>20, inspect.MaxBytes>>20), true)
}

// stash keeps the editor's text for the Undo button, labelled what.
func (p *Inspector) stash(what string) {
	p.undoWhat = what
	if p.big != "" {
		p.undoBig, p.undoText, p.canUndo = p.big, nil, true
		return
	}
	p.undoBig = ""
	p.undoText = element("input").Get("value")
	p.canUndo = fieldLen("input") > 0
}

// onInput follows an edit: a paste or a drop is inspected at once, typing
// once it pauses. Any inspection of the previous text stops.
func (p *Inspector) onInput(ctx app.Context, e app.Event) {
	saveDraftFrom("input", keystrokeDraft)
	p.gen++
	p.stopJob()
	if t := e.Get("inputType"); t.Truthy() && (t.String() == "insertFromPaste" || t.String() == "insertFromDrop") {
		p.runNow(ctx)
		return
	}
	g := p.gen
	ctx.PreventUpdate()
	ctx.After(debounce, func(ctx app.Context) {
		guard(ctx, "inspecting", func() {
			if g == p.gen {
				p.runNow(ctx)
			}
		})
	})
}

// runNow inspects the editor's current text, unless the report or the
// inspection under way already describes it, and saves it as the draft.
func (p *Inspector) runNow(ctx app.Context) {
	p.saveDraft(maxDraft)
	switch {
	case p.job != nil && p.jobGen == p.gen:
		return // already inspecting this text
	case p.srcGen == p.gen:
		p.readCaret()
		return
	}
	if p.big != "" {
		switch {
		case sameString(p.big, p.src) && p.job == nil:
			p.srcGen = p.gen
		case len(p.big) > inspect.MaxBytes:
			p.stopJob()
			p.show("", len(p.big), p.gen, nil)
		default:
			if len(p.src) > syncBytes {
				// As below: the previous views go first.
				p.stopJob()
				p.show("", 0, -1, nil)
			}
			p.inspect(ctx, p.big)
		}
		p.readCaret()
		return
	}
	if fieldLen("input") > inspect.MaxBytes {
		// Refused without copying the text into the app's memory.
		p.stopJob()
		p.show("", fieldByteLen("input"), p.gen, nil)
		return
	}
	if fieldLen("input") > syncBytes && len(p.src) > syncBytes {
		// A large text replaces a large one: drop the previous report's
		// views first, so that their memory is free (and not scanned by
		// the collector) while the new text is read and inspected.
		p.stopJob()
		p.show("", 0, -1, nil)
	}
	text := fieldText("input")
	if text == p.src && p.srcLen == len(text) && p.job == nil {
		p.srcGen = p.gen // an edit that changed nothing
		p.readCaret()
		return
	}
	p.inspect(ctx, text)
	p.readCaret()
}

// Inspection pacing: a payload up to syncBytes is inspected at once; a
// larger one in steps of about stepBudget, with the browser free to handle
// events and paint between them.
const (
	syncBytes  = 128 << 10
	stepBudget = 60 * time.Millisecond
	// The progress bar is drawn again at most this often: each drawing
	// costs the browser a layout of the page.
	progressEvery = 250 * time.Millisecond
	verdictPause  = 40 * time.Millisecond
)

// inspect starts the inspection of text, read from the editor at edit gen.
func (p *Inspector) inspect(ctx app.Context, text string) {
	p.stopJob()
	p.shareURL = ""
	if strings.TrimSpace(text) == "" {
		p.show(text, len(text), p.gen, nil)
		return
	}
	if len(text) <= syncBytes {
		p.show(text, len(text), p.gen, inspect.NewJob([]byte(text)).Run())
		return
	}
	// A large text: inspect in steps.
	p.job = inspect.NewJob(bytesOf(text))
	p.jobText, p.jobGen = text, p.gen
	p.jobSeq++
	seq := p.jobSeq
	later(ctx, 0, func(ctx app.Context) {
		guard(ctx, "inspecting", func() { p.advance(ctx, seq) })
	})
}

// advance runs one step of the inspection seq, shows its verdict once
// final and its views once complete, and schedules the next step.
func (p *Inspector) advance(ctx app.Context, seq int) {
	if p.job == nil || seq != p.jobSeq {
		return // stopped, or replaced by the inspection of newer text
	}
	done := p.job.Step(stepBudget)
	var pause time.Duration
	if p.job.Verdict() && p.report != p.job.Report() {
		p.show(p.jobText, len(p.jobText), p.jobGen, p.job.Report())
		// Let the page draw the verdict in a task of its own before the
		// next step (go-app draws at most every 1/30 s).
		pause = verdictPause
	}
	if done {
		p.job, p.jobText = nil, ""
		p.views()
		return
	}
	if p.report != p.job.Report() {
		if time.Since(p.drawn) < progressEvery {
			ctx.PreventUpdate()
		} else {
			p.drawn = time.Now()
		}
	}
	later(ctx, pause, func(ctx app.Context) {
		guard(ctx, "inspecting", func() { p.advance(ctx, seq) })
	})
}

// stopJob abandons the inspection under way, if any.
func (p *Inspector) stopJob() {
	if p.job != nil {
		p.job, p.jobText = nil, ""
		p.jobSeq++
	}
}

// show makes r (nil: nothing to inspect, or an oversized text) the report
// of text, n bytes read at edit gen, and prepares the views.
func (p *Inspector) show(text string, n, gen int, r *inspect.Report) {
	if r == nil && n > inspect.MaxBytes {
		r = inspect.Oversized(n)
	}
	p.src, p.srcLen, p.srcGen, p.report, p.idx = text, n, gen, r, nil
	if r == nil || p.focus >= len(r.Events) || !r.Batch {
		p.focus = -1
	}
	p.views()
}

// complete reports whether every view of the report is ready.
func (p *Inspector) complete() bool {
	return p.job == nil || p.report != p.job.Report()
}

// index returns the positions of src, building them on first use.
func (p *Inspector) index() *textpos.Index {
	if p.idx == nil {
		p.idx = textpos.New(p.src)
	}
	return p.idx
}

// views computes the texts of the tabs for the focused event.
func (p *Inspector) views() {
	r := p.report
	p.pretty, p.eventGrid, p.cloudEvents = nil, nil, nil
	if r == nil {
		return
	}
	p.pretty = r.Pretty
	if r.EventGrid != nil {
		p.eventGrid = r.EventGrid.Text
	}
	if r.CloudEvents != nil {
		p.cloudEvents = r.CloudEvents.Text
	}
	if p.focus < 0 || r.Doc == nil || !p.complete() {
		return
	}
	one := func(root *jsontree.Node) []byte {
		if root == nil || root.Kind != jsontree.Array || p.focus >= len(root.Items) {
			return nil
		}
		return jsontree.Pretty(root.Items[p.focus])
	}
	p.pretty = one(r.Doc.Root)
	if r.EventGrid != nil {
		p.eventGrid = one(r.EventGrid.Root)
	}
	if r.CloudEvents != nil {
		p.cloudEvents = one(r.CloudEvents.Root)
	}
}

// readCaret updates the line:column readout from the editor's caret.
func (p *Inspector) readCaret() {
	if p.big != "" {
		p.caret = "Ln 1, Col 1"
		if p.mark.Line > 0 {
			p.caret = fmt.Sprintf("Ln %d, Col %d", p.mark.Line, p.mark.Col)
		}
		return
	}
	if p.report == nil && p.src == "" {
		p.caret = "Ln 1, Col 1"
		return
	}
	idx := p.index()
	line, col := idx.LineCol(idx.Byte(selectionStart("input")))
	p.caret = fmt.Sprintf("Ln %d, Col %d", line, col)
}

// current makes sure the report describes the editor's text, inspecting it
// again if it changed since; it reports whether offsets are still valid.
func (p *Inspector) current(ctx app.Context) bool {
	if p.srcGen == p.gen {
		return true
	}
	if p.job != nil && p.jobGen == p.gen {
		p.say("Still inspecting the new text: its diagnostics appear in a moment.", false)
		return false
	}
	p.runNow(ctx)
	if p.srcGen == p.gen && p.report != nil && p.job == nil {
		return true // the text had not changed
	}
	p.say("The text changed since it was inspected: here are the new diagnostics.", false)
	return false
}

// diagnostic returns the report's diagnostic at index v (an action value).
func (p *Inspector) diagnostic(v any) (d diag.Diagnostic, ok bool) {
	i, isInt := v.(int)
	if !isInt || p.report == nil || i < 0 || i >= len(p.report.Diagnostics) {
		return d, false
	}
	return p.report.Diagnostics[i], true
}

// selectDiagnostic selects a diagnostic's place in the editor.
func (p *Inspector) selectDiagnostic(ctx app.Context, v any) {
	d, ok := p.diagnostic(v)
	if !ok || !p.current(ctx) {
		return
	}
	idx := p.index()
	if p.big != "" {
		line, col := d.Line, d.Column
		if line == 0 || col == 0 {
			line, col = idx.LineCol(d.Offset)
		}
		endLine, endCol := idx.LineCol(max(d.End, d.Offset))
		cols := 1
		if endLine == line && endCol > col {
			cols = endCol - col
		}
		p.markAt(line, col, cols)
		return
	}
	start, end := idx.UTF16(d.Offset), idx.UTF16(max(d.End, d.Offset))
	line := d.Line
	if line == 0 {
		line, _ = idx.LineCol(d.Offset)
	}
	selectRange("input", start, end, line)
	p.readCaret()
}

// markAt marks columns [col, col+cols) of line in the viewer and scrolls
// to them.
func (p *Inspector) markAt(line, col, cols int) {
	p.mark = Mark{Line: line, Col: col, Cols: cols, Seq: p.mark.Seq + 1}
	p.readCaret()
}

// applyFix applies a diagnostic's fix to the editor, as one undoable edit.
func (p *Inspector) applyFix(ctx app.Context, v any) {
	d, ok := p.diagnostic(v)
	if !ok || d.Fix == nil || !p.current(ctx) {
		return
	}
	if p.big != "" {
		// The large text is fixed in Go; Undo brings it back.
		fixed := string(inspect.ApplyFix([]byte(p.src), d.Fix))
		before := p.big
		p.load(ctx, fixed, false)
		p.canUndo, p.undoBig, p.undoText, p.undoWhat = true, before, nil, "Undo fix"
		p.say("Applied: "+d.Fix.Title+". “Undo fix” brings back the text before it.", false)
		return
	}
	fixed := string(inspect.ApplyFix([]byte(p.src), d.Fix))
	start, end, text := textpos.Splice(p.src, fixed)
	replaceRange("input", start, end, text)
	p.gen++
	p.runNow(ctx)
	p.say("Applied: "+d.Fix.Title+". Ctrl+Z in the editor undoes it.", false)
}

// clear empties the editor, keeping the text for "Undo clear".
func (p *Inspector) clear(ctx app.Context, e app.Event) {
	p.stash("Undo clear")
	p.leaveBig()
	setFieldValue("input", "")
	p.gen++
	p.runNow(ctx)
	p.say("Cleared the editor.", false)
}

// undoClear brings back the text kept by the last Clear (or large fix, or
// refused paste).
func (p *Inspector) undoClear(ctx app.Context, e app.Event) {
	if !p.canUndo {
		return
	}
	switch {
	case p.undoBig != "":
		p.setBig(p.undoBig, nil)
	case p.undoText != nil:
		p.leaveBig()
		setFieldValue("input", p.undoText)
	default:
		return
	}
	p.canUndo, p.undoText, p.undoBig = false, nil, ""
	p.gen++
	p.runNow(ctx)
	p.say("Restored the text.", false)
}

// editAsText moves the large text into the textarea. The text is the same,
// so its report stays.
func (p *Inspector) editAsText(ctx app.Context, e app.Event) {
	if p.big == "" {
		return
	}
	v := p.bigValue()
	p.leaveBig()
	setFieldValue("input", v)
	p.readCaret()
	p.say("The payload is in the editor as text. The browser may pause for a moment while it lays out a text this long.", false)
}

// copyBig copies the large text.
func (p *Inspector) copyBig(ctx app.Context, e app.Event) {
	if p.big != "" {
		copyText(p.big)
		p.say("Copied the payload.", false)
	}
}

// downloadBig saves the large text as a file.
func (p *Inspector) downloadBig(ctx app.Context, e app.Event) {
	if p.big != "" {
		download("eventlens-payload.json", "application/json", bytesOf(p.big))
	}
}

// makeShareLink puts the payload in a link's fragment and copies the link.
func (p *Inspector) makeShareLink(ctx app.Context, e app.Event) {
	text := p.big
	if text == "" {
		text = fieldValue("input")
	}
	if strings.TrimSpace(text) == "" {
		p.say("Nothing to share: paste a payload first.", true)
		return
	}
	frag, err := share.Encode([]byte(text))
	if err != nil {
		p.shareURL = ""
		p.say(err.Error(), true)
		return
	}
	p.shareURL = pageURL() + "#" + frag
	copyText(p.shareURL)
	p.say("Share link copied. The payload travels in the link's #fragment, which browsers never send to a server.", false)
}

// pickSample loads the sample chosen in the menu.
func (p *Inspector) pickSample(ctx app.Context, e app.Event) {
	target := e.Get("target")
	id := target.Get("value").String()
	target.Set("value", "")
	if s, ok := samples.Get(id); ok {
		p.load(ctx, s.Text, true)
		p.say("Loaded the sample “"+s.Title+"”. Ctrl+Z in the editor brings back your text.", false)
	}
}

// pickFile loads the file chosen in the file picker.
func (p *Inspector) pickFile(ctx app.Context, e app.Event) {
	target := e.Get("target")
	if files := target.Get("files"); files.Truthy() && files.Length() > 0 {
		p.readFile(ctx, files.Index(0))
	}
	target.Set("value", "")
}

// pickEvent focuses one event of a batch: v is the picker's value, an
// event index or "all".
func (p *Inspector) pickEvent(ctx app.Context, v any) {
	value, _ := v.(string)
	p.focus = -1
	if p.report != nil {
		for _, ev := range p.report.Events {
			if strconv.Itoa(ev.Index) == value {
				p.focus = ev.Index
				break
			}
		}
	}
	p.views()
	if p.focus >= 0 && p.report.Doc != nil && p.current(ctx) {
		if n := p.report.Doc.Root.Lookup(p.report.Events[p.focus].Pointer); n != nil && p.big != "" {
			p.markAt(n.Pos.Line, n.Pos.Column, 1)
			element("event-picker").Call("focus")
		} else if n != nil {
			idx := p.index()
			selectRange("input", idx.UTF16(n.Pos.Offset), idx.UTF16(n.Pos.Offset), n.Pos.Line)
			element("event-picker").Call("focus")
		}
	}
}

// output returns the active tab's text, file name and media type. The
// mapping's text is built here, on demand (for Copy and Download).
func (p *Inspector) output() (text []byte, name, mime string) {
	switch p.tab {
	case tabEventGrid:
		return p.eventGrid, "eventlens-eventgrid.json", "application/json"
	case tabCloudEvents:
		return p.cloudEvents, "eventlens-cloudevents.json", "application/cloudevents-batch+json"
	case tabDiff:
		return []byte(mappingText(p.report)), "eventlens-mapping.txt", "text/plain"
	}
	return p.pretty, "eventlens-pretty.json", "application/json"
}

// outputName returns the file name of the active tab's download.
func (p *Inspector) outputName() string {
	switch p.tab {
	case tabEventGrid:
		return "eventlens-eventgrid.json"
	case tabCloudEvents:
		return "eventlens-cloudevents.json"
	case tabDiff:
		return "eventlens-mapping.txt"
	}
	return "eventlens-pretty.json"
}

// hasOutput reports whether the active tab has something to copy or
// download, without building it.
func (p *Inspector) hasOutput() bool {
	if !p.complete() {
		return false
	}
	switch p.tab {
	case tabEventGrid:
		return len(p.eventGrid) > 0
	case tabCloudEvents:
		return len(p.cloudEvents) > 0
	case tabDiff:
		r := p.report
		if r == nil || r.EventGrid == nil || r.CloudEvents == nil {
			return false
		}
		conv := r.CloudEvents
		if conv.Native {
			conv = r.EventGrid
		}
		return len(conv.Changes) > 0
	}
	return len(p.pretty) > 0
}
