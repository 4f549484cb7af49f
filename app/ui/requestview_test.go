package ui

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/inspect"
)

func TestRequestView(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
		not       []string
	}{
		{"binary", "POST /api HTTP/1.1\nHost: example.com\nce-id: 1\nce-source: /s\nce-specversion: 1.0\nce-type: t\nce-subject: caf%C3%A9\nContent-Type: text/plain\n\nhello",
			[]string{`data-kind="binary"`, "CloudEvents binary mode", `"row">ce-subject<`, "caf%C3%A9 → café", "CloudEvents structured mode", "application/cloudevents+json"},
			[]string{`"row">Host<`, "webhook-answer"}},
		{"handshake", "OPTIONS /api HTTP/1.1\nWebHook-Request-Origin: eventgrid.azure.net\n\n",
			[]string{`data-kind="webhook-handshake"`, "webhook-answer", "WebHook-Allowed-Origin: eventgrid.azure.net", "WebHook-Allowed-Rate: *"},
			[]string{"other-mode"}},
		{"delivery", "POST /api HTTP/1.1\nContent-Type: application/json\naeg-event-type: Notification\n\n[]",
			[]string{`data-kind="eventgrid"`, "aeg-event-type", "Notification"},
			[]string{"other-mode", "webhook-answer"}},
	}
	for _, tt := range tests {
		p := &Inspector{report: inspect.Inspect([]byte(tt.src))}
		html := app.HTMLString(p.request())
		for _, w := range tt.want {
			if !strings.Contains(html, w) {
				t.Errorf("%s: lacks %q:\n%s", tt.name, w, html)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(html, w) {
				t.Errorf("%s: shows %q:\n%s", tt.name, w, html)
			}
		}
	}
	if p := (&Inspector{report: inspect.Inspect([]byte(`[]`))}); p.request() != nil {
		t.Error("a bare payload shows a request")
	}
}
