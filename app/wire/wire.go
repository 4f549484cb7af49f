// Package wire reads an HTTP request as it is pasted or dropped: the
// request line, the headers, a blank line and the body, with CRLF or LF
// line ends, or the same request in a `curl -v` dump. It tells which kind
// of delivery it is (an Event Grid delivery, CloudEvents in structured,
// batched or binary mode, the CloudEvents webhook handshake), keeps the
// byte offset, line and column of every header so that diagnostics land on
// the header's line, checks the headers against the body, and builds the
// structured CloudEvents event that a binary-mode request carries, so that
// the rest of the engine inspects it like any payload.
//
// The package is plain Go without net/http: it is part of the browser app.
package wire

import (
	"bytes"
	"sort"
	"strings"
	"unicode/utf8"

	"eventlens/app/diag"
	"eventlens/app/vocab"
)

// Kind is what a request's headers say it delivers.
type Kind uint8

// The kinds of requests.
const (
	// Plain is a request whose headers name no kind of delivery: its body
	// decides (e.g. Event Grid events posted without the aeg-* headers).
	Plain      Kind = iota
	EventGrid       // an Event Grid delivery: aeg-event-type is set
	Structured      // CloudEvents structured mode: Content-Type application/cloudevents+json
	Batch           // CloudEvents batched mode: Content-Type application/cloudevents-batch+json
	Binary          // CloudEvents binary mode: attributes in ce-* headers, data in the body
	WebHook         // the CloudEvents webhook abuse-protection handshake: OPTIONS
)

// String returns the kind's stable name: "plain", "eventgrid",
// "structured", "batch", "binary" or "webhook-handshake".
func (k Kind) String() string {
	switch k {
	case EventGrid:
		return "eventgrid"
	case Structured:
		return "structured"
	case Batch:
		return "batch"
	case Binary:
		return "binary"
	case WebHook:
		return "webhook-handshake"
	}
	return "plain"
}

// Title names the kind for people: "Event Grid delivery", "CloudEvents
// binary mode"...
func (k Kind) Title() string {
	switch k {
	case EventGrid:
		return "Event Grid delivery"
	case Structured:
		return "CloudEvents structured mode"
	case Batch:
		return "CloudEvents batched mode"
	case Binary:
		return "CloudEvents binary mode"
	case WebHook:
		return "CloudEvents webhook handshake"
	}
	return "HTTP request"
}

// Span is a place in the pasted text.
type Span struct {
	Offset int // byte offset of the first byte
	End    int // byte offset just past the last byte
	Line   int // 1-based line of Offset
	Column int // 1-based column of Offset, in code points
}

// Header is one header line of the request.
type Header struct {
	Name      string // as written
	Value     string // as written, without the white space around it
	Span      Span   // the header, from its name to the end of its value
	ValueSpan Span   // the value alone
}

// Attribute is a CloudEvents context attribute that a binary-mode request
// carries in a header: its name (ce- removed, lower case), its value
// decoded, and the header it came from (an index into Request.Headers).
type Attribute struct {
	Name   string
	Value  string
	Header int
}

// Request is a parsed HTTP request. Offsets refer to the text given to
// Parse, which the Request keeps (not a copy).
type Request struct {
	Method, Target, Proto string
	Line                  Span     // the request line
	Headers               []Header // in order
	BodyStart, BodyEnd    int      // the body is src[BodyStart:BodyEnd]
	Curl                  bool     // the text is a `curl -v` dump
	Kind                  Kind

	// Attributes are the context attributes of a binary-mode request, in
	// header order, datacontenttype (from Content-Type) last.
	Attributes []Attribute
	// Diagnostics are the findings about the request line and the headers
	// alone (HTTPxxx); Check adds those about the headers against the body.
	Diagnostics []diag.Diagnostic

	src   []byte
	lines []int  // where each line starts
	event *event // the structured event of a binary-mode request
}

// methods are the request methods a pasted text may start with.
var methods = []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "CONNECT", "TRACE"}

// Looks reports whether src is an HTTP request: its first non-blank line
// (or, in a `curl -v` dump, its first "> " line) starts with a request
// method (in any case) and a target ("/…", "http…" or "*").
func Looks(src []byte) bool {
	if !mayBe(src) {
		return false
	}
	_, ok := requestLine(src, lineStarts(src))
	return ok
}

// mayBe reports whether src may be a request at all: its first character
// that is not white space is a letter (a method) or starts a line of a curl
// dump. It keeps JSON from costing a scan of its lines.
func mayBe(src []byte) bool {
	t := bytes.TrimLeft(src, " \t\r\n\ufeff")
	return len(t) > 0 && (t[0]|0x20 >= 'a' && t[0]|0x20 <= 'z' || t[0] == '*' || t[0] == '>' || t[0] == '<')
}

