package ui

import (
	"fmt"
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/detect"
	"eventlens/app/diag"
	"eventlens/app/filter"
	"eventlens/app/inspect"
	"eventlens/app/textpos"
	"eventlens/app/vocab"
)

// Actions the filter panel posts to the page.
const (
	actionFilter        = "eventlens/filter"         // the filter was edited; value: the text
	actionFilterReplace = "eventlens/filter-replace" // a button replaced the filter; value: a filterReplacement
	actionFilterUndo    = "eventlens/filter-undo"    // the panel's Undo button; no value
)

// filterRestoreLabel is the panel's Undo button's label after a share link
// or the sample replaced the filter.
const filterRestoreLabel = "Undo: restore your previous filter"

// filterUndo is the filter that a share link, the sample or a fix took the
// place of, for the panel's Undo button, and what the panel says about it.
type filterUndo struct {
	text string // the filter before; "" when there is nothing to restore
	what string // the Undo button's label
	msg  string // what happened, said beside the button
}

// ok reports whether there is a filter to restore.
func (u filterUndo) ok() bool { return u.text != "" }

// filterReplacement is an actionFilterReplace value: the filter's new text
// and the one it takes the place of.
type filterReplacement struct {
	text, before string
	what         string // the Undo button's label
	msg          string // what happened
}

// filterKey is the localStorage key of the filter's text.
const filterKey = "eventlens.filter"

// maxFilterRows is how many events the panel lists; the counts cover all,
// and the event picker marks each event. Mounting a row with its reasons
// is the costly part of the panel: with 200 rows, drawing the verdicts of a
// 5,000-event batch held the page for about 500 ms in one task, with 50 for
// about 150 ms (TestPerfFilterPanel).
const maxFilterRows = 50

// FilterPanel checks an event subscription's filter and marks each event of
// the inspected payload delivered or filtered out, with the reason. The
// filter's text belongs to the page (it travels in share links) and the
// page evaluates it (filterState); the panel renders the result and posts
// actionFilter when the filter is edited.
type FilterPanel struct {
	app.Compo

	Starting bool            // the page is not yet set up: the filter is read only
	Kept     string          // while Starting, what was typed into the prerendered filter editor
	Report   *inspect.Report // the payload's inspection; nil when there is none
	Filter   string          // the filter's text
	Parsed   *filter.Filter  // Filter, read and checked; nil when Filter is ""
	Result   *filter.Result  // the verdicts; nil when there is no payload to filter
	Undo     filterUndo      // the filter a replacement took the place of
	// Done and Total count the events evaluated while the evaluation of a
	// large batch is under way (Result is nil meanwhile); both 0 otherwise.
	Done, Total int
}

// text is what the filter's textarea starts with: what was typed into the
// prerendered page while it starts, the filter afterwards. A textarea drawn
// again (go-app re-creates the panel when the elements before it change)
// then shows the filter at once rather than after OnMount.
func (fp *FilterPanel) text() string {
	if fp.Starting {
		return fp.Kept
	}
	return fp.Filter
}

// OnMount puts the filter's text into the textarea, which go-app leaves
// alone afterwards.
func (fp *FilterPanel) OnMount(ctx app.Context) { fp.sync() }

// OnUpdate puts a filter that changed elsewhere (a share link, the sample
// button) into the textarea.
func (fp *FilterPanel) OnUpdate(ctx app.Context) { fp.sync() }

func (fp *FilterPanel) sync() {
	if e := element("filter-input"); e.Truthy() && e.Get("value").String() != fp.Filter {
		e.Set("value", fp.Filter)
	}
}

// filterSyncEvents is how many events the filter is evaluated against at
// once; a larger batch is evaluated a step at a time, so that the page
// stays responsive.
const filterSyncEvents = 500

// filterState is the filter's evaluation against the payload, redone only
// when either changes.
type filterState struct {
	seq       int    // the report evaluated (Inspector.shown)
	text      string // the filter evaluated
	parsed    *filter.Filter
	result    *filter.Result
	delivered []bool // each event's verdict, for the event picker; nil without a result

	run     *filter.Run // the evaluation under way, a step at a time; nil when none
	steps   stepper
	ctx     app.Context // the page's, to schedule the steps
	stepped bool        // ctx is set (the page is mounted): large payloads are evaluated in steps
}

