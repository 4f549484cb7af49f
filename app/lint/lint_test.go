package lint

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"eventlens/app/detect"
	"eventlens/app/diag"
	"eventlens/app/jsontree"
	"eventlens/app/vocab"
	"eventlens/internal/fixture"
)

// A SignalR connection event in the Event Grid form, as in the Azure docs
// but with a real-looking subscription id: it has nothing to report.
const egOK = `[{
  "topic": "/subscriptions/5f1a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8/resourceGroups/signalr-rg/providers/Microsoft.SignalRService/SignalR/signalr-resource",
  "subject": "/hub/chat",
  "eventType": "Microsoft.SignalRService.ClientConnectionConnected",
  "eventTime": "2019-06-10T18:41:00.9584103Z",
  "id": "831e1650-001e-001b-66ab-eeb76e069631",
  "data": {
    "timestamp": "2019-06-10T18:41:00.9584103Z",
    "hubName": "chat",
    "connectionId": "crH0uxVSvP61p5wkFY1x1A",
    "userId": "user-eymwyo23"
  },
  "dataVersion": "1.0",
  "metadataVersion": "1"
}]`

// The same event in the CloudEvents form, as a single event.
const ceOK = `{
  "source": "/subscriptions/5f1a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8/resourceGroups/signalr-rg/providers/Microsoft.SignalRService/SignalR/signalr-resource",
  "subject": "/hub/chat",
  "type": "Microsoft.SignalRService.ClientConnectionDisconnected",
  "time": "2019-06-10T18:41:00.9584103Z",
  "id": "831e1650-001e-001b-66ab-eeb76e069631",
  "data": {
    "timestamp": "2019-06-10T18:41:00.9584103Z",
    "hubName": "chat",
    "connectionId": "crH0uxVSvP61p5wkFY1x1A",
    "userId": "user-eymwyo23",
    "errorMessage": "Internal server error."
  },
  "specversion": "1.0"
}`

// A custom CloudEvents event with binary data.
const ceBinary = `{"specversion":"1.0","id":"b1","source":"/orders","type":"com.example.order.archived","datacontenttype":"application/octet-stream","data_base64":"SGVsbG8gd29ybGQh"}`

// The seed's Event Grid example, verbatim: only the placeholder is noted.
var egSeed = strings.TrimSpace(fixture.MustSeed(fixture.EventGridDisconnected))

// An Event Grid subscription-validation handshake (the seed).
var handshake = strings.TrimSpace(fixture.MustSeed(fixture.ValidationHandshake))

// run decodes, detects and checks src.
func run(t testing.TB, src string) (*jsontree.Doc, detect.Result, []diag.Diagnostic) {
	t.Helper()
	doc := fixture.Parse(t, src)
	res := detect.Detect(doc.Root)
	return doc, res, Check(doc, res)
}

// codes lists the codes of ds.
func codes(ds []diag.Diagnostic) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.Code
	}
	return out
}

// place returns the line and column (in code points) of byte offset off of
// src, counted independently of the decoder.
func place(src string, off int) (line, col int) {
	before := src[:off]
	line = 1 + strings.Count(before, "\n")
	return line, 1 + utf8.RuneCountInString(before[strings.LastIndexByte(before, '\n')+1:])
}

// apply applies the edits of fix to src.
func apply(t *testing.T, src string, fix *diag.Fix) string {
	t.Helper()
	edits := slices.Clone(fix.Edits)
	sort.Slice(edits, func(i, j int) bool { return edits[i].Offset > edits[j].Offset })
	for _, e := range edits {
		if e.Offset < 0 || e.Offset > e.End || e.End > len(src) {
			t.Fatalf("edit %+v out of the source (%d bytes)", e, len(src))
		}
		src = src[:e.Offset] + e.Text + src[e.End:]
	}
	return src
}

func TestCleanPayloads(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"eventgrid", egOK, nil},
		{"cloudevents", ceOK, nil},
		{"cloudevents batch", "[" + ceOK + "," + strings.Replace(ceOK, `"831e`, `"931e`, 1) + "]", nil},
		{"binary data", ceBinary, []string{string(vocab.CECustomType)}},
		{"valid extensions", strings.Replace(ceBinary, `"id":"b1"`,
			`"id":"b1","traceparent":"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01","dataref":"https://example.com/b1","partitionkey":"p1","sequence":"7","sampledrate":10,"retry":-3,"audit":true,"expires":null`, 1),
			[]string{string(vocab.CECustomType)}},
		{"seed with placeholder", egSeed, []string{string(vocab.SRPlaceholder)}},
		{"null errorMessage on a connection", strings.Replace(egOK, `"userId": "user-eymwyo23"`, `"userId": "user-eymwyo23", "errorMessage": null`, 1), nil},
		{"validation handshake", handshake, nil},
		{"empty batch", `[]`, nil},
		{"not events", `{"hello":"world"}`, nil},
		{"scalar", `42`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, ds := run(t, tt.src)
			if got := codes(ds); !slices.Equal(got, tt.want) {
				t.Errorf("codes = %v, want %v", got, tt.want)
				for _, d := range ds {
					t.Logf("%s %s %s", d.Code, d.Pointer, d.Message)
				}
			}
		})
	}
}

