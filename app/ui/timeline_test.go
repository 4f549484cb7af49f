package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/gen"
	"eventlens/app/inspect"
	"eventlens/app/summary"
)

// TestTimelineRender renders the Timeline of a stormy batch: the chart has
// a path per line and a mark per chart mark, one of them in the Tab order,
// and payload text is shown as text.
func TestTimelineRender(t *testing.T) {
	sc := gen.Scenario{Background: 120, Storms: []gen.Storm{{Hub: `<b>storm</b>`, User: "p", At: 5 * time.Second,
		Clients: 10, Rounds: 2, Period: 4 * time.Second, Gap: time.Second, Step: 10 * time.Millisecond, Message: `"quoted" & <error>`}}}
	r := inspect.Inspect(sc.Batch(gen.EventGrid))
	tl := &Timeline{Report: r, Focus: -1}
	html := app.HTMLString(tl.Render())
	s, c := tl.chart()
	chart := app.HTMLString((&timelineChart{Chart: c, Sum: s}).Render())
	if got := strings.Count(chart, `class="tl-mark `); got != len(c.Marks) || got == 0 {
		t.Errorf("%d marks drawn, want %d", got, len(c.Marks))
	}
	if got := strings.Count(chart, "<path "); got != len(c.Lines) {
		t.Errorf("%d paths, want %d", got, len(c.Lines))
	}
	if got := strings.Count(chart, `tabindex="0"`); got != 1 {
		t.Errorf("%d marks in the Tab order, want 1", got)
	}
	if !strings.HasPrefix(strings.TrimSpace(chart), "<svg") {
		t.Errorf("no svg element:\n%.300s", chart)
	}
	// Payload text is text (the browser sets attributes with setAttribute,
	// which parses no markup).
	for _, want := range []string{"&lt;b&gt;storm&lt;/b&gt; — peak 10 open, 20 errors", "&amp; &lt;error&gt;"} {
		if !strings.Contains(html, want) {
			t.Errorf("payload text is not shown escaped as %q", want)
		}
	}
	for _, want := range []string{`id="timeline-summary"`, "170 connection events", `id="timeline-by-hub"`, `aria-pressed="false"`, `id="timeline-detail"`} {
		if !strings.Contains(html, want) {
			t.Errorf("the view lacks %q", want)
		}
	}
	// The same report again computes nothing again.
	if s2, c2 := tl.chart(); s2 != s || c2 != c {
		t.Error("the summary or chart was computed again for the same report")
	}
	tl.by = summary.ByUser
	if _, cu := tl.chart(); cu == c || cu.By != summary.ByUser {
		t.Error("per user shows the per-hub chart")
	}
}

// TestTimelineNothingToDraw: no report, a payload that is not events, and
// events without a usable time each say why there is no chart.
func TestTimelineNothingToDraw(t *testing.T) {
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
		html := app.HTMLString((&Timeline{Report: r, Focus: -1}).Render())
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
