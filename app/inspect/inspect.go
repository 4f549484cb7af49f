// Package inspect runs the whole eventlens pipeline on a payload — decode,
// detect, validate, semantic checks, both conversions, pretty-print — and
// returns one Report that the UI and the CLI render.
package inspect

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"eventlens/app/convert"
	"eventlens/app/detect"
	"eventlens/app/diag"
	"eventlens/app/jsontree"
	"eventlens/app/vocab"
	"eventlens/app/wire"
)

// MaxBytes is the largest payload eventlens inspects (vocab.MaxInputBytes,
// 32 MiB).
const MaxBytes = vocab.MaxInputBytes

// MaxPrettyBytes bounds the pretty-printed text (vocab.MaxPrettyBytes, 64
// MiB).
const MaxPrettyBytes = vocab.MaxPrettyBytes

// Report is everything eventlens finds in one payload.
type Report struct {
	Form        detect.Form       // the payload's form
	Batch       bool              // the payload is a JSON array
	Events      []Event           // one summary per event (or array element)
	Valid       bool              // decoded, recognised, and no error diagnostics
	Diagnostics []diag.Diagnostic // every finding, in source order
	Errors      int               // number of error diagnostics
	Warnings    int               // number of warning diagnostics
	Infos       int               // number of info diagnostics

	// Pretty is the payload formatted with two-space indentation, keeping
	// key order and number text; empty when it does not decode.
	Pretty []byte
	// Minified says Pretty is minified instead: indenting the payload would
	// have made it larger than MaxPrettyBytes.
	Minified bool
	// EventGrid and CloudEvents show the events in each form; nil when the
	// payload is not events. The one matching the input's form is Native.
	EventGrid   *Conversion
	CloudEvents *Conversion
	// HandshakeResponse is the body a webhook must answer a
	// subscription-validation event with; empty for other payloads.
	HandshakeResponse string

	Doc *jsontree.Doc // the decoded payload; nil when decoding failed

	// Request is the HTTP request the text is, or nil when it is a bare
	// payload. Diagnostics are then located in the whole request; the
	// payload is its body, or for a binary-mode request the event its
	// headers and body make (Request.Event), which Doc holds.
	Request *wire.Request

	otherMode *modeText // OtherMode's result, once asked for
}

// Event summarises one event of a payload, for pickers and lists.
type Event struct {
	Index   int
	Pointer string
	Form    detect.Form
	ID      string // the event's id, "" when absent or not a string
	Type    string // eventType or type, "" when absent or not a string
	Line    int    // line of the event's opening brace
}

// Conversion is a payload shown in one form.
type Conversion struct {
	Native bool   // the input already is in this form: Text is the input, pretty-printed
	Text   []byte // the payload in this form, pretty-printed; empty when Err is set
	// Minified says Text is minified instead: indenting it would have made
	// it larger than MaxPrettyBytes (as Report.Minified).
	Minified bool
	Root     *jsontree.Node   // the converted tree (nil when Err is set)
	Changes  []convert.Change // what the conversion renamed, dropped, added or could not carry
	Err      string           // why the payload cannot be shown in this form
}

// Inspect decodes src and reports its form, validity, diagnostics, and the
// payload in both forms. It never panics and never returns nil.
func Inspect(src []byte) *Report {
	return NewJob(src).Run()
}

// Validate decodes src and reports its form, validity and diagnostics, as
// Inspect does, but stops at the verdict: the report has no pretty-printed
// text and no conversions, which for a large batch are most of the time
// and memory of an inspection. It never panics and never returns nil.
func Validate(src []byte) *Report {
	j := NewJob(src)
	for !j.Verdict() {
		j.work()
		yield()
	}
	return j.r
}

// HandshakeResponse returns the JSON body that answers a subscription
// validation event carrying code.
func HandshakeResponse(code string) string {
	return `{"validationResponse":` + string(jsontree.AppendString(nil, code)) + `}`
}

// supersedesSchema lists the semantic checks that explain a value better
// than the schema error at the same place: the schema's error there is
// dropped. (specversion "0.3" is CE005, not a bare "must be 1.0"; the
// "#1.0" dataschema that Azure writes is CE020, a warning that says who
// rejects it.)
var supersedesSchema = map[string]bool{string(vocab.CESpecVersion): true, string(vocab.CEDataSchemaURI): true}

// merge joins schema and semantic diagnostics, dropping schema errors that
// a more specific semantic finding at the same pointer explains.
func merge(sch, sem []diag.Diagnostic) []diag.Diagnostic {
	explained := map[string]bool{}
	for _, d := range sem {
		if supersedesSchema[d.Code] {
			explained[d.Pointer] = true
		}
	}
	out := make([]diag.Diagnostic, 0, len(sch)+len(sem))
	for _, d := range sch {
		if !explained[d.Pointer] {
			out = append(out, d)
		}
	}
	return append(out, sem...)
}

// count tallies the diagnostics by severity.
func (r *Report) count() {
	r.Errors, r.Warnings, r.Infos = diag.Count(r.Diagnostics)
}

