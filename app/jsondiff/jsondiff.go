// Package jsondiff compares two JSON documents (jsontree trees) and
// expresses their differences as a list of changes and as an RFC 6902 JSON
// Patch.
//
// What counts as a difference:
//   - Objects are compared by key: a change of key order is not a difference.
//     When a key repeats, the last member wins, as JSON decoders read it.
//   - Numbers are compared by decimal value ("1.0" equals "1", "1e2" equals
//     "100"), strings by their decoded text ("\u00e9" equals "é"), exactly as
//     jsontree.Equal compares them.
//   - Arrays of events (every element an object with a string "id", unique
//     within the array) are matched by id when Options.MatchEventsByID is
//     set: an event that only moved has the same content, so the list holds
//     a Move for it and nothing else; an event whose id appears on one side
//     only is removed or added as a whole.
//   - Other arrays are aligned on a longest common subsequence of equal
//     elements, so inserting one element in the middle is one add, not a
//     replace of every later element. Between aligned elements, objects are
//     paired with objects and arrays with arrays (in order) and compared in
//     depth, other elements are paired in order and replaced, and the rest
//     are removed or added. Aligning costs time that grows with the square
//     of the number of edits (see DefaultMaxAlignCost); once a comparison
//     has spent Options.MaxAlignCost on its arrays, the part of each further
//     array between its common ends is compared by position instead, which
//     stays correct but may report more changes.
//   - Each subtree is hashed once per comparison, and containers whose
//     hashes differ are not compared further, so the work grows with the
//     size of the documents, not with size × depth.
//
// Compare recurses once per level of nesting, so trees deeper than
// jsontree's decoding limit take stack in proportion.
package jsondiff

import (
	"fmt"
	"strconv"

	"eventlens/app/jsontree"
)

// Op is an RFC 6902 operation name.
type Op string

// The operations a Change can have.
const (
	Add     Op = "add"
	Remove  Op = "remove"
	Replace Op = "replace"
	// Move says an event of an array matched by id changed position. It is
	// not a difference of content (the event's own changes, if any, are
	// listed apart): show it as such or leave it out, but give it to Patch,
	// which needs it to rebuild the order.
	Move Op = "move"
)

// Change is one difference between two documents.
//
// Path and OldPath are RFC 6901 JSON pointers into the documents themselves
// (not into some half-patched state): Path points into the new document for
// add, replace and move, and equals OldPath for remove; OldPath points into
// the old document for remove, replace and move, and is "" for add. They
// differ only by array indices, when elements before were removed, added or
// moved.
type Change struct {
	Op      Op
	Path    string         // pointer in the new document (add, replace, move); in the old one for remove
	OldPath string         // pointer in the old document ("" for add)
	Old     *jsontree.Node // the old value (nil for add)
	New     *jsontree.Node // the new value (nil for remove)
}

// String describes the change on one line, e.g.
// `replace /0/data/userId: "a" → "b"`; long values are shortened.
func (c Change) String() string {
	where := c.Path
	if c.OldPath != c.Path && c.Op != Add {
		where = fmt.Sprintf("%s (was %s)", c.Path, c.OldPath)
	}
	switch c.Op {
	case Add:
		return fmt.Sprintf("add %s: %s", where, short(c.New))
	case Remove:
		return fmt.Sprintf("remove %s: %s", where, short(c.Old))
	case Move:
		return fmt.Sprintf("move %s → %s", c.OldPath, c.Path)
	}
	return fmt.Sprintf("%s %s: %s → %s", c.Op, where, short(c.Old), short(c.New))
}

// short returns the compact JSON text of n, cut to about 60 characters.
func short(n *jsontree.Node) string {
	if n == nil {
		return "nothing"
	}
	s := string(jsontree.Minify(n))
	const max = 60
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && s[cut]&0xC0 == 0x80 { // not inside a UTF-8 sequence
		cut--
	}
	return s[:cut] + "…"
}

// DefaultMaxAlignCost bounds the work of aligning the arrays of one
// comparison, all together, in steps of Myers' algorithm, which takes about
// D² + n + m steps for arrays of n and m elements with D edits between
// them: arrays with up to about 4,000 scattered edits in all are aligned,
// and giving up costs a few tenths of a second at most (natively; 3 to 4
// times that as wasm), however many arrays the documents hold.
const DefaultMaxAlignCost = 20_000_000

