package ui

import (
	"fmt"
	"strconv"
	"strings"

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
	// Delivered marks each event delivered or filtered out by the
	// subscription filter; nil when there is no filter.
	Delivered []bool

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
		switch {
		case ev.Index >= len(ep.Delivered):
		case ep.Delivered[ev.Index]:
			label += " · delivered"
		default:
			label += " · filtered out"
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
				opts = append(opts, app.Option().Disabled(true).Text(fmt.Sprintf("… %d more: type its number in “Go to #”, or put the caret in it", len(ep.Events)-maxOptions)))
				if ep.Focus >= maxOptions && ep.Focus < len(ep.Events) {
					opts = append(opts, option(ep.Events[ep.Focus])) // the one shown, past the list
				}
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
		// Any event, past the listed ones too, by its number.
		app.Label().For("event-index").Text("Go to #"),
		app.Input().Type("number").ID("event-index").Class("event-index").
			Min(0).Max(len(ep.Events)-1).Step(1).Attr("inputmode", "numeric").
			Title(fmt.Sprintf("Show event #0 to #%d alone (Enter)", len(ep.Events)-1)).
			Value(ep.index()).
			OnChange(handler("focusing an event", func(ctx app.Context, e app.Event) {
				if v := strings.TrimSpace(e.Get("target").Get("value").String()); v != "" {
					ctx.NewActionWithValue(actionFocus, v)
				}
			})),
	)
}

// index returns the focused event's number for the "Go to #" field, or ""
// while every event is shown.
func (ep *EventPicker) index() string {
	if ep.Focus < 0 {
		return ""
	}
	return strconv.Itoa(ep.Focus)
}
