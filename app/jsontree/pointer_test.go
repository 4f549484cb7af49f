package jsontree

import (
	"reflect"
	"strings"
	"testing"
)

func TestPointer(t *testing.T) {
	tests := []struct {
		tokens []string
		want   string
	}{
		{nil, ""},
		{[]string{""}, "/"},
		{[]string{"data", "hubName"}, "/data/hubName"},
		{[]string{"0", "data"}, "/0/data"},
		{[]string{"a/b", "m~n", "~1"}, "/a~1b/m~0n/~01"},
		{[]string{"é", " ", ""}, "/é/ /"},
	}
	for _, tc := range tests {
		got := Pointer(tc.tokens...)
		if got != tc.want {
			t.Errorf("Pointer(%q) = %q, want %q", tc.tokens, got, tc.want)
		}
		back, err := SplitPointer(got)
		if err != nil || !reflect.DeepEqual(back, tc.tokens) {
			t.Errorf("SplitPointer(%q) = %q, %v; want %q", got, back, err, tc.tokens)
		}
	}
	for _, bad := range []string{"data", "/a~2", "/a~", "/~x/b"} {
		if toks, err := SplitPointer(bad); err == nil {
			t.Errorf("SplitPointer(%q) = %q, want an error", bad, toks)
		} else if !strings.Contains(err.Error(), bad) {
			t.Errorf("error %q does not quote the pointer", err)
		}
	}
}

func TestLookupAndGet(t *testing.T) {
	d, err := Parse([]byte(`[{"id":"1","data":{"hubName":"chat","a/b":{"m~n":[10,20]},"":0},"id":"2"}]`), Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		pointer string
		want    string // Minify of the result; "" for nil
	}{
		{"", `[{"id":"1","data":{"hubName":"chat","a/b":{"m~n":[10,20]},"":0},"id":"2"}]`},
		{"/0/id", `"2"`},
		{"/0/data/hubName", `"chat"`},
		{"/0/data/a~1b/m~0n/1", `20`},
		{"/0/data/", `0`},
		{"/0/data/a~1b/m~0n/2", ""},
		{"/0/data/a~1b/m~0n/-", ""},
		{"/0/data/a~1b/m~0n/01", ""},
		{"/0/data/a~1b/m~0n/+1", ""},
		{"/0/data/a~1b/m~0n/99999999999", ""},
		{"/1", ""},
		{"/0/missing", ""},
		{"/0/id/x", ""},
		{"/0/data/a~2b", ""},
		{"0", ""},
		{"/x", ""},
	}
	for _, tc := range tests {
		got := d.Root.Lookup(tc.pointer)
		switch {
		case tc.want == "" && got != nil:
			t.Errorf("Lookup(%q) = %s, want nil", tc.pointer, Minify(got))
		case tc.want != "" && (got == nil || string(Minify(got)) != tc.want):
			t.Errorf("Lookup(%q) = %v, want %s", tc.pointer, got, tc.want)
		}
	}
	ev := d.Root.Items[0]
	if m := ev.Member("id"); m == nil || m.Value.Text != "2" || m.KeyPos.Column != 65 {
		t.Errorf("Member(id) = %+v, want the last one, at column 65", m)
	}
	var nilNode *Node
	if nilNode.Get("id") != nil || nilNode.Member("id") != nil || d.Root.Get("id") != nil || ev.Get("nope") != nil {
		t.Error("Get on nil, on an array or of a missing key must be nil")
	}
	if nilNode.Lookup("/a") != nil {
		t.Error("Lookup on nil must be nil")
	}
}

func TestExcerpt(t *testing.T) {
	long := `{"topic": "` + strings.Repeat("a", 150) + `", "x": @, "y": "` + strings.Repeat("b", 150) + `"}`
	tests := []struct {
		name string
		src  string
		off  int
		want string
	}{
		{"first line", `{"id": 12,}`, 10, "{\"id\": 12,}\n          ^"},
		{"second line", "[\n    \"id\": 12,\n]", 10, "    \"id\": 12,\n        ^"},
		{"tabs kept", "{\n\t\t\"id\" 1}", 9, "\t\t\"id\" 1}\n\t\t     ^"},
		{"CRLF", "[1,\r\n 2 3]\r\n", 8, " 2 3]\n   ^"},
		{"end of input", "[1,", 3, "[1,\n   ^"},
		{"after last line break", "[1,\n", 4, "\n^"},
		{"multi-byte before", `{"é日": x}`, 10, "{\"é日\": x}\n       ^"},
		{"BOM not shown", "\xEF\xBB\xBF[1 2]", 6, "[1 2]\n   ^"},
		{"control characters shown", "[\"a\x01b\"]", 3, "[\"a\u2401b\"]\n   ^"},
		{"invalid byte shown", "[\"caf\xE9\"]", 5, "[\"caf\uFFFD\"]\n     ^"},
		{"offset clamped", "[]", 99, "[]\n  ^"},
		{"long line trimmed", long, strings.Index(long, "@"), "…" + long[strings.Index(long, "@")-50:strings.Index(long, "@")+50] + "…\n" + strings.Repeat(" ", 51) + "^"},
		{"long line start", long, 1, long[:100] + "…\n ^"},
		{"long line end", long, len(long) - 1, "…" + long[len(long)-100:] + "\n" + strings.Repeat(" ", 100) + "^"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Excerpt([]byte(tc.src), Pos{Offset: tc.off})
			if got != tc.want {
				t.Errorf("Excerpt = %q, want %q", got, tc.want)
			}
		})
	}
	// An error's excerpt puts the caret under its column.
	src := "[\n  {\"id\": \"1\" \"subject\": \"/hub/chat\"}\n]"
	_, err := Parse([]byte(src), Options{})
	se, ok := err.(*SyntaxError)
	if !ok {
		t.Fatalf("got %v, want a syntax error", err)
	}
	if got, want := Excerpt([]byte(src), se.Pos), "  {\"id\": \"1\" \"subject\": \"/hub/chat\"}\n"+strings.Repeat(" ", se.Pos.Column-1)+"^"; got != want {
		t.Errorf("Excerpt = %q, want %q", got, want)
	}
}
