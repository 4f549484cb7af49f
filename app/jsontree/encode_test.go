package jsontree

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"eventlens/app/samples"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/format")

// formatCase is one input of the format tests; its golden files are
// testdata/format/NAME.{pretty,min}.golden.
type formatCase struct {
	name string
	src  []byte
}

// formatCases returns the inputs testdata/format/NAME.json, and the seed
// payload eventgrid-disconnected (Azure's example, in its own layout) as
// "eventgrid": app/samples holds the seeds once, and this package's tests
// read it there because they cannot import internal/fixture (it imports
// jsontree).
func formatCases(tb testing.TB) []formatCase {
	tb.Helper()
	inputs, err := filepath.Glob("testdata/format/*.json")
	if err != nil || len(inputs) == 0 {
		tb.Fatalf("no inputs in testdata/format (%v)", err)
	}
	var out []formatCase
	for _, in := range inputs {
		src, err := os.ReadFile(in)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, formatCase{strings.TrimSuffix(filepath.Base(in), ".json"), src})
	}
	seed, ok := samples.Get("eventgrid-disconnected")
	if !ok {
		tb.Fatal("no seed payload eventgrid-disconnected in app/samples")
	}
	return append(out, formatCase{"eventgrid", []byte(seed.Text)})
}

// TestFormatGolden checks Pretty and Minify against golden files, and that
// both are stable: formatting the output again gives the same text.
func TestFormatGolden(t *testing.T) {
	for _, c := range formatCases(t) {
		t.Run(c.name, func(t *testing.T) {
			src := c.src
			d, err := Parse(src, Options{})
			if err != nil {
				t.Fatal(err)
			}
			pretty, mini := Pretty(d.Root), Minify(d.Root)
			base := filepath.Join("testdata", "format", c.name)
			for _, g := range []struct {
				file string
				got  []byte
			}{{base + ".pretty.golden", pretty}, {base + ".min.golden", mini}} {
				if *update {
					if err := os.WriteFile(g.file, g.got, 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(g.file)
				if err != nil {
					t.Fatalf("%v (run go test -update to create it)", err)
				}
				if !bytes.Equal(g.got, want) {
					t.Errorf("%s differs:\ngot:\n%s\nwant:\n%s", g.file, g.got, want)
				}
			}
			// Stable: Pretty(Parse(Pretty(x))) == Pretty(x), same for Minify.
			d2, err := Parse(pretty, Options{})
			if err != nil {
				t.Fatalf("Pretty output does not parse: %v", err)
			}
			if again := Pretty(d2.Root); !bytes.Equal(again, pretty) {
				t.Errorf("Pretty is not stable:\n%s\nvs\n%s", again, pretty)
			}
			if !Equal(d.Root, d2.Root) {
				t.Error("Pretty output decodes to a different value")
			}
			d3, err := Parse(mini, Options{})
			if err != nil {
				t.Fatalf("Minify output does not parse: %v", err)
			}
			if again := Minify(d3.Root); !bytes.Equal(again, mini) {
				t.Errorf("Minify is not stable")
			}
			if !bytes.Equal(Minify(d2.Root), mini) {
				t.Errorf("Minify(Parse(Pretty(x))) != Minify(x)")
			}
			// The layout matches encoding/json's Indent and Compact except
			// for HTML escaping, which the goldens show.
			if !strings.Contains(string(src), "<") {
				var ind, comp bytes.Buffer
				if err := json.Indent(&ind, mini, "", "  "); err != nil {
					t.Fatal(err)
				}
				if ind.String()+"\n" != string(pretty) {
					t.Errorf("Pretty differs from json.Indent:\n%s\nvs\n%s", pretty, ind.String())
				}
				if err := json.Compact(&comp, pretty); err != nil {
					t.Fatal(err)
				}
				if comp.String() != string(mini) {
					t.Errorf("Minify differs from json.Compact")
				}
			}
		})
	}
}

func TestPrettySmall(t *testing.T) {
	tests := []struct {
		src, pretty, mini string
	}{
		{`{}`, "{}\n", `{}`},
		{` [ ] `, "[]\n", `[]`},
		{`{"a":{},"b":[]}`, "{\n  \"a\": {},\n  \"b\": []\n}\n", `{"a":{},"b":[]}`},
		{`[1.0e+10, -0, 1E2]`, "[\n  1.0e+10,\n  -0,\n  1E2\n]\n", `[1.0e+10,-0,1E2]`},
		{`"<a href=\"x\">&</a>"`, "\"<a href=\\\"x\\\">&</a>\"\n", `"<a href=\"x\">&</a>"`},
		{`"\u00e9\/\u0000\u2028"`, "\"é/\\u0000\\u2028\"\n", `"é/\u0000\u2028"`},
		{`{"b":1,"a":2,"b":3}`, "{\n  \"b\": 1,\n  \"a\": 2,\n  \"b\": 3\n}\n", `{"b":1,"a":2,"b":3}`},
		{`[[1,[2]],{"k":[{"x":null}]}]`, "[\n  [\n    1,\n    [\n      2\n    ]\n  ],\n  {\n    \"k\": [\n      {\n        \"x\": null\n      }\n    ]\n  }\n]\n", `[[1,[2]],{"k":[{"x":null}]}]`},
	}
	for _, tc := range tests {
		d, err := Parse([]byte(tc.src), Options{})
		if err != nil {
			t.Fatalf("%s: %v", tc.src, err)
		}
		if got := string(Pretty(d.Root)); got != tc.pretty {
			t.Errorf("Pretty(%s) = %q, want %q", tc.src, got, tc.pretty)
		}
		if got := string(Minify(d.Root)); got != tc.mini {
			t.Errorf("Minify(%s) = %q, want %q", tc.src, got, tc.mini)
		}
	}
	if got := string(Pretty(nil)); got != "null\n" {
		t.Errorf("Pretty(nil) = %q", got)
	}
	built := NewObject(NewMember("specversion", NewString("1.0")), NewMember("n", NewInt(-3)),
		NewMember("ok", NewBool(true)), NewMember("x", NewNull()), NewMember("a", NewArray(NewNumber("2.50"), NewBool(false))))
	if got, want := string(Minify(built)), `{"specversion":"1.0","n":-3,"ok":true,"x":null,"a":[2.50,false]}`; got != want {
		t.Errorf("Minify(built) = %s, want %s", got, want)
	}
}

// TestAppendString compares AppendString with encoding/json (HTML escaping
// off) on strings with every kind of character.
func TestAppendString(t *testing.T) {
	strs := []string{"", "plain", `"quoted"`, `back\slash`, "<>&", "\b\f\n\r\t", "\x00\x01\x1f\x7f",
		"café 日本 😀", "\u2028\u2029", "bad \xff utf8 \xc3", "\xed\xa0\x80", "/hub/chat", "é\"\\\u2028x"}
	for c := 0; c < 0x80; c++ {
		strs = append(strs, string(rune(c)))
	}
	for _, s := range strs {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		want := strings.TrimSuffix(buf.String(), "\n")
		if stringLen(s) != len(want) {
			t.Errorf("stringLen(%q) = %d, want %d", s, stringLen(s), len(want))
		}
		if got := string(AppendString([]byte("x"), s)); got != "x"+want {
			t.Errorf("AppendString(%q) = %s, want %s", s, got[1:], want)
		}
	}
}

// FuzzAppendString compares AppendString and stringLen with encoding/json
// (HTML escaping off) on any string.
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "plain", "é\"\\\u2028x", "bad \xff utf8 \xc3", "\x00\x7f", "2019-06-10T18:41:00.9584103Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		want := strings.TrimSuffix(buf.String(), "\n")
		if got := string(AppendString(nil, s)); got != want || stringLen(s) != len(want) {
			t.Fatalf("AppendString(%q) = %s (stringLen %d), want %s", s, got, stringLen(s), want)
		}
	})
}

