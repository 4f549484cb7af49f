package jsontree

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"
	"unicode/utf8"

	"eventlens/app/textpos"
	"eventlens/app/vocab"
)

// fuzzSeeds are realistic payloads and the broken forms users paste.
func fuzzSeeds(f *testing.F) {
	for _, c := range formatCases(f) {
		f.Add(c.src)
	}
	for _, s := range []string{
		multiLine,
		`[{"id":"1","subject":"/hub/chat","data":{"hubName":"chat"},"eventType":"Microsoft.SignalRService.ClientConnectionConnected","eventTime":"2019-06-10T18:41:00Z","dataVersion":"1.0"}]`,
		`{"specversion":"1.0","id":"1","source":"/s","type":"t","data_base64":"aGk="}`,
		`[{"id":"1","data":{"validationCode":"512d38b6","validationUrl":"https://x"},"eventType":"Microsoft.EventGrid.SubscriptionValidationEvent"}]`,
		"", " ", "\xEF\xBB\xBF[]", "\xFF\xFE[\x00]\x00", "[\"caf\xE9\"]", `{"a":1,"a":2}`, `[1e400, 9007199254740993, -0, 1.0e+10]`,
		`["\ud800", "\ud83d\ude00", "\u00e9\n\t"]`, `[1,]`, `{"a":1,}`, `{'a':1}`, `// c` + "\n{}", `[True, nul, NaN, +1, 01, 1., .5, 0x1F]`,
		`{"a":1} {"b":2}`, `{"a" 1}`, `[1 2]`, "[\"a\nb\"]", `"\x"`, `"\u12"`, `[[[[[[[[[[]]]]]]]]]]`, `{"a":{"b":{"c":[{"d":null}]}}}`,
		"[\r\n1,\r2]", "\xEF\xBB\xBF\n\n[1,\n\"é\",\n]", "[\"é\",\n\"日本\"\n\n,]", "{\"é\":\n1}\n\n x", "[\n\"é\"\n\xE9]",
		"\xEF\xBB\xBF\r\n{\"a\":\r\n[\"😀\"]}\r\n",
		// Strings re-encoding copies (plain) beside ones it must not: escapes
		// in an ASCII text, a raw U+2028 and other characters in a text that
		// is not.
		`["plain","a\"b","c\\d","\u0041","\/",""]`, "[\"line\u2028sep\",\"é\",\"plain\",\"\\u2029\",\"\x7f\"]", "[1,\n\"\\ud800\"\n,1e999]", `{"k0":0,"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9,"k10":0,"k11":1,"k12":2,"k13":3,"k14":4,"k15":5,"k16":6,"k3":9}`,
	} {
		f.Add([]byte(s))
	}
}

// FuzzParse checks that Parse never panics, agrees with encoding/json on
// what is valid, and that what it accepts survives Pretty, Minify and
// Excerpt. Parse differs from json.Valid on purpose in three ways: it
// rejects invalid UTF-8 and UTF-16 (json.Valid accepts invalid UTF-8 in
// strings), accepts a leading UTF-8 byte-order mark, and has depth and
// size limits.
func FuzzParse(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		d, err := Parse(src, Options{MaxDepth: 20000})
		body := src
		if bytes.HasPrefix(src, []byte("\xEF\xBB\xBF")) {
			body = src[3:]
		}
		valid := json.Valid(body)
		if err != nil {
			se, ok := err.(*SyntaxError)
			if !ok {
				t.Fatalf("error %T is not a *SyntaxError", err)
			}
			if se.Code == "" || se.Msg == "" || se.Pos.Line < 1 || se.Pos.Column < 1 || se.Pos.Offset > len(src) || se.End < se.Pos.Offset || se.End > len(src) {
				t.Fatalf("malformed error %+v", se)
			}
			if valid && utf8.Valid(body) && se.Code != vocab.JSONUTF16 {
				t.Fatalf("json.Valid accepts %q but Parse fails: %v", src, err)
			}
			_ = Excerpt(src, se.Pos)
			return
		}
		if !valid {
			t.Fatalf("json.Valid rejects %q but Parse accepts it", src)
		}
		if d.Root == nil || d.Root.End > len(src) {
			t.Fatalf("bad root %+v", d.Root)
		}
		for _, n := range d.Notes {
			if n.Code == "" || n.Message == "" || n.Pos.Line < 1 || n.End < n.Pos.Offset || n.End > len(src) {
				t.Fatalf("malformed note %+v", n)
			}
			if got := d.PosAt(n.Pos.Offset); got != n.Pos {
				t.Fatalf("note at %+v but PosAt gives %+v", n.Pos, got)
			}
		}
		if got, want := d.Lines(), textpos.NewLines(string(src)); !slices.Equal(got, want) {
			t.Fatalf("Doc.Lines() = %v, textpos.NewLines gives %v", got, want)
		}
		if got := d.PosAt(d.Root.Pos.Offset); got != d.Root.Pos {
			t.Fatalf("root at %+v but PosAt gives %+v", d.Root.Pos, got)
		}
		var want any
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		if err := dec.Decode(&want); err == nil {
			got, _ := json.Marshal(d.Root.Value())
			exp, _ := json.Marshal(want)
			if !bytes.Equal(got, exp) {
				t.Fatalf("Value() = %s, encoding/json gives %s", got, exp)
			}
		}
		pretty := Pretty(d.Root)
		if PrettyLen(d.Root) != len(pretty) {
			t.Fatalf("PrettyLen = %d, len(Pretty) = %d", PrettyLen(d.Root), len(pretty))
		}
		checkPlain(t, d.Root, pretty)
		d2, err := Parse(pretty, Options{MaxDepth: 20000})
		if err != nil {
			t.Fatalf("Pretty output does not parse: %v\n%s", err, pretty)
		}
		if !bytes.Equal(Pretty(d2.Root), pretty) {
			t.Fatalf("Pretty is not stable for %q", src)
		}
		_ = Excerpt(src, d.Root.Pos)
	})
}

