package wire

import (
	"bytes"
	"encoding/base64"
	"errors"
	"strings"
	"unicode/utf8"

	"eventlens/app/diag"
	"eventlens/app/jsontree"
	"eventlens/app/vocab"
)

// event is the structured CloudEvents event of a binary-mode request, and
// where each of its parts came from.
type event struct {
	text  []byte
	attrs []placed // each attribute's value in text, and its header
	// data: text[dataStart:dataEnd] is the body's bytes from bodyData on,
	// written as they are (verbatim) or as a JSON string or data_base64.
	dataStart, dataEnd, bodyData int
	verbatim                     bool
}

// placed is an attribute's value in the event's text.
type placed struct {
	name       string
	start, end int
	header     int
}

// Event returns the structured CloudEvents event (JSON format) that a
// binary-mode request carries: its attributes from the ce- headers
// (percent-decoded), datacontenttype from Content-Type, and data from the
// body (the body's JSON as it is written when the content type is JSON,
// else a string, or data_base64 when the body is not UTF-8). It returns
// nil for other kinds of requests.
func (r *Request) Event() []byte {
	if r.event == nil {
		return nil
	}
	return r.event.text
}

// isJSONType reports whether a media type declares JSON.
func isJSONType(mt string) bool {
	return mt == vocab.MediaJSON || mt == "text/json" || strings.HasSuffix(mt, "+json")
}

// buildEvent writes the event of a binary-mode request.
func (r *Request) buildEvent() {
	e := &event{}
	b := []byte("{")
	for _, a := range r.Attributes {
		if len(b) > 1 {
			b = append(b, ',')
		}
		b = append(b, "\n  "...)
		b = jsontree.AppendString(b, a.Name)
		b = append(b, ": "...)
		start := len(b)
		b = jsontree.AppendString(b, a.Value)
		e.attrs = append(e.attrs, placed{name: a.Name, start: start, end: len(b), header: a.Header})
	}
	body := r.Body()
	lead := len(body) - len(bytes.TrimLeft(body, " \t\r\n"))
	data := bytes.TrimRight(body[lead:], " \t\r\n")
	e.bodyData = r.BodyStart + lead
	if len(data) > 0 {
		if len(b) > 1 {
			b = append(b, ',')
		}
		b = append(b, "\n  "...)
		mt := r.MediaType()
		asJSON := isJSONType(mt)
		if asJSON || mt == "" {
			_, err := jsontree.Parse(data, jsontree.Options{MaxBytes: vocab.MaxInputBytes})
			var se *jsontree.SyntaxError
			switch {
			case err == nil:
				e.verbatim = true
			case asJSON && errors.As(err, &se):
				off := e.bodyData + se.Pos.Offset
				r.Diagnostics = append(r.Diagnostics, at(se.Code, r.span(off, off+se.End-se.Pos.Offset), 0,
					"The body is not JSON although Content-Type says %s: %s. It is inspected as a string.", mt, se.Msg))
			}
		}
		switch {
		case e.verbatim:
			b = append(b, `"data": `...)
			e.dataStart = len(b)
			b = append(b, data...)
		case utf8.Valid(data):
			b = append(b, `"data": `...)
			e.dataStart = len(b)
			b = jsontree.AppendString(b, string(data))
		default:
			b = append(b, `"data_base64": "`...)
			e.dataStart = len(b)
			b = base64.StdEncoding.AppendEncode(b, data)
			b = append(b, '"')
		}
		e.dataEnd = len(b)
	}
	e.text = append(b, "\n}\n"...)
	r.event = e
}

// Relocate places diagnostics about the event of a binary-mode request
// (located in the text Event returns) in the pasted request: a finding
// about an attribute on its header's value, one inside JSON data at the
// same place in the body, any other on the request line. Fixes that edit
// the body keep working; others, which would edit the event's text, are
// dropped. A missing required attribute that HTTP009 already reports is
// dropped too. Other requests' diagnostics are returned unchanged.
func (r *Request) Relocate(ds []diag.Diagnostic) []diag.Diagnostic {
	e := r.event
	if e == nil {
		return ds
	}
	missing := false
	for _, d := range r.Diagnostics {
		missing = missing || d.Code == string(vocab.HTTPBinaryRequired)
	}
	out := ds[:0]
	for _, d := range ds {
		if missing && d.Code == string(vocab.SchemaRequired) && d.Pointer == "" {
			continue
		}
		name, _, _ := strings.Cut(strings.TrimPrefix(d.Pointer, "/"), "/")
		s, fix := r.Line, (*diag.Fix)(nil)
		switch {
		case (name == vocab.Data || name == vocab.DataBase64 || d.Pointer == "") && e.dataEnd > 0 && d.Offset >= e.dataStart && d.Offset < e.dataEnd:
			if e.verbatim {
				s = r.span(d.Offset-e.dataStart+e.bodyData, max(d.End, d.Offset)-e.dataStart+e.bodyData)
				fix = r.shiftFix(d.Fix)
			} else {
				s = r.span(e.bodyData, e.bodyData+e.dataEnd-e.dataStart)
			}
		default:
			for _, a := range e.attrs {
				if a.name == name {
					h := r.Headers[a.header]
					s = h.ValueSpan
					if !strings.Contains(d.Message, h.Name) {
						d.Message += " (header " + h.Name + ")"
					}
					break
				}
			}
		}
		d.Offset, d.End, d.Line, d.Column, d.Fix = s.Offset, s.End, s.Line, s.Column, fix
		out = append(out, d)
	}
	diag.Sort(out)
	return out
}

// shiftFix moves a fix's edits from the event's data to the body, or drops
// the fix when an edit falls outside the data.
func (r *Request) shiftFix(f *diag.Fix) *diag.Fix {
	if f == nil {
		return nil
	}
	e := r.event
	out := &diag.Fix{Title: f.Title}
	for _, ed := range f.Edits {
		if ed.Offset < e.dataStart || ed.End > e.dataEnd {
			return nil
		}
		ed.Offset += e.bodyData - e.dataStart
		ed.End += e.bodyData - e.dataStart
		out.Edits = append(out.Edits, ed)
	}
	return out
}
