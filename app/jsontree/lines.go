package jsontree

import "strings"

// LineIndex tells which lines of Pretty(root) a value occupies, without
// printing or decoding the text again. It caches each container's line
// count and its children's line offsets, so that looking up many pointers
// of a large document costs about one walk of it. Nodes may be shared
// within the tree (converted trees share repeated values): a node's line
// count does not depend on where it is.
type LineIndex struct {
	root   *Node
	count  map[*Node]int   // lines a container spans in Pretty
	offset map[*Node][]int // per container: lines before each child, from the container's first line
}

// NewLineIndex returns a LineIndex over Pretty(root).
func NewLineIndex(root *Node) *LineIndex {
	return &LineIndex{root: root, count: map[*Node]int{}, offset: map[*Node][]int{}}
}

// Span returns the first and last 1-based line of Pretty(root) that the
// value at pointer occupies, and whether the pointer names a value (with
// Lookup's rules: the last of duplicate keys).
func (x *LineIndex) Span(pointer string) (first, last int, ok bool) {
	n, line := x.root, 1
	if n == nil {
		return 0, 0, false
	}
	if pointer != "" {
		if pointer[0] != '/' {
			return 0, 0, false
		}
		rest := pointer[1:]
		for {
			tok := rest
			i := strings.IndexByte(rest, '/')
			if i >= 0 {
				tok, rest = rest[:i], rest[i+1:]
			}
			if strings.IndexByte(tok, '~') >= 0 {
				if tok, ok = unescapeToken(tok); !ok {
					return 0, 0, false
				}
			}
			k := -1
			switch n.Kind {
			case Object:
				for j := len(n.Members) - 1; j >= 0; j-- {
					if n.Members[j].Key == tok {
						k = j
						break
					}
				}
			case Array:
				if idx, ok := arrayIndex(tok); ok && idx < len(n.Items) {
					k = idx
				}
			}
			if k < 0 {
				return 0, 0, false
			}
			line += x.offsets(n)[k]
			if n.Kind == Object {
				n = n.Members[k].Value
			} else {
				n = n.Items[k]
			}
			if i < 0 {
				break
			}
		}
	}
	return line, line + x.lines(n) - 1, true
}

// lines returns how many lines n spans in Pretty.
func (x *LineIndex) lines(n *Node) int {
	if n == nil || (n.Kind != Object && n.Kind != Array) || len(n.Members)+len(n.Items) == 0 {
		return 1
	}
	if c, ok := x.count[n]; ok {
		return c
	}
	c := 2 // the opening and closing lines
	if n.Kind == Object {
		for i := range n.Members {
			c += x.lines(n.Members[i].Value)
		}
	} else {
		for _, it := range n.Items {
			c += x.lines(it)
		}
	}
	x.count[n] = c
	return c
}

// offsets returns, for each child of container n, how many lines after
// n's first line the child starts.
func (x *LineIndex) offsets(n *Node) []int {
	if o, ok := x.offset[n]; ok {
		return o
	}
	size := len(n.Members) + len(n.Items)
	o := make([]int, size)
	at := 1 // the first child is on the line after the opening one
	for i := range size {
		o[i] = at
		if n.Kind == Object {
			at += x.lines(n.Members[i].Value)
		} else {
			at += x.lines(n.Items[i])
		}
	}
	x.offset[n] = o
	return o
}
