package jsontree

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// genJSON writes a random valid JSON value with random white space,
// escapes, surrogate pairs (and lone surrogates), duplicate keys and
// numbers in every notation.
func genJSON(r *rand.Rand, b *strings.Builder, depth int) {
	ws := func() {
		for range r.IntN(3) {
			b.WriteByte(" \t\r\n"[r.IntN(4)])
		}
	}
	ws()
	k := r.IntN(10)
	if depth > 4 && k >= 8 {
		k = r.IntN(8)
	}
	switch k {
	case 0:
		b.WriteString("null")
	case 1:
		b.WriteString([]string{"true", "false"}[r.IntN(2)])
	case 2, 3:
		b.WriteString(genNumber(r))
	case 4, 5, 6, 7:
		genString(r, b)
	case 8:
		b.WriteByte('{')
		keys := []string{"id", "data", "type", "a", "é", "x/y~z"}
		for i := range r.IntN(5) {
			if i > 0 {
				b.WriteByte(',')
			}
			ws()
			if r.IntN(3) == 0 {
				genString(r, b)
			} else {
				b.WriteString(`"` + keys[r.IntN(len(keys))] + `"`)
			}
			ws()
			b.WriteByte(':')
			genJSON(r, b, depth+1)
		}
		ws()
		b.WriteByte('}')
	case 9:
		b.WriteByte('[')
		for i := range r.IntN(5) {
			if i > 0 {
				b.WriteByte(',')
			}
			genJSON(r, b, depth+1)
		}
		ws()
		b.WriteByte(']')
	}
	ws()
}

func genNumber(r *rand.Rand) string {
	var s strings.Builder
	if r.IntN(3) == 0 {
		s.WriteByte('-')
	}
	if r.IntN(4) == 0 {
		s.WriteByte('0')
	} else {
		s.WriteByte(byte('1' + r.IntN(9)))
		for range r.IntN(20) {
			s.WriteByte(byte('0' + r.IntN(10)))
		}
	}
	if r.IntN(2) == 0 {
		s.WriteByte('.')
		for range 1 + r.IntN(5) {
			s.WriteByte(byte('0' + r.IntN(10)))
		}
	}
	if r.IntN(3) == 0 {
		s.WriteString([]string{"e", "E", "e+", "e-", "E-"}[r.IntN(5)])
		fmt.Fprint(&s, r.IntN(400))
	}
	return s.String()
}

func genString(r *rand.Rand, b *strings.Builder) {
	parts := []string{"a", "Z", " ", "é", "日本", "😀", "<&>", `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`,
		`\u00e9`, `\u0000`, `\u001F`, `\ud83d\ude00`, `\uD800`, `\udc00x`, `\ud800\ud800`, `\u2028`, "\u2029", "\x7f"}
	b.WriteByte('"')
	for range r.IntN(6) {
		b.WriteString(parts[r.IntN(len(parts))])
	}
	b.WriteByte('"')
}

func decodeStd(t *testing.T, src []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("encoding/json: %v\n%s", err, src)
	}
	return v
}

// TestValueMatchesEncodingJSON decodes random valid documents with both
// decoders and compares the values.
func TestValueMatchesEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 3000 {
		var b strings.Builder
		genJSON(r, &b, 0)
		src := []byte(b.String())
		if !json.Valid(src) {
			t.Fatalf("generator made invalid JSON: %s", src)
		}
		d, err := Parse(src, Options{})
		if err != nil {
			t.Fatalf("case %d: Parse(%s): %v", i, src, err)
		}
		want := decodeStd(t, src)
		if got := d.Root.Value(); !reflect.DeepEqual(got, want) {
			t.Fatalf("case %d: Value() = %#v, encoding/json gives %#v for\n%s", i, got, want, src)
		}
		// Minify and Pretty decode to the same value too.
		if got := decodeStd(t, Minify(d.Root)); !reflect.DeepEqual(got, want) {
			t.Fatalf("case %d: Minify changes the value: %s", i, Minify(d.Root))
		}
		if got, want := PrettyLen(d.Root), len(Pretty(d.Root)); got != want {
			t.Fatalf("case %d: PrettyLen = %d, len(Pretty) = %d", i, got, want)
		}
		d2, err := Parse(Pretty(d.Root), Options{})
		if err != nil || !Equal(d.Root, d2.Root) {
			t.Fatalf("case %d: Pretty does not round-trip (%v): %s", i, err, Pretty(d.Root))
		}
		c := d.Root.Clone()
		if !Equal(c, d.Root) || !bytes.Equal(Minify(c), Minify(d.Root)) {
			t.Fatalf("case %d: Clone differs", i)
		}
	}
}

