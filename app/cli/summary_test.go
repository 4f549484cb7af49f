package cli

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"eventlens/app/gen"
	"eventlens/internal/fixture"
)

// stormy is a batch with a reconnect storm on a hub of its own: 10 clients
// dropping 3 times.
var stormy = gen.Scenario{Background: 200, Storms: []gen.Storm{{Hub: "storm", User: "p", At: 10 * time.Second,
	Clients: 10, Rounds: 3, Period: 5 * time.Second, Gap: time.Second, Step: 10 * time.Millisecond, Message: "Restarting."}}}

// TestSummaryJSON checks the --json shape and the storm's known answers.
func TestSummaryJSON(t *testing.T) {
	code, out, stderr := call(Summary, string(stormy.Batch(gen.CloudEvents)), "--json", "-")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatalf("not JSON: %v\n%.500s", err, out)
	}
	for _, k := range []string{"form", "events", "connectionEvents", "other", "start", "end", "total", "hubs", "users", "untimed"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("no %q in the JSON", k)
		}
	}
	var rep SummaryReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	var storm map[string]any
	var hubs []map[string]any
	if err := json.Unmarshal(raw["hubs"], &hubs); err != nil {
		t.Fatal(err)
	}
	for _, h := range hubs {
		if h["name"] == "storm" {
			storm = h
		}
	}
	want := map[string]any{"connects": 40.0, "disconnects": 30.0, "errorDisconnects": 30.0, "open": 10.0,
		"durations": 30.0, "shortest": 4.0, "median": 4.0}
	for k, v := range want {
		if storm[k] != v {
			t.Errorf("storm hub %s = %v, want %v", k, storm[k], v)
		}
	}
	if errs, _ := storm["errors"].([]any); len(errs) != 1 {
		t.Errorf("storm errors %v", storm["errors"])
	}
	if rep.Form != "cloudevents" || rep.Events != 270 || rep.ConnectionEvents != 270 || rep.Start == "" || len(rep.Untimed) != 0 {
		t.Errorf("report %+v", rep)
	}
}

// TestSummaryText checks the text output, and that control characters
// from the payload reach the terminal as pictures.
func TestSummaryText(t *testing.T) {
	src := strings.ReplaceAll(string(stormy.Batch(gen.EventGrid)), `"hubName": "storm"`, `"hubName": "st\u001b[2Jorm"`)
	code, out, stderr := call(Summary, src, "-")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"<stdin>: Event Grid batch of 270 events\n", "270 connection events, ",
		"disconnect errors:\n", "Restarting.", "hubs (", "st␛[2Jorm: 40 connects, 30 disconnects (30 with an error), 10 open at the end; shortest 4s, median 4s (30 connections)",
		"users (the 20 busiest of "} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b") {
		t.Error("a control character reached the output")
	}
}

// TestSummaryExitCodes: 0 for events (an invalid payload too, and an
// empty batch), 1 for text that is not JSON or not events, 2 for usage and
// I/O errors.
func TestSummaryExitCodes(t *testing.T) {
	tests := []struct {
		name  string
		stdin string
		args  []string
		code  int
		errs  string
	}{
		{"valid", "", []string{seed(t, fixture.EventGridConnected)}, ExitOK, ""},
		{"invalid events", `[{"id":"1","eventType":"Microsoft.SignalRService.ClientConnectionConnected","data":{"timestamp":"nope","connectionId":"c"}}]`, []string{"-"}, ExitOK, ""},
		{"empty batch", `[]`, []string{"-"}, ExitOK, ""},
		{"not JSON", `{"a":`, []string{"-"}, ExitProblem, "nothing to summarise"},
		{"not events", ``, []string{payloads + "json-not-object.json"}, ExitProblem, "not an event payload"},
		{"help", "", []string{"-h"}, ExitOK, "usage: eventlens summary"},
		{"no file", "", nil, ExitUsage, "name one file"},
		{"two files", "", []string{"a", "b"}, ExitUsage, "name one file"},
		{"missing file", "", []string{"missing.json"}, ExitUsage, "cannot read missing.json"},
		{"bad flag", "", []string{"--yaml", "x"}, ExitUsage, "flag provided but not defined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, stderr := call(Summary, tt.stdin, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\n%s", code, tt.code, stderr)
			}
			if !strings.Contains(stderr, tt.errs) {
				t.Errorf("stderr does not say %q:\n%s", tt.errs, stderr)
			}
			if tt.name == "invalid events" && !strings.Contains(out, "left out, no usable time (1):\n  #0 at /0/data/timestamp:") {
				t.Errorf("the event without a usable time is not listed:\n%s", out)
			}
		})
	}
}
