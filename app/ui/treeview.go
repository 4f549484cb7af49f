package ui

import (
	"cmp"
	"sort"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/jsontree"
	"eventlens/app/outline"
)

// actionSelectPointer asks the page to select a value in the editor; its
// value is the value's JSON pointer in the payload.
const actionSelectPointer = "eventlens/select-pointer"

// The tree's geometry: every row is tvRowHeight pixels high (as the CSS
// of .tv-row says), tvVisible rows are in view and tvOverscan more drawn
// on each side, whatever the number of visible values. With long values
// wrapped a row is at least tvRowHeight high: see TreeView.measure.
const (
	tvRowHeight = 22
	tvVisible   = 20
	tvOverscan  = 10
)

// treeWrapKey is the localStorage key of the tree's wrap toggle.
const treeWrapKey = "eventlens.tree.wrap"

// TreeView shows a value (the payload, or the event shown alone) as a
// collapsible tree (app/outline), drawing only the rows in view. It is
// one focusable tree (role tree) whose active row the keyboard moves:
// Up and Down, Right to expand or go to the first child, Left to collapse
// or go to the parent, Home and End, Enter or Space to select the value
// in the editor (as a click on a row does). Each row shows the line of
// its value in the editor's text; the Wrap toggle (remembered across
// reloads) shows long values whole, on as many lines as they take.
type TreeView struct {
	app.Compo

	// Seq identifies the report Root belongs to, and Base comes before
	// Root: go-app compares props with reflect.DeepEqual, which stops at
	// the first field that differs, before it walks two trees.
	Seq  int
	Base string         // the value's pointer in the payload
	Root *jsontree.Node // the value shown

	tree    *outline.Tree
	treeOf  *jsontree.Node
	active  int       // the active row
	win     rowWindow // the rows drawn; see view
	keydown app.Func
	copied  string // what the last Copy did

	// wrap shows long values whole, wrapped; rows then differ in height:
	// tall holds the heights measured of the rows drawn that are taller
	// than tvRowHeight, by value, and tops the top of each row (and the
	// total height last), computed from tall for the rows of topsOf.
	wrap   bool
	tall   map[*jsontree.Node]int
	tops   []int
	topsOf []outline.Row
}

// OnInit reads the wrap toggle's stored state.
func (v *TreeView) OnInit() {
	if app.IsClient {
		v.wrap = storedFlag(treeWrapKey)
	}
}

// OnMount listens to the keys the tree handles, which must not also
// scroll the page.
func (v *TreeView) OnMount(ctx app.Context) {
	e := element("tree")
	if !e.Truthy() {
		return
	}
	v.keydown = app.FuncOf(func(this app.Value, args []app.Value) any {
		if len(args) == 0 {
			return nil
		}
		ev := args[0]
		if ev.Get("ctrlKey").Bool() || ev.Get("metaKey").Bool() || ev.Get("altKey").Bool() {
			return nil
		}
		key := ev.Get("key").String()
		switch key {
		case "ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End", "Enter", " ":
			ev.Call("preventDefault")
			ctx.Dispatch(func(ctx app.Context) { guard(ctx, "moving in the tree", func() { v.key(ctx, key) }) })
		}
		return nil
	})
	e.Call("addEventListener", "keydown", v.keydown)
	v.place(ctx)
}

// OnDismount removes the key listener.
func (v *TreeView) OnDismount() {
	if v.keydown.Truthy() {
		if e := element("tree"); e.Truthy() {
			e.Call("removeEventListener", "keydown", v.keydown)
		}
		v.keydown.Release()
	}
}

// OnUpdate places the rows after an update.
func (v *TreeView) OnUpdate(ctx app.Context) { v.place(ctx) }

// prepare builds the tree of a new value.
func (v *TreeView) prepare() []outline.Row {
	if v.treeOf != v.Root || v.tree == nil {
		v.tree, v.treeOf = outline.New(v.Root, v.Base), v.Root
		v.active, v.view().first = 0, 0
		v.tall, v.tops = nil, nil
		if e := element("tree"); app.IsClient && e.Truthy() {
			e.Set("scrollTop", 0)
		}
	}
	rows := v.tree.Rows()
	v.active = min(v.active, max(len(rows)-1, 0))
	return rows
}

