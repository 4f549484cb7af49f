package schema

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/xeipuuv/gojsonschema"

	"eventlens/app/detect"
	"eventlens/app/diag"
	"eventlens/app/gen"
	"eventlens/app/jsontree"
	"eventlens/app/vocab"
	"eventlens/internal/fixture"
)

// seeds are Azure's documented payloads (the seed payloads), each valid.
var seeds = []string{"eventgrid-connected.json", "eventgrid-disconnected.json",
	"cloudevents-connected.json", "cloudevents-disconnected.json", "validation-handshake.json"}

// readSeed returns a seed payload by file name.
func readSeed(t testing.TB, name string) string {
	t.Helper()
	return fixture.Seed(t, strings.TrimSuffix(name, ".json"))
}

func parse(t testing.TB, src string) *jsontree.Doc {
	t.Helper()
	return fixture.Parse(t, src)
}

// check decodes, detects and validates src.
func check(t testing.TB, src string) []diag.Diagnostic {
	t.Helper()
	return Validate(detect.Detect(parse(t, src).Root))
}

// posOf returns the line and column where marker first occurs in src
// (ASCII text: columns are bytes).
func posOf(t *testing.T, src, marker string) (line, col int) {
	t.Helper()
	i := strings.Index(src, marker)
	if i < 0 {
		t.Fatalf("marker %q not in\n%s", marker, src)
	}
	line = 1 + strings.Count(src[:i], "\n")
	col = i - strings.LastIndex(src[:i], "\n")
	return line, col
}

func list(ds []diag.Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "  %s %s %d:%d %s\n", d.Code, d.Pointer, d.Line, d.Column, d.Message)
	}
	return b.String()
}

func TestWarm(t *testing.T) {
	if err := Warm(); err != nil {
		t.Fatal(err)
	}
	s := schemas()
	for _, e := range []*entry{&s.eventGrid, &s.cloudEvents, s.data[eventTypeConnected], s.data[eventTypeDisconnected], s.data[eventTypeValidation]} {
		if e == nil || e.schema == nil {
			t.Fatalf("a schema is not compiled: %+v", e)
		}
	}
}

// TestSchemasMatchMetaSchema checks every embedded schema against the
// draft-07 meta-schema, which the page skips at start-up.
func TestSchemasMatchMetaSchema(t *testing.T) {
	entries, err := files.ReadDir("schemas")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range entries {
		e := &entry{file: f.Name()}
		if err := e.compile(true); err != nil {
			t.Errorf("%s does not match the draft-07 meta-schema: %v", f.Name(), err)
		}
	}
	// The check catches what compiling alone lets through.
	bad := []byte(`{"type": "object", "readOnly": "yes"}`)
	if err := (&entry{file: "bad.json"}).compileBytes(bad, false); err != nil {
		t.Fatalf("compiling %s without the meta-schema: %v", bad, err)
	}
	if err := (&entry{file: "bad.json"}).compileBytes(bad, true); err == nil {
		t.Errorf("%s passed the meta-schema check", bad)
	}
}

const (
	eventTypeConnected    = "Microsoft.SignalRService.ClientConnectionConnected"
	eventTypeDisconnected = "Microsoft.SignalRService.ClientConnectionDisconnected"
	eventTypeValidation   = "Microsoft.EventGrid.SubscriptionValidationEvent"
)

func TestSeedsValid(t *testing.T) {
	for _, name := range seeds {
		src := readSeed(t, name)
		res := detect.Detect(parse(t, src).Root)
		if len(res.Events) != 1 || res.Events[0].Form == detect.Unknown {
			t.Fatalf("%s: detected %v with %d events", name, res.Form, len(res.Events))
		}
		if ds := Validate(res); len(ds) != 0 {
			t.Errorf("%s: want valid, got\n%s", name, list(ds))
		}
		// The same event as a bare object.
		s := strings.TrimSpace(src)
		if ds := check(t, s[1:len(s)-1]); len(ds) != 0 {
			t.Errorf("%s unwrapped: want valid, got\n%s", name, list(ds))
		}
	}
}

