//go:build browser

package browsertest

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"eventlens/app/gen"
)

// TestCompareMarksMoves compares a batch with the same events in another
// order: the moved event's first line is marked on both sides with where
// it went, in neither side's colour of changed lines.
func TestCompareMarksMoves(t *testing.T) {
	_, b := uiPage(t)
	left := string(gen.Batch(gen.EventGrid, 4))
	var events []json.RawMessage
	if err := json.Unmarshal([]byte(left), &events); err != nil || len(events) != 4 {
		t.Fatalf("the generated batch: %d events, %v", len(events), err)
	}
	moved, err := json.MarshalIndent([]json.RawMessage{events[3], events[0], events[1], events[2]}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	right := string(moved)
	setText(b, "#input", left)
	waitInspected(b, left)
	click(b, "#compare-toggle")
	waitJS(b, 5*time.Second, `document.querySelector("#compare-input") !== null`)
	setText(b, "#compare-input", right)
	waitJS(b, 10*time.Second, `document.querySelector("#compare-right mark.moved") !== null`)

	const want = "moved from #3 to #0"
	for _, side := range []string{"left", "right"} {
		got := eval[[]string](b, fmt.Sprintf(`[...document.querySelectorAll("#compare-%s mark.moved")].map(e => e.dataset.moved + "|" + e.textContent.trim() + "|" + getComputedStyle(e.querySelector(".move-note"), "::after").content.includes("↕"))`, side))
		if len(got) != 1 || got[0] != want+"|{|true" {
			t.Errorf("%s side: moved lines %q, want one first line saying %q", side, got, want)
		}
		if n := eval[int](b, fmt.Sprintf(`document.querySelectorAll("#compare-%s mark.changed").length`, side)); n != 0 {
			t.Errorf("%s side: %d lines marked as changed, for events that only moved", side, n)
		}
	}
	// The mark is in neither side's colour of changed lines.
	colours := eval[[]string](b, `[getComputedStyle(document.querySelector("#compare-right mark.moved")).backgroundColor, getComputedStyle(document.querySelector("#compare-right")).backgroundColor]`)
	if colours[0] == colours[1] {
		t.Errorf("the moved line is not marked: background %s", colours[0])
	}
	// The status counts the move apart: it is no difference of values, but
	// it is not "No differences" either.
	if got := eval[string](b, `document.querySelector("#compare-status").textContent`); got != "No changes; 1 event moved" {
		t.Errorf("status %q, want %q", got, "No changes; 1 event moved")
	}
	// The change list still lists the move.
	if got := eval[string](b, `document.querySelector("#compare-changes").textContent`); !strings.Contains(got, "move /3 → /0") {
		t.Errorf("change list %q", got)
	}
}
