package ui

import (
	"encoding/json"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/delivery"
	"eventlens/app/inspect"
)

// actionOpenDelivery asks the page to open a delivery of the Live view in
// the editor; its value is a liveOpen.
const actionOpenDelivery = "eventlens/open-delivery"

// liveOpen is what the Live view opens in the editor.
type liveOpen struct {
	Seq  uint64
	Text string
}

// Limits of the Live view.
const (
	// liveKeep is how many deliveries the view holds (the newest), as the
	// receiver's ring does by default.
	liveKeep = 200
	// liveInspectBytes is the largest body the list inspects as it
	// arrives; a larger one is inspected when opened.
	liveInspectBytes = 64 << 10
)

// liveState is the connection to the receiver's feed.
type liveState uint8

const (
	liveConnecting  liveState = iota // the EventSource is opening, or reconnecting
	liveConnected                    // the receiver answered
	liveUnavailable                  // no receiver here: a static host, or serve without -receive
)

// liveItem is one delivery of the list with what the page found in it.
type liveItem struct {
	rec     delivery.Record
	verdict string // the engine's verdict on the body
	bad     bool   // the body is invalid, or the answer is not a success
	grade   string // what Event Grid does after the receiver's answer
}

// Live is the Live view: the deliveries the local receiver (eventlens serve
// -receive) receives, newest first, streamed from the site's /api/live
// with an EventSource. One click opens a delivery in the editor.
type Live struct {
	app.Compo

	state   liveState
	items   []liveItem // newest first
	es      app.Value
	release []func()
}

// OnMount opens the feed.
func (l *Live) OnMount(ctx app.Context) {
	guard(ctx, "opening the live feed", func() { l.connect(ctx) })
}

// OnDismount closes the feed.
func (l *Live) OnDismount() {
	if l.es != nil && l.es.Truthy() {
		l.es.Call("close")
	}
	for _, r := range l.release {
		r()
	}
	l.es, l.release = nil, nil
}

// connect opens an EventSource on the receiver's feed and follows it.
func (l *Live) connect(ctx app.Context) {
	ctor := app.Window().Get("EventSource")
	if !ctor.Truthy() {
		l.state = liveUnavailable
		return
	}
	l.es = ctor.New("api/live")
	on := func(event, what string, f func(e app.Value)) {
		fn := app.FuncOf(func(this app.Value, args []app.Value) any {
			if len(args) > 0 {
				e := args[0]
				ctx.Dispatch(func(ctx app.Context) { guard(ctx, what, func() { f(e) }) })
			}
			return nil
		})
		l.es.Call("addEventListener", event, fn)
		l.release = append(l.release, fn.Release)
	}
	on("ready", "reading the live feed", func(app.Value) { l.state = liveConnected })
	on("delivery", "reading a delivery", func(e app.Value) { l.add(e.Get("data").String()) })
	on("error", "following the live feed", func(app.Value) {
		// A closed EventSource (readyState 2) was refused (no receiver,
		// 404); a connecting one (0) lost the server and retries.
		if l.es.Get("readyState").Int() == 2 {
			l.state = liveUnavailable
		} else if l.state == liveConnected {
			l.state = liveConnecting
		}
	})
}

// add puts one record (its JSON) at the top of the list.
func (l *Live) add(data string) {
	var rec delivery.Record
	if err := json.Unmarshal([]byte(data), &rec); err != nil {
		return // not a record: the feed is eventlens's own, so never
	}
	for _, it := range l.items {
		if it.rec.Seq == rec.Seq {
			return // sent again after a reconnection
		}
	}
	l.state = liveConnected
	l.items = append([]liveItem{itemOf(rec)}, l.items...)
	if len(l.items) > liveKeep {
		l.items = l.items[:liveKeep]
	}
}

