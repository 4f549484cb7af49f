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

// MaxWrapped is the most characters Wrapped shows of a string: enough to
// read a long value on a few lines, bounded so that a megabyte string is
// not put in the page.
const MaxWrapped = 4096

// Line returns the 1-based line of the row's value in the source text.
func (r Row) Line() int { return r.Node.Pos.Line }

// LastLine returns a line at or after every value's line and every
// closing bracket's: the line of the root's last value, plus one for each
// container it closes (each closing bracket may stand on its own line).
func (t *Tree) LastLine() int {
	if t.root == nil {
		return 0
	}
	n, depth := t.root, 0
	for {
		var last *jsontree.Node
		switch n.Kind {
		case jsontree.Object:
			for i := len(n.Members) - 1; i >= 0 && last == nil; i-- {
				last = n.Members[i].Value
			}
		case jsontree.Array:
			if len(n.Items) > 0 {
				last = n.Items[len(n.Items)-1]
			}
		}
		if n.Kind == jsontree.Object || n.Kind == jsontree.Array {
			depth++
		}
		if last == nil {
			return n.Pos.Line + depth
		}
		n = last
	}
}

// Preview returns a short text for the row's value: a scalar as JSON
// (a long string shortened), a container as "{3 keys}" or "[5 items]".
func (r Row) Preview() string { return r.preview(maxPreview) }

// Wrapped returns the text of the row's value for a view that wraps long
// values: as Preview, but a string shortened only past MaxWrapped
// characters.
func (r Row) Wrapped() string { return r.preview(MaxWrapped) }

// preview is Preview with strings shortened past limit characters.
func (r Row) preview(limit int) string {
	n := r.Node
	switch n.Kind {
	case jsontree.Object:
		return "{" + count(len(n.Members), "key", "keys") + "}"
	case jsontree.Array:
		return "[" + count(len(n.Items), "item", "items") + "]"
	case jsontree.String:
		s := n.Text
		if len(s) > limit && utf8.RuneCountInString(s) > limit {
			i, k := 0, 0
			for i = range s {
				if k == limit {
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
