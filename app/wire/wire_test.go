package wire

import (
	"bytes"
	"strings"
	"testing"

	"eventlens/app/detect"
	"eventlens/app/diag"
	"eventlens/app/jsontree"
	"eventlens/app/vocab"
)

// crlf turns the LF line ends of s into CRLF.
func crlf(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }

const egDelivery = `POST /api/events?key=k HTTP/1.1
Host: example.com
Content-Type: application/json
aeg-event-type: Notification
aeg-subscription-name: SIGNALR-SUB
aeg-delivery-count: 0
aeg-data-version: 1.0
aeg-metadata-version: 1

[{"id": "1", "topic": "/t", "subject": "/hub/chat", "eventType": "Microsoft.SignalRService.ClientConnectionConnected",
  "eventTime": "2026-01-01T00:00:00Z", "data": {"timestamp": "2026-01-01T00:00:00Z", "hubName": "chat", "connectionId": "c"},
  "dataVersion": "1.0", "metadataVersion": "1"}]
`

const binary = `POST /api/events HTTP/1.1
Host: example.com
ce-specversion: 1.0
ce-type: Microsoft.SignalRService.ClientConnectionConnected
ce-source: /subscriptions/s/resourceGroups/g/providers/Microsoft.SignalRService/SignalR/n
ce-id: 1
ce-time: 2026-01-01T00:00:00Z
ce-subject: /hub/caf%C3%A9%20chat
ce-traceparent: "00-abc"
Content-Type: application/json; charset=utf-8

{"timestamp": "2026-01-01T00:00:00Z", "hubName": "chat", "connectionId": "c"}
`

func mustParse(t *testing.T, src string) *Request {
	t.Helper()
	r, ok := Parse([]byte(src))
	if !ok {
		t.Fatalf("Parse(%.40q) is not a request", src)
	}
	return r
}

func TestLayouts(t *testing.T) {
	head, body, _ := strings.Cut(egDelivery, "\n\n")
	curl := "*   Trying 127.0.0.1:8080...\n* Connected to localhost port 8080\n> " +
		strings.ReplaceAll(head, "\n", "\n> ") + "\n> \n} [312 bytes data]\n" + body +
		"* upload completely sent off: 312 bytes\n< HTTP/1.1 200 OK\n< Content-Length: 0\n<\n"
	for name, src := range map[string]string{
		"LF":     egDelivery,
		"CRLF":   crlf(egDelivery),
		"blanks": "\n\n  \n" + egDelivery,
		"BOM":    "\ufeff" + egDelivery,
		"curl":   curl,
	} {
		t.Run(name, func(t *testing.T) {
			r := mustParse(t, src)
			if r.Method != "POST" || r.Target != "/api/events?key=k" || r.Proto != "HTTP/1.1" || r.Kind != EventGrid {
				t.Errorf("request line %q %q %q, kind %v", r.Method, r.Target, r.Proto, r.Kind)
			}
			if len(r.Headers) != 7 || r.Get("AEG-EVENT-TYPE") != "Notification" || r.Curl != (name == "curl") {
				t.Errorf("headers %+v", r.Headers)
			}
			for _, h := range r.Headers {
				if got := string(r.Src()[h.ValueSpan.Offset:h.ValueSpan.End]); got != h.Value {
					t.Errorf("%s: value span holds %q, want %q", h.Name, got, h.Value)
				}
				line := strings.Split(src, "\n")[h.Span.Line-1]
				if !strings.Contains(line, h.Name+": "+h.Value) {
					t.Errorf("%s is on line %d, which is %q", h.Name, h.Span.Line, line)
				}
			}
			body := strings.TrimSpace(string(r.Body()))
			if !strings.HasPrefix(body, `[{"id": "1"`) || !strings.HasSuffix(body, `"metadataVersion": "1"}]`) {
				t.Errorf("body %q", body)
			}
			if len(r.Diagnostics) != 0 {
				t.Errorf("diagnostics %+v", r.Diagnostics)
			}
			m := r.Masked()
			if len(m) != len(src) || !bytes.Equal(m[r.BodyStart:r.BodyEnd], r.Body()) || bytes.Count(m, []byte("\n")) != strings.Count(src, "\n") {
				t.Errorf("masked text %q", m)
			}
		})
	}
}

