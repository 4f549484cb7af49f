package jsondiff

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"eventlens/app/convert"
	"eventlens/app/jsontree"
	"eventlens/internal/fixture"
)

func parse(t testing.TB, src string) *jsontree.Node {
	t.Helper()
	return fixture.Parse(t, src).Root
}

// checkPatch applies Patch(a, changes) to a (as encoding/json decodes it)
// and fails unless the result equals b.
func checkPatch(t testing.TB, aSrc string, a, b *jsontree.Node, changes []Change) []byte {
	t.Helper()
	patch := Patch(a, changes)
	if !json.Valid(patch) {
		t.Fatalf("Patch is not valid JSON:\n%s", patch)
	}
	doc, err := decode([]byte(aSrc))
	if err != nil {
		t.Fatalf("encoding/json cannot decode the old document: %v", err)
	}
	got, err := applyPatch(doc, patch)
	if err != nil {
		t.Fatalf("applying the patch: %v\npatch:\n%s", err, patch)
	}
	text, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	res, err := jsontree.Parse(text, jsontree.Options{MaxDepth: 100000})
	if err != nil {
		t.Fatalf("patched document: %v", err)
	}
	if !jsontree.Equal(res.Root, b) {
		t.Fatalf("patch does not give the new document:\ngot  %s\nwant %s\npatch:\n%s\nchanges:\n%s",
			text, jsontree.Minify(b), patch, list(changes))
	}
	return patch
}

