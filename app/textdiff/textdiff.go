// Package textdiff finds the characters that differ between two short
// texts, such as one value before and after a change, so a view can mark
// them inside the line rather than the whole line.
package textdiff

import "unicode/utf8"

// Span is the byte range [Start, End) of a text.
type Span struct{ Start, End int }

// maxCells bounds the work of the character alignment (the product of
// the two texts' lengths in characters); longer texts are compared by
// their common start and end only.
const maxCells = 1 << 16

// Changed returns the runs of characters of a that are not in b
// (removed) and of b that are not in a (added), as byte ranges in
// order. The characters both keep are a longest common subsequence of
// the two. Past maxCells, only the common start
// and end are kept, and the middle of each text is one run.
func Changed(a, b string) (removed, added []Span) {
	// The common start and end are kept whatever the alignment.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	for pre > 0 && pre < len(a) && !utf8.RuneStart(a[pre]) {
		pre-- // on a character boundary of both (they agree up to pre)
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	for suf > 0 && !utf8.RuneStart(a[len(a)-suf]) {
		suf--
	}
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]
	switch {
	case ma == "" && mb == "":
		return nil, nil
	case ma == "" || mb == "":
		return span(pre, len(ma)), span(pre, len(mb))
	}
	ra, wa := decode(ma)
	rb, wb := decode(mb)
	if len(ra)*len(rb) > maxCells {
		return span(pre, len(ma)), span(pre, len(mb))
	}
	keptA, keptB := lcs(ra, rb)
	return runs(wa, keptA, pre), runs(wb, keptB, pre)
}

// decode returns the characters of s and the bytes each takes. An
// invalid byte is a character of its own, beyond Unicode, so two
// different invalid bytes differ.
func decode(s string) (rs []rune, widths []int) {
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && w == 1 {
			r = utf8.MaxRune + 1 + rune(s[i])
		}
		rs, widths = append(rs, r), append(widths, w)
		i += w
	}
	return rs, widths
}

// span returns the one run [at, at+n), or none when n is 0.
func span(at, n int) []Span {
	if n == 0 {
		return nil
	}
	return []Span{{at, at + n}}
}

// lcs marks the runes of a and b that a longest common subsequence keeps.
func lcs(a, b []rune) (keptA, keptB []bool) {
	n, m := len(a), len(b)
	// t[i*(m+1)+j] is the LCS length of a[i:] and b[j:].
	t := make([]int32, (n+1)*(m+1))
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				t[i*(m+1)+j] = t[(i+1)*(m+1)+j+1] + 1
			} else {
				t[i*(m+1)+j] = max(t[(i+1)*(m+1)+j], t[i*(m+1)+j+1])
			}
		}
	}
	keptA, keptB = make([]bool, n), make([]bool, m)
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case a[i] == b[j]:
			keptA[i], keptB[j] = true, true
			i++
			j++
		case t[(i+1)*(m+1)+j] >= t[i*(m+1)+j+1]:
			i++
		default:
			j++
		}
	}
	return keptA, keptB
}

// runs turns the characters not kept (each widths[i] bytes) into byte
// ranges offset by base.
func runs(widths []int, kept []bool, base int) []Span {
	var out []Span
	off := base
	for i, w := range widths {
		if !kept[i] {
			if n := len(out); n > 0 && out[n-1].End == off {
				out[n-1].End = off + w
			} else {
				out = append(out, Span{off, off + w})
			}
		}
		off += w
	}
	return out
}
