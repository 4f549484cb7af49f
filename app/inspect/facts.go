package inspect

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"eventlens/app/convert"
	"eventlens/app/detect"
	"eventlens/app/jsontree"
	"eventlens/app/vocab"
	"eventlens/app/wire"
)

// This file holds what a Report says about its payload beyond its fields:
// the facts the CLI and the UI show, written once here.

// FormLabel names what the payload is: "Event Grid batch of 3 events",
// "CloudEvents event", "Validation handshake", "Empty array", "Not an
// event" or "Not JSON".
func (r *Report) FormLabel() string {
	if q := r.Request; q != nil {
		switch {
		case q.Kind == wire.WebHook:
			return "CloudEvents webhook handshake (OPTIONS)"
		case r.Doc == nil && hasCode(r.Diagnostics, vocab.HTTPNoBody):
			return "HTTP " + q.Method + " request without a body"
		}
		return q.Kind.Title() + ": " + r.payloadLabel()
	}
	return r.payloadLabel()
}

// payloadLabel names what the payload (a request's body) is.
func (r *Report) payloadLabel() string {
	switch {
	case r.Doc == nil:
		return "Not JSON"
	case r.Form == detect.Handshake:
		return "Validation handshake"
	case r.Form == detect.Unknown && r.Batch && len(r.Events) == 0:
		return "Empty array"
	case r.Form == detect.Unknown && r.has(vocab.FormCloudEvents01):
		return "CloudEvents 0.1, not 1.0"
	case r.Form == detect.Unknown:
		return "Not an event"
	case r.Batch:
		return fmt.Sprintf("%s batch of %d %s", r.Form.Title(), len(r.Events), plural(len(r.Events), "event", "events"))
	}
	return r.Form.Title() + " event"
}

// Summary returns a one-line verdict, e.g. "Event Grid batch of 3 events:
// invalid, 2 errors, 1 warning".
func (r *Report) Summary() string {
	var b strings.Builder
	b.WriteString(r.FormLabel())
	if r.Valid {
		b.WriteString(": valid")
	} else {
		b.WriteString(": invalid")
	}
	if r.Errors > 0 {
		fmt.Fprintf(&b, ", %d %s", r.Errors, plural(r.Errors, "error", "errors"))
	}
	if r.Warnings > 0 {
		fmt.Fprintf(&b, ", %d %s", r.Warnings, plural(r.Warnings, "warning", "warnings"))
	}
	return b.String()
}

// plural returns one or many as n asks.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Conversion returns the payload in form f (EventGrid or CloudEvents),
// converted or, in its own form, pretty-printed; nil for another form and
// while the payload is not events (or its conversions are not ready).
func (r *Report) Conversion(f detect.Form) *Conversion {
	switch f {
	case detect.EventGrid:
		return r.EventGrid
	case detect.CloudEvents:
		return r.CloudEvents
	}
	return nil
}

// OtherForm returns the form the payload converts to: CloudEvents for
// Event Grid events (and for a validation handshake, which has none: see
// Converted), Event Grid for CloudEvents; Unknown for other payloads.
func (r *Report) OtherForm() detect.Form {
	switch r.Form {
	case detect.EventGrid, detect.Handshake:
		return detect.CloudEvents
	case detect.CloudEvents:
		return detect.EventGrid
	}
	return detect.Unknown
}

// Converted returns the payload converted to OtherForm, with what the
// conversion changes, or with Err saying why there is no such form; nil
// when the payload is not events (or its conversions are not ready).
func (r *Report) Converted() *Conversion {
	return r.Conversion(r.OtherForm())
}

// EventText returns event i of a batch (the i-th element of the array)
// pretty-printed; nil when the payload is not an array or has no element i.
func (r *Report) EventText(i int) []byte {
	if r.Doc == nil {
		return nil
	}
	return elementText(r.Doc.Root, i)
}

// EventText returns event i of the batch in this form, pretty-printed; nil
// when there is no such event (or no converted payload).
func (c *Conversion) EventText(i int) []byte {
	if c == nil {
		return nil
	}
	return elementText(c.Root, i)
}

// elementText pretty-prints element i of an array.
func elementText(root *jsontree.Node, i int) []byte {
	if root == nil || root.Kind != jsontree.Array || i < 0 || i >= len(root.Items) {
		return nil
	}
	return jsontree.Pretty(root.Items[i])
}

// Caption says, above the view of a payload converted to the form named
// title, how many attributes the conversion changed (in event focus, or in
// the whole payload when focus < 0) and what the reader must know about the
// conversion as a whole (its noted changes: for CloudEvents to Event Grid,
// that Azure never delivers in that direction).
func (c *Conversion) Caption(title string, focus int) string {
	var b strings.Builder
	n := c.EventChanges(focus)
	fmt.Fprintf(&b, "Converted to %s (%d attribute %s", title, n, plural(n, "change", "changes"))
	if focus >= 0 {
		fmt.Fprintf(&b, " in event %d", focus)
	}
	b.WriteString("; see the Field mapping tab).")
	for _, ch := range c.Changes {
		if ch.Kind == convert.Noted && ch.Note != "" {
			b.WriteString(" " + strings.ToUpper(ch.Note[:1]) + ch.Note[1:] + ".")
		}
	}
	return b.String()
}

// EventChanges returns how many attribute changes the conversion makes to
// event i of the payload, or to the whole payload (every event) when i < 0.
// Notes about the conversion as a whole are not changes.
func (c *Conversion) EventChanges(i int) int {
	if c == nil {
		return 0
	}
	n := 0
	for _, ch := range c.Changes {
		if ch.Kind != convert.Noted && (i < 0 || ch.Event == i) {
			n++
		}
	}
	return n
}

// EventAt returns the index of the event of a batch whose text holds the
// byte offset off (from its opening brace to just past its closing one),
// or -1 when off is outside every event or the payload is not a batch.
func (r *Report) EventAt(off int) int {
	if r.Doc == nil || !r.Batch || r.Doc.Root.Kind != jsontree.Array {
		return -1
	}
	items := r.Doc.Root.Items
	i := sort.Search(len(items), func(i int) bool { return items[i].End >= off })
	if i == len(items) || off < items[i].Pos.Offset || i >= len(r.Events) {
		return -1
	}
	return i
}

// has reports whether the report carries a diagnostic with code c.
func (r *Report) has(c vocab.Code) bool {
	for _, d := range r.Diagnostics {
		if d.Code == string(c) {
			return true
		}
	}
	return false
}

// OtherMode returns a CloudEvents request in the HTTP binding's other
// content mode (binary to structured, structured to binary) with the
// mode's title, or an error saying why there is none (not a request, an
// Event Grid delivery, a batch...). The first call converts; later calls
// return the same result.
func (r *Report) OtherMode() (title string, text []byte, err error) {
	if r.otherMode == nil {
		m := &modeText{}
		switch {
		case r.Request == nil:
			m.err = errors.New("not an HTTP request")
		case r.Request.Kind == wire.Binary:
			m.title = wire.Structured.Title()
			m.text, m.err = r.Request.ToStructured()
		default:
			m.title = wire.Binary.Title()
			m.text, m.err = r.Request.ToBinary()
		}
		r.otherMode = m
	}
	return r.otherMode.title, r.otherMode.text, r.otherMode.err
}

// modeText is the result of OtherMode.
type modeText struct {
	title string
	text  []byte
	err   error
}
