package inspect

import (
	"runtime"
	"slices"
	"time"

	"eventlens/app/detect"
	"eventlens/app/diag"
	"eventlens/app/jsontree"
	"eventlens/app/lint"
	"eventlens/app/schema"
	"eventlens/app/vocab"
	"eventlens/app/wire"
)

// Job is an inspection run in steps, so that a caller on a single thread
// (the browser's) can share the work out over time and stay responsive:
// each Step does a bounded amount of work and returns. The verdict is ready
// first; the pretty-printed text and the conversions follow. Inspect is a
// Job run to the end.
type Job struct {
	src   []byte
	r     *Report
	stage jobStage
	res   detect.Result
	next  int            // the next event to check
	lint  *lint.Checker  // the semantic checks, event by event
	found diag.Collector // every diagnostic, capped per code
	req   *wire.Request  // the HTTP request src is, or nil

	prev  *Report // the report of the text src edits (NewJobAfter), until used
	reuse bool    // the checks of the events the edit left alone were reused

	dec    *jsontree.Decoder // the decoding under way
	text   []byte            // what dec decodes: src, or the payload of the request src is
	decode time.Duration     // the time decoding took so far
	conv   converting        // the conversion under way

	// whole is what a piece of work that takes the whole payload costs,
	// about: the longest one so far, decoding counted as one.
	whole time.Duration
}

// Pieces of the work whose cost grows with the payload. 8,192 values are
// an eighth of a 5,000-event batch; 500 events a tenth of it.
const (
	decodeValues  = 8192 // values decoded in a piece
	convertEvents = 500  // events converted in a piece
)

// jobStage is the next piece of work of a Job.
type jobStage int

const (
	stageParse       jobStage = iota // decode the text
	stageValidate                    // check event by event: schema, then semantics
	stageCheck                       // checks across events, then the verdict
	stagePretty                      // pretty-print
	stageConvert                     // the other form, convertEvents events at a time
	stageConvertText                 // the other form's text
	stageDone
)

// NewJob prepares the inspection of src; no work is done until Step. The
// Job keeps src: do not modify it while the Job runs.
func NewJob(src []byte) *Job {
	return &Job{src: src, r: &Report{}}
}

// Step works on the inspection for about budget, at least one piece of work
// (decodeValues values decoded, one event's checks, the checks across
// events, pretty-printing, convertEvents events converted, the converted
// text), and reports whether the inspection is complete. A budget of zero
// or less does exactly one piece. The checks across events,
// pretty-printing and the converted text each take the whole payload (for
// 5,000 events, tens of milliseconds each in a browser): one starts within
// a step only if the step has left about the time such a piece took so far
// (decoding counted as one), so that a step does not run far past its
// budget.
func (j *Job) Step(budget time.Duration) (done bool) {
	start := time.Now()
	for first := true; j.stage != stageDone; first = false {
		short := j.reuse && !j.Verdict() // the rest up to the verdict is short: one step
		if !first && !short && j.stage.whole() && time.Since(start)+j.whole > budget {
			break
		}
		j.timed()
		if short {
			continue
		}
		if budget <= 0 || time.Since(start) >= budget {
			break
		}
	}
	return j.stage == stageDone
}

// timed does the next piece of work, and keeps the time the pieces that
// take the whole payload take.
func (j *Job) timed() {
	stage, start := j.stage, time.Now()
	j.work()
	took := time.Since(start)
	switch {
	case stage == stageParse:
		j.decode += took
		j.whole = max(j.whole, j.decode)
	case stage.whole():
		j.whole = max(j.whole, took)
	}
}

// whole reports whether the stage's work takes the whole payload in one
// piece.
func (s jobStage) whole() bool {
	return s == stageCheck || s == stagePretty || s == stageConvertText
}

// Run completes the inspection and returns its Report.
func (j *Job) Run() *Report {
	for j.stage != stageDone {
		j.work()
		yield()
	}
	return j.r
}

