//go:build browser

package browsertest

import (
	"os"
	"testing"
	"time"

	"eventlens/app/gen"
)

// TestPerfBatchTable records how the batch table scrolls through the
// largest batch (Event Grid's 5,000 events): from each of 40 scroll steps
// to its rows drawn, and the longest main-thread task meanwhile. Nothing
// is asserted; it runs only with EVENTLENS_PERF=1.
func TestPerfBatchTable(t *testing.T) {
	if os.Getenv("EVENTLENS_PERF") == "" {
		t.Skip("records timings only: run it with EVENTLENS_PERF=1 (make bench does)")
	}
	_, b := uiPage(t)
	n := gen.MaxEvents
	pasteToVerdict(b, string(gen.Batch(gen.EventGrid, n)))
	// The views of the payload are done: only the table works.
	waitJS(b, 60*time.Second, `document.querySelector("#verdict").dataset.complete === "true" && document.querySelector("#batch-scroll") !== null`)
	const steps = 40
	res := evalFor[map[string]float64](b, 5*time.Minute, call("perf_batch_scroll", steps))
	t.Logf("PERF batch table of %s events, scroll step to its rows painted: %.0f ms median, %.0f ms worst (%d steps to row %d, %.1f s in all)",
		commaInt(n), res["median"], res["worst"], steps, int(res["last"]), res["elapsed"]/1000)
	t.Logf("PERF longest main-thread task while scrolling the batch table of %s events: %.0f ms (%d long tasks)", commaInt(n), res["longest"], int(res["count"]))
}
