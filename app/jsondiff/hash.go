package jsondiff

import (
	"math"
	"strconv"

	"eventlens/app/jsontree"
)

// hasher hashes the values of one comparison, each container once: a
// container's hash is kept once it is known, so that aligning the arrays of
// every level of a deep document does not hash (or compare) the levels
// below again and again, which made the work grow with size × depth. Only
// containers holding at least memoMin values are kept, so that the memory
// stays a fraction of the tree's. The zero value is ready to use.
type hasher struct {
	memo map[*jsontree.Node]hashed
	work int // values visited by hashing and by confirming equal hashes
}

// hashed is a container's hash and how many values it holds (itself
// included).
type hashed struct {
	sum  uint64
	size int
}

// memoMin is the fewest values a container must hold for its hash to be
// kept.
const memoMin = 16

// equal reports whether jsontree.Equal finds a and b equal. Containers
// whose hashes differ are not equal, at the cost of looking their hashes up;
// only containers with equal hashes are compared in depth.
func (h *hasher) equal(a, b *jsontree.Node) bool {
	if a == nil || b == nil || a.Kind != b.Kind || (a.Kind != jsontree.Object && a.Kind != jsontree.Array) {
		return jsontree.Equal(a, b)
	}
	ha, hb := h.walk(a), h.walk(b)
	if ha.sum != hb.sum {
		return false
	}
	h.work += ha.size
	return jsontree.Equal(a, b)
}

// classes numbers the elements of xs and ys so that two elements get the
// same number exactly when jsontree.Equal says they are equal.
func (h *hasher) classes(xs, ys []*jsontree.Node) (cx, cy []int) {
	type rep struct {
		n  *jsontree.Node
		id int
	}
	seen := make(map[uint64][]rep, len(xs)+len(ys))
	next := 0
	classOf := func(n *jsontree.Node) int {
		hn := h.walk(n)
		for _, r := range seen[hn.sum] {
			h.work += hn.size
			if jsontree.Equal(r.n, n) {
				return r.id
			}
		}
		seen[hn.sum] = append(seen[hn.sum], rep{n, next})
		next++
		return next - 1
	}
	cx = make([]int, len(xs))
	for i, n := range xs {
		cx[i] = classOf(n)
	}
	cy = make([]int, len(ys))
	for i, n := range ys {
		cy[i] = classOf(n)
	}
	return cx, cy
}

// walk returns the hash of n (see hash) and how many values it holds,
// computing the hash of a container at most once when it is kept.
func (h *hasher) walk(n *jsontree.Node) hashed {
	if n == nil {
		h.work++
		return hashed{mix(1), 1}
	}
	if n.Kind != jsontree.Array && n.Kind != jsontree.Object {
		h.work++
		return hashed{scalarHash(n), 1}
	}
	if v, ok := h.memo[n]; ok {
		return v
	}
	h.work++
	v := hashed{size: 1}
	if n.Kind == jsontree.Array {
		s := uint64(6)
		for _, it := range n.Items {
			c := h.walk(it)
			s = mix(s*31 + c.sum)
			v.size += c.size
		}
		v.sum = mix(s)
	} else {
		k := newKeyIndex(n)
		s := uint64(7)
		for i, m := range n.Members {
			if k.effective(i) {
				c := h.walk(m.Value)
				s += mix(strhash(m.Key) ^ (c.sum * 0x9E3779B97F4A7C15))
				v.size += c.size
			}
		}
		v.sum = mix(s)
	}
	if v.size >= memoMin {
		if h.memo == nil {
			h.memo = make(map[*jsontree.Node]hashed)
		}
		h.memo[n] = v
	}
	return v
}

// hash returns a hash of n under which values that jsontree.Equal finds
// equal collide: object members are combined regardless of order (last of
// duplicate keys only), numbers by their float64 value.
func hash(n *jsontree.Node) uint64 {
	var h hasher
	return h.walk(n).sum
}

// scalarHash is hash for a value that is not a container.
func scalarHash(n *jsontree.Node) uint64 {
	switch n.Kind {
	case jsontree.Null:
		return mix(1)
	case jsontree.Bool:
		if n.Text == "true" {
			return mix(2)
		}
		return mix(3)
	case jsontree.Number:
		f, err := strconv.ParseFloat(n.Text, 64)
		if err != nil && !math.IsInf(f, 0) && f != 0 {
			return mix(strhash(n.Text) ^ 4)
		}
		if f == 0 {
			f = 0 // -0 == 0
		}
		return mix(math.Float64bits(f) ^ 4)
	case jsontree.String:
		return mix(strhash(n.Text) ^ 5)
	}
	return 0
}

// strhash is FNV-1a over the bytes of s.
func strhash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// mix is the SplitMix64 finaliser.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xBF58476D1CE4E5B9
	x ^= x >> 27
	x *= 0x94D049BB133111EB
	return x ^ (x >> 31)
}
