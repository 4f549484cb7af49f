package ui

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/gen"
	"eventlens/app/inspect"
	"eventlens/app/summary"
)

// TestTimelineRender renders the Timeline of a stormy batch: before its
// chart is computed the view says it is drawing; then the chart has a path
// per line and a path per line and class of marks, the SVG element alone in
// the Tab order, a cursor on the active mark, the events of a mark that
// stands for several listed, and payload text shown as text.
func TestTimelineRender(t *testing.T) {
	forgetTimeline()
	defer forgetTimeline()
	sc := gen.Scenario{Background: 520, Storms: []gen.Storm{{Hub: `<b>storm</b>`, User: "p", At: 5 * time.Second,
		Clients: 10, Rounds: 2, Period: 4 * time.Second, Gap: time.Second, Step: 10 * time.Millisecond, Message: `"quoted" & <error>`}}}
	r := inspect.Inspect(sc.Batch(gen.EventGrid))
	tl := &Timeline{Report: r, Focus: -1}
	if html := app.HTMLString(tl.Render()); !strings.Contains(html, `id="timeline-drawing"`) || strings.Contains(html, "<svg") {
		t.Errorf("before the chart is computed, the view is:\n%.300s", html)
	}
	s, c := tl.chart()
	html := app.HTMLString(tl.Render())
	chart := app.HTMLString((&timelineChart{Chart: c, Sum: s, Active: -1}).Render())
	if got := strings.Count(chart, `class="tl-marks `); got != len(c.Ticks) || got == 0 || got > 6*len(c.Lines) {
		t.Errorf("%d mark paths drawn, want %d", got, len(c.Ticks))
	}
	if got := strings.Count(chart, "<path "); got != len(c.Lines)+len(c.Ticks) {
		t.Errorf("%d paths, want %d", got, len(c.Lines)+len(c.Ticks))
	}
	if got := strings.Count(chart, `tabindex="0"`); got != 1 || !strings.HasPrefix(strings.TrimSpace(chart), `<svg`) || !strings.Contains(chart[:strings.Index(chart, ">")], `tabindex="0"`) {
		t.Errorf("%d elements in the Tab order, want the svg alone:\n%.300s", got, chart)
	}
	if strings.Contains(chart, "timeline-cursor") {
		t.Error("a cursor is drawn with no active mark")
	}
	// Payload text is text (the browser sets attributes with setAttribute,
	// which parses no markup).
	if want := "&lt;b&gt;storm&lt;/b&gt; — peak 10 open, 20 errors"; !strings.Contains(html, want) {
		t.Errorf("payload text is not shown escaped as %q", want)
	}
	for _, want := range []string{`id="timeline-summary"`, "570 connection events", `id="timeline-by-hub"`, `aria-pressed="false"`, `id="timeline-detail"`, `id="timeline-chart"`} {
		if !strings.Contains(html, want) {
			t.Errorf("the view lacks %q", want)
		}
	}

	// The active mark has the cursor, and is described; one that stands
	// for several events lists them: here the storm's errors.
	many := -1
	for i, m := range c.Marks {
		if m.Count > 1 && m.Error && s.Events[m.First].Error == sc.Storms[0].Message {
			many = i
			break
		}
	}
	if many < 0 {
		t.Fatalf("no mark stands for several of the storm's errors (buckets %g)", c.Bucket)
	}
	m := c.Marks[many]
	tl.active = markRef{c, many}
	html = app.HTMLString(tl.Render())
	if !strings.Contains(html, `id="timeline-cursor"`) || !strings.Contains(html, `data-active="`+strconv.Itoa(many)+`"`) {
		t.Errorf("no cursor on mark %d", many)
	}
	evs := c.Events(s, &m)
	if got := strings.Count(html, `class="btn tl-event"`); got != min(len(evs), eventsPage) {
		t.Errorf("%d events listed for a mark of %d", got, len(evs))
	}
	if first := s.Events[evs[0]].Index; !strings.Contains(html, `data-event="`+strconv.Itoa(first)+`"`) || !strings.Contains(html, ">#"+strconv.Itoa(first)+"<") {
		t.Errorf("the mark's first event #%d is not listed", first)
	}
	if want := " disconnects with an error on &lt;b&gt;storm&lt;/b&gt;, "; !strings.Contains(html, want) {
		t.Errorf("the mark is not described, its payload text escaped, as %q", want)
	}

	// The same report again computes nothing again.
	if s2, c2 := tl.chart(); s2 != s || c2 != c {
		t.Error("the summary or chart was computed again for the same report")
	}
	tl.by = summary.ByUser
	if s2, cu := tl.cached(); s2 != s || cu != nil {
		t.Error("per user has a chart before it is computed")
	}
	if _, cu := tl.chart(); cu == c || cu.By != summary.ByUser {
		t.Error("per user shows the per-hub chart")
	}
}

// TestTimelineNothingToDraw: no report, a payload that is not events, and
// events without a usable time each say why there is no chart.
func TestTimelineNothingToDraw(t *testing.T) {
	defer forgetTimeline()
	for _, tt := range []struct {
		src  string
		want []string
	}{
		{"", []string{"once the payload is Event Grid or CloudEvents events"}},
		{`{"a": 1}`, []string{"No SignalR connection event with a time here", "1 event of other types set aside"}},
		{`[{"id":"1","eventType":"Microsoft.SignalRService.ClientConnectionConnected","data":{"timestamp":"soon","connectionId":"c"}}]`,
			[]string{"No SignalR connection event with a time here", `id="timeline-untimed"`, "#0: data.timestamp is not an RFC 3339 date-time"}},
	} {
		var r *inspect.Report
		if tt.src != "" {
			r = inspect.Inspect([]byte(tt.src))
		}
		forgetTimeline()
		html := app.HTMLString((&Timeline{Report: r, Focus: -1}).Render()) // small: drawn at once
		for _, w := range tt.want {
			if !strings.Contains(html, w) {
				t.Errorf("%q: the view lacks %q:\n%s", tt.src, w, html)
			}
		}
		if strings.Contains(html, "<svg") {
			t.Errorf("%q: a chart is drawn", tt.src)
		}
	}
}