// FuzzRoundTrip checks Minify -> Parse -> Equal on whatever parses.
func FuzzRoundTrip(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		d, err := Parse(src, Options{MaxDepth: 20000})
		if err != nil {
			return
		}
		mini := Minify(d.Root)
		d2, err := Parse(mini, Options{MaxDepth: 20000})
		if err != nil {
			t.Fatalf("Minify output does not parse: %v\n%s", err, mini)
		}
		if !Equal(d.Root, d2.Root) || !Equal(d2.Root, d.Root) {
			t.Fatalf("Minify changes the value of %q: %s", src, mini)
		}
		if !bytes.Equal(Minify(d2.Root), mini) {
			t.Fatalf("Minify is not stable for %q", src)
		}
		if !Equal(d.Root.Clone(), d.Root) {
			t.Fatalf("Clone differs for %q", src)
		}
		if !json.Valid(mini) {
			t.Fatalf("Minify output is not valid JSON: %s", mini)
		}
	})
}

// FuzzPointer checks that pointers survive SplitPointer and Pointer, and
// that Lookup never panics.
func FuzzPointer(f *testing.F) {
	for _, s := range []string{"", "/", "/0/data/hubName", "/a~1b/m~0n", "/~", "/~2", "x", "/0/01/-"} {
		f.Add(s)
	}
	root, err := Parse([]byte(`[{"id":"1","data":{"hubName":"chat","a/b":{"m~n":[10,20]}}}]`), Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, p string) {
		_ = root.Root.Lookup(p)
		toks, err := SplitPointer(p)
		if err != nil {
			if root.Root.Lookup(p) != nil && p != "" {
				t.Fatalf("Lookup resolves %q that SplitPointer rejects", p)
			}
			return
		}
		if back := Pointer(toks...); back != p {
			t.Fatalf("Pointer(SplitPointer(%q)) = %q", p, back)
		}
	})
}

// checkPlain checks the decoder's plain marks: the strings it marks encode
// to themselves between quotes, and the tree encodes as the same tree
// without marks, which encoding reads through.
func checkPlain(t *testing.T, root *Node, pretty []byte) {
	t.Helper()
	bare := unmarked(root)
	if got := Pretty(bare); !bytes.Equal(got, pretty) {
		t.Fatalf("Pretty with plain marks:\n%s\nwithout:\n%s", pretty, got)
	}
	if PrettyLen(bare) != len(pretty) || !bytes.Equal(Minify(bare), Minify(root)) {
		t.Fatalf("PrettyLen or Minify differ with plain marks")
	}
	var walk func(n *Node)
	walk = func(n *Node) {
		if n == nil {
			return
		}
		if n.plain {
			if n.Kind != String || string(AppendString(nil, n.Text)) != `"`+n.Text+`"` {
				t.Fatalf("%s %q is marked plain, but encodes as %s", n.Kind, n.Text, AppendString(nil, n.Text))
			}
		}
		for _, m := range n.Members {
			walk(m.Value)
		}
		for _, it := range n.Items {
			walk(it)
		}
	}
	walk(root)
}

// unmarked returns a copy of the tree with no string marked plain.
func unmarked(n *Node) *Node {
	if n == nil {
		return nil
	}
	c := *n
	c.plain = false
	if n.Members != nil {
		c.Members = make([]Member, len(n.Members))
		for i, m := range n.Members {
			m.Value = unmarked(m.Value)
			c.Members[i] = m
		}
	}
	if n.Items != nil {
		c.Items = make([]*Node, len(n.Items))
		for i, it := range n.Items {
			c.Items[i] = unmarked(it)
		}
	}
	return &c
}
