package ui

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/convert"
	"eventlens/app/detect"
	"eventlens/app/diag"
	"eventlens/app/fieldmap"
	"eventlens/app/highlight"
	"eventlens/app/inspect"
)

// Actions the list components post to the page.
const (
	actionSelect = "eventlens/select" // value: index into Report.Diagnostics
	actionFix    = "eventlens/fix"    // value: index into Report.Diagnostics
	actionFocus  = "eventlens/focus"  // value: the event picker's value, an index or "all"
)

// maxListed is how many diagnostics or changes a list shows before its
// "show all" button.
const maxListed = 200

// formLabel names what the payload is, for the verdict bar.
func formLabel(r *inspect.Report) string {
	switch {
	case r.Doc == nil:
		return "Not JSON"
	case r.Form == detect.Handshake:
		return "Validation handshake"
	case r.Form == detect.Unknown && r.Batch && len(r.Events) == 0:
		return "Empty array: not an event"
	case r.Form == detect.Unknown:
		return "Not an event"
	case r.Batch:
		return fmt.Sprintf("%s batch of %d %s", r.Form.Title(), len(r.Events), plural(len(r.Events), "event", "events"))
	}
	return r.Form.Title() + " event"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// count writes "1 error", "2 warnings".
func count(n int, one, many string) string {
	return strconv.Itoa(n) + " " + plural(n, one, many)
}

// verdict renders the verdict bar for a report (nil: nothing to inspect)
// of a text of n bytes; data-bytes tells scripts which text it describes,
// data-complete whether the views (pretty text, conversions) are ready
// too.
func verdict(r *inspect.Report, n int, complete bool) app.UI {
	bar := app.Div().ID("verdict").Class("verdict").Aria("live", "polite").Role("status").
		DataSet("bytes", n).DataSet("complete", complete)
	if r == nil {
		return bar.Class("empty").Body(app.Span().Class("verdict-form").Text("Paste or drop a payload to inspect it."))
	}
	state, label := "bad", "Invalid"
	if r.Valid {
		state, label = "ok", "Valid"
	}
	var more app.UI
	if !complete {
		more = app.Span().Class("verdict-more").Text("Formatting…")
	}
	return bar.Class(state).DataSet("valid", r.Valid).DataSet("form", r.Form.String()).Body(
		app.Span().Class("badge").Text(label),
		app.Span().Class("verdict-form").Text(formLabel(r)),
		app.Span().Class("counts").Text(count(r.Errors, "error", "errors")+" · "+count(r.Warnings, "warning", "warnings")+" · "+count(r.Infos, "note", "notes")),
		more,
	)
}

// progressBar takes the verdict's place while a text of n bytes is being
// inspected: validated of events are checked so far.
func progressBar(n, validated, events int) app.UI {
	what := "Reading the payload"
	if events > 0 {
		what = fmt.Sprintf("Validating event %d of %d", min(validated+1, events), events)
	}
	return app.Div().ID("verdict").Class("verdict", "busy").Role("status").Aria("busy", "true").Body(
		app.Span().Class("badge").Text("Inspecting"),
		app.Span().Class("verdict-form").Text(sizeLabel(n)),
		app.Span().Class("counts").Text(what+"…"),
	)
}

// sizeLabel writes a size in bytes for people: "812 bytes", "35 KB", "2.8 MB".
func sizeLabel(n int) string {
	switch {
	case n < 1<<10:
		return count(n, "byte", "bytes")
	case n < 1<<20:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}

// maxOptions is how many events the picker lists; the others are reached
// from the editor.
const maxOptions = 1000

// EventPicker lets the user show one event of a batch alone. It posts
// actionFocus with the picked value. Being its own component, it is only
// rendered again when the events or the focus change; and it lists the
// events only once the pointer comes near it or it gets the focus, since
// a thousand options cost the browser a noticeable time to lay out.
type EventPicker struct {
	app.Compo

	Events []inspect.Event // the batch's events
	Focus  int             // the event shown alone, or -1 for all

	open bool // the options are listed
}

// OnUpdate lists the events of a new batch only once asked again.
func (ep *EventPicker) OnUpdate(ctx app.Context) {
	ep.open = false
}

// Render draws the picker.
func (ep *EventPicker) Render() app.UI {
	opts := []app.UI{app.Option().Value("all").Selected(ep.Focus < 0).Text(fmt.Sprintf("All %d events", len(ep.Events)))}
	option := func(ev inspect.Event) app.UI {
		label := fmt.Sprintf("#%d", ev.Index)
		if ev.ID != "" {
			label += " · " + ev.ID
		}
		if ev.Type != "" {
			label += " · " + ev.Type
		}
		return app.Option().Value(ev.Index).Selected(ep.Focus == ev.Index).Text(label)
	}
	switch {
	case !ep.open:
		if ep.Focus >= 0 && ep.Focus < len(ep.Events) {
			opts = append(opts, option(ep.Events[ep.Focus]))
		}
	default:
		for i, ev := range ep.Events {
			if i == maxOptions {
				opts = append(opts, app.Option().Disabled(true).Text(fmt.Sprintf("… %d more (pick one from the editor)", len(ep.Events)-maxOptions)))
				break
			}
			opts = append(opts, option(ev))
		}
	}
	list := func(ctx app.Context, e app.Event) {
		if ep.open {
			ctx.PreventUpdate()
		}
		ep.open = true
	}
	return app.Div().Class("row", "picker").OnMouseOver(handler("listing the events", list)).Body(
		app.Label().For("event-picker").Text("Event"),
		app.Select().ID("event-picker").Class("btn").DataSet("listed", ep.open).Body(opts...).
			OnFocus(handler("listing the events", list)).
			OnChange(handler("focusing an event", func(ctx app.Context, e app.Event) {
				ctx.NewActionWithValue(actionFocus, e.Get("target").Get("value").String())
			})),
	)
}

// DiagnosticList shows a report's diagnostics, one li each, the first
// maxListed of them until "show all" is pressed. Clicking one posts
// actionSelect; its "Apply fix" button posts actionFix.
type DiagnosticList struct {
	app.Compo

	Diags []diag.Diagnostic // the report's diagnostics
	Focus int               // event shown alone, or -1 for all

	all bool
}

// Render draws the list.
func (l *DiagnosticList) Render() app.UI {
	var items []app.UI
	shown, total := 0, 0
	for i, d := range l.Diags {
		if l.Focus >= 0 && d.Event >= 0 && d.Event != l.Focus {
			continue
		}
		total++
		if shown >= maxListed && !l.all {
			continue
		}
		shown++
		items = append(items, l.item(i, d))
	}
	list := app.Ul().ID("diagnostics").Class("diags").Aria("label", "Diagnostics").Body(items...)
	var more app.UI
	if shown < total {
		more = app.Button().ID("show-all-diagnostics").Class("btn").
			Text(fmt.Sprintf("Show all %d diagnostics", total)).
			OnClick(handler("showing every diagnostic", func(ctx app.Context, e app.Event) { l.all = true }))
	}
	var none app.UI
	if total == 0 && len(l.Diags) == 0 {
		none = app.P().Class("muted").Text("No diagnostics.")
	}
	return app.Div().Class("diags-box").Body(list, more, none)
}

// item renders diagnostic i.
func (l *DiagnosticList) item(i int, d diag.Diagnostic) app.UI {
	place := "—"
	if d.Line > 0 {
		place = fmt.Sprintf("%d:%d", d.Line, d.Column)
	}
	pointer := d.Pointer
	if pointer == "" {
		pointer = "(whole payload)"
	}
	var fix app.UI
	if d.Fix != nil && len(d.Fix.Edits) > 0 {
		fix = app.Div().Class("fix").Body(
			app.Span().Class("fix-title").Text("Suggested fix: "+d.Fix.Title),
			app.Button().Class("btn", "apply-fix").Text("Apply fix").
				Title("Apply this fix to the editor (Ctrl+Z undoes it)").
				OnClick(handler("applying a fix", func(ctx app.Context, e app.Event) {
					ctx.NewActionWithValue(actionFix, i)
				}), app.EventScope(i)),
		)
	}
	return app.Li().Class("diag", "sev-"+d.Severity.String()).DataSet("code", d.Code).DataSet("index", i).Body(
		app.Button().Class("diag-go").Title("Select this place in the editor").
			OnClick(handler("selecting a diagnostic's place", func(ctx app.Context, e app.Event) {
				ctx.NewActionWithValue(actionSelect, i)
			}), app.EventScope(i)).
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

// The code views show at most this much of a text (whole lines) until
// "Show all" is pressed: the browser lays out a long text slowly, and the
// rest is a Copy, a Download or an event pick away.
const (
	maxShownLines = 3000
	maxShownBytes = 256 << 10
)

// head returns the first whole lines of text within maxLines lines and
// maxBytes bytes, and whether that cut anything. A text without a line
// break within maxBytes is cut at a character boundary.
func head(text []byte, maxLines, maxBytes int) (shown []byte, cut bool) {
	limit := min(len(text), maxBytes)
	lines := 0
	for i := 0; i < limit; i++ {
		if text[i] == '\n' {
			lines++
			if lines == maxLines && i+1 < len(text) {
				return text[:i+1], true
			}
		}
	}
	if limit == len(text) {
		return text, false
	}
	if k := bytes.LastIndexByte(text[:limit], '\n'); k >= 0 {
		return text[:k+1], true
	}
	for limit > 0 && !utf8.RuneStart(text[limit]) {
		limit--
	}
	return text[:limit], true
}

// CodeView shows JSON text in a pre: coloured when small, one text node
// when large, and only its first lines when very large, with a button to
// show all of it.
type CodeView struct {
	app.Compo

	ID    string // the pre's id
	Label string // its accessible name
	Text  []byte // the text shown

	all bool // show all of a long text
}

// OnUpdate shows a new text from its start.
func (v *CodeView) OnUpdate(ctx app.Context) {
	v.all = false
}

// Render draws the text.
func (v *CodeView) Render() app.UI {
	pre := app.Pre().ID(v.ID).Class("code").TabIndex(0).Aria("label", v.Label)
	shown, cut := v.Text, false
	if !v.all {
		shown, cut = head(v.Text, maxShownLines, maxShownBytes)
	}
	if cut {
		return app.Div().Class("code-box").Body(
			pre.DataSet("plain", true).DataSet("cut", true).Text(string(shown)),
			app.Div().Class("row", "cut-note").Body(
				app.Span().Class("muted").Text(fmt.Sprintf("Showing the first %s of %s; Copy and Download take all of it, and the event picker shows any one event.",
					sizeLabel(len(shown)), sizeLabel(len(v.Text)))),
				app.Button().Class("btn", "show-all-text").Text("Show all ("+sizeLabel(len(v.Text))+")").
					OnClick(handler("showing all the text", func(ctx app.Context, e app.Event) { v.all = true })),
			),
		)
	}
	text := string(shown)
	toks, ok := highlight.Tokens(text, highlight.Default)
	if !ok {
		return pre.DataSet("plain", true).Text(text)
	}
	body := make([]app.UI, len(toks))
	for i, t := range toks {
		if t.Kind == highlight.Plain {
			body[i] = app.Text(t.Text)
		} else {
			body[i] = app.Span().Class("tk-" + t.Kind.String()).Text(t.Text)
		}
	}
	return pre.Body(body...)
}

// maxMapped is how many events the mapping tab lays out at once; pick one
// event to see any other.
const maxMapped = 20

// MappingView shows, event by event, how the attributes map between the two
// forms, and what the conversion could not carry.
type MappingView struct {
	app.Compo

	Report *inspect.Report
	Focus  int // event shown alone, or -1 for all
}

// Render draws the mapping.
func (m *MappingView) Render() app.UI {
	box := app.Div().ID("diff").Class("mapping")
	r := m.Report
	if r == nil || r.Doc == nil || r.EventGrid == nil || r.CloudEvents == nil {
		return box.Body(app.P().Class("muted").Text("The field mapping appears once the payload is Event Grid or CloudEvents events."))
	}
	conv, other := r.CloudEvents, "CloudEvents"
	if r.CloudEvents.Native {
		conv, other = r.EventGrid, "Event Grid"
	}
	if conv.Err != "" {
		return box.Body(app.P().Class("error-text").Text("No " + other + " form: " + conv.Err))
	}
	var body []app.UI
	body = append(body, app.P().Class("muted").Text(fmt.Sprintf("Your input is %s; this is what converting it to %s does to each attribute.", r.Form.Title(), other)))
	for _, c := range fieldmap.Payload(conv.Changes) {
		body = append(body, app.P().Class("kind-"+string(c.Kind)).Text("Whole payload: "+c.Note))
	}
	// The events laid out, and their changes (found in one pass: a large
	// batch has tens of thousands).
	var shown []inspect.Event
	for _, ev := range r.Events {
		if m.Focus >= 0 && ev.Index != m.Focus {
			continue
		}
		if len(shown) == maxMapped {
			break
		}
		shown = append(shown, ev)
	}
	changes := map[int][]convert.Change{}
	for _, ev := range shown {
		changes[ev.Index] = nil
	}
	for _, c := range conv.Changes {
		if cs, ok := changes[c.Event]; ok {
			changes[c.Event] = append(cs, c)
		}
	}
	var lost []app.UI
	for _, ev := range shown {
		var node = r.Doc.Root
		if r.Batch {
			node = r.Doc.Root.Lookup(ev.Pointer)
		}
		rows := fieldmap.Rows(r.Form, ev.Index, changes[ev.Index], node)
		body = append(body, mappingTable(ev, rows))
		for _, row := range rows {
			if row.Lost() {
				lost = append(lost, app.Li().Class("kind-"+string(row.Kind)).Text(fmt.Sprintf("Event %d: %s %s — %s", ev.Index, row.Kind, nonEmpty(row.EventGrid, row.CloudEvents), row.Note)))
			}
		}
	}
	if m.Focus < 0 && len(r.Events) > maxMapped {
		body = append(body, app.P().Class("muted").Text(fmt.Sprintf("Showing the first %d events: pick an event above to see another.", maxMapped)))
	}
	others := 0 // what events not laid out lose
	for _, c := range conv.Changes {
		if _, shown := changes[c.Event]; !shown && c.Event >= 0 && (c.Kind == convert.Lost || c.Kind == convert.Missing) {
			others++
		}
	}
	switch {
	case len(lost) == 0 && others == 0:
		body = append(body, app.P().Class("lost-none").Text("The conversion carries everything: nothing is lost or missing."))
	case len(lost) == 0:
		body = append(body, app.P().Class("kind-lost").Text(fmt.Sprintf("Events not shown here have %s the conversion cannot carry: pick an event above to see them.", count(others, "attribute", "attributes"))))
	default:
		body = append(body, app.H3().Text("What the conversion could not carry"), app.Ul().ID("lost").Class("lost").Body(lost...))
		if others > 0 {
			body = append(body, app.P().Class("muted").Text(fmt.Sprintf("Events not shown here have %s more: pick an event above to see them.", count(others, "attribute", "attributes"))))
		}
	}
	return box.Body(body...)
}

func nonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// mappingTable renders one event's mapping rows.
func mappingTable(ev inspect.Event, rows []fieldmap.Row) app.UI {
	trs := make([]app.UI, len(rows))
	for i, row := range rows {
		what := string(row.Kind)
		if row.Note != "" {
			what += ": " + row.Note
		}
		trs[i] = app.Tr().Class("kind-"+string(row.Kind)).Body(
			app.Td().Body(app.Code().Text(dash(row.EventGrid))),
			app.Td().Body(app.Code().Text(dash(row.CloudEvents))),
			app.Td().Class("what").Text(what),
		)
	}
	caption := fmt.Sprintf("Event %d", ev.Index)
	if ev.ID != "" {
		caption += " · " + ev.ID
	}
	return app.Div().Class("table-wrap").Body(app.Table().Class("map").Body(
		app.Caption().Text(caption),
		app.THead().Body(app.Tr().Body(app.Th().Text("Event Grid"), app.Th().Text("CloudEvents"), app.Th().Text("What happens"))),
		app.TBody().Body(trs...),
	))
}

func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// mappingText renders the mapping as plain text, for copying.
func mappingText(r *inspect.Report) string {
	if r == nil || r.EventGrid == nil || r.CloudEvents == nil {
		return ""
	}
	conv := r.CloudEvents
	if r.CloudEvents.Native {
		conv = r.EventGrid
	}
	var b strings.Builder
	for _, c := range conv.Changes {
		b.WriteString(c.String())
		b.WriteByte('\n')
	}
	return b.String()
}