func TestRules(t *testing.T) {
	eg := readSeed(t, "eventgrid-connected.json")
	egDisc := readSeed(t, "eventgrid-disconnected.json")
	ce := readSeed(t, "cloudevents-connected.json")
	hs := readSeed(t, "validation-handshake.json")
	const egStart = "{\n  \"topic\""  // the Event Grid seed event's first byte
	const ceStart = "{\n  \"source\"" // the CloudEvents seed event's first byte
	tests := []struct {
		name     string
		src      string
		old, new string // the change to the seed
		code     string
		ptr      string
		marker   string // where the diagnostic must be
		contains string
	}{
		// Event Grid envelope.
		{"EG missing id", eg, `  "id": "831e1650-001e-001b-66ab-eeb76e069631",` + "\n", "",
			string(vocab.SchemaRequired), "/0", egStart, `missing required "id": every Event Grid event needs a unique identifier`},
		{"EG missing subject", eg, `  "subject": "/hub/chat",` + "\n", "",
			string(vocab.SchemaRequired), "/0", egStart, `missing required "subject": Event Grid requires it (it may be "")`},
		{"EG missing eventType", eg, `  "eventType": "Microsoft.SignalRService.ClientConnectionConnected",` + "\n", "",
			string(vocab.SchemaRequired), "/0", egStart, `missing required "eventType"`},
		{"EG missing eventTime", eg, `  "eventTime": "2019-06-10T18:41:00.9584103Z",` + "\n", "",
			string(vocab.SchemaRequired), "/0", egStart, `missing required "eventTime"`},
		{"EG missing data", eg, eg[strings.Index(eg, `  "data"`):strings.Index(eg, `  "dataVersion"`)], "",
			string(vocab.SchemaRequired), "/0", egStart, `missing required "data": Event Grid's REST API requires it (the docs call it optional)`},
		{"EG missing dataVersion", eg, `  "dataVersion": "1.0",` + "\n", "",
			string(vocab.SchemaRequired), "/0", egStart, `missing required "dataVersion": Event Grid's REST API requires it (the docs call it optional); for SignalR events use "1.0"`},
		{"EG dataVersion in another case", eg, `"dataVersion"`, `"DataVersion"`,
			string(vocab.SchemaRequired), "/0", egStart, `there is "DataVersion", but property names are case-sensitive: rename it to "dataVersion"`},
		{"EG empty id", eg, `"831e1650-001e-001b-66ab-eeb76e069631"`, `""`,
			string(vocab.SchemaOther), "/0/id", `""`, `"id" must not be empty`},
		{"EG id a number", eg, `"831e1650-001e-001b-66ab-eeb76e069631"`, `831`,
			string(vocab.SchemaType), "/0/id", `831`, `"id" must be a string such as "831e1650-001e-001b-66ab-eeb76e069631"; got the number 831`},
		{"EG bare date", eg, `"eventTime": "2019-06-10T18:41:00.9584103Z"`, `"eventTime": "2019-06-10"`,
			string(vocab.SchemaFormat), "/0/eventTime", `"2019-06-10"`, `"eventTime" must be an RFC 3339 date-time such as 2019-06-10T18:41:00Z; got "2019-06-10"`},
		{"EG time without offset", eg, `"eventTime": "2019-06-10T18:41:00.9584103Z"`, `"eventTime": "2019-06-10T18:41:00"`,
			string(vocab.SchemaFormat), "/0/eventTime", `"2019-06-10T18:41:00"`, `the time zone is missing`},
		{"EG eventTime a number", eg, `"eventTime": "2019-06-10T18:41:00.9584103Z"`, `"eventTime": 1560192060`,
			string(vocab.SchemaType), "/0/eventTime", `1560192060`, `"eventTime" must be a string such as "2019-06-10T18:41:00Z"; got the number 1560192060`},
		{"EG data a string", eg, eg[strings.Index(eg, `{`+"\n    \"timestamp"):strings.Index(eg, `,`+"\n  \"dataVersion\"")], `"x"`,
			string(vocab.SchemaType), "/0/data", `"x"`, `"data" must be an object`},
		{"EG dataVersion a number", eg, `"dataVersion": "1.0"`, `"dataVersion": 1.0`,
			string(vocab.SchemaType), "/0/dataVersion", `1.0,`, `"dataVersion" must be a string such as "1.0"; got the number 1.0`},
		{"EG topic null", eg, `"topic": "/subscriptions/{subscription-id}`, `"topic": null, "x": "`,
			string(vocab.SchemaType), "/0/topic", `null`, `"topic" must be a string`},
		{"EG metadataVersion a number", eg, `"metadataVersion": "1"`, `"metadataVersion": 1`,
			string(vocab.SchemaType), "/0/metadataVersion", `1
}]`, `"metadataVersion" must be a string such as "1"`},

		// CloudEvents envelope.
		{"CE missing id", ce, `  "id": "831e1650-001e-001b-66ab-eeb76e069631",` + "\n", "",
			string(vocab.SchemaRequired), "/0", ceStart, `missing required "id": CloudEvents requires it`},
		{"CE missing source", ce, ce[strings.Index(ce, `  "source"`):strings.Index(ce, `  "subject"`)], "",
			string(vocab.SchemaRequired), "/0", `{` + "\n  \"subject\"", `missing required "source"`},
		{"CE missing type", ce, `  "type": "Microsoft.SignalRService.ClientConnectionConnected",` + "\n", "",
			string(vocab.SchemaRequired), "/0", ceStart, `missing required "type"`},
		{"CE missing specversion", ce, `,` + "\n" + `  "specversion": "1.0"`, "",
			string(vocab.SchemaRequired), "/0", ceStart, `missing required "specversion": CloudEvents requires it: add "specversion": "1.0"`},
		{"CE camel-case specVersion", ce, `"specversion"`, `"specVersion"`,
			string(vocab.SchemaRequired), "/0", ceStart, `there is "specVersion", but property names are case-sensitive: rename it to "specversion"`},
		{"CE specversion 0.3", ce, `"specversion": "1.0"`, `"specversion": "0.3"`,
			string(vocab.SchemaValue), "/0/specversion", `"0.3"`, `"specversion" must be "1.0" (eventlens checks CloudEvents 1.0 events, which carry exactly this string); got "0.3"`},
		{"CE specversion a number", ce, `"specversion": "1.0"`, `"specversion": 1.0`,
			string(vocab.SchemaType), "/0/specversion", `1.0`, `"specversion" must be a string such as "1.0"; got the number 1.0`},
		{"CE empty source", ce, `"source": "/subscriptions/{subscription-id}/resourceGroups/signalr-rg/providers/Microsoft.SignalRService/SignalR/signalr-resource"`, `"source": ""`,
			string(vocab.SchemaOther), "/0/source", `""`, `"source" must not be empty: CloudEvents requires a non-empty value`},
		{"CE source with a space", ce, `signalr-rg`, `signalr rg`,
			string(vocab.SchemaFormat), "/0/source", `"/subscriptions`, `"source" must be a URI reference such as /subscriptions/`},
		{"CE bare date", ce, `"time": "2019-06-10T18:41:00.9584103Z"`, `"time": "2019-06-10"`,
			string(vocab.SchemaFormat), "/0/time", `"2019-06-10"`, `"time" must be an RFC 3339 date-time such as 2019-06-10T18:41:00Z; got "2019-06-10"`},
		{"CE empty subject", ce, `"subject": "/hub/chat"`, `"subject": ""`,
			string(vocab.SchemaOther), "/0/subject", `""`, `remove it or set it to null`},
		{"CE dataschema #1", ce, `"subject": "/hub/chat",`, `"subject": "/hub/chat", "dataschema": "#1",`,
			string(vocab.SchemaFormat), "/0/dataschema", `"#1"`, `"dataschema" must be an absolute URI such as https://example.com/schemas/event.json; got "#1" (it has no scheme`},
		{"CE data_base64 a number", ce, `"subject": "/hub/chat",`, `"subject": "/hub/chat", "data_base64": 12,`,
			string(vocab.SchemaType), "/0/data_base64", `12`, `"data_base64" must be a string or null`},
		{"CE datacontenttype a boolean", ce, `"subject": "/hub/chat",`, `"subject": "/hub/chat", "datacontenttype": true,`,
			string(vocab.SchemaType), "/0/datacontenttype", `true`, `got the boolean true`},
		{"CE SignalR data a string", ce, ce[strings.Index(ce, `{`+"\n    \"timestamp"):strings.Index(ce, `,`+"\n  \"specversion\"")], `"x"`,
			string(vocab.SchemaType), "/0/data", `"x"`, `"data" must be an object; got "x"`},

		// SignalR data, both forms.
		{"EG data without timestamp", eg, `    "timestamp": "2019-06-10T18:41:00.9584103Z",` + "\n", "",
			string(vocab.SchemaRequired), "/0/data", "{\n    \"hubName\"", `missing required "data.timestamp": Azure's current Event Grid REST specification and TypeSpec (SignalRService.tsp) require it, and the Azure SDK for Go (azsystemevents) marks it REQUIRED`},
		{"EG data timestamp bare date", egDisc, `"timestamp": "2019-06-10T18:41:00.9584103Z"`, `"timestamp": "2019-06-10"`,
			string(vocab.SchemaFormat), "/0/data/timestamp", `"2019-06-10"`, `"data.timestamp" must be an RFC 3339 date-time such as 2019-06-10T18:41:00Z; got "2019-06-10"`},
		{"CE data userId a number", ce, `"user-eymwyo23"`, `42`,
			string(vocab.SchemaType), "/0/data/userId", `42`, `"data.userId" must be a string or null such as "user-eymwyo23"; got the number 42`},
		{"EG Disconnected errorMessage an object", egDisc, `"Internal server error."`, `{}`,
			string(vocab.SchemaType), "/0/data/errorMessage", `{}`, `"data.errorMessage" must be a string`},

		// Subscription validation.
		{"handshake without validationCode", hs, `    "validationCode": "512d38b6-c7b8-40c8-89fe-f46f9e9622b6",` + "\n", "",
			string(vocab.SchemaRequired), "/0/data", "{\n    \"validationUrl\"", `missing required "data.validationCode": Event Grid sends it, and the endpoint must echo it back`},
		{"handshake with a relative validationUrl", hs, `"https://rp-eastus2.eventgrid.azure.net:553`, `"`,
			string(vocab.SchemaFormat), "/0/data/validationUrl", `"/eventsubscriptions`, `"data.validationUrl" must be an absolute URI`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(tc.src, tc.old) {
				t.Fatalf("%q is not in the seed", tc.old)
			}
			src := strings.Replace(tc.src, tc.old, tc.new, 1)
			ds := check(t, src)
			if len(ds) != 1 {
				t.Fatalf("want exactly one diagnostic, got %d:\n%s\n%s", len(ds), list(ds), src)
			}
			d := ds[0]
			line, col := posOf(t, src, tc.marker)
			if d.Code != tc.code || d.Pointer != tc.ptr || d.Line != line || d.Column != col {
				t.Errorf("got %s %q at %d:%d, want %s %q at %d:%d", d.Code, d.Pointer, d.Line, d.Column, tc.code, tc.ptr, line, col)
			}
			if d.Severity != diag.Error || d.Event != 0 {
				t.Errorf("severity %v event %d, want error in event 0", d.Severity, d.Event)
			}
			if !strings.Contains(d.Message, tc.contains) {
				t.Errorf("message %q\nlacks %q", d.Message, tc.contains)
			}
			if got := parse(t, src).Root.Lookup(d.Pointer); got == nil || got.Pos.Offset != d.Offset {
				t.Errorf("pointer %q does not name the node at offset %d", d.Pointer, d.Offset)
			}
		})
	}
}