func TestNotARequest(t *testing.T) {
	for _, src := range []string{"", "{}", "[1]", "hello", "Get the thing done", "HTTP/1.1 200 OK\n\n{}", "POST\n", "* curl only\n< HTTP/1.1 200 OK\n"} {
		if Looks([]byte(src)) {
			t.Errorf("Looks(%q) = true", src)
		}
		if _, ok := Parse([]byte(src)); ok {
			t.Errorf("Parse(%q) is a request", src)
		}
	}
}

func TestKinds(t *testing.T) {
	tests := []struct {
		src  string
		want Kind
	}{
		{egDelivery, EventGrid},
		{binary, Binary},
		{"POST / HTTP/1.1\nContent-Type: application/cloudevents+json; charset=utf-8\n\n{}", Structured},
		{"POST / HTTP/1.1\nContent-Type: Application/CloudEvents-Batch+JSON\n\n[]", Batch},
		{"POST / HTTP/1.1\nContent-Type: application/json\n\n[]", Plain},
		{"OPTIONS /api HTTP/1.1\nWebHook-Request-Origin: eventgrid.azure.net\n\n", WebHook},
		{"PUT https://example.com/x HTTP/2\nCE-ID: 1\n\n", Binary},
	}
	for _, tt := range tests {
		if r := mustParse(t, tt.src); r.Kind != tt.want {
			t.Errorf("%.50q: kind %v, want %v", tt.src, r.Kind, tt.want)
		}
	}
	if Plain.Title() != "HTTP request" || Binary.String() != "binary" || WebHook.String() != "webhook-handshake" {
		t.Error("kind names")
	}
}

// diagnosed returns the request's own and Check's diagnostics.
func diagnosed(t *testing.T, src string) (*Request, []diag.Diagnostic) {
	t.Helper()
	r := mustParse(t, src)
	ds := append([]diag.Diagnostic(nil), r.Diagnostics...)
	if doc, err := jsontree.Parse(r.Masked(), jsontree.Options{}); err == nil && r.Kind != Binary {
		ds = append(ds, r.Check(doc.Root, detect.Detect(doc.Root))...)
	}
	return r, ds
}

