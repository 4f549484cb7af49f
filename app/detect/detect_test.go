package detect

import (
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"testing"

	"eventlens/app/diag"
	"eventlens/app/jsontree"
	"eventlens/app/vocab"
	"eventlens/internal/fixture"
)

// parse decodes src or fails the test.
func parse(t testing.TB, src string) *jsontree.Node {
	t.Helper()
	return fixture.Parse(t, src).Root
}

// seed returns a seed payload (Azure's documented examples) by file name,
// e.g. "eventgrid-connected.json".
func seed(t testing.TB, name string) string {
	t.Helper()
	return fixture.Seed(t, strings.TrimSuffix(name, ".json"))
}

// unwrap strips the [ ] around a one-event array.
func unwrap(s string) string {
	s = strings.TrimSpace(s)
	return strings.TrimSpace(s[1 : len(s)-1])
}

// Events written by hand, each with its keys in both orders.
const (
	egEvent = `{"id":"1","topic":"/t","subject":"/hub/chat","eventType":"Microsoft.SignalRService.ClientConnectionConnected",` +
		`"eventTime":"2019-06-10T18:41:00Z","data":{},"dataVersion":"1.0","metadataVersion":"1"}`
	egEventReversed = `{"metadataVersion":"1","dataVersion":"1.0","data":{},"eventTime":"2019-06-10T18:41:00Z",` +
		`"eventType":"Microsoft.SignalRService.ClientConnectionConnected","subject":"/hub/chat","topic":"/t","id":"1"}`
	ceEvent = `{"specversion":"1.0","id":"2","source":"/s","type":"Microsoft.SignalRService.ClientConnectionConnected",` +
		`"time":"2019-06-10T18:41:00Z","subject":"/hub/chat","data":{}}`
	ceEventReversed = `{"data":{},"subject":"/hub/chat","time":"2019-06-10T18:41:00Z",` +
		`"type":"Microsoft.SignalRService.ClientConnectionConnected","source":"/s","id":"2","specversion":"1.0"}`
	// tied carries one attribute of each form: the batch decides.
	tied = `{"id":"3","eventType":"x","type":"x","data":{}}`
)

// want is the expected outcome of one detection.
type want struct {
	form   Form
	batch  bool
	events []Form   // each event's form
	codes  []string // diagnostic codes, in order
	ptrs   []string // their pointers (when given)
}

