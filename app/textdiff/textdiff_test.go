package textdiff

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// mark writes s with its spans in brackets.
func mark(s string, spans []Span) string {
	var b strings.Builder
	at := 0
	for _, sp := range spans {
		b.WriteString(s[at:sp.Start] + "[" + s[sp.Start:sp.End] + "]")
		at = sp.End
	}
	return b.String() + s[at:]
}

func TestChanged(t *testing.T) {
	tests := []struct{ a, b, removed, added string }{
		{`"hubName": "chat",`, `"hubName": "lobby",`, `"hubName": "[chat]",`, `"hubName": "[lobby]",`},
		{`"userId": "user-1"`, `"userId": "user-12"`, `"userId": "user-1"`, `"userId": "user-1[2]"`},
		{`"n": 10`, `"n": 1`, `"n": 1[0]`, `"n": 1`},
		{`"a": "x-y-z-"`, `"a": "x+y+z+"`, `"a": "x[-]y[-]z[-]"`, `"a": "x[+]y[+]z[+]"`},
		{`"t": "2019-06-10T18:41:00Z"`, `"t": "2019-06-11T18:42:00Z"`, `"t": "2019-06-1[0]T18:4[1]:00Z"`, `"t": "2019-06-1[1]T18:4[2]:00Z"`},
		{`"a": "café"`, `"a": "cafe"`, `"a": "caf[é]"`, `"a": "caf[e]"`},
		{"é", "è", "[é]", "[è]"},
		{"same", "same", "same", "same"},
		{"", "new", "", "[new]"},
		{"abXcd", "a12X34d", "a[b]X[c]d", "a[12]X[34]d"},
	}
	for _, tt := range tests {
		removed, added := Changed(tt.a, tt.b)
		if got := mark(tt.a, removed); got != tt.removed {
			t.Errorf("Changed(%q, %q): removed %s, want %s", tt.a, tt.b, got, tt.removed)
		}
		if got := mark(tt.b, added); got != tt.added {
			t.Errorf("Changed(%q, %q): added %s, want %s", tt.a, tt.b, got, tt.added)
		}
	}
}

func TestChangedLongTexts(t *testing.T) {
	a := "x" + strings.Repeat("a", 400) + "y"
	b := "x" + strings.Repeat("b", 400) + "y"
	removed, added := Changed(a, b)
	if !reflect.DeepEqual(removed, []Span{{1, 401}}) || !reflect.DeepEqual(added, []Span{{1, 401}}) {
		t.Errorf("long texts: %v %v", removed, added)
	}
}

func FuzzChanged(f *testing.F) {
	for _, s := range [][2]string{{"chat", "lobby"}, {"é", "e\xff"}, {"", ""}, {"abc", "abd"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		removed, added := Changed(a, b)
		check := func(s string, spans []Span) {
			at := 0
			for _, sp := range spans {
				if sp.Start < at || sp.End <= sp.Start || sp.End > len(s) {
					t.Fatalf("spans %v of %q out of order or range", spans, s)
				}
				if utf8.ValidString(s) && (!utf8.RuneStart(s[sp.Start]) || sp.End < len(s) && !utf8.RuneStart(s[sp.End])) {
					t.Fatalf("span %v of %q splits a character", sp, s)
				}
				at = sp.End
			}
		}
		check(a, removed)
		check(b, added)
		if a == b && (removed != nil || added != nil) {
			t.Fatalf("equal texts have changes: %v %v", removed, added)
		}
		// What is not marked is the same in both.
		if keep(a, removed) != keep(b, added) && len([]rune(a))*len([]rune(b)) <= maxCells {
			t.Fatalf("kept %q and %q differ", keep(a, removed), keep(b, added))
		}
	})
}

// keep returns s without its spans.
func keep(s string, spans []Span) string {
	var b strings.Builder
	at := 0
	for _, sp := range spans {
		b.WriteString(s[at:sp.Start])
		at = sp.End
	}
	return b.String() + s[at:]
}