// Things the schemas leave to others, or allow on purpose.
func TestAllowed(t *testing.T) {
	eg := readSeed(t, "eventgrid-connected.json")
	ce := readSeed(t, "cloudevents-connected.json")
	tests := []struct {
		name, src, old, new string
	}{
		{"EG unknown property (left to lint)", eg, `"subject"`, `"source": "/x", "subject"`},
		{"EG empty subject (validation events have one)", eg, `"subject": "/hub/chat"`, `"subject": ""`},
		{"EG without topic (Event Grid sets it)", eg, eg[strings.Index(eg, `  "topic"`):strings.Index(eg, `  "subject"`)], ""},
		{"EG without metadataVersion", eg, `,` + "\n" + `  "metadataVersion": "1"`, ""},
		{"Connected with errorMessage (lint warns)", eg, `"userId": "user-eymwyo23"`, `"userId": "user-eymwyo23", "errorMessage": "x"`},
		{"SignalR data without userId", eg, `,` + "\n" + `    "userId": "user-eymwyo23"`, ""},
		{"SignalR data with more properties", eg, `"userId"`, `"extra": 1, "userId"`},
		{"lower-case t and z", eg, `"eventTime": "2019-06-10T18:41:00.9584103Z"`, `"eventTime": "2019-06-10t18:41:00.9584103z"`},
		{"leap second", eg, `"eventTime": "2019-06-10T18:41:00.9584103Z"`, `"eventTime": "2016-12-31T23:59:60Z"`},
		{"CE extension attribute", ce, `"subject"`, `"comexampleextension1": "value", "subject"`},
		{"CE optional attributes null", ce, `"subject": "/hub/chat",`, `"subject": null, "datacontenttype": null, "dataschema": null, "data_base64": null,`},
		{"CE time null", ce, `"time": "2019-06-10T18:41:00.9584103Z"`, `"time": null`},
		{"CE absolute dataschema", ce, `"subject"`, `"dataschema": "https://example.com/schemas/signalr.json", "subject"`},
		{"CE source with a real subscription id", ce, `{subscription-id}`, `00000000-0000-0000-0000-000000000000`},
		{"CE source a URN", ce, `"/subscriptions/{subscription-id}/resourceGroups/signalr-rg/providers/Microsoft.SignalRService/SignalR/signalr-resource"`, `"urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66"`},
		{"other Azure type: data not checked", eg, `Microsoft.SignalRService.ClientConnectionConnected`, `Microsoft.Storage.BlobCreated`},
		{"misspelt type: data not checked (lint suggests)", eg, `Microsoft.SignalRService.ClientConnectionConnected",`, `microsoft.signalrservice.clientconnectionconnected",`},
		{"CE custom type with string data", ce, `"type": "Microsoft.SignalRService.ClientConnectionConnected"`, `"type": "com.example.x", "datacontenttype": "text/plain", "data_x": "y"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(tc.src, tc.old) {
				t.Fatalf("%q is not in the seed", tc.old)
			}
			src := strings.Replace(tc.src, tc.old, tc.new, 1)
			if ds := check(t, src); len(ds) != 0 {
				t.Errorf("want valid, got\n%s\n%s", list(ds), src)
			}
		})
	}
}

// A batch: each event is checked against its own form, diagnostics carry
// the event index and the pointer inside the array; events detect could
// not place are skipped.
func TestBatch(t *testing.T) {
	src := `[
 {"id":"a","subject":"s","eventType":"t","eventTime":"2019-06-10T18:41:00Z","data":{},"dataVersion":"1"},
 {"id":"b","subject":"s","eventType":"t","eventTime":"2019-06-10","data":{},"dataVersion":"1"},
 {"specversion":"1.0","id":"c","source":"/s","type":"t","time":"yesterday"},
 42,
 {"id":"d","subject":"s","eventType":"t","eventTime":"2019-06-10T18:41:00Z","dataVersion":1}
]`
	ds := check(t, src)
	want := []struct {
		code, ptr string
		event     int
		marker    string
	}{
		{string(vocab.SchemaFormat), "/1/eventTime", 1, `"2019-06-10"`},
		{string(vocab.SchemaFormat), "/2/time", 2, `"yesterday"`},
		{string(vocab.SchemaRequired), "/4", 4, `{"id":"d"`},
		{string(vocab.SchemaType), "/4/dataVersion", 4, `1}`},
	}
	if len(ds) != len(want) {
		t.Fatalf("got %d diagnostics, want %d:\n%s", len(ds), len(want), list(ds))
	}
	for i, w := range want {
		line, col := posOf(t, src, w.marker)
		if d := ds[i]; d.Code != w.code || d.Pointer != w.ptr || d.Event != w.event || d.Line != line || d.Column != col {
			t.Errorf("diagnostic %d: %s %q event %d at %d:%d, want %s %q event %d at %d:%d",
				i, d.Code, d.Pointer, d.Event, d.Line, d.Column, w.code, w.ptr, w.event, line, col)
		}
	}
}

// A handshake payload's event is checked as the Event Grid event it is,
// with the validation data schema; events of any form Validate skips give
// nothing.
func TestEventForms(t *testing.T) {
	doc := parse(t, strings.Replace(readSeed(t, "validation-handshake.json"), `"eventTime": "2022-10-28T04:23:35.1981776Z"`, `"eventTime": "2022-10-28"`, 1))
	res := detect.Detect(doc.Root)
	if res.Form != detect.Handshake {
		t.Fatalf("form %v", res.Form)
	}
	for _, f := range []detect.Form{detect.EventGrid, detect.Handshake} {
		ev := res.Events[0]
		ev.Form = f
		if ds := ValidateEvent(ev); len(ds) != 1 || ds[0].Code != string(vocab.SchemaFormat) || ds[0].Pointer != "/0/eventTime" {
			t.Errorf("as %v: want one %s at /0/eventTime, got\n%s", f, string(vocab.SchemaFormat), list(ds))
		}
	}
	for _, ev := range []detect.Event{
		{Node: doc.Root.Items[0], Form: detect.Unknown},
		{Node: nil, Form: detect.EventGrid},
		{Node: doc.Root, Form: detect.EventGrid}, // an array is no event
	} {
		if ds := ValidateEvent(ev); len(ds) != 0 {
			t.Errorf("ValidateEvent(%v form %v) = %s, want nothing", ev.Node != nil, ev.Form, list(ds))
		}
	}
}

// Keys with dots, slashes and tildes survive the mapping from
// gojsonschema's context to JSON pointers; additionalProperties errors
// are placed at the key.
func TestPointerMapping(t *testing.T) {
	sl := gojsonschema.NewSchemaLoader()
	sl.Draft = gojsonschema.Draft7
	s, err := sl.Compile(gojsonschema.NewStringLoader(`{
		"type": "object",
		"properties": {
			"a.b": {"type": "string"},
			"c/d": {"type": "object", "required": ["x~y"], "properties": {"e.f": {"type": "array", "items": {"type": "string"}}}},
			"g": {"type": "object", "additionalProperties": false, "properties": {"h": {}}}
		}
	}`))
	if err != nil {
		t.Fatal(err)
	}
	e := &entry{file: "test.json", schema: s}
	src := `{
  "a.b": 1,
  "c/d": {"e.f": ["ok", 2]},
  "g": {"h": 1, "i.j/k": 2}
}`
	doc := parse(t, src)
	ev := detect.Event{Index: 3, Pointer: "/3", Node: doc.Root, Form: detect.EventGrid}
	ds := e.validate(ev, doc.Root, ev.Pointer)
	diag.Sort(ds)
	want := []struct {
		code, ptr, marker, contains string
	}{
		{string(vocab.SchemaType), "/3/a.b", `1,`, `"a.b" must be a string; got the number 1`},
		{string(vocab.SchemaRequired), "/3/c~1d", `{"e.f"`, `missing required "c/d.x~y"`},
		{string(vocab.SchemaType), "/3/c~1d/e.f/1", `2]`, `"c/d.e.f.1" must be a string`},
		{string(vocab.SchemaNotAllowed), "/3/g/i.j~1k", `"i.j/k"`, `"g.i.j/k" is not allowed in "g"`},
	}
	if len(ds) != len(want) {
		t.Fatalf("got %d diagnostics, want %d:\n%s", len(ds), len(want), list(ds))
	}
	for i, w := range want {
		d := ds[i]
		line, col := posOf(t, src, w.marker)
		if d.Code != w.code || d.Pointer != w.ptr || d.Line != line || d.Column != col || d.Event != 3 {
			t.Errorf("diagnostic %d: %s %q at %d:%d (event %d), want %s %q at %d:%d", i, d.Code, d.Pointer, d.Line, d.Column, d.Event, w.code, w.ptr, line, col)
		}
		if !strings.Contains(d.Message, w.contains) {
			t.Errorf("message %q\nlacks %q", d.Message, w.contains)
		}
	}
}

// The loader hands gojsonschema the tree's values: numbers as written
// (json.Number), and whatever the tree holds, not a new parse of the text.
func TestLoaderReadsTree(t *testing.T) {
	doc := parse(t, `{"n": 1.50, "s": "x", "a": [true, null]}`)
	l := Loader{Node: doc.Root}
	if l.JsonSource() != doc.Root {
		t.Error("JsonSource is not the tree")
	}
	doc.Root.Get("s").Text = "changed in the tree" // the source text still says "x"
	v, err := l.LoadJSON()
	if err != nil {
		t.Fatal(err)
	}
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("LoadJSON = %T, want map[string]any", v)
	}
	if m["n"] != json.Number("1.50") {
		t.Errorf("n = %#v, want json.Number(\"1.50\")", m["n"])
	}
	if m["s"] != "changed in the tree" {
		t.Errorf("s = %#v: LoadJSON did not read the tree", m["s"])
	}
	if a, ok := m["a"].([]any); !ok || len(a) != 2 || a[0] != true || a[1] != nil {
		t.Errorf("a = %#v", m["a"])
	}
	// The same reference as gojsonschema's own loaders of inline documents.
	ref, err := l.JsonReference()
	inline, _ := gojsonschema.NewRawLoader(nil).JsonReference()
	if err != nil || ref.String() != inline.String() || ref.HasFullUrl != inline.HasFullUrl || ref.HasFragmentOnly != inline.HasFragmentOnly {
		t.Errorf("JsonReference = %q, %v; want %q", ref.String(), err, inline.String())
	}
	if l.LoaderFactory() == nil {
		t.Error("no LoaderFactory")
	}
	if _, err := (Loader{}).LoadJSON(); err == nil {
		t.Error("LoadJSON of no tree succeeded")
	}
	// The schema sees the tree too: a value changed in the tree is what
	// gets validated.
	ce := parse(t, `{"specversion":"1.0","id":"1","source":"/s","type":"t","time":"2019-06-10T18:41:00Z"}`)
	ce.Root.Get("time").Text = "2019-06-10"
	ds := ValidateEvent(detect.Event{Node: ce.Root, Form: detect.CloudEvents})
	if len(ds) != 1 || ds[0].Code != string(vocab.SchemaFormat) {
		t.Errorf("want one %s after changing the tree, got\n%s", string(vocab.SchemaFormat), list(ds))
	}
}

// Number literals that would make math/big slow get a stand-in of the same
// sign and integer-or-not nature.
func TestCostlyNumbers(t *testing.T) {
	tests := []struct {
		in     string
		costly bool
		stand  string
	}{
		{"1e999999", true, "1"},
		{"-1e999999", true, "-1"},
		{"1e-999999", true, "0.5"},
		{"-2.5e-5000", true, "-0.5"},
		{"0e99999999999", true, "0"},
		{"1.25e1003", true, "1"},
		{"1.25e1002", false, ""}, // 125e1000
		{"12345e-1002", true, "0.5"},
		{"10e-1002", true, "0.5"},
		{"10e-1001", false, ""}, // 1e-1000
		{"1" + strings.Repeat("0", 1200), true, "1"},
		{"0." + strings.Repeat("0", 1200) + "1", true, "0.5"},
		{"1e1000", false, ""},
		{"1.5", false, ""},
		{"-0", false, ""},
	}
	for _, tc := range tests {
		if got := costlyNumber(tc.in); got != tc.costly {
			t.Errorf("costlyNumber(%.20q) = %v, want %v", tc.in, got, tc.costly)
		}
		if tc.costly {
			if got := standIn(tc.in); string(got) != tc.stand {
				t.Errorf("standIn(%.20q) = %q, want %q", tc.in, got, tc.stand)
			}
		}
	}
	// Through the loader and the CloudEvents schema, whose data may be a
	// number.
	src := `[{"specversion":"1.0","id":"1","source":"/s","type":"t","data":1e999999,"x":[1e-999999]}]`
	doc := parse(t, src)
	v, err := Loader{Node: doc.Root.Items[0]}.LoadJSON()
	if err != nil {
		t.Fatal(err)
	}
	m := v.(map[string]any)
	if m["data"] != json.Number("1") || m["x"].([]any)[0] != json.Number("0.5") || m["id"] != "1" {
		t.Errorf("LoadJSON = %#v", m)
	}
	if ds := Validate(detect.Detect(doc.Root)); len(ds) != 0 {
		t.Errorf("want valid, got\n%s", list(ds))
	}
}

func FuzzValidate(f *testing.F) {
	for _, name := range seeds {
		f.Add(readSeed(f, name))
	}
	f.Add(string(warmSample))
	f.Add(`{"specversion":1e999999,"id":"","source":"{x}","type":"Microsoft.SignalRService.ClientConnectionConnected","data":"x"}`)
	f.Add(`[{"eventType":"Microsoft.EventGrid.SubscriptionValidationEvent","data":{"validationUrl":"%"}}]`)
	f.Fuzz(func(t *testing.T, src string) {
		doc, err := jsontree.Parse([]byte(src), jsontree.Options{})
		if err != nil {
			return
		}
		for _, d := range Validate(detect.Detect(doc.Root)) {
			if !strings.HasPrefix(d.Code, "SCH") || d.Code == string(vocab.SchemaInternal) || d.Severity != diag.Error || d.Message == "" {
				t.Fatalf("bad diagnostic %+v", d)
			}
			n := doc.Root.Lookup(d.Pointer)
			if n == nil && d.Code != string(vocab.SchemaNotAllowed) {
				t.Fatalf("%s: pointer %q names nothing", d.Code, d.Pointer)
			}
			if d.Line < 1 || d.Column < 1 {
				t.Fatalf("%s at %q has no place", d.Code, d.Pointer)
			}
		}
	})
}

// FuzzValidateMember validates the seed events with one member added or
// replaced (key and value from the fuzzer; a value that is not JSON is
// used as a string), so that every property meets odd values.
func FuzzValidateMember(f *testing.F) {
	f.Add(uint8(0), "eventTime", `"2019-06-10"`)
	f.Add(uint8(1), "time", `"2019-06-10T18:41:00+0100"`)
	f.Add(uint8(1), "source", `"{subscription-id}/a b"`)
	f.Add(uint8(1), "dataschema", `"#1"`)
	f.Add(uint8(1), "specversion", `1e999999`)
	f.Add(uint8(0), "data", `{"timestamp": 5, "hubName": null}`)
	f.Add(uint8(2), "data", `{"validationUrl": "http://[::1"}`)
	f.Add(uint8(0), "a.b/c~d", `[]`)
	events := make([]string, 0, 3)
	for _, name := range []string{"eventgrid-disconnected.json", "cloudevents-disconnected.json", "validation-handshake.json"} {
		s := strings.TrimSpace(readSeed(f, name))
		events = append(events, strings.TrimSuffix(strings.TrimSpace(s[1:len(s)-1]), "}"))
	}
	f.Fuzz(func(t *testing.T, which uint8, key, value string) {
		if !json.Valid([]byte(value)) {
			b, _ := json.Marshal(value)
			value = string(b)
		}
		k, _ := json.Marshal(key)
		src := events[int(which)%len(events)] + ", " + string(k) + ": " + value + "}"
		doc, err := jsontree.Parse([]byte(src), jsontree.Options{})
		if err != nil {
			return // e.g. invalid UTF-8 in the key
		}
		for _, d := range Validate(detect.Detect(doc.Root)) {
			if !strings.HasPrefix(d.Code, "SCH") || d.Code == string(vocab.SchemaInternal) || d.Message == "" || d.Line < 1 {
				t.Fatalf("bad diagnostic %+v", d)
			}
			if doc.Root.Lookup(d.Pointer) == nil {
				t.Fatalf("%s: pointer %q names nothing", d.Code, d.Pointer)
			}
		}
	})
}

// signalREvents generates n SignalR events in one form, alternating
// Connected and Disconnected.
func signalREvents(n int, cloud bool) string {
	var b strings.Builder
	b.WriteString("[")
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		typ, extra := eventTypeConnected, ""
		if i%2 == 1 {
			typ, extra = eventTypeDisconnected, `,"errorMessage":"Internal server error."`
		}
		data := fmt.Sprintf(`{"timestamp":"2019-06-10T18:41:%02d.9584103Z","hubName":"chat","connectionId":"conn-%06d","userId":"user-%d"%s}`, i%60, i, i, extra)
		path := "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/signalr-rg/providers/Microsoft.SignalRService/SignalR/signalr-resource"
		if cloud {
			fmt.Fprintf(&b, `{"source":%q,"subject":"/hub/chat","type":%q,"time":"2019-06-10T18:41:%02d.9584103Z","id":"id-%06d","data":%s,"specversion":"1.0"}`,
				path, typ, i%60, i, data)
		} else {
			fmt.Fprintf(&b, `{"topic":%q,"subject":"/hub/chat","eventType":%q,"eventTime":"2019-06-10T18:41:%02d.9584103Z","id":"id-%06d","data":%s,"dataVersion":"1.0","metadataVersion":"1"}`,
				path, typ, i%60, i, data)
		}
	}
	b.WriteString("]")
	return b.String()
}

func TestGeneratedEventsValid(t *testing.T) {
	for _, cloud := range []bool{false, true} {
		src := signalREvents(20, cloud)
		res := detect.Detect(parse(t, src).Root)
		if len(res.Events) != 20 {
			t.Fatalf("%d events", len(res.Events))
		}
		if ds := Validate(res); len(ds) != 0 {
			t.Errorf("cloud=%v: want valid, got\n%s", cloud, list(ds))
		}
	}
}

// TestRequiredMatchesVocabulary checks that the envelope schemas require
// exactly the attributes the attribute table marks as required, and
// describe every attribute of the table.
func TestRequiredMatchesVocabulary(t *testing.T) {
	for _, tc := range []struct {
		file     string
		name     func(vocab.Attribute) string
		required func(vocab.Attribute) bool
	}{
		{"eventgrid.json", func(a vocab.Attribute) string { return a.EventGrid }, func(a vocab.Attribute) bool { return a.RequiredInEventGrid }},
		{"cloudevents.json", func(a vocab.Attribute) string { return a.CloudEvents }, func(a vocab.Attribute) bool { return a.RequiredInCloudEvents }},
	} {
		b, err := files.ReadFile("schemas/" + tc.file)
		if err != nil {
			t.Fatal(err)
		}
		var s struct {
			Required   []string                   `json:"required"`
			Properties map[string]json.RawMessage `json:"properties"`
		}
		if err := json.Unmarshal(b, &s); err != nil {
			t.Fatalf("%s: %v", tc.file, err)
		}
		var want []string
		for _, a := range vocab.Attributes {
			name := tc.name(a)
			if name == "" {
				continue
			}
			if tc.required(a) {
				want = append(want, name)
			}
			if _, ok := s.Properties[name]; !ok {
				t.Errorf("%s does not describe %q", tc.file, name)
			}
		}
		got := append([]string(nil), s.Required...)
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s requires %v; the attribute table says %v", tc.file, got, want)
		}
	}
}

// TestSignalROptional: the SignalR data properties that Azure's current REST
// specification and TypeSpec leave optional pass the schema (app/lint
// warns about hubName and connectionId, SR007), and userId may be null.
func TestSignalROptional(t *testing.T) {
	eg := readSeed(t, "eventgrid-connected.json")
	ce := readSeed(t, "cloudevents-connected.json")
	for _, tc := range []struct{ name, src, old, new string }{
		{"EG data without hubName", eg, `    "hubName": "chat",` + "\n", ""},
		{"CE data without connectionId", ce, `    "connectionId": "crH0uxVSvP61p5wkFY1x1A",` + "\n", ""},
		{"EG userId null", eg, `"user-eymwyo23"`, `null`},
		{"CE userId null", ce, `"user-eymwyo23"`, `null`},
	} {
		if !strings.Contains(tc.src, tc.old) {
			t.Fatalf("%s: %q is not in the seed", tc.name, tc.old)
		}
		src := strings.Replace(tc.src, tc.old, tc.new, 1)
		if ds := check(t, src); len(ds) != 0 {
			t.Errorf("%s: want no schema diagnostic, got:\n%s", tc.name, list(ds))
		}
	}
}

// TestSignalRCloudEventData: a SignalR CloudEvent without a data object gets
// the verdict of its Event Grid form (data is required there), and data
// carried in data_base64 with a JSON content type is decoded and checked.
func TestSignalRCloudEventData(t *testing.T) {
	ce := readSeed(t, "cloudevents-connected.json")
	data := ce[strings.Index(ce, `{`+"\n    \"timestamp"):strings.Index(ce, `,`+"\n  \"specversion\"")]
	enc := func(s string) string { return `"` + base64.StdEncoding.EncodeToString([]byte(s)) + `"` }
	noTimestamp := `{"hubName":"chat","connectionId":"c1"}`
	for _, tc := range []struct {
		name, old, new      string
		code, ptr, contains string // "" code: valid
	}{
		{"data null", data, `null`, string(vocab.SchemaRequired), "/0", "data is null"},
		{"no data", `"data": ` + data + ",", ``, string(vocab.SchemaRequired), "/0", "the event has no data"},
		{"data in data_base64", `"data": ` + data, `"datacontenttype": "application/json", "data_base64": ` + enc(`{"timestamp":"2019-06-10T18:41:00Z","hubName":"chat","connectionId":"c1"}`), "", "", ""},
		{"data_base64 without timestamp", `"data": ` + data, `"datacontenttype": "application/json", "data_base64": ` + enc(noTimestamp), string(vocab.SchemaRequired), "/0/data_base64", `in data_base64, decoded (datacontenttype "application/json"): missing required "data.timestamp"`},
		{"data_base64 without content type", `"data": ` + data, `"data_base64": ` + enc(noTimestamp), string(vocab.SchemaRequired), "/0/data_base64", "no datacontenttype"},
		{"data_base64 not JSON", `"data": ` + data, `"datacontenttype": "application/json", "data_base64": ` + enc(`hello`), string(vocab.SchemaType), "/0/data_base64", "not JSON"},
		{"data_base64 of another content type", `"data": ` + data, `"datacontenttype": "application/octet-stream", "data_base64": ` + enc(`{}`), string(vocab.SchemaType), "/0/data_base64", `"application/octet-stream", which is not JSON`},
	} {
		if !strings.Contains(ce, tc.old) {
			t.Fatalf("%s: %q is not in the seed", tc.name, tc.old)
		}
		src := strings.Replace(ce, tc.old, tc.new, 1)
		ds := check(t, src)
		if tc.code == "" {
			if len(ds) != 0 {
				t.Errorf("%s: want valid, got\n%s", tc.name, list(ds))
			}
			continue
		}
		if len(ds) != 1 || ds[0].Code != tc.code || ds[0].Pointer != tc.ptr || !strings.Contains(ds[0].Message, tc.contains) || ds[0].Severity != diag.Error {
			t.Errorf("%s: want one %s at %q saying %q, got\n%s\n%s", tc.name, tc.code, tc.ptr, tc.contains, list(ds), src)
		}
	}
}

// TestPeerSchema checks the schema the benchmarks measure whole inspection
// against: it accepts generated batches and rejects what Validate rejects
// in the envelope and in SignalR data.
func TestPeerSchema(t *testing.T) {
	for _, f := range []detect.Form{detect.EventGrid, detect.CloudEvents} {
		text, err := PeerSchema(f)
		if err != nil {
			t.Fatal(err)
		}
		s, err := gojsonschema.NewSchema(gojsonschema.NewBytesLoader(text))
		if err != nil {
			t.Fatal(err)
		}
		form := gen.EventGrid
		if f == detect.CloudEvents {
			form = gen.CloudEvents
		}
		good := string(gen.Batch(form, 10))
		for _, tc := range []struct {
			name, src string
			valid     bool
		}{
			{"generated", good, true},
			{"bad envelope date-time", strings.Replace(good, `"2`, `"x2`, 1), false},
			{"bad data timestamp", strings.Replace(good, `"timestamp": "`, `"timestamp": "x`, 1), false},
			{"data timestamp missing", strings.Replace(good, `"timestamp"`, `"stamp"`, 1), false},
		} {
			if !strings.Contains(good, `"timestamp": "`) {
				t.Fatal("generated events have no data timestamp")
			}
			r, err := s.Validate(gojsonschema.NewStringLoader(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			if r.Valid() != tc.valid {
				t.Errorf("%v %s: valid=%v, want %v: %v", f, tc.name, r.Valid(), tc.valid, r.Errors())
			}
			if ds := Validate(detect.Detect(parse(t, tc.src).Root)); (len(ds) == 0) != tc.valid {
				t.Errorf("%v %s: Validate gives %d findings, the peer schema valid=%v", f, tc.name, len(ds), tc.valid)
			}
		}
	}
	if _, err := PeerSchema(detect.Unknown); err == nil {
		t.Error("a peer schema for an unknown form")
	}
}

// TestWarmSteps runs Warm's steps one by one: a step per schema, which
// compiles that schema, then the sample's validation.
func TestWarmSteps(t *testing.T) {
	steps := WarmSteps()
	all := entries()
	if len(steps) != len(all)+1 {
		t.Fatalf("%d steps, want one per schema (%d) and the sample's validation", len(steps), len(all))
	}
	for i, step := range steps {
		if err := step(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if i < len(all) && all[i].schema == nil {
			t.Errorf("step %d did not compile %s", i, all[i].file)
		}
	}
}
