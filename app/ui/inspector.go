package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/diag"
	"eventlens/app/inspect"
	"eventlens/app/samples"
	"eventlens/app/textpos"
)

// debounce is how long the editor waits after the last keystroke before
// inspecting.
const debounce = 150 * time.Millisecond

// Actions the list components post to the page.
const (
	actionSelect = "eventlens/select" // value: index into Report.Diagnostics
	actionFix    = "eventlens/fix"    // value: index into Report.Diagnostics
	actionFocus  = "eventlens/focus"  // value: the event picker's value, an index or "all"
)

// Inspector is the main page: an editor for a payload and what eventlens
// finds in it. Its parts live in their own files: the editor's surfaces
// (editor.go), the browser events it follows (listen.go), the toolbar's
// actions (toolbar.go), the output tabs' texts (outputs.go) and its
// rendering (render.go).
type Inspector struct {
	app.Compo

	// started: OnMount has set the page up (the draft, what was typed while
	// app.wasm loaded). The start is cut into browser tasks and OnMount runs
	// a few tasks after the page is drawn: until then the editors are read
	// only, and <main data-wasm="ready"> waits for it.
	started bool

	ed  editor // the payload: in the textarea or the large read-only view
	gen int    // counts edits; a debounced run only fires for the latest

	src    string          // the text the report describes
	srcLen int             // its length in bytes (also for an oversized text, not kept)
	srcGen int             // the edit (gen) at which src was read
	idx    *textpos.Index  // positions in src, built when first needed
	report *inspect.Report // the inspection of src; nil when src is blank
	shown  int             // counts the reports shown (identifies src and report)
	focus  int             // the event shown alone, or -1 for all
	// caretEvent is the event the caret is in while every event is shown
	// (the page offers to show it alone), or -1.
	caretEvent int

	// The inspection under way, advanced a step at a time between browser
	// events; nil when none. Its verdict replaces report as soon as it is
	// final, its pretty text and conversions follow.
	job *inspect.Job
	// incremental says the report came from checking only the edited
	// event again (Reinspect); shown as the verdict's data-incremental.
	incremental bool
	warmed      bool   // the engine's warm-up has been asked for (warm)
	engineWarm  bool   // the warm-up is complete
	jobText     string // the text being inspected
	jobGen      int    // the edit at which jobText was read
	steps       stepper

	out     outputs // the tabs' texts, for the focused event or the whole payload
	tab     string
	compare bool
	live    bool // the Live view (live.go) is open
	tree    bool // the Pretty tab shows the tree view

	notice notice // a message about the last action
	fatal  string // a recovered panic, shown in a banner
	undo   undo   // the text Undo brings back
	// undoStored says undo is kept in localStorage too (undostore.go),
	// so that a reload still offers it.
	undoStored bool
	shareURL   string
	filter     string      // the subscription filter's text (FilterPanel)
	fstate     filterState // its evaluation against report
	fundo      filterUndo  // the filter a replacement took the place of

	// compareLoad is the compare mode's state from the last share link.
	compareLoad compareLoad

	escaped   bool // Escape was pressed: the next Tab leaves the editor
	listeners []func()
}

// notice is a message about the last action.
type notice struct {
	text  string
	isErr bool      // it reports a refusal or a failure
	at    app.Value // the editor's stamp when it was said: an edit makes it stale
}

// OnNav sets the page title, on the server and in the browser.
func (p *Inspector) OnNav(ctx app.Context) {
	ctx.Page().SetTitle("eventlens — Event Grid & CloudEvents inspector")
}

// OnInit sets the initial state.
func (p *Inspector) OnInit() {
	p.focus, p.caretEvent = -1, -1
	p.tab = tabPretty
	p.ed.caret = caretHome
}

// OnMount wires the browser events go-app cannot handle (those that need
// preventDefault while they happen) and restores the payload from a share
// link or the saved draft.
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
	ctx.Handle(actionOpenDelivery, func(ctx app.Context, a app.Action) {
		guard(ctx, "opening a delivery", func() { p.openDelivery(ctx, a.Value) })
	})
	ctx.Handle(actionSelectPointer, func(ctx app.Context, a app.Action) {
		guard(ctx, "selecting a value", func() { p.selectPointer(ctx, a.Value) })
	})
	p.handleFilter(ctx)
	guard(ctx, "starting the page", func() {
		p.filter = savedFilter()
		p.compare = storedFlag(compareOpenKey)
		p.listen(ctx)
		if !p.openShared(ctx) {
			// The Undo of the last replacement comes back with the draft.
			u, kept := storedUndo()
			if v, ok := draft(); ok {
				p.load(ctx, v, false)
			}
			if kept {
				p.keep(u) // load forgot it
			}
		}
		p.restoreTyped(ctx)
	})
	p.started = true
}

