package ui

import (
	"fmt"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/inspect"
)

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
// too, and data-incremental that only the edited event was checked again
// (inspect.Reinspect).
func verdict(r *inspect.Report, n int, complete, incremental bool) app.UI {
	bar := app.Div().ID("verdict").Class("verdict").Aria("live", "polite").Role("status").
		DataSet("bytes", n).DataSet("complete", complete)
	if incremental {
		bar = bar.DataSet("incremental", true)
	}
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
		app.Span().Class("verdict-form").Text(r.FormLabel()),
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
