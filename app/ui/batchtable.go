package ui

import (
	"fmt"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/inspect"
)

// The batch table's geometry: every row is btRowHeight pixels high (the
// CSS of .bt-row says so too), btVisible rows are in view, and btOverscan
// rows are drawn on each side of them, so that only a few dozen rows are
// ever in the page, whatever the batch's size.
const (
	btRowHeight = 28
	btVisible   = 10
	btOverscan  = 8
)

// btColumns are the table's columns: the sort key and the heading.
var btColumns = []struct {
	col   inspect.RowColumn
	label string
}{
	{inspect.ColIndex, "#"},
	{inspect.ColID, "id"},
	{inspect.ColType, "type"},
	{inspect.ColSubject, "subject"},
	{inspect.ColTime, "time"},
	{inspect.ColHub, "hub"},
	{inspect.ColConnectionID, "connectionId"},
	{inspect.ColUserID, "userId"},
	{inspect.ColVerdict, "verdict"},
}

// BatchTable lists a batch's events, one row each (inspect.EventRow),
// sortable by any column and filtered by a text; it draws only the rows
// in view. Clicking a row (or Enter on its number) posts actionFocus
// with the event's index; the row of the event shown alone is selected,
// the one under the editor's caret outlined.
type BatchTable struct {
	app.Compo

	Report *inspect.Report // the inspected batch
	Focus  int             // the event shown alone, or -1 for all
	Caret  int             // the event under the editor's caret, or -1
	// Delivered marks each event delivered (true) or filtered out by the
	// subscription filter (the filter panel's); nil without a filter
	// result, and then the table has no filter column.
	Delivered []bool

	rowsOf *inspect.Report // the report rows describe
	rows   []inspect.EventRow
	order  []int // positions in rows of the rows listed, in order
	query  string
	col    inspect.RowColumn
	desc   bool
	win    rowWindow // the rows drawn, by position in order; see view
	// focusShown is the Focus the table last scrolled to.
	focusShown int
}

// OnMount places the rows and scrolls to the event shown alone.
func (t *BatchTable) OnMount(ctx app.Context) {
	t.focusShown = -1
	t.OnUpdate(ctx)
}

// OnUpdate places the rows, and scrolls to the event shown alone when it
// changed elsewhere (the event menu, "Go to #", the caret).
func (t *BatchTable) OnUpdate(ctx app.Context) {
	t.place(ctx)
	if t.Focus == t.focusShown {
		return
	}
	t.focusShown = t.Focus
	t.prepare()
	for pos, i := range t.order {
		if t.rows[i].Index != t.Focus {
			continue
		}
		if w := t.view(); pos >= w.first && pos < w.first+w.visible {
			return // in view
		}
		ctx.Defer(func(ctx app.Context) {
			if e := element("batch-scroll"); e.Truthy() {
				e.Set("scrollTop", max(pos-btVisible/2, 0)*btRowHeight)
			}
		})
		return
	}
}

// view returns the table's row window, with its geometry.
func (t *BatchTable) view() *rowWindow {
	if t.win.height == 0 {
		t.win = rowWindow{height: btRowHeight, visible: btVisible, overscan: btOverscan}
	}
	return &t.win
}

// window returns the positions in the order of the rows drawn: those in
// view and btOverscan more on each side.
func (t *BatchTable) window() (from, to int) {
	return t.view().span(len(t.order))
}

// place sizes the space above and below the drawn rows, once the update
// is in the page. (The page's Content-Security-Policy allows no style
// attribute in markup; properties set through the CSSOM are allowed.)
func (t *BatchTable) place(ctx app.Context) {
	ctx.Defer(func(ctx app.Context) {
		style := element("batch-table").Get("style")
		if !style.Truthy() {
			return
		}
		before, after := t.view().spacers(len(t.order))
		style.Call("setProperty", "--bt-before", strconv.Itoa(before)+"px")
		style.Call("setProperty", "--bt-after", strconv.Itoa(after)+"px")
	})
}

// prepare computes the rows of a new report, and their order.
func (t *BatchTable) prepare() {
	if t.rowsOf == t.Report {
		return
	}
	t.rowsOf = t.Report
	rows := t.Report.EventRows()
	same := len(rows) > 0 && len(rows) == len(t.rows)
	t.rows = rows
	order := inspect.RowOrder(t.rows, t.query, t.col, t.desc)
	if same && len(order) == len(t.order) {
		// The same batch, edited (typing): the table keeps its place.
		// Moving its scroll would make the browser lay the page out at
		// once, the editor's whole text included, on every keystroke.
		t.order = order
		return
	}
	t.setOrder(order)
}

// sort orders the rows by the table's column and filter.
func (t *BatchTable) sort() {
	t.setOrder(inspect.RowOrder(t.rows, t.query, t.col, t.desc))
}

// setOrder shows the rows in order, from the first.
func (t *BatchTable) setOrder(order []int) {
	t.order = order
	t.view().first = 0
	if e := element("batch-scroll"); app.IsClient && e.Truthy() {
		e.Set("scrollTop", 0)
	}
}

