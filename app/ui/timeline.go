package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/inspect"
	"eventlens/app/summary"
)

// actionMark is posted by the chart when a mark is hovered or focused;
// value: a markRef.
const actionMark = "eventlens/timeline-mark"

// markRef names a mark of a chart.
type markRef struct {
	chart *summary.Chart
	i     int
}

// svgNS is the namespace of the chart's elements.
const svgNS = "http://www.w3.org/2000/svg"

// Timeline is the Timeline tab: the SignalR connections of the payload
// over time (a step chart of open connections, one line per hub or per
// user, the connects, disconnects and errors as marks below), the totals,
// and the event a hovered or focused mark stands for. Activating a mark
// (a click, Enter) shows its event in the inspector. The summary and the
// charts are computed once per report and grouping.
type Timeline struct {
	app.Compo

	Report *inspect.Report
	Focus  int // the event the inspector shows alone, or -1

	by     summary.By
	active markRef // the mark described; chart nil for none
}

// timelineCache keeps the summary and charts of the report the Timeline
// showed, so that coming back to the tab, or a new Timeline component for
// the same report, computes nothing again (the page has one Timeline, and
// runs on one thread). The Inspector empties it when it shows another
// report (forgetTimeline), so that it never keeps an old payload alive.
var timelineCache struct {
	of     *inspect.Report  // the report sum describes
	sum    *summary.Summary // its summary
	charts [2]*summary.Chart
}

// forgetTimeline empties the Timeline's cache.
func forgetTimeline() {
	timelineCache.of, timelineCache.sum, timelineCache.charts = nil, nil, [2]*summary.Chart{}
}

// OnMount follows the marks the chart says are hovered or focused.
func (t *Timeline) OnMount(ctx app.Context) {
	ctx.Handle(actionMark, func(ctx app.Context, a app.Action) {
		if m, ok := a.Value.(markRef); ok {
			t.active = m
		}
	})
}

// chart returns the summary and chart of the report, grouped as chosen.
func (t *Timeline) chart() (*summary.Summary, *summary.Chart) {
	c := &timelineCache
	if c.of != t.Report || c.sum == nil {
		c.of, c.sum, c.charts = t.Report, summary.Of(t.Report), [2]*summary.Chart{}
	}
	if c.charts[t.by] == nil {
		c.charts[t.by] = summary.Layout(c.sum, t.by)
	}
	return c.sum, c.charts[t.by]
}

// Render draws the view.
func (t *Timeline) Render() app.UI {
	box := app.Div().ID("timeline").Class("timeline")
	if t.Report == nil || t.Report.Doc == nil {
		return box.Body(app.P().Class("muted").Text("The Timeline shows SignalR Service connections over time once the payload is Event Grid or CloudEvents events."))
	}
	s, c := t.chart()
	notes := t.notes(s)
	if len(s.Events) == 0 {
		return box.Body(append([]app.UI{app.P().ID("timeline-empty").Class("muted").
			Text("No SignalR connection event with a time here: the Timeline draws ClientConnectionConnected and ClientConnectionDisconnected events.")}, notes...)...)
	}
	toggle := func(by summary.By, label string) app.UI {
		return app.Button().ID("timeline-by-"+by.String()).Class("btn").Aria("pressed", t.by == by).Text(label).
			OnClick(handler("switching the Timeline's lines", func(ctx app.Context, e app.Event) {
				t.by, t.active = by, markRef{}
			}), app.EventScope(by.String()))
	}
	legend := make([]app.UI, 0, len(c.Lines))
	for i := range c.Lines {
		l := &c.Lines[i]
		text := fmt.Sprintf("%s — peak %d open", l.Label(c.By), l.Peak)
		if l.Errors > 0 {
			text += fmt.Sprintf(", %s", count(l.Errors, "error", "errors"))
		}
		legend = append(legend, app.Li().Body(
			app.Span().Class("swatch", "s"+strconv.Itoa(i)).Aria("hidden", true),
			app.Text(text),
		))
	}
	body := []app.UI{
		app.Div().Class("row", "timeline-head").Body(
			app.P().ID("timeline-summary").Class("timeline-summary").Text(totals(s)),
			app.Div().Class("row").Role("group").Aria("label", "Lines").Body(
				toggle(summary.ByHub, "Per hub"),
				toggle(summary.ByUser, "Per user"),
			),
		),
		app.Ul().ID("timeline-legend").Class("timeline-legend").Body(legend...),
		app.P().ID("timeline-scale").Class("muted", "timeline-scale").Text(scale(c)),
		&timelineChart{Chart: c, Sum: s},
		app.Div().Class("timeline-axis").Aria("hidden", true).Body(
			app.Span().Text(summary.Clock(c.Start)),
			app.Span().Text(summary.Clock(c.Start.Add(c.End.Sub(c.Start)/2))),
			app.Span().Text(summary.Clock(c.End)),
		),
		t.detail(s, c),
	}
	return box.Body(append(body, notes...)...)
}

