package schema

import (
	"encoding/base64"
	"mime"
	"strings"

	"eventlens/app/detect"
	"eventlens/app/diag"
	"eventlens/app/jsontree"
	"eventlens/app/vocab"
)

// cloudEventsData checks a CloudEvent of a known type typ whose data member
// is absent or null (data is that member, or nil): the type's data is a
// JSON object, which Event Grid form requires, so the same event gets the
// same verdict in both forms. Data carried in data_base64 with a JSON
// content type (or none) is decoded and validated; diagnostics about it are
// placed on data_base64, whose decoded bytes have no place in the source.
func (e *entry) cloudEventsData(ev detect.Event, typ string, data *jsontree.Node) []diag.Diagnostic {
	b64 := ev.Node.Get(vocab.DataBase64)
	if b64 == nil || b64.Kind == jsontree.Null {
		why := "the event has no data"
		if data != nil {
			why = "data is null, which means unset"
		}
		return []diag.Diagnostic{diag.New(vocab.SchemaRequired, ev.Index, ev.Pointer, ev.Node,
			`missing required "data": %s, but a %s event carries its connection in a data object (timestamp, hubName, connectionId…), which the same event in Event Grid form must have: add data`,
			why, typ)}
	}
	if b64.Kind != jsontree.String {
		return nil // the envelope schema reports it
	}
	ptr := ev.Pointer + "/" + vocab.DataBase64
	ct := "no datacontenttype"
	if c := ev.Node.Get(vocab.DataContentType); c != nil && c.Kind == jsontree.String {
		ct = "datacontenttype " + quoteText(c.Text)
		if !jsonMedia(c.Text) {
			return []diag.Diagnostic{diag.New(vocab.SchemaType, ev.Index, ptr, b64,
				`the data of a %s event is a JSON object, but it is in data_base64 with %s, which is not JSON: put the JSON object in data`, typ, ct)}
		}
	}
	raw, err := base64.StdEncoding.DecodeString(b64.Text)
	if err != nil {
		return nil // app/lint reports bad base64 (CE016)
	}
	doc, err := jsontree.Parse(raw, jsontree.Options{})
	if err != nil {
		return []diag.Diagnostic{diag.New(vocab.SchemaType, ev.Index, ptr, b64,
			`the data of a %s event is a JSON object, but data_base64 (with %s) decodes to text that is not JSON (%v): put the JSON object in data`, typ, ct, err)}
	}
	var out []diag.Diagnostic
	for _, d := range e.validate(ev, doc.Root, ptr) {
		out = append(out, diag.New(vocab.Code(d.Code), ev.Index, ptr, b64,
			"in data_base64, decoded (%s): %s; better, put the JSON object in data", ct, d.Message))
	}
	return out
}

// jsonMedia reports whether a media type declares JSON (application/json,
// text/json or any +json type).
func jsonMedia(s string) bool {
	name, _, err := mime.ParseMediaType(s)
	return err == nil && (name == "application/json" || name == "text/json" || strings.HasSuffix(name, "+json"))
}

// quoteText quotes s for a message.
func quoteText(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }
