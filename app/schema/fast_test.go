package schema

import (
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"eventlens/app/detect"
	"eventlens/app/diag"
	"eventlens/app/gen"
	"eventlens/app/jsontree"
	"eventlens/internal/fixture"
)

// compiledEntries returns every compiled schema, in file order.
func compiledEntries(t testing.TB) []*entry {
	t.Helper()
	if s := schemas(); s.err != nil {
		t.Fatal(s.err)
	}
	out := entries()
	slices.SortFunc(out, func(a, b *entry) int { return strings.Compare(a.file, b.file) })
	return out
}

// withoutFast runs f with every schema validated by gojsonschema alone.
func withoutFast(f func()) {
	schemas()
	all := entries()
	saved := make([]*fastCheck, len(all))
	for i, e := range all {
		saved[i], e.fast = e.fast, nil
	}
	defer func() {
		for i, e := range all {
			e.fast = saved[i]
		}
	}()
	f()
}

// agree fails the test when the fast path's verdict on n under e differs
// from gojsonschema's; it reports whether n is valid.
func agree(t testing.TB, e *entry, n *jsontree.Node, what string) bool {
	t.Helper()
	r, err := e.schema.Validate(Loader{Node: n})
	if err != nil {
		t.Fatalf("%s: %s: %v", what, e.file, err)
	}
	if fast := e.fast.valid(n); fast != r.Valid() {
		t.Fatalf("%s: %s: fast path says valid=%v, gojsonschema valid=%v (%v) for\n%s",
			what, e.file, fast, r.Valid(), r.Errors(), jsontree.Minify(n))
	}
	return r.Valid()
}

// nodes returns every value in the tree under n.
func nodes(n *jsontree.Node) []*jsontree.Node {
	out := []*jsontree.Node{n}
	for i := range n.Members {
		out = append(out, nodes(n.Members[i].Value)...)
	}
	for _, it := range n.Items {
		out = append(out, nodes(it)...)
	}
	return out
}

// sameFindings fails the test when validating root's events with and
// without the fast path gives different diagnostics.
func sameFindings(t testing.TB, root *jsontree.Node, what string) {
	t.Helper()
	res := detect.Detect(root)
	fast := Validate(res)
	var slow []diag.Diagnostic
	withoutFast(func() { slow = Validate(res) })
	if !reflect.DeepEqual(fast, slow) {
		t.Fatalf("%s: with the fast path\n%s\nwithout\n%s", what, list(fast), list(slow))
	}
}

// corpus returns the texts the differential tests read: the test corpus,
// the conformance vectors, the seeds, the warm-up sample and generated
// batches in both forms.
func corpus(t testing.TB) map[string][]byte {
	t.Helper()
	out := map[string][]byte{"warm.json": warmSample}
	for _, p := range fixture.Corpus(t) {
		out[p.Name] = p.Src
	}
	for _, file := range fixture.Glob(t, "testdata/conformance/*.json") {
		out[filepath.Base(file)] = fixture.Read(t, "testdata/conformance/"+filepath.Base(file))
	}
	for _, name := range seeds {
		out[name] = []byte(readSeed(t, name))
	}
	for _, f := range gen.Forms {
		out["gen-"+f.String()] = gen.Batch(f, 20)
	}
	out["signalREvents-eventgrid"] = []byte(signalREvents(4, false))
	out["signalREvents-cloudevents"] = []byte(signalREvents(4, true))
	return out
}