// view returns the tree's row window, with its geometry (with long
// values wrapped, rows may be taller than its height: see measure).
func (v *TreeView) view() *rowWindow {
	if v.win.height == 0 {
		v.win = rowWindow{height: tvRowHeight, visible: tvVisible, overscan: tvOverscan}
	}
	return &v.win
}

// window returns the rows drawn: those in view and tvOverscan more on
// each side.
func (v *TreeView) window(n int) (from, to int) {
	return v.view().span(n)
}

// place sizes the space above and below the drawn rows, and the line
// numbers' column, through the CSSOM (the Content-Security-Policy allows
// no style attribute in markup). With long values wrapped it first
// measures the rows drawn.
func (v *TreeView) place(ctx app.Context) {
	ctx.Defer(func(ctx app.Context) {
		style := element("tree-rows").Get("style")
		if !style.Truthy() || v.tree == nil {
			return
		}
		rows := v.tree.Rows()
		if v.wrap {
			v.measure(rows)
		}
		from, to := v.window(len(rows))
		style.Call("setProperty", "--tv-before", strconv.Itoa(v.top(rows, from))+"px")
		style.Call("setProperty", "--tv-after", strconv.Itoa(v.top(rows, len(rows))-v.top(rows, to))+"px")
		style.Call("setProperty", "--tv-gutter", strconv.Itoa(len(strconv.Itoa(v.tree.LastLine()))+1)+"ch")
	})
}

// measure records the heights of the rows drawn, which wrapping makes
// differ. The rows not drawn yet count as one line each: the space above
// and below the rows drawn is an estimate that each scroll corrects, and
// when a row above the first in view turns out taller or shorter than
// counted, the scroll position moves by as much, so that the rows in view
// stay where they are.
func (v *TreeView) measure(rows []outline.Row) {
	box := element("tree")
	if !box.Truthy() {
		return
	}
	from, to := v.window(len(rows))
	changed := false
	if v.tall == nil {
		v.tall = map[*jsontree.Node]int{}
	}
	first := v.view().first
	anchor := v.top(rows, first)
	offset := box.Get("scrollTop").Int() - anchor
	for i := from; i < to; i++ {
		e := element("tree-row-" + strconv.Itoa(i))
		if !e.Truthy() {
			continue
		}
		h := e.Get("offsetHeight").Int()
		if h <= 0 { // not laid out (hidden)
			continue
		}
		n := rows[i].Node
		old, ok := v.tall[n]
		switch {
		case h > tvRowHeight && (!ok || old != h):
			v.tall[n] = h
			changed = true
		case h <= tvRowHeight && ok:
			delete(v.tall, n)
			changed = true
		}
	}
	if !changed {
		return
	}
	v.tops = nil
	if moved := v.top(rows, first) - anchor; moved != 0 {
		box.Set("scrollTop", max(v.top(rows, first)+offset, 0))
	}
}

// top returns the top of row i in pixels (i = len(rows): the height of
// every row).
func (v *TreeView) top(rows []outline.Row, i int) int {
	if !v.wrap || len(v.tall) == 0 {
		return i * tvRowHeight
	}
	if v.tops == nil || len(v.topsOf) != len(rows) || len(rows) > 0 && &v.topsOf[0] != &rows[0] {
		v.tops, v.topsOf = make([]int, len(rows)+1), rows
		for k, r := range rows {
			h, ok := v.tall[r.Node]
			if !ok {
				h = tvRowHeight
			}
			v.tops[k+1] = v.tops[k] + h
		}
	}
	return v.tops[i]
}

// rowAt returns the row at y pixels from the top of the rows.
func (v *TreeView) rowAt(rows []outline.Row, y int) int {
	if !v.wrap || len(v.tall) == 0 {
		return y / tvRowHeight
	}
	v.top(rows, 0)
	return max(sort.Search(len(rows), func(i int) bool { return v.tops[i+1] > y }), 0)
}