func TestDetect(t *testing.T) {
	egConn := seed(t, "eventgrid-connected.json")
	egDisc := seed(t, "eventgrid-disconnected.json")
	ceConn := seed(t, "cloudevents-connected.json")
	ceDisc := seed(t, "cloudevents-disconnected.json")
	U, EG, CE := Unknown, EventGrid, CloudEvents
	tests := []struct {
		name string
		src  string
		want want
	}{
		{"Event Grid seed, connected", egConn, want{form: EG, batch: true, events: []Form{EG}}},
		{"Event Grid seed, disconnected", egDisc, want{form: EG, batch: true, events: []Form{EG}}},
		{"Event Grid array", "[" + egEvent + "," + egEvent + "]", want{form: EG, batch: true, events: []Form{EG, EG}}},
		{"Event Grid array, keys reversed", "[" + egEventReversed + "]", want{form: EG, batch: true, events: []Form{EG}}},
		{"Event Grid single object", unwrap(egConn), want{form: EG, events: []Form{EG}, codes: []string{string(vocab.FormUnwrapped)}, ptrs: []string{""}}},
		{"Event Grid single object, keys reversed", egEventReversed, want{form: EG, events: []Form{EG}, codes: []string{string(vocab.FormUnwrapped)}}},
		{"CloudEvents seed batch, connected", ceConn, want{form: CE, batch: true, events: []Form{CE}}},
		{"CloudEvents seed batch, disconnected", ceDisc, want{form: CE, batch: true, events: []Form{CE}}},
		{"CloudEvents single event", unwrap(ceConn), want{form: CE, events: []Form{CE}}},
		{"CloudEvents single event, keys reversed", ceEventReversed, want{form: CE, events: []Form{CE}}},
		{"CloudEvents batch, keys in both orders", "[" + ceEvent + "," + ceEventReversed + "]", want{form: CE, batch: true, events: []Form{CE, CE}}},
		{"camel-case specVersion is CloudEvents evidence",
			`{"specVersion":"1.0","id":"1","source":"/s","type":"t"}`, want{form: CE, events: []Form{CE}}},
		{"PascalCase keys of a serialized .NET EventGridEvent",
			`[{"Id":"1","Subject":"s","EventType":"t","EventTime":"2019-06-10T18:41:00Z","Data":{},"DataVersion":"1.0"}]`,
			want{form: EG, batch: true, events: []Form{EG}}},
		{"empty array", `[]`, want{form: U, batch: true, codes: []string{string(vocab.FormEmptyBatch)}, ptrs: []string{""}}},
		{"empty array with white space", " [ \n ] ", want{form: U, batch: true, codes: []string{string(vocab.FormEmptyBatch)}}},

		// Majority rules, never the first element alone.
		{"mixed: Event Grid majority, odd last", "[" + egEvent + "," + egEventReversed + "," + ceEvent + "]",
			want{form: EG, batch: true, events: []Form{EG, EG, CE}, codes: []string{string(vocab.FormMixedBatch)}, ptrs: []string{"/2"}}},
		{"mixed: Event Grid majority, odd first", "[" + ceEvent + "," + egEvent + "," + egEventReversed + "]",
			want{form: EG, batch: true, events: []Form{CE, EG, EG}, codes: []string{string(vocab.FormMixedBatch)}, ptrs: []string{"/0"}}},
		{"mixed: CloudEvents majority", "[" + ceEvent + "," + egEvent + "," + ceEventReversed + "]",
			want{form: CE, batch: true, events: []Form{CE, EG, CE}, codes: []string{string(vocab.FormMixedBatch)}, ptrs: []string{"/1"}}},
		{"mixed: even count, more Event Grid attributes", "[" + ceEvent + "," + egEvent + "]",
			want{form: EG, batch: true, events: []Form{CE, EG}, codes: []string{string(vocab.FormMixedBatch)}, ptrs: []string{"/0"}}},
		{"mixed: even count, more Event Grid attributes, other order", "[" + egEvent + "," + ceEvent + "]",
			want{form: EG, batch: true, events: []Form{EG, CE}, codes: []string{string(vocab.FormMixedBatch)}, ptrs: []string{"/1"}}},
		{"mixed: two odd elements", "[" + ceEvent + "," + egEvent + "," + egEvent + "," + egEvent + "," + ceEventReversed + "]",
			want{form: EG, batch: true, events: []Form{CE, EG, EG, EG, CE}, codes: []string{string(vocab.FormMixedBatch), string(vocab.FormMixedBatch)}, ptrs: []string{"/0", "/4"}}},
		{"tied element joins an Event Grid batch", "[" + tied + "," + egEvent + "]",
			want{form: EG, batch: true, events: []Form{EG, EG}}},
		{"tied element joins a CloudEvents batch", "[" + ceEvent + "," + tied + "]",
			want{form: CE, batch: true, events: []Form{CE, CE}}},
		{"stronger side wins inside an element",
			`[{"specversion":"1.0","type":"t","source":"/s","id":"1","eventTime":"2019-06-10T18:41:00Z"}]`,
			want{form: CE, batch: true, events: []Form{CE}}},
		{"stronger side wins inside an element, Event Grid",
			`[{"id":"1","eventType":"t","eventTime":"2019-06-10T18:41:00Z","dataVersion":"1","subject":"s","data":{},"source":"/s"}]`,
			want{form: EG, batch: true, events: []Form{EG}}},
		{"tied single object with specversion", `{"specversion":"1.0","eventType":"t","id":"1"}`,
			want{form: CE, events: []Form{CE}}},
		{"tied single object without specversion", `{"type":"t","eventType":"t","id":"1"}`,
			want{form: EG, events: []Form{EG}, codes: []string{string(vocab.FormUnwrapped)}}},

		// Elements that are not events, beside events.
		{"non-events in an Event Grid batch", "[" + egEvent + `,5,{},{"a":1},[],null]`,
			want{form: EG, batch: true, events: []Form{EG, U, U, U, U, U},
				codes: []string{string(vocab.FormNotAnEvent), string(vocab.FormNotAnEvent), string(vocab.FormNotAnEvent), string(vocab.FormNotAnEvent), string(vocab.FormNotAnEvent)},
				ptrs:  []string{"/1", "/2", "/3", "/4", "/5"}}},

		// Not event payloads at all.
		{"string", `"hello"`, want{form: U, codes: []string{string(vocab.FormNotEvents)}, ptrs: []string{""}}},
		{"number", `42`, want{form: U, codes: []string{string(vocab.FormNotEvents)}}},
		{"boolean", `true`, want{form: U, codes: []string{string(vocab.FormNotEvents)}}},
		{"null", `null`, want{form: U, codes: []string{string(vocab.FormNotEvents)}}},
		{"empty object", `{}`, want{form: U, events: []Form{U}, codes: []string{string(vocab.FormNotEvents)}}},
		{"object without event attributes", `{"id":"1","subject":"s","data":{}}`, want{form: U, events: []Form{U}, codes: []string{string(vocab.FormNotEvents)}}},
		{"array of scalars", `[1,2,"x"]`, want{form: U, batch: true, events: []Form{U, U, U}, codes: []string{string(vocab.FormNotEvents)}}},
		{"array of plain objects", `[{"a":1},{"b":2}]`, want{form: U, batch: true, events: []Form{U, U}, codes: []string{string(vocab.FormNotEvents)}}},
		{"events nested in a wrapper object", `{"records":[` + egEvent + `]}`, want{form: U, events: []Form{U}, codes: []string{string(vocab.FormNotEvents)}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := Detect(parse(t, tc.src))
			if res.Form != tc.want.form || res.Batch != tc.want.batch {
				t.Errorf("form %v batch %v, want %v batch %v", res.Form, res.Batch, tc.want.form, tc.want.batch)
			}
			var forms []Form
			for i, ev := range res.Events {
				forms = append(forms, ev.Form)
				if ev.Index != i {
					t.Errorf("event %d has Index %d", i, ev.Index)
				}
				wantPtr := ""
				if res.Batch {
					wantPtr = "/" + strconv.Itoa(i)
				}
				if ev.Pointer != wantPtr {
					t.Errorf("event %d has pointer %q, want %q", i, ev.Pointer, wantPtr)
				}
				if ev.Node == nil {
					t.Errorf("event %d has no node", i)
				}
			}
			if !slices.Equal(forms, tc.want.events) {
				t.Errorf("event forms %v, want %v", forms, tc.want.events)
			}
			var codes, ptrs []string
			for _, d := range res.Diagnostics {
				codes = append(codes, d.Code)
				ptrs = append(ptrs, d.Pointer)
				if d.Line == 0 || d.Column == 0 {
					t.Errorf("%s has no position", d.Code)
				}
				if d.Message == "" {
					t.Errorf("%s has no message", d.Code)
				}
			}
			if strings.Join(codes, ",") != strings.Join(tc.want.codes, ",") {
				t.Errorf("codes %v, want %v\n%s", codes, tc.want.codes, messages(res.Diagnostics))
			}
			if tc.want.ptrs != nil && strings.Join(ptrs, ",") != strings.Join(tc.want.ptrs, ",") {
				t.Errorf("pointers %q, want %q", ptrs, tc.want.ptrs)
			}
			if res.Form != Handshake && res.ValidationCode != "" {
				t.Errorf("ValidationCode %q outside a handshake", res.ValidationCode)
			}
		})
	}
}

