package wire

import (
	"bytes"
	"testing"

	"eventlens/app/jsontree"
)

// FuzzParse checks, for any text, that Parse does not panic, that every
// place it reports is inside the text and agrees with its line:column, and
// that a binary-mode request's event is JSON and survives the trip to
// structured mode. go test replays the seeds; explore with
// go test -fuzz FuzzParse ./app/wire.
func FuzzParse(f *testing.F) {
	for _, s := range []string{egDelivery, crlf(binary), binary,
		"OPTIONS /api HTTP/1.1\r\nWebHook-Request-Origin: o\r\nWebHook-Request-Rate: x\r\n\r\n",
		"* Trying\n> POST /x HTTP/1.1\n> ce-id: 1\n> \n\xff\xfe\n< HTTP/1.1 200 OK\n",
		"post /x\n  folded\nBad\n[1",
		"\ufeffPOST / HTTP/1.1\nce-id: %\nce-source: \"a\\\"\nContent-Type: text/plain\n\nhé",
		"GET *\n", "POST /\r\n\r\n", "> POST / HTTP/1.1\n>\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		r, ok := Parse(src)
		if ok != Looks(src) {
			t.Fatalf("Parse says %v, Looks %v", ok, !ok)
		}
		if !ok {
			return
		}
		inside := func(what string, s Span) {
			if s.Offset < 0 || s.End < s.Offset || s.End > len(src) {
				t.Fatalf("%s [%d, %d) outside the text of %d bytes", what, s.Offset, s.End, len(src))
			}
			if p := r.Pos(s.Offset); p.Line != s.Line || p.Column != s.Column {
				t.Fatalf("%s at %d:%d, its offset is %d:%d", what, s.Line, s.Column, p.Line, p.Column)
			}
		}
		inside("request line", r.Line)
		for _, h := range r.Headers {
			inside(h.Name, h.Span)
			inside(h.Name+" value", h.ValueSpan)
			if string(src[h.ValueSpan.Offset:h.ValueSpan.End]) != h.Value {
				t.Fatalf("%s: value %q, span holds %q", h.Name, h.Value, src[h.ValueSpan.Offset:h.ValueSpan.End])
			}
		}
		for _, d := range r.Diagnostics {
			inside(d.Code, Span{d.Offset, d.End, d.Line, d.Column})
		}
		if r.BodyStart < 0 || r.BodyStart > r.BodyEnd || r.BodyEnd > len(src) {
			t.Fatalf("body [%d, %d)", r.BodyStart, r.BodyEnd)
		}
		if m := r.Masked(); len(m) != len(src) || !bytes.Equal(m[r.BodyStart:r.BodyEnd], r.Body()) {
			t.Fatal("the masked text moved the body")
		}
		if r.Kind != Binary {
			return
		}
		ev, err := jsontree.Parse(r.Event(), jsontree.Options{})
		if err != nil {
			t.Fatalf("the event of a binary request is not JSON: %v\n%s", err, r.Event())
		}
		st, err := r.ToStructured()
		if err != nil {
			t.Fatal(err)
		}
		s, ok := Parse(st)
		if !ok || s.Kind != Structured {
			t.Fatalf("the structured form is not a structured request:\n%s", st)
		}
		body, err := jsontree.Parse(s.Body(), jsontree.Options{})
		if err != nil || !jsontree.Equal(body.Root, ev.Root) {
			t.Fatalf("the structured body differs from the event (%v):\n%s", err, st)
		}
	})
}
