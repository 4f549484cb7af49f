//go:build browser

package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"eventlens/app/filter"
	"eventlens/app/gen"
	"eventlens/app/jsontree"
	"eventlens/app/share"
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
	// So does the batch table, in its filter column.
	waitJS(b, 5*time.Second, `document.querySelectorAll("#batch-table td.bt-filter").length === 3`)
	if got := eval[string](b, `[...document.querySelectorAll("#batch-table td.bt-filter")].map(td => td.textContent).join()`); got != "delivered,filtered out,delivered" {
		t.Errorf("the batch table's filter column = %q", got)
	}

	// An edit re-evaluates; an invalid filter shows its located diagnostic.
	setText(b, "#filter-input", `{"subjectEndsWith": "news"}`)
	waitCounts(b, 1, 2)
	setText(b, "#filter-input", `{"advancedFilters": [{"operatorType": "StringEquals", "key": "data.hubName", "values": ["chat"]}]}`)
	waitJS(b, 10*time.Second, `document.querySelector('#filter-valid[data-valid="false"]') !== null`)
	if got := eval[string](b, `document.querySelector("#filter-diagnostics").textContent`); !strings.Contains(got, "FLT003") || !strings.Contains(got, "1:39") {
		t.Errorf("diagnostics = %q", got)
	}

	// A misspelt operator gets a fix, and the fix makes the filter valid.
	setText(b, "#filter-input", `{"advancedFilters": [{"operatorType": "stringin", "key": "data.hubName", "values": ["chat"]}]}`)
	waitJS(b, 10*time.Second, `document.querySelector("#filter-diagnostics .apply-fix") !== null`)
	click(b, "#filter-diagnostics .apply-fix")
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

// filterRestoreLabel is the filter panel's Undo button's label after a
// share link or the sample replaced the filter.
const filterRestoreLabel = "Undo: restore your previous filter"

// filterUndoLabel returns the filter panel's Undo button's label, or "" when
// it is hidden.
func filterUndoLabel(b *browser) string {
	b.t.Helper()
	return eval[string](b, `(() => { const u = document.querySelector("#filter-undo"); return !u || u.hidden || u.closest("[hidden]") ? "" : u.textContent })()`)
}

// filterValue returns the filter textarea's text.
func filterValue(b *browser) string {
	b.t.Helper()
	return eval[string](b, `document.querySelector("#filter-input").value`)
}

// TestFilterShareLinkKeepsFilter opens a share link that carries a filter
// over a filter the user wrote, in the same tab and in a new one: the
// notice says how to get it back, and the panel's Undo button does.
func TestFilterShareLinkKeepsFilter(t *testing.T) {
	s, b := uiPage(t)
	setText(b, "#input", filterBatch)
	waitInspected(b, filterBatch)
	mine := `{"subjectEndsWith": "news"}`
	setText(b, "#filter-input", mine)
	waitCounts(b, 1, 2)
	waitJS(b, 5*time.Second, fmt.Sprintf(`localStorage.getItem("eventlens.filter") === %s`, js(mine)))
	frag, err := share.EncodeWith([]byte(filterBatch), []byte(filter.Sample))
	if err != nil {
		t.Fatal(err)
	}
	link := s.URL + "/#" + frag

	check := func(b *browser) {
		t.Helper()
		waitInspected(b, filterBatch)
		waitCounts(b, 2, 1)
		if got := filterValue(b); got != filter.Sample {
			t.Errorf("the link's filter is not in the panel: %q", got)
		}
		if got := noticeText(b); !strings.Contains(got, filterRestoreLabel) {
			t.Errorf("notice = %q, want it to say %q", got, filterRestoreLabel)
		}
		if got := filterUndoLabel(b); got != filterRestoreLabel {
			t.Fatalf("the filter's Undo button = %q, want %q", got, filterRestoreLabel)
		}
		click(b, "#filter-undo")
		waitCounts(b, 1, 2)
		if got := filterValue(b); got != mine {
			t.Errorf("Undo restored the filter %q, want %q", got, mine)
		}
		if got := eval[string](b, `localStorage.getItem("eventlens.filter")`); got != mine {
			t.Errorf("saved filter after Undo = %q", got)
		}
		if got := filterUndoLabel(b); got != "" {
			t.Errorf("the filter's Undo button is still offered: %q", got)
		}
	}

	// The same tab, then a new tab (where the filter is the saved one).
	openInBothTabs(t, b, link, check)
}

