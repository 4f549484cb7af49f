package textpos

import (
	"reflect"
	"strings"
	"testing"
)

func TestNewLines(t *testing.T) {
	tests := []struct {
		text string
		want Lines
	}{
		{"", Lines{0}},
		{"{}", Lines{0}},
		{"\n", Lines{0, 1}},
		{"[\n1,\r\n2\r]\n", Lines{0, 2, 6, 10}}, // "\r\n" is one break, a lone '\r' none
		{"\xEF\xBB\xBF\n\né\n", Lines{0, 4, 5, 8}},
	}
	for _, tt := range tests {
		if got := NewLines(tt.text); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("NewLines(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestLine(t *testing.T) {
	text := "ab\n\ncd\n"
	x := NewLines(text) // lines start at 0, 3, 4 and 7
	tests := []struct{ off, want int }{
		{-5, 0}, {0, 0}, {2, 0}, {3, 1}, {4, 2}, {6, 2}, {7, 3}, {99, 3},
	}
	for _, tt := range tests {
		if got := x.Line(tt.off); got != tt.want {
			t.Errorf("Line(%d) = %d, want %d", tt.off, got, tt.want)
		}
	}
	if got := Lines(nil).Line(3); got != 0 {
		t.Errorf("an empty index puts offset 3 on line %d, want 0", got)
	}
}

// FuzzLines checks NewLines and Line against a count of the '\n' before
// each offset.
func FuzzLines(f *testing.F) {
	for _, s := range []string{"", "\n", "a\r\nb\rc\n", "\n\n\n", "\xEF\xBB\xBF[\n1]", "é\n😀\n\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		x := NewLines(text)
		if len(x) != strings.Count(text, "\n")+1 || x[0] != 0 {
			t.Fatalf("NewLines(%q) = %v", text, x)
		}
		for off := -1; off <= len(text)+1; off++ {
			want := strings.Count(text[:max(min(off, len(text)), 0)], "\n")
			if got := x.Line(off); got != want {
				t.Fatalf("Line(%d) = %d, want %d in %q", off, got, want, text)
			}
		}
	})
}
