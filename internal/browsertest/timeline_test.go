//go:build browser

package browsertest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"eventlens/app/gen"
	"eventlens/app/inspect"
	"eventlens/app/summary"
)

// timelineBatch is a batch with a reconnect storm and an error burst,
// small enough (360 events) that every event has a mark of its own.
var timelineBatch = gen.Scenario{Background: 200,
	Storms: []gen.Storm{{Hub: "storm", User: "player", At: 20 * time.Second, Clients: 20, Rounds: 3,
		Period: 8 * time.Second, Gap: time.Second, Step: 20 * time.Millisecond, Message: "Connection closed with an error."}},
	Bursts: []gen.Burst{{Hub: "burst", User: "device", At: 40 * time.Second, Count: 10,
		Step: 30 * time.Millisecond, Hold: 500 * time.Millisecond, Message: "Internal server error."}}}

// openTimeline enters text and opens the Timeline tab.
func openTimeline(b *browser, text string) {
	b.t.Helper()
	setText(b, "#input", text)
	waitInspected(b, text)
	click(b, "#tab-timeline")
	waitJS(b, 10*time.Second, `document.querySelector("#timeline-chart") !== null`)
}

// TestTimelineDraws opens the Timeline of a generated batch: the chart has
// the lines, marks and error marks the summary gives, a mark describes its
// event when hovered or focused, the arrow keys move between marks, and a
// click or Enter shows the mark's event in the inspector.
func TestTimelineDraws(t *testing.T) {
	_, b := uiPage(t)
	var buf bytes.Buffer
	if err := json.Compact(&buf, timelineBatch.Batch(gen.EventGrid)); err != nil {
		t.Fatal(err)
	}
	text := buf.String()
	s := summary.Of(inspect.Inspect(buf.Bytes()))
	c := summary.Layout(s, summary.ByHub)
	errMarks := 0
	for _, m := range c.Marks {
		if m.Error {
			errMarks++
		}
	}
	if len(s.Events) != 360 || len(c.Marks) != 360 || c.Bucket != 0 || errMarks < 70 {
		t.Fatalf("the batch has %d events, %d marks (%d errors, buckets %g): not the chart this test expects", len(s.Events), len(c.Marks), errMarks, c.Bucket)
	}
	openTimeline(b, text)

	got := eval[map[string]any](b, `(() => {
		const svg = document.querySelector("#timeline-chart");
		return {
			paths: svg.querySelectorAll("path.tl-step").length,
			first: svg.querySelector("path.tl-step").getAttribute("d"),
			marks: svg.querySelectorAll(".tl-mark").length,
			errors: svg.querySelectorAll(".tl-mark.error").length,
			tabbable: svg.querySelectorAll('.tl-mark[tabindex="0"]').length,
			width: svg.getBoundingClientRect().width,
			legend: document.querySelector("#timeline-legend").textContent,
			summary: document.querySelector("#timeline-summary").textContent,
		};
	})()`)
	want := map[string]any{"paths": float64(len(c.Lines)), "first": c.Lines[0].Path, "marks": float64(len(c.Marks)),
		"errors": float64(errMarks), "tabbable": 1.0}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %.120v, want %.120v", k, got[k], v)
		}
	}
	if w, _ := got["width"].(float64); w < 300 {
		t.Errorf("the chart is %.0f px wide", w)
	}
	if l := fmt.Sprint(got["legend"]); !strings.HasPrefix(l, "storm — peak 20 open, 60 errors") {
		t.Errorf("legend %q does not start with the storm's hub", l)
	}
	if sum := fmt.Sprint(got["summary"]); !strings.Contains(sum, "360 connection events") || !strings.Contains(sum, fmt.Sprintf("%d open at the end", s.Total.Open)) {
		t.Errorf("summary %q", sum)
	}

	// Hovering a mark describes its event.
	const k = 37
	ev := s.Events[c.Marks[k].First]
	eval[bool](b, fmt.Sprintf(`document.querySelector("#tl-mark-%d").dispatchEvent(new MouseEvent("mouseover", {bubbles: true}))`, k))
	waitJS(b, 5*time.Second, fmt.Sprintf(`document.querySelector('#timeline-detail[data-event="%d"]') !== null`, ev.Index))
	if d := eval[string](b, `document.querySelector("#timeline-detail").textContent`); !strings.Contains(d, ev.ID) || !strings.Contains(d, "hub "+ev.Hub) || !strings.Contains(d, "user "+ev.User) {
		t.Errorf("detail %q does not describe event %+v", d, ev)
	}

	// Tab reaches the first mark; the arrow keys move on, and describe.
	eval[bool](b, `(document.querySelector("#tl-mark-0").focus(), true)`)
	key := func(k string) {
		t.Helper()
		eval[bool](b, fmt.Sprintf(`(document.activeElement.dispatchEvent(new KeyboardEvent("keydown", {key: %s, bubbles: true, cancelable: true})), true)`, js(k)))
	}
	key("ArrowRight")
	key("ArrowRight")
	waitJS(b, 5*time.Second, `document.activeElement && document.activeElement.id === "tl-mark-2"`)
	second := s.Events[c.Marks[2].First]
	waitJS(b, 5*time.Second, fmt.Sprintf(`document.querySelector('#timeline-detail[data-event="%d"]') !== null`, second.Index))

	// Enter shows its event in the inspector.
	key("Enter")
	waitJS(b, 10*time.Second, fmt.Sprintf(`document.querySelector("#event-picker").value === "%d" && document.querySelector("#event-index").value === "%d"`, second.Index, second.Index))

	// So does a click on an error mark.
	var errMark int
	for i, m := range c.Marks {
		if m.Error && s.Events[m.First].Index != second.Index {
			errMark = i
			break
		}
	}
	target := s.Events[c.Marks[errMark].First]
	eval[bool](b, fmt.Sprintf(`document.querySelector("#tl-mark-%d").dispatchEvent(new MouseEvent("click", {bubbles: true}))`, errMark))
	waitJS(b, 10*time.Second, fmt.Sprintf(`document.querySelector("#event-picker").value === "%d"`, target.Index))
	if !eval[bool](b, `document.querySelector("#tab-timeline").getAttribute("aria-selected") === "true"`) {
		t.Error("opening an event left the Timeline tab")
	}

	// Per user: the busiest users, the others merged into one line.
	click(b, "#timeline-by-user")
	waitJS(b, 5*time.Second, `document.querySelector("#timeline-by-user").getAttribute("aria-pressed") === "true"`)
	cu := summary.Layout(s, summary.ByUser)
	waitJS(b, 5*time.Second, fmt.Sprintf(`document.querySelectorAll("#timeline-chart path.tl-step").length === %d && document.querySelector("#timeline-legend").textContent.includes(%s)`,
		len(cu.Lines), js(cu.Lines[len(cu.Lines)-1].Label(summary.ByUser))))

	// At 360 px the chart fits the screen, and so does the page.
	b.do(10*time.Second, chromedp.EmulateViewport(360, 800))
	waitJS(b, 5*time.Second, `document.documentElement.clientWidth <= 360`)
	if r := eval[float64](b, `document.querySelector("#timeline-chart").getBoundingClientRect().right`); r > 360 || r < 200 {
		t.Errorf("at 360 px the chart ends at %.0f px", r)
	}
	if w := eval[int](b, `document.documentElement.scrollWidth`); w > 360 {
		t.Errorf("at 360 px the page is %d px wide: %s", w, eval[string](b, `[...document.querySelectorAll("*")].filter(e => e.getBoundingClientRect().right > 361).map(e => e.tagName + "#" + e.id + "." + e.className).join(" ")`))
	}
	if errs := b.consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}

