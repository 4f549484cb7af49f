package jsontree

import (
	"encoding/json"
	"math/big"
	"strconv"
	"strings"
)

// Value returns n as a plain Go value, as encoding/json decodes with
// UseNumber: map[string]any (the last of duplicate keys wins), []any,
// json.Number, string, bool or nil.
func (n *Node) Value() any {
	if n == nil {
		return nil
	}
	switch n.Kind {
	case Bool:
		return n.Text == "true"
	case Number:
		return json.Number(n.Text)
	case String:
		return n.Text
	case Object:
		m := make(map[string]any, len(n.Members))
		for i := range n.Members {
			m[n.Members[i].Key] = n.Members[i].Value.Value()
		}
		return m
	case Array:
		a := make([]any, len(n.Items))
		for i, it := range n.Items {
			a[i] = it.Value()
		}
		return a
	}
	return nil
}

// Clone returns a deep copy of n (positions included).
func (n *Node) Clone() *Node {
	if n == nil {
		return nil
	}
	c := *n
	if n.Members != nil {
		c.Members = make([]Member, len(n.Members))
		for i, m := range n.Members {
			m.Value = m.Value.Clone()
			c.Members[i] = m
		}
	}
	if n.Items != nil {
		c.Items = make([]*Node, len(n.Items))
		for i, it := range n.Items {
			c.Items[i] = it.Clone()
		}
	}
	return &c
}

// Equal reports whether a and b are the same JSON value: objects compare
// by key regardless of order (the last of duplicate keys wins), arrays
// element by element, numbers by decimal value ("1.0" == "1", "1e2" ==
// "100", "-0" == "0"), strings by decoded text. A nil node equals only nil.
func Equal(a, b *Node) bool {
	if a == nil || b == nil {
		return a == b
	}
	if a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case Null:
		return true
	case Bool:
		return (a.Text == "true") == (b.Text == "true")
	case String:
		return a.Text == b.Text
	case Number:
		return a.Text == b.Text || numberKey(a.Text) == numberKey(b.Text)
	case Array:
		if len(a.Items) != len(b.Items) {
			return false
		}
		for i := range a.Items {
			if !Equal(a.Items[i], b.Items[i]) {
				return false
			}
		}
		return true
	case Object:
		return equalObjects(a, b)
	}
	return true
}

// equalObjects compares the effective members (last of each key) of a and b.
func equalObjects(a, b *Node) bool {
	if len(a.Members) > 16 || len(b.Members) > 16 {
		la, lb := lastIndex(a), lastIndex(b)
		if len(la) != len(lb) {
			return false
		}
		for k, i := range la {
			j, ok := lb[k]
			if !ok || !Equal(a.Members[i].Value, b.Members[j].Value) {
				return false
			}
		}
		return true
	}
	if distinctKeys(a) != distinctKeys(b) {
		return false
	}
	for i := range a.Members {
		m := &a.Members[i]
		if a.Member(m.Key) != m {
			continue // an earlier duplicate: the last one counts
		}
		bm := b.Member(m.Key)
		if bm == nil || !Equal(m.Value, bm.Value) {
			return false
		}
	}
	return true
}

// lastIndex maps each key of object n to the index of its last member.
func lastIndex(n *Node) map[string]int {
	m := make(map[string]int, len(n.Members))
	for i := range n.Members {
		m[n.Members[i].Key] = i
	}
	return m
}

// distinctKeys counts the distinct keys of a small object n.
func distinctKeys(n *Node) int {
	ms := n.Members
	d := 0
outer:
	for i := range ms {
		for j := 0; j < i; j++ {
			if ms[j].Key == ms[i].Key {
				continue outer
			}
		}
		d++
	}
	return d
}

// numberKey returns a canonical form of JSON number text: sign, significant
// digits without leading or trailing zeros, and the power of ten of the
// last digit; "0" for every zero. Text that is not a JSON number is
// returned as is, prefixed with '?'.
func numberKey(s string) string {
	i := 0
	neg := false
	if i < len(s) && s[i] == '-' {
		neg = true
		i++
	}
	intStart := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	intPart := s[intStart:i]
	frac := ""
	if i < len(s) && s[i] == '.' {
		i++
		fs := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		frac = s[fs:i]
	}
	expText := "0"
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		es := i
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		expText = s[es:i]
	}
	if i != len(s) || intPart == "" {
		return "?" + s
	}
	digits := strings.TrimLeft(intPart+frac, "0")
	if digits == "" {
		return "0"
	}
	trimmed := strings.TrimRight(digits, "0")
	shift := int64(len(digits)-len(trimmed)) - int64(len(frac))
	var exp string
	if e, err := strconv.ParseInt(expText, 10, 64); err == nil && e < 1<<60 && e > -(1<<60) {
		exp = strconv.FormatInt(e+shift, 10)
	} else {
		x, ok := new(big.Int).SetString(strings.TrimPrefix(expText, "+"), 10)
		if !ok {
			return "?" + s
		}
		exp = x.Add(x, big.NewInt(shift)).String()
	}
	sign := "+"
	if neg {
		sign = "-"
	}
	return sign + trimmed + "e" + exp
}

// NewNull returns a null node.
func NewNull() *Node { return &Node{Kind: Null} }

// NewBool returns a boolean node.
func NewBool(b bool) *Node {
	if b {
		return &Node{Kind: Bool, Text: "true"}
	}
	return &Node{Kind: Bool, Text: "false"}
}

// NewNumber returns a number node written as text, which should be a JSON
// number (it is written out as is).
func NewNumber(text string) *Node { return &Node{Kind: Number, Text: text} }

// NewInt returns a number node for an integer.
func NewInt(i int64) *Node { return &Node{Kind: Number, Text: strconv.FormatInt(i, 10)} }

// NewString returns a string node.
func NewString(s string) *Node { return &Node{Kind: String, Text: s} }

// NewObject returns an object node with the members in order.
func NewObject(members ...Member) *Node { return &Node{Kind: Object, Members: members} }

// NewArray returns an array node with the items in order.
func NewArray(items ...*Node) *Node { return &Node{Kind: Array, Items: items} }

// NewMember returns the member key: v, for NewObject.
func NewMember(key string, v *Node) Member { return Member{Key: key, Value: v} }

// Set gives object n's last member with that key the value v, or appends a
// member if there is none; it does nothing if n is not an object.
func (n *Node) Set(key string, v *Node) {
	if n == nil || n.Kind != Object {
		return
	}
	if m := n.Member(key); m != nil {
		m.Value = v
		return
	}
	n.Members = append(n.Members, Member{Key: key, Value: v})
}

// Delete removes every member of object n with that key and reports how
// many there were.
func (n *Node) Delete(key string) int {
	if n == nil || n.Kind != Object {
		return 0
	}
	kept := n.Members[:0:0]
	removed := 0
	for _, m := range n.Members {
		if m.Key == key {
			removed++
			continue
		}
		kept = append(kept, m)
	}
	if removed > 0 {
		n.Members = kept
	}
	return removed
}
