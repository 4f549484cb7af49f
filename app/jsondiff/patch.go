package jsondiff

import (
	"sort"
	"strconv"
	"strings"

	"eventlens/app/jsontree"
)

// Patch returns the RFC 6902 JSON Patch document (a JSON array, one
// operation per line) that turns a into b, given changes = Compare(a, b,
// opts), complete (not cut short by MaxChanges), in any order.
//
// The operations apply in sequence, each to the result of the ones before,
// as RFC 6902 requires, so their pointers are not always the changes' own:
// within each array, elements are removed from the highest index down, then
// moved into their new order, then added from the lowest index up, and only
// then is the inside of the remaining elements patched, at their new
// indices. Changes that do not fit a (changes not made by Compare for a)
// are left out.
func Patch(a *jsontree.Node, changes []Change) []byte {
	p := newPlan(changes)
	p.out = append(p.out, '[')
	p.walk(orNull(a), "", "")
	if p.count == 0 {
		return append(p.out, "]\n"...)
	}
	return append(p.out, "\n]\n"...)
}

// plan indexes the changes by the place Patch meets them.
type plan struct {
	replace  map[string]*Change   // by old pointer
	removes  map[string][]string  // old parent → escaped last tokens
	moves    map[string][]*Change // old parent → moves
	adds     map[string][]*Change // new parent → adds
	oldUnder map[string]bool      // old pointers with a change strictly inside, or a replace at them
	newUnder map[string]bool      // new pointers with an add or move strictly inside
	out      []byte
	count    int
}

func newPlan(changes []Change) *plan {
	p := &plan{
		replace:  map[string]*Change{},
		removes:  map[string][]string{},
		moves:    map[string][]*Change{},
		adds:     map[string][]*Change{},
		oldUnder: map[string]bool{},
		newUnder: map[string]bool{},
	}
	for k := range changes {
		c := &changes[k]
		switch c.Op {
		case Replace:
			p.replace[c.OldPath] = c
			p.oldUnder[c.OldPath] = true
			markParents(p.oldUnder, c.OldPath)
		case Remove:
			if parent, last, ok := split(c.OldPath); ok {
				p.removes[parent] = append(p.removes[parent], last)
				markParents(p.oldUnder, c.OldPath)
			}
		case Move:
			if parent, _, ok := split(c.OldPath); ok {
				p.moves[parent] = append(p.moves[parent], c)
				markParents(p.oldUnder, c.OldPath)
				markParents(p.newUnder, c.Path)
			}
		case Add:
			if parent, _, ok := split(c.Path); ok {
				p.adds[parent] = append(p.adds[parent], c)
				markParents(p.newUnder, c.Path)
			}
		}
	}
	return p
}

// split returns the parent pointer and the (escaped) last token of a
// non-root pointer.
func split(ptr string) (parent, last string, ok bool) {
	i := strings.LastIndexByte(ptr, '/')
	if i < 0 {
		return "", "", false
	}
	return ptr[:i], ptr[i+1:], true
}

// markParents adds every proper prefix of ptr (its ancestors) to set.
func markParents(set map[string]bool, ptr string) {
	for i := len(ptr) - 1; i >= 0; i-- {
		if ptr[i] == '/' {
			if set[ptr[:i]] {
				return // its own ancestors are marked already
			}
			set[ptr[:i]] = true
		}
	}
}

// index parses an array index token.
func index(tok string) (int, bool) {
	if tok == "" || len(tok) > 1 && tok[0] == '0' {
		return 0, false
	}
	i, err := strconv.Atoi(tok)
	return i, err == nil && i >= 0
}

// emit appends one operation.
func (p *plan) emit(op, path, from string, value *jsontree.Node, hasValue bool) {
	if p.count > 0 {
		p.out = append(p.out, ',')
	}
	p.count++
	p.out = append(p.out, "\n  {\"op\":"...)
	p.out = jsontree.AppendString(p.out, op)
	if op == string(Move) {
		p.out = append(p.out, ",\"from\":"...)
		p.out = jsontree.AppendString(p.out, from)
	}
	p.out = append(p.out, ",\"path\":"...)
	p.out = jsontree.AppendString(p.out, path)
	if hasValue {
		p.out = append(p.out, ",\"value\":"...)
		p.out = append(p.out, jsontree.Minify(orNull(value))...)
	}
	p.out = append(p.out, '}')
}

// walk emits the operations for the value n, which is at old pointer op in
// a and, once its ancestors are patched, at pointer np.
func (p *plan) walk(n *jsontree.Node, op, np string) {
	if c := p.replace[op]; c != nil {
		p.emit(string(Replace), np, "", c.New, true)
		return
	}
	switch n.Kind {
	case jsontree.Object:
		p.walkObject(n, op, np)
	case jsontree.Array:
		p.walkArray(n, op, np)
	}
}

