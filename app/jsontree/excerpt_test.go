package jsontree

import (
	"bytes"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"
)

// wholeLineExcerpt is Excerpt as it was when it decoded the whole line: the
// reference that the bounded Excerpt must match.
func wholeLineExcerpt(src []byte, p Pos) string {
	off := max(min(p.Offset, len(src)), 0)
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	if start == 0 {
		start = min(origin(src), off)
	}
	end := len(src)
	if j := bytes.IndexByte(src[off:], '\n'); j >= 0 {
		end = off + j
	}
	if end > start && src[end-1] == '\r' && end-1 >= off {
		end--
	}
	// Decode the line into runes, noting which rune the offset falls on.
	runes := make([]rune, 0, end-start)
	caret := -1
	for i := start; i < end; {
		if i >= off && caret < 0 {
			caret = len(runes)
		}
		r, size := utf8.DecodeRune(src[i:end])
		switch {
		case r == '\t':
		case r < 0x20:
			r = 0x2400 + r // control pictures: ␀ … ␟
		case r == 0x7F:
			r = 0x2421 // ␡
		}
		runes = append(runes, r)
		i += size
	}
	if caret < 0 {
		caret = len(runes)
	}
	lo, hi := 0, len(runes)
	if len(runes) > excerptWidth {
		lo = max(caret-excerptWidth/2, 0)
		hi = min(lo+excerptWidth, len(runes))
		lo = max(min(lo, hi-excerptWidth), 0)
	}
	var b strings.Builder
	var pad []rune
	if lo > 0 {
		b.WriteString("…")
		pad = append(pad, ' ')
	}
	b.WriteString(string(runes[lo:hi]))
	if hi < len(runes) {
		b.WriteString("…")
	}
	b.WriteByte('\n')
	for _, r := range runes[lo:caret] {
		if r == '\t' {
			pad = append(pad, '\t')
		} else {
			pad = append(pad, ' ')
		}
	}
	b.WriteString(string(pad))
	b.WriteByte('^')
	return b.String()
}

// TestExcerptMatchesWholeLine checks, at every offset of long and short
// lines mixing multi-byte characters, invalid bytes, tabs, control
// characters, CR LF and a BOM, that reading only around the place gives
// what decoding the whole line gave.
func TestExcerptMatchesWholeLine(t *testing.T) {
	long := strings.Repeat(`{"k":"é€𝄞\t\x01x"},`, 60)
	srcs := []string{
		"",
		"\n",
		"\xEF\xBB\xBF" + long,
		long,
		long + "\r\n" + long,
		"a\n" + long + "\n",
		strings.Repeat("\xff\x80\xe2\x82", 150) + "z" + strings.Repeat("𝄞", 150),
		strings.Repeat("x", excerptReach) + "\n" + strings.Repeat("€", excerptReach),
		strings.Repeat("€", excerptReach+1) + "\r",
	}
	for _, src := range srcs {
		for off := 0; off <= len(src); off++ {
			got := Excerpt([]byte(src), Pos{Offset: off})
			want := wholeLineExcerpt([]byte(src), Pos{Offset: off})
			if got != want {
				t.Fatalf("offset %d of %q:\ngot  %q\nwant %q", off, src, got, want)
			}
		}
	}
}

// TestExcerptCostIsBoundedOnLongLines checks that an excerpt of a minified
// payload (one line of a megabyte) allocates for the shown width, not for
// the line: check calls it once per diagnostic.
func TestExcerptCostIsBoundedOnLongLines(t *testing.T) {
	src := bytes.Repeat([]byte(`{"id":"1","eventTime":"x"},`), 40000) // about 1 MB, one line
	if !utf8.Valid(src) {
		t.Fatal("bad fixture")
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	const calls = 100
	for i := range calls {
		_ = Excerpt(src, Pos{Offset: len(src) / calls * i})
	}
	runtime.ReadMemStats(&after)
	if per := (after.TotalAlloc - before.TotalAlloc) / calls; per > 16<<10 {
		t.Errorf("Excerpt allocates %d bytes a call on a %d-byte line; want at most 16 KiB", per, len(src))
	}
}
