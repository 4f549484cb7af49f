package jsontree

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// eventBatch returns an Event Grid array of n SignalR events, pretty-printed
// as Azure delivers them (about 0.5 KB each).
func eventBatch(n int) []byte {
	var b strings.Builder
	b.WriteString("[")
	for i := range n {
		if i > 0 {
			b.WriteString(",")
		}
		kind, extra := "Connected", ""
		if i%2 == 1 {
			kind, extra = "Disconnected", ",\n    \"errorMessage\": \"Internal server error.\""
		}
		fmt.Fprintf(&b, `{
  "topic": "/subscriptions/6c8a1fb2-4c3e-4d8a-9f0e-%012d/resourceGroups/signalr-rg/providers/Microsoft.SignalRService/SignalR/signalr-resource",
  "subject": "/hub/chat",
  "eventType": "Microsoft.SignalRService.ClientConnection%s",
  "eventTime": "2019-06-10T18:41:00.9584103Z",
  "id": "831e1650-001e-001b-66ab-%012d",
  "data": {
    "timestamp": "2019-06-10T18:41:00.9584103Z",
    "hubName": "chat",
    "connectionId": "crH0uxVSvP61p5wkFY1x1A",
    "userId": "user-%d"%s
  },
  "dataVersion": "1.0",
  "metadataVersion": "1"
}`, i, kind, i, i, extra)
	}
	b.WriteString("]")
	return []byte(b.String())
}

func TestEventBatch(t *testing.T) {
	src := eventBatch(1000)
	if len(src) < 450<<10 || len(src) > 650<<10 {
		t.Fatalf("batch is %d bytes, want about 0.5 MB", len(src))
	}
	d, err := Parse(src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Root.Items) != 1000 || len(d.Notes) != 0 {
		t.Fatalf("%d events, %d notes", len(d.Root.Items), len(d.Notes))
	}
	last := d.Root.Items[999]
	if got := last.Lookup("/data/userId"); got == nil || got.Text != "user-999" {
		t.Errorf("last userId = %v", got)
	}
	if last.Pos.Column != 3 || d.PosAt(last.Pos.Offset) != last.Pos {
		t.Errorf("last event at %+v", last.Pos)
	}
}

func BenchmarkParse(b *testing.B) {
	src := eventBatch(1000)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(src, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseNonASCII measures the column counting of text with
// multi-byte characters.
func BenchmarkParseNonASCII(b *testing.B) {
	src := []byte(strings.ReplaceAll(string(eventBatch(1000)), "chat", "çhat"))
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(src, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkUnmarshal is encoding/json on the same input, for comparison.
func BenchmarkUnmarshal(b *testing.B) {
	src := eventBatch(1000)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		var v any
		if err := json.Unmarshal(src, &v); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkValue(b *testing.B) {
	d, err := Parse(eventBatch(1000), Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = d.Root.Value()
	}
}

func BenchmarkPretty(b *testing.B) {
	d, err := Parse(eventBatch(1000), Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(d.Src)))
	b.ReportAllocs()
	for b.Loop() {
		_ = Pretty(d.Root)
	}
}