func TestDiagnostics(t *testing.T) {
	validation := `[{"id": "1", "topic": "", "subject": "", "eventType": "Microsoft.EventGrid.SubscriptionValidationEvent", "eventTime": "2026-01-01T00:00:00Z", "data": {"validationCode": "C"}, "dataVersion": "2", "metadataVersion": "1"}]`
	ce := `{"specversion": "1.0", "id": "1", "source": "/s", "type": "t"}`
	tests := []struct {
		name, src string
		code      vocab.Code
		line      int    // the line the diagnostic is on
		text      string // what the place holds
	}{
		{"no version", "POST /api/events\n\n{}", vocab.HTTPRequestLine, 1, "POST /api/events"},
		{"lower-case method", "post /api HTTP/1.1\n\n{}", vocab.HTTPRequestLine, 1, ""},
		{"bad version", "POST /api HTTQ/1.1\n\n{}", vocab.HTTPRequestLine, 1, ""},
		{"extra words", "POST /my events HTTP/1.1\n\n{}", vocab.HTTPRequestLine, 1, ""},
		{"relative target", "POST api/events HTTP/1.1\n\n{}", vocab.HTTPRequestLine, 1, ""},
		{"double space", "POST  /api HTTP/1.1\n\n{}", vocab.HTTPRequestLine, 1, ""},
		{"no colon", "POST / HTTP/1.1\nHost example.com\n\n{}", vocab.HTTPHeaderLine, 2, "Host example.com"},
		{"bad name", "POST / HTTP/1.1\nContent Type: x\n\n{}", vocab.HTTPHeaderLine, 2, "Content Type"},
		{"folded", "POST / HTTP/1.1\nX-A: 1\n  2\n\n{}", vocab.HTTPHeaderLine, 3, "  2"},
		{"no blank line", "POST / HTTP/1.1\nHost: x\n[{\"id\": 1}]", vocab.HTTPNoBlankLine, 3, "["},
		{"EG as cloudevents", "POST / HTTP/1.1\nContent-Type: application/cloudevents+json\naeg-event-type: Notification\n\n" + strings.SplitN(egDelivery, "\n\n", 2)[1], vocab.HTTPContentType, 2, "application/cloudevents+json"},
		{"EG as text", strings.Replace(egDelivery, "application/json", "text/plain", 1), vocab.HTTPContentType, 3, "text/plain"},
		{"EG without Content-Type", strings.Replace(egDelivery, "Content-Type: application/json\n", "", 1), vocab.HTTPContentType, 1, "POST /api/events?key=k HTTP/1.1"},
		{"CE as json", "POST / HTTP/1.1\nContent-Type: application/json\n\n" + ce, vocab.HTTPContentType, 2, "application/json"},
		{"batch as one", "POST / HTTP/1.1\nContent-Type: application/cloudevents+json\n\n[" + ce + "]", vocab.HTTPContentType, 2, "application/cloudevents+json"},
		{"one as batch", "POST / HTTP/1.1\nContent-Type: application/cloudevents-batch+json\n\n" + ce, vocab.HTTPContentType, 2, "application/cloudevents-batch+json"},
		{"bad event type", strings.Replace(egDelivery, "aeg-event-type: Notification", "aeg-event-type: notification", 1), vocab.HTTPEventGridValue, 4, "notification"},
		{"bad count", strings.Replace(egDelivery, "aeg-delivery-count: 0", "aeg-delivery-count: first", 1), vocab.HTTPEventGridValue, 6, "first"},
		{"validation header, notification body", strings.Replace(egDelivery, "aeg-event-type: Notification", "aeg-event-type: SubscriptionValidation", 1), vocab.HTTPEventTypeBody, 4, "SubscriptionValidation"},
		{"notification header, validation body", "POST / HTTP/1.1\nContent-Type: application/json\naeg-event-type: Notification\n\n" + validation, vocab.HTTPEventTypeBody, 3, "Notification"},
		{"data version", strings.Replace(egDelivery, "aeg-data-version: 1.0", "aeg-data-version: 2.0", 1), vocab.HTTPVersionHeader, 7, "2.0"},
		{"metadata version", strings.Replace(egDelivery, "aeg-metadata-version: 1", "aeg-metadata-version: 2", 1), vocab.HTTPVersionHeader, 8, "2"},
		{"spec version", "POST / HTTP/1.1\nContent-Type: application/cloudevents+json\naeg-metadata-version: 1\n\n" + ce, vocab.HTTPVersionHeader, 3, "1"},
		{"two events", strings.Replace(egDelivery, `"metadataVersion": "1"}]`, `"metadataVersion": "1"}, {"id": "2"}]`, 1), vocab.HTTPDeliveryShape, 1, ""},
		{"binary without id", strings.Replace(binary, "ce-id: 1\n", "", 1), vocab.HTTPBinaryRequired, 1, ""},
		{"ce-datacontenttype", strings.Replace(binary, "ce-id: 1\n", "ce-id: 1\nce-datacontenttype: text/plain\n", 1), vocab.HTTPBinaryContentType, 7, "ce-datacontenttype: text/plain"},
		{"bad percent", strings.Replace(binary, "caf%C3%A9", "caf%G3", 1), vocab.HTTPPercentEncoding, 8, "/hub/caf%G3%20chat"},
		{"overlong", strings.Replace(binary, "caf%C3%A9", "caf%C0%A0", 1), vocab.HTTPPercentEncoding, 8, "/hub/caf%C0%A0%20chat"},
		{"binary body not JSON", strings.Replace(binary, `"connectionId": "c"}`, `"connectionId": c}`, 1), vocab.JSONSyntax, 12, "c"},
		{"handshake", "OPTIONS /api HTTP/1.1\nWebHook-Request-Origin: eventgrid.azure.net\n\n", vocab.HTTPWebHookAnswer, 2, "WebHook-Request-Origin: eventgrid.azure.net"},
		{"handshake without origin", "OPTIONS /api HTTP/1.1\nHost: x\n\n", vocab.HTTPWebHookHeader, 1, ""},
		{"handshake bad rate", "OPTIONS /api HTTP/1.1\nWebHook-Request-Origin: o\nWebHook-Request-Rate: 0\n\n", vocab.HTTPWebHookHeader, 3, "0"},
		{"repeated", strings.Replace(egDelivery, "aeg-delivery-count: 0\n", "aeg-delivery-count: 0\naeg-delivery-count: 1\n", 1), vocab.HTTPRepeatedHeader, 7, "aeg-delivery-count: 1"},
		{"some aeg headers", strings.Replace(egDelivery, "aeg-delivery-count: 0\n", "", 1), vocab.HTTPMissingAEG, 4, "aeg-event-type: Notification"},
		{"no aeg headers", "POST / HTTP/1.1\nContent-Type: application/json\n\n" + strings.SplitN(egDelivery, "\n\n", 2)[1], vocab.HTTPMissingAEG, 1, ""},
		{"no body", "POST /api HTTP/1.1\nContent-Type: application/json\n\n", vocab.HTTPNoBody, 1, ""},
		{"GET", "GET /api HTTP/1.1\n", vocab.HTTPNoBody, 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, ds := diagnosed(t, tt.src)
			var found *diag.Diagnostic
			for i := range ds {
				if ds[i].Code == string(tt.code) {
					found = &ds[i]
				}
			}
			if found == nil {
				t.Fatalf("no %s in %+v", tt.code, ds)
			}
			if found.Line != tt.line || found.Column < 1 {
				t.Errorf("%s at %d:%d, want line %d", tt.code, found.Line, found.Column, tt.line)
			}
			if p := r.Pos(found.Offset); p.Line != found.Line || p.Column != found.Column {
				t.Errorf("%s: line:column %d:%d disagree with its offset (%d:%d)", tt.code, found.Line, found.Column, p.Line, p.Column)
			}
			if got := string(r.Src()[found.Offset:found.End]); tt.text != "" && got != tt.text {
				t.Errorf("%s covers %q, want %q", tt.code, got, tt.text)
			}
			if found.Code != string(vocab.HTTPWebHookAnswer) && found.Severity == diag.Info {
				t.Errorf("%s is only a note", found.Code)
			}
		})
	}
	// Deliveries as Azure sends them draw nothing.
	for _, src := range []string{egDelivery, binary, "POST / HTTP/1.1\nContent-Type: application/cloudevents-batch+json\n\n[]",
		"POST / HTTP/1.1\nContent-Type: application/json\naeg-event-type: SubscriptionValidation\naeg-subscription-name: S\naeg-delivery-count: 0\naeg-data-version: 2\naeg-metadata-version: 1\n\n" + validation} {
		if _, ds := diagnosed(t, src); len(ds) != 0 {
			t.Errorf("%.40q: %+v", src, ds)
		}
	}
}

