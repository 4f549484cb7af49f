package ui

import (
	"fmt"
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

	src    string          // the text last inspected
	idx    *textpos.Index  // positions in src
	report *inspect.Report // the inspection of src; nil when src is blank
	gen    int             // counts edits; a debounced run only fires for the latest
	focus  int             // the event shown alone, or -1 for all

	// Texts shown in the tabs, for the focused event or the whole payload.
	pretty, eventGrid, cloudEvents []byte

	tab     string
	compare bool
	caret   string

	notice    string // a message about the last action
	noticeErr bool   // the notice reports a refusal or a failure
	fatal     string // a recovered panic, shown in a banner
	undoText  string // the text before the last Clear
	canUndo   bool
	shareURL  string

	escaped   bool // Escape was pressed: the next Tab leaves the editor
	listeners []func()
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
	guard(ctx, "starting the page", func() {
		p.listen(ctx)
		if !p.openShared(ctx) {
			if draft, ok := loadDraft(); ok {
				setFieldValue("input", draft)
				p.inspect(draft)
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
				guard(ctx, "inspecting", func() { p.gen++; p.runNow() })
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
		saveDraft(fieldValue("input"))
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
	p.load(string(payload), false)
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
		text := v.String()
		ctx.Dispatch(func(ctx app.Context) {
			guard(ctx, "reading "+name, func() {
				p.load(text, true)
				p.say("Loaded "+name+".", false)
			})
		})
	})
}

// say shows a notice.
func (p *Inspector) say(msg string, isErr bool) {
	p.notice, p.noticeErr = msg, isErr
}

// load puts text in the editor and inspects it. undoable keeps the
// previous text in the editor's undo history.
func (p *Inspector) load(text string, undoable bool) {
	if undoable {
		replaceRange("input", 0, textpos.UTF16Len(fieldValue("input")), text)
	} else {
		setFieldValue("input", text)
	}
	p.gen++
	p.canUndo = false
	p.runNow()
}

// onInput saves the draft and schedules an inspection once typing pauses.
func (p *Inspector) onInput(ctx app.Context, e app.Event) {
	saveDraftFrom("input")
	p.gen++
	g := p.gen
	ctx.PreventUpdate()
	ctx.After(debounce, func(ctx app.Context) {
		guard(ctx, "inspecting", func() {
			if g == p.gen {
				p.runNow()
			}
		})
	})
}

// runNow inspects the editor's current text and saves it as the draft.
func (p *Inspector) runNow() {
	text := fieldValue("input")
	saveDraft(text)
	if text != p.src || p.report == nil && strings.TrimSpace(text) != "" {
		p.inspect(text)
	}
	p.readCaret()
}

// inspect runs the engine on text and prepares the views.
func (p *Inspector) inspect(text string) {
	p.src = text
	p.idx = textpos.New(text)
	p.shareURL = ""
	if strings.TrimSpace(text) == "" {
		p.report = nil
	} else {
		p.report = inspect.Inspect([]byte(text))
	}
	if p.report == nil || p.focus >= len(p.report.Events) || !p.report.Batch {
		p.focus = -1
	}
	p.views()
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
	if p.focus < 0 || r.Doc == nil {
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
	if p.idx == nil {
		return
	}
	line, col := p.idx.LineCol(p.idx.Byte(selectionStart("input")))
	p.caret = fmt.Sprintf("Ln %d, Col %d", line, col)
}

// current makes sure the report describes the editor's text, inspecting it
// again if it changed since; it reports whether offsets are still valid.
func (p *Inspector) current() bool {
	if fieldValue("input") == p.src {
		return true
	}
	p.gen++
	p.runNow()
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
	if !ok || !p.current() {
		return
	}
	start, end := p.idx.UTF16(d.Offset), p.idx.UTF16(max(d.End, d.Offset))
	line := d.Line
	if line == 0 {
		line, _ = p.idx.LineCol(d.Offset)
	}
	selectRange("input", start, end, line)
	p.readCaret()
}

// applyFix applies a diagnostic's fix to the editor, as one undoable edit.
func (p *Inspector) applyFix(ctx app.Context, v any) {
	d, ok := p.diagnostic(v)
	if !ok || d.Fix == nil || !p.current() {
		return
	}
	fixed := string(inspect.ApplyFix([]byte(p.src), d.Fix))
	start, end, text := textpos.Splice(p.src, fixed)
	replaceRange("input", start, end, text)
	p.gen++
	p.runNow()
	p.say("Applied: "+d.Fix.Title+". Ctrl+Z in the editor undoes it.", false)
}

// clear empties the editor, keeping the text for "Undo clear".
func (p *Inspector) clear(ctx app.Context, e app.Event) {
	p.undoText = fieldValue("input")
	p.canUndo = p.undoText != ""
	setFieldValue("input", "")
	p.gen++
	p.runNow()
	p.say("Cleared the editor.", false)
}

// undoClear brings back the text of the last Clear.
func (p *Inspector) undoClear(ctx app.Context, e app.Event) {
	if !p.canUndo {
		return
	}
	setFieldValue("input", p.undoText)
	p.canUndo, p.undoText = false, ""
	p.gen++
	p.runNow()
	p.say("Restored the cleared text.", false)
}

// makeShareLink puts the payload in a link's fragment and copies the link.
func (p *Inspector) makeShareLink(ctx app.Context, e app.Event) {
	text := fieldValue("input")
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
		p.load(s.Text, true)
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

// pickEvent focuses one event of a batch.
func (p *Inspector) pickEvent(ctx app.Context, e app.Event) {
	v := e.Get("target").Get("value").String()
	p.focus = -1
	if p.report != nil {
		for _, ev := range p.report.Events {
			if fmt.Sprint(ev.Index) == v {
				p.focus = ev.Index
			}
		}
	}
	p.views()
	if p.focus >= 0 && p.report.Doc != nil && p.current() {
		if n := p.report.Doc.Root.Lookup(p.report.Events[p.focus].Pointer); n != nil {
			selectRange("input", p.idx.UTF16(n.Pos.Offset), p.idx.UTF16(n.Pos.Offset), n.Pos.Line)
			element("event-picker").Call("focus")
		}
	}
}

// output returns the active tab's text, file name and media type.
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