// Options tunes Compare. The zero value compares every array element by
// element (with alignment) and has no limit on the number of changes;
// DefaultOptions matches events by id.
type Options struct {
	// MatchEventsByID matches the elements of arrays of events (objects
	// with a unique string "id") by id rather than by position.
	MatchEventsByID bool
	// MaxChanges stops Compare after that many changes (0: no limit). A
	// list cut short has exactly MaxChanges entries, and its Patch does not
	// give the new document.
	MaxChanges int
	// MaxAlignCost bounds the work of aligning the arrays of one comparison,
	// all together (see the package documentation); 0 means
	// DefaultMaxAlignCost.
	MaxAlignCost int
}

// DefaultOptions returns the options eventlens uses: events matched by id,
// no limit on changes, the default alignment bound.
func DefaultOptions() Options {
	return Options{MatchEventsByID: true, MaxAlignCost: DefaultMaxAlignCost}
}

// Compare returns the differences between the old document a and the new
// document b, in document order (a nil node counts as JSON null). An empty
// list means the documents are equal as jsontree.Equal sees them.
func Compare(a, b *jsontree.Node, opts Options) []Change {
	if opts.MaxAlignCost <= 0 {
		opts.MaxAlignCost = DefaultMaxAlignCost
	}
	d := newDiffer(opts)
	d.diff(orNull(a), orNull(b), make([]byte, 0, 64), make([]byte, 0, 64))
	return d.out
}

var null = &jsontree.Node{Kind: jsontree.Null}

// orNull returns n, or a null node for nil.
func orNull(n *jsontree.Node) *jsontree.Node {
	if n == nil {
		return null
	}
	return n
}

// differ holds the state of one Compare.
type differ struct {
	opts   Options
	out    []Change
	full   bool   // MaxChanges reached
	nodes  int    // values compared so far
	budget int    // alignment steps left for the whole comparison
	h      hasher // the hashes of the values compared
}

// newDiffer starts a comparison with its alignment budget; opts has its
// MaxAlignCost set.
func newDiffer(opts Options) *differ {
	return &differ{opts: opts, budget: opts.MaxAlignCost}
}

func (d *differ) emit(c Change) {
	if d.full {
		return
	}
	d.out = append(d.out, c)
	if d.opts.MaxChanges > 0 && len(d.out) >= d.opts.MaxChanges {
		d.full = true
	}
}

// diff compares a (at old pointer op) with b (at new pointer np). The
// pointer buffers may be appended to; their contents up to len are kept.
func (d *differ) diff(a, b *jsontree.Node, op, np []byte) {
	if d.full {
		return
	}
	d.nodes++
	a, b = orNull(a), orNull(b)
	if a.Kind != b.Kind {
		d.emit(Change{Op: Replace, Path: string(np), OldPath: string(op), Old: a, New: b})
		return
	}
	switch a.Kind {
	case jsontree.Bool, jsontree.String:
		if a.Text != b.Text {
			d.emit(Change{Op: Replace, Path: string(np), OldPath: string(op), Old: a, New: b})
		}
	case jsontree.Number:
		if a.Text != b.Text && !jsontree.Equal(a, b) {
			d.emit(Change{Op: Replace, Path: string(np), OldPath: string(op), Old: a, New: b})
		}
	case jsontree.Object:
		d.diffObject(a, b, op, np)
	case jsontree.Array:
		if d.opts.MatchEventsByID {
			if ia, ok := eventIDs(a); ok {
				if ib, ok := eventIDs(b); ok {
					d.diffEvents(a, b, ia, ib, op, np)
					return
				}
			}
		}
		d.diffSequence(a, b, op, np)
	}
}

// diffObject compares two objects key by key: removed keys in a's order,
// then the members both have (in a's order), then added keys in b's order.
func (d *differ) diffObject(a, b *jsontree.Node, op, np []byte) {
	ka, kb := newKeyIndex(a), newKeyIndex(b)
	for i, m := range a.Members {
		if !ka.effective(i) {
			continue
		}
		j := kb.find(m.Key)
		if j < 0 {
			p := appendToken(op, m.Key)
			d.emit(Change{Op: Remove, Path: string(p), OldPath: string(p), Old: orNull(m.Value)})
			continue
		}
		d.diff(m.Value, b.Members[j].Value, appendToken(op, m.Key), appendToken(np, m.Key))
		if d.full {
			return
		}
	}
	for j, m := range b.Members {
		if kb.effective(j) && ka.find(m.Key) < 0 {
			d.emit(Change{Op: Add, Path: string(appendToken(np, m.Key)), New: orNull(m.Value)})
		}
	}
}

