package ui

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/vocab"
	"eventlens/app/wire"
)

// request renders what the page shows of a pasted HTTP request: its kind,
// the headers that matter to a delivery (with where they are), the exact
// answer a webhook handshake needs, and the request in the other
// CloudEvents content mode. Nothing when the text is a bare payload.
func (p *Inspector) request() app.UI {
	r := p.report
	if r == nil || r.Request == nil {
		return nil
	}
	q := r.Request
	var rows []app.UI
	for _, h := range q.Headers {
		if !wire.DeliveryHeader(h.Name) {
			continue
		}
		value := h.Value
		if _, ce := strings.CutPrefix(strings.ToLower(h.Name), vocab.CloudEventsHeaderPrefix); ce {
			if v, problem := wire.Unescape(h.Value); problem == "" && v != h.Value {
				value += " → " + v
			}
		}
		rows = append(rows, app.Tr().Body(
			app.Td().Class("place").Text(strconv.Itoa(h.Span.Line)),
			app.Th().Scope("row").Text(h.Name),
			app.Td().Body(app.Code().Text(value)),
		))
	}
	var table app.UI
	if len(rows) > 0 {
		table = app.Table().ID("request-headers").Class("headers").Body(
			app.Caption().Class("sr-only").Text("Headers that matter to the delivery"),
			app.THead().Body(app.Tr().Body(app.Th().Text("line"), app.Th().Text("header"), app.Th().Text("value"))),
			app.TBody().Body(rows...),
		)
	} else {
		table = app.P().ID("request-headers").Class("muted").Text("No Content-Type, aeg-*, ce-* or WebHook-* header.")
	}
	return app.Div().ID("request").Class("request", "handshake").DataSet("kind", q.Kind.String()).Body(
		app.P().Body(
			app.Strong().Text(q.Kind.Title()),
			app.Text(" · "),
			app.Code().Text(q.Method+" "+q.Target),
			app.Text(" · "+modeNote(q)),
		),
		table,
		p.webHookAnswer(q),
		p.otherMode(),
	)
}

// modeNote says how the page reads the request.
func modeNote(q *wire.Request) string {
	switch q.Kind {
	case wire.Binary:
		return "the attributes travel in ce- headers and the body is data: inspected as the structured event they make."
	case wire.WebHook:
		return "the sender asks the endpoint for permission to deliver."
	case wire.Plain:
		return "no header names the kind of delivery: the body decides."
	}
	return "the body is inspected below; diagnostics on headers point at their line."
}

// webHookAnswer renders the exact answer to a webhook handshake.
func (p *Inspector) webHookAnswer(q *wire.Request) app.UI {
	answer := q.WebHookAnswer()
	if answer == "" {
		return nil
	}
	return app.Div().Body(
		app.P().Text("Answer this handshake with:"),
		app.Pre().ID("webhook-answer").Class("code").Text(answer),
		app.Button().ID("copy-webhook-answer").Class("btn").Text("Copy answer").
			OnClick(handler("copying the answer", func(ctx app.Context, e app.Event) { p.copy(ctx, answer, "the answer") })),
	)
}

// otherMode renders the request in the other CloudEvents content mode,
// folded, when it has one.
func (p *Inspector) otherMode() app.UI {
	title, text, err := p.report.OtherMode()
	if err != nil {
		return nil
	}
	return app.Details().ID("other-mode").Body(
		app.Summary().Text("The same request in "+title),
		app.Pre().Class("code").Text(string(text)),
	)
}