// restoreTyped puts back what the user typed into the prerendered page
// while app.wasm loaded (KeepTyped): the payload in place of the draft or
// the share link's, which Undo brings back, and the filter in place of the
// saved one, which the filter panel's Undo brings back.
func (p *Inspector) restoreTyped(ctx app.Context) {
	if v, ok := takeTyped("filter-input"); ok {
		before, text := p.filter, v.String()
		p.setFilter(text)
		if before != "" && before != text {
			p.fundo = filterUndo{text: before, what: filterRestoreLabel, msg: "The filter you typed while eventlens was loading took the place of your saved one. “" + filterRestoreLabel + "” brings that back."}
		}
	}
	if v, ok := takeTyped("input"); ok {
		p.replace(ctx, v, false, "Kept the text you typed while eventlens was loading.")
	}
}

// warm readies the engine the first time the user reaches for the page (a
// pointer press, a focus, a file dragged in): the schemas compile and the
// samples of warmSamples are inspected (inspect.Warmup), one small piece
// per browser task, so that the first paste is as fast as later ones while
// the page's start-up pays nothing and no piece is a long task. An
// inspection before the end does what it still needs itself. Once done,
// the page says data-engine="warm".
func (p *Inspector) warm(ctx app.Context) {
	if p.warmed {
		return
	}
	p.warmed = true
	w := inspect.NewWarmup(warmSamples()...)
	var failed error
	var step func()
	step = func() {
		done := true
		guard(ctx, "preparing the validators", func() {
			var err error
			done, err = w.Step()
			if err != nil && failed == nil {
				failed = err
			}
		})
		if !done {
			onTimeout(0, step) // the next piece in a task of its own
			return
		}
		// The pieces touch the engine only; the page is drawn again
		// once, at the end.
		ctx.Dispatch(func(ctx app.Context) {
			p.engineWarm = true
			if failed != nil && p.fatal == "" {
				p.fatal = "The JSON Schemas did not compile (" + failed.Error() + "): validation is incomplete. Please report this."
			}
		})
	}
	onTimeout(0, step)
}

// warmSamples are the payloads the warm-up inspects: both forms, a batch,
// and findings of both the schemas and the semantic checks.
func warmSamples() [][]byte {
	var out [][]byte
	for _, id := range []string{"eventgrid-batch", "cloudevents-connected", "broken-misspelled-type", "broken-specversion-camel-case"} {
		if s, ok := samples.Get(id); ok {
			out = append(out, []byte(s.Text))
		}
	}
	return out
}

// OnDismount removes the browser listeners.
func (p *Inspector) OnDismount() {
	p.ed.leaveCode()
	for _, remove := range p.listeners {
		remove()
	}
	p.listeners = nil
}

// say shows a notice.
func (p *Inspector) say(msg string, isErr bool) {
	p.notice = notice{text: msg, isErr: isErr, at: p.ed.surface().stamp()}
}

// restoreLabel is the Undo button's label after an action replaced the
// payload (a share link, a sample, a file).
const restoreLabel = "Undo: restore your previous text"

// replace puts text (a Go string or a JavaScript string) in the editor in
// place of the payload, keeping the previous text for the Undo button,
// and says msg and how to undo it.
func (p *Inspector) replace(ctx app.Context, text any, undoable bool, msg string) {
	before, had := p.ed.surface().stash()
	p.replaceFrom(ctx, text, undoable, before, had, msg)
}

// replaceFrom is replace with the previous text given: before, when had.
func (p *Inspector) replaceFrom(ctx app.Context, text any, undoable bool, before undo, had bool, msg string) {
	p.load(ctx, text, undoable)
	if had {
		before.what = restoreLabel
		p.keep(before)
		msg += " “" + restoreLabel + "” brings back the text you had."
	}
	p.say(msg, false)
}

// load puts text (a Go string or a JavaScript string) in the editor and
// inspects it. undoable keeps the previous text in the textarea's undo
// history.
func (p *Inspector) load(ctx app.Context, text any, undoable bool) {
	p.ed.load(text, undoable)
	p.gen++
	p.keep(undo{})
	p.runNow(ctx)
}