// keyIndex finds the effective (last) member of each key of an object.
type keyIndex struct {
	ms   []jsontree.Member
	last map[string]int // nil for small objects, searched linearly
}

func newKeyIndex(n *jsontree.Node) keyIndex {
	k := keyIndex{ms: n.Members}
	if len(n.Members) > 12 {
		k.last = make(map[string]int, len(n.Members))
		for i, m := range n.Members {
			k.last[m.Key] = i
		}
	}
	return k
}

// find returns the index of the last member with that key, or -1.
func (k keyIndex) find(key string) int {
	if k.last != nil {
		if i, ok := k.last[key]; ok {
			return i
		}
		return -1
	}
	for i := len(k.ms) - 1; i >= 0; i-- {
		if k.ms[i].Key == key {
			return i
		}
	}
	return -1
}

// effective reports whether member i is the last with its key.
func (k keyIndex) effective(i int) bool { return k.find(k.ms[i].Key) == i }

// eventIDs returns the "id" of every element of an array of events, and
// whether it is one: every element an object whose (last) "id" member is a
// string, and no id twice.
func eventIDs(arr *jsontree.Node) (map[string]int, bool) {
	if len(arr.Items) > 0 && (arr.Items[0] == nil || arr.Items[0].Kind != jsontree.Object) {
		return nil, false // not events: say so before sizing a map for them
	}
	ids := make(map[string]int, len(arr.Items))
	for i, it := range arr.Items {
		if it == nil || it.Kind != jsontree.Object {
			return nil, false
		}
		id := it.Get("id")
		if id == nil || id.Kind != jsontree.String {
			return nil, false
		}
		if _, dup := ids[id.Text]; dup {
			return nil, false
		}
		ids[id.Text] = i
	}
	return ids, true
}

// diffEvents compares two arrays of events matched by id: removed events
// (in old order), then the new array in order: added events, and for the
// others a Move when the event changed place, then its own changes. Moves
// are kept to a minimum: the events that keep their relative order (a
// longest increasing subsequence) do not move.
func (d *differ) diffEvents(a, b *jsontree.Node, ia, ib map[string]int, op, np []byte) {
	r := d.startEvents(a, b, ia, ib, op, np)
	for !r.done() && !d.full {
		d.nextEvent(r)
	}
}

// eventRun is a comparison of two arrays of events under way: the removed
// events are listed, and the new array's events are compared one by one.
type eventRun struct {
	a, b   *jsontree.Node
	op, np []byte
	from   []int  // old index of each new event, -1 for added ones
	stays  []bool // whether each new event keeps its relative order
	next   int    // the next new event to compare
}

// done reports whether every event of the new array was compared.
func (r *eventRun) done() bool { return r.next >= len(r.b.Items) }

// startEvents lists the removed events and prepares the comparison of the
// new array's events (see diffEvents).
func (d *differ) startEvents(a, b *jsontree.Node, ia, ib map[string]int, op, np []byte) *eventRun {
	for i, it := range a.Items {
		if _, ok := ib[it.Get("id").Text]; !ok {
			p := appendIndex(op, i)
			d.emit(Change{Op: Remove, Path: string(p), OldPath: string(p), Old: it})
		}
	}
	from := make([]int, len(b.Items))
	var kept []int // new indices of kept events, in old order
	for j, it := range b.Items {
		from[j] = -1
		if i, ok := ia[it.Get("id").Text]; ok {
			from[j] = i
		}
	}
	newOf := make([]int, len(a.Items))
	for i := range newOf {
		newOf[i] = -1
	}
	for j, i := range from {
		if i >= 0 {
			newOf[i] = j
		}
	}
	for _, j := range newOf {
		if j >= 0 {
			kept = append(kept, j)
		}
	}
	stays := make([]bool, len(b.Items))
	for _, j := range increasing(kept) {
		stays[j] = true
	}
	return &eventRun{a: a, b: b, op: op, np: np, from: from, stays: stays}
}

// nextEvent compares the next event of the new array with its match.
func (d *differ) nextEvent(r *eventRun) {
	j := r.next
	r.next++
	it := r.b.Items[j]
	d.nodes++
	i := r.from[j]
	if i < 0 {
		d.emit(Change{Op: Add, Path: string(appendIndex(r.np, j)), New: it})
		return
	}
	pa, pb := appendIndex(r.op, i), appendIndex(r.np, j)
	if !r.stays[j] {
		d.emit(Change{Op: Move, Path: string(pb), OldPath: string(pa), Old: r.a.Items[i], New: it})
	}
	d.diff(r.a.Items[i], it, pa, pb)
}