// A checkCase mutates a base payload and expects one diagnostic.
type checkCase struct {
	name    string
	base    string
	edits   []string // old, new pairs applied to base, each once
	code    string
	sev     diag.Severity
	event   int
	pointer string
	at      string // the diagnostic starts at the first occurrence of this text
	msg     string // a part of the message
	fixed   []string
	// fixed: when set, the diagnostic has a fix, and applying it equals
	// applying these old, new pairs to the mutated payload.
}

func TestCheck(t *testing.T) {
	const dis = "Microsoft.SignalRService.ClientConnectionDisconnected"
	tests := []checkCase{
		// Event types.
		{name: "pt seed misspelling", base: egOK,
			edits: []string{`"Microsoft.SignalRService.ClientConnectionConnected"`, `"Microsoft.signalrService.ClientConnectionDis ligados"`},
			code:  string(vocab.EGMisspeltType), sev: diag.Error, pointer: "/0/eventType", at: `"Microsoft.signalr`,
			msg:   `did you mean "` + dis + `"?`,
			fixed: []string{`"Microsoft.signalrService.ClientConnectionDis ligados"`, `"` + dis + `"`}},
		{name: "type case", base: ceOK,
			edits: []string{`"type": "Microsoft.SignalRService`, `"type": "microsoft.signalrservice`},
			code:  string(vocab.CEMisspeltType), sev: diag.Error, pointer: "/type", at: `"microsoft.`,
			fixed: []string{`"microsoft.signalrservice.ClientConnectionDisconnected"`, `"` + dis + `"`}},
		{name: "other azure type", base: egOK,
			edits: []string{`"Microsoft.SignalRService.ClientConnectionConnected"`, `"Microsoft.Storage.BlobCreated"`},
			code:  string(vocab.EGUncheckedType), sev: diag.Info, pointer: "/0/eventType", at: `"Microsoft.Storage`,
			msg: "eventlens checks the data of SignalR Service events only"},
		{name: "deletion event", base: egOK,
			edits: []string{`"Microsoft.SignalRService.ClientConnectionConnected"`, `"Microsoft.EventGrid.SubscriptionDeletedEvent"`},
			code:  string(vocab.EGUncheckedType), sev: diag.Info, pointer: "/0/eventType", at: `"Microsoft.EventGrid`},
		{name: "custom type", base: ceBinary, code: string(vocab.CECustomType), sev: diag.Info, pointer: "/type",
			at: `"com.example`, msg: "custom (non-Azure)"},

		// CloudEvents String characters: the position is the byte offset.
		{name: "control character after ASCII", base: ceOK, edits: []string{`"/hub/chat"`, `"/hub/chat\u0001"`},
			code: string(vocab.CEStringChars), sev: diag.Error, pointer: "/subject", at: `"/hub/chat\u0001"`,
			msg: "holds the character U+0001 at position 9"},
		{name: "control character after non-ASCII", base: ceOK, edits: []string{`"/hub/chat"`, `"/hub/çhat\u007f"`},
			code: string(vocab.CEStringChars), sev: diag.Error, pointer: "/subject", at: `"/hub/çhat`,
			msg: "holds the character U+007F at position 10"},
		{name: "noncharacter first", base: ceOK, edits: []string{`"/hub/chat"`, `"\uffff/hub"`},
			code: string(vocab.CEStringChars), sev: diag.Error, pointer: "/subject", at: `"\uffff`,
			msg: "holds the character U+FFFF at position 0"},

		// Event Grid envelope.
		{name: "metadataVersion 2", base: egOK, edits: []string{`"metadataVersion": "1"`, `"metadataVersion": "2"`},
			code: string(vocab.EGMetadataVersion), sev: diag.Error, pointer: "/0/metadataVersion", at: `"2"`,
			fixed: []string{`"metadataVersion": "2"`, `"metadataVersion": "1"`}},
		{name: "metadataVersion number", base: egOK, edits: []string{`"metadataVersion": "1"`, `"metadataVersion": 1`},
			code: string(vocab.EGMetadataVersion), sev: diag.Error, pointer: "/0/metadataVersion", at: `1
}]`, msg: "metadataVersion is 1;",
			fixed: []string{`"metadataVersion": 1`, `"metadataVersion": "1"`}},
		{name: "EventType case", base: egOK, edits: []string{`"eventType"`, `"EventType"`},
			code: string(vocab.EGUnknownProperty), sev: diag.Error, pointer: "/0/EventType", at: `"EventType"`,
			msg:   `did you mean "eventType"?`,
			fixed: []string{`"EventType"`, `"eventType"`}},
		{name: "event_type", base: egOK, edits: []string{`"eventType"`, `"event_type"`},
			code: string(vocab.EGUnknownProperty), sev: diag.Error, pointer: "/0/event_type", at: `"event_type"`,
			fixed: []string{`"event_type"`, `"eventType"`}},
		{name: "eventTime typo", base: egOK, edits: []string{`"eventTime"`, `"evenTime"`},
			code: string(vocab.EGUnknownProperty), sev: diag.Error, pointer: "/0/evenTime", at: `"evenTime"`,
			fixed: []string{`"evenTime"`, `"eventTime"`}},
		{name: "duplicate spelling with the same value", base: egOK,
			edits: []string{`"dataVersion": "1.0",`, `"dataVersion": "1.0", "DataVersion": "1.0",`},
			code:  string(vocab.EGUnknownProperty), sev: diag.Error, pointer: "/0/DataVersion", at: `"DataVersion"`,
			msg:   `already set`,
			fixed: []string{`, "DataVersion": "1.0"`, ``}},
		{name: "unknown property", base: egOK, edits: []string{`"dataVersion"`, `"priority": 3, "dataVersion"`},
			code: string(vocab.EGUnknownProperty), sev: diag.Error, pointer: "/0/priority", at: `"priority"`,
			msg: "move it into data or remove it"},
		{name: "source in event grid", base: egOK, edits: []string{`"topic"`, `"source"`},
			code: string(vocab.EGCloudEventsAttribute), sev: diag.Error, pointer: "/0/source", at: `"source"`,
			msg:   "mixes the two forms",
			fixed: []string{`"source"`, `"topic"`}},
		{name: "specversion in event grid", base: egOK, edits: []string{`"metadataVersion": "1"`, `"metadataVersion": "1",
  "specversion": "1.0"`},
			code: string(vocab.EGCloudEventsAttribute), sev: diag.Error, pointer: "/0/specversion", at: `"specversion"`,
			fixed: []string{`,
  "specversion": "1.0"`, ``}},
		{name: "Time in event grid", base: egOK, edits: []string{`"eventTime"`, `"Time"`},
			code: string(vocab.EGCloudEventsAttribute), sev: diag.Error, pointer: "/0/Time", at: `"Time"`,
			msg:   `"Time" (CloudEvents "time")`,
			fixed: []string{`"Time"`, `"eventTime"`}},

		// CloudEvents attributes.
		{name: "specVersion", base: ceOK, edits: []string{`"specversion"`, `"specVersion"`},
			code: string(vocab.CESpecVersionCase), sev: diag.Error, pointer: "/specVersion", at: `"specVersion"`,
			fixed: []string{`"specVersion"`, `"specversion"`}},
		{name: "specversion 0.3", base: ceOK, edits: []string{`"specversion": "1.0"`, `"specversion": "0.3"`},
			code: string(vocab.CESpecVersion), sev: diag.Error, pointer: "/specversion", at: `"0.3"`,
			msg:   "the older CloudEvents version; eventlens checks CloudEvents 1.0",
			fixed: []string{`"0.3"`, `"1.0"`}},
		{name: "ID", base: ceOK, edits: []string{`"id"`, `"ID"`},
			code: string(vocab.CEAttributeCase), sev: diag.Error, pointer: "/ID", at: `"ID"`, msg: "case-sensitive",
			fixed: []string{`"ID"`, `"id"`}},
		{name: "Source", base: ceOK, edits: []string{`"source"`, `"Source"`},
			code: string(vocab.CEAttributeCase), sev: diag.Error, pointer: "/Source", at: `"Source"`,
			fixed: []string{`"Source"`, `"source"`}},
		{name: "dataContentType", base: ceBinary, edits: []string{`"datacontenttype"`, `"dataContentType"`},
			code: string(vocab.CEAttributeCase), sev: diag.Error, pointer: "/dataContentType", at: `"dataContentType"`,
			fixed: []string{`"dataContentType"`, `"datacontenttype"`}},
		{name: "eventType in cloudevents", base: ceOK, edits: []string{`"type"`, `"eventType"`},
			code: string(vocab.CEEventGridProperty), sev: diag.Error, pointer: "/eventType", at: `"eventType"`,
			fixed: []string{`"eventType"`, `"type"`}},
		{name: "topic in cloudevents", base: ceOK, edits: []string{`"source"`, `"topic"`},
			code: string(vocab.CEEventGridProperty), sev: diag.Warning, pointer: "/topic", at: `"topic"`,
			fixed: []string{`"topic"`, `"source"`}},
		{name: "metadataVersion in cloudevents", base: ceOK,
			edits: []string{`"specversion": "1.0"`, `"specversion": "1.0",
  "metadataVersion": "1"`},
			code: string(vocab.CEEventGridProperty), sev: diag.Error, pointer: "/metadataVersion", at: `"metadataVersion"`,
			fixed: []string{`,
  "metadataVersion": "1"`, ``}},

		// Extensions.
		{name: "camel-case extension", base: ceBinary, edits: []string{`"id":"b1"`, `"id":"b1","traceParent":"00-abc-01"`},
			code: string(vocab.CEExtensionName), sev: diag.Error, pointer: "/traceParent", at: `"traceParent"`,
			fixed: []string{`"traceParent"`, `"traceparent"`}},
		{name: "dashed extension", base: ceBinary, edits: []string{`"id":"b1"`, `"id":"b1","x-correlation-id":"7"`},
			code: string(vocab.CEExtensionName), sev: diag.Error, pointer: "/x-correlation-id", at: `"x-correlation-id"`,
			fixed: []string{`"x-correlation-id"`, `"xcorrelationid"`}},
		{name: "long extension", base: ceBinary, edits: []string{`"id":"b1"`, `"id":"b1","correlationidentifier":"7"`},
			code: string(vocab.CEExtensionLength), sev: diag.Warning, pointer: "/correlationidentifier", at: `"correlationidentifier"`,
			msg: "21 characters"},
		{name: "extension starting with a digit", base: ceBinary, edits: []string{`"id":"b1"`, `"id":"b1","2fa":true`},
			code: string(vocab.CEExtensionStart), sev: diag.Warning, pointer: "/2fa", at: `"2fa"`},
		{name: "misspelt specversion", base: ceOK, edits: []string{`"specversion"`, `"specverion"`},
			code: string(vocab.CEExtensionMisspelt), sev: diag.Warning, pointer: "/specverion", at: `"specverion"`,
			fixed: []string{`"specverion"`, `"specversion"`}},
		{name: "object extension", base: ceBinary, edits: []string{`"id":"b1"`, `"id":"b1","tags":["a","b"]`},
			code: string(vocab.CEExtensionValue), sev: diag.Error, pointer: "/tags", at: `["a"`, msg: "is an array"},
		{name: "fractional extension", base: ceBinary, edits: []string{`"id":"b1"`, `"id":"b1","ratio":0.5`},
			code: string(vocab.CEExtensionNotInteger), sev: diag.Error, pointer: "/ratio", at: `0.5`, msg: "not an integer"},
		{name: "whole number with a fraction", base: ceBinary, edits: []string{`"id":"b1"`, `"id":"b1","retries":2.0`},
			code: string(vocab.CEExtensionNotInteger), sev: diag.Warning, pointer: "/retries", at: `2.0`,
			fixed: []string{`2.0`, `2`}},
		{name: "exponent", base: ceBinary, edits: []string{`"id":"b1"`, `"id":"b1","retries":1e3`},
			code: string(vocab.CEExtensionNotInteger), sev: diag.Warning, pointer: "/retries", at: `1e3`,
			fixed: []string{`1e3`, `1000`}},
		{name: "integer out of range", base: ceBinary, edits: []string{`"id":"b1"`, `"id":"b1","seq":2147483648`},
			code: string(vocab.CEExtensionRange), sev: diag.Error, pointer: "/seq", at: `2147483648`},
		{name: "huge integer", base: ceBinary, edits: []string{`"id":"b1"`, `"id":"b1","seq":-99999999999999999999999`},
			code: string(vocab.CEExtensionRange), sev: diag.Error, pointer: "/seq", at: `-9999`},
		{name: "huge float", base: ceBinary, edits: []string{`"id":"b1"`, `"id":"b1","seq":1e400`},
			code: string(vocab.CEExtensionRange), sev: diag.Error, pointer: "/seq", at: `1e400`},

		// Data.
		{name: "data and data_base64", base: ceBinary, edits: []string{`"data_base64"`, `"data":{},"data_base64"`},
			code: string(vocab.CEDataAndBase64), sev: diag.Error, pointer: "/data_base64", at: `"data_base64"`, msg: "mutually exclusive"},
		{name: "base64 without padding", base: ceBinary, edits: []string{`"SGVsbG8gd29ybGQh"`, `"SGVsbG8gd29ybGQ"`},
			code: string(vocab.CEBase64), sev: diag.Error, pointer: "/data_base64", at: `"SGVsbG8gd29ybGQ"`, msg: `add "="`,
			fixed: []string{`"SGVsbG8gd29ybGQ"`, `"SGVsbG8gd29ybGQ="`}},
		{name: "url-safe base64", base: ceBinary, edits: []string{`"SGVsbG8gd29ybGQh"`, `"-_8"`},
			code: string(vocab.CEBase64), sev: diag.Error, pointer: "/data_base64", at: `"-_8"`, msg: "URL-safe",
			fixed: []string{`"-_8"`, `"+/8="`}},
		{name: "bad base64 character", base: ceBinary, edits: []string{`"SGVsbG8gd29ybGQh"`, `"SGVsbG8*d29ybGQh"`},
			code: string(vocab.CEBase64), sev: diag.Error, pointer: "/data_base64", at: `*d29`, msg: `"*" at position 7`},
		{name: "truncated base64", base: ceBinary, edits: []string{`"SGVsbG8gd29ybGQh"`, `"SGVsbG8gd29yb"`},
			code: string(vocab.CEBase64), sev: diag.Error, pointer: "/data_base64", at: `"SGVsbG8gd29yb"`, msg: "ends too early"},
		{name: "padding in the middle", base: ceBinary, edits: []string{`"SGVsbG8gd29ybGQh"`, `"QQ==QQ=="`},
			code: string(vocab.CEBase64), sev: diag.Error, pointer: "/data_base64", at: `"QQ==`, msg: "padding is misplaced near position 4"},
		{name: "media type without subtype", base: ceBinary, edits: []string{`"application/octet-stream"`, `"json"`},
			code: string(vocab.CEMediaType), sev: diag.Error, pointer: "/datacontenttype", at: `"json"`, msg: `no "/subtype"`},
		{name: "media type with a bad parameter", base: ceBinary, edits: []string{`"application/octet-stream"`, `"text/plain; charset"`},
			code: string(vocab.CEMediaType), sev: diag.Error, pointer: "/datacontenttype", at: `"text/plain;`},
		{name: "json content in a string", base: ceOK,
			edits: []string{`"specversion": "1.0"`, `"specversion": "1.0", "datacontenttype": "application/cloudevents+json; charset=utf-8"`,
				`"data": {`, `"data": "{}", "x": {`},
			code: string(vocab.CEJSONDataString), sev: diag.Info, pointer: "/data", at: `"{}"`},
		{name: "object with a text content type", base: ceOK,
			edits: []string{`"specversion": "1.0"`, `"specversion": "1.0", "datacontenttype": "text/plain"`},
			code:  string(vocab.CENonJSONData), sev: diag.Warning, pointer: "/data", at: `{
    "timestamp"`, msg: "is an object"},
		{name: "azure dataschema", base: ceOK, edits: []string{`"specversion": "1.0"`, `"specversion": "1.0", "dataschema": "#1.0"`},
			code: string(vocab.CEDataSchemaURI), sev: diag.Warning, pointer: "/dataschema", at: `"#1.0"`,
			msg: `Azure Event Grid writes "#<dataVersion>"`},
		{name: "relative dataschema", base: ceOK, edits: []string{`"specversion": "1.0"`, `"specversion": "1.0", "dataschema": "schemas/x.json"`},
			code: string(vocab.CEDataSchemaURI), sev: diag.Error, pointer: "/dataschema", at: `"schemas/`},
		{name: "empty dataschema", base: ceOK, edits: []string{`"specversion": "1.0"`, `"specversion": "1.0", "dataschema": ""`},
			code: string(vocab.CEDataSchemaURI), sev: diag.Error, pointer: "/dataschema", at: `""`, msg: "non-empty absolute URI"},
		{name: "dataschema fragment that is not a version", base: ceOK, edits: []string{`"specversion": "1.0"`, `"specversion": "1.0", "dataschema": "#abc"`},
			code: string(vocab.CEDataSchemaURI), sev: diag.Error, pointer: "/dataschema", at: `"#abc"`},
		{name: "Azure's dataschema for an empty dataVersion", base: ceOK, edits: []string{`"specversion": "1.0"`, `"specversion": "1.0", "dataschema": "#"`},
			code: string(vocab.CEDataSchemaURI), sev: diag.Warning, pointer: "/dataschema", at: `"#"`, msg: "Azure Event Grid writes"},
		{name: "Azure's dataschema", base: ceOK, edits: []string{`"specversion": "1.0"`, `"specversion": "1.0", "dataschema": "#1"`},
			code: string(vocab.CEDataSchemaURI), sev: diag.Warning, pointer: "/dataschema", at: `"#1"`, msg: "Azure Event Grid writes"},

		// SignalR data.
		{name: "subject names another hub", base: egOK, edits: []string{`"/hub/chat"`, `"/hub/lobby"`},
			code: string(vocab.SRSubjectHub), sev: diag.Warning, pointer: "/0/subject", at: `"/hub/lobby"`,
			fixed: []string{`"/hub/lobby"`, `"/hub/chat"`}},
		{name: "subject without /hub/", base: ceOK, edits: []string{`"/hub/chat"`, `"chat"`},
			code: string(vocab.SRSubjectHub), sev: diag.Warning, pointer: "/subject", at: `"chat"`,
			fixed: []string{`"subject": "chat"`, `"subject": "/hub/chat"`}},
		{name: "subject hub in other case", base: egOK, edits: []string{`"/hub/chat"`, `"/hub/Chat"`},
			code: string(vocab.SRSubjectHubCase), sev: diag.Info, pointer: "/0/subject", at: `"/hub/Chat"`, msg: "case-insensitive"},
		{name: "topic of another provider", base: egOK, edits: []string{`Microsoft.SignalRService/SignalR`, `Microsoft.Web/sites`},
			code: string(vocab.SRResourcePath), sev: diag.Warning, pointer: "/0/topic", at: `"/subscriptions/`,
			msg: `"Microsoft.Web" where "Microsoft.SignalRService" belongs`},
		{name: "provider in lower case is fine but subscription is no GUID", base: ceOK,
			edits: []string{`Microsoft.SignalRService`, `microsoft.signalrservice`, `5f1a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8`, `my-sub`},
			code:  string(vocab.SRResourcePath), sev: diag.Warning, pointer: "/source", at: `"/subscriptions/`, msg: "not a GUID"},
		{name: "short source", base: ceOK, edits: []string{`/SignalR/signalr-resource`, ``},
			code: string(vocab.SRResourcePath), sev: diag.Warning, pointer: "/source", at: `"/subscriptions/`, msg: "fewer segments"},
		{name: "docs placeholder", base: egOK, edits: []string{`5f1a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8`, `{subscription-id}`},
			code: string(vocab.SRPlaceholder), sev: diag.Info, pointer: "/0/topic", at: `"/subscriptions/`, msg: "{subscription-id}"},
		{name: "errorMessage on connected", base: egOK, edits: []string{`"userId": "user-eymwyo23"`, `"userId": "user-eymwyo23",
    "errorMessage": "Internal server error."`},
			code: string(vocab.SRConnectedError), sev: diag.Warning, pointer: "/0/data/errorMessage", at: `"errorMessage"`,
			fixed: []string{`,
    "errorMessage": "Internal server error."`, ``}},
		{name: "timestamp far from eventTime", base: egOK,
			edits: []string{`"timestamp": "2019-06-10T18:41:00.9584103Z"`, `"timestamp": "2019-06-10T18:51:30.9584103+00:00"`},
			code:  string(vocab.SRTimestampSkew), sev: diag.Warning, pointer: "/0/data/timestamp", at: `"2019-06-10T18:51`,
			msg: "10m30s after eventTime"},
		{name: "timestamp far before time", base: ceOK,
			edits: []string{`"timestamp": "2019-06-10T18:41:00.9584103Z"`, `"timestamp": "2019-06-10T20:41:00.9584103+02:00"`,
				`"time": "2019-06-10T18:41:00.9584103Z"`, `"time": "2019-06-10T18:47:00.9584103Z"`},
			code: string(vocab.SRTimestampSkew), sev: diag.Warning, pointer: "/data/timestamp", at: `"2019-06-10T20:41`,
			msg: "6m0s before time"},

		// Batches.
		{name: "duplicate id", base: "[" + ceOK + "," + ceOK + "]",
			code: string(vocab.BatchDuplicateID), sev: diag.Warning, event: 1, pointer: "/1/id",
			at: `"831e1650-001e-001b-66ab-eeb76e069631",
  "data": {
    "timestamp": "2019-06-10T18:41:00.9584103Z",
    "hubName": "chat",
    "connectionId": "crH0uxVSvP61p5wkFY1x1A",
    "userId": "user-eymwyo23",
    "errorMessage": "Internal server error."
  },
  "specversion": "1.0"
}]`, msg: "also the id of event 0 and the same source"},
		{name: "two specversions", base: `[` + ceBinary + `,` + strings.Replace(ceBinary, `"1.0","id":"b1"`, `"2.0","id":"b2"`, 1) + `]`,
			code: string(vocab.BatchSpecVersion), sev: diag.Error, event: 1, pointer: "/1/specversion", at: `"2.0"`,
			msg: `differs from event 0's "1.0"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := tt.base
			for i := 0; i+1 < len(tt.edits); i += 2 {
				if !strings.Contains(src, tt.edits[i]) {
					t.Fatalf("the payload has no %q to replace", tt.edits[i])
				}
				src = strings.Replace(src, tt.edits[i], tt.edits[i+1], 1)
			}
			_, _, ds := run(t, src)
			var got *diag.Diagnostic
			for i := range ds {
				if ds[i].Code == tt.code {
					if got != nil {
						t.Fatalf("%s reported twice: %q and %q", tt.code, got.Message, ds[i].Message)
					}
					got = &ds[i]
				}
			}
			if got == nil {
				t.Fatalf("no %s in %v", tt.code, ds)
			}
			off := strings.Index(src, tt.at)
			if off < 0 {
				t.Fatalf("the payload has no %q", tt.at)
			}
			line, col := place(src, off)
			if got.Severity != tt.sev || got.Event != tt.event || got.Pointer != tt.pointer ||
				got.Offset != off || got.Line != line || got.Column != col {
				t.Errorf("got %s event %d %q at %d:%d (byte %d); want %s event %d %q at %d:%d (byte %d)",
					got.Severity, got.Event, got.Pointer, got.Line, got.Column, got.Offset,
					tt.sev, tt.event, tt.pointer, line, col, off)
			}
			if !strings.Contains(got.Message, tt.msg) {
				t.Errorf("message %q does not say %q", got.Message, tt.msg)
			}
			if tt.fixed == nil {
				if got.Fix != nil {
					t.Errorf("unexpected fix %+v", got.Fix)
				}
				return
			}
			if got.Fix == nil {
				t.Fatalf("no fix; message %q", got.Message)
			}
			want := strings.Replace(src, tt.fixed[0], tt.fixed[1], 1)
			fixed := apply(t, src, got.Fix)
			if fixed != want {
				t.Fatalf("fix %q gives\n%s\nwant\n%s", got.Fix.Title, fixed, want)
			}
			_, _, after := run(t, fixed)
			if slices.Contains(codes(after), tt.code) {
				t.Errorf("%s still reported after the fix: %v", tt.code, after)
			}
		})
	}
}

// TestPlaces checks line and column numbers written out, on a multi-line
// payload with a non-ASCII value before the findings.
func TestPlaces(t *testing.T) {
	src := "[{\n" +
		"  \"topic\": \"/subscriptions/5f1a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8/resourceGroups/rg/providers/Microsoft.SignalRService/SignalR/é\",\n" +
		"  \"subject\": \"/hub/é\", \"eventType\": \"Microsoft.SignalRService.ClientConnectionConected\",\n" +
		"  \"eventTime\": \"2019-06-10T18:41:00Z\", \"id\": \"1\", \"data\": {\"hubName\": \"é\", \"timestamp\": \"2019-06-10T18:41:00Z\", \"connectionId\": \"c\"},\n" +
		"  \"dataVersion\": \"1.0\", \"Metadataversion\": \"1\"\n" +
		"}]"
	_, _, ds := run(t, src)
	type where struct {
		code         string
		line, column int
	}
	var got []where
	for _, d := range ds {
		got = append(got, where{d.Code, d.Line, d.Column})
	}
	want := []where{
		{string(vocab.EGMisspeltType), 3, 37}, // after "é", one column, two bytes
		{string(vocab.EGUnknownProperty), 5, 25},
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestBase64Place(t *testing.T) {
	src := `{"specversion":"1.0","id":"b1","source":"/é","type":"t",` + "\n" + `"data_base64":"QUJD!"}`
	_, _, ds := run(t, src)
	if len(ds) != 2 || ds[1].Code != string(vocab.CEBase64) {
		t.Fatalf("got %v", ds)
	}
	if d := ds[1]; d.Line != 2 || d.Column != 20 || d.Offset != strings.Index(src, "!") || d.End != d.Offset+1 {
		t.Errorf("CE016 at %d:%d bytes %d-%d, want 2:20 at the '!'", d.Line, d.Column, d.Offset, d.End)
	}
	// With an escape in the string, the bytes are not the source's: the
	// diagnostic stays on the whole value.
	src = strings.Replace(src, `QUJD!`, `Q\u0055JD!`, 1)
	_, _, ds = run(t, src)
	if len(ds) != 2 || ds[1].Column != 15 || !strings.Contains(ds[1].Message, "position 4") {
		t.Errorf("got %v", ds)
	}
}

func TestBatchLimits(t *testing.T) {
	event := func(i int, pad int) string {
		return fmt.Sprintf(`{"id":"%d","subject":"s","eventType":"Contoso.Items.ItemReceived","eventTime":"2019-06-10T18:41:00Z","data":{"p":"%s"},"dataVersion":"1"}`,
			i, strings.Repeat("x", pad))
	}
	batch := func(n, pad int, sep string) string {
		items := make([]string, n)
		for i := range items {
			items[i] = event(i, pad)
		}
		return "[" + strings.Join(items, ","+sep) + "]"
	}
	count := func(ds []diag.Diagnostic, code string) (n int) {
		for _, d := range ds {
			if d.Code == code {
				n++
			}
		}
		return n
	}
	tests := []struct {
		name                  string
		src                   string
		eventSize, size, many int
	}{
		{"5000 small events", batch(vocab.MaxBatchEvents, 0, ""), 0, 0, 0},
		{"5001 events", batch(vocab.MaxBatchEvents+1, 0, ""), 0, 0, 1},
		{"one event over 1 MB", batch(1, vocab.MaxEventBytes, ""), 1, 1, 0},
		{"events under 1 MB, array over it", batch(2, vocab.MaxEventBytes/2, ""), 0, 1, 0},
		// Spacing does not count: the sizes are measured minified.
		{"array under 1 MB once minified", batch(2, vocab.MaxEventBytes/2-200, strings.Repeat(" ", 1000)), 0, 0, 0},
		{"single object over 1 MB", event(0, vocab.MaxEventBytes), 1, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, res, ds := run(t, tt.src)
			if got := count(ds, string(vocab.BatchEventSize)); got != tt.eventSize {
				t.Errorf("%d %s, want %d", got, string(vocab.BatchEventSize), tt.eventSize)
			}
			if got := count(ds, string(vocab.BatchSize)); got != tt.size {
				t.Errorf("%d %s, want %d", got, string(vocab.BatchSize), tt.size)
			}
			if got := count(ds, string(vocab.BatchCount)); got != tt.many {
				t.Errorf("%d %s, want %d", got, string(vocab.BatchCount), tt.many)
			}
			for _, d := range ds {
				switch d.Code {
				case string(vocab.BatchEventSize):
					if d.Severity != diag.Error || d.Pointer != res.Events[d.Event].Pointer || !strings.Contains(d.Message, "once minified") {
						t.Errorf("%+v", d)
					}
				case string(vocab.BatchSize), string(vocab.BatchCount):
					if d.Event != -1 || d.Pointer != "" || d.Line != 1 || d.Column != 1 {
						t.Errorf("%+v", d)
					}
				}
			}
		})
	}
}

func TestMinifiedSize(t *testing.T) {
	for in, want := range map[string]int{
		`{ "a" : [ 1 , 2 ] }`:             11,
		"{\n\t\"a b\": \"x \\\" y\"\r\n}": 16,
		`"\\"`:                            4,
		`"unterminated \`:                 15,
	} {
		if got := minifiedSize([]byte(in)); got != want {
			t.Errorf("minifiedSize(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestCheckWithoutDocument(t *testing.T) {
	doc, res, _ := run(t, strings.Replace(egOK, `"eventType"`, `"EventType"`, 1))
	withDoc := Check(doc, res)
	if len(withDoc) != 1 || withDoc[0].Code != string(vocab.EGUnknownProperty) || withDoc[0].Fix == nil {
		t.Fatalf("with the source: %v (want EG005 with a fix)", withDoc)
	}
	ds := Check(nil, res)
	if len(ds) != 1 || ds[0].Code != string(vocab.EGUnknownProperty) || ds[0].Fix != nil {
		t.Errorf("without the source: %v (want EG005 with no fix)", ds)
	}
	if d, w := ds[0], withDoc[0]; d.Message != w.Message || d.Pointer != w.Pointer || d.Severity != w.Severity {
		t.Errorf("without the source the finding differs in more than its fix: %+v, with the source %+v", d, w)
	}
	if ds := Check(nil, detect.Result{}); len(ds) != 0 {
		t.Errorf("empty result: %v", ds)
	}
}

func TestUnknownPropertyListsTheSchema(t *testing.T) {
	_, res, _ := run(t, strings.Replace(egOK, `"subject"`, `"priority": 1, "subject"`, 1))
	ds := Check(nil, res)
	const want = "Event Grid rejects events with top-level properties other than id, topic, subject, eventType, eventTime, data, dataVersion and metadataVersion; move it into data or remove it"
	if len(ds) != 1 || !strings.Contains(ds[0].Message, want) {
		t.Errorf("got %v, want EG005 saying %q", ds, want)
	}
}

// TestResourcePathPerEvent: the resource path found without fault is not
// checked again in the next event, and that never hides a fault of
// another event's path, nor the same fault repeated.
func TestResourcePathPerEvent(t *testing.T) {
	ev := strings.TrimSuffix(strings.TrimPrefix(egOK, "["), "]")
	bad := strings.Replace(ev, "Microsoft.SignalRService/SignalR", "Microsoft.Web/sites", 1)
	src := "[" + strings.Join([]string{ev, bad, ev, bad, bad, ev}, ",") + "]"
	var got []string
	_, _, ds := run(t, src)
	for _, d := range ds {
		if d.Code == string(vocab.SRResourcePath) {
			got = append(got, d.Pointer)
		}
	}
	if want := []string{"/1/topic", "/3/topic", "/4/topic"}; !slices.Equal(got, want) {
		t.Errorf("SRResourcePath at %v, want %v", got, want)
	}
}