// scale says how to read the chart.
func scale(c *summary.Chart) string {
	text := fmt.Sprintf("Lines: open connections, 0 to %d (dashed). Below, one lane per line: connects up, disconnects down, disconnects with an error in red across.", c.MaxOpen)
	if c.Bucket > 0 {
		text += " A longer mark stands for more events close in time."
	}
	return text
}

// totals writes the summary's totals in one line.
func totals(s *summary.Summary) string {
	g := &s.Total
	text := fmt.Sprintf("%s · %s, %s", count(len(s.Events), "connection event", "connection events"),
		count(g.Connects, "connect", "connects"), count(g.Disconnects, "disconnect", "disconnects"))
	if g.ErrorDisconnects > 0 {
		text += fmt.Sprintf(" (%d with an error)", g.ErrorDisconnects)
	}
	text += fmt.Sprintf(" · %d open at the end", g.Open)
	if g.Durations > 0 {
		text += fmt.Sprintf(" · shortest %s, median %s", g.Shortest, g.Median)
	}
	if g.OutOfOrder > 0 {
		text += fmt.Sprintf(" · %d out of time order", g.OutOfOrder)
	}
	if len(g.Errors) > 0 {
		text += fmt.Sprintf(" · most common error: “%s” (%d)", g.Errors[0].Message, g.Errors[0].Count)
	}
	return text
}

// detail describes the mark hovered or focused last, or says how to reach
// the marks.
func (t *Timeline) detail(s *summary.Summary, c *summary.Chart) app.UI {
	p := app.P().ID("timeline-detail").Class("timeline-detail").Aria("live", "polite")
	if t.active.chart != c || t.active.i < 0 || t.active.i >= len(c.Marks) {
		hint := "Hover a mark, or Tab to the marks and move with ← →, to see its event; a click or Enter shows it in the inspector."
		if c.Bucket > 0 {
			hint += " Events close in time share a mark (it opens the first)."
		}
		if t.Focus >= 0 {
			hint = fmt.Sprintf("Event #%d is shown alone in the other tabs and selected in the editor. ", t.Focus) + hint
		}
		return p.Class("muted").Text(hint)
	}
	m := &c.Marks[t.active.i]
	return p.DataSet("event", s.Events[m.First].Index).Text(c.Describe(s, m))
}

// notes lists what the chart leaves out: events of other types and
// connection events without a usable time.
func (t *Timeline) notes(s *summary.Summary) []app.UI {
	var out []app.UI
	if n := len(s.Untimed); n > 0 {
		var parts []string
		for _, u := range s.Untimed[:min(n, 3)] {
			parts = append(parts, fmt.Sprintf("#%d: %s", u.Index, u.Reason))
		}
		if n > 3 {
			parts = append(parts, fmt.Sprintf("and %d more", n-3))
		}
		out = append(out, app.P().ID("timeline-untimed").Class("notice", "notice-error").
			Text(fmt.Sprintf("%s left out, no usable time: %s.", count(n, "connection event", "connection events"), strings.Join(parts, "; "))))
	}
	if s.Other > 0 {
		out = append(out, app.P().ID("timeline-other").Class("muted").
			Text(fmt.Sprintf("%s of other types set aside.", count(s.Other, "event", "events"))))
	}
	return out
}

// timelineChart draws a chart as SVG. It is its own component so that
// describing a mark re-renders the text around it, not its hundreds of
// elements: its handlers, on the SVG element, post actions and prevent
// its update.
type timelineChart struct {
	app.Compo

	Chart *summary.Chart
	Sum   *summary.Summary
}