func (p *plan) walkObject(n *jsontree.Node, op, np string) {
	removed := map[string]bool{}
	for _, tok := range p.removes[op] {
		if !removed[tok] {
			removed[tok] = true
			p.emit(string(Remove), np+"/"+tok, "", nil, false)
		}
	}
	for _, c := range p.adds[np] {
		p.emit(string(Add), c.Path, "", c.New, true)
	}
	k := newKeyIndex(n)
	var buf []byte
	ob, nb := []byte(op), []byte(np)
	for i, m := range n.Members {
		if !k.effective(i) {
			continue
		}
		buf = appendToken(buf[:0], m.Key)
		tok := string(buf[1:])
		if removed[tok] {
			continue
		}
		cop, cnp := append(append(ob, '/'), tok...), append(append(nb, '/'), tok...)
		if p.oldUnder[string(cop)] || p.newUnder[string(cnp)] {
			p.walk(orNull(m.Value), string(cop), string(cnp))
		}
	}
}

func (p *plan) walkArray(n *jsontree.Node, op, np string) {
	size := len(n.Items)
	removed := make([]bool, size)
	for _, tok := range p.removes[op] {
		if i, ok := index(tok); ok && i < size {
			removed[i] = true
		}
	}
	kept := 0
	for _, r := range removed {
		if !r {
			kept++
		}
	}
	type add struct {
		at int
		c  *Change
	}
	var adds []add
	for _, c := range p.adds[np] {
		_, last, _ := split(c.Path)
		if j, ok := index(last); ok {
			adds = append(adds, add{j, c})
		}
	}
	sort.SliceStable(adds, func(x, y int) bool { return adds[x].at < adds[y].at })
	final := kept + len(adds)
	taken := make([]bool, final)
	for k := 0; k < len(adds); k++ {
		if adds[k].at >= final || taken[adds[k].at] {
			// Not an add Compare would make: leave it out.
			adds = append(adds[:k], adds[k+1:]...)
			k--
			continue
		}
		taken[adds[k].at] = true
	}
	// New index of every kept element: the moved ones say it, the others
	// take the free places in order.
	target := make([]int, size)
	for i := range target {
		target[i] = -1
	}
	var moved []int
	for _, c := range p.moves[op] {
		newParent, last, _ := split(c.Path)
		_, from, _ := split(c.OldPath)
		i, ok1 := index(from)
		j, ok2 := index(last)
		if newParent != np || !ok1 || !ok2 || i >= size || removed[i] || target[i] >= 0 || j >= final || taken[j] {
			continue
		}
		target[i], taken[j] = j, true
		moved = append(moved, i)
	}
	free := 0
	for i := 0; i < size; i++ {
		if removed[i] || target[i] >= 0 {
			continue
		}
		for free < final && taken[free] {
			free++
		}
		if free < final {
			target[i], taken[free] = free, true
		}
	}

	for i := size - 1; i >= 0; i-- {
		if removed[i] {
			p.emit(string(Remove), np+"/"+strconv.Itoa(i), "", nil, false)
		}
	}
	if len(moved) > 0 {
		p.moveAll(np, removed, target, moved)
	}
	for _, a := range adds {
		p.emit(string(Add), np+"/"+strconv.Itoa(a.at), "", a.c.New, true)
	}
	// Look the children's pointers up without building a string for each
	// (a long array deep down would allocate its size times the depth).
	ob, nb := []byte(op+"/"), []byte(np+"/")
	for i, it := range n.Items {
		if removed[i] || target[i] < 0 {
			continue
		}
		cop, cnp := strconv.AppendInt(ob, int64(i), 10), strconv.AppendInt(nb, int64(target[i]), 10)
		if p.oldUnder[string(cop)] || p.newUnder[string(cnp)] {
			p.walk(orNull(it), string(cop), string(cnp))
		}
	}
}

// moveAll emits the moves that put the kept elements of an array (after
// its removes) in the order of their targets. The elements that are not
// moved are already in that order; each moved one, by increasing target,
// goes just before the first placed element with a larger target.
func (p *plan) moveAll(np string, removed []bool, target []int, moved []int) {
	var cur []int // old indices, in current order
	placed := make([]bool, len(target))
	for i := range target {
		if !removed[i] {
			cur = append(cur, i)
			placed[i] = true
		}
	}
	for _, i := range moved {
		placed[i] = false
	}
	sort.Slice(moved, func(x, y int) bool { return target[moved[x]] < target[moved[y]] })
	for _, x := range moved {
		from := -1
		for k, i := range cur {
			if i == x {
				from = k
				break
			}
		}
		if from < 0 {
			continue
		}
		cur = append(cur[:from], cur[from+1:]...)
		to := len(cur)
		for k, i := range cur {
			if placed[i] && target[i] > target[x] {
				to = k
				break
			}
		}
		cur = append(cur, 0)
		copy(cur[to+1:], cur[to:])
		cur[to] = x
		placed[x] = true
		if from != to {
			p.emit(string(Move), np+"/"+strconv.Itoa(to), np+"/"+strconv.Itoa(from), nil, false)
		}
	}
}
