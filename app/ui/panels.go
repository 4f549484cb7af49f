package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

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
// of a text of n bytes; data-bytes tells scripts which text it describes.
func verdict(r *inspect.Report, n int) app.UI {
	bar := app.Div().ID("verdict").Class("verdict").Aria("live", "polite").Role("status").DataSet("bytes", n)
	if r == nil {
		return bar.Class("empty").Body(app.Span().Class("verdict-form").Text("Paste or drop a payload to inspect it."))
	}
	state, label := "bad", "Invalid"
	if r.Valid {
		state, label = "ok", "Valid"
	}
	return bar.Class(state).DataSet("valid", r.Valid).DataSet("form", r.Form.String()).Body(
		app.Span().Class("badge").Text(label),
		app.Span().Class("verdict-form").Text(formLabel(r)),
		app.Span().Class("counts").Text(count(r.Errors, "error", "errors")+" · "+count(r.Warnings, "warning", "warnings")+" · "+count(r.Infos, "note", "notes")),
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

// CodeView shows JSON text in a pre: coloured when small, one text node
// when large.
type CodeView struct {
	app.Compo

	ID    string // the pre's id
	Label string // its accessible name
	Text  []byte // the text shown
}

// Render draws the text.
func (v *CodeView) Render() app.UI {
	pre := app.Pre().ID(v.ID).Class("code").TabIndex(0).Aria("label", v.Label)
	text := string(v.Text)
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
	var lost []app.UI
	mapped := 0
	for _, ev := range r.Events {
		if m.Focus >= 0 && ev.Index != m.Focus {
			continue
		}
		if mapped == maxMapped {
			body = append(body, app.P().Class("muted").Text(fmt.Sprintf("Showing the first %d events: pick an event above to see another.", maxMapped)))
			break
		}
		mapped++
		var node = r.Doc.Root
		if r.Batch {
			node = r.Doc.Root.Lookup(ev.Pointer)
		}
		rows := fieldmap.Rows(r.Form, ev.Index, conv.Changes, node)
		body = append(body, mappingTable(ev, rows))
		for _, row := range rows {
			if row.Lost() {
				lost = append(lost, app.Li().Class("kind-"+string(row.Kind)).Text(fmt.Sprintf("Event %d: %s %s — %s", ev.Index, row.Kind, nonEmpty(row.EventGrid, row.CloudEvents), row.Note)))
			}
		}
	}
	if len(lost) == 0 {
		body = append(body, app.P().Class("lost-none").Text("The conversion carries everything: nothing is lost or missing."))
	} else {
		body = append(body, app.H3().Text("What the conversion could not carry"), app.Ul().ID("lost").Class("lost").Body(lost...))
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