func TestStringsRoundTrip(t *testing.T) {
	tests := []struct{ src, want string }{
		{`"plain"`, "plain"},
		{`"caf\u00e9 \u00C9"`, "café É"},
		{`"\ud83d\ude00 😀"`, "😀 😀"},
		{`"\"\\\/\b\f\n\r\t"`, "\"\\/\b\f\n\r\t"},
		{`"\u0000"`, "\x00"},
		{`"\ud800"`, "\uFFFD"},
		{`"\ud800\u0041"`, "\uFFFDA"},
		{`"\ud800\ud83d\ude00"`, "\uFFFD😀"},
		{`"\udc00\ud800"`, "\uFFFD\uFFFD"},
		{`"日本語 \u65e5"`, "日本語 日"},
		{`"tab\tin"`, "tab\tin"},
	}
	for _, tc := range tests {
		d, err := Parse([]byte(tc.src), Options{})
		if err != nil {
			t.Fatalf("%s: %v", tc.src, err)
		}
		if d.Root.Text != tc.want {
			t.Errorf("%s decodes to %q, want %q", tc.src, d.Root.Text, tc.want)
		}
		var std string
		if err := json.Unmarshal([]byte(tc.src), &std); err != nil || std != d.Root.Text {
			t.Errorf("%s: encoding/json gives %q (%v), Parse %q", tc.src, std, err, d.Root.Text)
		}
		// Re-encoding gives text that decodes to the same string.
		back, err := Parse(AppendString(nil, d.Root.Text), Options{})
		if err != nil || back.Root.Text != tc.want {
			t.Errorf("%s: AppendString round trip gives %v %v", tc.src, back, err)
		}
	}
}

func TestNumberTextKept(t *testing.T) {
	for _, s := range []string{"0", "-0", "1.0e+10", "1E-7", "-12.500", "100", "1e2", "0.000", "123456789012345678901234567890", "1e400"} {
		d, err := Parse([]byte("["+s+"]"), Options{})
		if err != nil {
			t.Fatal(err)
		}
		n := d.Root.Items[0]
		if n.Kind != Number || n.Text != s {
			t.Errorf("%s decoded as %v %q", s, n.Kind, n.Text)
		}
		if got := string(Minify(d.Root)); got != "["+s+"]" {
			t.Errorf("Minify gives %s, want [%s]", got, s)
		}
		if v, ok := n.Value().(json.Number); !ok || string(v) != s {
			t.Errorf("Value() = %#v, want json.Number(%q)", n.Value(), s)
		}
	}
}

