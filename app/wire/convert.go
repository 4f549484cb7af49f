package wire

import (
	"bytes"
	"encoding/base64"
	"errors"
	"slices"
	"strconv"
	"strings"

	"eventlens/app/jsontree"
	"eventlens/app/vocab"
)

// kept reports whether a header is copied into the other mode's request:
// not Content-Type, Content-Length (both rewritten) nor a ce- header.
func kept(name string) bool {
	_, ce := cutPrefixFold(name, vocab.CloudEventsHeaderPrefix)
	return !ce && !strings.EqualFold(name, vocab.HeaderContentType) && !strings.EqualFold(name, "Content-Length")
}

// head writes the request line and the headers that both modes share.
func (r *Request) head() []byte {
	proto := r.Proto
	if !protoPattern().MatchString(proto) {
		proto = "HTTP/1.1"
	}
	b := []byte(r.Method + " " + r.Target + " " + proto + "\r\n")
	for _, h := range r.Headers {
		if kept(h.Name) {
			b = append(b, h.Name+": "+h.Value+"\r\n"...)
		}
	}
	return b
}

// finish adds Content-Type, Content-Length, the blank line and the body.
func finish(b []byte, contentType string, body []byte) []byte {
	if contentType != "" {
		b = append(b, vocab.HeaderContentType+": "+contentType+"\r\n"...)
	}
	b = append(b, "Content-Length: "+strconv.Itoa(len(body))+"\r\n\r\n"...)
	return append(b, body...)
}

// ToStructured returns the request of a binary-mode request in structured
// mode: the same request line and other headers, Content-Type
// application/cloudevents+json and the event (see Event) as its body,
// pretty-printed. Lines end with CRLF.
func (r *Request) ToStructured() ([]byte, error) {
	if r.Kind != Binary || r.event == nil {
		return nil, errors.New("only a binary-mode request (attributes in ce- headers) converts to structured mode")
	}
	doc, err := jsontree.Parse(r.event.text, jsontree.Options{MaxBytes: vocab.MaxInputBytes})
	if err != nil {
		return nil, errors.New("the event does not decode: " + err.Error())
	}
	return finish(r.head(), vocab.MediaCloudEvents+"; charset=utf-8", jsontree.Pretty(doc.Root)), nil
}

// ToBinary returns the request of a structured-mode request (one event) in
// binary mode: each attribute in a ce- header (percent-encoded),
// datacontenttype in Content-Type, data (or the bytes of data_base64) as
// the body. Lines end with CRLF; a body that is not UTF-8 is written as it
// is.
func (r *Request) ToBinary() ([]byte, error) {
	if r.Kind != Structured {
		return nil, errors.New("only a structured-mode request (Content-Type application/cloudevents+json, one event) converts to binary mode; a batch has no binary form")
	}
	doc, err := jsontree.Parse(r.Body(), jsontree.Options{MaxBytes: vocab.MaxInputBytes})
	if err != nil {
		return nil, errors.New("the body does not decode: " + err.Error())
	}
	root := doc.Root
	if root.Kind != jsontree.Object {
		return nil, errors.New("the body is not one event (a JSON object)")
	}
	b := r.head()
	contentType := ""
	var body []byte
	for _, m := range root.Members {
		v := m.Value
		switch {
		case m.Key == vocab.Data:
			if v.Kind == jsontree.String && contentType != "" && !isJSONType(mediaType(contentType)) {
				body = []byte(v.Text)
			} else {
				body = bytes.Clone(doc.Src[v.Pos.Offset:v.End])
			}
			continue
		case m.Key == vocab.DataBase64 && v.Kind == jsontree.String:
			raw, err := base64.StdEncoding.DecodeString(v.Text)
			if err != nil {
				return nil, errors.New("data_base64 is not base64: " + err.Error())
			}
			body = raw
			continue
		case m.Key == vocab.DataContentType && v.Kind == jsontree.String:
			contentType = v.Text
			continue
		}
		var text string
		switch v.Kind {
		case jsontree.Null:
			continue // unset
		case jsontree.String, jsontree.Number, jsontree.Bool:
			text = v.Text
		default:
			return nil, errors.New(m.Key + " is a JSON " + v.Kind.String() + ", which no CloudEvents attribute can be: it has no header form")
		}
		b = append(b, vocab.CloudEventsHeaderPrefix+m.Key+": "+Escape(text)+"\r\n"...)
	}
	if contentType == "" && body != nil && root.Get(vocab.Data) != nil {
		contentType = vocab.MediaJSON // the JSON format's data is JSON
	}
	return finish(b, contentType, body), nil
}

// Format writes a request as text that Parse reads: the request line
// (proto "HTTP/1.1"), Host then the other headers sorted by name (a
// net/http Header is a map[string][]string), a blank line and the body;
// lines end with CRLF. The live receiver writes what it received with it.
// Header values with line breaks are cut at the break (HTTP forbids them).
func Format(method, target string, header map[string][]string, body []byte) []byte {
	names := make([]string, 0, len(header))
	for name := range header {
		names = append(names, name)
	}
	// Host first, as HTTP/1.1 clients write it (RFC 9112, section 3.2),
	// then the others by name.
	slices.SortFunc(names, func(a, b string) int {
		if ha, hb := strings.EqualFold(a, "Host"), strings.EqualFold(b, "Host"); ha != hb {
			if ha {
				return -1
			}
			return 1
		}
		return strings.Compare(a, b)
	})
	b := []byte(method + " " + target + " HTTP/1.1\r\n")
	for _, name := range names {
		for _, v := range header[name] {
			v, _, _ = strings.Cut(v, "\n")
			b = append(b, name+": "+strings.TrimRight(v, "\r")+"\r\n"...)
		}
	}
	b = append(b, "\r\n"...)
	return append(b, body...)
}