// update evaluates filter text against report r (identified by seq), unless
// it was the last one evaluated: at once for a small payload, else a step
// at a time (result stays nil until the last step).
func (s *filterState) update(r *inspect.Report, seq int, text string) {
	if s.seq == seq && s.text == text && (s.parsed != nil || text == "") {
		return
	}
	s.steps.stop()
	*s = filterState{seq: seq, text: text, steps: s.steps, ctx: s.ctx, stepped: s.stepped}
	if text == "" {
		return
	}
	s.parsed = filter.Parse([]byte(text))
	// Past Event Grid's batch limit the payload is no delivery, and the
	// evaluation would hold the page for long: it is not run.
	if r == nil || r.Doc == nil || len(r.Events) > vocab.MaxBatchEvents {
		return
	}
	s.run = s.parsed.Start(eventsOf(r), maxFilterRows)
	if len(r.Events) <= filterSyncEvents || !s.stepped {
		s.run.Step(-1)
		s.finish()
		return
	}
	s.steps.start(s.ctx, "filtering the events", func(budget time.Duration) stepResult {
		if !s.run.Step(budget) {
			return stepResult{progress: true}
		}
		s.finish()
		return stepResult{done: true}
	})
}

// finish keeps the result of the complete evaluation.
func (s *filterState) finish() {
	s.result = s.run.Result()
	s.run = nil
	s.delivered = make([]bool, len(s.result.Verdicts))
	for i, v := range s.result.Verdicts {
		s.delivered[i] = v.Delivered
	}
}

// progress returns how many events the evaluation under way has done, and
// how many there are; 0, 0 when none is under way.
func (s *filterState) progress() (done, total int) {
	if s.run == nil {
		return 0, 0
	}
	return s.run.Progress()
}

// eventsOf returns the events of a report as the filter evaluates them:
// the nodes of its tree, with the forms the inspection detected.
func eventsOf(r *inspect.Report) []detect.Event {
	root := r.Doc.Root
	events := make([]detect.Event, len(r.Events))
	for i, e := range r.Events {
		n := root
		if e.Pointer != "" {
			n = root.Lookup(e.Pointer)
		}
		events[i] = detect.Event{Index: e.Index, Pointer: e.Pointer, Node: n, Form: e.Form}
	}
	return events
}

// Render draws the editor, the filter's diagnostics, the counts and one
// row per event.
func (fp *FilterPanel) Render() app.UI {
	return app.Section().ID("filter-panel").Class("filter-panel").Aria("label", "Subscription filter").Body(
		app.H2().Class("h2").Text("Subscription filter"),
		app.P().Class("muted").Text("Paste the event subscription's filter, or the whole subscription as “az eventgrid event-subscription show” prints it, to see which events it delivers."),
		app.Div().Class("row").Body(
			app.Label().For("filter-input").Class("label").Text("Filter"),
			app.Button().ID("filter-sample").Class("btn").Text("Sample filter").
				Title("Write a filter for SignalR connection events of the hub “chat”").
				OnClick(handler("writing the sample filter", func(ctx app.Context, e app.Event) {
					replaceFilter(ctx, filter.Sample, filterRestoreLabel, "Wrote the sample filter in place of yours.")
				})),
		),
		app.Textarea().ID("filter-input").Class("editor", "filter-editor").ReadOnly(fp.Starting).Text(fp.text()).Spellcheck(false).Rows(8).
			Attr("autocomplete", "off").Attr("autocapitalize", "off").
			Placeholder(`Paste the filter JSON here, such as {"includedEventTypes": [...], "advancedFilters": [...]}, or the whole subscription.`).
			OnInput(handler("reading the filter", func(ctx app.Context, e app.Event) {
				ctx.NewActionWithValue(actionFilter, e.Get("target").Get("value").String())
			})),
		fp.undoRow(),
		fp.body(),
	)
}

// undoRow says what replaced the filter and offers to bring back the one
// before. It is always rendered (hidden when there is nothing to say), so
// that the elements around it keep their place.
func (fp *FilterPanel) undoRow() app.UI {
	u := fp.Undo
	return app.Div().ID("filter-undo-row").Class("row").Hidden(u.msg == "" && !u.ok()).Body(
		app.P().ID("filter-notice").Class("notice").Role("status").Text(u.msg),
		app.Button().ID("filter-undo").Class("btn", "btn-accent").Text(u.what).Hidden(!u.ok()).
			OnClick(handler("restoring the filter", func(ctx app.Context, e app.Event) {
				ctx.NewAction(actionFilterUndo)
			})),
	)
}