// TestAppendStringEveryPlace puts each kind of byte the encoder must see at
// every place of strings longer than the eight bytes plainRun skips at
// once, and compares with encoding/json.
func TestAppendStringEveryPlace(t *testing.T) {
	for _, special := range []string{`"`, `\`, "\x00", "\x1f", " ", "\x7f", "~", "\x80", "é", "\u2028", "\xff"} {
		for n := 8; n <= 25; n++ {
			for at := 0; at < n; at++ {
				s := strings.Repeat("a", at) + special + strings.Repeat("b", n-at)
				var buf bytes.Buffer
				enc := json.NewEncoder(&buf)
				enc.SetEscapeHTML(false)
				if err := enc.Encode(s); err != nil {
					t.Fatal(err)
				}
				want := strings.TrimSuffix(buf.String(), "\n")
				if got := string(AppendString(nil, s)); got != want || stringLen(s) != len(want) {
					t.Fatalf("AppendString(%q) = %s (stringLen %d), want %s", s, got, stringLen(s), want)
				}
			}
		}
	}
}

// TestPrettyIndentDeep checks indentation past the levels appendIndent
// copies in one piece: [[...[1]...]] nested d deep, against the text built
// line by line.
func TestPrettyIndentDeep(t *testing.T) {
	for _, d := range []int{1, 31, 32, 33, 80} {
		src := strings.Repeat("[", d) + "1" + strings.Repeat("]", d)
		var want strings.Builder
		for i := range d {
			want.WriteString(strings.Repeat("  ", i) + "[\n")
		}
		want.WriteString(strings.Repeat("  ", d) + "1\n")
		for i := d - 1; i >= 0; i-- {
			want.WriteString(strings.Repeat("  ", i) + "]\n")
		}
		doc, err := Parse([]byte(src), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := string(Pretty(doc.Root)); got != want.String() {
			t.Errorf("depth %d: Pretty =\n%s\nwant\n%s", d, got, want.String())
		}
	}
}
