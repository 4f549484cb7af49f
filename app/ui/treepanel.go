package ui

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/jsontree"
)

// treeToggle switches the Pretty tab between the text and the tree;
// hidden on the other tabs.
func (p *Inspector) treeToggle() app.UI {
	b := app.Button().ID("tree-toggle").Class("btn").Aria("pressed", p.tree).Text("Tree view").
		Title("Show the payload as a collapsible tree").
		OnClick(handler("switching the tree view", func(ctx app.Context, e app.Event) { p.tree = !p.tree }))
	if p.tab != tabPretty || p.report == nil || p.report.Doc == nil {
		return b.Hidden(true)
	}
	return b
}

// treePanel renders the tree of the event shown alone, or of the whole
// payload.
func (p *Inspector) treePanel() app.UI {
	r := p.report
	root, base := r.Doc.Root, ""
	if p.focus >= 0 && p.focus < len(r.Events) {
		if n := root.Lookup(r.Events[p.focus].Pointer); n != nil {
			root, base = n, r.Events[p.focus].Pointer
		}
	}
	return &TreeView{Seq: p.shown, Base: base, Root: root}
}

// selectPointer selects in the editor the value at pointer v (a string)
// of the inspected payload.
func (p *Inspector) selectPointer(ctx app.Context, v any) {
	ptr, ok := v.(string)
	if !ok || p.report == nil || p.report.Doc == nil || !p.current(ctx) {
		return
	}
	n := p.report.Doc.Root.Lookup(ptr)
	if n == nil {
		return
	}
	p.ed.show(nodePlace(n), p.index)
}

// nodePlace is the place of a value in the inspected text.
func nodePlace(n *jsontree.Node) place {
	return place{start: n.Pos.Offset, end: n.End, line: n.Pos.Line, col: n.Pos.Column}
}
