package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"eventlens/app/filter"
)

// filterBatch has a chat connection, a news connection and a chat
// disconnection; the sample filter lets the two chat events through.
const filterBatch = `[
  {"id": "a", "subject": "/hub/chat", "eventType": "Microsoft.SignalRService.ClientConnectionConnected", "eventTime": "2024-01-01T00:00:00Z", "dataVersion": "1.0", "data": {"timestamp": "2024-01-01T00:00:00Z", "hubName": "chat", "connectionId": "c1"}},
  {"id": "b", "subject": "/hub/news", "eventType": "Microsoft.SignalRService.ClientConnectionConnected", "eventTime": "2024-01-01T00:00:00Z", "dataVersion": "1.0", "data": {"timestamp": "2024-01-01T00:00:00Z", "hubName": "news", "connectionId": "c2"}},
  {"id": "c", "subject": "/hub/chat", "eventType": "Microsoft.SignalRService.ClientConnectionDisconnected", "eventTime": "2024-01-01T00:00:00Z", "dataVersion": "1.0", "data": {"timestamp": "2024-01-01T00:00:00Z", "hubName": "chat", "connectionId": "c3"}}
]`

// files writes name → text into a temporary directory and returns the
// paths.
func files(t *testing.T, texts map[string]string) map[string]string {
	t.Helper()
	dir := t.TempDir()
	out := map[string]string{}
	for name, text := range texts {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		out[name] = p
	}
	return out
}

func TestFilterJSONShape(t *testing.T) {
	p := files(t, map[string]string{"filter.json": filter.Sample, "batch.json": filterBatch})
	code, out, stderr := call(Filter, "", "--json", "--filter", p["filter.json"], p["batch.json"])
	if code != ExitProblem {
		t.Fatalf("exit %d, want %d (an event is filtered out); stderr: %s", code, ExitProblem, stderr)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	var keys []string
	for k := range raw {
		keys = append(keys, k)
	}
	if len(keys) != 3 || raw["valid"] == nil || raw["diagnostics"] == nil || raw["events"] == nil {
		t.Fatalf("keys %v, want valid, diagnostics, events", keys)
	}
	if !strings.HasPrefix(out, "{\n  \"valid\": true,\n  \"diagnostics\": [],\n  \"events\": [") {
		t.Errorf("order or shape:\n%s", out)
	}
	var events []map[string]any
	if err := json.Unmarshal(raw["events"], &events); err != nil {
		t.Fatal(err)
	}
	want := []struct {
		id        string
		delivered bool
	}{{"a", true}, {"b", false}, {"c", true}}
	if len(events) != len(want) {
		t.Fatalf("%d events, want %d", len(events), len(want))
	}
	for i, ev := range events {
		if len(ev) != 4 || ev["index"] != float64(i) || ev["id"] != want[i].id || ev["delivered"] != want[i].delivered {
			t.Errorf("event %d: %v", i, ev)
		}
		reasons, _ := ev["reasons"].([]any)
		if len(reasons) == 0 {
			t.Errorf("event %d has no reasons", i)
		}
	}
	last := events[1]["reasons"].([]any)
	if s := last[len(last)-1].(string); !strings.Contains(s, `advancedFilters[0] StringIn data.hubName: the value "news" is none of ["chat"]`) {
		t.Errorf("the deciding reason: %s", s)
	}
}

func TestFilterExitCodes(t *testing.T) {
	p := files(t, map[string]string{
		"sample.json":  filter.Sample,
		"all.json":     `{"filter": {"subjectBeginsWith": "/hub/"}}`,
		"invalid.json": `{"advancedFilters": [{"operatorType": "StringEquals", "key": "data.hubName", "values": ["chat"]}]}`,
		"broken.json":  `{"advancedFilters": [`,
		"batch.json":   filterBatch,
		"notjson.json": `[{"id": }]`,
	})
	cases := []struct {
		name  string
		stdin string
		args  []string
		code  int
		out   string // in stdout
		err   string // in stderr
	}{
		{"all delivered", "", []string{"--filter", p["all.json"], p["batch.json"]}, ExitOK, "3 of 3 events delivered.", ""},
		{"some filtered", "", []string{"--filter", p["sample.json"], p["batch.json"]}, ExitProblem, "filtered out by advancedFilters[0]", ""},
		{"payload on stdin", filterBatch, []string{"--filter", p["all.json"], "-"}, ExitOK, "<stdin>: event #0", ""},
		{"filter on stdin", filter.Sample, []string{"--filter", "-", p["batch.json"]}, ExitProblem, "2 of 3 events delivered, 1 filtered out.", ""},
		{"invalid filter", "", []string{"--filter", p["invalid.json"], p["batch.json"]}, ExitProblem, "error FLT003", ""},
		{"filter not JSON", "", []string{"--filter", p["broken.json"], p["batch.json"]}, ExitProblem, "error JSON001", ""},
		{"payload not JSON", "", []string{"--filter", p["all.json"], p["notjson.json"]}, ExitProblem, "", "the payload cannot be decoded"},
		{"no filter flag", "", []string{p["batch.json"]}, ExitUsage, "", "--filter FILTER.json"},
		{"no payload", "", []string{"--filter", p["all.json"]}, ExitUsage, "", "exactly one payload"},
		{"stdin twice", "", []string{"--filter", "-", "-"}, ExitUsage, "", "only once"},
		{"missing file", "", []string{"--filter", p["all.json"], p["batch.json"] + ".nope"}, ExitUsage, "", "cannot read"},
		{"missing filter file", "", []string{"--filter", "nope.json", p["batch.json"]}, ExitUsage, "", "cannot read nope.json"},
	}
	for _, c := range cases {
		code, out, stderr := call(Filter, c.stdin, c.args...)
		if code != c.code || !strings.Contains(out, c.out) || !strings.Contains(stderr, c.err) {
			t.Errorf("%s: exit %d (want %d)\nstdout: %s\nstderr: %s", c.name, code, c.code, out, stderr)
		}
	}
}

// TestFilterTextIsEscaped: a payload's control characters never reach the
// terminal through a reason.
func TestFilterTextIsEscaped(t *testing.T) {
	p := files(t, map[string]string{
		"f.json": `{"subjectBeginsWith": "/hub/"}`,
		"p.json": `[{"id": "x\u001b[2J", "subject": "\u001b]0;owned\u0007", "eventType": "T", "eventTime": "2024-01-01T00:00:00Z", "dataVersion": "1", "data": {}}]`,
	})
	_, out, _ := call(Filter, "", "--filter", p["f.json"], p["p.json"])
	if strings.ContainsAny(out, "\x1b\x07") {
		t.Errorf("raw control characters in the output: %q", out)
	}
	if !strings.Contains(out, "filtered out by subjectBeginsWith") {
		t.Errorf("%s", out)
	}
}

// TestFilterAgreesWithEngine: the JSON output is the engine's verdicts.
func TestFilterAgreesWithEngine(t *testing.T) {
	p := files(t, map[string]string{"f.json": filter.Sample, "b.json": filterBatch})
	_, out, _ := call(Filter, "", "--json", "--filter", p["f.json"], p["b.json"])
	var rep FilterReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	f := filter.Parse([]byte(filter.Sample))
	_, text, _ := call(Filter, "", "--filter", p["f.json"], p["b.json"])
	for _, ev := range rep.Events {
		for _, r := range ev.Reasons {
			if !strings.Contains(text, r) {
				t.Errorf("the text output lacks %q", r)
			}
		}
	}
	if !reflect.DeepEqual(rep.Valid, f.Valid()) {
		t.Errorf("valid %v", rep.Valid)
	}
}