// replaceFilter puts text in the filter's textarea in place of what it
// holds (Ctrl+Z there undoes it) and posts actionFilterReplace, which
// keeps the previous filter for the panel's Undo button, labelled what.
func replaceFilter(ctx app.Context, text, what, msg string) {
	before := fieldText("filter-input")
	replaceRange("filter-input", 0, fieldLen("filter-input"), text)
	ctx.NewActionWithValue(actionFilterReplace, filterReplacement{text: text, before: before, what: what, msg: msg})
}

// body renders what the filter says about the payload.
func (fp *FilterPanel) body() app.UI {
	f := fp.Parsed
	if f == nil {
		return app.P().ID("filter-summary").Class("muted").DataSet("state", "empty").Text("No filter: Event Grid delivers every event.")
	}
	var diags []app.UI
	for i, d := range f.Diagnostics {
		diags = append(diags, fp.diagItem(i, d))
	}
	var list app.UI
	if len(diags) > 0 {
		list = app.Ul().ID("filter-diagnostics").Class("diags").Aria("label", "Filter diagnostics").Body(diags...)
	}
	valid := app.P().ID("filter-valid").Class("notice").DataSet("valid", f.Valid()).Text("The filter is valid.")
	if !f.Valid() {
		valid = app.P().ID("filter-valid").Class("notice", "notice-error").DataSet("valid", false).
			Text("The filter is invalid: Azure refuses the subscription. The verdicts below use the clauses that could be read.")
	}
	res := fp.Result
	if res == nil && fp.Total > 0 {
		return app.Div().Body(list, valid, app.P().ID("filter-summary").Class("muted").DataSet("state", "running").Role("status").
			Text(fmt.Sprintf("Evaluating the filter: %d of %d events…", fp.Done, fp.Total)))
	}
	if res == nil {
		msg := "Paste a payload to see which of its events this filter delivers."
		switch r := fp.Report; {
		case r != nil && r.Doc == nil:
			msg = "The payload is not valid JSON, so no event can be filtered."
		case r != nil:
			msg = fmt.Sprintf("The payload holds %d events, more than the %d Event Grid delivers in one batch: the filter is evaluated for batches up to that size. Run eventlens filter on it instead.", len(r.Events), vocab.MaxBatchEvents)
		}
		return app.Div().Body(list, valid, app.P().ID("filter-summary").Class("muted").DataSet("state", "none").Text(msg))
	}
	rows := make([]app.UI, 0, min(len(res.Verdicts), maxFilterRows)+1)
	for i, v := range res.Verdicts {
		if i == maxFilterRows {
			rows = append(rows, app.Li().Class("muted").Text(fmt.Sprintf("… %d more events (counted above)", len(res.Verdicts)-maxFilterRows)))
			break
		}
		rows = append(rows, verdictRow(v))
	}
	return app.Div().Body(
		list,
		valid,
		app.P().ID("filter-summary").Class("filter-summary").Role("status").
			DataSet("delivered", res.Delivered).DataSet("filtered", res.Filtered).Text(res.Summary()),
		app.Ul().ID("filter-events").Class("filter-events").Body(rows...),
	)
}

// diagItem renders the filter's diagnostic i as the payload's are (see
// DiagnosticList.item): a button named by its severity, code, place and
// message, which selects the place in the filter, and the fix's button.
func (fp *FilterPanel) diagItem(i int, d diag.Diagnostic) app.UI {
	place := "—"
	if d.Line > 0 {
		place = fmt.Sprintf("%d:%d", d.Line, d.Column)
	}
	pointer := d.Pointer
	if pointer == "" {
		pointer = "(whole filter)"
	}
	scope := app.EventScope(strconv.Itoa(i) + d.Code + place)
	var fix app.UI
	if d.Fix != nil {
		fixed, title := string(inspect.ApplyFix([]byte(fp.Filter), d.Fix)), d.Fix.Title
		fix = app.Div().Class("fix").Body(
			app.Span().Class("fix-title").Text("Suggested fix: "+title),
			app.Button().Class("btn", "apply-fix").Text("Apply fix").
				Title("Apply this fix to the filter (Ctrl+Z or “Undo fix” undoes it)").
				OnClick(handler("fixing the filter", func(ctx app.Context, e app.Event) {
					replaceFilter(ctx, fixed, "Undo fix", "Applied: "+title+".")
				}), scope),
		)
	}
	text, start, end, line := fp.Filter, d.Offset, max(d.End, d.Offset), d.Line
	return app.Li().Class("diag", "sev-"+d.Severity.String()).DataSet("code", d.Code).DataSet("index", i).Body(
		app.Button().Class("diag-go").Title("Select this place in the filter").
			OnClick(handler("selecting a place in the filter", func(ctx app.Context, e app.Event) {
				if line > 0 {
					x := textpos.New(text)
					selectRange("filter-input", x.UTF16(start), x.UTF16(end), line)
				}
			}), scope).
			Body(
				app.Span().Class("sev").Text(d.Severity.String()),
				app.Span().Class("dcode").Text(d.Code),
				app.Span().Class("place").Text(place),
				app.Span().Class("msg").Text(d.Message),
				app.Code().Class("ptr").Text(pointer),
			),
		fix,
	)
}