func TestDetectMessages(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		code     string
		severity diag.Severity
		line     int
		col      int
		contains []string
	}{
		{"unwrapped Event Grid event", "\n  " + egEvent, string(vocab.FormUnwrapped), diag.Warning, 2, 3,
			[]string{"always delivers and publishes a JSON array", "Wrap the object in [ ]"}},
		{"empty batch", `[]`, string(vocab.FormEmptyBatch), diag.Info, 1, 1,
			[]string{"nothing to check", "valid, empty batch", "Event Grid"}},
		{"mixed batch", "[" + egEvent + ",\n" + egEvent + ",\n  " + ceEvent + "]", string(vocab.FormMixedBatch), diag.Error, 3, 3,
			[]string{"Element 2 looks like a CloudEvents event (specversion, source, type, time)",
				"this batch is Event Grid (2 of 3 elements)", "Convert this event to Event Grid"}},
		{"element that is not an event", "[" + egEvent + ",\n \"x\"]", string(vocab.FormNotAnEvent), diag.Error, 2, 2,
			[]string{"Element 1 is a string, not an event", "of an Event Grid batch"}},
		{"nested array", "[" + ceEvent + ",[" + ceEvent + "]]", string(vocab.FormNotAnEvent), diag.Error, 1, 0,
			[]string{"Element 1 is an array (nested arrays are not batches", "of a CloudEvents batch"}},
		{"odd Event Grid element", "[" + ceEvent + "," + egEvent + "," + ceEvent + "]", string(vocab.FormMixedBatch), diag.Error, 1, 0,
			[]string{"Element 1 looks like an Event Grid event (topic, eventType, eventTime, dataVersion, metadataVersion)",
				"this batch is CloudEvents (2 of 3 elements)"}},
		{"string", `"hello"`, string(vocab.FormNotEvents), diag.Error, 1, 1,
			[]string{"expected an Event Grid array of events with id, subject, eventType, eventTime, data, dataVersion, " +
				"or a CloudEvents event with specversion, id, source, type", "found a string."}},
		{"double-encoded payload", `"[{\"id\":\"1\"}]"`, string(vocab.FormNotEvents), diag.Error, 1, 1,
			[]string{"a string that holds JSON text", "decode the string once more"}},
		{"number", `3.5`, string(vocab.FormNotEvents), diag.Error, 1, 1, []string{"found a number."}},
		{"null", `null`, string(vocab.FormNotEvents), diag.Error, 1, 1, []string{"found null."}},
		{"empty object", `{}`, string(vocab.FormNotEvents), diag.Error, 1, 1, []string{"found an empty object."}},
		{"plain object", `{"name":"x","id":1,"a":1,"b":2,"c":3,"d":4}`, string(vocab.FormNotEvents), diag.Error, 1, 1,
			[]string{`an object without event attributes (its members: "name", "id", "a", "b", "c" and 1 more)`}},
		{"wrapper object", `{"records":[` + egEvent + `]}`, string(vocab.FormNotEvents), diag.Error, 1, 1,
			[]string{`member "records" holds events`}},
		{"array of mixed scalars", `[1,"a",2,{},null,{}]`, string(vocab.FormNotEvents), diag.Error, 1, 1,
			[]string{"found an array of 2 numbers, 1 string, 2 empty objects and 1 null, none of them an event."}},
		{"array of plain objects", `[{"a":1},{"b":2}]`, string(vocab.FormNotEvents), diag.Error, 1, 1,
			[]string{"an array of 2 objects without event attributes"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := Detect(parse(t, tc.src))
			var d *diag.Diagnostic
			for i := range res.Diagnostics {
				if res.Diagnostics[i].Code == tc.code {
					d = &res.Diagnostics[i]
					break
				}
			}
			if d == nil {
				t.Fatalf("no %s in %s", tc.code, messages(res.Diagnostics))
			}
			if d.Severity != tc.severity {
				t.Errorf("severity %v, want %v", d.Severity, tc.severity)
			}
			if d.Line != tc.line || tc.col != 0 && d.Column != tc.col {
				t.Errorf("at %d:%d, want %d:%d", d.Line, d.Column, tc.line, tc.col)
			}
			for _, s := range tc.contains {
				if !strings.Contains(d.Message, s) {
					t.Errorf("message %q\nlacks %q", d.Message, s)
				}
			}
		})
	}
}

