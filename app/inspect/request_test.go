package inspect

import (
	"strings"
	"testing"

	"eventlens/app/detect"
	"eventlens/app/diag"
	"eventlens/app/vocab"
)

const binaryRequest = `POST /api/events HTTP/1.1
Host: example.com
ce-specversion: 1.0
ce-type: Microsoft.SignalRService.ClientConnectionConnected
ce-source: /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/g/providers/Microsoft.SignalRService/SignalR/n
ce-id: 1
ce-time: 2026-01-01T00:00:00Z
ce-subject: /hub/chat
Content-Type: application/json

{"timestamp": "2026-01-01T00:00:00Z", "hubName": "chat", "connectionId": "c"}
`

const deliveryRequest = "POST /api/events HTTP/1.1\r\n" +
	"Content-Type: application/json\r\n" +
	"aeg-event-type: Notification\r\n" +
	"aeg-subscription-name: SUB\r\n" +
	"aeg-delivery-count: 0\r\n" +
	"aeg-data-version: 1.0\r\n" +
	"aeg-metadata-version: 1\r\n" +
	"\r\n" +
	"[{\"id\": \"1\", \"topic\": \"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/g/providers/Microsoft.SignalRService/SignalR/n\",\r\n" +
	"  \"subject\": \"/hub/chat\", \"eventType\": \"Microsoft.SignalRService.ClientConnectionConnected\",\r\n" +
	"  \"eventTime\": \"2026-01-01T00:00:00Z\", \"dataVersion\": \"1.0\", \"metadataVersion\": \"1\",\r\n" +
	"  \"data\": {\"timestamp\": \"2026-01-01T00:00:00Z\", \"hubName\": \"chat\", \"connectionId\": \"c\"}}]\r\n"

// find returns the report's diagnostic with code c.
func find(t *testing.T, r *Report, c vocab.Code) diag.Diagnostic {
	t.Helper()
	for _, d := range r.Diagnostics {
		if d.Code == string(c) {
			return d
		}
	}
	t.Fatalf("no %s in %+v", c, r.Diagnostics)
	return diag.Diagnostic{}
}

// lineOf returns line n (1-based) of src.
func lineOf(src string, n int) string { return strings.Split(src, "\n")[n-1] }