// itemOf grades a record: the receiver's answer by Event Grid's rules,
// and the body with the engine.
func itemOf(rec delivery.Record) liveItem {
	it := liveItem{rec: rec}
	outcome, _ := delivery.Grade(rec.Status)
	it.grade = outcome.String()
	it.bad = outcome != delivery.Delivered
	body := rec.Body()
	switch {
	case body == "":
		it.verdict = "no body"
	case rec.Kind == delivery.KindBinary:
		// Binary mode: the attributes are ce-* headers, the body is data.
		it.verdict = "binary mode: the body is the event's data"
	case len(body) > liveInspectBytes:
		it.verdict = strconv.Itoa(len(body)) + " bytes: open it to inspect"
	default:
		r := inspect.Inspect([]byte(body))
		it.verdict = r.Summary()
		it.bad = it.bad || !r.Valid
	}
	return it
}

// openText is what opening a delivery puts in the editor: its body.
func openText(rec delivery.Record) string { return rec.Body() }

// Render draws the view.
func (l *Live) Render() app.UI {
	return app.Section().ID("live").Class("live").Aria("label", "Live deliveries").Body(
		app.H2().Text("Live"),
		l.status(),
		app.If(len(l.items) > 0, func() app.UI {
			return app.Ul().ID("live-list").Class("live-list").Body(
				app.Range(l.items).Slice(func(i int) app.UI { return l.item(l.items[i]) }),
			)
		}),
	)
}

// status says whether the receiver is there, and how to start one.
func (l *Live) status() app.UI {
	howTo := app.P().Class("muted").Body(
		app.Text("To receive Event Grid deliveries here, run eventlens with its receiver: "),
		app.Code().Text("eventlens serve -receive 127.0.0.1:8081"),
		app.Text(", open the page it serves, and give Event Grid the webhook URL it prints (through a tunnel; see docs/RECEIVE.md)."),
	)
	switch {
	case l.state == liveUnavailable:
		return app.Div().ID("live-status").DataSet("state", "unavailable").Body(
			app.P().Text("No receiver here: this page is served without one (a static host, or eventlens serve without -receive), or it is offline."),
			howTo,
		)
	case l.state == liveConnecting:
		return app.Div().ID("live-status").DataSet("state", "connecting").Body(
			app.P().Text("Connecting to the receiver…"), howTo,
		)
	case len(l.items) == 0:
		return app.Div().ID("live-status").DataSet("state", "connected").Body(
			app.P().Text("Receiver running: waiting for deliveries to /api/events on its address (the webhook URL eventlens serve printed)."),
		)
	}
	return app.Div().ID("live-status").DataSet("state", "connected").Body(
		app.P().Class("muted").Text(strconv.Itoa(len(l.items)) + " deliveries, newest first. Click one to open it in the editor."),
	)
}

// item renders one delivery as a button that opens it.
func (l *Live) item(it liveItem) app.UI {
	rec := it.rec
	class := "live-ok"
	if it.bad {
		class = "live-bad"
	}
	return app.Li().Class("live-item", class).Body(
		app.Button().Class("live-open").DataSet("seq", rec.Seq).
			Title("Open this delivery in the editor").
			OnClick(handler("opening a delivery", func(ctx app.Context, e app.Event) {
				ctx.NewActionWithValue(actionOpenDelivery, liveOpen{Seq: rec.Seq, Text: openText(rec)})
			}), app.EventScope(strconv.FormatUint(rec.Seq, 10))).
			Body(
				app.Span().Class("live-time").Text(rec.Time.Local().Format("15:04:05")),
				app.Span().Class("live-method").Text(rec.Method),
				app.Span().Class("live-kind").Text(rec.Kind),
				app.Span().Class("live-status").Text(strconv.Itoa(rec.Status)+" ("+it.grade+")"),
				app.Span().Class("live-verdict").Text(it.verdict),
			),
	)
}

// openDelivery puts a delivery the Live view sends (a liveOpen) in the
// editor, in place of the payload, which Undo brings back.
func (p *Inspector) openDelivery(ctx app.Context, v any) {
	o, ok := v.(liveOpen)
	if !ok {
		return
	}
	p.replace(ctx, o.Text, true, "Opened delivery #"+strconv.FormatUint(o.Seq, 10)+" from the Live view.")
}