// yield gives Go's scheduler a turn between two pieces of work. In wasm
// (one thread, no preemption) the collector's background workers run only
// when the running code yields: a loop that never does leaves collection
// to allocation assists, and the heap of an inspection at the limits grew
// to 4 GB, several times the memory limit, by chance of timing. The page
// yields to the browser between steps; Run and Validate yield here.
func yield() { runtime.Gosched() }

// Report returns the report as far as the inspection went; it is the same
// Report throughout, filled in as the Job goes on. Its form, events,
// diagnostics, counts and verdict are final once Verdict says so; Pretty
// and then the conversions once Done says so. It never returns nil.
func (j *Job) Report() *Report { return j.r }

// Verdict reports whether the report's verdict is final: form, events,
// diagnostics, counts, Valid and HandshakeResponse.
func (j *Job) Verdict() bool { return j.stage > stageCheck }

// Done reports whether the inspection is complete.
func (j *Job) Done() bool { return j.stage == stageDone }

// Progress returns how many events have been checked and how many there
// are (0 and 0 until the payload is decoded).
func (j *Job) Progress() (validated, events int) {
	return j.next, len(j.res.Events)
}

// work does the next piece of work of the pipeline (Inspect runs them all).
func (j *Job) work() {
	r := j.r
	switch j.stage {
	case stageParse:
		if j.dec == nil && j.begin() {
			return
		}
		if !j.dec.Step(decodeValues) {
			return
		}
		doc, err := j.dec.Result()
		text := j.text
		j.dec, j.text = nil, nil
		if err != nil {
			d := syntaxDiagnostic(err)
			if msg, ok := detect.NotJSON(text, d.Offset); ok {
				d.Message = msg // an HTTP request or plain text, said so
			}
			r.Diagnostics = []diag.Diagnostic{d}
			if j.req != nil {
				r.Diagnostics = append(j.req.Relocate(r.Diagnostics), j.req.Diagnostics...)
				diag.Sort(r.Diagnostics)
			}
			r.count()
			j.stage = stageDone
			return
		}
		j.decoded(doc)
	case stageValidate:
		if j.next < len(j.res.Events) {
			ev := &j.res.Events[j.next]
			j.found.Add(merge(schema.ValidateEvent(*ev), j.lint.Event(ev))...)
			j.next++
		}
		if j.next == len(j.res.Events) {
			j.stage = stageCheck
		}
	case stageCheck:
		j.found.Add(j.lint.Batch(j.res)...)
		r.Diagnostics = j.found.Diagnostics()
		r.Errors, r.Warnings, r.Infos = j.found.Count()
		j.found, j.lint = diag.Collector{}, nil
		if j.req != nil {
			// The body's findings move into the pasted text; the
			// request's own (a few per header at most) are added whole.
			// Relocate drops only errors: the SCH001s of the required
			// attributes that HTTP009 already reports on the request.
			own := append(slices.Clone(j.req.Diagnostics), j.req.Check(r.Doc.Root, j.res)...)
			n := len(r.Diagnostics)
			r.Diagnostics = append(j.req.Relocate(r.Diagnostics), own...)
			diag.Sort(r.Diagnostics)
			e, w, i := diag.Count(own)
			r.Errors, r.Warnings, r.Infos = r.Errors+e-(n+len(own)-len(r.Diagnostics)), r.Warnings+w, r.Infos+i
		}
		empty := j.res.Batch && len(j.res.Events) == 0
		r.Valid = r.Errors == 0 && (r.Form != detect.Unknown || empty)
		r.Events = summarise(r.Doc, j.res)
		if j.req != nil && j.req.Kind == wire.Binary {
			for i := range r.Events {
				r.Events[i].Line = j.req.Line.Line // the event is the whole request
			}
		}
		if j.res.Form == detect.Handshake && j.res.ValidationCode != "" {
			r.HandshakeResponse = HandshakeResponse(j.res.ValidationCode)
		}
		j.stage = stagePretty
	case stagePretty:
		r.Pretty, r.Minified = prettyCapped(r.Doc.Root)
		j.conv = startConversions(r.Doc.Root, j.res.Form, len(j.res.Events), r.Pretty, r.Minified)
		j.stage = stageConvert
	case stageConvert:
		if j.conv.run == nil || j.conv.run.Step(convertEvents) {
			j.stage = stageConvertText
		}
	case stageConvertText:
		r.EventGrid, r.CloudEvents = j.conv.finish()
		j.conv = converting{}
		j.stage = stageDone
	}
}