func TestFastPathCompiles(t *testing.T) {
	for _, e := range compiledEntries(t) {
		if e.fast == nil {
			b, _ := files.ReadFile("schemas/" + e.file)
			_, err := compileFast(b)
			t.Errorf("%s has no fast path (%v): every event would be validated by gojsonschema alone, several times slower; teach fast.go the keyword or drop it", e.file, err)
		}
	}
	// What the fast path does not implement has none: gojsonschema alone
	// validates it.
	for _, s := range []string{
		`{"type": "integer"}`, `{"pattern": "x"}`, `{"properties": {"a": {"enum": ["x"]}}}`,
		`{"$ref": "other.json"}`, `{"$ref": "#/definitions/a~1b", "definitions": {"a/b": {}}}`,
		`{"format": "email"}`, `{"const": 1}`, `{"items": {}}`, `{"allOf": [{}]}`,
		`{"properties": {"a": {"definitions": {}}}}`, `{"additionalProperties": false}`,
		`{"properties": {"a": true}}`, `{"minLength": -1}`, `{"minLength": 1.5}`, `{"type": []}`,
	} {
		if _, err := compileFast([]byte(s)); err == nil {
			t.Errorf("compileFast(%s) compiled", s)
		}
	}
}

// TestFastPathAgrees compares the fast path's verdict with gojsonschema's
// for every schema on every value of the corpus, and the diagnostics of
// validating each payload with and without it.
func TestFastPathAgrees(t *testing.T) {
	es := compiledEntries(t)
	valid := map[string]int{}
	for name, src := range corpus(t) {
		doc, err := jsontree.Parse(src, jsontree.Options{})
		if err != nil {
			continue // the corpus's syntax errors
		}
		for _, n := range nodes(doc.Root) {
			for _, e := range es {
				if agree(t, e, n, name) {
					valid[e.file]++
				}
			}
		}
		sameFindings(t, doc.Root, name)
	}
	for _, e := range es {
		if valid[e.file] == 0 {
			t.Errorf("no value of the corpus is valid under %s: the comparison tests only rejections", e.file)
		}
	}
}

// mutationValues are the values TestFastPathMutations puts in place of
// each member: each JSON kind, empty and odd strings, the values the
// schemas name (a const, date-times, URIs), and objects that do or do not
// hold a SignalR data's required member.
var mutationValues = []string{
	`null`, `true`, `false`, `0`, `-1.5e3`, `1e999999`, `""`, `"x"`, `"1.0"`, `"1.00"`, `" 1.0"`, `"é"`,
	`"2019-06-10"`, `"2019-06-10T18:41:00Z"`, `"2019-06-10T18:41:00.9584103+01:00"`, `"2019-06-10T25:41:00Z"`,
	`"https://example.com/a"`, `"#1.0"`, `"/a b"`, `"{x}"`, `"urn:x"`, `"http://[::1"`,
	`{}`, `[]`, `[1, "a"]`, `{"timestamp": "2019-06-10T18:41:00Z"}`, `{"timestamp": 5}`, `{"validationCode": "c"}`,
	`{"timestamp": "2019-06-10T18:41:00Z", "userId": null, "hubName": 1}`,
}

// TestFastPathMutations changes the seed and generated events one member
// at a time (every member of the event and of its data replaced by each of
// mutationValues, removed, or added under each name a schema knows) and
// compares both verdicts and the diagnostics.
func TestFastPathMutations(t *testing.T) {
	es := compiledEntries(t)
	var events []*jsontree.Node
	for _, src := range []string{readSeed(t, "eventgrid-connected.json"), readSeed(t, "cloudevents-disconnected.json"),
		readSeed(t, "validation-handshake.json"), string(gen.Batch(gen.EventGrid, 2)), string(gen.Batch(gen.CloudEvents, 2))} {
		for _, ev := range detect.Detect(parse(t, src).Root).Events {
			events = append(events, ev.Node)
		}
	}
	values := make([]*jsontree.Node, len(mutationValues))
	for i, v := range mutationValues {
		values[i] = parse(t, v).Root
	}
	names := map[string]bool{}
	for _, e := range es {
		collectNames(e.fast, names)
	}
	count := 0
	try := func(root *jsontree.Node, what string) {
		count++
		for _, n := range []*jsontree.Node{root, root.Get("data")} {
			for _, e := range es {
				if n != nil {
					agree(t, e, n, what)
				}
			}
		}
		sameFindings(t, &jsontree.Node{Kind: jsontree.Array, Items: []*jsontree.Node{root}}, what)
	}
	for i, ev := range events {
		for _, path := range []string{"", "data"} {
			for _, key := range memberKeys(ev, path, names) {
				what := fmt.Sprintf("event %d, %s/%s", i, path, key)
				for j, v := range values {
					c := ev.Clone()
					setMember(c, path, key, v)
					try(c, fmt.Sprintf("%s = %s", what, mutationValues[j]))
				}
				c := ev.Clone()
				setMember(c, path, key, nil)
				try(c, what+" removed")
			}
		}
	}
	if count < 1000 {
		t.Errorf("only %d mutations", count)
	}
}