// verdictRow renders one event's verdict and its reasons.
func verdictRow(v filter.Verdict) app.UI {
	state, label := "delivered", "Delivered"
	if !v.Delivered {
		state, label = "filtered", "Filtered out by "+v.Clause
	}
	head := "#" + strconv.Itoa(v.Index)
	if v.ID != "" {
		head += " · " + v.ID
	}
	reasons := make([]app.UI, len(v.Reasons))
	for i, r := range v.Reasons {
		reasons[i] = app.Li().Text(r)
	}
	return app.Li().Class("filter-event", state).DataSet("index", v.Index).DataSet("delivered", v.Delivered).Body(
		app.Span().Class("filter-mark").Text(label),
		app.Span().Class("filter-id").Text(" "+head),
		app.Ul().Class("filter-reasons").Body(reasons...),
	)
}

// setFilter takes the filter's new text (an actionFilter value) and keeps
// it for the next visit.
func (p *Inspector) setFilter(v any) {
	text, ok := v.(string)
	if !ok {
		return
	}
	p.filter = text
	if ls := app.Window().Get("localStorage"); ls.Truthy() && len(text) <= maxDraft {
		if text == "" {
			ls.Call("removeItem", filterKey)
		} else {
			storeItem(filterKey, text)
		}
	}
}

// handleFilter wires the filter panel's actions, and gives the filter's
// evaluation the page's context for its steps.
func (p *Inspector) handleFilter(ctx app.Context) {
	p.fstate.ctx, p.fstate.stepped = ctx, true
	ctx.Handle(actionFilter, func(ctx app.Context, a app.Action) {
		guard(ctx, "reading the filter", func() {
			if p.fundo.msg != "" && !p.fundo.ok() {
				p.fundo = filterUndo{} // "Restored…" spoke of the text before this edit
			}
			p.setFilter(a.Value)
		})
	})
	ctx.Handle(actionFilterReplace, func(ctx app.Context, a app.Action) {
		guard(ctx, "replacing the filter", func() { p.replaceFilter(a.Value) })
	})
	ctx.Handle(actionFilterUndo, func(ctx app.Context, a app.Action) {
		guard(ctx, "restoring the filter", p.undoFilter)
	})
}

// replaceFilter takes a filter a button wrote (an actionFilterReplace
// value), keeping the one it replaced for the panel's Undo button.
func (p *Inspector) replaceFilter(v any) {
	r, ok := v.(filterReplacement)
	if !ok {
		return
	}
	p.setFilter(r.text)
	p.fundo = filterUndo{}
	if r.before != "" && r.before != r.text {
		p.fundo = filterUndo{text: r.before, what: r.what, msg: r.msg + " “" + r.what + "” brings back the filter before it."}
	}
}

// takeSharedFilter puts a share link's filter in place of the page's,
// keeping the page's for the panel's Undo button, and returns what the
// page's notice adds about it. The link's filter is kept on this page only
// (the saved one comes back on reload), until it is edited.
func (p *Inspector) takeSharedFilter(text string) string {
	before := p.filter
	p.filter = text
	if before == "" || before == text {
		p.fundo = filterUndo{}
		return ""
	}
	p.fundo = filterUndo{text: before, what: filterRestoreLabel, msg: "The share link's filter took the place of yours. “" + filterRestoreLabel + "” brings yours back."}
	return " Its filter took the place of yours: “" + filterRestoreLabel + "”, in the filter panel, brings yours back."
}

// undoFilter brings back the filter kept by the last replacement.
func (p *Inspector) undoFilter() {
	if !p.fundo.ok() {
		return
	}
	p.setFilter(p.fundo.text)
	p.fundo = filterUndo{msg: "Restored your previous filter."}
}

// savedFilter returns the filter kept from the last visit ("" for none).
func savedFilter() string {
	ls := app.Window().Get("localStorage")
	if !ls.Truthy() {
		return ""
	}
	v := ls.Call("getItem", filterKey)
	if v.IsNull() || v.IsUndefined() {
		return ""
	}
	return v.String()
}