func TestUnwrappedFix(t *testing.T) {
	src := "  " + egEvent + "\n"
	res := Detect(parse(t, src))
	if len(res.Diagnostics) != 1 || res.Diagnostics[0].Fix == nil {
		t.Fatalf("want one diagnostic with a fix, got %s", messages(res.Diagnostics))
	}
	fixed := apply(src, res.Diagnostics[0].Fix.Edits)
	if want := "  [" + egEvent + "]\n"; fixed != want {
		t.Fatalf("fixed text %q, want %q", fixed, want)
	}
	again := Detect(parse(t, fixed))
	if again.Form != EventGrid || !again.Batch || len(again.Diagnostics) != 0 {
		t.Errorf("after the fix: form %v batch %v, %s", again.Form, again.Batch, messages(again.Diagnostics))
	}
}

func TestHandshake(t *testing.T) {
	src := seed(t, "validation-handshake.json")
	tests := []struct {
		name     string
		src      string
		code     string
		contains []string
		codes    []string
	}{
		{"documented handshake", src, "512d38b6-c7b8-40c8-89fe-f46f9e9622b6",
			[]string{`200 OK and the JSON body {"validationResponse":"512d38b6-c7b8-40c8-89fe-f46f9e9622b6"}`,
				"GET request to data.validationUrl"},
			[]string{string(vocab.FormHandshake)}},
		{"handshake as a bare object", unwrap(src), "512d38b6-c7b8-40c8-89fe-f46f9e9622b6",
			[]string{`{"validationResponse":"512d38b6-c7b8-40c8-89fe-f46f9e9622b6"}`},
			[]string{string(vocab.FormUnwrapped), string(vocab.FormHandshake)}},
		{"code with characters JSON escapes", strings.Replace(src, "512d38b6-c7b8-40c8-89fe-f46f9e9622b6", `a\"b<&>`, 1), `a"b<&>`,
			[]string{`{"validationResponse":"a\"b<&>"}`}, []string{string(vocab.FormHandshake)}},
		{"missing code", strings.Replace(src, `"validationCode"`, `"code"`, 1), "",
			[]string{"data.validationCode is missing or not a string", "data.validationUrl"}, []string{string(vocab.FormHandshake)}},
		{"code not a string", strings.Replace(src, `"512d38b6-c7b8-40c8-89fe-f46f9e9622b6"`, `42`, 1), "",
			[]string{"missing or not a string"}, []string{string(vocab.FormHandshake)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := Detect(parse(t, tc.src))
			if res.Form != Handshake {
				t.Fatalf("form %v, want %v", res.Form, Handshake)
			}
			if len(res.Events) != 1 || res.Events[0].Form != EventGrid {
				t.Errorf("events %+v, want one Event Grid event", res.Events)
			}
			if res.ValidationCode != tc.code {
				t.Errorf("ValidationCode %q, want %q", res.ValidationCode, tc.code)
			}
			var codes []string
			var hs diag.Diagnostic
			for _, d := range res.Diagnostics {
				codes = append(codes, d.Code)
				if d.Code == string(vocab.FormHandshake) {
					hs = d
				}
			}
			if strings.Join(codes, ",") != strings.Join(tc.codes, ",") {
				t.Errorf("codes %v, want %v", codes, tc.codes)
			}
			if hs.Severity != diag.Info {
				t.Errorf("handshake severity %v, want info", hs.Severity)
			}
			for _, s := range tc.contains {
				if !strings.Contains(hs.Message, s) {
					t.Errorf("message %q\nlacks %q", hs.Message, s)
				}
			}
		})
	}
	// The same event type in a CloudEvents event is no handshake: Event
	// Grid validates CloudEvents endpoints with an HTTP OPTIONS request.
	ce := `{"specversion":"1.0","id":"1","source":"/s","type":"Microsoft.EventGrid.SubscriptionValidationEvent","data":{"validationCode":"x"}}`
	if res := Detect(parse(t, ce)); res.Form != CloudEvents || res.ValidationCode != "" {
		t.Errorf("CloudEvents validation type: form %v code %q, want cloudevents and no code", res.Form, res.ValidationCode)
	}
}

