package textpos

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

// jsIndex is what a browser reports as the UTF-16 index of byte offset off.
func jsIndex(s string, off int) int {
	return len(utf16.Encode([]rune(s[:off])))
}

func TestUTF16AndByte(t *testing.T) {
	// "é" is 2 bytes / 1 unit, "€" 3 bytes / 1 unit, "😀" 4 bytes / 2 units.
	src := "{\n  \"hub\": \"é€😀\",\n  \"x\": 1\n}\n"
	x := New(src)
	tests := []struct {
		name      string
		off, want int
	}{
		{"start", 0, 0},
		{"second line", 2, 2},
		{"before é", strings.Index(src, "é"), jsIndex(src, strings.Index(src, "é"))},
		{"after é", strings.Index(src, "€"), jsIndex(src, strings.Index(src, "€"))},
		{"after emoji", strings.Index(src, "😀") + 4, jsIndex(src, strings.Index(src, "😀")+4)},
		{"inside emoji", strings.Index(src, "😀") + 2, jsIndex(src, strings.Index(src, "😀"))},
		{"third line", strings.Index(src, `"x"`), jsIndex(src, strings.Index(src, `"x"`))},
		{"end", len(src), jsIndex(src, len(src))},
		{"past end", len(src) + 10, jsIndex(src, len(src))},
		{"negative", -3, 0},
	}
	for _, tt := range tests {
		if got := x.UTF16(tt.off); got != tt.want {
			t.Errorf("%s: UTF16(%d) = %d, want %d", tt.name, tt.off, got, tt.want)
		}
	}
	// Byte is UTF16's inverse on character boundaries.
	for off := 0; off <= len(src); off++ {
		if off < len(src) && !utf8.RuneStart(src[off]) {
			continue
		}
		if got := x.Byte(x.UTF16(off)); got != off {
			t.Errorf("Byte(UTF16(%d)) = %d", off, got)
		}
	}
	// Between the halves of the surrogate pair: the pair's start.
	emoji := strings.Index(src, "😀")
	if got := x.Byte(jsIndex(src, emoji) + 1); got != emoji {
		t.Errorf("Byte(inside surrogate pair) = %d, want %d", got, emoji)
	}
	if got, want := x.Len(), jsIndex(src, len(src)); got != want {
		t.Errorf("Len = %d, want %d", got, want)
	}
}

func TestLineCol(t *testing.T) {
	src := "[{\n  \"eventType\": \"é😀x\",\n\n  \"id\": 1}]"
	x := New(src)
	tests := []struct {
		at        string
		line, col int
	}{
		{"[{", 1, 1},
		{`"eventType"`, 2, 3},
		{"x\"", 2, 19},
		{`"id"`, 4, 3},
	}
	for _, tt := range tests {
		off := strings.Index(src, tt.at)
		if l, c := x.LineCol(off); l != tt.line || c != tt.col {
			t.Errorf("LineCol(%q) = %d:%d, want %d:%d", tt.at, l, c, tt.line, tt.col)
		}
	}
	if l, c := x.LineCol(len(src)); l != 4 || c != 12 {
		t.Errorf("LineCol(end) = %d:%d, want 4:12", l, c)
	}
	if got := x.Lines(); got != 4 {
		t.Errorf("Lines = %d, want 4", got)
	}
}

func TestSplice(t *testing.T) {
	tests := []struct {
		old, new   string
		start, end int
		text       string
	}{
		{`{"specVersion":"1.0"}`, `{"specversion":"1.0"}`, 6, 7, "v"},
		{`"a"`, `"a"`, 3, 3, ""},
		{``, `[]`, 0, 0, "[]"},
		{`[1,2]`, ``, 0, 5, ""},
		{`"😀é"`, `"😀è"`, 3, 4, "è"}, // é and è share their first byte
		{`"é😀"`, `"é😁"`, 2, 4, "😁"}, // the emojis share three bytes
		{`aaa`, `aaaa`, 3, 3, "a"},
	}
	for _, tt := range tests {
		s, e, text := Splice(tt.old, tt.new)
		if s != tt.start || e != tt.end || text != tt.text {
			t.Errorf("Splice(%q, %q) = %d, %d, %q; want %d, %d, %q", tt.old, tt.new, s, e, text, tt.start, tt.end, tt.text)
		}
		if got := applyUTF16(tt.old, s, e, text); got != tt.new {
			t.Errorf("applying Splice(%q, %q) gives %q", tt.old, tt.new, got)
		}
	}
}

