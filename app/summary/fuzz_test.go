package summary_test

import (
	"testing"

	"eventlens/app/gen"
	"eventlens/app/inspect"
	"eventlens/app/summary"
)

// FuzzSummary summarises and lays out any text: no panic, every event
// counted once (summarised, left out without a time, or set aside), open
// connections never below zero, every summarised event in one mark.
func FuzzSummary(f *testing.F) {
	f.Add(string(gen.Batch(gen.EventGrid, 3)))
	f.Add(string(gen.Batch(gen.CloudEvents, 3)))
	f.Add(`[{"eventType":"Microsoft.SignalRService.ClientConnectionDisconnected","data":{"timestamp":"2024-01-01T00:00:00Z","connectionId":"a","errorMessage":"x"}},` +
		`{"eventType":"Microsoft.SignalRService.ClientConnectionConnected","data":{"timestamp":"2024-01-01T00:00:01Z","connectionId":"a"}},` +
		`{"eventType":"Microsoft.SignalRService.ClientConnectionConnected","data":{"timestamp":"bad","connectionId":"b"}},7]`)
	f.Add(`{"specversion":"1.0","id":"1","source":"/s","type":"Microsoft.SignalRService.ClientConnectionConnected","time":"2024-01-01T00:00:00Z","data":null}`)
	f.Fuzz(func(t *testing.T, src string) {
		r := inspect.Inspect([]byte(src))
		s := summary.Of(r)
		if got := len(s.Events) + len(s.Untimed) + s.Other; got != len(r.Events) {
			t.Fatalf("%d events summarised, left out or set aside, of %d", got, len(r.Events))
		}
		checkTimeline(t, s)
		for _, by := range []summary.By{summary.ByHub, summary.ByUser} {
			c := summary.Layout(s, by)
			checkPaths(t, c)
			n := 0
			for _, m := range c.Marks {
				n += m.Count
				_ = c.Describe(s, &m)
			}
			if n != len(s.Events) || len(c.Marks) > summary.MaxMarks || len(c.Lines) > summary.MaxLines {
				t.Fatalf("%d events in %d marks, %d lines, for %d events", n, len(c.Marks), len(c.Lines), len(s.Events))
			}
		}
	})
}
