package jsondiff

import (
	"strconv"
	"strings"
	"testing"

	"eventlens/app/jsontree"
)

// nestedLeaves returns depth levels of [leaf of n numbers, next], with last
// at the bottom: each level holds every level below it, so work that walks
// a subtree again at each level grows with size × depth.
func nestedLeaves(depth, n int, last string) string {
	var leaf strings.Builder
	leaf.WriteByte('[')
	for i := range n {
		if i > 0 {
			leaf.WriteByte(',')
		}
		leaf.WriteString(strconv.Itoa(i))
	}
	leaf.WriteByte(']')
	s := last
	for range depth {
		s = "[" + leaf.String() + "," + s + "]"
	}
	return s
}

// disjointArrays returns an array of k arrays of n numbers with nothing in
// common between the two signs: every inner array is all edits.
func disjointArrays(k, n, sign int) string {
	var b strings.Builder
	b.WriteByte('[')
	for a := range k {
		if a > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('[')
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Itoa(sign * (a*100_000 + i + 1)))
		}
		b.WriteByte(']')
	}
	b.WriteByte(']')
	return b.String()
}

// countValues returns how many values n holds, itself included.
func countValues(n *jsontree.Node) int {
	c := 1
	if n == nil {
		return c
	}
	for _, it := range n.Items {
		c += countValues(it)
	}
	for _, m := range n.Members {
		c += countValues(m.Value)
	}
	return c
}

// A comparison hashes each value a bounded number of times, however deep
// the documents nest: 200 levels of [1,000 numbers, next] with one change
// at the bottom used to be hashed and compared again at every level.
func TestCompareWorkIsLinearInSize(t *testing.T) {
	for _, depth := range []int{10, 200} {
		a := parse(t, nestedLeaves(depth, 1000, "0"))
		b := parse(t, nestedLeaves(depth, 1000, "1"))
		d := newDiffer(Options{MatchEventsByID: true, MaxAlignCost: DefaultMaxAlignCost})
		d.diff(a, b, nil, nil)
		if len(d.out) != 1 || d.out[0].Op != Replace || d.out[0].Path != strings.Repeat("/1", depth) {
			t.Fatalf("depth %d: changes %v", depth, briefs(d.out))
		}
		values := countValues(a) + countValues(b)
		if d.h.work > 3*values {
			t.Errorf("depth %d: hashing and confirming visited %d values of %d; want at most 3 times each", depth, d.h.work, values)
		}
		if len(d.h.memo) > values/memoMin {
			t.Errorf("depth %d: %d hashes kept for %d values", depth, len(d.h.memo), values)
		}
	}
}

// The alignment budget is one per comparison: arrays with nothing in common
// spend it once, not once each, and the arrays after it are compared by
// position (still a correct list of changes). With a budget per array, the
// last array below (one element inserted at its front) was aligned.
func TestAlignBudgetIsPerComparison(t *testing.T) {
	// [e1, from..100, e2]: with from 1 on the left and 0 on the right, and
	// other ends, aligning finds 3 changes; by position, one an element.
	shifted := func(from, e1, e2 int) string {
		var b strings.Builder
		b.WriteString("[" + strconv.Itoa(e1))
		for i := from; i <= 100; i++ {
			b.WriteString("," + strconv.Itoa(i))
		}
		return b.String() + "," + strconv.Itoa(e2) + "]"
	}
	left := "[" + disjointArrays(10, 3000, 1) + "," + shifted(1, -1, -2) + "]"
	right := "[" + disjointArrays(10, 3000, -1) + "," + shifted(0, -3, -4) + "]"
	a, b := parse(t, left), parse(t, right)
	opts := DefaultOptions()
	d := newDiffer(opts)
	d.diff(a, b, nil, nil)
	if d.budget != 0 {
		t.Errorf("budget left %d, want it spent", d.budget)
	}
	last := 0
	for _, c := range d.out {
		if strings.HasPrefix(c.Path, "/1/") {
			last++
		}
	}
	if last != 103 {
		t.Errorf("the last array has %d changes; want 103 (compared by position once the budget is spent)", last)
	}
	checkPatch(t, left, a, b, Compare(a, b, opts))
	// Alone, or with budget to spare, the last array is aligned.
	for _, cs := range [][]Change{
		Compare(parse(t, shifted(1, -1, -2)), parse(t, shifted(0, -3, -4)), opts),
		Compare(a, b, Options{MaxAlignCost: 1 << 40}),
	} {
		n := 0
		for _, c := range cs {
			if strings.HasPrefix(c.Path, "/1/") || !strings.Contains(c.Path[1:], "/") {
				n++
			}
		}
		if n != 3 {
			t.Errorf("aligned: %d changes to the shifted array, want 3", n)
		}
	}
}

// BenchmarkHostile compares the shapes that made diff grow with size ×
// depth and with the number of arrays.
func BenchmarkHostile(b *testing.B) {
	cases := []struct {
		name string
		x, y string
	}{
		// 450 levels: 500 (the shape first measured) is past vocab.MaxValues.
		{"nested/450x4000", nestedLeaves(450, 4000, "0"), nestedLeaves(450, 4000, "1")},
		{"disjoint/300x4500", disjointArrays(300, 4500, 1), disjointArrays(300, 4500, -1)},
	}
	for _, c := range cases {
		x, y := parse(b, c.x), parse(b, c.y)
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.x) + len(c.y)))
			b.ReportAllocs()
			for b.Loop() {
				Compare(x, y, DefaultOptions())
			}
		})
	}
}