// runNow inspects the editor's current text, unless the report or the
// inspection under way already describes it, and saves it as the draft.
func (p *Inspector) runNow(ctx app.Context) {
	s := p.ed.surface()
	p.saveDraft(ctx, s)
	switch {
	case p.job != nil && p.jobGen == p.gen:
		if !p.steps.busy {
			p.steps.start(ctx, "inspecting", p.step) // after reinspect: the formatting
		}
		return // already inspecting this text
	case p.srcGen == p.gen, s.holds(p.src) && p.job == nil:
		p.srcGen = p.gen // an edit that changed nothing
		p.readCaret()
		return
	}
	if n, over := s.oversized(); over {
		// Refused without reading the text into the app's memory.
		p.stopJob()
		p.show("", n, p.gen, nil)
		return
	}
	if s.units() > syncBytes && len(p.src) > syncBytes {
		// A large text replaces a large one: drop the previous report's
		// views first, so that their memory is free (and not scanned by
		// the collector) while the new text is read and inspected.
		p.stopJob()
		p.show("", 0, -1, nil)
	}
	text := s.text()
	if text == p.src && p.srcLen == len(text) && p.job == nil {
		p.srcGen = p.gen // an edit that changed nothing
		p.readCaret()
		return
	}
	p.inspect(ctx, text)
	p.readCaret()
}

// saveDraft keeps the editor's text as the draft. A text past
// keystrokeDraft is stored in a task of its own, right after this one:
// storing megabytes takes tens of milliseconds, which would otherwise add
// to the inspection's first step. An edit before then saves it again.
func (p *Inspector) saveDraft(ctx app.Context, s surface) {
	if s.units() <= keystrokeDraft {
		s.saveDraft(maxDraft)
		return
	}
	g := p.gen
	later(ctx, 0, func(ctx app.Context) {
		ctx.PreventUpdate()
		guard(ctx, "saving the draft", func() {
			if g == p.gen {
				p.ed.surface().saveDraft(maxDraft)
			}
		})
	})
}

// inspect starts the inspection of text, read from the editor at edit gen:
// at once when it is small, else a step at a time.
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
	p.job = inspect.NewJob(bytesOf(text))
	p.jobText, p.jobGen = text, p.gen
	p.steps.start(ctx, "inspecting", p.step)
}

// reinspect inspects the editor's text at once when it is a large batch
// whose edit since the report lies inside one event: that event is decoded
// and checked again, the others' checks are kept (inspect.Reinspect), and
// the verdict shows within the keystroke's task. It reports false, having
// changed nothing, for any other edit: that one waits for typing to pause.
func (p *Inspector) reinspect(ctx app.Context) bool {
	s := p.ed.surface()
	prev := p.report
	if prev == nil || prev.Doc == nil || p.ed.large() != nil || s.units() <= syncBytes {
		return false
	}
	if _, over := s.oversized(); over {
		return false
	}
	text := s.text()
	j, ok := inspect.Reinspect(prev, bytesOf(text))
	if !ok {
		return false
	}
	// prev's tree is now the new report's: no view may keep it.
	p.job, p.jobText, p.jobGen = j, text, p.gen
	if !j.Verdict() {
		// Every event is checked again: the views wait for the verdict.
		p.show("", 0, -1, nil)
		p.steps.start(ctx, "inspecting", p.step)
		return true
	}
	p.show(text, len(text), p.gen, j.Report())
	p.incremental = j.Reinspected()
	// The formatted text and the conversions, which take the whole text
	// again, wait until typing pauses (runNow continues the Job).
	p.readCaret()
	return true
}

// step runs one step of the inspection under way: it shows the verdict
// once final and the views once complete.
func (p *Inspector) step(budget time.Duration) stepResult {
	done := p.job.Step(budget)
	var r stepResult
	if p.job.Verdict() && p.report != p.job.Report() {
		p.show(p.jobText, len(p.jobText), p.jobGen, p.job.Report())
		r.pause = verdictPause
	}
	if done {
		p.job, p.jobText = nil, ""
		p.views()
		return stepResult{done: true}
	}
	// Until the verdict shows, a step only moves the progress bar.
	r.progress = p.report != p.job.Report()
	return r
}

// stopJob abandons the inspection under way, if any.
func (p *Inspector) stopJob() {
	if p.job != nil {
		p.job, p.jobText = nil, ""
		p.steps.stop()
	}
}

