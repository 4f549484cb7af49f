//go:build browser

package browsertest

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestUIHTTPRequests pastes whole HTTP requests: a CloudEvents binary-mode
// request is inspected as the event its headers and body make, and an
// Event Grid delivery whose aeg-data-version disagrees with its event gets
// a diagnostic that selects the header's line.
func TestUIHTTPRequests(t *testing.T) {
	_, b := uiPage(t)

	binary := "POST /api/events HTTP/1.1\r\n" + // as copied from a capture
		"Host: example.com\r\n" +
		"ce-specversion: 1.0\r\n" +
		"ce-type: Microsoft.SignalRService.ClientConnectionConnected\r\n" +
		"ce-source: /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/g/providers/Microsoft.SignalRService/SignalR/n\r\n" +
		"ce-id: 1\r\n" +
		"ce-time: 2026-01-01T00:00:00Z\r\n" +
		"ce-subject: /hub/chat\r\n" +
		"Content-Type: application/json\r\n" +
		"\r\n" +
		`{"timestamp": "2026-01-01T00:00:00Z", "hubName": "chat", "connectionId": "c"}` + "\r\n"
	// A textarea keeps line ends as LF: what the page inspects.
	binary = strings.ReplaceAll(binary, "\r\n", "\n")
	setText(b, "#input", binary)
	waitInspected(b, binary)
	if got := verdictText(b); !strings.Contains(got, "Valid") || !strings.Contains(got, "CloudEvents binary mode: CloudEvents event") {
		t.Errorf("binary mode: verdict %q", got)
	}
	waitJS(b, 5*time.Second, `document.querySelector('#request[data-kind="binary"] #request-headers') !== null`)
	if got := eval[string](b, `document.querySelector("#request-headers").textContent`); !strings.Contains(got, "ce-source") || strings.Contains(got, "Host") {
		t.Errorf("headers table %q: want the ce- headers, not Host", got)
	}
	if got := eval[string](b, `document.querySelector("#other-mode").textContent`); !strings.Contains(got, "application/cloudevents+json") {
		t.Errorf("the structured form is missing: %q", got)
	}

	delivery := "POST /api/events HTTP/1.1\n" +
		"Content-Type: application/json\n" +
		"aeg-event-type: Notification\n" +
		"aeg-subscription-name: SUB\n" +
		"aeg-delivery-count: 0\n" +
		"aeg-data-version: 2.0\n" +
		"aeg-metadata-version: 1\n" +
		"\n" +
		`[{"id": "1", "topic": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/g/providers/Microsoft.SignalRService/SignalR/n", ` +
		`"subject": "/hub/chat", "eventType": "Microsoft.SignalRService.ClientConnectionConnected", "eventTime": "2026-01-01T00:00:00Z", ` +
		`"dataVersion": "1.0", "metadataVersion": "1", "data": {"timestamp": "2026-01-01T00:00:00Z", "hubName": "chat", "connectionId": "c"}}]` + "\n"
	setText(b, "#input", delivery)
	waitInspected(b, delivery)
	if got := verdictText(b); !strings.Contains(got, "Event Grid delivery") || !strings.Contains(got, "1 warning") {
		t.Errorf("delivery: verdict %q", got)
	}
	const sel = `#diagnostics li[data-code="HTTP007"]`
	if got := eval[string](b, `document.querySelector('`+sel+` .place').textContent`); got != "6:19" {
		t.Errorf("HTTP007 at %q, want 6:19 (aeg-data-version's value)", got)
	}
	click(b, sel+" .diag-go")
	start := strings.Index(delivery, "2.0")
	waitJS(b, 5*time.Second, fmt.Sprintf(`document.querySelector("#input").selectionStart === %d`, start))
	if got := eval[string](b, `(() => { const e = document.querySelector("#input"); return e.value.slice(e.selectionStart, e.selectionEnd) })()`); got != "2.0" {
		t.Errorf("the diagnostic selects %q, want the header's value", got)
	}

	handshake := "OPTIONS /api/events HTTP/1.1\nWebHook-Request-Origin: eventgrid.azure.net\n\n"
	setText(b, "#input", handshake)
	waitInspected(b, handshake)
	if got := eval[string](b, `document.querySelector("#webhook-answer").textContent`); !strings.Contains(got, "WebHook-Allowed-Origin: eventgrid.azure.net") {
		t.Errorf("handshake answer %q", got)
	}
	if got := eval[string](b, `document.querySelector("#pretty").textContent`); !strings.Contains(got, "no body") {
		t.Errorf("the Pretty tab of a handshake says %q", got)
	}
}