// Render draws the chart.
func (tc *timelineChart) Render() app.UI {
	c := tc.Chart
	el := func(tag string) app.HTMLElem { return app.Elem(tag).XMLNS(svgNS) }
	base := summary.PlotTop + summary.PlotHeight
	nodes := []app.UI{
		el("line").Class("tl-axis").Attr("x1", 0).Attr("x2", summary.Num(summary.Width)).
			Attr("y1", summary.Num(base)).Attr("y2", summary.Num(base)),
		el("line").Class("tl-peak").Attr("x1", 0).Attr("x2", summary.Num(summary.Width)).
			Attr("y1", summary.Num(c.Y(c.MaxOpen))).Attr("y2", summary.Num(c.Y(c.MaxOpen))),
	}
	for i := range c.Lines {
		l := &c.Lines[i]
		nodes = append(nodes,
			el("line").Class("tl-lane").Attr("x1", 0).Attr("x2", summary.Num(summary.Width)).
				Attr("y1", summary.Num(l.Lane)).Attr("y2", summary.Num(l.Lane)),
			el("path").Class("tl-step", "s"+strconv.Itoa(i)).Attr("d", l.Path),
		)
	}
	for i := range c.Marks {
		m := &c.Marks[i]
		cls := []string{"tl-mark", "s" + strconv.Itoa(m.Line), m.Kind.String()}
		if m.Error {
			cls = append(cls, "error")
		}
		if m.Count > 1 {
			cls = append(cls, "many")
		}
		tab := -1
		if i == 0 {
			tab = 0
		}
		desc := c.Describe(tc.Sum, m)
		nodes = append(nodes, el("line").ID(markID(i)).Class(cls...).
			Attr("x1", summary.Num(m.X)).Attr("x2", summary.Num(m.X)).
			Attr("y1", summary.Num(m.Y1)).Attr("y2", summary.Num(m.Y2)).
			TabIndex(tab).Role("button").Aria("label", desc).
			DataSet("event", tc.Sum.Events[m.First].Index))
	}
	label := fmt.Sprintf("Open connections over time, one line per %s; below, a lane per line with its connects (up), disconnects (down) and disconnects with an error (red, across)", c.By)
	return el("svg").ID("timeline-chart").Class("timeline-chart").
		Attr("viewBox", "0 0 "+summary.Num(summary.Width)+" "+summary.Num(c.Height)).
		Attr("preserveAspectRatio", "none").
		Attr("height", summary.Num(c.Height)).
		Role("group").Aria("label", label).
		On("mouseover", handler("describing a mark", tc.describe)).
		On("focusin", handler("describing a mark", tc.describe)).
		On("click", handler("opening a mark's event", tc.click)).
		On("keydown", handler("moving between marks", tc.key)).
		Body(nodes...)
}

// markPrefix starts the id of each mark: "tl-mark-" and its index.
const markPrefix = "tl-mark-"

// markID returns the id of mark i.
func markID(i int) string { return markPrefix + strconv.Itoa(i) }

// markOf returns the mark an event happened on, or -1.
func (tc *timelineChart) markOf(e app.Event) int {
	target := e.Get("target")
	if !target.Truthy() {
		return -1
	}
	id, ok := strings.CutPrefix(target.Get("id").String(), markPrefix)
	if !ok {
		return -1
	}
	i, err := strconv.Atoi(id)
	if err != nil || i < 0 || i >= len(tc.Chart.Marks) {
		return -1
	}
	return i
}

// describe shows the event of the mark under the pointer or focused.
func (tc *timelineChart) describe(ctx app.Context, e app.Event) {
	ctx.PreventUpdate()
	if i := tc.markOf(e); i >= 0 {
		ctx.NewActionWithValue(actionMark, markRef{tc.Chart, i})
	}
}

// click shows the clicked mark's event in the inspector.
func (tc *timelineChart) click(ctx app.Context, e app.Event) {
	ctx.PreventUpdate()
	if i := tc.markOf(e); i >= 0 {
		tc.open(ctx, i)
	}
}

// open shows mark i's (first) event in the inspector.
func (tc *timelineChart) open(ctx app.Context, i int) {
	ev := tc.Sum.Events[tc.Chart.Marks[i].First]
	ctx.NewActionWithValue(actionFocus, strconv.Itoa(ev.Index))
}

// key moves between marks with the arrow keys, Home and End, and opens a
// mark's event with Enter or Space.
func (tc *timelineChart) key(ctx app.Context, e app.Event) {
	ctx.PreventUpdate()
	i := tc.markOf(e)
	if i < 0 {
		return
	}
	next := i
	switch e.Get("key").String() {
	case "ArrowRight", "ArrowDown":
		next = min(i+1, len(tc.Chart.Marks)-1)
	case "ArrowLeft", "ArrowUp":
		next = max(i-1, 0)
	case "Home":
		next = 0
	case "End":
		next = len(tc.Chart.Marks) - 1
	case "Enter", " ":
		e.PreventDefault()
		tc.open(ctx, i)
		return
	default:
		return
	}
	e.PreventDefault()
	if el := element(markID(next)); el.Truthy() {
		el.Call("focus")
	}
}