// collectNames adds every property name and required name in c to names.
func collectNames(c *fastCheck, names map[string]bool) {
	if c == nil {
		return
	}
	for _, f := range c.fields {
		names[f.name] = true
		collectNames(f.c, names)
	}
	collectNames(c.ref, names)
}

// memberKeys returns the keys of the object at path ("" or "data") in ev,
// and the names of names it does not have.
func memberKeys(ev *jsontree.Node, path string, names map[string]bool) []string {
	obj := ev
	if path != "" {
		obj = ev.Get(path)
	}
	if obj == nil || obj.Kind != jsontree.Object {
		return nil
	}
	var keys []string
	for _, m := range obj.Members {
		keys = append(keys, m.Key)
	}
	for n := range names {
		if obj.Get(n) == nil {
			keys = append(keys, n)
		}
	}
	slices.Sort(keys)
	return keys
}

// setMember puts v under key in the object at path of ev (a clone), adding the
// member when it is missing; a nil v removes every member with that key.
func setMember(ev *jsontree.Node, path, key string, v *jsontree.Node) {
	obj := ev
	if path != "" {
		obj = ev.Get(path)
	}
	if v == nil {
		obj.Members = slices.DeleteFunc(obj.Members, func(m jsontree.Member) bool { return m.Key == key })
		return
	}
	if m := obj.Member(key); m != nil {
		m.Value = v
		return
	}
	obj.Members = append(obj.Members, jsontree.Member{Key: key, Value: v})
}

// FuzzFastPath compares the fast path's verdict with gojsonschema's on
// every value of a fuzzed payload, under every schema, and the
// diagnostics of validating it with and without the fast path.
func FuzzFastPath(f *testing.F) {
	for _, src := range corpus(f) {
		if len(src) < 64<<10 {
			f.Add(string(src))
		}
	}
	f.Add(`{"specversion":"1.0","id":"a","source":"/s","type":"t","time":null,"subject":"","data_base64":"e30="}`)
	f.Add(`[{"id":"a","subject":"","eventType":"x","eventTime":"2019-06-10T18:41:00Z","data":{},"dataVersion":"","id":5}]`)
	es := compiledEntries(f)
	f.Fuzz(func(t *testing.T, src string) {
		doc, err := jsontree.Parse([]byte(src), jsontree.Options{})
		if err != nil {
			return
		}
		all := nodes(doc.Root)
		if len(all) > 2000 {
			all = all[:2000]
		}
		for _, n := range all {
			for _, e := range es {
				agree(t, e, n, "fuzzed payload")
			}
		}
		sameFindings(t, doc.Root, "fuzzed payload")
	})
}

// TestAtLeastRunes holds atLeastRunes to utf8.RuneCountInString on short,
// long, multi-byte and invalid strings.
func TestAtLeastRunes(t *testing.T) {
	for _, s := range []string{"", "a", "ab", "é", "éé", "😀", "😀😀😀", "\xff", "\xff\xfe\xfd", "a\xffé😀", strings.Repeat("😀", 5), strings.Repeat("x", 40)} {
		for n := 0; n <= 22; n++ {
			if got, want := atLeastRunes(s, n), utf8.RuneCountInString(s) >= n; got != want {
				t.Errorf("atLeastRunes(%q, %d) = %v, want %v", s, n, got, want)
			}
		}
	}
}
