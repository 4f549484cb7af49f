package jsontree

import (
	"eventlens/app/vocab"
	"fmt"
	"math"
	"math/big"
	"strconv"
)

// scanNumber reads the number at p.i into n.
func (p *parser) scanNumber(n *Node) *SyntaxError {
	src := p.src
	start := p.i
	i := start
	digits := func() int {
		j := i
		for i < len(src) && src[i] >= '0' && src[i] <= '9' {
			i++
		}
		return i - j
	}
	neg := src[i] == '-'
	if neg {
		i++
		if i >= len(src) || src[i] < '0' || src[i] > '9' {
			if i < len(src) && isWordByte(src[i]) {
				w := p.word(start)
				if lw := lower(w); lw == "-infinity" || lw == "-inf" {
					return p.syntax(start, start+len(w), wordMessage(w))
				}
			}
			return p.syntax(start, i, "expected a digit after '-' in a number")
		}
	}
	intDigits := 0
	if src[i] == '0' {
		i++
		intDigits = 1
		if i < len(src) && src[i] >= '0' && src[i] <= '9' {
			w := p.word(start)
			return p.syntax(start, start+len(w), fmt.Sprintf("number %s has a leading zero, which JSON does not allow: remove the leading zeros, or write it as a string if it is an identifier", quoteWord(w)))
		}
	} else {
		intDigits = digits()
	}
	exact := true // integer without fraction or exponent
	if i < len(src) && src[i] == '.' {
		exact = false
		i++
		if digits() == 0 {
			return p.syntax(start, i, fmt.Sprintf("expected a digit after the decimal point in %s: write %s0 or remove the point", quoteWord(string(src[start:i])), src[start:i]))
		}
	}
	hasExp := false
	if i < len(src) && (src[i] == 'e' || src[i] == 'E') {
		exact, hasExp = false, true
		i++
		if i < len(src) && (src[i] == '+' || src[i] == '-') {
			i++
		}
		if digits() == 0 {
			return p.syntax(start, i, fmt.Sprintf("expected a digit in the exponent of %s: write e.g. 1e3, or remove the 'e'", quoteWord(string(src[start:i]))))
		}
	}
	if i < len(src) && (isWordByte(src[i]) || src[i] == '.' || src[i] == '+' || src[i] == '-') {
		w := p.word(start)
		return p.syntax(start, start+len(w), fmt.Sprintf("invalid number %s: JSON numbers are decimal, like -12, 3.5 or 1e-3 (no hex, no suffix): fix it or write it as a string", quoteWord(w)))
	}
	p.i = i
	n.Text = p.text[start:i]
	n.End = i
	if hasExp || intDigits > 15 {
		p.checkNumber(n, exact)
	}
	return nil
}

// checkNumber notes a number that a float64 cannot hold faithfully.
func (p *parser) checkNumber(n *Node, integer bool) {
	f, err := strconv.ParseFloat(n.Text, 64)
	var why string
	switch {
	case math.IsInf(f, 0) || err != nil:
		why = "is too large for a 64-bit float (it becomes ±Infinity)"
	case f == 0 && hasNonZeroDigit(n.Text):
		why = "is too small for a 64-bit float (it becomes 0)"
	case integer && math.Abs(f) >= 1<<53:
		x, ok := new(big.Int).SetString(n.Text, 10)
		if !ok {
			return
		}
		if _, acc := new(big.Float).SetInt(x).Float64(); acc == big.Exact {
			return
		}
		why = "is an integer beyond 2^53 that a 64-bit float cannot hold exactly (JavaScript reads " + strconv.FormatFloat(f, 'f', -1, 64) + ")"
	default:
		return
	}
	if !p.keepNote(vocab.JSONNumberPrecision, n.Pos, n.End) {
		return
	}
	p.notes = append(p.notes, Note{Code: vocab.JSONNumberPrecision, Pos: n.Pos, End: n.End,
		Pointer: p.pointer(true),
		Message: fmt.Sprintf("number %s %s: receivers may read a different value: send it as a string if it must be exact", n.Text, why)})
}

// hasNonZeroDigit reports whether the mantissa of number text s has a
// digit other than 0.
func hasNonZeroDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == 'e' || c == 'E':
			return false
		case c >= '1' && c <= '9':
			return true
		}
	}
	return false
}