// TestTimelineScreenshot writes docs/img/timeline.png: the Timeline of a
// 3,000-event batch with a reconnect storm (gen.StormBatch). Run it on
// demand with EVENTLENS_SCREENSHOTS=1 (after make wasm).
func TestTimelineScreenshot(t *testing.T) {
	if os.Getenv("EVENTLENS_SCREENSHOTS") == "" {
		t.Skip("set EVENTLENS_SCREENSHOTS=1 to write docs/img/timeline.png")
	}
	_, b := uiPage(t)
	b.do(10*time.Second, chromedp.EmulateViewport(1440, 1000))
	var buf bytes.Buffer
	if err := json.Compact(&buf, gen.StormBatch(gen.EventGrid, 3000)); err != nil {
		t.Fatal(err)
	}
	text := buf.String()
	dropFile(b, "storm.json", text)
	waitJS(b, 60*time.Second, fmt.Sprintf(`document.querySelector('#verdict[data-bytes="%d"]') !== null && document.querySelector("#tab-timeline") !== null`, len(text)))
	click(b, "#tab-timeline")
	waitJS(b, 20*time.Second, `document.querySelector("#timeline-chart") !== null`)
	// Describe an error mark of the storm, as a user hovering it sees.
	eval[bool](b, `(() => { const m = document.querySelector("#timeline-chart .tl-mark.error.s0"); m.dispatchEvent(new MouseEvent("mouseover", {bubbles: true})); return true })()`)
	waitJS(b, 5*time.Second, `document.querySelector("#timeline-detail[data-event]") !== null`)
	shot := func(name, scroll string) {
		t.Helper()
		eval[bool](b, "("+scroll+", true)")
		ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
		defer cancel()
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		dir := filepath.Join("..", "..", "docs", "img")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The whole top of the page: the verdict, the totals and the chart.
	shot("timeline.png", `window.scrollTo(0, 0)`)
	// The same, dark and 360 px wide.
	b.do(10*time.Second, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}},
		})
		return err
	}))
	b.do(10*time.Second, chromedp.EmulateViewport(360, 900))
	shot("timeline-dark-360.png", `document.querySelector(".tabs-box").scrollIntoView()`)
}

// TestPerfTimeline records what the Timeline costs for 5,000 events (a
// batch with a reconnect storm): opening the tab to the chart painted, the
// longest main-thread task meanwhile, the SVG elements drawn, and hovering
// a mark to its description. Printed as "PERF" lines for make bench; none
// is asserted. It runs only with EVENTLENS_PERF=1.
func TestPerfTimeline(t *testing.T) {
	perfOnly(t)
	s := startServer(t, "")
	b := newBrowser(t)
	b.open(s.URL + "/")
	text := gen.StormBatch(gen.EventGrid, gen.MaxEvents)
	pasteToVerdict(b, string(text))
	// The inspection is complete (pretty text and conversions too) when
	// its output can be copied.
	waitJS(b, 60*time.Second, `document.querySelector("#tab-timeline") !== null && !document.querySelector("#copy-output").disabled`)
	res := evalFor[map[string]float64](b, 60*time.Second, call("perf_timeline"))
	t.Logf("PERF Timeline of 5,000 events, tab to chart painted: %.0f ms (%d marks, %d SVG elements; longest main-thread task %.0f ms)",
		res["took"], int(res["marks"]), int(res["elements"]), res["longest"])
	t.Logf("PERF Timeline of 5,000 events, hover a mark to its description: %.0f ms", res["hover"])
}