// increasing returns a longest strictly increasing subsequence of xs.
func increasing(xs []int) []int {
	tails := []int{} // tails[k]: index in xs of the smallest tail of an increasing run of length k+1
	prev := make([]int, len(xs))
	for i, x := range xs {
		lo, hi := 0, len(tails)
		for lo < hi {
			mid := (lo + hi) / 2
			if xs[tails[mid]] < x {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		prev[i] = -1
		if lo > 0 {
			prev[i] = tails[lo-1]
		}
		if lo == len(tails) {
			tails = append(tails, i)
		} else {
			tails[lo] = i
		}
	}
	out := make([]int, len(tails))
	k := -1
	if len(tails) > 0 {
		k = tails[len(tails)-1]
	}
	for n := len(tails) - 1; n >= 0 && k >= 0; n-- {
		out[n] = xs[k]
		k = prev[k]
	}
	return out
}

// diffSequence compares two arrays aligned on a longest common subsequence
// of equal elements; see the package documentation.
func (d *differ) diffSequence(a, b *jsontree.Node, op, np []byte) {
	xs, ys := a.Items, b.Items
	pairs := d.align(xs, ys)
	i, j := 0, 0
	for k := 0; k <= len(pairs); k++ {
		// The gap before pair k (or before the ends).
		ei, ej := len(xs), len(ys)
		if k < len(pairs) {
			ei, ej = pairs[k][0], pairs[k][1]
		}
		d.gap(xs, ys, i, ei, j, ej, op, np)
		if d.full {
			return
		}
		// Pair k holds equal elements: nothing to report.
		i, j = ei+1, ej+1
	}
}

// gap compares xs[i0:i1] with ys[j0:j1], which have no equal elements in
// common: objects with objects and arrays with arrays are paired (aligned in
// order on their kinds) and compared in depth; the elements between those
// pairs are paired in order and replaced; the rest are removed or added.
func (d *differ) gap(xs, ys []*jsontree.Node, i0, i1, j0, j1 int, op, np []byte) {
	var pairs [][2]int
	if (i1-i0 > 1 || j1-j0 > 1) && hasContainer(xs[i0:i1]) && hasContainer(ys[j0:j1]) {
		kx, ky := make([]int, i1-i0), make([]int, j1-j0)
		for i := range kx {
			kx[i] = containerClass(xs[i0+i], -1-i)
		}
		for j := range ky {
			ky[j] = containerClass(ys[j0+j], -1-len(kx)-j)
		}
		if m := d.myers(kx, ky); m != nil {
			pairs = m.pairs
		}
	}
	i, j := i0, j0
	for k := 0; k <= len(pairs); k++ {
		ei, ej := i1, j1
		if k < len(pairs) {
			ei, ej = pairs[k][0]+i0, pairs[k][1]+j0
		}
		for ; i < ei && j < ej; i, j = i+1, j+1 {
			d.diff(xs[i], ys[j], appendIndex(op, i), appendIndex(np, j))
		}
		for ; i < ei; i++ {
			p := appendIndex(op, i)
			d.emit(Change{Op: Remove, Path: string(p), OldPath: string(p), Old: orNull(xs[i])})
		}
		for ; j < ej; j++ {
			d.emit(Change{Op: Add, Path: string(appendIndex(np, j)), New: orNull(ys[j])})
		}
		if k < len(pairs) {
			d.diff(xs[ei], ys[ej], appendIndex(op, ei), appendIndex(np, ej))
			i, j = ei+1, ej+1
		}
		if d.full {
			return
		}
	}
}

// hasContainer reports whether one of ns is an object or an array.
func hasContainer(ns []*jsontree.Node) bool {
	for _, n := range ns {
		if n != nil && (n.Kind == jsontree.Object || n.Kind == jsontree.Array) {
			return true
		}
	}
	return false
}

// containerClass returns the kind of an object or array, and unique for
// any other value, so that aligning on it pairs only containers of a kind.
func containerClass(n *jsontree.Node, unique int) int {
	if n != nil && (n.Kind == jsontree.Object || n.Kind == jsontree.Array) {
		return int(n.Kind)
	}
	return unique
}

// appendToken appends "/" and the RFC 6901 escape of key to p.
func appendToken(p []byte, key string) []byte {
	return jsontree.AppendToken(append(p, '/'), key)
}

// appendIndex appends "/" and the array index i to p.
func appendIndex(p []byte, i int) []byte {
	return strconv.AppendInt(append(p, '/'), int64(i), 10)
}
