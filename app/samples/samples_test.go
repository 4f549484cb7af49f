package samples

import (
	"strings"
	"testing"

	"eventlens/app/detect"
	"eventlens/app/inspect"
)

func TestSamplesInspect(t *testing.T) {
	type place struct {
		code      string
		line, col int
	}
	tests := []struct {
		id    string
		form  detect.Form
		valid bool
		want  []place // error diagnostics expected, at least
		fix   string  // a fix whose edit writes this text
	}{
		{id: "eventgrid-connected", form: detect.EventGrid, valid: true},
		{id: "eventgrid-disconnected", form: detect.EventGrid, valid: true},
		{id: "cloudevents-connected", form: detect.CloudEvents, valid: true},
		{id: "cloudevents-disconnected", form: detect.CloudEvents, valid: true},
		{id: "validation-handshake", form: detect.Handshake, valid: true},
		{id: "eventgrid-batch", form: detect.EventGrid, valid: true},
		{id: "broken-misspelled-type", form: detect.EventGrid, want: []place{{"EG001", 4, 16}},
			fix: "Microsoft.SignalRService.ClientConnectionDisconnected"},
		{id: "broken-specversion-camel-case", form: detect.CloudEvents, want: []place{{"CE004", 13, 3}}, fix: "specversion"},
		{id: "broken-bare-date", form: detect.EventGrid, want: []place{{"SCH003", 5, 16}}},
		{id: "broken-syntax-error", form: detect.Unknown, want: []place{{"JSON001", 4, 3}}},
	}
	if len(tests) != len(All()) {
		t.Errorf("%d samples, %d expectations", len(All()), len(tests))
	}
	for _, tt := range tests {
		s, ok := Get(tt.id)
		if !ok || s.Text == "" {
			t.Errorf("sample %q missing or empty", tt.id)
			continue
		}
		if s.Broken == tt.valid {
			t.Errorf("%s: Broken = %v but valid = %v", tt.id, s.Broken, tt.valid)
		}
		r := inspect.Inspect([]byte(s.Text))
		if r.Form != tt.form || r.Valid != tt.valid {
			t.Errorf("%s: %s (form %v), want form %v valid %v", tt.id, r.Summary(), r.Form, tt.form, tt.valid)
		}
		for _, w := range tt.want {
			found := false
			for _, d := range r.Diagnostics {
				if d.Code == w.code && d.Line == w.line && d.Column == w.col {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: no %s at %d:%d in %+v", tt.id, w.code, w.line, w.col, r.Diagnostics)
			}
		}
		if tt.fix != "" {
			fixed := false
			for _, d := range r.Diagnostics {
				if d.Fix != nil && len(d.Fix.Edits) > 0 && strings.Contains(d.Fix.Edits[0].Text, tt.fix) {
					after := inspect.Inspect(inspect.ApplyFix([]byte(s.Text), d.Fix))
					fixed = after.Errors < r.Errors
				}
			}
			if !fixed {
				t.Errorf("%s: no fix writing %q that removes an error", tt.id, tt.fix)
			}
		}
	}
	// The batch sample shows the batch table: events of two connections.
	if r := inspect.Inspect([]byte(mustGet(t, "eventgrid-batch").Text)); !r.Batch || len(r.Events) != 4 || r.Warnings != 0 {
		t.Errorf("batch sample: batch %v, %d events, %d warnings; want a batch of 4 without warnings", r.Batch, len(r.Events), r.Warnings)
	}
	if r := inspect.Inspect([]byte(mustGet(t, "validation-handshake").Text)); !strings.Contains(r.HandshakeResponse, "512d38b6-c7b8-40c8-89fe-f46f9e9622b6") {
		t.Errorf("handshake response = %q", r.HandshakeResponse)
	}
}

func mustGet(t *testing.T, id string) Sample {
	t.Helper()
	s, ok := Get(id)
	if !ok {
		t.Fatalf("no sample %q", id)
	}
	return s
}

func TestAllIsACopy(t *testing.T) {
	a := All()
	a[0].Text = "changed"
	if All()[0].Text == "changed" {
		t.Error("All returns the package's own slice")
	}
	if _, ok := Get("no-such-sample"); ok {
		t.Error("Get found a sample that does not exist")
	}
}
