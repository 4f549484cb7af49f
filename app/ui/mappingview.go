package ui

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/convert"
	"eventlens/app/fieldmap"
	"eventlens/app/inspect"
)

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
	var conv *inspect.Conversion
	if r != nil && r.Doc != nil {
		conv = r.Converted()
	}
	if conv == nil {
		return box.Body(app.P().Class("muted").Text("The field mapping appears once the payload is Event Grid or CloudEvents events."))
	}
	other := r.OtherForm().Title()
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
			if row.Lost() || row.Kind == convert.Dropped {
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
		body = append(body, app.P().Class("lost-none").Text("The conversion carries everything: nothing is dropped, lost or missing."))
	case len(lost) == 0:
		body = append(body, app.P().Class("kind-lost").Text(fmt.Sprintf("Events not shown here have %s the conversion cannot carry: pick an event above to see them.", count(others, "attribute", "attributes"))))
	default:
		body = append(body, app.H3().Text("What the conversion drops or cannot carry"), app.Ul().ID("lost").Class("lost").Body(lost...))
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
