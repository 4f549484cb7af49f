package main

import (
	"strings"
	"testing"
)

// TestBrowserBudgetsTimeline: the Timeline's PERF lines (as
// TestPerfTimeline prints them) fill its two budget rows, each judged
// against its limit.
func TestBrowserBudgetsTimeline(t *testing.T) {
	r := &report{browser: []browserFigure{
		{"Timeline of 5,000 events, tab to chart painted", "412 ms (381 marks in 29 SVG elements)"},
		{"longest main-thread task opening the Timeline of 5,000 events", "240 ms"},
	}}
	found := 0
	for _, b := range r.budgets() {
		if !strings.Contains(b.what, "Timeline tab") {
			continue
		}
		found++
		switch {
		case strings.HasPrefix(b.what, "opening"):
			if !b.known || !b.ok || !strings.HasPrefix(b.measured, "412 ms") {
				t.Errorf("%s: %+v, want 412 ms, PASS", b.what, b)
			}
		case strings.HasPrefix(b.what, "longest"):
			if !b.known || b.ok || b.measured != "240 ms" {
				t.Errorf("%s: %+v, want 240 ms, MISS", b.what, b)
			}
		}
	}
	if found != 2 {
		t.Errorf("%d Timeline budget rows, want 2", found)
	}
}