// TestFilterReplacementsCanBeUndone replaces a typed filter with the
// sample and with a fix: the panel's Undo button brings back the filter
// before each.
func TestFilterReplacementsCanBeUndone(t *testing.T) {
	_, b := uiPage(t)
	setText(b, "#input", filterBatch)
	waitInspected(b, filterBatch)
	mine := `{"subjectEndsWith": "news"}`
	setText(b, "#filter-input", mine)
	waitCounts(b, 1, 2)

	click(b, "#filter-sample")
	waitCounts(b, 2, 1)
	if got := filterValue(b); got != filter.Sample {
		t.Errorf("the sample button wrote %q", got)
	}
	if got := filterUndoLabel(b); got != filterRestoreLabel {
		t.Fatalf("after the sample, the filter's Undo button = %q, want %q", got, filterRestoreLabel)
	}
	if got := eval[string](b, `document.querySelector("#filter-notice").textContent`); !strings.Contains(got, filterRestoreLabel) {
		t.Errorf("the panel's notice = %q, want it to say %q", got, filterRestoreLabel)
	}
	click(b, "#filter-undo")
	waitCounts(b, 1, 2)
	if got := filterValue(b); got != mine {
		t.Errorf("Undo after the sample restored %q, want %q", got, mine)
	}

	misspelt := `{"advancedFilters": [{"operatorType": "stringin", "key": "data.hubName", "values": ["chat"]}]}`
	setText(b, "#filter-input", misspelt)
	waitJS(b, 10*time.Second, `document.querySelector("#filter-diagnostics .apply-fix") !== null`)
	click(b, "#filter-diagnostics .apply-fix")
	waitJS(b, 10*time.Second, `document.querySelector('#filter-valid[data-valid="true"]') !== null`)
	if got := filterUndoLabel(b); got != "Undo fix" {
		t.Fatalf("after the fix, the filter's Undo button = %q, want Undo fix", got)
	}
	click(b, "#filter-undo")
	waitJS(b, 10*time.Second, `document.querySelector('#filter-valid[data-valid="false"]') !== null`)
	if got := filterValue(b); got != misspelt {
		t.Errorf("Undo fix restored %q, want %q", got, misspelt)
	}
}

// focusedName returns the accessible name Chromium computes for the
// focused element.
func focusedName(b *browser) string {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
	defer cancel()
	el, err := chromedp.Call(ctx, runtime.Evaluate, runtime.EvaluateParams{Expression: "document.activeElement"})
	if err != nil || el.Result == nil || el.Result.ObjectID == "" {
		b.t.Fatalf("the focused element: %v", err)
	}
	no := false
	ax, err := chromedp.Call(ctx, accessibility.GetPartialAXTree, accessibility.GetPartialAXTreeParams{ObjectID: runtime.RemoteObjectID(el.Result.ObjectID), FetchRelatives: &no})
	if err != nil || len(ax.Nodes) == 0 || ax.Nodes[0].Name == nil {
		b.t.Fatalf("the focused element's accessibility node: %v", err)
	}
	var name string
	if err := json.Unmarshal(ax.Nodes[0].Name.Value, &name); err != nil {
		b.t.Fatalf("the focused element's accessible name %s: %v", ax.Nodes[0].Name.Value, err)
	}
	return name
}