// applyUTF16 replaces the UTF-16 range [s, e) of old with text, as
// textarea.setRangeText does.
func applyUTF16(old string, s, e int, text string) string {
	u := utf16.Encode([]rune(old))
	return string(utf16.Decode(u[:s])) + text + string(utf16.Decode(u[e:]))
}

func FuzzIndex(f *testing.F) {
	f.Add("[{\"id\":\"é😀\"}]\n", 5, 3)
	f.Add("\xff\xfe{\"a\":1}", 1, 1)
	f.Add("\xe2\x82{}", 1, 2)
	f.Add("", 0, 0)
	f.Fuzz(func(t *testing.T, src string, off, u int) {
		x := New(src)
		got := x.UTF16(off)
		if got < 0 || got > x.Len() {
			t.Fatalf("UTF16(%d) = %d outside [0, %d]", off, got, x.Len())
		}
		b := x.Byte(u)
		if b < 0 || b > len(src) {
			t.Fatalf("Byte(%d) = %d outside the text", u, b)
		}
		if utf8.ValidString(src) {
			if x.Len() != len(utf16.Encode([]rune(src))) {
				t.Fatalf("Len = %d, want %d", x.Len(), len(utf16.Encode([]rune(src))))
			}
			if b < len(src) && !utf8.RuneStart(src[b]) {
				t.Fatalf("Byte(%d) = %d splits a character", u, b)
			}
			if x.Byte(x.UTF16(b)) != b {
				t.Fatalf("Byte(UTF16(%d)) != %d", b, b)
			}
		}
		l, c := x.LineCol(off)
		if l < 1 || c < 1 || l > x.Lines() {
			t.Fatalf("LineCol(%d) = %d:%d", off, l, c)
		}
	})
}

func FuzzSplice(f *testing.F) {
	f.Add(`{"specVersion":"1.0"}`, `{"specversion":"1.0"}`)
	f.Add(`"é😀"`, `"é😁"`)
	f.Add("", "x")
	f.Fuzz(func(t *testing.T, old, new string) {
		if !utf8.ValidString(old) || !utf8.ValidString(new) {
			return
		}
		s, e, text := Splice(old, new)
		if s < 0 || e < s || e > UTF16Len(old) {
			t.Fatalf("Splice range [%d, %d) outside the old text", s, e)
		}
		if got := applyUTF16(old, s, e, text); got != new {
			t.Fatalf("applying the splice gives %q, want %q", got, new)
		}
	})
}

func TestLineColAt(t *testing.T) {
	src := "{\n  \"a\": \"é😀x\"\r\n}\n"
	x := New(src)
	for u := 0; u <= x.Len()+2; u++ {
		wl, wc := x.LineCol(x.Byte(u))
		if l, c := LineColAt(src, u); l != wl || c != wc {
			t.Errorf("LineColAt(%d) = %d:%d, want %d:%d", u, l, c, wl, wc)
		}
	}
}

func TestPrefixSuffixBytes(t *testing.T) {
	src := "a😀é\xffb"
	// Units: a=1, 😀=2, é=1, \xff=1 (as U+FFFD), b=1.
	for _, c := range []struct {
		u, prefix int
		ok        bool
	}{{0, 0, true}, {1, 1, true}, {2, 5, false}, {3, 5, true}, {4, 7, true}, {5, 8, true}, {6, 9, true}, {7, 9, false}} {
		if n, ok := PrefixBytes(src, c.u); n != c.prefix || ok != c.ok {
			t.Errorf("PrefixBytes(%d) = %d, %v, want %d, %v", c.u, n, ok, c.prefix, c.ok)
		}
	}
	for _, c := range []struct {
		u, suffix int
		ok        bool
	}{{0, 0, true}, {1, 1, true}, {2, 2, true}, {3, 4, true}, {4, 8, false}, {5, 8, true}, {6, 9, true}, {7, 9, false}} {
		if n, ok := SuffixBytes(src, c.u); n != c.suffix || ok != c.ok {
			t.Errorf("SuffixBytes(%d) = %d, %v, want %d, %v", c.u, n, ok, c.suffix, c.ok)
		}
	}
}

