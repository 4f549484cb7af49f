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
// (a click, Enter) shows its event in the inspector; a mark that stands for
// several events lists them, each a button that shows it.
//
// The summary and the charts are computed once per report and grouping,
// in a browser task of their own after the tab is drawn (see prepare), so
// that opening the tab on 5,000 events never blocks the page for long.
type Timeline struct {
	app.Compo

	Report *inspect.Report
	Focus  int // the event the inspector shows alone, or -1

	by     summary.By
	active markRef // the mark described; chart nil for none
	page   int     // the page of the active mark's events listed
}

// timelineCache keeps the summary and charts of the report the Timeline
// showed, so that coming back to the tab, or a new Timeline component for
// the same report, computes nothing again (the page has one Timeline, and
// runs on one thread). The Inspector empties it when it shows another
// report (forgetTimeline), so that it never keeps an old payload alive.
var timelineCache struct {
	of      *inspect.Report  // the report sum describes
	sum     *summary.Summary // its summary
	charts  [2]*summary.Chart
	pending [2]*inspect.Report // the report whose chart (per grouping) a later task computes
}

// forgetTimeline empties the Timeline's cache.
func forgetTimeline() {
	timelineCache.of, timelineCache.sum, timelineCache.charts = nil, nil, [2]*summary.Chart{}
	timelineCache.pending = [2]*inspect.Report{}
}

// OnMount follows the marks the chart says are hovered or focused, and
// computes the chart.
func (t *Timeline) OnMount(ctx app.Context) {
	ctx.Handle(actionMark, func(ctx app.Context, a app.Action) {
		if m, ok := a.Value.(markRef); ok {
			if m != t.active {
				t.page = 0
			}
			t.active = m
		}
	})
	// Work scheduled by a Timeline no longer mounted never runs (go-app
	// drops its dispatches): this one schedules its own.
	timelineCache.pending = [2]*inspect.Report{}
	t.prepare(ctx)
}

// OnUpdate computes the chart of a new report.
func (t *Timeline) OnUpdate(ctx app.Context) { t.prepare(ctx) }

// timelineSyncEvents is the most events whose Timeline is computed as the
// tab is drawn; past it, prepare computes it in tasks of its own.
const timelineSyncEvents = 500

// prepare computes the summary and chart the view lacks in later browser
// tasks, so that the tab (its frame and a word that the chart is coming) is
// drawn first, and no task is long: the summary in one, the chart in the
// next, and the view drawn in a third.
func (t *Timeline) prepare(ctx app.Context) {
	c := &timelineCache
	r, by := t.Report, t.by
	if r == nil || r.Doc == nil || len(r.Events) <= timelineSyncEvents || c.pending[by] == r {
		return
	}
	if s, ch := t.cached(); s != nil && ch != nil {
		return
	}
	c.pending[by] = r
	current := func() bool { return c.pending[by] == r && t.Report == r && t.by == by }
	done := func() {
		if c.pending[by] == r {
			c.pending[by] = nil
		}
	}
	step := func(ctx app.Context, f func(ctx app.Context)) {
		later(ctx, 0, func(ctx app.Context) {
			guard(ctx, "drawing the Timeline", func() {
				if !current() {
					done()
					return
				}
				f(ctx)
			})
		})
	}
	step(ctx, func(ctx app.Context) {
		ctx.PreventUpdate() // the view changes only once the chart is there
		if c.of != r || c.sum == nil {
			c.of, c.sum, c.charts = r, summary.Of(r), [2]*summary.Chart{}
		}
		step(ctx, func(ctx app.Context) {
			ctx.PreventUpdate()
			t.chart()
			step(ctx, func(ctx app.Context) { done() }) // draws the view
		})
	})
}

// cached returns the summary and chart of the report, grouped as chosen,
// if computed already: nil otherwise.
func (t *Timeline) cached() (*summary.Summary, *summary.Chart) {
	c := &timelineCache
	if c.of != t.Report || c.sum == nil {
		return nil, nil
	}
	return c.sum, c.charts[t.by]
}