// syntaxDiagnostic turns a decoding failure into a located diagnostic.
func syntaxDiagnostic(err error) diag.Diagnostic {
	var se *jsontree.SyntaxError
	if errors.As(err, &se) {
		d := diag.Diagnostic{
			Severity: se.Code.Severity(), Code: string(se.Code), Message: se.Msg, Event: eventOf(se.Pointer),
			Pointer: se.Pointer, Line: se.Pos.Line, Column: se.Pos.Column,
			Offset: se.Pos.Offset, End: max(se.End, se.Pos.Offset),
		}
		if r := se.Repair; r != nil {
			d.Fix = &diag.Fix{Title: r.Title, Edits: []diag.Edit{{Offset: r.Offset, End: r.End, Text: r.Text}}}
		}
		return d
	}
	return diag.New(vocab.JSONSyntax, -1, "", nil, "%s", err.Error())
}

// noteDiagnostic turns a decoder note into a diagnostic.
func noteDiagnostic(n jsontree.Note, root *jsontree.Node) diag.Diagnostic {
	ev := -1
	if root != nil && root.Kind == jsontree.Array {
		ev = eventOf(n.Pointer)
	} else if root != nil && root.Kind == jsontree.Object && n.Pointer != "" {
		ev = 0
	}
	return diag.Diagnostic{
		Severity: n.Code.Severity(), Code: string(n.Code), Message: n.Message, Event: ev, Pointer: n.Pointer,
		Line: n.Pos.Line, Column: n.Pos.Column, Offset: n.Pos.Offset, End: max(n.End, n.Pos.Offset),
	}
}

// eventOf returns the array index that a pointer starts with, or -1.
func eventOf(pointer string) int {
	if !strings.HasPrefix(pointer, "/") {
		return -1
	}
	first, _, _ := strings.Cut(pointer[1:], "/")
	i, err := strconv.Atoi(first)
	if err != nil || i < 0 {
		return -1
	}
	return i
}

// summarise lists the events with their id, type and line.
func summarise(doc *jsontree.Doc, res detect.Result) []Event {
	out := make([]Event, len(res.Events))
	for i, e := range res.Events {
		ev := Event{Index: e.Index, Pointer: e.Pointer, Form: e.Form}
		if e.Node != nil {
			ev.Line = e.Node.Pos.Line
			if id := e.Node.Get(vocab.ID); id != nil && id.Kind == jsontree.String {
				ev.ID = id.Text
			}
			for _, k := range []string{vocab.EventType, vocab.Type} {
				if t := e.Node.Get(k); t != nil && t.Kind == jsontree.String {
					ev.Type = t.Text
					break
				}
			}
		}
		out[i] = ev
	}
	return out
}

// converting is the conversion of a payload under way: its own form, ready
// at once, and the other, converted by run (nil: nothing to convert).
type converting struct {
	eg, ce *Conversion // nil: the one run makes
	run    *convert.Converter
}

// startConversions prepares the conversions of the payload, which holds
// events events: its own form is ready, the other is made by run; past
// vocab.MaxConvertEvents there is only its own.
func startConversions(root *jsontree.Node, form detect.Form, events int, pretty []byte, minified bool) converting {
	native := &Conversion{Native: true, Text: pretty, Minified: minified, Root: root}
	other := func(start func(*jsontree.Node) *convert.Converter) (*Conversion, *convert.Converter) {
		if events > vocab.MaxConvertEvents {
			return &Conversion{Err: fmt.Sprintf("the payload holds %d events, and eventlens converts payloads of at most %d events (twenty times Event Grid's largest batch): split it, or show one event alone",
				events, vocab.MaxConvertEvents)}, nil
		}
		return nil, start(root)
	}
	var c converting
	switch form {
	case detect.EventGrid:
		c.eg = native
		c.ce, c.run = other(convert.NewToCloudEvents)
	case detect.CloudEvents:
		c.ce = native
		c.eg, c.run = other(convert.NewToEventGrid)
	case detect.Handshake:
		c.eg = native
		c.ce = &Conversion{Err: "A subscription-validation event has no CloudEvents form: with the CloudEvents schema, Event Grid validates the endpoint with an HTTP OPTIONS request (WebHook-Request-Origin header) instead."}
	}
	return c
}

// finish returns both forms; the converted one is completed (whatever
// events are left) and its text made now.
func (c converting) finish() (eg, ce *Conversion) {
	if c.run == nil {
		return c.eg, c.ce
	}
	conv := &Conversion{}
	if res, err := c.run.Result(); err != nil {
		conv.Err = err.Error()
	} else {
		conv = &Conversion{Text: res.Text, Minified: res.Minified, Root: res.Root, Changes: res.Changes}
	}
	if c.eg == nil {
		return conv, c.ce
	}
	return c.eg, conv
}

// ApplyFix returns src with the fix's edits applied. Edits that overlap or
// fall outside src are skipped, so a stale fix cannot corrupt the text.
func ApplyFix(src []byte, fix *diag.Fix) []byte {
	if fix == nil {
		return src
	}
	// Apply from the end so earlier offsets stay valid.
	edits := slices.Clone(fix.Edits)
	slices.SortStableFunc(edits, func(a, b diag.Edit) int { return b.Offset - a.Offset })
	out := append([]byte(nil), src...)
	limit := len(out)
	for _, e := range edits {
		if e.Offset < 0 || e.End < e.Offset || e.End > limit {
			continue
		}
		out = append(out[:e.Offset], append([]byte(e.Text), out[e.End:]...)...)
		limit = e.Offset
	}
	return out
}
