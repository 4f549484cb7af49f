package ui

import (
	"fmt"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/filter"
	"eventlens/app/inspect"
	"eventlens/app/textpos"
	"eventlens/app/vocab"
)

// actionFilter carries the filter's new text from the panel to the page
// (value: the text).
const actionFilter = "eventlens/filter"

// filterKey is the localStorage key of the filter's text.
const filterKey = "eventlens.filter"

// maxFilterRows is how many events the panel lists; the counts cover all.
const maxFilterRows = 200

// FilterPanel checks an event subscription's filter and marks each event of
// the inspected payload delivered or filtered out, with the reason. The
// filter's text belongs to the page (it travels in share links) and the
// page evaluates it (filterState); the panel renders the result and posts
// actionFilter when the filter is edited.
type FilterPanel struct {
	app.Compo

	Report *inspect.Report // the payload's inspection; nil when there is none
	Filter string          // the filter's text
	Parsed *filter.Filter  // Filter, read and checked; nil when Filter is ""
	Result *filter.Result  // the verdicts; nil when there is no payload to filter
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

// filterState is the filter's evaluation against the payload, redone only
// when either changes.
type filterState struct {
	seq       int    // the report evaluated (Inspector.shown)
	text      string // the filter evaluated
	parsed    *filter.Filter
	result    *filter.Result
	delivered []bool // each event's verdict, for the event picker; nil without a result
}

// update evaluates filter text against report r (identified by seq), unless
// it was the last one evaluated.
func (s *filterState) update(r *inspect.Report, seq int, text string) {
	if s.seq == seq && s.text == text && (s.parsed != nil || text == "") {
		return
	}
	*s = filterState{seq: seq, text: text}
	if text == "" {
		return
	}
	s.parsed = filter.Parse([]byte(text))
	// Past Event Grid's batch limit the payload is no delivery, and the
	// evaluation would block the page: it is not run.
	if r != nil && r.Doc != nil && len(r.Events) <= vocab.MaxBatchEvents {
		s.result = s.parsed.ApplyExplaining(r.Doc.Root, maxFilterRows)
		s.delivered = make([]bool, len(s.result.Verdicts))
		for i, v := range s.result.Verdicts {
			s.delivered[i] = v.Delivered
		}
	}
}

// Render draws the editor, the filter's diagnostics, the counts and one
// row per event.
func (fp *FilterPanel) Render() app.UI {
	edit := func(text string) func(ctx app.Context, e app.Event) {
		return func(ctx app.Context, e app.Event) {
			v := text
			if v == "" {
				v = e.Get("target").Get("value").String()
			} else {
				element("filter-input").Set("value", v)
			}
			ctx.NewActionWithValue(actionFilter, v)
		}
	}
	return app.Section().ID("filter-panel").Class("filter-panel").Aria("label", "Subscription filter").Body(
		app.H2().Class("h2").Text("Subscription filter"),
		app.P().Class("muted").Text("Paste the event subscription's filter, or the whole subscription as “az eventgrid event-subscription show” prints it, to see which events it delivers."),
		app.Div().Class("row").Body(
			app.Label().For("filter-input").Class("label").Text("Filter"),
			app.Button().ID("filter-sample").Class("btn").Text("Sample filter").
				Title("Write a filter for SignalR connection events of the hub “chat”").
				OnClick(handler("writing the sample filter", edit(filter.Sample))),
		),
		app.Textarea().ID("filter-input").Class("editor", "filter-editor").Spellcheck(false).Rows(8).
			Attr("autocomplete", "off").Attr("autocapitalize", "off").
			Placeholder(`Paste the filter JSON here, such as {"includedEventTypes": [...], "advancedFilters": [...]}, or the whole subscription.`).
			OnInput(handler("reading the filter", edit(""))),
		fp.body(),
	)
}

// body renders what the filter says about the payload.
func (fp *FilterPanel) body() app.UI {
	f := fp.Parsed
	if f == nil {
		return app.P().ID("filter-summary").Class("muted").DataSet("state", "empty").Text("No filter: Event Grid delivers every event.")
	}
	var diags []app.UI
	for i, d := range f.Diagnostics {
		place := ""
		if d.Line > 0 {
			place = fmt.Sprintf("%d:%d ", d.Line, d.Column)
		}
		scope := app.EventScope(strconv.Itoa(i) + d.Code + place)
		var fix app.UI
		if d.Fix != nil {
			fixed := string(inspect.ApplyFix([]byte(fp.Filter), d.Fix))
			fix = app.Button().Class("btn", "btn-accent").Text("Fix: "+d.Fix.Title).
				OnClick(handler("fixing the filter", func(ctx app.Context, e app.Event) {
					e.Call("stopPropagation") // not a click on the place as well
					element("filter-input").Set("value", fixed)
					ctx.NewActionWithValue(actionFilter, fixed)
				}), scope)
		}
		item := app.Li().Class("diag", "diag-"+d.Severity.String()).DataSet("code", d.Code).Body(
			app.Span().Text(place+d.Severity.String()+" "+d.Code+": "+d.Message),
			fix,
		)
		if d.Line > 0 {
			text, start, end, line := fp.Filter, d.Offset, max(d.End, d.Offset), d.Line
			item = item.Title("Select this place in the filter").
				OnClick(handler("selecting a place in the filter", func(ctx app.Context, e app.Event) {
					x := textpos.New(text)
					selectRange("filter-input", x.UTF16(start), x.UTF16(end), line)
				}), scope)
		}
		diags = append(diags, item)
	}
	var list app.UI
	if len(diags) > 0 {
		list = app.Ul().ID("filter-diagnostics").Class("diag-list").Body(diags...)
	}
	valid := app.P().ID("filter-valid").Class("notice").DataSet("valid", f.Valid()).Text("The filter is valid.")
	if !f.Valid() {
		valid = app.P().ID("filter-valid").Class("notice", "notice-error").DataSet("valid", false).
			Text("The filter is invalid: Azure refuses the subscription. The verdicts below use the clauses that could be read.")
	}
	res := fp.Result
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
			ls.Call("setItem", filterKey, text)
		}
	}
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
