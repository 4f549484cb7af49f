package outline

import (
	"fmt"
	"strings"
	"testing"

	"eventlens/app/jsontree"
)

func parse(t *testing.T, src string) *jsontree.Node {
	t.Helper()
	doc, err := jsontree.Parse([]byte(src), jsontree.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return doc.Root
}

// lines writes the rows one a line: depth, label, preview, pointer, parent.
func lines(rows []Row) string {
	var b strings.Builder
	for _, r := range rows {
		fmt.Fprintf(&b, "%s%s %s %s ^%d\n", strings.Repeat(". ", r.Depth), r.Label(), r.Preview(), r.Pointer, r.Parent)
	}
	return b.String()
}

func TestRows(t *testing.T) {
	root := parse(t, `{"a/b": 1, "list": [true, {"x": null}], "s": "hi"}`)
	tr := New(root, "/0")
	want := ` {3 keys} /0 ^-1
. a/b 1 /0/a~1b ^0
. list [2 items] /0/list ^0
. s "hi" /0/s ^0
`
	if got := lines(tr.Rows()); got != want {
		t.Errorf("root open:\n%s\nwant:\n%s", got, want)
	}
	list := root.Get("list")
	tr.Toggle(list)
	tr.Toggle(list.Items[1])
	want = ` {3 keys} /0 ^-1
. a/b 1 /0/a~1b ^0
. list [2 items] /0/list ^0
. . [0] true /0/list/0 ^2
. . [1] {1 key} /0/list/1 ^2
. . . x null /0/list/1/x ^4
. s "hi" /0/s ^0
`
	if got := lines(tr.Rows()); got != want {
		t.Errorf("expanded:\n%s\nwant:\n%s", got, want)
	}
	for _, r := range tr.Rows() {
		if r.Pointer != "/0" && root.Lookup(strings.TrimPrefix(r.Pointer, "/0")) != r.Node {
			t.Errorf("row %s does not point at its value", r.Pointer)
		}
	}
	tr.Toggle(list)
	if n := len(tr.Rows()); n != 4 || !tr.Open(list.Items[1]) {
		t.Errorf("collapsed: %d rows (want 4), inner state kept %v", n, tr.Open(list.Items[1]))
	}
	tr.SetOpen(root.Get("s"), true) // a scalar does not open
	if n := len(tr.Rows()); n != 4 {
		t.Errorf("after opening a string: %d rows", n)
	}
}

func TestPreviewShortens(t *testing.T) {
	root := parse(t, `["`+strings.Repeat("é", 100)+`"]`)
	tr := New(root, "")
	if p := tr.Rows()[1].Preview(); !strings.HasSuffix(p, `"…`) || len([]rune(p)) != maxPreview+3 {
		t.Errorf("preview %q", p)
	}
}

func TestMaxRows(t *testing.T) {
	root := parse(t, "["+strings.Repeat("0,", MaxRows+10)+"0]")
	tr := New(root, "")
	if n := len(tr.Rows()); n != MaxRows || !tr.Cut() {
		t.Errorf("%d rows, cut %v; want %d, cut", n, tr.Cut(), MaxRows)
	}
}

func TestWrappedShortensLater(t *testing.T) {
	long := strings.Repeat("é", 200)
	root := parse(t, `["`+long+`", "`+strings.Repeat("x", MaxWrapped+5)+`"]`)
	rows := New(root, "").Rows()
	if got := rows[1].Wrapped(); got != `"`+long+`"` {
		t.Errorf("wrapped 200 characters as %q", got)
	}
	if got := rows[2].Wrapped(); !strings.HasSuffix(got, `"…`) || len(got) != MaxWrapped+2+len("…") {
		t.Errorf("wrapped %d characters: %d bytes, ends %q", MaxWrapped+5, len(got), got[len(got)-8:])
	}
}

func TestLines(t *testing.T) {
	src := "[\n  {\n    \"a\": 1,\n    \"b\": [\n      2\n    ]\n  }\n]\n"
	root := parse(t, src)
	tr := New(root, "")
	tr.SetOpen(root.Items[0], true)
	var got []int
	for _, r := range tr.Rows() {
		got = append(got, r.Line())
	}
	if fmt.Sprint(got) != "[1 2 3 4]" {
		t.Errorf("lines %v, want [1 2 3 4]", got)
	}
	// The last line is 8 (the closing bracket); LastLine may say more, never less.
	if l := tr.LastLine(); l < 8 || l > 9 {
		t.Errorf("LastLine %d, want 8 or 9", l)
	}
	if l := New(parse(t, `[]`), "").LastLine(); l != 2 {
		t.Errorf("LastLine of [] %d", l)
	}
}