// begin starts the inspection: it re-checks an edit of the previous
// report's text when it can (NewJobAfter), takes an HTTP request apart, and
// otherwise prepares the decoding of the payload. It reports true when the
// inspection needs no decoding.
func (j *Job) begin() (done bool) {
	if prev := j.prev; prev != nil {
		j.prev = nil
		if j.reinspect(prev) {
			return true
		}
	}
	text := j.src
	if len(j.src) <= MaxBytes {
		if req, ok := wire.Parse(j.src); ok {
			if j.request(req) {
				return true
			}
			text = j.payload()
		}
	}
	j.text = text
	j.dec = jsontree.NewDecoder(text, jsontree.Options{MaxBytes: MaxBytes})
	return false
}

// decoded takes doc, the decoded payload, and detects its form: what
// follows decoding, whether the text was decoded whole or in part.
func (j *Job) decoded(doc *jsontree.Doc) {
	r := j.r
	r.Doc = doc
	for _, n := range doc.Notes {
		j.found.Add(noteDiagnostic(n, doc.Root))
	}
	j.res = detect.Detect(doc.Root)
	r.Form, r.Batch = j.res.Form, j.res.Batch
	j.found.Add(j.res.Diagnostics...)
	j.lint = lint.NewChecker(doc)
	j.stage = stageValidate
}

// Oversized returns the report of a payload of n bytes when n is more than
// MaxBytes, without needing its text: what Inspect reports for any such
// payload (the JSON006 refusal, which states the limit). A caller holding
// the text elsewhere (a browser's text field) can so refuse it without
// copying it. For n up to MaxBytes it returns nil: inspect the text.
func Oversized(n int) *Report {
	if n <= MaxBytes {
		return nil
	}
	r := &Report{Diagnostics: []diag.Diagnostic{syntaxDiagnostic(jsontree.TooLarge(n, MaxBytes))}}
	r.count()
	return r
}

// request takes src as the HTTP request req. It reports true when the
// inspection is over: a webhook handshake, or a request without a body,
// has no events to inspect; its report is the request's diagnostics.
func (j *Job) request(req *wire.Request) (done bool) {
	j.req, j.r.Request = req, req
	if req.Kind != wire.WebHook && !hasCode(req.Diagnostics, vocab.HTTPNoBody) {
		return false
	}
	r := j.r
	r.Diagnostics = req.Diagnostics
	r.count()
	r.Valid = r.Errors == 0 && req.Kind == wire.WebHook
	j.stage = stageDone
	return true
}

// payload returns the text the engine inspects for the request: the event
// of a binary-mode request, else the request with everything but the body
// blanked out, so that positions are those of the pasted text.
func (j *Job) payload() []byte { return payloadOf(j.req) }

// payloadOf returns the payload an HTTP request delivers, as Job.payload.
func payloadOf(req *wire.Request) []byte {
	if ev := req.Event(); ev != nil {
		return ev
	}
	return req.Masked()
}

// hasCode reports whether ds holds a diagnostic with code c.
func hasCode(ds []diag.Diagnostic, c vocab.Code) bool {
	for _, d := range ds {
		if d.Code == string(c) {
			return true
		}
	}
	return false
}
