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

// pointAt dispatches a mouse event of type typ on the chart at (x, y) in
// its viewBox units, converted to the page's pixels as drawn.
func pointAt(b *browser, typ string, c *summary.Chart, x, y float64) {
	b.t.Helper()
	eval[bool](b, fmt.Sprintf(`(() => {
		const svg = document.querySelector("#timeline-chart"), r = svg.getBoundingClientRect();
		svg.dispatchEvent(new MouseEvent(%s, {bubbles: true, clientX: r.left + %g * r.width / %g, clientY: r.top + %g * r.height / %g}));
		return true;
	})()`, js(typ), x, summary.Width, y, c.Height))
}

// isolated returns a mark of the chart with no other mark on its lane
// within 20 units, that match says is wanted; -1 if none.
func isolated(c *summary.Chart, match func(m summary.Mark) bool) int {
	for i, m := range c.Marks {
		if !match(m) {
			continue
		}
		alone := true
		for j, o := range c.Marks {
			if j != i && o.Line == m.Line && o.X > m.X-20 && o.X < m.X+20 {
				alone = false
				break
			}
		}
		if alone {
			return i
		}
	}
	return -1
}

// TestTimelineDraws opens the Timeline of a generated batch: the chart has
// the lines, marks and error marks the summary gives, a mark describes its
// event when hovered or when the keyboard moves to it (the arrow keys move
// between marks), and a click or Enter shows the mark's event in the
// inspector.
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
		const ticks = sel => [...svg.querySelectorAll(sel)].reduce((n, p) => n + p.getAttribute("d").split("M").length - 1, 0);
		return {
			paths: svg.querySelectorAll("path.tl-step").length,
			first: svg.querySelector("path.tl-step").getAttribute("d"),
			marks: Number(svg.dataset.marks),
			ticks: ticks(".tl-marks"),
			errors: ticks(".tl-marks.error"),
			tabbable: svg.getAttribute("tabindex") === "0" && svg.querySelectorAll("[tabindex]").length === 0,
			width: svg.getBoundingClientRect().width,
			legend: document.querySelector("#timeline-legend").textContent,
			summary: document.querySelector("#timeline-summary").textContent,
		};
	})()`)
	want := map[string]any{"paths": float64(len(c.Lines)), "first": c.Lines[0].Path, "marks": float64(len(c.Marks)),
		"ticks": float64(len(c.Marks)), "errors": float64(errMarks), "tabbable": true}
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

	// Hovering a mark describes its event, and puts the cursor on it.
	k := isolated(c, func(m summary.Mark) bool { return !m.Error })
	if k < 0 {
		t.Fatal("no mark stands apart from the others")
	}
	ev := s.Events[c.Marks[k].First]
	pointAt(b, "mousemove", c, c.Marks[k].X, c.Lines[c.Marks[k].Line].Lane)
	waitJS(b, 5*time.Second, fmt.Sprintf(`document.querySelector('#timeline-detail[data-event="%d"]') !== null && document.querySelector('#timeline-chart[data-active="%d"] #timeline-cursor') !== null`, ev.Index, k))
	if d := eval[string](b, `document.querySelector("#timeline-detail").textContent`); !strings.Contains(d, ev.ID) || !strings.Contains(d, "hub "+ev.Hub) || !strings.Contains(d, "user "+ev.User) {
		t.Errorf("detail %q does not describe event %+v", d, ev)
	}
	// Between the lanes, nothing changes.
	pointAt(b, "mousemove", c, c.Marks[k].X, summary.PlotTop+summary.PlotHeight/2)
	if a := eval[string](b, `document.querySelector("#timeline-chart").dataset.active`); a != fmt.Sprint(k) {
		t.Errorf("pointing at the plot made mark %s active", a)
	}

	// Tab reaches the chart; the arrow keys move between its marks, and
	// describe them.
	eval[bool](b, `(document.querySelector("#timeline-chart").blur(), document.querySelector("#timeline-by-user").focus(), true)`)
	b.do(5*time.Second, chromedp.KeyEvent("\t"))
	if id := eval[string](b, `document.activeElement ? document.activeElement.id : ""`); id != "timeline-chart" {
		t.Fatalf("Tab from the Lines buttons reaches #%s, not the chart", id)
	}
	key := func(k string) {
		t.Helper()
		eval[bool](b, fmt.Sprintf(`(document.activeElement.dispatchEvent(new KeyboardEvent("keydown", {key: %s, bubbles: true, cancelable: true})), true)`, js(k)))
	}
	key("Home")
	waitJS(b, 5*time.Second, `document.querySelector("#timeline-chart").dataset.active === "0"`)
	key("ArrowRight")
	waitJS(b, 5*time.Second, `document.querySelector("#timeline-chart").dataset.active === "1"`)
	key("ArrowRight")
	waitJS(b, 5*time.Second, `document.querySelector("#timeline-chart").dataset.active === "2"`)
	// Down goes to the nearest mark in time on the next lane, and Up back
	// to the lane before.
	if down := c.Nearest(1, c.Marks[2].X); down >= 0 {
		key("ArrowDown")
		waitJS(b, 5*time.Second, fmt.Sprintf(`document.querySelector("#timeline-chart").dataset.active === "%d"`, down))
		key("ArrowUp")
		waitJS(b, 5*time.Second, fmt.Sprintf(`document.querySelector("#timeline-chart").dataset.active === "%d"`, c.Nearest(0, c.Marks[down].X)))
		// One key at a time: each waits for the one before to show.
		for i, k := range []string{"Home", "ArrowRight", "ArrowRight"} {
			key(k)
			waitJS(b, 5*time.Second, fmt.Sprintf(`document.querySelector("#timeline-chart").dataset.active === "%d"`, i))
		}
		// Keys pressed faster than the page draws still add up.
		key("End")
		key("Home")
		key("ArrowRight")
		key("ArrowRight")
		waitJS(b, 5*time.Second, `document.querySelector("#timeline-chart").dataset.active === "2"`)
	}
	second := s.Events[c.Marks[2].First]
	waitJS(b, 5*time.Second, fmt.Sprintf(`document.querySelector('#timeline-detail[data-event="%d"]') !== null`, second.Index))

	// Enter shows its event in the inspector.
	key("Enter")
	waitJS(b, 10*time.Second, fmt.Sprintf(`document.querySelector("#event-picker").value === "%d" && document.querySelector("#event-index").value === "%d"`, second.Index, second.Index))

	// So does a click on an error mark.
	errMark := isolated(c, func(m summary.Mark) bool { return m.Error && s.Events[m.First].Index != second.Index })
	if errMark < 0 {
		t.Fatal("no error mark stands apart from the others")
	}
	target := s.Events[c.Marks[errMark].First]
	pointAt(b, "click", c, c.Marks[errMark].X, c.Lines[c.Marks[errMark].Line].Lane)
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

// TestTimelineMarkEvents opens the Timeline of a batch past the events
// drawn with the tab (so its chart is computed in tasks of its own): a mark
// that stands for several events lists them, a page at a time, and each
// shows its event in the inspector.
func TestTimelineMarkEvents(t *testing.T) {
	_, b := uiPage(t)
	var buf bytes.Buffer
	if err := json.Compact(&buf, gen.StormBatch(gen.EventGrid, 3000)); err != nil {
		t.Fatal(err)
	}
	s := summary.Of(inspect.Inspect(buf.Bytes()))
	c := summary.Layout(s, summary.ByHub)
	busiest := -1
	for i, m := range c.Marks {
		if m.Line == 0 && (busiest < 0 || m.Count > c.Marks[busiest].Count) {
			busiest = i
		}
	}
	m := c.Marks[busiest]
	evs := c.Events(s, &m)
	if len(s.Events) < 3000 || m.Count <= 20 {
		t.Fatalf("%d events, the busiest mark stands for %d: not the chart this test expects", len(s.Events), m.Count)
	}
	text := buf.String()
	dropFile(b, "storm.json", text) // 1.5 MB: a file, as users bring one
	waitJS(b, 60*time.Second, fmt.Sprintf(`document.querySelector('#verdict[data-bytes="%d"]') !== null && document.querySelector("#tab-timeline") !== null`, len(text)))
	click(b, "#dismiss-notice")
	click(b, "#tab-timeline")
	waitJS(b, 20*time.Second, `document.querySelector("#timeline-chart") !== null`)
	pointAt(b, "mousemove", c, m.X, c.Lines[0].Lane)
	waitJS(b, 5*time.Second, fmt.Sprintf(`document.querySelectorAll("#timeline-events .tl-event").length === 20 && document.querySelector("#timeline-events").textContent.includes("1–20 of %d")`, len(evs)))
	eval[bool](b, `(document.querySelector("#timeline-events-later").click(), true)`)
	waitJS(b, 5*time.Second, fmt.Sprintf(`document.querySelector("#timeline-events").textContent.includes("21–%d of %d")`, min(40, len(evs)), len(evs)))
	ev := s.Events[evs[22]]
	eval[bool](b, fmt.Sprintf(`(document.querySelector('#timeline-events .tl-event[data-event="%d"]').click(), true)`, ev.Index))
	waitJS(b, 10*time.Second, fmt.Sprintf(`document.querySelector("#event-picker").value === "%d"`, ev.Index))
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
	// Tall enough for the top of the page down to the chart's description.
	b.do(10*time.Second, chromedp.EmulateViewport(1440, 1400))
	var buf bytes.Buffer
	if err := json.Compact(&buf, gen.StormBatch(gen.EventGrid, 3000)); err != nil {
		t.Fatal(err)
	}
	text := buf.String()
	dropFile(b, "storm.json", text)
	waitJS(b, 60*time.Second, fmt.Sprintf(`document.querySelector('#verdict[data-bytes="%d"]') !== null && document.querySelector("#tab-timeline") !== null`, len(text)))
	// The notice that the file loaded would cover the chart.
	click(b, "#dismiss-notice")
	click(b, "#tab-timeline")
	waitJS(b, 20*time.Second, `document.querySelector("#timeline-chart") !== null`)
	// Describe the storm's busiest error mark, as a user hovering it sees.
	s := summary.Of(inspect.Inspect(buf.Bytes()))
	c := summary.Layout(s, summary.ByHub)
	busiest := -1
	for i, m := range c.Marks {
		if m.Line == 0 && m.Error && (busiest < 0 || m.Count > c.Marks[busiest].Count) {
			busiest = i
		}
	}
	if busiest < 0 {
		t.Fatal("the storm's line has no error mark")
	}
	pointAt(b, "mousemove", c, c.Marks[busiest].X, c.Lines[0].Lane)
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
// longest main-thread task meanwhile (make bench holds both to budgets),
// the SVG elements drawn, and pointing at a mark to its description.
// Printed as "PERF" lines for make bench; none is asserted. It runs only
// with EVENTLENS_PERF=1.
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
	t.Logf("PERF Timeline of 5,000 events, tab to chart painted: %.0f ms (%d marks in %d SVG elements)",
		res["took"], int(res["marks"]), int(res["elements"]))
	t.Logf("PERF longest main-thread task opening the Timeline of 5,000 events: %.0f ms", res["longest"])
	t.Logf("PERF Timeline of 5,000 events, pointing at a mark to its description: %.0f ms", res["hover"])
}