func TestDetectNil(t *testing.T) {
	res := Detect(nil)
	if res.Form != Unknown || res.Batch || len(res.Events) != 0 || len(res.Diagnostics) != 0 {
		t.Errorf("Detect(nil) = %+v, want the zero Result", res)
	}
}

func TestFormString(t *testing.T) {
	for f, want := range map[Form]string{Unknown: "unknown", EventGrid: "eventgrid", CloudEvents: "cloudevents",
		Handshake: "validation-handshake", Form(200): "unknown"} {
		if got := f.String(); got != want {
			t.Errorf("Form(%d).String() = %q, want %q", f, got, want)
		}
	}
}

func TestAttr(t *testing.T) {
	for key, want := range map[string]formAttr{
		"eventType": {"eventType", EventGrid}, "EventType": {"eventType", EventGrid}, "eventtype": {"eventType", EventGrid},
		"topic": {"topic", EventGrid}, "Topic": {"topic", EventGrid},
		"specversion": {"specversion", CloudEvents}, "specVersion": {"specversion", CloudEvents}, "SpecVersion": {"specversion", CloudEvents},
		"type": {"type", CloudEvents}, "data_base64": {"data_base64", CloudEvents},
		"id": {}, "subject": {}, "data": {}, "": {}, "typ": {}, "eventTypes": {},
	} {
		var got formAttr
		if i := attr(key); i != noAttr {
			got = attrs[i]
		}
		if got != want {
			t.Errorf("attr(%q) names %+v, want %+v", key, got, want)
		}
	}
	if len(attrs) != 12 || egMask|ceMask != 1<<12-1 || egMask&ceMask != 0 || attrs[bits.TrailingZeros16(uint16(specBit))].name != "specversion" {
		t.Errorf("attrs %v, masks %b %b %b: want 5 Event Grid and 7 CloudEvents attributes, specBit on specversion", attrs, egMask, ceMask, specBit)
	}
}

