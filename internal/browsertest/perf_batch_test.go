//go:build browser

package browsertest

import (
	"testing"
	"time"

	"eventlens/app/gen"
)

// TestPerfBatchScroll records how the batch table and the tree view scroll
// through the largest batch (Event Grid's 5,000 events): from each of 40
// scroll steps to its rows painted, and the longest main-thread task
// meanwhile. Nothing is asserted; it runs only with EVENTLENS_PERF=1.
func TestPerfBatchScroll(t *testing.T) {
	perfOnly(t)
	_, b := uiPage(t)
	n := gen.MaxEvents
	pasteToVerdict(b, string(gen.Batch(gen.EventGrid, n)))
	// The views of the payload are done: only the list scrolled works.
	waitJS(b, 60*time.Second, `document.querySelector("#verdict").dataset.complete === "true" && document.querySelector("#batch-scroll") !== null`)
	const steps = 40
	scroll := func(what, box, rows, key string) {
		res := evalFor[map[string]any](b, 5*time.Minute, call("perf_scroll", box, rows, key, steps))
		t.Logf("PERF %s of %s events, scroll step to its rows painted: %.0f ms median, %.0f ms worst (%d steps, to row %v; %.1f s in all)",
			what, commaInt(n), res["median"], res["worst"], steps, res["last"], res["elapsed"].(float64)/1000)
		t.Logf("PERF longest main-thread task while scrolling the %s of %s events: %.0f ms (%.0f long tasks)", what, commaInt(n), res["longest"], res["count"])
	}
	scroll("batch table", "#batch-scroll", "#batch-table tr.bt-row", "index")
	// Clicked from script: the button may be under the page's sticky parts
	// after the table's scroll, and where it is does not matter here.
	eval[bool](b, `(document.querySelector("#tree-toggle").click(), true)`)
	waitJS(b, 30*time.Second, `document.querySelector("#tree .tv-row") !== null`)
	scroll("tree view", "#tree", "#tree .tv-row", "pointer")
}