func TestInspectRequests(t *testing.T) {
	t.Run("binary", func(t *testing.T) {
		r := Inspect([]byte(binaryRequest))
		if !r.Valid || r.Form != detect.CloudEvents || r.FormLabel() != "CloudEvents binary mode: CloudEvents event" || r.Request == nil {
			t.Fatalf("%s %+v", r.Summary(), r.Diagnostics)
		}
		if r.CloudEvents == nil || !r.CloudEvents.Native || r.EventGrid == nil || r.EventGrid.Err != "" {
			t.Errorf("conversions %+v %+v", r.CloudEvents, r.EventGrid)
		}
		title, text, err := r.OtherMode()
		if err != nil || title != "CloudEvents structured mode" || !strings.Contains(string(text), "application/cloudevents+json") {
			t.Errorf("other mode %q %s %v", title, text, err)
		}
	})
	t.Run("binary, findings on headers and body", func(t *testing.T) {
		src := strings.NewReplacer("ce-specversion: 1.0", "ce-specversion: 0.3", "ce-time: 2026-01-01T00:00:00Z", "ce-time: yesterday",
			`"hubName": "chat", `, "").Replace(binaryRequest)
		r := Inspect([]byte(src))
		if r.Valid {
			t.Fatal("valid")
		}
		for _, tt := range []struct {
			code vocab.Code
			line int
			text string
		}{
			{vocab.CESpecVersion, 3, "0.3"},
			{vocab.SchemaFormat, 7, "yesterday"},
			{vocab.SRSDKRequired, 11, ""},
		} {
			d := find(t, r, tt.code)
			if d.Line != tt.line || (tt.text != "" && src[d.Offset:d.End] != tt.text) {
				t.Errorf("%s at %d:%d on %q, want line %d on %q", tt.code, d.Line, d.Column, src[d.Offset:d.End], tt.line, tt.text)
			}
			if d.Fix != nil && tt.line < 10 {
				t.Errorf("%s keeps a fix that edits the event's text", tt.code)
			}
		}
		if d := find(t, r, vocab.SchemaFormat); !strings.Contains(d.Message, "ce-time") {
			t.Errorf("message %q does not name the header", d.Message)
		}
	})
	t.Run("binary without ce-id", func(t *testing.T) {
		r := Inspect([]byte(strings.Replace(binaryRequest, "ce-id: 1\n", "", 1)))
		find(t, r, vocab.HTTPBinaryRequired)
		for _, d := range r.Diagnostics {
			if d.Code == string(vocab.SchemaRequired) {
				t.Errorf("the missing header is reported twice: %+v", d)
			}
		}
		if e, w, i := diag.Count(r.Diagnostics); e != r.Errors || w != r.Warnings || i != r.Infos {
			t.Errorf("counts %d/%d/%d, but the list holds %d/%d/%d", r.Errors, r.Warnings, r.Infos, e, w, i)
		}
	})
	t.Run("Event Grid delivery", func(t *testing.T) {
		r := Inspect([]byte(deliveryRequest))
		if !r.Valid || r.Form != detect.EventGrid || r.FormLabel() != "Event Grid delivery: Event Grid batch of 1 event" || len(r.Diagnostics) != 0 {
			t.Fatalf("%s %+v", r.Summary(), r.Diagnostics)
		}
		if r.Events[0].Line != 9 {
			t.Errorf("the event is on line %d, want 9", r.Events[0].Line)
		}
	})
	t.Run("Event Grid delivery, mismatched header and a fix in the body", func(t *testing.T) {
		src := strings.NewReplacer("aeg-data-version: 1.0", "aeg-data-version: 2.0",
			"ClientConnectionConnected", "ClientConnectionconnected").Replace(deliveryRequest)
		r := Inspect([]byte(src))
		d := find(t, r, vocab.HTTPVersionHeader)
		if d.Line != 6 || !strings.HasPrefix(lineOf(src, 6), "aeg-data-version") || src[d.Offset:d.End] != "2.0" {
			t.Errorf("HTTP007 at %d:%d", d.Line, d.Column)
		}
		fix := find(t, r, vocab.EGMisspeltType)
		if fix.Line != 10 || fix.Fix == nil {
			t.Fatalf("EG001 %+v", fix)
		}
		fixed := Inspect(ApplyFix([]byte(src), fix.Fix))
		for _, d := range fixed.Diagnostics {
			if d.Code == string(vocab.EGMisspeltType) {
				t.Errorf("the fix did not fix: %+v", d)
			}
		}
		if fixed.Request == nil {
			t.Error("the fix broke the request")
		}
	})
	t.Run("validation header with a notification", func(t *testing.T) {
		r := Inspect([]byte(strings.Replace(deliveryRequest, "aeg-event-type: Notification", "aeg-event-type: SubscriptionValidation", 1)))
		if d := find(t, r, vocab.HTTPEventTypeBody); d.Line != 3 || r.Valid {
			t.Errorf("HTTP006 on line %d, valid %v", d.Line, r.Valid)
		}
	})
	t.Run("webhook handshake", func(t *testing.T) {
		r := Inspect([]byte("OPTIONS /api/events HTTP/1.1\nHost: x\nWebHook-Request-Origin: eventgrid.azure.net\n\n"))
		if !r.Valid || r.FormLabel() != "CloudEvents webhook handshake (OPTIONS)" || r.Request.WebHookAnswer() == "" {
			t.Fatalf("%s %+v", r.Summary(), r.Diagnostics)
		}
		if d := find(t, r, vocab.HTTPWebHookAnswer); d.Line != 3 {
			t.Errorf("HTTP012 on line %d", d.Line)
		}
	})
	t.Run("body not JSON", func(t *testing.T) {
		r := Inspect([]byte("POST / HTTP/1.1\nContent-Type: application/json\n\n[{\"id\": 1,}]\n"))
		if d := find(t, r, vocab.JSONSyntax); d.Line != 4 || d.Column != 10 || r.Valid {
			t.Errorf("JSON001 at %d:%d", d.Line, d.Column)
		}
	})
	t.Run("no body", func(t *testing.T) {
		r := Inspect([]byte("GET /api/events HTTP/1.1\nHost: x\n"))
		if r.Valid || r.FormLabel() != "HTTP GET request without a body" {
			t.Errorf("%s", r.Summary())
		}
		find(t, r, vocab.HTTPNoBody)
	})
}
