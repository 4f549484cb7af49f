package jsontree

import (
	"strings"
	"testing"
)

// checkSpans compares LineIndex with the positions of Pretty's text decoded
// again, for every value of the document.
func checkSpans(t *testing.T, root *Node) {
	t.Helper()
	text := Pretty(root)
	doc, err := Parse(text, Options{MaxDepth: 100000})
	if err != nil {
		t.Fatalf("Pretty output does not parse: %v", err)
	}
	x := NewLineIndex(root)
	var walk func(n *Node, p string)
	walk = func(n *Node, p string) {
		want := doc.Root.Lookup(p)
		first, last, ok := x.Span(p)
		if want == nil {
			if ok {
				t.Errorf("Span(%q) = %d..%d, want none", p, first, last)
			}
			return
		}
		wf, wl := want.Pos.Line, doc.PosAt(max(want.End-1, want.Pos.Offset)).Line
		if !ok || first != wf || last != wl {
			t.Errorf("Span(%q) = %d..%d %v, want %d..%d\n%s", p, first, last, ok, wf, wl, text)
		}
		if n == nil {
			return
		}
		for i := range n.Members {
			walk(n.Members[i].Value, p+"/"+escapeToken(n.Members[i].Key))
		}
		for i, it := range n.Items {
			walk(it, p+"/"+itoa(i))
		}
	}
	walk(root, "")
}

func TestLineIndex(t *testing.T) {
	for _, src := range []string{
		`1`, `{}`, `[]`, `"x"`,
		`{"a": 1, "b": [1, [], {}, [2, 3]], "c": {"d": {"e": null}}, "a/b": {"~": true}}`,
		`[{"id": "1", "data": {"x": [1, 2]}}, {"id": "2", "data": {}}]`,
		`{"a": 1, "a": {"b": [1, 2]}}`, // duplicate keys: the last one is looked up
	} {
		doc, err := Parse([]byte(src), Options{})
		if err != nil {
			t.Fatal(err)
		}
		checkSpans(t, doc.Root)
	}
	// Shared nodes (as converted trees have) count where they appear.
	shared := NewObject(NewMember("k", NewArray(NewInt(1), NewInt(2))))
	root := NewArray(shared, NewString("x"), shared, NewObject(NewMember("s", shared)))
	checkSpans(t, root)
	x := NewLineIndex(root)
	for _, p := range []string{"/9", "/0/nope", "/1/0", "x", "/0/k/01", "/0/k/-"} {
		if f, l, ok := x.Span(p); ok {
			t.Errorf("Span(%q) = %d..%d, want none", p, f, l)
		}
	}
}

func FuzzLineIndex(f *testing.F) {
	for _, s := range []string{`{"a":[1,{"b":{}}],"c":"d"}`, `[[[]],[{}],1]`, `{"~0":{"/":[1]}}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 4096 || strings.Count(src, "[")+strings.Count(src, "{") > 200 {
			return
		}
		doc, err := Parse([]byte(src), Options{})
		if err != nil {
			return
		}
		checkSpans(t, doc.Root)
	})
}