func TestBinaryEvent(t *testing.T) {
	r := mustParse(t, crlf(binary))
	doc, err := jsontree.Parse(r.Event(), jsontree.Options{})
	if err != nil {
		t.Fatalf("event %s: %v", r.Event(), err)
	}
	want := map[string]string{"specversion": "1.0", "id": "1", "subject": "/hub/café chat", "traceparent": "00-abc", "datacontenttype": "application/json; charset=utf-8"}
	for k, v := range want {
		if n := doc.Root.Get(k); n == nil || n.Text != v {
			t.Errorf("%s = %+v, want %q", k, n, v)
		}
	}
	if data := doc.Root.Get("data"); data == nil || data.Kind != jsontree.Object || data.Get("hubName").Text != "chat" {
		t.Errorf("data is %+v", data)
	}
	if res := detect.Detect(doc.Root); res.Form != detect.CloudEvents {
		t.Errorf("the event is %v", res.Form)
	}
	// A body that is text, or not UTF-8.
	for _, tt := range []struct{ ct, body, member, want string }{
		{"text/plain", "hello world", "data", "hello world"},
		{"application/octet-stream", "\xff\x00\x01", "data_base64", "/wAB"},
		{"", "[1, 2]", "data", ""},
	} {
		src := "POST / HTTP/1.1\nce-id: 1\nce-source: /s\nce-specversion: 1.0\nce-type: t\n"
		if tt.ct != "" {
			src += "Content-Type: " + tt.ct + "\n"
		}
		r := mustParse(t, src+"\n"+tt.body)
		doc, err := jsontree.Parse(r.Event(), jsontree.Options{})
		if err != nil {
			t.Fatalf("%s: %v", tt.ct, err)
		}
		n := doc.Root.Get(tt.member)
		if n == nil || tt.want != "" && n.Text != tt.want || tt.want == "" && n.Kind != jsontree.Array {
			t.Errorf("%q body: %s = %+v", tt.ct, tt.member, n)
		}
	}
}