// onScroll draws the rows that scrolled into view.
func (t *BatchTable) onScroll(ctx app.Context, e app.Event) {
	if !t.view().scrollTo(e.Get("target").Get("scrollTop").Int()) {
		ctx.PreventUpdate()
		return
	}
	t.place(ctx)
}

// Render draws the filter, the headings and the rows in view.
func (t *BatchTable) Render() app.UI {
	t.prepare()
	from, to := t.window()
	heads := make([]app.UI, len(btColumns))
	for k, c := range btColumns {
		sort := "none"
		if t.col == c.col || t.col == "" && c.col == inspect.ColIndex {
			sort = "ascending"
			if t.desc {
				sort = "descending"
			}
		}
		col := c.col
		heads[k] = app.Th().Scope("col").Aria("sort", sort).Body(
			app.Button().Class("bt-sort").DataSet("col", string(col)).
				Title("Sort by "+c.label).Text(c.label+sortArrow(sort)).
				OnClick(handler("sorting the events", func(ctx app.Context, e app.Event) {
					if t.col == col || t.col == "" && col == inspect.ColIndex {
						t.desc = !t.desc
					} else {
						t.col, t.desc = col, false
					}
					t.sort()
					t.place(ctx)
				}), app.EventScope(string(col))),
		)
	}
	if t.Delivered != nil {
		heads = append(heads, app.Th().Scope("col").Text("filter"))
	}
	body := make([]app.UI, 0, to-from+2)
	body = append(body, app.Tr().Class("bt-spacer", "bt-before").Aria("hidden", "true"))
	for pos := from; pos < to; pos++ {
		body = append(body, t.row(pos, t.rows[t.order[pos]]))
	}
	body = append(body, app.Tr().Class("bt-spacer", "bt-after").Aria("hidden", "true"))
	status := fmt.Sprintf("%s events", thousands(len(t.rows)))
	if len(t.order) != len(t.rows) {
		status = fmt.Sprintf("%s of %s events match", thousands(len(t.order)), thousands(len(t.rows)))
	}
	return app.Div().ID("batch").Class("batch").Body(
		app.Div().Class("row", "bt-tools").Body(
			app.Label().For("batch-filter").Class("sr-only").Text("Filter the events"),
			app.Input().Type("search").ID("batch-filter").Class("bt-filter").Value(t.query).
				Placeholder("Filter: id, type, hub, connection, user…").
				OnInput(handler("filtering the events", func(ctx app.Context, e app.Event) {
					t.query = e.Get("target").Get("value").String()
					t.sort()
					t.place(ctx)
				})),
			app.Span().ID("batch-count").Class("muted").Aria("live", "polite").Text(status),
		),
		app.Div().ID("batch-scroll").Class("bt-scroll").TabIndex(0).Aria("label", "Events of the batch").
			OnScroll(handler("scrolling the events", t.onScroll)).
			Body(app.Table().ID("batch-table").Class("bt").Aria("rowcount", len(t.order)+1).Body(
				app.THead().Body(app.Tr().Aria("rowindex", 1).Body(heads...)),
				app.TBody().Body(body...),
			)),
	)
}

// row renders the row at position pos of the order.
func (t *BatchTable) row(pos int, e inspect.EventRow) app.UI {
	i := e.Index
	focus := func(ctx app.Context, ev app.Event) {
		ctx.NewActionWithValue(actionFocus, strconv.Itoa(i))
	}
	verdict := "bt-ok"
	switch {
	case e.Errors > 0:
		verdict = "bt-bad"
	case e.Warnings > 0:
		verdict = "bt-warn"
	}
	tr := app.Tr().Class("bt-row").DataSet("index", i).Aria("rowindex", pos+2).Aria("selected", i == t.Focus)
	if i == t.Caret {
		tr = tr.Class("bt-caret")
	}
	cell := func(s string) app.UI { return app.Td().Title(s).Text(s) }
	var filter app.UI
	if t.Delivered != nil {
		switch {
		case i >= len(t.Delivered):
			filter = app.Td().Class("bt-filter")
		case t.Delivered[i]:
			filter = app.Td().Class("bt-filter", "bt-ok").Text("delivered")
		default:
			filter = app.Td().Class("bt-filter", "bt-bad").Text("filtered out")
		}
	}
	return tr.OnClick(handler("focusing an event", focus), app.EventScope(strconv.Itoa(i))).Body(
		app.Td().Body(app.Button().Class("bt-go").Title(fmt.Sprintf("Show event #%d alone", i)).Text(strconv.Itoa(i))),
		cell(e.ID), cell(e.Type), cell(e.Subject), cell(e.Time), cell(e.Hub), cell(e.ConnectionID), cell(e.UserID),
		app.Td().Class(verdict).Text(e.Verdict()),
		filter,
	)
}

// sortArrow marks the sorted column's heading.
func sortArrow(sort string) string {
	switch sort {
	case "ascending":
		return " ▲"
	case "descending":
		return " ▼"
	}
	return ""
}
