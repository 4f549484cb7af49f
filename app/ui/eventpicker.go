package ui

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/inspect"
)

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
