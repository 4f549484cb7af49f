//go:build browser

package browsertest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"eventlens/app/gen"
	"eventlens/app/inspect"
)

// TestUIEveryEventReachable opens a batch of more events than the event
// menu lists: "Go to #" shows any of them, and so does the caret.
func TestUIEveryEventReachable(t *testing.T) {
	_, b := uiPage(t)
	var buf bytes.Buffer
	if err := json.Compact(&buf, gen.Batch(gen.EventGrid, 1100)); err != nil {
		t.Fatal(err)
	}
	text := buf.String()
	r := inspect.Inspect(buf.Bytes())
	if len(r.Events) != 1100 {
		t.Fatalf("%d events", len(r.Events))
	}
	setText(b, "#input", text)
	waitJS(b, 30*time.Second, fmt.Sprintf(`document.querySelector('#verdict[data-bytes="%d"]') !== null && document.querySelector("#event-index") !== null`, len(text)))
	shows := func(i int) {
		t.Helper()
		waitJS(b, 10*time.Second, fmt.Sprintf(`document.querySelector("#event-picker").value === "%d" && document.querySelector("#pretty").textContent.includes(%s)`, i, js(r.Events[i].ID)))
		if got := eval[int](b, `document.querySelector("#pretty").textContent.split('"eventType"').length - 1`); got != 1 {
			t.Errorf("event %d: the Pretty tab shows %d events, want it alone", i, got)
		}
	}

	// Past the listed thousand, by its number.
	setText(b, "#event-index", "1050")
	eval[bool](b, `document.querySelector("#event-index").dispatchEvent(new Event("change", {bubbles: true}))`)
	shows(1050)

	// A number out of range is refused and said so.
	setText(b, "#event-index", "5000")
	eval[bool](b, `document.querySelector("#event-index").dispatchEvent(new Event("change", {bubbles: true}))`)
	waitJS(b, 5*time.Second, `document.querySelector("#notice").textContent.includes("no event #5000")`)

	// The caret in another event shows that one.
	caretIn := func(i int) {
		t.Helper()
		off := b2u(text, r.Doc.Root.Items[i].Pos.Offset+2)
		eval[bool](b, fmt.Sprintf(`(() => { const e = document.querySelector("#input"); e.focus(); e.setSelectionRange(%d, %d); e.dispatchEvent(new MouseEvent("mouseup", {bubbles: true})); return true })()`, off, off))
	}
	caretIn(1070)
	shows(1070)

	// With every event shown, the caret offers its event.
	eval[bool](b, `(() => { const s = document.querySelector("#event-picker"); s.value = "all"; s.dispatchEvent(new Event("change", {bubbles: true})); return true })()`)
	waitJS(b, 10*time.Second, `document.querySelector("#event-picker").value === "all"`)
	caretIn(1090)
	waitJS(b, 5*time.Second, `!document.querySelector("#caret-event").hidden && document.querySelector("#caret-event").textContent.includes("#1090")`)
	if got := eval[string](b, `document.querySelector("#event-picker").value`); got != "all" {
		t.Errorf("the caret alone changed the shown events to %q", got)
	}
	click(b, "#caret-event")
	shows(1090)
}

// b2u returns the UTF-16 offset of byte offset off of an ASCII text.
func b2u(text string, off int) int {
	if strings.IndexFunc(text[:off], func(r rune) bool { return r > 127 }) >= 0 {
		panic("b2u: the text is not ASCII")
	}
	return off
}