func TestEqual(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{`1`, `1.0`, true},
		{`1e2`, `100`, true},
		{`100`, `1E+2`, true},
		{`0.5`, `5e-1`, true},
		{`-0`, `0`, true},
		{`0.0e99`, `0`, true},
		{`1.10`, `1.1`, true},
		{`-1.5`, `-15e-1`, true},
		{`12300`, `1.23e4`, true},
		{`1`, `-1`, false},
		{`1`, `10`, false},
		{`0.1`, `0.10000000000000001`, false},
		{`1e400`, `10e399`, true},
		{`1e400`, `1e401`, false},
		{`1e99999999999999999999`, `10e99999999999999999998`, true},
		{`1e99999999999999999999`, `1e99999999999999999998`, false},
		{`9007199254740993`, `9007199254740992`, false},
		{`"a"`, `"a"`, true},
		{`"\u00e9"`, `"é"`, true},
		{`"a"`, `"b"`, false},
		{`"1"`, `1`, false},
		{`true`, `true`, true},
		{`true`, `false`, false},
		{`null`, `null`, true},
		{`null`, `false`, false},
		{`{"a":1,"b":2}`, `{"b":2,"a":1}`, true},
		{`{"a":1,"b":2}`, `{"a":1}`, false},
		{`{"a":1}`, `{"a":1,"b":2}`, false},
		{`{"a":1,"a":2}`, `{"a":2}`, true},
		{`{"a":1,"a":2}`, `{"a":1}`, false},
		{`{"a":1,"b":1}`, `{"a":1,"c":1}`, false},
		{`{}`, `[]`, false},
		{`[]`, `[]`, true},
		{`[1,2]`, `[2,1]`, false},
		{`[1,[2,{"x":[3]}]]`, `[1.0,[2,{"x":[3e0]}]]`, true},
		{`[1,2]`, `[1,2,3]`, false},
	}
	// A large object, and the same with its members reversed.
	var big, rev []string
	for i := range 40 {
		big = append(big, fmt.Sprintf(`"k%d":%d`, i, i))
		rev = append([]string{fmt.Sprintf(`"k%d":%d.0`, i, i)}, rev...)
	}
	tests = append(tests,
		struct {
			a, b string
			want bool
		}{"{" + strings.Join(big, ",") + "}", "{" + strings.Join(rev, ",") + "}", true},
		struct {
			a, b string
			want bool
		}{"{" + strings.Join(big, ",") + "}", "{" + strings.Join(rev[1:], ",") + `,"k0":1}`, false},
		struct {
			a, b string
			want bool
		}{"{" + strings.Join(big, ",") + `,"k0":5}`, "{" + strings.Join(rev, ",") + "}", false},
	)
	for _, tc := range tests {
		a, err := Parse([]byte(tc.a), Options{})
		if err != nil {
			t.Fatal(err)
		}
		b, err := Parse([]byte(tc.b), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := Equal(a.Root, b.Root); got != tc.want {
			t.Errorf("Equal(%.60s, %.60s) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
		if got := Equal(b.Root, a.Root); got != tc.want {
			t.Errorf("Equal(%.60s, %.60s) = %v, want %v (reversed)", tc.b, tc.a, got, tc.want)
		}
	}
	if !Equal(nil, nil) || Equal(nil, NewNull()) || Equal(NewNull(), nil) {
		t.Error("nil nodes: only nil equals nil")
	}
	if Equal(NewNumber("abc"), NewNumber("1")) || !Equal(NewNumber("abc"), NewNumber("abc")) {
		t.Error("numbers with text that is not a number compare as text")
	}
}

func TestCloneIsDeep(t *testing.T) {
	d, err := Parse([]byte(`{"data":{"hubName":"chat","list":[1,{"a":true}]}}`), Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := d.Root.Clone()
	c.Get("data").Set("hubName", NewString("other"))
	c.Get("data").Get("list").Items[1].Members[0].Value = NewBool(false)
	c.Get("data").Get("list").Items = append(c.Get("data").Get("list").Items, NewNull())
	if got := string(Minify(d.Root)); got != `{"data":{"hubName":"chat","list":[1,{"a":true}]}}` {
		t.Errorf("changing the clone changed the original: %s", got)
	}
	if got := string(Minify(c)); got != `{"data":{"hubName":"other","list":[1,{"a":false},null]}}` {
		t.Errorf("clone = %s", got)
	}
	if (*Node)(nil).Clone() != nil {
		t.Error("Clone(nil) != nil")
	}
}

func TestSetDelete(t *testing.T) {
	d, err := Parse([]byte(`{"a":1,"b":2,"a":3}`), Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := d.Root
	// Appending to a parsed object must not overwrite nodes that share its storage.
	inner, _ := Parse([]byte(`[{"x":1},{"y":2}]`), Options{})
	first := inner.Root.Items[0]
	first.Set("z", NewInt(3))
	if got := string(Minify(inner.Root)); got != `[{"x":1,"z":3},{"y":2}]` {
		t.Errorf("Set on a parsed object: %s", got)
	}
	n.Set("a", NewString("x"))
	if got := string(Minify(n)); got != `{"a":1,"b":2,"a":"x"}` {
		t.Errorf("Set replaces the last member: %s", got)
	}
	if got := n.Delete("a"); got != 2 {
		t.Errorf("Delete removed %d, want 2", got)
	}
	if got := string(Minify(n)); got != `{"b":2}` {
		t.Errorf("after Delete: %s", got)
	}
	if n.Delete("zzz") != 0 || NewArray().Delete("a") != 0 {
		t.Error("Delete of nothing removed something")
	}
	arr := NewArray()
	arr.Set("a", NewNull())
	if len(arr.Members) != 0 {
		t.Error("Set on an array added a member")
	}
}