// toggleWrap switches long values between one clipped line and wrapped
// text, and remembers the choice.
func (v *TreeView) toggleWrap(ctx app.Context) {
	v.wrap = !v.wrap
	v.tall, v.tops = nil, nil
	storeFlag(treeWrapKey, v.wrap)
	v.reveal()
	v.place(ctx)
}

// key handles a key pressed in the tree.
func (v *TreeView) key(ctx app.Context, key string) {
	rows := v.prepare()
	if len(rows) == 0 {
		return
	}
	r := rows[v.active]
	switch key {
	case "ArrowUp":
		v.active = max(v.active-1, 0)
	case "ArrowDown":
		v.active = min(v.active+1, len(rows)-1)
	case "Home":
		v.active = 0
	case "End":
		v.active = len(rows) - 1
	case "ArrowRight":
		switch {
		case r.Container() && !v.tree.Open(r.Node):
			v.tree.SetOpen(r.Node, true)
		case r.Container() && v.active+1 < len(v.tree.Rows()) && v.tree.Rows()[v.active+1].Parent == v.active:
			v.active++
		}
	case "ArrowLeft":
		switch {
		case r.Container() && v.tree.Open(r.Node):
			v.tree.SetOpen(r.Node, false)
		case r.Parent >= 0:
			v.active = r.Parent
		}
	case "Enter", " ":
		// The editor takes the focus with the value selected, as after a
		// diagnostic.
		ctx.NewActionWithValue(actionSelectPointer, r.Pointer)
	}
	v.reveal()
	v.place(ctx)
}

// reveal scrolls the active row into view.
func (v *TreeView) reveal() {
	e := element("tree")
	if !e.Truthy() || v.tree == nil {
		return
	}
	rows := v.tree.Rows()
	if v.active >= len(rows) {
		return
	}
	top, bottom := v.top(rows, v.active), v.top(rows, v.active+1)
	scroll, height := e.Get("scrollTop").Int(), e.Get("clientHeight").Int()
	if height <= 0 {
		height = tvVisible * tvRowHeight
	}
	switch {
	case top < scroll:
		e.Set("scrollTop", top)
	case bottom > scroll+height:
		e.Set("scrollTop", bottom-height)
	}
}

// onScroll draws the rows that scrolled into view.
func (v *TreeView) onScroll(ctx app.Context, e app.Event) {
	if v.tree == nil {
		return
	}
	if !v.view().setFirst(v.rowAt(v.tree.Rows(), e.Get("target").Get("scrollTop").Int())) {
		ctx.PreventUpdate()
		return
	}
	v.place(ctx)
}

// Render draws the rows in view.
func (v *TreeView) Render() app.UI {
	rows := v.prepare()
	from, to := v.window(len(rows))
	items := make([]app.UI, 0, to-from+2)
	items = append(items, app.Div().Class("tv-before").Aria("hidden", "true"))
	for i := from; i < to; i++ {
		items = append(items, v.row(i, rows[i]))
	}
	items = append(items, app.Div().Class("tv-after").Aria("hidden", "true"))
	var cut app.UI
	if v.tree.Cut() {
		cut = app.P().Class("muted").Text("The tree stops at " + thousands(outline.MaxRows) + " rows: collapse a container to see the values after it.")
	}
	active := ""
	if len(rows) > 0 {
		active = "tree-row-" + strconv.Itoa(v.active)
	}
	return app.Div().Class("tree-box").Body(
		app.Div().Class("row", "tree-actions").Body(
			app.Button().ID("tree-copy-value").Class("btn").Text("Copy value").Disabled(len(rows) == 0).
				Title("Copy the active row's value as JSON").
				OnClick(handler("copying a value", func(ctx app.Context, e app.Event) { v.copyActive(ctx, false) })),
			app.Button().ID("tree-copy-pointer").Class("btn").Text("Copy pointer").Disabled(len(rows) == 0).
				Title("Copy the active row's JSON pointer").
				OnClick(handler("copying a pointer", func(ctx app.Context, e app.Event) { v.copyActive(ctx, true) })),
			app.Button().ID("tree-wrap").Class("btn").Text("Wrap").Aria("pressed", v.wrap).
				Title("Show long values whole, on several lines").
				OnClick(handler("wrapping the values", func(ctx app.Context, e app.Event) { v.toggleWrap(ctx) })),
			app.Span().ID("tree-copy-status").Class("muted").Role("status").Text(v.copied),
		),
		app.P().ID("tree-help").Class("muted", "tree-help").Text("Arrow keys move and open; Enter or a click selects the value in the editor."),
		app.Div().ID("tree").Class("tree").Class(wrapClass(v.wrap)).Role("tree").TabIndex(0).
			Aria("label", "Payload as a tree").Aria("describedby", "tree-help").Aria("activedescendant", active).
			OnScroll(handler("scrolling the tree", v.onScroll)).
			Body(app.Div().ID("tree-rows").Class("tv-rows").Body(items...)),
		cut,
	)
}