// show makes r (nil: nothing to inspect, or an oversized text) the report
// of text, n bytes read at edit gen, and prepares the views.
func (p *Inspector) show(text string, n, gen int, r *inspect.Report) {
	if r == nil && n > inspect.MaxBytes {
		r = inspect.Oversized(n)
	}
	p.src, p.srcLen, p.srcGen, p.report, p.idx = text, n, gen, r, nil
	p.incremental = false
	p.shown++
	forgetTimeline()
	if r == nil || p.focus >= len(r.Events) || !r.Batch {
		p.focus = -1
	}
	p.caretEvent = -1
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

// caretByte returns the byte offset of the editor's UTF-16 index u: from
// the positions when they are built, else counted up to u. A click into a
// text that typing has just renewed needs only this offset, and indexing
// 3 MB for it took 80 ms.
func (p *Inspector) caretByte(u int) int {
	if p.idx != nil {
		return p.idx.Byte(u)
	}
	b, _ := textpos.PrefixBytes(p.src, u)
	return b
}

// views computes the tabs' texts for the focused event.
func (p *Inspector) views() {
	p.out = outputsOf(p.report, p.focus, p.complete())
}

// readCaret updates the line:column readout from the editor's caret.
func (p *Inspector) readCaret() {
	if start, _, ok := p.ed.surface().selection(); ok && p.idx == nil {
		// Typing makes a new text with each key: count up to the caret
		// rather than index the whole text for one readout (in 1 MB,
		// indexing took half of a keystroke's time).
		p.ed.setCaret(textpos.LineColAt(p.src, start))
		return
	}
	p.ed.readCaret(p.index)
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
	at := place{start: d.Offset, end: max(d.End, d.Offset), line: d.Line, col: d.Column}
	if at.line == 0 || at.col == 0 {
		at.line, at.col = p.index().LineCol(d.Offset)
	}
	p.ed.show(at, p.index)
}

// applyFix applies a diagnostic's fix to the editor: as one edit the
// textarea's undo history takes back, or, in the read-only large view, as
// a new text that "Undo fix" takes back.
func (p *Inspector) applyFix(ctx app.Context, v any) {
	d, ok := p.diagnostic(v)
	if !ok || d.Fix == nil || !p.current(ctx) {
		return
	}
	fixed := string(inspect.ApplyFix([]byte(p.src), d.Fix))
	before, _ := p.ed.surface().stash()
	if s := p.ed.surface(); s.replace(p.src, fixed) {
		p.gen++
		p.runNow(ctx)
		before.what = "Undo fix"
		p.keep(before)
		p.say("Applied: "+d.Fix.Title+". “Undo fix” or Ctrl+Z in the editor undoes it.", false)
		return
	}
	p.load(ctx, fixed, false)
	before.what = "Undo fix"
	p.keep(before)
	p.say("Applied: "+d.Fix.Title+". “Undo fix” brings back the text before it.", false)
}

// pickEvent focuses one event of a batch: v is the picker's value, an
// event index or "all".
func (p *Inspector) pickEvent(ctx app.Context, v any) {
	value, _ := v.(string)
	focus := -1
	if p.report != nil {
		for _, ev := range p.report.Events {
			if strconv.Itoa(ev.Index) == value {
				focus = ev.Index
				break
			}
		}
	}
	if focus < 0 && value != "all" && p.report != nil {
		p.say(fmt.Sprintf("There is no event #%s: this batch has events #0 to #%d.", value, len(p.report.Events)-1), true)
		return
	}
	p.focus = focus
	p.caretEvent = -1
	p.views()
	if p.focus >= 0 && p.report.Doc != nil && p.current(ctx) {
		if n := p.report.Doc.Root.Lookup(p.report.Events[p.focus].Pointer); n != nil {
			at := place{start: n.Pos.Offset, end: n.Pos.Offset, line: n.Pos.Line, col: n.Pos.Column}
			// Showing the place takes the focus: it goes back to the "Go to
			// #" field the number was typed in, or the batch table's row
			// pressed, else to the menu.
			back := element("event-picker")
			if active := app.Window().Get("document").Get("activeElement"); active.Truthy() &&
				(active.Get("id").String() == "event-index" || active.Call("closest", "#batch-scroll").Truthy()) {
				back = active
			}
			p.ed.show(at, p.index)
			back.Call("focus")
		}
	}
}

// followCaret follows the caret the user moved in the textarea: while one
// event is shown alone, the event under the caret is shown instead; while
// every event is shown, the page offers to show it alone (following the
// caret then would hide the other events' diagnostics at every click).
func (p *Inspector) followCaret() {
	p.readCaret()
	r := p.report
	p.caretEvent = -1
	start, _, ok := p.ed.surface().selection()
	if !ok || r == nil || p.srcGen != p.gen || p.job != nil || len(r.Events) < 2 {
		return
	}
	i := r.EventAt(p.caretByte(start))
	switch {
	case i < 0 || i == p.focus:
	case p.focus >= 0:
		p.focus = i
		p.views()
	default:
		p.caretEvent = i
	}
}
