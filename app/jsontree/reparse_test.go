package jsontree

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"eventlens/app/gen"
)

// sameDoc fails unless got is the Doc want is, as Parse made it: the same
// tree with the same positions, notes, line index, text and value count.
func sameDoc(t *testing.T, got, want *Doc) {
	t.Helper()
	if !bytes.Equal(got.Src, want.Src) {
		t.Fatal("Src differs")
	}
	if got.space != want.space || got.CompactLen() != want.CompactLen() {
		t.Errorf("space = %d, want %d", got.space, want.space)
	}
	if got.values != want.values {
		t.Errorf("values = %d, want %d", got.values, want.values)
	}
	if !slices.Equal(got.lines, want.lines) {
		t.Errorf("lines differ:\n got %v\nwant %v", got.lines, want.lines)
	}
	if len(got.Notes) != len(want.Notes) {
		t.Fatalf("%d notes, want %d:\n got %+v\nwant %+v", len(got.Notes), len(want.Notes), got.Notes, want.Notes)
	}
	for i := range got.Notes {
		g, w := got.Notes[i], want.Notes[i]
		if (g.Other == nil) != (w.Other == nil) || g.Other != nil && *g.Other != *w.Other {
			t.Errorf("note %d: Other %v, want %v", i, g.Other, w.Other)
		}
		g.Other, w.Other = nil, nil
		if g != w {
			t.Errorf("note %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
	if d := nodeDiff(got.Root, want.Root, ""); d != "" {
		t.Fatal(d)
	}
}

// nodeDiff describes the first difference between two trees, positions
// included, or returns "".
func nodeDiff(a, b *Node, at string) string {
	if a.Kind != b.Kind || a.Pos != b.Pos || a.End != b.End || a.Text != b.Text ||
		len(a.Members) != len(b.Members) || len(a.Items) != len(b.Items) {
		return fmt.Sprintf("at %q: got %v %+v end %d %q (%d members, %d items), want %v %+v end %d %q (%d members, %d items)",
			at, a.Kind, a.Pos, a.End, a.Text, len(a.Members), len(a.Items), b.Kind, b.Pos, b.End, b.Text, len(b.Members), len(b.Items))
	}
	for i := range a.Members {
		ma, mb := a.Members[i], b.Members[i]
		if ma.Key != mb.Key || ma.KeyPos != mb.KeyPos {
			return fmt.Sprintf("at %q: key %q %+v, want %q %+v", at, ma.Key, ma.KeyPos, mb.Key, mb.KeyPos)
		}
		if d := nodeDiff(ma.Value, mb.Value, at+"/"+ma.Key); d != "" {
			return d
		}
	}
	for i := range a.Items {
		if d := nodeDiff(a.Items[i], b.Items[i], fmt.Sprintf("%s/%d", at, i)); d != "" {
			return d
		}
	}
	return ""
}

// edited returns src with n bytes at off replaced by ins.
func edited(src []byte, off, n int, ins string) []byte {
	out := append([]byte{}, src[:off]...)
	out = append(out, ins...)
	return append(out, src[off+n:]...)
}

// checkReparse reparses src edited into next and compares the result with
// Parse's; it returns the Doc of next (nil when next does not decode) and
// whether Reparse did the work.
func checkReparse(t *testing.T, src, next []byte, opts Options) (*Doc, bool) {
	t.Helper()
	old, err := Parse(src, opts)
	if err != nil {
		t.Fatalf("the text before the edit does not decode: %v", err)
	}
	want, werr := Parse(next, opts)
	var before []Pos // where the elements start before the edit
	if old.Root.Kind == Array {
		for _, it := range old.Root.Items {
			before = append(before, it.Pos)
		}
	}
	got, e, ok := Reparse(old, next, opts)
	k := e.Item
	if !ok {
		if got != nil || k != -1 {
			t.Fatalf("refused, yet returned %v, %d", got, k)
		}
		return want, false
	}
	if werr != nil {
		t.Fatalf("Reparse accepts an edit that Parse refuses (%v): %q", werr, next)
	}
	sameDoc(t, got, want)
	if k < 0 || k >= len(got.Root.Items) {
		t.Fatalf("element %d of %d", k, len(got.Root.Items))
	}
	for i := k + 1; i < len(before); i++ {
		if m := e.Moved(before[i]); m != got.Root.Items[i].Pos || e.MovedOffset(before[i].Offset) != m.Offset {
			t.Fatalf("element %d moved from %+v to %+v, Edit says %+v", i, before[i], got.Root.Items[i].Pos, m)
		}
	}
	return got, true
}

// TestReparseMatchesParse types, deletes and replaces text all over batches
// (pretty-printed, minified, with CRLF, non-ASCII text and notes), one
// edit after another on the reparsed Doc, and compares every result with
// Parse's.
func TestReparseMatchesParse(t *testing.T) {
	pretty := gen.Batch(gen.EventGrid, 12)
	d, err := Parse(pretty, Options{})
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string][]byte{
		"pretty":   pretty,
		"minified": Minify(d.Root),
		"mixed": []byte("\xEF\xBB\xBF[\r\n {\"a\": \"çà日本\", \"a\": 1, \"n\": 1e999},\r\n" +
			"\t{\"b\": [\"😀\", \"\\ud800\"], \"b\": {\"c\": null}} , {\"d\":\n\"é\"}, 7, \"x\"]\n"),
	}
	inserts := []string{"a", "é", "日", "\n", " ", "\r\n", "\"", ",", "}", "1", "\"x\":1,", "\"a\":2,", "😀"}
	for name, text := range texts {
		t.Run(name, func(t *testing.T) {
			src, reparsed, refused := text, 0, 0
			seed := uint64(len(text))
			for step := range 400 {
				seed = seed*6364136223846793005 + 1442695040888963407
				off := int(seed>>33) % len(src)
				n := int(seed>>20) % 4
				if off+n > len(src) {
					n = len(src) - off
				}
				ins := inserts[int(seed>>8)%len(inserts)]
				if step%3 == 0 {
					ins = ""
				}
				next := edited(src, off, n, ins)
				if testing.Verbose() {
					t.Logf("step %d: %d bytes at %d replaced by %q in %q", step, n, off, ins, src)
				}
				doc, ok := checkReparse(t, src, next, Options{})
				if ok {
					reparsed++
				} else {
					refused++
				}
				if doc != nil && doc.Root.Kind == Array && len(doc.Root.Items) > 1 {
					src = next // go on from the edited text while it decodes
				}
			}
			t.Logf("%s: %d edits reparsed, %d refused", name, reparsed, refused)
			if reparsed < 25 {
				t.Errorf("only %d of 400 edits were reparsed", reparsed)
			}
		})
	}
}

// TestReparseRefuses checks the edits Reparse leaves to Parse, and that it
// then leaves the old Doc as it was.
func TestReparseRefuses(t *testing.T) {
	src := []byte(`[{"a":1}, {"b":2}, {"c":[1,2]}]`)
	cases := []struct {
		name string
		next []byte
		opts Options
	}{
		{"unchanged", src, Options{}},
		{"across two elements", edited(src, 5, 7, ""), Options{}},
		{"the comma between elements", edited(src, 8, 1, ""), Options{}},
		{"the element no longer decodes", edited(src, 7, 1, ""), Options{}},
		{"too many values", edited(src, 26, 0, ",3"), Options{MaxValues: 9}},
		{"too deep", edited(src, 26, 0, ",[[1]]"), Options{MaxDepth: 3}},
		{"too large", edited(src, 26, 0, ",3"), Options{MaxBytes: len(src) + 1}},
		{"a byte-order mark", edited(src, 1, 0, "\xEF\xBB\xBF"), Options{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			old, err := Parse(src, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got, _, ok := Reparse(old, c.next, c.opts); ok {
				t.Fatalf("Reparse accepted it: %s", Minify(got.Root))
			}
			fresh, _ := Parse(src, Options{})
			sameDoc(t, old, fresh)
		})
	}
	obj, _ := Parse([]byte(`{"a":1}`), Options{})
	if _, _, ok := Reparse(obj, []byte(`{"a":12}`), Options{}); ok {
		t.Error("Reparse accepted an object payload")
	}
}

// TestReparseKeepsLimits checks that an edit within the limits is
// reparsed up to them exactly.
func TestReparseKeepsLimits(t *testing.T) {
	src := []byte(`[{"a":1}, {"b":2}, {"c":[1,2]}]`) // 9 values, 3 levels
	if _, ok := checkReparse(t, src, edited(src, 26, 0, ",3"), Options{MaxValues: 10}); !ok {
		t.Error("10 values of 10 were refused")
	}
	if _, ok := checkReparse(t, src, edited(src, 16, 0, `,"d":[3]`), Options{MaxDepth: 3}); !ok {
		t.Error("3 levels of 3 were refused")
	}
}

// TestReparseAroundElements checks edits in the white space around an
// element, up to the commas: they are the element's.
func TestReparseAroundElements(t *testing.T) {
	src := []byte("[\n  {\"a\": 1},\n  {\"b\": 2}\n]")
	for _, c := range []struct {
		name string
		next []byte
		item int
	}{
		{"spaces after the last element", edited(src, 24, 0, "   "), 1},
		{"a line before the first element", edited(src, 1, 0, "\n"), 0},
		{"indentation of the second element", edited(src, 14, 2, "\t"), 1},
		{"spaces before a comma", edited(src, 12, 0, "  "), 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			old, _ := Parse(src, Options{})
			want, err := Parse(c.next, Options{})
			if err != nil {
				t.Fatal(err)
			}
			got, e, ok := Reparse(old, c.next, Options{})
			if !ok || e.Item != c.item {
				t.Fatalf("Reparse: ok %v, element %d, want element %d", ok, e.Item, c.item)
			}
			sameDoc(t, got, want)
		})
	}
}

// TestReparseNotesNearTheCap leaves notes to Parse once a code nears the
// cap past which Parse summarises them.
func TestReparseNotesNearTheCap(t *testing.T) {
	var b strings.Builder
	b.WriteString("[")
	for i := range maxNotesPerCode {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`{"a":1,"a":2}`)
	}
	b.WriteString(`,{"z":0}]`)
	src := []byte(b.String())
	next := edited(src, len(src)-3, 0, `,"z":1`)
	if _, ok := checkReparse(t, src, next, Options{}); ok {
		t.Error("reparsed with a code at the cap")
	}
}

// FuzzReparse applies an edit (delete n bytes at off, insert ins) to a
// decoded array and checks that whatever Reparse accepts is what Parse
// returns.
func FuzzReparse(f *testing.F) {
	f.Add([]byte(multiLine), uint16(60), uint8(1), "é")
	f.Add([]byte(`[{"a":1,"a":2},{"b":"\ud800"},3]`), uint16(5), uint8(0), "\n")
	f.Add([]byte("[\r\n{\"x\":\"日本\"},\r\n{\"y\":[]}]"), uint16(12), uint8(2), "\"z\":1,")
	f.Add(gen.Batch(gen.CloudEvents, 3), uint16(300), uint8(3), "}")
	f.Fuzz(func(t *testing.T, src []byte, off uint16, n uint8, ins string) {
		old, err := Parse(src, Options{MaxDepth: 64})
		if err != nil || old.Root.Kind != Array || len(src) == 0 {
			return
		}
		o := int(off) % (len(src) + 1)
		del := min(int(n%8), len(src)-o)
		checkReparse(t, src, edited(src, o, del, ins), Options{MaxDepth: 64})
	})
}

// TestCompactLen checks the white space Parse counts against a count of
// the text, with a BOM, CRLF, escapes and white space around the value.
func TestCompactLen(t *testing.T) {
	for _, s := range []string{multiLine, "\xEF\xBB\xBF \r\n[1, \"a \\\" b\" ,\t{\"k\" : [ ]}]\n\n", `"x"`, " 12 ", string(gen.Batch(gen.CloudEvents, 3))} {
		d, err := Parse([]byte(s), Options{})
		if err != nil {
			t.Fatal(err)
		}
		text := d.Src[d.Root.Pos.Offset:d.Root.End]
		want := len(text) - spaceIn(text)
		if got := d.CompactLen(); got != want || want != len(Minify(d.Root)) && !strings.Contains(s, `\"`) {
			t.Errorf("CompactLen(%.30q) = %d, want %d (Minify gives %d)", s, got, want, len(Minify(d.Root)))
		}
	}
}