// Parse reads src as an HTTP request; it reports false when src is not one
// (see Looks). Malformed parts are diagnostics, not errors: Parse never
// fails on a text that Looks like a request.
func Parse(src []byte) (*Request, bool) {
	if !mayBe(src) {
		return nil, false
	}
	lines := lineStarts(src)
	first, ok := requestLine(src, lines)
	if !ok {
		return nil, false
	}
	r := &Request{src: src, lines: lines, BodyStart: len(src), BodyEnd: len(src)}
	r.Curl = first.curl
	r.parseRequestLine(first)
	r.parseHead(first)
	r.classify()
	r.checkHeaders()
	if r.Kind == Binary {
		r.buildEvent()
	}
	if r.Kind != WebHook && len(bytes.TrimSpace(r.Body())) == 0 && r.Kind != Binary {
		what := "a request that delivers events carries them in its body"
		if r.Method == "GET" || r.Method == "HEAD" {
			what = "a " + r.Method + " request has no body, so it cannot deliver events: Event Grid and CloudEvents deliver with POST"
		}
		r.add(vocab.HTTPNoBody, r.Line, "There is nothing after the headers: %s. Paste the whole request, the blank line and the body after the headers.", what)
	}
	diag.Sort(r.Diagnostics)
	return r, true
}

// Src returns the text the request was parsed from.
func (r *Request) Src() []byte { return r.src }

// Body returns the request's body (a part of the text, not a copy).
func (r *Request) Body() []byte { return r.src[r.BodyStart:r.BodyEnd] }

// Header returns the first header named name (case-insensitive), or nil.
func (r *Request) Header(name string) *Header {
	for i := range r.Headers {
		if strings.EqualFold(r.Headers[i].Name, name) {
			return &r.Headers[i]
		}
	}
	return nil
}

// Get returns the value of the first header named name, "" when absent.
func (r *Request) Get(name string) string {
	if h := r.Header(name); h != nil {
		return h.Value
	}
	return ""
}

// MediaType returns the media type of Content-Type, in lower case and
// without parameters ("" when there is none).
func (r *Request) MediaType() string { return mediaType(r.Get(vocab.HeaderContentType)) }

// mediaType returns a Content-Type value's type/subtype in lower case.
func mediaType(v string) string {
	t, _, _ := strings.Cut(v, ";")
	return strings.ToLower(strings.TrimSpace(t))
}

// Masked returns a copy of the text in which every byte outside the body
// is a space, line breaks kept: decoding it places the body's values at
// their offsets, lines and columns in the pasted text.
func (r *Request) Masked() []byte {
	out := make([]byte, len(r.src))
	for i, c := range r.src {
		switch {
		case i >= r.BodyStart && i < r.BodyEnd, c == '\n':
			out[i] = c
		default:
			out[i] = ' '
		}
	}
	return out
}

// Pos returns the place of byte offset off in the text (clamped to it).
func (r *Request) Pos(off int) Span { return r.span(off, off) }

// span returns the place of src[off:end].
func (r *Request) span(off, end int) Span {
	off = min(max(off, 0), len(r.src))
	end = min(max(end, off), len(r.src))
	i := sort.Search(len(r.lines), func(i int) bool { return r.lines[i] > off }) - 1
	start := r.lines[max(i, 0)]
	if start == 0 && bytes.HasPrefix(r.src, bom) && off >= len(bom) {
		start = len(bom)
	}
	return Span{Offset: off, End: end, Line: max(i, 0) + 1, Column: utf8.RuneCount(r.src[start:off]) + 1}
}

var bom = []byte("\ufeff")

// add records a diagnostic at span s.
func (r *Request) add(code vocab.Code, s Span, format string, args ...any) {
	r.Diagnostics = append(r.Diagnostics, at(code, s, -1, format, args...))
}

// at returns a diagnostic with code's severity at span s.
func at(code vocab.Code, s Span, event int, format string, args ...any) diag.Diagnostic {
	d := diag.New(code, event, "", nil, format, args...)
	d.Line, d.Column, d.Offset, d.End = s.Line, s.Column, s.Offset, s.End
	return d
}

// lineStarts returns the offset where each line of src starts.
func lineStarts(src []byte) []int {
	lines := make([]int, 1, 64)
	for i, c := range src {
		if c == '\n' {
			lines = append(lines, i+1)
		}
	}
	return lines
}