func TestRelocate(t *testing.T) {
	r := mustParse(t, binary)
	ev := string(r.Event())
	src := r.Src()
	// A finding on the source attribute, one inside data, one on the event.
	srcAt := strings.Index(ev, `"/subscriptions`)
	dataAt := strings.Index(ev, `"chat"`)
	ds := r.Relocate([]diag.Diagnostic{
		{Code: "SR003", Pointer: "/source", Offset: srcAt, End: srcAt + 5, Message: "source is odd"},
		{Code: "SR002", Pointer: "/data/hubName", Offset: dataAt, End: dataAt + 6, Message: "hub",
			Fix: &diag.Fix{Title: "t", Edits: []diag.Edit{{Offset: dataAt, End: dataAt + 6, Text: `"Chat"`}}}},
		{Code: "CE003", Pointer: "", Offset: 0, End: 1, Message: "custom"},
	})
	if len(ds) != 3 {
		t.Fatalf("%+v", ds)
	}
	byCode := map[string]diag.Diagnostic{}
	for _, d := range ds {
		byCode[d.Code] = d
	}
	if d := byCode["SR003"]; d.Line != 5 || string(src[d.Offset:d.End]) != r.Get("ce-source") || !strings.Contains(d.Message, "ce-source") || d.Fix != nil {
		t.Errorf("source finding: %+v", d)
	}
	d := byCode["SR002"]
	if d.Line != 12 || string(src[d.Offset:d.End]) != `"chat"` || d.Fix == nil {
		t.Fatalf("data finding: %+v", d)
	}
	if e := d.Fix.Edits[0]; string(src[e.Offset:e.End]) != `"chat"` {
		t.Errorf("the fix edits %q", src[e.Offset:e.End])
	}
	if d := byCode["CE003"]; d.Line != 1 {
		t.Errorf("event finding on line %d", d.Line)
	}
	// Other requests' diagnostics are left alone.
	eg := mustParse(t, egDelivery)
	in := []diag.Diagnostic{{Code: "EG001", Line: 9, Offset: 3}}
	if out := eg.Relocate(in); out[0].Line != 9 {
		t.Error("Relocate moved a finding of an Event Grid delivery")
	}
}

func TestEscape(t *testing.T) {
	for _, v := range []string{"", "plain", "Euro € 😀", `a "quoted" 100%`, "tab\tnew\nline"} {
		got, problem := Unescape(Escape(v))
		if got != v || problem != "" {
			t.Errorf("Unescape(Escape(%q)) = %q, %q", v, got, problem)
		}
	}
	if got := Escape("Euro € 😀"); got != "Euro%20%E2%82%AC%20%F0%9F%98%80" {
		t.Errorf("Escape = %q (the binding's example)", got)
	}
	if got, _ := Unescape(`"a \"b\" c"`); got != `a "b" c` {
		t.Errorf("quoted value: %q", got)
	}
	if got, _ := Unescape("%e2%82%ac"); got != "€" {
		t.Errorf("lower-case hex: %q", got)
	}
}