// apply performs non-overlapping edits on src (edits in any order).
func apply(src string, edits []diag.Edit) string {
	out := src
	for i := len(edits) - 1; i >= 0; i-- { // from the end, so offsets hold
		e := edits[i]
		out = out[:e.Offset] + e.Text + out[e.End:]
	}
	return out
}

func messages(ds []diag.Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(d.Code + " " + d.Pointer + ": " + d.Message + "\n")
	}
	return b.String()
}

func FuzzDetect(f *testing.F) {
	for _, name := range []string{"eventgrid-connected.json", "eventgrid-disconnected.json",
		"cloudevents-connected.json", "cloudevents-disconnected.json", "validation-handshake.json"} {
		s := seed(f, name)
		f.Add(s)
		f.Add(unwrap(s))
	}
	for _, s := range []string{`[]`, `{}`, `"x"`, `null`, `[1,{},[]]`, "[" + egEvent + "," + ceEvent + "," + tied + "]",
		`{"records":[` + egEvent + `]}`, `{"specVersion":"1.0"}`, `[{"eventType":"Microsoft.EventGrid.SubscriptionValidationEvent","data":1}]`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		doc, err := jsontree.Parse([]byte(src), jsontree.Options{})
		if err != nil {
			return
		}
		res := Detect(doc.Root)
		root := doc.Root
		switch {
		case root.Kind == jsontree.Array:
			if !res.Batch || len(res.Events) != len(root.Items) {
				t.Fatalf("array of %d: batch %v, %d events", len(root.Items), res.Batch, len(res.Events))
			}
		case root.Kind == jsontree.Object:
			if res.Batch || len(res.Events) != 1 {
				t.Fatalf("object: batch %v, %d events", res.Batch, len(res.Events))
			}
		default:
			if res.Form != Unknown || len(res.Events) != 0 {
				t.Fatalf("scalar: form %v, %d events", res.Form, len(res.Events))
			}
		}
		if res.Form > Handshake {
			t.Fatalf("form %d out of range", res.Form)
		}
		if res.ValidationCode != "" && res.Form != Handshake {
			t.Fatalf("validation code outside a handshake")
		}
		for _, ev := range res.Events {
			if ev.Form == Handshake || ev.Form > Handshake {
				t.Fatalf("event form %v", ev.Form)
			}
			if root.Lookup(ev.Pointer) != ev.Node {
				t.Fatalf("event %d: pointer %q does not name its node", ev.Index, ev.Pointer)
			}
		}
		for _, d := range res.Diagnostics {
			if !strings.HasPrefix(d.Code, "FORM") || d.Message == "" || d.Line < 1 || d.Column < 1 {
				t.Fatalf("bad diagnostic %+v", d)
			}
			if root.Lookup(d.Pointer) == nil {
				t.Fatalf("%s: pointer %q names nothing", d.Code, d.Pointer)
			}
		}
	})
}

