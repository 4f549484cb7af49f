package schema

import (
	"encoding/json"
	"errors"

	"github.com/xeipuuv/gojsonreference"
	"github.com/xeipuuv/gojsonschema"

	"eventlens/app/jsontree"
)

// Loader is a gojsonschema.JSONLoader over a decoded tree: validation reads
// the tree's values (numbers as json.Number) and never parses text again,
// unlike gojsonschema.NewGoLoader, which encodes its value to JSON and
// decodes it back.
type Loader struct {
	Node *jsontree.Node
}

// JsonSource returns the tree the loader reads.
func (l Loader) JsonSource() any { return l.Node }

// LoadJSON returns the tree as plain Go values (jsontree.Node.Value).
//
// A number whose literal would make gojsonschema's exact arithmetic
// (math/big) slow, one with an exponent beyond ±maxExponent or a literal
// longer than maxNumberLen, is replaced by a small stand-in of the same
// sign and the same integer-or-not nature ("1", "-0.5", "0"…): the
// schemas never constrain number values, only their type, and messages
// quote the tree, never the stand-in.
func (l Loader) LoadJSON() (any, error) {
	if l.Node == nil {
		return nil, errors.New("no decoded document to validate: decode the payload first")
	}
	v := l.Node.Value()
	if hasCostlyNumber(l.Node) {
		v = tame(v)
	}
	return v, nil
}

// JsonReference returns the reference of an inline document ("#").
func (l Loader) JsonReference() (gojsonreference.JsonReference, error) {
	return gojsonreference.NewJsonReference("#")
}

// LoaderFactory returns gojsonschema's default factory; a decoded document
// refers to no other document.
func (l Loader) LoaderFactory() gojsonschema.JSONLoaderFactory {
	return &gojsonschema.DefaultJSONLoaderFactory{}
}

// Limits beyond which a number literal is replaced by a stand-in.
const (
	maxExponent  = 1000
	maxNumberLen = 1000
)

// hasCostlyNumber reports whether the tree under n holds a number literal
// that costlyNumber rejects.
func hasCostlyNumber(n *jsontree.Node) bool {
	if n == nil {
		return false
	}
	switch n.Kind {
	case jsontree.Number:
		return costlyNumber(n.Text)
	case jsontree.Object:
		for i := range n.Members {
			if hasCostlyNumber(n.Members[i].Value) {
				return true
			}
		}
	case jsontree.Array:
		for _, it := range n.Items {
			if hasCostlyNumber(it) {
				return true
			}
		}
	}
	return false
}

// costlyNumber reports whether a JSON number literal is too long or has an
// exponent too large for math/big to handle quickly.
func costlyNumber(s string) bool {
	if len(s) > maxNumberLen {
		return true
	}
	_, _, exp := splitNumber(s)
	return exp > maxExponent || exp < -maxExponent
}

// splitNumber splits a JSON number literal into its sign, its significant
// digits with the position of the decimal point folded into the exponent
// (so that the value is ±digits × 10^exp), and that exponent, saturated at
// ±1e9.
func splitNumber(s string) (neg bool, digits string, exp int) {
	i := 0
	if i < len(s) && s[i] == '-' {
		neg = true
		i++
	}
	var b []byte
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		b = append(b, s[i])
	}
	if i < len(s) && s[i] == '.' {
		for i++; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			b = append(b, s[i])
			exp--
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		eneg := false
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			eneg = s[i] == '-'
			i++
		}
		e := 0
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			if e < 1e9 {
				e = e*10 + int(s[i]-'0')
			}
		}
		if eneg {
			e = -e
		}
		exp += e
	}
	// Drop trailing zeros of the digits into the exponent, leading zeros
	// altogether.
	for len(b) > 0 && b[len(b)-1] == '0' {
		b = b[:len(b)-1]
		exp++
	}
	for len(b) > 0 && b[0] == '0' {
		b = b[1:]
	}
	exp = max(-1e9, min(exp, 1e9))
	return neg, string(b), exp
}

// standIn returns a small number with the sign of literal s and the same
// integer-or-not nature.
func standIn(s string) json.Number {
	neg, digits, exp := splitNumber(s)
	switch {
	case digits == "":
		return "0"
	case exp >= 0 && neg:
		return "-1"
	case exp >= 0:
		return "1"
	case neg:
		return "-0.5"
	}
	return "0.5"
}

// tame replaces the costly numbers in a value from jsontree.Node.Value (a
// fresh value: maps and slices are changed in place).
func tame(v any) any {
	switch x := v.(type) {
	case json.Number:
		if costlyNumber(string(x)) {
			return standIn(string(x))
		}
	case map[string]any:
		for k, e := range x {
			x[k] = tame(e)
		}
	case []any:
		for i, e := range x {
			x[i] = tame(e)
		}
	}
	return v
}