// TestFilterDiagnosticsByKeyboard reaches the filter's diagnostics with
// Tab, hears each named by its severity, code and place, and selects its
// place in the filter with Enter or Space.
func TestFilterDiagnosticsByKeyboard(t *testing.T) {
	_, b := uiPage(t)
	setText(b, "#input", filterBatch)
	waitInspected(b, filterBatch)
	// Two diagnostics after a non-ASCII subject: the selection is in
	// UTF-16 units, not bytes.
	text := `{"subjectBeginsWith": "/hübs/€/", "advancedFilters": [{"operatorType": "StringEquals", "key": "data.hubName", "values": ["chat"]}, {"operatorType": "NumberInRange", "key": "data.n", "values": [[5, 1]]}]}`
	diags := filter.Parse([]byte(text)).Diagnostics
	if len(diags) < 2 {
		t.Fatalf("the filter has %d diagnostics, want 2 or more: %v", len(diags), diags)
	}
	setText(b, "#filter-input", text)
	waitJS(b, 10*time.Second, fmt.Sprintf(`document.querySelectorAll("#filter-diagnostics .diag-go").length === %d`, len(diags)))

	b.do(5*time.Second, chromedp.Focus(chromedp.CSS("#filter-input")), chromedp.KeyEvent("\t"))
	for i, d := range diags {
		if i > 0 {
			// From the editor, Tab goes back to the list; Tab moves on
			// to the next diagnostic (past the first's fix, if any).
			b.do(5*time.Second, chromedp.Focus(chromedp.CSS(fmt.Sprintf(`#filter-diagnostics li:nth-child(%d) .diag-go`, i))), chromedp.KeyEvent("\t"))
			if eval[bool](b, `document.activeElement.classList.contains("apply-fix")`) {
				b.do(5*time.Second, chromedp.KeyEvent("\t"))
			}
		}
		if got := eval[string](b, `document.activeElement.closest("#filter-diagnostics li") ? document.activeElement.closest("#filter-diagnostics li").dataset.code + " " + document.activeElement.className : document.activeElement.id`); got != d.Code+" diag-go" {
			t.Fatalf("diagnostic %d: Tab reached %q, want the %s button", i, got, d.Code)
		}
		name := focusedName(b)
		place := fmt.Sprintf("%d:%d", d.Line, d.Column)
		for _, want := range []string{d.Severity.String(), d.Code, place} {
			if !strings.Contains(strings.ToLower(name), strings.ToLower(want)) { // the severity is in upper case
				t.Errorf("diagnostic %d is named %q: it lacks %q", i, name, want)
			}
		}
		key := "\r"
		if i%2 == 1 {
			key = " "
		}
		start, end := utf16Len(text[:d.Offset]), utf16Len(text[:max(d.End, d.Offset)])
		eval[bool](b, `(() => { document.querySelector("#filter-input").setSelectionRange(0, 0); return true })()`)
		b.do(5*time.Second, chromedp.KeyEvent(key))
		waitJS(b, 5*time.Second, fmt.Sprintf(`document.activeElement.id === "filter-input" && document.activeElement.selectionStart === %d && document.activeElement.selectionEnd === %d`, start, end))
	}
	if got := filterValue(b); got != text {
		t.Errorf("selecting the places changed the filter: %q", got)
	}
}

// utf16Len returns the length of s in UTF-16 code units.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += len(utf16.Encode([]rune{r}))
	}
	return n
}

// TestFilterLargeBatch filters a batch past the size evaluated at once:
// the page evaluates it a step at a time and ends with the counts the
// engine gives, listing the first events only.
func TestFilterLargeBatch(t *testing.T) {
	_, b := uiPage(t)
	text := gen.Batch(gen.EventGrid, 1000)
	doc, err := jsontree.Parse(text, jsontree.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := filter.Parse([]byte(filter.Sample)).Apply(doc.Root)
	if want.Delivered == 0 || want.Filtered == 0 {
		t.Fatalf("the batch does not exercise both verdicts: %s", want.Summary())
	}
	pasteToVerdict(b, string(text))
	setText(b, "#filter-input", filter.Sample)
	waitCounts(b, want.Delivered, want.Filtered)
	listed := eval[int](b, `document.querySelectorAll("#filter-events .filter-event").length`)
	if listed == 0 || listed >= 1000 {
		t.Errorf("%d events listed, want the first ones only", listed)
	}
	var got []string
	for _, v := range want.Verdicts[:listed] {
		got = append(got, fmt.Sprint(v.Delivered))
	}
	if m := eval[string](b, marks); m != strings.Join(got, ",") {
		t.Errorf("marks = %s, want %s", m, strings.Join(got, ","))
	}
}
