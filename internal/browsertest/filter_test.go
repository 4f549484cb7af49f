//go:build browser

package browsertest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"eventlens/app/filter"
)

// filterBatch has connections to the hubs chat and news and a chat
// disconnection: the sample filter delivers the two chat events.
const filterBatch = `[
  {"id": "a", "subject": "/hub/chat", "eventType": "Microsoft.SignalRService.ClientConnectionConnected", "eventTime": "2024-01-01T00:00:00Z", "dataVersion": "1.0", "data": {"timestamp": "2024-01-01T00:00:00Z", "hubName": "chat", "connectionId": "c1"}},
  {"id": "b", "subject": "/hub/news", "eventType": "Microsoft.SignalRService.ClientConnectionConnected", "eventTime": "2024-01-01T00:00:00Z", "dataVersion": "1.0", "data": {"timestamp": "2024-01-01T00:00:00Z", "hubName": "news", "connectionId": "c2"}},
  {"id": "c", "subject": "/hub/chat", "eventType": "Microsoft.SignalRService.ClientConnectionDisconnected", "eventTime": "2024-01-01T00:00:00Z", "dataVersion": "1.0", "data": {"timestamp": "2024-01-01T00:00:00Z", "hubName": "chat", "connectionId": "c3"}}
]`

// marks returns each listed event's data-delivered, comma-separated.
const marks = `[...document.querySelectorAll("#filter-events .filter-event")].map(e => e.dataset.delivered).join()`

// waitCounts waits until the filter panel counts delivered and filtered
// events.
func waitCounts(b *browser, delivered, filtered int) {
	b.t.Helper()
	waitJS(b, 10*time.Second, fmt.Sprintf(`document.querySelector('#filter-summary[data-delivered="%d"][data-filtered="%d"]') !== null`, delivered, filtered))
}

func TestFilterPanel(t *testing.T) {
	s, b := uiPage(t)
	setText(b, "#input", filterBatch)
	waitInspected(b, filterBatch)

	// No filter: every event is delivered.
	if got := eval[string](b, `document.querySelector("#filter-summary").textContent`); !strings.Contains(got, "delivers every event") {
		t.Errorf("without a filter: %q", got)
	}

	// The sample filter lets the chat events through and says why the
	// news event is filtered out.
	click(b, "#filter-sample")
	waitCounts(b, 2, 1)
	if got := eval[string](b, marks); got != "true,false,true" {
		t.Errorf("marks = %q, want true,false,true", got)
	}
	if got := eval[string](b, `document.querySelector("#filter-summary").textContent`); got != "2 of 3 events delivered, 1 filtered out." {
		t.Errorf("summary = %q", got)
	}
	filtered := eval[string](b, `document.querySelector('.filter-event[data-delivered="false"]').textContent`)
	if !strings.Contains(filtered, "Filtered out by advancedFilters[0]") || !strings.Contains(filtered, `the value "news" is none of ["chat"]`) {
		t.Errorf("the filtered event says %q", filtered)
	}
	if got := eval[string](b, `document.querySelector("#filter-input").value`); got != filter.Sample {
		t.Errorf("the sample button wrote %q", got)
	}
	// The event picker marks the events too, once it lists them.
	eval[bool](b, `(() => { document.querySelector("#event-picker").focus(); return true })()`)
	waitJS(b, 5*time.Second, `document.querySelector('#event-picker[data-listed="true"]') !== null`)
	if got := eval[string](b, `[...document.querySelectorAll("#event-picker option")].slice(1).map(o => o.textContent.split(" · ").pop()).join()`); got != "delivered,filtered out,delivered" {
		t.Errorf("the event picker's marks = %q", got)
	}

	// An edit re-evaluates; an invalid filter shows its located diagnostic.
	setText(b, "#filter-input", `{"subjectEndsWith": "news"}`)
	waitCounts(b, 1, 2)
	setText(b, "#filter-input", `{"advancedFilters": [{"operatorType": "StringEquals", "key": "data.hubName", "values": ["chat"]}]}`)
	waitJS(b, 10*time.Second, `document.querySelector('#filter-valid[data-valid="false"]') !== null`)
	if got := eval[string](b, `document.querySelector("#filter-diagnostics").textContent`); !strings.Contains(got, "1:39 error FLT003") {
		t.Errorf("diagnostics = %q", got)
	}

	// A misspelt operator gets a fix, and the fix makes the filter valid.
	setText(b, "#filter-input", `{"advancedFilters": [{"operatorType": "stringin", "key": "data.hubName", "values": ["chat"]}]}`)
	waitJS(b, 10*time.Second, `document.querySelector("#filter-diagnostics button") !== null`)
	click(b, "#filter-diagnostics button")
	waitJS(b, 10*time.Second, `document.querySelector('#filter-valid[data-valid="true"]') !== null`)
	waitCounts(b, 2, 1)
	if got := eval[string](b, `document.querySelector("#filter-input").value`); !strings.Contains(got, `"StringIn"`) {
		t.Errorf("the fix wrote %q", got)
	}

	// The share link carries the filter.
	setText(b, "#filter-input", filter.Sample)
	waitCounts(b, 2, 1)
	click(b, "#share")
	waitJS(b, 5*time.Second, `document.querySelector("#share-link") !== null`)
	link := eval[string](b, `document.querySelector("#share-link").value`)
	if !strings.HasPrefix(link, s.URL+"/#p=") || !strings.Contains(link, "&f=") {
		t.Fatalf("share link = %q, want the payload and the filter in the fragment", link)
	}
	// Clear the filter here, so that the page the link opens cannot take it
	// from the saved one.
	setText(b, "#filter-input", "")
	waitJS(b, 5*time.Second, `document.querySelector('#filter-summary[data-state="empty"]') !== null && localStorage.getItem("eventlens.filter") === null`)

	tab, cancel := chromedp.NewContext(b.ctx)
	defer cancel()
	watchPage(t, tab)
	b2 := &browser{t: t, ctx: tab}
	b2.open(link)
	waitInspected(b2, filterBatch)
	waitCounts(b2, 2, 1)
	if got := eval[string](b2, `document.querySelector("#filter-input").value`); got != filter.Sample {
		t.Errorf("the link restored the filter %q", got)
	}
	if got := eval[string](b2, marks); got != "true,false,true" {
		t.Errorf("marks after the link = %q", got)
	}
}
