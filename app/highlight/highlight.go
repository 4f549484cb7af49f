// Package highlight splits JSON text into coloured tokens for display. It
// never validates: any text gets tokens, and what it does not recognise is
// plain. Colouring is capped, so a large payload is shown as plain text
// instead of tens of thousands of coloured elements.
package highlight

// Kind is what a token is.
type Kind uint8

// The token kinds. Plain covers white space, punctuation and anything not
// recognised, and is shown uncoloured.
const (
	Plain   Kind = iota
	Key          // an object member's name, with its quotes
	String       // a string value, with its quotes
	Number       // a number
	Literal      // true, false or null
)

// String returns the kind's CSS-friendly name ("plain", "key", "string",
// "number", "literal").
func (k Kind) String() string {
	switch k {
	case Key:
		return "key"
	case String:
		return "string"
	case Number:
		return "number"
	case Literal:
		return "literal"
	}
	return "plain"
}

// Token is a stretch of the text of one kind.
type Token struct {
	Kind Kind
	Text string
}

// Limits caps how much text gets coloured.
type Limits struct {
	MaxLines  int // texts with more lines are not coloured
	MaxTokens int // texts with more coloured tokens are not coloured
}

// Default is the cap the inspector uses: about 2,000 lines, and at most
// 1,500 coloured tokens (one element each).
var Default = Limits{MaxLines: 2000, MaxTokens: 1500}

// Tokens splits src into tokens; adjacent plain stretches are merged. ok is
// false, and no tokens are returned, when src is over the limits: show it
// as plain text then.
func Tokens(src string, lim Limits) (toks []Token, ok bool) {
	lines := 1
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			lines++
			if lines > lim.MaxLines {
				return nil, false
			}
		}
	}
	colored := 0
	plainFrom := 0
	flush := func(i int) {
		if i > plainFrom {
			toks = append(toks, Token{Plain, src[plainFrom:i]})
		}
	}
	emit := func(k Kind, from, to int) bool {
		colored++
		if colored > lim.MaxTokens {
			return false
		}
		flush(from)
		toks = append(toks, Token{k, src[from:to]})
		plainFrom = to
		return true
	}
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '"':
			end := stringEnd(src, i)
			k := String
			if isKey(src, end) {
				k = Key
			}
			if !emit(k, i, end) {
				return nil, false
			}
			i = end
		case c == '-' || c >= '0' && c <= '9':
			end := i + 1
			for end < len(src) && isNumberByte(src[end]) {
				end++
			}
			if !emit(Number, i, end) {
				return nil, false
			}
			i = end
		case c == 't' || c == 'f' || c == 'n':
			end := i
			for end < len(src) && src[end] >= 'a' && src[end] <= 'z' {
				end++
			}
			switch src[i:end] {
			case "true", "false", "null":
				if !emit(Literal, i, end) {
					return nil, false
				}
			}
			i = end
		default:
			i++
		}
	}
	flush(len(src))
	return toks, true
}

// stringEnd returns the offset just past the string starting at the quote
// at i (or the end of the line or text when it is not closed).
func stringEnd(src string, i int) int {
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		case '\n':
			return j
		}
	}
	return len(src)
}

// isKey reports whether the next non-space byte from i is a colon.
func isKey(src string, i int) bool {
	for ; i < len(src); i++ {
		switch src[i] {
		case ' ', '\t', '\r', '\n':
			continue
		case ':':
			return true
		}
		return false
	}
	return false
}

func isNumberByte(c byte) bool {
	return c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-'
}
