package jsontree

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"eventlens/app/textpos"
	"eventlens/app/vocab"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		code      vocab.Code
		line, col int
		pointer   string
		want      []string // substrings of the message
	}{
		{"empty", "", vocab.JSONEmpty, 1, 1, "", []string{"the input is empty", "paste an Event Grid or CloudEvents payload"}},
		{"only white space", " \r\n\t\n  ", vocab.JSONEmpty, 3, 3, "", []string{"the input is empty"}},
		{"BOM only", "\xEF\xBB\xBF", vocab.JSONEmpty, 1, 1, "", []string{"the input is empty"}},
		{"trailing data", "[{\"id\":\"1\"}]\n[{\"id\":\"2\"}]", vocab.JSONTrailingData, 2, 1, "", []string{"unexpected data after the JSON value (which ends at 1:12)", "remove the extra text, or wrap the values in an array"}},
		{"trailing garbage", `{"a":1} x`, vocab.JSONTrailingData, 1, 9, "", []string{"unexpected data after the JSON value"}},
		{"invalid UTF-8 Latin-1", "{\n  \"hubName\": \"caf\xE9\"\n}", vocab.JSONInvalidUTF8, 2, 18, "", []string{"byte 0xE9 is not valid UTF-8", "re-save it as UTF-8"}},
		{"invalid UTF-8 after multibyte", "[\"é\", \"\xC3\x28\"]", vocab.JSONInvalidUTF8, 1, 8, "", []string{"byte 0xC3", "not UTF-8"}},
		{"invalid UTF-8 outside string", "[1,\xFF]", vocab.JSONInvalidUTF8, 1, 4, "", []string{"0xFF"}},
		{"UTF-16 LE BOM", "\xFF\xFE[\x00]\x00", vocab.JSONUTF16, 1, 1, "", []string{"UTF-16 byte-order mark", "re-save the file as UTF-8"}},
		{"UTF-16 BE BOM", "\xFE\xFF\x00[\x00]", vocab.JSONUTF16, 1, 1, "", []string{"UTF-16"}},
		{"UTF-16 LE without BOM", "[\x00]\x00", vocab.JSONUTF16, 1, 1, "", []string{"looks like UTF-16"}},
		{"unexpected character", `{"a": @}`, vocab.JSONSyntax, 1, 7, "/a", []string{"expected a value", "found '@'"}},
		{"unexpected non-ASCII", "{\"a\": «x»}", vocab.JSONSyntax, 1, 7, "/a", []string{"expected a value", "'«' (U+00AB)"}},
		{"missing comma in object", "{\n  \"id\": \"1\"\n  \"subject\": \"x\"\n}", vocab.JSONSyntax, 3, 3, "/id", []string{"expected ',' or '}' after object member, found '\"'", "a comma is missing"}},
		{"missing comma in array", `[1 2]`, vocab.JSONSyntax, 1, 4, "/1", []string{"expected ',' or ']' after array element, found '2'", "a comma is missing"}},
		{"missing colon", `{"id" "1"}`, vocab.JSONSyntax, 1, 7, "/id", []string{"expected ':' after the object key \"id\", found '\"'"}},
		{"key not a string", `{1:2}`, vocab.JSONSyntax, 1, 2, "", []string{"found `1` where a key was expected", "double quotes"}},
		{"unquoted key", `{id: "1"}`, vocab.JSONSyntax, 1, 2, "", []string{"found `id` where a key was expected", `write "id"`}},
		{"brace after colon", `{"a":}`, vocab.JSONSyntax, 1, 6, "/a", []string{"expected a value", "found '}'"}},
		{"mismatched bracket in object", `{"a":1]`, vocab.JSONSyntax, 1, 7, "/a", []string{"mismatched brackets", "opened at 1:1", "'}'"}},
		{"mismatched bracket in array", `[1}`, vocab.JSONSyntax, 1, 3, "/1", []string{"mismatched brackets", "']'"}},
		{"unclosed object", "{\"a\":1", vocab.JSONSyntax, 1, 7, "/a", []string{"unexpected end of input", "expected ',' or '}'", "object opened at 1:1 is not closed"}},
		{"unclosed array", "[\n1,\n", vocab.JSONSyntax, 3, 1, "/1", []string{"unexpected end of input", "expected a value", "array opened at 1:1"}},
		{"unclosed after key", `{"a"`, vocab.JSONSyntax, 1, 5, "/a", []string{"unexpected end of input", "expected ':'"}},
		{"trailing comma in array", "[1,\n 2,\n]", vocab.JSONSyntax, 2, 3, "/2", []string{"trailing comma", "remove the trailing comma"}},
		{"trailing comma after non-ASCII, a line up", "[\"é\",\n]", vocab.JSONSyntax, 1, 5, "/1", []string{"trailing comma"}},
		{"trailing data after a BOM and non-ASCII lines", "\xEF\xBB\xBF[\"日本\"\n]\n\n,", vocab.JSONTrailingData, 4, 1, "", []string{"(which ends at 2:1)"}},
		{"trailing comma in object", "{\"a\": 1, }", vocab.JSONSyntax, 1, 8, "/a", []string{"trailing comma before '}'", "remove the trailing comma"}},
		{"extra comma in array", `[1,,2]`, vocab.JSONSyntax, 1, 4, "/1", []string{"found ','", "remove the extra comma"}},
		{"unterminated string", `{"a": "abc`, vocab.JSONSyntax, 1, 7, "/a", []string{"unterminated string", "add the closing '\"'"}},
		{"unterminated key", `{"abc`, vocab.JSONSyntax, 1, 2, "", []string{"unterminated string"}},
		{"unterminated escaped string", `["a\n`, vocab.JSONSyntax, 1, 2, "/0", []string{"unterminated string"}},
		{"line break in string", "{\"a\": \"abc\n\"}", vocab.JSONSyntax, 1, 11, "/a", []string{"line break inside a string", "\\n"}},
		{"tab in string", "[\"a\tb\"]", vocab.JSONSyntax, 1, 4, "/0", []string{"tab character", "\\t"}},
		{"control character in string", "[\"a\x01\"]", vocab.JSONSyntax, 1, 4, "/0", []string{"control character U+0001", "\\u0001"}},
		{"control character after escape", "[\"\\n\x1f\"]", vocab.JSONSyntax, 1, 5, "/0", []string{"control character U+001F"}},
		{"invalid escape", `["C:\path"]`, vocab.JSONSyntax, 1, 5, "/0", []string{"invalid escape `\\p`", "double it"}},
		{"invalid escape at end", `["\`, vocab.JSONSyntax, 1, 2, "/0", []string{"unterminated string"}},
		{"invalid unicode escape", `["\u00zz"]`, vocab.JSONSyntax, 1, 3, "/0", []string{"invalid escape `\\u00zz`", "4 hex digits"}},
		{"short unicode escape", `["\u12"]`, vocab.JSONSyntax, 1, 3, "/0", []string{"4 hex digits"}},
		{"leading zero", `{"n": 012}`, vocab.JSONSyntax, 1, 7, "/n", []string{"number `012` has a leading zero"}},
		{"negative leading zero", `[-00]`, vocab.JSONSyntax, 1, 2, "/0", []string{"leading zero"}},
		{"point without digits", `[1.]`, vocab.JSONSyntax, 1, 2, "/0", []string{"expected a digit after the decimal point in `1.`"}},
		{"point then exponent", `[1.e5]`, vocab.JSONSyntax, 1, 2, "/0", []string{"expected a digit after the decimal point"}},
		{"leading point", `[.5]`, vocab.JSONSyntax, 1, 2, "/0", []string{"cannot start with '.'", "0"}},
		{"plus sign", `[+1]`, vocab.JSONSyntax, 1, 2, "/0", []string{"cannot start with '+'"}},
		{"minus alone", `[-]`, vocab.JSONSyntax, 1, 2, "/0", []string{"expected a digit after '-'"}},
		{"exponent without digits", `[1e]`, vocab.JSONSyntax, 1, 2, "/0", []string{"expected a digit in the exponent of `1e`"}},
		{"exponent sign without digits", `[1e+]`, vocab.JSONSyntax, 1, 2, "/0", []string{"exponent"}},
		{"hex number", `[0x1F]`, vocab.JSONSyntax, 1, 2, "/0", []string{"invalid number `0x1F`", "decimal"}},
		{"number with suffix", `[10ms]`, vocab.JSONSyntax, 1, 2, "/0", []string{"invalid number `10ms`"}},
		{"NaN", `{"v": NaN}`, vocab.JSONSyntax, 1, 7, "/v", []string{"found `NaN`", "not JSON numbers"}},
		{"Infinity", `[Infinity]`, vocab.JSONSyntax, 1, 2, "/0", []string{"found `Infinity`", "not JSON numbers"}},
		{"minus Infinity", `[-Infinity]`, vocab.JSONSyntax, 1, 2, "/0", []string{"found `-Infinity`", "not JSON numbers"}},
		{"True", `{"ok": True}`, vocab.JSONSyntax, 1, 8, "/ok", []string{"found `True`", "lower-case", "write true"}},
		{"NULL", `[NULL]`, vocab.JSONSyntax, 1, 2, "/0", []string{"write null"}},
		{"nul", `[nul]`, vocab.JSONSyntax, 1, 2, "/0", []string{"invalid literal `nul`", "did you mean null?"}},
		{"fals", `[fals]`, vocab.JSONSyntax, 1, 2, "/0", []string{"did you mean false?"}},
		{"truee", `[truee]`, vocab.JSONSyntax, 1, 2, "/0", []string{"did you mean true?"}},
		{"undefined", `{"a": undefined}`, vocab.JSONSyntax, 1, 7, "/a", []string{"found `undefined`", "write null"}},
		{"bare word", `[hello]`, vocab.JSONSyntax, 1, 2, "/0", []string{"found `hello` where a value was expected", `write "hello"`}},
		{"single-quoted string", `{"a": 'b'}`, vocab.JSONSyntax, 1, 7, "/a", []string{"single-quoted string", "double quotes"}},
		{"single-quoted key", `{'a': 1}`, vocab.JSONSyntax, 1, 2, "", []string{"single-quoted key"}},
		{"line comment", "// events\n[]", vocab.JSONSyntax, 1, 1, "", []string{"comment", "JSON does not allow comments"}},
		{"block comment in object", "{\"a\": 1 /* x */}", vocab.JSONSyntax, 1, 9, "/a", []string{"JSON does not allow comments"}},
		{"comment before key", "{/* x */\"a\": 1}", vocab.JSONSyntax, 1, 2, "", []string{"JSON does not allow comments"}},
		{"expected key", `{"a":1,]`, vocab.JSONSyntax, 1, 8, "/a", []string{"expected a string key after ','", "found ']'"}},
		{"deep pointer", `{"data":{"list":[0,{"x~/":tru}]}}`, vocab.JSONSyntax, 1, 27, "/data/list/1/x~0~1", []string{"did you mean true?"}},
		{"columns count code points", "{\"hubName\": \"日本語\", x}", vocab.JSONSyntax, 1, 20, "/hubName", []string{"found `x` where a key was expected"}},
		{"columns after BOM", "\xEF\xBB\xBF[1 2]", vocab.JSONSyntax, 1, 4, "/1", []string{"a comma is missing"}},
		{"CRLF line breaks", "[\r\n1,\r\n@]", vocab.JSONSyntax, 3, 1, "/1", []string{"found '@'"}},
		{"lone CR is no line break", "[1,\r@]", vocab.JSONSyntax, 1, 5, "/1", []string{"found '@'"}},
		{"trailing comment", "{}\n// done", vocab.JSONTrailingData, 2, 1, "", []string{"JSON does not allow comments"}},
		{"typographic quotes", "{\"a\": “x”}", vocab.JSONSyntax, 1, 7, "/a", []string{"U+201C", "use straight double quotes"}},
		{"typographic quote key", "{“a”: 1}", vocab.JSONSyntax, 1, 2, "", []string{"expected a string key after '{'", "straight double quotes"}},
		{"no-break space", "{\"a\":\u00a01}", vocab.JSONSyntax, 1, 6, "/a", []string{"U+00A0", "replace it with a normal space"}},
		{"BOM in the middle", "[\xEF\xBB\xBF1]", vocab.JSONSyntax, 1, 2, "/0", []string{"byte-order mark (U+FEFF)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Parse([]byte(tc.src), Options{})
			if err == nil {
				t.Fatalf("Parse(%q) succeeded (root %v), want %s", tc.src, d.Root.Kind, tc.code)
			}
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error %T is not a *SyntaxError", err)
			}
			if se.Code != tc.code || se.Pos.Line != tc.line || se.Pos.Column != tc.col {
				t.Errorf("got %s at %d:%d (%s), want %s at %d:%d", se.Code, se.Pos.Line, se.Pos.Column, se.Msg, tc.code, tc.line, tc.col)
			}
			if se.Pointer != tc.pointer {
				t.Errorf("pointer %q, want %q", se.Pointer, tc.pointer)
			}
			for _, w := range tc.want {
				if !strings.Contains(se.Msg, w) {
					t.Errorf("message %q lacks %q", se.Msg, w)
				}
			}
			if want := (&SyntaxError{Pos: se.Pos, Msg: se.Msg}).Error(); !strings.HasPrefix(want, strings.Join([]string{itoa(tc.line), itoa(tc.col)}, ":")+": ") {
				t.Errorf("Error() = %q", want)
			}
			if se.End < se.Pos.Offset || se.End > len(tc.src) {
				t.Errorf("End %d out of [%d, %d]", se.End, se.Pos.Offset, len(tc.src))
			}
			// The position agrees with what PosAt computes for the offset.
			doc := &Doc{Src: []byte(tc.src)}
			if got := doc.PosAt(se.Pos.Offset); got != se.Pos {
				t.Errorf("PosAt(%d) = %+v, error at %+v", se.Pos.Offset, got, se.Pos)
			}
		})
	}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

func TestParseNotes(t *testing.T) {
	type note struct {
		code      vocab.Code
		line, col int
		pointer   string
		want      []string
		other     *Pos
	}
	tests := []struct {
		name  string
		src   string
		notes []note
	}{
		{"none", `[{"id":"1","data":{"n":9007199254740992,"m":1e308,"s":"\ud83d\ude00"}}]`, nil},
		{"BOM", "\xEF\xBB\xBF[]", []note{{vocab.JSONBOM, 1, 1, "", []string{"byte-order mark", "some receivers reject it"}, nil}}},
		{"duplicate key", "{\n  \"id\": \"1\",\n  \"data\": {},\n  \"id\": \"2\"\n}", []note{
			{vocab.JSONDuplicateKey, 4, 3, "/id", []string{`duplicate key "id"`, "first at 2:3", "keep the last value", "remove one"}, &Pos{Offset: 4, Line: 2, Column: 3}}}},
		{"duplicate key nested", `[{"data":{"a":1,"a":2,"a":3}}]`, []note{
			{vocab.JSONDuplicateKey, 1, 17, "/0/data/a", []string{`duplicate key "a"`, "first at 1:11"}, &Pos{Offset: 10, Line: 1, Column: 11}},
			{vocab.JSONDuplicateKey, 1, 23, "/0/data/a", []string{`duplicate key "a"`, "first at 1:11"}, &Pos{Offset: 10, Line: 1, Column: 11}}}},
		{"duplicate key in large object", `{"k0":0,"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9,"k10":0,"k11":1,"k12":2,"k13":3,"k14":4,"k15":5,"k16":6,"k3":9}`,
			[]note{{vocab.JSONDuplicateKey, 1, 128, "/k3", []string{`duplicate key "k3"`, "first at 1:23"}, &Pos{Offset: 22, Line: 1, Column: 23}}}},
		{"overflow", `{"n": 1e400}`, []note{{vocab.JSONNumberPrecision, 1, 7, "/n", []string{"number 1e400", "Infinity", "send it as a string"}, nil}}},
		{"negative overflow", `[-1.5E+999]`, []note{{vocab.JSONNumberPrecision, 1, 2, "/0", []string{"number -1.5E+999", "Infinity"}, nil}}},
		{"long integer overflow", `[` + strings.Repeat("9", 400) + `]`, []note{{vocab.JSONNumberPrecision, 1, 2, "/0", []string{"Infinity"}, nil}}},
		{"underflow", `[1e-400]`, []note{{vocab.JSONNumberPrecision, 1, 2, "/0", []string{"too small", "becomes 0"}, nil}}},
		{"zero with big exponent is fine", `[0e-400, 0.0e999]`, nil},
		{"integer beyond 2^53", `{"id": 9007199254740993}`, []note{{vocab.JSONNumberPrecision, 1, 8, "/id", []string{"beyond 2^53", "9007199254740992", "receivers may read a different value"}, nil}}},
		{"negative integer beyond 2^53", `[-12345678901234567]`, []note{{vocab.JSONNumberPrecision, 1, 2, "/0", []string{"beyond 2^53"}, nil}}},
		{"exact powers of two are fine", `[9223372036854775808, 18446744073709551616, 100000000000000000000]`, nil},
		{"lone high surrogate", `{"s": "a\ud800b"}`, []note{{vocab.JSONLoneSurrogate, 1, 9, "/s", []string{`\uD800`, "U+FFFD"}, nil}}},
		{"lone low surrogate", `["\uDC00"]`, []note{{vocab.JSONLoneSurrogate, 1, 3, "/0", []string{`\uDC00`}, nil}}},
		{"two high surrogates", `["\ud800\ud800"]`, []note{{vocab.JSONLoneSurrogate, 1, 3, "/0", nil, nil}, {vocab.JSONLoneSurrogate, 1, 9, "/0", nil, nil}}},
		{"notes in source order", "\xEF\xBB\xBF{\"a\":{\"x\":1,\"x\":2},\"b\":1e999}", []note{
			{vocab.JSONBOM, 1, 1, "", nil, nil},
			{vocab.JSONDuplicateKey, 1, 13, "/a/x", nil, &Pos{Offset: 9, Line: 1, Column: 7}},
			{vocab.JSONNumberPrecision, 1, 24, "/b", nil, nil}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Parse([]byte(tc.src), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(d.Notes) != len(tc.notes) {
				t.Fatalf("got %d notes %+v, want %d", len(d.Notes), d.Notes, len(tc.notes))
			}
			for i, w := range tc.notes {
				n := d.Notes[i]
				if n.Code != w.code || n.Pos.Line != w.line || n.Pos.Column != w.col || n.Pointer != w.pointer {
					t.Errorf("note %d: got %s at %d:%d %q, want %s at %d:%d %q", i, n.Code, n.Pos.Line, n.Pos.Column, n.Pointer, w.code, w.line, w.col, w.pointer)
				}
				if n.End <= n.Pos.Offset {
					t.Errorf("note %d: End %d not past offset %d", i, n.End, n.Pos.Offset)
				}
				for _, s := range w.want {
					if !strings.Contains(n.Message, s) {
						t.Errorf("note %d: message %q lacks %q", i, n.Message, s)
					}
				}
				switch {
				case w.other == nil && n.Other != nil:
					t.Errorf("note %d: Other = %+v, want nil", i, *n.Other)
				case w.other != nil && (n.Other == nil || *n.Other != *w.other):
					t.Errorf("note %d: Other = %+v, want %+v", i, n.Other, *w.other)
				}
			}
		})
	}
}

const multiLine = "[\n" +
	"  {\n" +
	"    \"topic\": \"/subscriptions/sub/resourceGroups/rg/providers/Microsoft.SignalRService/SignalR/sr\",\n" +
	"    \"subject\": \"/hub/chat\",\n" +
	"\t\"eventType\": \"Microsoft.SignalRService.ClientConnectionConnected\",\r\n" +
	"    \"data\": {\"hubName\": \"çhat\", \"n\": [1, -2.5e+3, true, null]},\n" +
	"    \"dataVersion\": \"1.0\"\n" +
	"  }\n" +
	"]\n"

func TestPositions(t *testing.T) {
	d, err := Parse([]byte(multiLine), Options{})
	if err != nil {
		t.Fatal(err)
	}
	ev := d.Root.Items[0]
	wantKeys := []string{"topic", "subject", "eventType", "data", "dataVersion"}
	if len(ev.Members) != len(wantKeys) {
		t.Fatalf("got %d members, want %d", len(ev.Members), len(wantKeys))
	}
	for i, k := range wantKeys {
		if ev.Members[i].Key != k {
			t.Errorf("member %d is %q, want %q (key order kept)", i, ev.Members[i].Key, k)
		}
	}
	tests := []struct {
		what      string
		pos       Pos
		end       int
		line, col int
		text      string // source text from pos to end
	}{
		{"root", d.Root.Pos, d.Root.End, 1, 1, multiLine[:len(multiLine)-1]},
		{"event", ev.Pos, ev.End, 2, 3, ""},
		{"topic key", ev.Members[0].KeyPos, ev.Members[0].KeyPos.Offset + 7, 3, 5, `"topic"`},
		{"topic value", ev.Members[0].Value.Pos, ev.Members[0].Value.End, 3, 14, `"/subscriptions/sub/resourceGroups/rg/providers/Microsoft.SignalRService/SignalR/sr"`},
		{"eventType key after tab", ev.Members[2].KeyPos, ev.Members[2].KeyPos.Offset + 11, 5, 2, `"eventType"`},
		{"data value", ev.Member("data").Value.Pos, ev.Get("data").End, 6, 13, `{"hubName": "çhat", "n": [1, -2.5e+3, true, null]}`},
		{"number after non-ASCII", ev.Get("data").Get("n").Items[1].Pos, ev.Get("data").Get("n").Items[1].End, 6, 42, `-2.5e+3`},
		{"null", ev.Get("data").Get("n").Items[3].Pos, ev.Get("data").Get("n").Items[3].End, 6, 57, `null`},
		{"dataVersion value", ev.Get("dataVersion").Pos, ev.Get("dataVersion").End, 7, 20, `"1.0"`},
	}
	for _, tc := range tests {
		if tc.pos.Line != tc.line || tc.pos.Column != tc.col {
			t.Errorf("%s at %d:%d, want %d:%d", tc.what, tc.pos.Line, tc.pos.Column, tc.line, tc.col)
		}
		if tc.text != "" && multiLine[tc.pos.Offset:tc.end] != tc.text {
			t.Errorf("%s spans %q, want %q", tc.what, multiLine[tc.pos.Offset:tc.end], tc.text)
		}
		if got := d.PosAt(tc.pos.Offset); got != tc.pos {
			t.Errorf("%s: PosAt(%d) = %+v, want %+v", tc.what, tc.pos.Offset, got, tc.pos)
		}
	}
	if n := ev.Get("data").Get("n").Items[1]; n.Kind != Number || n.Text != "-2.5e+3" {
		t.Errorf("number text %q kind %v, want -2.5e+3 kept as written", n.Text, n.Kind)
	}
	if got := ev.Get("data").Get("hubName").Text; got != "çhat" {
		t.Errorf("hubName = %q", got)
	}
}

// TestParseSharesSrc checks that Parse does not copy its input: the Doc
// keeps src, and keys, strings and numbers without escapes are read from
// its memory (a 30 MB paste must not take 60 MB); text with escapes is
// decoded into memory of its own.
func TestParseSharesSrc(t *testing.T) {
	src := []byte(`{"key": ["text", -12.5e3, "esc\u00e9"]}`)
	d, err := Parse(src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	inSrc := func(s string) bool {
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		lo := uintptr(unsafe.Pointer(&src[0]))
		return p >= lo && p+uintptr(len(s)) <= lo+uintptr(len(src))
	}
	if &d.Src[0] != &src[0] {
		t.Error("Doc.Src is a copy of src")
	}
	m := d.Root.Members[0]
	items := m.Value.Items
	for _, s := range []string{m.Key, items[0].Text, items[1].Text} {
		if !inSrc(s) {
			t.Errorf("%q is a copy, want it read from src", s)
		}
	}
	if got := items[2].Text; got != "escé" || inSrc(got) {
		t.Errorf("escaped string %q: want \"escé\" decoded into its own memory", got)
	}
}

// TestPosAtEveryOffset checks that PosAt agrees with a naive count for every
// offset of texts with BOMs, tabs, CRLF and multi-byte characters, and that
// Lines is the shared line index of the text.
func TestPosAtEveryOffset(t *testing.T) {
	for _, src := range []string{multiLine, "\xEF\xBB\xBF{\"é\":\n\"日本\"\r\n}", "[]", "\xEF\xBB\xBF\n\n[1]"} {
		d, err := Parse([]byte(src), Options{})
		if err != nil {
			t.Fatal(err)
		}
		o := origin([]byte(src))
		for off := range o {
			if got := d.PosAt(off); got != (Pos{Offset: off, Line: 1, Column: 1}) {
				t.Errorf("%q: PosAt(%d) inside the BOM = %+v, want 1:1", src, off, got)
			}
		}
		for off := o; off <= len(src); off++ {
			line, col := 1, 1
			for _, r := range src[o:off] {
				if r == '\n' {
					line, col = line+1, 1
				} else {
					col++
				}
			}
			if !utf8Start(src, off) {
				continue
			}
			if got := d.PosAt(off); got != (Pos{Offset: off, Line: line, Column: col}) {
				t.Errorf("%q: PosAt(%d) = %+v, want %d:%d", src, off, got, line, col)
			}
		}
		want := textpos.NewLines(src)
		if got := d.Lines(); !slices.Equal(got, want) {
			t.Errorf("%q: Lines() = %v, want %v", src, got, want)
		}
		if got := (&Doc{Src: []byte(src)}).Lines(); !slices.Equal(got, want) {
			t.Errorf("%q: Lines() of a Doc not made by Parse = %v, want %v", src, got, want)
		}
		if got := d.PosAt(-5); got.Offset != 0 || got.Line != 1 || got.Column != 1 {
			t.Errorf("PosAt(-5) = %+v, want the first position", got)
		}
		if got := d.PosAt(len(src) + 9); got.Offset != len(src) {
			t.Errorf("PosAt past the end = %+v, want offset %d", got, len(src))
		}
	}
}

func utf8Start(s string, off int) bool { return off == len(s) || s[off]&0xC0 != 0x80 }

func TestLimits(t *testing.T) {
	deep := strings.Repeat("[", 10000) + strings.Repeat("]", 10000)
	tests := []struct {
		name      string
		src       string
		opts      Options
		code      vocab.Code
		line, col int
		want      []string
	}{
		{"10,000 nested arrays", deep, Options{}, vocab.JSONTooDeep, 1, 513, []string{"more than 512 levels", "flatten"}},
		{"10,000 unclosed arrays", strings.Repeat("[", 10000), Options{}, vocab.JSONTooDeep, 1, 513, nil},
		{"nested objects", strings.Repeat(`{"a":`, 600), Options{}, vocab.JSONTooDeep, 1, 5*512 + 1, []string{"512 levels"}},
		{"custom depth", "[[\n  [1]]]", Options{MaxDepth: 2}, vocab.JSONTooDeep, 2, 3, []string{"more than 2 levels"}},
		{"too large", `["` + strings.Repeat("x", 2000) + `"]`, Options{MaxBytes: 1024}, vocab.JSONTooLarge, 1, 1, []string{"2004 bytes", "1024 bytes limit", "split the batch"}},
		{"too large MB", strings.Repeat(" ", 3<<20+1<<19), Options{MaxBytes: 3 << 20}, vocab.JSONTooLarge, 1, 1, []string{"3.5 MiB", "3 MiB limit"}},
		{"too many values", "[1,2,\n 3]", Options{MaxValues: 3}, vocab.JSONTooManyValues, 2, 2, []string{"more than 3 values", "cut it down"}},
		{"too many values in objects", `{"a": {"b": [], "c": 1}}`, Options{MaxValues: 3}, vocab.JSONTooManyValues, 1, 22, []string{"more than 3 values"}},
		{"too many values by default", "[" + strings.Repeat("0,", vocab.MaxValues) + "0]", Options{}, vocab.JSONTooManyValues, 1, 2 * vocab.MaxValues, []string{"more than 2000000 values"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.src), tc.opts)
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("got %v, want a *SyntaxError", err)
			}
			if se.Code != tc.code || se.Pos.Line != tc.line || se.Pos.Column != tc.col {
				t.Errorf("got %s at %d:%d (%s), want %s at %d:%d", se.Code, se.Pos.Line, se.Pos.Column, se.Msg, tc.code, tc.line, tc.col)
			}
			for _, w := range tc.want {
				if !strings.Contains(se.Msg, w) {
					t.Errorf("message %q lacks %q", se.Msg, w)
				}
			}
		})
	}
	// The error names the value past the limit.
	_, err := Parse([]byte(`{"a": {"b": [], "c": 1}}`), Options{MaxValues: 3})
	if se := err.(*SyntaxError); se.Pointer != "/a/c" {
		t.Errorf("pointer %q, want /a/c", se.Pointer)
	}
	if _, err := Parse([]byte("[1,2,3]"), Options{MaxValues: 4}); err != nil {
		t.Errorf("4 values with MaxValues 4: %v", err)
	}
	// At the limit exactly, the input is accepted.
	d, err := Parse([]byte(strings.Repeat("[", 512)+strings.Repeat("]", 512)), Options{})
	if err != nil {
		t.Fatalf("512 levels: %v", err)
	}
	depth := 0
	for n := d.Root; n != nil; depth++ {
		if len(n.Items) == 0 {
			n = nil
			continue
		}
		n = n.Items[0]
	}
	if depth != 512 {
		t.Errorf("depth %d, want 512", depth)
	}
	// With a higher limit, 10,000 levels decode, and the tree functions
	// handle them (natively and in wasm, whose stacks start small).
	dd, err := Parse([]byte(deep), Options{MaxDepth: 20000})
	if err != nil {
		t.Fatalf("10,000 levels with MaxDepth 20000: %v", err)
	}
	if got := string(Minify(dd.Root)); got != deep {
		t.Error("Minify of 10,000 levels differs from the input")
	}
	if !Equal(dd.Root, dd.Root.Clone()) || dd.Root.Value() == nil || PrettyLen(dd.Root) != prettyNestedLen(10000) {
		t.Error("Equal, Clone, Value or PrettyLen failed on 10,000 levels")
	}
	// Pretty's indentation grows with depth squared: 1,000 levels suffice.
	d1k, err := Parse([]byte(strings.Repeat("[", 1000)+strings.Repeat("]", 1000)), Options{MaxDepth: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if pretty := Pretty(d1k.Root); len(pretty) != prettyNestedLen(1000) || len(pretty) != PrettyLen(d1k.Root) {
		t.Errorf("Pretty of 1,000 levels is %d bytes, want %d", len(pretty), prettyNestedLen(1000))
	}
	if _, err := Parse([]byte(strings.Repeat("[", 200000)), Options{MaxDepth: 1 << 30}); err == nil || err.(*SyntaxError).Code != vocab.JSONTooDeep {
		t.Errorf("MaxDepth above 100000 must be capped: got %v", err)
	}
	if _, err := Parse(bytes.Repeat([]byte(" "), 1024), Options{MaxBytes: 1024}); err == nil || err.(*SyntaxError).Code != vocab.JSONEmpty {
		t.Errorf("1024 bytes at a 1024-byte limit: got %v, want the empty-input error", err)
	}
}

// TestNotesBounded checks that a payload with a great many findings lists
// the first 1000 of each kind and one note counting the rest.
func TestNotesBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"a":0`)
	for range 2500 {
		b.WriteString(`,"a":1e999`)
	}
	b.WriteString(`}`)
	d, err := Parse([]byte(b.String()), Options{})
	if err != nil {
		t.Fatal(err)
	}
	count := map[vocab.Code]int{}
	var summaries []Note
	for _, n := range d.Notes {
		count[n.Code]++
		if strings.Contains(n.Message, "were left out") {
			summaries = append(summaries, n)
		}
	}
	if count[vocab.JSONDuplicateKey] != 1001 || count[vocab.JSONNumberPrecision] != 1001 || len(summaries) != 2 {
		t.Fatalf("got %v notes and %d summaries, want 1001 of each kind and 2 summaries", count, len(summaries))
	}
	for _, s := range summaries {
		if !strings.Contains(s.Message, "1500 more notes") {
			t.Errorf("summary %q does not count the 1500 left out", s.Message)
		}
	}
	for i := 1; i < len(d.Notes); i++ {
		if d.Notes[i].Pos.Offset < d.Notes[i-1].Pos.Offset {
			t.Fatalf("notes out of source order at %d", i)
		}
	}
}

// prettyNestedLen is the size of Pretty for d nested arrays: level k
// (from 0) takes "[", a break and 2k+2 spaces of indent before its item,
// a break and 2k spaces before its "]"; the innermost is "[]"; plus the
// final newline.
func prettyNestedLen(d int) int {
	size := 2 + 1
	for k := range d - 1 {
		size += 1 + 1 + 2*k + 2 + 1 + 2*k + 1
	}
	return size
}

func TestTooLargeSizes(t *testing.T) {
	for n, want := range map[int]string{12: "12 bytes", 3 << 20: "3 MiB", 3<<20 + 1<<19: "3.5 MiB", 200 << 10: "0.2 MiB"} {
		if got := TooLarge(n, 32<<20).Msg; !strings.HasPrefix(got, "the input is "+want+", more than the 32 MiB limit") {
			t.Errorf("TooLarge(%d) = %q, want the size %q", n, got, want)
		}
	}
}

// TestRepairs checks the syntax errors that carry their one-edit repair:
// applying it makes the text decode (or move on to a later error), and
// errors without an obvious single edit carry none.
func TestRepairs(t *testing.T) {
	tests := []struct {
		name, src, title, fixed string
	}{
		{"missing comma in object", "{\n  \"id\": \"1\"\n  \"subject\": \"x\"\n}", "Add the missing comma", "{\n  \"id\": \"1\",\n  \"subject\": \"x\"\n}"},
		{"missing comma after object value", `[{"a":{}} {"b":1}]`, "Add the missing comma", `[{"a":{}}, {"b":1}]`},
		{"missing comma in array", `[1 2]`, "Add the missing comma", `[1, 2]`},
		{"missing comma after string in array", "[\"a\"\n \"b\"]", "Add the missing comma", "[\"a\",\n \"b\"]"},
		{"trailing comma in object", "{\"a\": 1,\n}", "Remove the trailing comma", "{\"a\": 1\n}"},
		{"trailing comma in array", `[1, 2 ,]`, "Remove the trailing comma", `[1, 2 ]`},
		{"no repair: missing colon", `{"id" "1"}`, "", ""},
		{"no repair: end of input", `[1, 2`, "", ""},
		{"no repair: mismatched brackets", `[1}`, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.src), Options{})
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q) = %v, want a syntax error", tt.src, err)
			}
			if tt.title == "" {
				if se.Repair != nil {
					t.Fatalf("repair %+v for %q, want none", *se.Repair, tt.src)
				}
				return
			}
			r := se.Repair
			if r == nil {
				t.Fatalf("no repair for %v", se)
			}
			if r.Title != tt.title {
				t.Errorf("title %q, want %q", r.Title, tt.title)
			}
			got := tt.src[:r.Offset] + r.Text + tt.src[r.End:]
			if got != tt.fixed {
				t.Errorf("repaired text %q, want %q", got, tt.fixed)
			}
			if _, err := Parse([]byte(got), Options{}); err != nil {
				t.Errorf("the repaired text does not decode: %v", err)
			}
		})
	}
}