func FuzzUnitsBytes(f *testing.F) {
	f.Add("[{\"id\":\"é😀\"}]\n", 5)
	f.Add("\xff\xfe{\"a\":1}\n\n", 3)
	f.Add("", 0)
	f.Fuzz(func(t *testing.T, src string, u int) {
		x := New(src)
		wl, wc := x.LineCol(x.Byte(u))
		if l, c := LineColAt(src, u); l != wl || c != wc {
			t.Fatalf("LineColAt(%d) = %d:%d, want %d:%d", u, l, c, wl, wc)
		}
		n, ok := PrefixBytes(src, u)
		if ok && UTF16Len(src[:n]) != u {
			t.Fatalf("PrefixBytes(%d) = %d: that prefix has %d units", u, n, UTF16Len(src[:n]))
		}
		m, ok := SuffixBytes(src, u)
		if ok && UTF16Len(src[len(src)-m:]) != u {
			t.Fatalf("SuffixBytes(%d) = %d: that suffix has %d units", u, m, UTF16Len(src[len(src)-m:]))
		}
		if u >= 0 && u <= x.Len() && utf8.ValidString(src) {
			if b := x.Byte(u); x.UTF16(b) == u {
				if n, ok := PrefixBytes(src, u); !ok || n != b {
					t.Fatalf("PrefixBytes(%d) = %d, %v, want %d", u, n, ok, b)
				}
			}
		}
	})
}

// FuzzMeasure: Measure agrees with UTF16Len and NewLines on ASCII (read
// eight bytes at a time: '\n' next to bytes a carry could confuse with it,
// at every alignment), multi-byte and astral characters, invalid UTF-8 and
// the empty string.
func FuzzMeasure(f *testing.F) {
	for _, s := range []string{"", "a", "\n", "a\nb\n", "é\n😀x\n\n", "\xff\xfe\nz", strings.Repeat("{\"id\": \"é\"}\n", 100),
		"\n\v\n\n\x0b\x0a\x09\x0a\x8a\n" + strings.Repeat("\n", 17) + "é" + strings.Repeat("ab\ncd\x0b\x0a", 9) + "\xf0\x9f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		units, lines := Measure(s)
		if want := NewLines(s); !slices.Equal(lines, want) {
			t.Errorf("Measure(%q) lines = %v; want %v", s, lines, want)
		}
		if want := UTF16Len(s); units != want {
			t.Errorf("Measure(%q) = %d units; want %d", s, units, want)
		}
	})
}

// TestMeasureAstral: a character outside the BMP is two UTF-16 units.
func TestMeasureAstral(t *testing.T) {
	if u, l := Measure("😀\n"); u != 3 || len(l) != 2 || l[1] != 5 {
		t.Errorf(`Measure("😀\n") = %d units, lines %v; want 3 units, lines [0 5]`, u, l)
	}
}

// TestPrefixBytesRuns: PrefixBytes skips runs of ASCII a word at a time;
// across runs of every length up to 20 between multi-byte, astral and
// invalid bytes, it agrees at every index with counting byte by byte.
func TestPrefixBytesRuns(t *testing.T) {
	var b strings.Builder
	for n := range 21 {
		b.WriteString(strings.Repeat("x\n"[n%2:n%2+1], n))
		b.WriteString([]string{"é", "😀", "\xff", "日"}[n%4])
	}
	src := b.String()
	byteByByte := func(u int) (int, bool) {
		i, at := 0, 0
		for i < len(src) && at < u {
			r, size := utf8.DecodeRuneInString(src[i:])
			i, at = i+size, at+unitsOf(r)
		}
		return i, at == u
	}
	for u := 0; u <= UTF16Len(src)+2; u++ {
		n, ok := PrefixBytes(src, u)
		if wn, wok := byteByByte(u); n != wn || ok != wok {
			t.Fatalf("PrefixBytes(%d) = %d, %v, want %d, %v", u, n, ok, wn, wok)
		}
	}
}