// chart computes (or finds) the summary and chart of the report, grouped
// as chosen.
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
	drawing := app.P().ID("timeline-drawing").Class("muted").Text("Drawing the Timeline…")
	s, c := t.cached()
	if c == nil && len(t.Report.Events) <= timelineSyncEvents {
		s, c = t.chart() // a few milliseconds: no need to wait
	}
	if s == nil {
		return box.Body(drawing)
	}
	notes := t.notes(s)
	if len(s.Events) == 0 {
		return box.Body(append([]app.UI{app.P().ID("timeline-empty").Class("muted").
			Text("No SignalR connection event with a time here: the Timeline draws ClientConnectionConnected and ClientConnectionDisconnected events.")}, notes...)...)
	}
	toggle := func(by summary.By, label string) app.UI {
		return app.Button().ID("timeline-by-"+by.String()).Class("btn").Aria("pressed", t.by == by).Text(label).
			OnClick(handler("switching the Timeline's lines", func(ctx app.Context, e app.Event) {
				t.by, t.active, t.page = by, markRef{}, 0
				t.prepare(ctx)
			}), app.EventScope(by.String()))
	}
	head := app.Div().Class("row", "timeline-head").Body(
		app.P().ID("timeline-summary").Class("timeline-summary").Text(totals(s)),
		app.Div().Class("row").Role("group").Aria("label", "Lines").Body(
			toggle(summary.ByHub, "Per hub"),
			toggle(summary.ByUser, "Per user"),
		),
	)
	if c == nil {
		return box.Body(append([]app.UI{head, drawing}, notes...)...)
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
	active := -1
	if t.active.chart == c && t.active.i >= 0 && t.active.i < len(c.Marks) {
		active = t.active.i
	}
	body := []app.UI{
		head,
		app.Ul().ID("timeline-legend").Class("timeline-legend").Body(legend...),
		app.P().ID("timeline-scale").Class("muted", "timeline-scale").Text(scale(c)),
		&timelineChart{Chart: c, Sum: s, Active: active},
		app.Div().Class("timeline-axis").Aria("hidden", true).Body(
			app.Span().Text(summary.Clock(c.Start)),
			app.Span().Text(summary.Clock(c.Start.Add(c.End.Sub(c.Start)/2))),
			app.Span().Text(summary.Clock(c.End)),
		),
		t.detail(s, c, active),
		t.events(s, c, active),
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
func (t *Timeline) detail(s *summary.Summary, c *summary.Chart, active int) app.UI {
	p := app.P().ID("timeline-detail").Class("timeline-detail").Aria("live", "polite")
	if active < 0 {
		hint := "Hover a mark, or Tab to the chart and move between its marks with the arrow keys (↑ ↓ change lanes), to see its event; a click or Enter shows it in the inspector."
		if c.Bucket > 0 {
			hint += " Events close in time share a mark, which lists them."
		}
		if t.Focus >= 0 {
			hint = fmt.Sprintf("Event #%d is shown alone in the other tabs and selected in the editor. ", t.Focus) + hint
		}
		return p.Class("muted").Text(hint)
	}
	m := &c.Marks[active]
	return p.DataSet("event", s.Events[m.First].Index).Text(c.Describe(s, m))
}

// eventsPage is how many events of a mark are listed at once.
const eventsPage = 20

// events lists the events of the active mark when it stands for several:
// a button per event shows it in the inspector; a long list goes by pages.
func (t *Timeline) events(s *summary.Summary, c *summary.Chart, active int) app.UI {
	box := app.Div().ID("timeline-events").Class("row", "timeline-events")
	if active < 0 || c.Marks[active].Count < 2 {
		return box.Hidden(true)
	}
	evs := c.Events(s, &c.Marks[active])
	pages := (len(evs) + eventsPage - 1) / eventsPage
	page := min(max(t.page, 0), pages-1)
	from, to := page*eventsPage, min((page+1)*eventsPage, len(evs))
	items := []app.UI{app.Span().Class("muted").Text(fmt.Sprintf("Its events %d–%d of %d:", from+1, to, len(evs)))}
	for _, i := range evs[from:to] {
		// The title describes the event (a screen reader reads it after
		// the number); the list's one handler opens it.
		idx := s.Events[i].Index
		items = append(items, app.Button().Class("btn", "tl-event").DataSet("event", idx).
			Title(s.Describe(i)).Text("#"+strconv.Itoa(idx)))
	}
	turn := func(id, label string, to int) app.UI {
		return app.Button().ID(id).Class("btn").Text(label).
			OnClick(handler("listing a mark's events", func(ctx app.Context, e app.Event) { t.page = to }), app.EventScope(to))
	}
	if page > 0 {
		items = append(items, turn("timeline-events-earlier", "‹ Earlier", page-1))
	}
	if page < pages-1 {
		items = append(items, turn("timeline-events-later", "Later ›", page+1))
	}
	return box.Role("group").Aria("label", "The events of this mark").
		On("click", handler("showing an event of the Timeline", openListed)).Body(items...)
}

// openListed shows the event of the listed button clicked in the inspector.
func openListed(ctx app.Context, e app.Event) {
	b := e.Get("target").Call("closest", ".tl-event")
	if !b.Truthy() {
		return // a page button, or between buttons
	}
	ctx.PreventUpdate()
	ctx.NewActionWithValue(actionFocus, b.Get("dataset").Get("event").String())
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

// timelineChart draws a chart as SVG: a path per line and a path per
// line and class of marks (tens of elements for any batch), and a cursor on
// the active mark. The SVG element is the one stop in the Tab order: the
// arrow keys, Home and End move the cursor between the marks (see key),
// and Enter or Space shows the mark's event; the pointer finds the mark
// nearest to it on its lane. Its handlers post actions (the Timeline
// describes the mark and moves the cursor) and prevent its own update.
type timelineChart struct {
	app.Compo

	Chart  *summary.Chart
	Sum    *summary.Summary
	Active int // the mark under the cursor, or -1

	moved   int            // 1 + the mark a key or the pointer moved to that the Timeline has not said yet; 0 for none
	movedOn *summary.Chart // the chart moved was on
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
	for i := range c.Ticks {
		tk := &c.Ticks[i]
		cls := []string{"tl-marks", "s" + strconv.Itoa(tk.Line), tk.Kind.String()}
		if tk.Error {
			cls = append(cls, "error")
		}
		if tk.Many {
			cls = append(cls, "many")
		}
		nodes = append(nodes, el("path").Class(cls...).Attr("d", tk.Path))
	}
	if tc.Active >= 0 && tc.Active < len(c.Marks) {
		m := &c.Marks[tc.Active]
		lane := c.Lines[m.Line].Lane
		nodes = append(nodes, el("line").ID("timeline-cursor").Class("tl-cursor").
			Attr("x1", summary.Num(m.X)).Attr("x2", summary.Num(m.X)).
			Attr("y1", summary.Num(lane-summary.LaneHeight/2)).Attr("y2", summary.Num(lane+summary.LaneHeight/2)))
	}
	label := fmt.Sprintf("Open connections over time, one line per %s; below, a lane per line with its connects (up), disconnects (down) and disconnects with an error (red, across). %d marks: move between them with the arrow keys, Enter shows a mark's event.", c.By, len(c.Marks))
	return el("svg").ID("timeline-chart").Class("timeline-chart").
		Attr("viewBox", "0 0 "+summary.Num(summary.Width)+" "+summary.Num(c.Height)).
		Attr("preserveAspectRatio", "none").
		Attr("height", summary.Num(c.Height)).
		TabIndex(0).Role("group").Aria("label", label).Aria("describedby", "timeline-detail").
		DataSet("marks", len(c.Marks)).DataSet("active", tc.Active).
		On("mousemove", handler("describing a mark", tc.hover)).
		On("focus", handler("describing a mark", tc.focus)).
		On("click", handler("opening a mark's event", tc.click)).
		On("keydown", handler("moving between marks", tc.key)).
		Body(nodes...)
}

// markAt returns the mark under the pointer of a mouse event, or -1: the
// nearest on the lane the pointer is on, up to 8 px away.
func (tc *timelineChart) markAt(e app.Event) int {
	svg := element("timeline-chart")
	if !svg.Truthy() {
		return -1
	}
	r := svg.Call("getBoundingClientRect")
	w, h := r.Get("width").Float(), r.Get("height").Float()
	if w <= 0 || h <= 0 {
		return -1
	}
	x := (e.Get("clientX").Float() - r.Get("left").Float()) * summary.Width / w
	y := (e.Get("clientY").Float() - r.Get("top").Float()) * tc.Chart.Height / h
	return tc.Chart.MarkAt(x, y, 8*summary.Width/w)
}

// OnUpdate follows the active mark the Timeline says, once it says the
// last mark moved to, or draws another chart. An update that says an
// earlier move leaves the last one standing: keys pressed faster than the
// page draws still add up.
func (tc *timelineChart) OnUpdate(ctx app.Context) {
	if tc.Active == tc.moved-1 || tc.Chart != tc.movedOn {
		tc.moved = 0
	}
}

// current returns the active mark: the one a key or the pointer moved to
// last, even before the page has drawn it.
func (tc *timelineChart) current() int {
	if tc.moved > 0 {
		return tc.moved - 1
	}
	return tc.Active
}

// activate makes mark i the active one.
func (tc *timelineChart) activate(ctx app.Context, i int) {
	if i >= 0 && i < len(tc.Chart.Marks) && i != tc.current() {
		tc.moved, tc.movedOn = i+1, tc.Chart
		ctx.NewActionWithValue(actionMark, markRef{tc.Chart, i})
	}
}

// hover describes the mark under the pointer.
func (tc *timelineChart) hover(ctx app.Context, e app.Event) {
	ctx.PreventUpdate()
	tc.activate(ctx, tc.markAt(e))
}

// focus describes the first mark when the chart gets the focus with none
// active.
func (tc *timelineChart) focus(ctx app.Context, e app.Event) {
	ctx.PreventUpdate()
	if tc.current() < 0 {
		tc.activate(ctx, 0)
	}
}

// click shows the clicked mark's event in the inspector.
func (tc *timelineChart) click(ctx app.Context, e app.Event) {
	ctx.PreventUpdate()
	if i := tc.markAt(e); i >= 0 {
		tc.activate(ctx, i)
		tc.open(ctx, i)
	}
}

// open shows mark i's (first) event in the inspector.
func (tc *timelineChart) open(ctx app.Context, i int) {
	ev := tc.Sum.Events[tc.Chart.Marks[i].First]
	ctx.NewActionWithValue(actionFocus, strconv.Itoa(ev.Index))
}

// otherLane returns the mark nearest in time to mark i on the next lane
// down (or up) that has marks; i when there is none, 0 when i is -1.
func (tc *timelineChart) otherLane(i int, down bool) int {
	c := tc.Chart
	if i < 0 {
		return 0
	}
	step := -1
	if down {
		step = 1
	}
	for l := c.Marks[i].Line + step; l >= 0 && l < len(c.Lines); l += step {
		if j := c.Nearest(l, c.Marks[i].X); j >= 0 {
			return j
		}
	}
	return i
}

// key moves between marks: ← → to the one before or after (the lanes one
// after the other), ↑ ↓ to the nearest in time on the lane above or below,
// Home and End to the first and last; Enter or Space opens the active
// mark's event.
func (tc *timelineChart) key(ctx app.Context, e app.Event) {
	ctx.PreventUpdate()
	n := len(tc.Chart.Marks)
	if n == 0 {
		return
	}
	i := tc.current()
	next := i
	switch e.Get("key").String() {
	case "ArrowRight":
		next = min(i+1, n-1)
	case "ArrowLeft":
		next = max(i-1, 0)
	case "ArrowDown", "ArrowUp":
		next = tc.otherLane(i, e.Get("key").String() == "ArrowDown")
	case "Home":
		next = 0
	case "End":
		next = n - 1
	case "Enter", " ":
		e.PreventDefault()
		if i >= 0 {
			tc.open(ctx, i)
		}
		return
	default:
		return
	}
	e.PreventDefault()
	tc.activate(ctx, next)
}
