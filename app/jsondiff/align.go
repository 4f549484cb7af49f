package jsondiff

import "eventlens/app/jsontree"

// align returns the pairs (i, j) of equal elements xs[i], ys[j] of a longest
// common subsequence, in increasing order. Common ends are matched first;
// the middle is aligned with Myers' algorithm (linear space, divide and
// conquer on the middle snake), and compared by position instead (no pairs)
// when that would cost more than what is left of the comparison's budget.
func (d *differ) align(xs, ys []*jsontree.Node) [][2]int {
	var head, tail [][2]int
	lo := 0
	for lo < len(xs) && lo < len(ys) && d.h.equal(xs[lo], ys[lo]) {
		head = append(head, [2]int{lo, lo})
		lo++
	}
	hx, hy := len(xs), len(ys)
	for hx > lo && hy > lo && d.h.equal(xs[hx-1], ys[hy-1]) {
		hx, hy = hx-1, hy-1
		tail = append(tail, [2]int{hx, hy})
	}
	pairs := head
	// With the budget spent, Myers' algorithm would give up at its first
	// step (the ends it matches for free are matched above): skip it.
	if hx > lo && hy > lo && d.budget > 0 {
		ca, cb := d.h.classes(xs[lo:hx], ys[lo:hy])
		if m := d.myers(ca, cb); m != nil {
			for _, p := range m.pairs {
				pairs = append(pairs, [2]int{p[0] + lo, p[1] + lo})
			}
		}
	}
	for k := len(tail) - 1; k >= 0; k-- {
		pairs = append(pairs, tail[k])
	}
	return pairs
}

// myers aligns a and b within what is left of the comparison's alignment
// budget, and takes what it spent from it. It returns nil when the budget
// ran out: compare by position.
func (d *differ) myers(a, b []int) *myers {
	m := &myers{a: a, b: b, budget: d.budget}
	m.align(0, len(a), 0, len(b))
	d.budget = max(m.budget, 0)
	if m.over {
		return nil
	}
	return m
}

// myers finds a longest common subsequence of two sequences of class
// numbers within a budget of steps.
type myers struct {
	a, b   []int
	pairs  [][2]int
	budget int
	over   bool
}

// spend takes n steps from the budget and reports whether it is exhausted.
func (m *myers) spend(n int) bool {
	m.budget -= n
	if m.budget < 0 {
		m.over = true
	}
	return m.over
}

// align appends the pairs of a longest common subsequence of a[a0:a1] and
// b[b0:b1], in order.
func (m *myers) align(a0, a1, b0, b1 int) {
	if m.over {
		return
	}
	for a0 < a1 && b0 < b1 && m.a[a0] == m.b[b0] {
		m.pairs = append(m.pairs, [2]int{a0, b0})
		a0, b0 = a0+1, b0+1
	}
	var tail [][2]int
	for a1 > a0 && b1 > b0 && m.a[a1-1] == m.b[b1-1] {
		a1, b1 = a1-1, b1-1
		tail = append(tail, [2]int{a1, b1})
	}
	if a0 < a1 && b0 < b1 {
		if x, y, ok := m.bisect(a0, a1, b0, b1); ok && (x > a0 || y > b0) && (x < a1 || y < b1) {
			m.align(a0, x, b0, y)
			m.align(x, a1, y, b1)
		}
	}
	for k := len(tail) - 1; k >= 0; k-- {
		m.pairs = append(m.pairs, tail[k])
	}
}

// bisect finds the middle snake of a[a0:a1] and b[b0:b1], whose ends differ,
// and returns the point where it splits the problem in two, and whether
// there is one (false when the two have nothing in common or the budget ran
// out).
func (m *myers) bisect(a0, a1, b0, b1 int) (x, y int, ok bool) {
	if m.spend(2) { // the first step, taken before allocating for the others
		return 0, 0, false
	}
	m.budget += 2
	n, o := a1-a0, b1-b0
	maxD := (n + o + 1) / 2
	off := maxD + 1
	size := 2*maxD + 3
	v1 := make([]int, size)
	v2 := make([]int, size)
	for i := range v1 {
		v1[i], v2[i] = -1, -1
	}
	v1[off+1], v2[off+1] = 0, 0
	delta := n - o
	front := delta%2 != 0
	k1start, k1end, k2start, k2end := 0, 0, 0, 0
	for d := 0; d < maxD; d++ {
		if m.spend(2*d + 2) {
			return 0, 0, false
		}
		for k1 := -d + k1start; k1 <= d-k1end; k1 += 2 {
			k1o := off + k1
			var x1 int
			if k1 == -d || (k1 != d && v1[k1o-1] < v1[k1o+1]) {
				x1 = v1[k1o+1]
			} else {
				x1 = v1[k1o-1] + 1
			}
			y1 := x1 - k1
			s := x1
			for x1 >= 0 && y1 >= 0 && x1 < n && y1 < o && m.a[a0+x1] == m.b[b0+y1] {
				x1, y1 = x1+1, y1+1
			}
			if m.spend(x1 - s) {
				return 0, 0, false
			}
			v1[k1o] = x1
			switch {
			case x1 > n:
				k1end += 2
			case y1 > o:
				k1start += 2
			case front:
				k2o := off + delta - k1
				if k2o >= 0 && k2o < size && v2[k2o] != -1 && x1 >= n-v2[k2o] {
					return a0 + x1, b0 + y1, true
				}
			}
		}
		for k2 := -d + k2start; k2 <= d-k2end; k2 += 2 {
			k2o := off + k2
			var x2 int
			if k2 == -d || (k2 != d && v2[k2o-1] < v2[k2o+1]) {
				x2 = v2[k2o+1]
			} else {
				x2 = v2[k2o-1] + 1
			}
			y2 := x2 - k2
			s := x2
			for x2 >= 0 && y2 >= 0 && x2 < n && y2 < o && m.a[a1-x2-1] == m.b[b1-y2-1] {
				x2, y2 = x2+1, y2+1
			}
			if m.spend(x2 - s) {
				return 0, 0, false
			}
			v2[k2o] = x2
			switch {
			case x2 > n:
				k2end += 2
			case y2 > o:
				k2start += 2
			case !front:
				k1o := off + delta - k2
				if k1o >= 0 && k1o < size && v1[k1o] != -1 {
					x1 := v1[k1o]
					y1 := off + x1 - k1o
					if x1 >= n-x2 {
						return a0 + x1, b0 + y1, true
					}
				}
			}
		}
	}
	return 0, 0, false
}
