package ui

import (
	"fmt"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/diag"
)

// maxListed is how many diagnostics or changes a list shows before its
// "show all" button.
const maxListed = 200

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
	switch {
	case strings.HasPrefix(d.Code, "HTTP"):
		pointer = "(request)"
	case pointer == "":
		pointer = "(whole payload)"
	}
	// A button's name is short (what it does, and where); the message is
	// its description, read after it.
	msgID, fixID := fmt.Sprintf("diag-msg-%d", i), fmt.Sprintf("diag-fix-%d", i)
	var fix app.UI
	if d.Fix != nil && len(d.Fix.Edits) > 0 {
		fix = app.Div().Class("fix").Body(
			app.Span().ID(fixID).Class("fix-title").Text("Suggested fix: "+d.Fix.Title),
			app.Button().Class("btn", "apply-fix").Text("Apply fix").
				Aria("describedby", fixID).
				Title("Apply this fix to the editor (Ctrl+Z undoes it)").
				OnClick(handler("applying a fix", func(ctx app.Context, e app.Event) {
					ctx.NewActionWithValue(actionFix, i)
				}), app.EventScope(i)),
		)
	}
	return app.Li().Class("diag", "sev-"+d.Severity.String()).DataSet("code", d.Code).DataSet("index", i).Body(
		app.Button().Class("diag-go").Title("Select this place in the editor").
			Aria("label", diagnosticName(d)).Aria("describedby", msgID).
			OnClick(handler("selecting a diagnostic's place", func(ctx app.Context, e app.Event) {
				ctx.NewActionWithValue(actionSelect, i)
			}), app.EventScope(i)).
			Body(
				app.Span().Class("sev").Text(d.Severity.String()),
				app.Span().Class("dcode").Text(d.Code),
				app.Span().Class("place").Text(place),
				app.Span().ID(msgID).Class("msg").Text(d.Message),
				app.Code().Class("ptr").Text(pointer),
			),
		fix,
	)
}

// diagnosticName is the accessible name of a diagnostic's button: its
// severity, code and place, and what the button does, e.g. "Error EG001
// at line 4, column 16: select it in the editor".
func diagnosticName(d diag.Diagnostic) string {
	sev := d.Severity.String()
	if sev != "" {
		sev = strings.ToUpper(sev[:1]) + sev[1:]
	}
	where := "in the whole payload"
	if d.Line > 0 {
		where = fmt.Sprintf("at line %d, column %d", d.Line, d.Column)
	}
	return fmt.Sprintf("%s %s %s: select it in the editor", sev, d.Code, where)
}
