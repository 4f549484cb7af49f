package ascii

import (
	"strings"
	"testing"
)

// The byte-by-byte definitions each scan must agree with.
func refRun(c byte) bool        { return c < 0x80 }
func refStringBody(c byte) bool { return c != '"' && c != '\\' && c >= 0x20 }
func refUnescaped(c byte) bool  { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\' }
func refPrintable(c byte) bool  { return c >= 0x20 && c < 0x7F }

func ref(s string, i int, in func(byte) bool) int {
	for i < len(s) && in(s[i]) {
		i++
	}
	return i
}

var scans = []struct {
	name string
	scan func(string, int) int
	in   func(byte) bool
}{
	{"Run", Run, refRun},
	{"StringBody", StringBody, refStringBody},
	{"Unescaped", Unescaped, refUnescaped},
	{"Printable", Printable, refPrintable},
}

func check(t *testing.T, s string) {
	t.Helper()
	for _, sc := range scans {
		for i := 0; i <= len(s); i++ {
			if got, want := sc.scan(s, i), ref(s, i, sc.in); got != want {
				t.Fatalf("%s(%q, %d) = %d, want %d", sc.name, s, i, got, want)
			}
		}
	}
}

// TestEveryByteAtEveryPlace puts each of the 256 byte values at each place
// of a word, among neighbours that make the word arithmetic borrow (bytes
// just above and below each class's bounds), so that a test that missed a
// byte, or flagged a word without one, would be found.
func TestEveryByteAtEveryPlace(t *testing.T) {
	neighbours := []byte{' ', '!', '#', '[', ']', '~', 0x7F, 0x80, 0xFF, 0x00, 0x1F, 0x21, 0x01}
	for c := range 256 {
		for _, n := range neighbours {
			for at := range 17 {
				var b []byte
				for range 20 {
					b = append(b, n)
				}
				b[at] = byte(c)
				check(t, string(b))
			}
		}
	}
}

// TestRuns: a scan that stops nowhere runs to the end, through a tail
// shorter than a word.
func TestRuns(t *testing.T) {
	for n := range 40 {
		s := strings.Repeat("a", n)
		for _, sc := range scans {
			if got := sc.scan(s, 0); got != n {
				t.Errorf("%s over %d letters = %d", sc.name, n, got)
			}
		}
	}
	if got := StringBody(`abcdefghijk"`, 0); got != 11 {
		t.Errorf(`StringBody stops at %d, want 11 (the quote)`, got)
	}
	if got := Unescaped("abcdefghijé", 0); got != 10 {
		t.Errorf(`Unescaped stops at %d, want 10 (the first byte of é)`, got)
	}
	if got := Printable("abcdefgh\x7fij", 0); got != 8 {
		t.Errorf(`Printable stops at %d, want 8 (DEL)`, got)
	}
}

func FuzzScans(f *testing.F) {
	for _, s := range []string{"", "plain ascii text of some length", "a\"b\\c\x1fd\x7fe\x80f", "\n\v\x00\xff\"\\", "héllo wörld \u2028 \u0000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { check(t, s) })
}