func TestWebHookAnswer(t *testing.T) {
	r := mustParse(t, "OPTIONS /api HTTP/1.1\nWebHook-Request-Origin: eventgrid.azure.net\nWebHook-Request-Callback: https://cb.example/x\n\n")
	if got := r.WebHookAnswer(); !strings.Contains(got, "WebHook-Allowed-Origin: eventgrid.azure.net") || !strings.Contains(got, "WebHook-Allowed-Rate: *") {
		t.Errorf("answer %q", got)
	}
	if !strings.Contains(r.Diagnostics[0].Message, "https://cb.example/x") {
		t.Errorf("the callback is not offered: %q", r.Diagnostics[0].Message)
	}
	r = mustParse(t, "OPTIONS /api HTTP/1.1\nWebHook-Request-Origin: o\nWebHook-Request-Rate: 120\n\n")
	if got := r.WebHookAnswer(); !strings.Contains(got, "WebHook-Allowed-Rate: 120") {
		t.Errorf("answer %q: must grant the rate asked for", got)
	}
	if mustParse(t, egDelivery).WebHookAnswer() != "" {
		t.Error("a delivery has no handshake answer")
	}
}

func TestConvertModes(t *testing.T) {
	r := mustParse(t, binary)
	structured, err := r.ToStructured()
	if err != nil {
		t.Fatal(err)
	}
	s := mustParse(t, string(structured))
	if s.Kind != Structured || s.Get("Host") != "example.com" || s.Header("ce-id") != nil {
		t.Fatalf("structured: %s", structured)
	}
	back, err := s.ToBinary()
	if err != nil {
		t.Fatal(err)
	}
	b := mustParse(t, string(back))
	if b.Kind != Binary || len(b.Diagnostics) != 0 {
		t.Fatalf("back to binary: %s %+v", back, b.Diagnostics)
	}
	for _, a := range r.Attributes {
		if i := b.attribute(a.Name); i < 0 || b.Attributes[i].Value != a.Value {
			t.Errorf("%s lost in the round trip: %s", a.Name, back)
		}
	}
	if !jsonEqual(t, r.Body(), b.Body()) {
		t.Errorf("body %q became %q", r.Body(), b.Body())
	}
	if _, err := mustParse(t, egDelivery).ToBinary(); err == nil {
		t.Error("an Event Grid delivery has no binary mode")
	}
	if _, err := s.ToStructured(); err == nil {
		t.Error("a structured request is already structured")
	}
}

func jsonEqual(t *testing.T, a, b []byte) bool {
	t.Helper()
	x, err1 := jsontree.Parse(a, jsontree.Options{})
	y, err2 := jsontree.Parse(b, jsontree.Options{})
	return err1 == nil && err2 == nil && jsontree.Equal(x.Root, y.Root)
}

func TestFormat(t *testing.T) {
	header := map[string][]string{
		"Content-Type":   {"application/json"},
		"Aeg-Event-Type": {"Notification"},
		"X-Evil":         {"a\r\nInjected: yes"},
	}
	body := []byte(`[{"id": "1"}]`)
	text := Format("POST", "/api/events?key=k", header, body)
	r := mustParse(t, string(text))
	if r.Kind != EventGrid || r.Target != "/api/events?key=k" || !bytes.Equal(r.Body(), body) || len(r.Diagnostics) != 0 {
		t.Errorf("%s: kind %v, %+v", text, r.Kind, r.Diagnostics)
	}
	if r.Header("Injected") != nil || r.Get("X-Evil") != "a" {
		t.Errorf("a value with a line break made a header: %s", text)
	}
}