// list renders changes one per line.
func list(cs []Change) string {
	var b strings.Builder
	for _, c := range cs {
		b.WriteString(c.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// brief renders a change as "op path" or "op path<oldpath" when they differ.
func brief(c Change) string {
	switch {
	case c.Op == Add || c.OldPath == c.Path:
		return fmt.Sprintf("%s %s", c.Op, c.Path)
	}
	return fmt.Sprintf("%s %s<%s", c.Op, c.Path, c.OldPath)
}

func briefs(cs []Change) []string {
	out := []string{}
	for _, c := range cs {
		out = append(out, brief(c))
	}
	return out
}

func ev(id string, extra string) string {
	if extra != "" {
		extra = "," + extra
	}
	return fmt.Sprintf(`{"id":%q,"eventType":"Microsoft.SignalRService.ClientConnectionConnected","data":{"hubName":"chat","connectionId":"c-%s"}%s}`, id, id, extra)
}

func TestCompare(t *testing.T) {
	byPosition := Options{}
	tests := []struct {
		name string
		a, b string
		opts *Options // nil: DefaultOptions
		want []string
	}{
		{"equal", `{"a":1}`, `{"a":1}`, nil, []string{}},
		{"key order is not a difference", `{"a":1,"b":[1,2],"c":{"x":null,"y":true}}`, `{"c":{"y":true,"x":null},"b":[1,2],"a":1}`, nil, []string{}},
		{"numbers by value", `{"n":1.0,"m":1e2,"z":-0,"f":0.50}`, `{"n":1,"m":100,"z":0,"f":5e-1}`, nil, []string{}},
		{"strings by decoded text", `{"s":"caf\u00e9 \/ \"q\""}`, `{"s":"café / \"q\""}`, nil, []string{}},
		{"scalar replaced", `{"s":"a","n":1,"b":true}`, `{"s":"b","n":1.5,"b":false}`, nil, []string{"replace /s", "replace /n", "replace /b"}},
		{"kind changed", `{"s":"1","o":{},"a":[]}`, `{"s":1,"o":[],"a":null}`, nil, []string{"replace /s", "replace /o", "replace /a"}},
		{"keys removed and added", `{"a":1,"b":2}`, `{"b":2,"c":3}`, nil, []string{"remove /a", "add /c"}},
		{"keys needing escapes", `{"a/b":1,"c~d":2,"":3}`, `{"a/b":2,"":4}`, nil, []string{"replace /a~1b", "remove /c~0d", "replace /"}},
		{"duplicate keys: the last wins", `{"x":1,"x":2}`, `{"x":2}`, nil, []string{}},
		{"duplicate keys changed", `{"x":1,"x":2,"y":0}`, `{"y":0,"x":1}`, nil, []string{"replace /x"}},
		{"large objects (indexed keys)", `{"k3":"first",` + members(0, 20) + `}`, `{` + members(1, 20) + `,"k20":"new"}`, nil,
			[]string{"remove /k0", "add /k20"}},
		{"large objects with a duplicate key", `{` + members(0, 15) + `,"k1":"again"}`, `{` + members(0, 15) + `}`, nil,
			[]string{"replace /k1"}},
		{"root scalar", `1`, `"x"`, nil, []string{"replace "}},
		{"root number by value", `10`, `1e1`, nil, []string{}},
		{"insert in the middle is one add", `[1,2,3,4,5]`, `[1,2,9,3,4,5]`, nil, []string{"add /2"}},
		{"remove from the middle", `["a","b","c","d"]`, `["a","c","d"]`, nil, []string{"remove /1"}},
		{"replace one element", `[1,2,3]`, `[1,7,3]`, nil, []string{"replace /1"}},
		{"several edits aligned", `["a","b","c","d","e","f"]`, `["b","c","x","e","f","g"]`, nil,
			[]string{"remove /0", "replace /2</3", "add /5"}},
		{"nested change after a removal uses both indices", `[1,2,[1,2,3]]`, `[2,[1,3]]`, nil,
			[]string{"remove /0", "remove /2/1"}},
		{"same kinds are paired in a gap", `["keep","drop",[1,2,3]]`, `["keep",[1,3],"new"]`, nil,
			[]string{"remove /1", "remove /2/1", "add /2"}},
		{"empty arrays", `[]`, `[]`, nil, []string{}},
		{"array emptied", `[1,2]`, `[]`, nil, []string{"remove /0", "remove /1"}},
		{"array filled", `[]`, `[1,2]`, nil, []string{"add /0", "add /1"}},
		{
			"events matched by id: moved, changed, removed, added",
			"[" + ev("1", "") + "," + ev("2", "") + "," + ev("3", "") + "]",
			"[" + ev("3", `"subject":"/hub/chat"`) + "," + ev("1", "") + "," + ev("4", "") + "]",
			nil,
			[]string{"remove /1", "add /0/subject", "move /1</0", "add /2"},
		},
		{
			"events: nested change in a shifted event",
			`[{"id":"1"},{"id":"2","l":[1,2,3]}]`, `[{"id":"2","l":[1,3]}]`, nil,
			[]string{"remove /0", "remove /1/l/1"},
		},
		{
			"events reversed: fewest moves",
			`[{"id":"a"},{"id":"b"},{"id":"c"},{"id":"d"}]`, `[{"id":"d"},{"id":"a"},{"id":"b"},{"id":"c"}]`, nil,
			[]string{"move /0</3"},
		},
		{
			"duplicate ids: not matched by id",
			`[{"id":"1","n":1},{"id":"1","n":2}]`, `[{"id":"1","n":2}]`, nil,
			[]string{"remove /0"},
		},
		{
			"ids not strings: not matched by id",
			`[{"id":1,"n":1},{"id":2}]`, `[{"id":2},{"id":1,"n":1}]`, nil,
			[]string{"remove /0", "add /1"},
		},
		{
			"matching by id off: by position",
			`[{"id":"a"},{"id":"b"}]`, `[{"id":"b"},{"id":"a"}]`, &byPosition,
			[]string{"remove /0", "add /1"},
		},
		{"limit on changes", `{"a":1,"b":2,"c":3}`, `{"a":0,"b":0,"c":0}`, &Options{MaxChanges: 2}, []string{"replace /a", "replace /b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := DefaultOptions()
			if tt.opts != nil {
				opts = *tt.opts
			}
			a, b := parse(t, tt.a), parse(t, tt.b)
			got := Compare(a, b, opts)
			if g, w := strings.Join(briefs(got), ", "), strings.Join(tt.want, ", "); g != w {
				t.Errorf("Compare =\n  %s\nwant\n  %s\n%s", g, w, list(got))
			}
			if opts.MaxChanges == 0 {
				checkPatch(t, tt.a, a, b, got)
			}
			checkComparer(t, a, b, opts, got)
			for _, c := range got {
				if (c.Op == Add) != (c.Old == nil) || (c.Op == Remove) != (c.New == nil) {
					t.Errorf("%s: Old/New do not fit the op", c)
				}
				if c.Op != Add && a.Lookup(c.OldPath) == nil {
					t.Errorf("%s: OldPath not in the old document", c)
				}
				if c.Op != Remove && b.Lookup(c.Path) == nil {
					t.Errorf("%s: Path not in the new document", c)
				}
			}
		})
	}
}

// members returns the members "k<i>": i for from <= i < to, in a
// scrambled order.
func members(from, to int) string {
	var ms []string
	for i := from; i < to; i++ {
		k := from + (i-from)*7%(to-from)
		ms = append(ms, fmt.Sprintf(`"k%d":%d`, k, k))
	}
	return strings.Join(ms, ",")
}

// Values that jsontree.Equal finds equal hash alike, so aligning arrays
// never misses an equal pair.
func TestHashFollowsEqual(t *testing.T) {
	equal := [][2]string{
		{`{"a":1,"b":[true,null,false]}`, `{"b":[true,null,false],"a":1.0}`},
		{`{"x":1,"x":2}`, `{"x":2}`},
		{`-0`, `0`}, {`-0.0e5`, `0`}, {`1e400`, `10E399`},
		{`"\u00e9\n"`, `"é\n"`}, {`[[],{}]`, `[[],{}]`},
	}
	for _, p := range equal {
		a, b := parse(t, p[0]), parse(t, p[1])
		if !jsontree.Equal(a, b) {
			t.Fatalf("%s and %s: jsontree.Equal says different", p[0], p[1])
		}
		if hash(a) != hash(b) {
			t.Errorf("hash(%s) != hash(%s)", p[0], p[1])
		}
	}
	different := [][2]string{
		{`[1,2]`, `[2,1]`}, {`{"a":1,"b":2}`, `{"a":2,"b":1}`}, {`true`, `false`}, {`null`, `false`},
		{`"1"`, `1`}, {`[]`, `{}`}, {`1e400`, `-1e400`}, {`0.1`, `0.2`},
	}
	for _, p := range different {
		if hash(parse(t, p[0])) == hash(parse(t, p[1])) {
			t.Errorf("hash(%s) == hash(%s)", p[0], p[1])
		}
	}
}

func TestCompareNil(t *testing.T) {
	if got := Compare(nil, nil, DefaultOptions()); len(got) != 0 {
		t.Errorf("Compare(nil, nil) = %v", got)
	}
	got := Compare(nil, parse(t, `{"a":1}`), DefaultOptions())
	if len(got) != 1 || got[0].Op != Replace || got[0].Old.Kind != jsontree.Null {
		t.Errorf("Compare(nil, object) = %v, want one replace of null", got)
	}
}

// Past the alignment bound, arrays are compared by position: more changes,
// but the patch is still right.
func TestAlignCostBound(t *testing.T) {
	aSrc := `[0,1,2,3,4,5,6,7,8,9]`
	bSrc := `[0,10,1,2,3,4,5,6,7,9]`
	a, b := parse(t, aSrc), parse(t, bSrc)
	aligned := Compare(a, b, DefaultOptions())
	if got := strings.Join(briefs(aligned), ", "); got != "add /1, remove /8" {
		t.Errorf("aligned: %s", got)
	}
	positional := Compare(a, b, Options{MaxAlignCost: 3})
	if len(positional) != 8 {
		t.Errorf("by position: %d changes, want 8 replaces:\n%s", len(positional), list(positional))
	}
	checkPatch(t, aSrc, a, b, positional)
}

// The alignment finds a longest common subsequence: compared with the
// textbook dynamic programme on random sequences.
func TestAlignIsLongest(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := 0; round < 2000; round++ {
		xs := make([]int, rng.IntN(25))
		ys := make([]int, rng.IntN(25))
		for i := range xs {
			xs[i] = rng.IntN(4)
		}
		for i := range ys {
			ys[i] = rng.IntN(4)
		}
		m := &myers{a: xs, b: ys, budget: 1 << 30}
		m.align(0, len(xs), 0, len(ys))
		last := [2]int{-1, -1}
		for _, p := range m.pairs {
			if p[0] <= last[0] || p[1] <= last[1] || xs[p[0]] != ys[p[1]] {
				t.Fatalf("%v / %v: bad pairs %v", xs, ys, m.pairs)
			}
			last = p
		}
		if want := lcsLength(xs, ys); len(m.pairs) != want {
			t.Fatalf("%v / %v: %d pairs, LCS is %d", xs, ys, len(m.pairs), want)
		}
	}
}

func lcsLength(xs, ys []int) int {
	t := make([][]int, len(xs)+1)
	for i := range t {
		t[i] = make([]int, len(ys)+1)
	}
	for i := len(xs) - 1; i >= 0; i-- {
		for j := len(ys) - 1; j >= 0; j-- {
			if xs[i] == ys[j] {
				t[i][j] = t[i+1][j+1] + 1
			} else {
				t[i][j] = max(t[i+1][j], t[i][j+1])
			}
		}
	}
	return t[0][0]
}

func TestIncreasing(t *testing.T) {
	tests := []struct{ in, want []int }{
		{nil, []int{}},
		{[]int{3, 0, 1, 2}, []int{0, 1, 2}},
		{[]int{0, 1, 2}, []int{0, 1, 2}},
		{[]int{2, 1, 0}, []int{0}},
		{[]int{1, 5, 2, 6, 3, 7}, []int{1, 2, 3, 7}},
	}
	for _, tt := range tests {
		if got := increasing(tt.in); fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("increasing(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// Patch orders operations for sequential application: removes from the
// top index down, then moves, then adds from the bottom up, then nested
// changes at their new indices.
func TestPatchText(t *testing.T) {
	tests := []struct {
		name, a, b, want string
	}{
		{"equal", `[1]`, `[1]`, "[]\n"},
		{"removes top down, adds bottom up, then replaces at new indices",
			`[0,1,2,3,4,5]`, `[1,3,"x",5,6,7]`,
			"[\n" +
				`  {"op":"remove","path":"/2"},` + "\n" +
				`  {"op":"remove","path":"/0"},` + "\n" +
				`  {"op":"add","path":"/4","value":6},` + "\n" +
				`  {"op":"add","path":"/5","value":7},` + "\n" +
				`  {"op":"replace","path":"/2","value":"x"}` + "\n]\n"},
		{"remove then nested change at the new index",
			`[{"id":"1"},{"id":"2","l":[1,2,3]}]`, `[{"id":"2","l":[1,3]}]`,
			"[\n" +
				`  {"op":"remove","path":"/0"},` + "\n" +
				`  {"op":"remove","path":"/0/l/1"}` + "\n]\n"},
		{"move",
			`[{"id":"a"},{"id":"b"},{"id":"c"}]`, `[{"id":"c"},{"id":"a"},{"id":"b"}]`,
			"[\n" + `  {"op":"move","from":"/2","path":"/0"}` + "\n]\n"},
		{"escaped keys",
			`{"a/b":{"~":1}}`, `{"a/b":{"~":2}}`,
			"[\n" + `  {"op":"replace","path":"/a~1b/~0","value":2}` + "\n]\n"},
		{"root", `"x"`, `{"k":"<&>"}`, "[\n" + `  {"op":"replace","path":"","value":{"k":"<&>"}}` + "\n]\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := parse(t, tt.a), parse(t, tt.b)
			patch := checkPatch(t, tt.a, a, b, Compare(a, b, DefaultOptions()))
			if string(patch) != tt.want {
				t.Errorf("Patch =\n%s\nwant\n%s", patch, tt.want)
			}
		})
	}
}

// Patch takes the changes in any order.
func TestPatchOrderFree(t *testing.T) {
	aSrc := "[" + ev("1", "") + "," + ev("2", `"l":[1,2,3,4]`) + "," + ev("3", "") + "," + ev("5", "") + "]"
	bSrc := "[" + ev("5", `"x":1`) + "," + ev("3", "") + "," + ev("4", "") + "," + ev("2", `"l":[0,1,3]`) + "]"
	a, b := parse(t, aSrc), parse(t, bSrc)
	cs := Compare(a, b, DefaultOptions())
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20 {
		rng.Shuffle(len(cs), func(i, j int) { cs[i], cs[j] = cs[j], cs[i] })
		checkPatch(t, aSrc, a, b, cs)
	}
}

// Changes that Compare would not make are left out of the patch without
// failing.
func TestPatchForeignChanges(t *testing.T) {
	a := parse(t, `{"l":[1,2],"o":{"k":1}}`)
	cs := []Change{
		{Op: Remove, Path: "/l/7", OldPath: "/l/7"},
		{Op: Add, Path: "/l/9", New: parse(t, `1`)},
		{Op: Move, Path: "/l/0", OldPath: "/x/3"},
		{Op: Move, Path: "/l/5", OldPath: "/l/0"},
		{Op: Add, Path: ""},
		{Op: Remove, Path: "", OldPath: ""},
		{Op: "copy", Path: "/o"},
		{Op: Replace, Path: "/o/k", OldPath: "/o/k"}, // New nil: null
	}
	patch := Patch(a, cs)
	if !json.Valid(patch) {
		t.Fatalf("not JSON: %s", patch)
	}
	if want := "[\n" + `  {"op":"replace","path":"/o/k","value":null}` + "\n]\n"; string(patch) != want {
		t.Errorf("Patch =\n%s\nwant\n%s", patch, want)
	}
}

func TestChangeString(t *testing.T) {
	long := parse(t, `"`+strings.Repeat("é", 50)+`"`)
	tests := []struct {
		c    Change
		want string
	}{
		{Change{Op: Replace, Path: "/0/data/userId", OldPath: "/0/data/userId", Old: parse(t, `"a"`), New: parse(t, `"b"`)}, `replace /0/data/userId: "a" → "b"`},
		{Change{Op: Replace, Path: "/1/x", OldPath: "/2/x", Old: parse(t, `1`), New: parse(t, `2`)}, `replace /1/x (was /2/x): 1 → 2`},
		{Change{Op: Add, Path: "/3", New: parse(t, `{"id":"9"}`)}, `add /3: {"id":"9"}`},
		{Change{Op: Remove, Path: "/3", OldPath: "/3", Old: parse(t, `[1, 2]`)}, `remove /3: [1,2]`},
		{Change{Op: Move, Path: "/0", OldPath: "/4"}, `move /4 → /0`},
		{Change{Op: Add, Path: "/s", New: long}, `add /s: "` + strings.Repeat("é", 29) + `…`},
	}
	for _, tt := range tests {
		if got := tt.c.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

// A converted Event Grid payload goes straight into Compare: Azure's
// Event Grid example converted equals Azure's CloudEvents example.
func TestCompareConverted(t *testing.T) {
	eg := parse(t, fixture.Seed(t, fixture.EventGridConnected))
	ce := parse(t, fixture.Seed(t, fixture.CloudEventsConnected))
	r, err := convert.ToCloudEvents(eg)
	if err != nil {
		t.Fatal(err)
	}
	if got := Compare(r.Root, ce, DefaultOptions()); len(got) != 0 {
		t.Errorf("converted example differs from Azure's:\n%s", list(got))
	}
	changed := parse(t, strings.Replace(string(jsontree.Pretty(ce)), `"user-eymwyo23"`, `"someone-else"`, 1))
	got := Compare(r.Root, changed, DefaultOptions())
	if len(got) != 1 || brief(got[0]) != "replace /0/data/userId" {
		t.Errorf("Compare = %v, want one replace of /0/data/userId", briefs(got))
	}
	checkPatch(t, string(r.Text), r.Root, changed, got)
}

func readTestdata(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestGolden compares testdata/<name>.old.json with <name>.new.json, and
// two pairs of seed payloads, and checks the changes and the patch against
// testdata/<name>.golden (go test -update rewrites it).
func TestGolden(t *testing.T) {
	olds, err := filepath.Glob(filepath.Join("testdata", "*.old.json"))
	if err != nil || len(olds) == 0 {
		t.Fatalf("no golden cases: %v", err)
	}
	cases := [][3]string{ // name, old, new
		{"eg_vs_ce", fixture.Seed(t, fixture.EventGridConnected), fixture.Seed(t, fixture.CloudEventsConnected)},
		{"seed_connected", fixture.Seed(t, fixture.EventGridConnected), fixture.Seed(t, fixture.EventGridDisconnected)},
	}
	for _, oldPath := range olds {
		name := strings.TrimSuffix(filepath.Base(oldPath), ".old.json")
		cases = append(cases, [3]string{name, readTestdata(t, name+".old.json"), readTestdata(t, name+".new.json")})
	}
	for _, c := range cases {
		name, aSrc, bSrc := c[0], c[1], c[2]
		t.Run(name, func(t *testing.T) {
			a, b := parse(t, aSrc), parse(t, bSrc)
			cs := Compare(a, b, DefaultOptions())
			checkComparer(t, a, b, DefaultOptions(), cs)
			patch := checkPatch(t, aSrc, a, b, cs)
			got := []byte(list(cs) + "-- patch --\n" + string(patch))
			fixture.Golden(t, filepath.Join("testdata", name+".golden"), got)
		})
	}
}

// FuzzDiff: for any two JSON documents, under several options, Compare
// never panics, Patch(a, Compare(a, b)) applied to a gives b, and Compare
// finds nothing exactly when jsontree.Equal says the documents are equal.
func FuzzDiff(f *testing.F) {
	f.Add([]byte(`[1,2,3,4,5]`), []byte(`[1,2,9,3,4,5]`))
	f.Add([]byte(`{"a":[{"id":"1","x":1},{"id":"2"}],"b":"x"}`), []byte(`{"a":[{"id":"2"},{"id":"1","x":[2]}],"c":null}`))
	f.Add([]byte(`[[1,[2,3]],{"k":[4]},5]`), []byte(`[{"k":[4,4]},[1,[3]],6,5]`))
	f.Add([]byte(`{"x":1,"x":2,"a/b~":1.0}`), []byte(`{"x":3,"a/b~":1}`))
	f.Add([]byte(readTestdata(f, "batch.old.json")), []byte(readTestdata(f, "batch.new.json")))
	f.Fuzz(func(t *testing.T, aSrc, bSrc []byte) {
		da, err1 := jsontree.Parse(aSrc, jsontree.Options{})
		db, err2 := jsontree.Parse(bSrc, jsontree.Options{})
		if err1 != nil || err2 != nil {
			return
		}
		a, b := da.Root, db.Root
		for _, opts := range []Options{DefaultOptions(), {}, {MatchEventsByID: true, MaxAlignCost: 5}} {
			cs := Compare(a, b, opts)
			checkComparer(t, a, b, opts, cs)
			checkPatch(t, string(aSrc), a, b, cs)
			if !opts.MatchEventsByID && (len(cs) == 0) != jsontree.Equal(a, b) {
				t.Fatalf("Compare found %d changes, Equal says %v", len(cs), jsontree.Equal(a, b))
			}
		}
		if cs := Compare(a, a, DefaultOptions()); len(cs) != 0 {
			t.Fatalf("a document differs from itself:\n%s", list(cs))
		}
	})
}

// batch builds an Event Grid batch of n SignalR events.
func batch(n int, edit func(i int) string) string {
	var b strings.Builder
	b.WriteString("[\n")
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(",\n")
		}
		if s := edit(i); s != "" {
			b.WriteString(s)
			continue
		}
		fmt.Fprintf(&b, `{"topic":"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.SignalRService/SignalR/s1","subject":"/hub/chat","eventType":"Microsoft.SignalRService.ClientConnectionConnected","eventTime":"2024-05-02T10:00:%02d.%03dZ","id":"%08d-0000-4000-8000-000000000000","data":{"timestamp":"2024-05-02T10:00:%02d.%03dZ","hubName":"chat","connectionId":"conn-%d","userId":"user-%d"},"dataVersion":"1.0","metadataVersion":"1"}`,
			i%60, i%1000, i, i%60, i%1000, i, i)
	}
	b.WriteString("\n]")
	return b.String()
}

// benchPair returns two 1,000-event batches differing in a few events: one
// changed, one removed, one added, one moved.
func benchPair(tb testing.TB) (*jsontree.Node, *jsontree.Node, string) {
	none := func(int) string { return "" }
	aSrc := batch(1000, none)
	a := parse(tb, aSrc)
	b := parse(tb, batch(1000, none))
	b.Items[10].Get("data").Get("userId").Text = "someone-else"
	b.Items = append(b.Items[:500], b.Items[501:]...)
	b.Items = append(b.Items, parse(tb, `{"id":"new","subject":"/hub/chat"}`))
	b.Items[0], b.Items[900] = b.Items[900], b.Items[0]
	return a, b, aSrc
}

func TestBenchPair(t *testing.T) {
	a, b, aSrc := benchPair(t)
	cs := Compare(a, b, DefaultOptions())
	checkPatch(t, aSrc, a, b, cs)
	if got := strings.Join(briefs(cs), ", "); got != "remove /500, move /0</901, replace /10/data/userId, move /900</0, add /999" {
		t.Errorf("Compare = %s", got)
	}
}