// TestCloudEvents01: a CloudEvents 0.1 event, whose eventType, eventTime and
// source would make it look like Event Grid, is recognised as CloudEvents
// 0.1 (FORM007), alone or in a batch beside 1.0 events.
func TestCloudEvents01(t *testing.T) {
	const ev01 = `{"cloudEventsVersion":"0.1","eventType":"x","eventTypeVersion":"1","source":"/s","eventID":"1","eventTime":"2018-04-05T17:31:00Z","data":{}}`
	const ev10 = `{"specversion":"1.0","id":"1","source":"/s","type":"x"}`
	r := Detect(parse(t, ev01))
	if r.Form != Unknown || len(r.Diagnostics) != 1 || r.Diagnostics[0].Code != string(vocab.FormCloudEvents01) ||
		!strings.Contains(r.Diagnostics[0].Message, `CloudEvents 0.1 event (cloudEventsVersion "0.1")`) ||
		!strings.Contains(r.Diagnostics[0].Message, `"specversion": "1.0"`) {
		t.Errorf("single 0.1 event: form %s, %+v", r.Form, r.Diagnostics)
	}
	r = Detect(parse(t, "["+ev10+","+ev01+"]"))
	if r.Form != CloudEvents || len(r.Diagnostics) != 1 || r.Diagnostics[0].Code != string(vocab.FormCloudEvents01) ||
		r.Diagnostics[0].Pointer != "/1" || r.Events[1].Form != Unknown {
		t.Errorf("batch with a 0.1 event: form %s, %+v", r.Form, r.Diagnostics)
	}
}

func TestEscapedJSONFix(t *testing.T) {
	escaped := strconv.Quote("[" + egEvent + "]")
	src := "\n" + escaped + "\n"
	res := Detect(parse(t, src))
	if len(res.Diagnostics) != 1 || res.Diagnostics[0].Fix == nil {
		t.Fatalf("want one diagnostic with a fix, got %s", messages(res.Diagnostics))
	}
	d := res.Diagnostics[0]
	if d.Code != string(vocab.FormNotEvents) || !strings.Contains(d.Message, "a string that holds JSON text") || d.Fix.Title != "Decode the escaped JSON" {
		t.Errorf("diagnostic %s %q, fix %q", d.Code, d.Message, d.Fix.Title)
	}
	fixed := apply(src, d.Fix.Edits)
	if want := "\n[" + egEvent + "]\n"; fixed != want {
		t.Fatalf("fixed text %q, want %q", fixed, want)
	}
	if again := Detect(parse(t, fixed)); again.Form != EventGrid || len(again.Diagnostics) != 0 {
		t.Errorf("after the fix: form %v, %s", again.Form, messages(again.Diagnostics))
	}
	// A string that is not JSON, or holds a scalar, gets no such fix.
	for _, s := range []string{`"hello"`, `"[not json"`, `"42"`, `"{\"a\":1} x"`} {
		for _, d := range Detect(parse(t, s)).Diagnostics {
			if d.Fix != nil {
				t.Errorf("%s: fix %q, want none", s, d.Fix.Title)
			}
		}
	}
}
