package cli

import (
	"fmt"
	"io"
	"unicode/utf8"
)

// output is a subcommand's standard output or error: it keeps the first
// write error, which run turns into exit status 2 with a message, and
// writes nothing after it.
type output struct {
	w    io.Writer
	what string // "standard output" or "standard error", for the message
	err  *ioError
}

// Write writes p, or returns the error an earlier write met.
func (o *output) Write(p []byte) (int, error) {
	if o.err != nil {
		return 0, o.err
	}
	n, err := o.w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	if err != nil {
		o.err = &ioError{fmt.Errorf("cannot write %s: %w", o.what, unwrapPath(err))}
		return n, o.err
	}
	return n, nil
}

// visible is a writer for text people read on a terminal: it shows the
// control characters a payload may hold (in keys, pointers, values) instead
// of passing them to the terminal, which would obey them (clear the screen,
// retitle the window, reorder the text). C0 controls other than tab and
// newline, and DEL, become the Unicode control pictures (as in excerpts: ␛
// for ESC); C1 controls, bidirectional formatting characters and the line
// and paragraph separators become \u escapes; bytes that are not UTF-8
// become U+FFFD. Each Write must hold whole characters, as fmt's do.
type visible struct{ w io.Writer }

// Write writes p with its control characters shown; it reports len(p)
// written when the whole shown text was.
func (v visible) Write(p []byte) (int, error) {
	if clean(p) {
		return v.w.Write(p)
	}
	if _, err := v.w.Write(show(p)); err != nil {
		return 0, err
	}
	return len(p), nil
}

// clean reports whether p has nothing show would change.
func clean(p []byte) bool {
	for _, c := range p {
		if c < 0x20 && c != '\t' && c != '\n' || c >= 0x7F {
			if c >= 0x80 {
				return cleanRunes(p)
			}
			return false
		}
	}
	return true
}

// cleanRunes is clean for text with non-ASCII characters.
func cleanRunes(p []byte) bool {
	for i := 0; i < len(p); {
		r, size := utf8.DecodeRune(p[i:])
		if shown(r, size) != "" {
			return false
		}
		i += size
	}
	return true
}

// show returns p with its control characters shown.
func show(p []byte) []byte {
	out := make([]byte, 0, len(p)+16)
	for i := 0; i < len(p); {
		r, size := utf8.DecodeRune(p[i:])
		if s := shown(r, size); s != "" {
			out = append(out, s...)
		} else {
			out = append(out, p[i:i+size]...)
		}
		i += size
	}
	return out
}

// shown returns how a character (size bytes of the text) is shown, or ""
// when it is shown as it is.
func shown(r rune, size int) string {
	switch {
	case r == '\t' || r == '\n':
		return ""
	case r < 0x20:
		return string(0x2400 + r) // ␀ … ␟
	case r == 0x7F:
		return "\u2421" // ␡
	case r == utf8.RuneError && size == 1:
		return "\uFFFD"
	case r >= 0x80 && r <= 0x9F, // C1 controls (CSI, OSC, …)
		r == 0x061C, r == 0x200E, r == 0x200F, // bidi marks
		r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, // bidi embeddings, overrides, isolates
		r == 0x2028, r == 0x2029: // line and paragraph separators
		return fmt.Sprintf(`\u%04x`, r)
	}
	return ""
}
