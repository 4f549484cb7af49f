//go:build browser

package browsertest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"eventlens/app/gen"
	"eventlens/app/inspect"
)

// notice returns the notice's text.
func noticeText(b *browser) string {
	b.t.Helper()
	return eval[string](b, `document.querySelector("#notice").textContent`)
}

// pickEvent shows event i of the batch alone through the event picker.
func pickEvent(b *browser, i int) {
	b.t.Helper()
	eval[bool](b, `(() => { document.querySelector("#event-picker").focus(); return true })()`)
	waitJS(b, 5*time.Second, fmt.Sprintf(`[...document.querySelector("#event-picker").options].some(o => o.value === "%d")`, i))
	eval[bool](b, fmt.Sprintf(`(() => { const s = document.querySelector("#event-picker"); s.value = "%d"; s.dispatchEvent(new Event("change", {bubbles: true})); return true })()`, i))
}

// TestUIMappingSaysWhatIsDropped converts an event of a type whose
// dataVersion converting back cannot restore: the mapping lists it, and
// does not also say that nothing is lost.
func TestUIMappingSaysWhatIsDropped(t *testing.T) {
	_, b := uiPage(t)
	text := strings.Replace(sample(t, "eventgrid-connected"), "Microsoft.SignalRService.ClientConnectionConnected", "Contoso.Items.ItemReceived", 1)
	setText(b, "#input", text)
	waitInspected(b, text)
	click(b, "#tab-diff")
	waitJS(b, 5*time.Second, `document.querySelector("#diff table") !== null`)
	if got := eval[string](b, `document.querySelector("#tab-diff").textContent`); got != "Field mapping" {
		t.Errorf("the mapping's tab is named %q", got)
	}
	rows := eval[string](b, `[...document.querySelectorAll("#diff tr.kind-dropped")].map(r => r.textContent).join("|")`)
	if !strings.Contains(rows, "cannot restore") {
		t.Fatalf("dropped rows = %q, want dataVersion's that cannot be restored", rows)
	}
	if got := eval[string](b, `(document.querySelector("#diff .lost-none") || {}).textContent || ""`); got != "" {
		t.Errorf("the mapping drops dataVersion and says %q", got)
	}
	if got := eval[string](b, `(document.querySelector("#lost") || {}).textContent || ""`); !strings.Contains(got, "dataVersion") {
		t.Errorf("what the conversion drops = %q, want dataVersion", got)
	}
}

// TestUIConversionCountsTheFocusedEvent picks one event of a batch: the
// CloudEvents tab counts that event's changes, not the batch's.
func TestUIConversionCountsTheFocusedEvent(t *testing.T) {
	_, b := uiPage(t)
	text := string(gen.Batch(gen.EventGrid, 3))
	r := inspect.Inspect([]byte(text))
	one, all := r.Converted().EventChanges(1), len(r.Converted().Changes)
	if one == all {
		t.Fatalf("event 1 has all %d changes: the test needs a batch whose events share them", all)
	}
	setText(b, "#input", text)
	waitInspected(b, text)
	click(b, "#tab-cloudevents")
	waitJS(b, 5*time.Second, `document.querySelector(".form-note") !== null`)
	if got := eval[string](b, `document.querySelector(".form-note").textContent`); !strings.Contains(got, fmt.Sprintf("(%d attribute changes;", all)) {
		t.Errorf("whole batch: note = %q, want %d changes", got, all)
	}
	pickEvent(b, 1)
	want := fmt.Sprintf("(%d attribute changes in event 1;", one)
	waitJS(b, 5*time.Second, fmt.Sprintf(`document.querySelector(".form-note").textContent.includes(%s)`, js(want)))
}

// TestUIInvalidConversionWarns converts an invalid payload: the tab says
// the errors are carried over.
func TestUIInvalidConversionWarns(t *testing.T) {
	_, b := uiPage(t)
	enterSample(t, b, "broken-misspelled-type")
	for _, tab := range []string{"cloudevents", "eventgrid"} {
		click(b, "#tab-"+tab)
		waitJS(b, 5*time.Second, `document.querySelector("#`+tab+`") !== null`)
		if got := eval[string](b, `(document.querySelector("#convert-warning") || {}).textContent || ""`); !strings.Contains(got, "invalid") {
			t.Errorf("%s tab of an invalid payload: warning %q", tab, got)
		}
	}
	enterSample(t, b, "eventgrid-connected")
	if n := eval[int](b, `document.querySelectorAll("#convert-warning").length`); n != 0 {
		t.Error("a valid payload's conversion is warned about")
	}
}