// row renders row i.
func (v *TreeView) row(i int, r outline.Row) app.UI {
	div := app.Div().ID("tree-row-"+strconv.Itoa(i)).Class("tv-row").Role("treeitem").
		DataSet("pointer", r.Pointer).DataSet("depth", r.Depth).
		Aria("level", r.Depth+1).Aria("selected", i == v.active)
	if i == v.active {
		div = div.Class("tv-active")
	}
	toggle := app.Span().Class("tv-toggle").Aria("hidden", "true")
	if r.Container() {
		open := v.tree.Open(r.Node)
		div = div.Aria("expanded", open)
		arrow := "▸"
		if open {
			arrow = "▾"
		}
		n := r.Node
		toggle = toggle.Class("tv-can").Text(arrow).
			OnClick(handler("opening a value", func(ctx app.Context, e app.Event) {
				e.StopImmediatePropagation()
				v.tree.Toggle(n)
				v.active = i
				v.place(ctx)
			}), app.EventScope(r.Pointer))
	}
	var label app.UI
	if l := r.Label(); l != "" {
		label = app.Span().Class("tv-key").Text(l + ": ")
	}
	pointer := r.Pointer
	text := r.Preview()
	if v.wrap {
		text = r.Wrapped()
	}
	return div.
		OnClick(handler("selecting a value", func(ctx app.Context, e app.Event) {
			v.active = i
			ctx.NewActionWithValue(actionSelectPointer, pointer)
		}), app.EventScope(pointer)).
		Body(
			app.Span().Class("tv-line").Aria("hidden", "true").Text(r.Line()),
			app.Span().Class("tv-indent", "tv-d"+strconv.Itoa(min(r.Depth, 12))),
			toggle,
			label,
			app.Span().Class("tv-value", "tv-"+r.Node.Kind.String()).Text(text),
		)
}

// wrapClass is the tree's class while long values wrap.
func wrapClass(wrap bool) string {
	if wrap {
		return "tv-wrap"
	}
	return ""
}

// copyActive copies the active row's JSON pointer, or its value as
// indented JSON, and says so.
func (v *TreeView) copyActive(ctx app.Context, pointer bool) {
	rows := v.prepare()
	if len(rows) == 0 {
		return
	}
	r := rows[v.active]
	what, text := "the value at "+cmp.Or(r.Pointer, "the root"), ""
	if pointer {
		what, text = "the pointer "+cmp.Or(r.Pointer, `"" (the root)`), r.Pointer
	} else {
		text = string(jsontree.AppendPretty(nil, r.Node))
	}
	v.copied = "Copied " + what + "."
	copyText(text, func(ok bool) {
		if !ok {
			ctx.Dispatch(func(ctx app.Context) {
				v.copied = "The browser did not let eventlens copy " + what + "."
			})
		}
	})
}
