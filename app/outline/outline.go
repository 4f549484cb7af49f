// Package outline lays out a decoded JSON value as the rows of a
// collapsible tree: one row per value whose parents are all expanded,
// each with its depth, its key or index, and a short preview, so that a
// view draws only the rows in view and a 5,000-event batch costs 5,000
// rows, not the whole payload's values.
package outline

import (
	"strconv"
	"unicode/utf8"

	"eventlens/app/jsontree"
)

// Row is one visible value of the tree.
type Row struct {
	Node    *jsontree.Node
	Key     string // the member's key, or "" for an array element or the root
	Index   int    // the element's index in its array, or -1
	Depth   int    // 0 for the root
	Parent  int    // the row of the parent value, or -1 for the root
	Pointer string // RFC 6901 pointer of the value from the tree's root
}

// Container reports whether the row's value is an object or an array.
func (r Row) Container() bool {
	return r.Node.Kind == jsontree.Object || r.Node.Kind == jsontree.Array
}

// Tree is a value with its expanded containers.
type Tree struct {
	root *jsontree.Node
	base string // the root's pointer in the payload
	open map[*jsontree.Node]bool
	rows []Row // the visible rows, built by Rows when nil
	cut  bool  // the rows stopped at MaxRows
}

// MaxRows bounds the visible rows (and so the memory a tree takes): past
// it the rows stop, and Cut says so.
const MaxRows = 100_000

// Cut reports whether Rows stopped at MaxRows.
func (t *Tree) Cut() bool { return t.cut }

// New returns the tree of root, whose pointer in the payload is base,
// with the root expanded.
func New(root *jsontree.Node, base string) *Tree {
	t := &Tree{root: root, base: base, open: map[*jsontree.Node]bool{}}
	if root != nil {
		t.open[root] = true
	}
	return t
}

// Open reports whether the container n is expanded.
func (t *Tree) Open(n *jsontree.Node) bool { return t.open[n] }

// Toggle expands the container n, or collapses it.
func (t *Tree) Toggle(n *jsontree.Node) {
	t.SetOpen(n, !t.open[n])
}

// SetOpen expands or collapses the container n.
func (t *Tree) SetOpen(n *jsontree.Node, open bool) {
	if n == nil || n.Kind != jsontree.Object && n.Kind != jsontree.Array || t.open[n] == open {
		return
	}
	if open {
		t.open[n] = true
	} else {
		delete(t.open, n)
	}
	t.rows = nil
}

// Rows returns the visible rows, in document order.
func (t *Tree) Rows() []Row {
	if t.rows != nil || t.root == nil {
		return t.rows
	}
	t.cut = false
	t.rows = t.appendRows(nil, Row{Node: t.root, Index: -1, Parent: -1, Pointer: t.base})
	return t.rows
}

// appendRows appends row r and, while its value is expanded, its
// children's rows.
func (t *Tree) appendRows(rows []Row, r Row) []Row {
	if len(rows) >= MaxRows {
		t.cut = true
		return rows
	}
	at := len(rows)
	rows = append(rows, r)
	n := r.Node
	if !t.open[n] {
		return rows
	}
	child := func(key string, index int, v *jsontree.Node) Row {
		tok := key
		if index >= 0 {
			tok = strconv.Itoa(index)
		}
		p := string(jsontree.AppendToken(append([]byte(r.Pointer), '/'), tok))
		return Row{Node: v, Key: key, Index: index, Depth: r.Depth + 1, Parent: at, Pointer: p}
	}
	switch n.Kind {
	case jsontree.Object:
		for _, m := range n.Members {
			if m.Value != nil {
				rows = t.appendRows(rows, child(m.Key, -1, m.Value))
			}
		}
	case jsontree.Array:
		for i, v := range n.Items {
			rows = t.appendRows(rows, child("", i, v))
		}
	}
	return rows
}

// maxPreview is the most characters a preview shows of a string.
const maxPreview = 80

// Preview returns a short text for the row's value: a scalar as JSON
// (a long string shortened), a container as "{3 keys}" or "[5 items]".
func (r Row) Preview() string {
	n := r.Node
	switch n.Kind {
	case jsontree.Object:
		return "{" + count(len(n.Members), "key", "keys") + "}"
	case jsontree.Array:
		return "[" + count(len(n.Items), "item", "items") + "]"
	case jsontree.String:
		s := n.Text
		if utf8.RuneCountInString(s) > maxPreview {
			i, k := 0, 0
			for i = range s {
				if k == maxPreview {
					break
				}
				k++
			}
			return string(jsontree.AppendString(nil, s[:i])) + "…"
		}
		return string(jsontree.AppendString(nil, s))
	case jsontree.Null:
		return "null"
	}
	return n.Text
}

// Label returns the row's key (quoted as in JSON when it must be), its
// index as "[3]", or "" for the root.
func (r Row) Label() string {
	switch {
	case r.Parent < 0:
		return ""
	case r.Index >= 0:
		return "[" + strconv.Itoa(r.Index) + "]"
	}
	return r.Key
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