// TestUINoticeFollowsTheText applies a fix, then empties the editor: the
// notice about the fix goes.
func TestUINoticeFollowsTheText(t *testing.T) {
	_, b := uiPage(t)
	enterSample(t, b, "broken-misspelled-type")
	click(b, `#diagnostics li[data-code="EG001"] .apply-fix`)
	waitJS(b, 5*time.Second, `document.querySelector("#notice").textContent.startsWith("Applied")`)
	// The fix's own edit keeps it.
	fixed := inputValue(b)
	waitInspected(b, fixed)
	if got := noticeText(b); !strings.HasPrefix(got, "Applied") {
		t.Errorf("after the fix the notice is %q", got)
	}
	setText(b, "#input", "")
	waitInspected(b, "")
	waitJS(b, 5*time.Second, `document.querySelector("#notice").textContent === ""`)
}

// TestUICopySaysSo copies a tab's text: a notice says what was copied.
func TestUICopySaysSo(t *testing.T) {
	_, b := uiPage(t)
	enterSample(t, b, "eventgrid-connected")
	click(b, "#tab-cloudevents")
	waitJS(b, 5*time.Second, `document.querySelector("#cloudevents") !== null`)
	click(b, "#copy-output")
	waitJS(b, 5*time.Second, `document.querySelector("#notice").textContent !== ""`)
	if got := noticeText(b); !strings.Contains(got, "the CloudEvents form") {
		t.Errorf("after Copy the notice is %q", got)
	}
}

// TestUINotJSONSaysWhatItIs pastes an HTTP request and plain text: the
// error names them rather than asking to quote their first word.
func TestUINotJSONSaysWhatItIs(t *testing.T) {
	_, b := uiPage(t)
	for _, tt := range []struct{ text, want string }{
		{"POST /api/events HTTP/1.1\nHost: example.com\nContent-Type: application/json\n\n[{\"id\": \"1\"}]\n", "HTTP request"},
		{"hello", "plain text"},
	} {
		setText(b, "#input", tt.text)
		waitInspected(b, tt.text)
		got := eval[string](b, `document.querySelector('#diagnostics li[data-code="JSON001"] .msg').textContent`)
		if !strings.Contains(got, tt.want) || strings.Contains(got, `write "`) {
			t.Errorf("%.10q: message %q, want it to say %s", tt.text, got, tt.want)
		}
	}
}

// TestUIMinifiedOutputSaysSo: a payload whose indented text would pass
// vocab.MaxPrettyBytes is shown minified, and the Formatted and converted
// tabs say so instead of showing one long line unexplained.
func TestUIMinifiedOutputSaysSo(t *testing.T) {
	_, b := uiPage(t)
	const depth, zeros = 400, 100_000 // indented: 100,000 lines ~800 columns deep
	data := strings.Repeat("[", depth) + strings.TrimSuffix(strings.Repeat("0,", zeros), ",") + strings.Repeat("]", depth)
	text := `[{"id":"1","topic":"t","subject":"s","eventType":"x","eventTime":"2024-01-01T00:00:00Z","dataVersion":"1","data":` + data + `}]`
	setText(b, "#input", text)
	waitInspected(b, text)
	waitJS(b, 30*time.Second, `document.querySelector(".minified-note") !== null && document.querySelector("#pretty") !== null`)
	for _, tab := range []string{"cloudevents", "eventgrid"} {
		click(b, "#tab-"+tab)
		waitJS(b, 5*time.Second, `document.querySelector("#`+tab+`") !== null`)
		if got := eval[string](b, `(document.querySelector(".minified-note") || {}).textContent || ""`); !strings.Contains(got, "minified") {
			t.Errorf("%s tab: note %q, want it to say the text is minified", tab, got)
		}
	}
	enterSample(t, b, "eventgrid-connected")
	click(b, "#tab-pretty")
	waitJS(b, 5*time.Second, `document.querySelector("#pretty") !== null`)
	if n := eval[int](b, `document.querySelectorAll(".minified-note").length`); n != 0 {
		t.Error("a payload shown indented carries the minified note")
	}
}
