//go:build browser

package browsertest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"eventlens/app/vocab"
)

// undoLabel returns the Undo button's label, or "" while it is hidden or
// absent.
func undoLabel(b *browser) string {
	b.t.Helper()
	return eval[string](b, `(() => { const u = document.querySelector("#undo-clear"); return !u || u.hidden || u.closest("[hidden]") ? "" : u.textContent })()`)
}

// TestUIUndoSurvivesReload replaces the user's text with a sample, then
// reloads: Undo is still offered, brings the text back, and is then gone
// (also after another reload). A text too long for the browser's storage,
// or any text while the storage is full, is not kept across a reload, and
// the page says so beside the button.
func TestUIUndoSurvivesReload(t *testing.T) {
	_, b := uiPage(t)
	mine := strings.Replace(sample(t, "cloudevents-disconnected"), `"chat"`, `"my-own-hub"`, 1)
	setText(b, "#input", mine)
	waitInspected(b, mine)
	picked := sample(t, "eventgrid-connected")
	eval[bool](b, `(() => { const s = document.querySelector("#samples"); s.value = "eventgrid-connected"; s.dispatchEvent(new Event("change", {bubbles: true})); return true })()`)
	waitInspected(b, picked)
	if got := undoLabel(b); got != restoreLabel {
		t.Fatalf("after the sample, Undo is %q", got)
	}
	if n := eval[int](b, `document.querySelectorAll("#undo-not-kept").length`); n != 0 {
		t.Error("a short text is said not to be kept")
	}

	reload := func() {
		t.Helper()
		b.do(30*time.Second, chromedp.Reload())
		b.waitApp()
	}
	reload()
	waitInspected(b, picked)
	if got := undoLabel(b); got != restoreLabel {
		t.Fatalf("after a reload, Undo is %q, want %q", got, restoreLabel)
	}
	click(b, "#undo-clear")
	waitInspected(b, mine)
	if got := inputValue(b); got != mine {
		t.Errorf("Undo after the reload restored %q", got)
	}
	if got := undoLabel(b); got != "" {
		t.Errorf("after Undo, the button still says %q", got)
	}
	reload()
	waitInspected(b, mine)
	if got := undoLabel(b); got != "" {
		t.Errorf("a reload after Undo offers %q again", got)
	}

	// Past the draft's limit: Undo works in the page, and says it is not
	// kept across a reload.
	big, _ := batchOfAtLeast(vocab.MaxDraftUnits + 1000)
	eval[bool](b, `(document.querySelector("#input").select(), true)`)
	pasteLarge(b, string(big))
	waitJS(b, 90*time.Second, fmt.Sprintf(`document.querySelector('#verdict[data-bytes="%d"]') !== null`, len(big)))
	eval[bool](b, `(() => { const s = document.querySelector("#samples"); s.value = "eventgrid-connected"; s.dispatchEvent(new Event("change", {bubbles: true})); return true })()`)
	waitInspected(b, picked)
	if got := undoLabel(b); got != restoreLabel {
		t.Fatalf("after the sample over a large text, Undo is %q", got)
	}
	if got := eval[string](b, `(document.querySelector("#undo-not-kept") || {}).textContent || ""`); !strings.Contains(got, "Not kept across a reload") {
		t.Errorf("beside Undo of a %d-byte text: %q", len(big), got)
	}
	reload()
	waitInspected(b, picked)
	if got := undoLabel(b); got != "" {
		t.Errorf("after a reload, Undo of a text too long to keep is %q", got)
	}

	// A full storage keeps nothing, and the page says so and goes on.
	evalFor[bool](b, 60*time.Second, call("fill_storage"))
	setText(b, "#input", mine)
	waitInspected(b, mine)
	eval[bool](b, `(() => { const s = document.querySelector("#samples"); s.value = "eventgrid-connected"; s.dispatchEvent(new Event("change", {bubbles: true})); return true })()`)
	waitInspected(b, picked)
	if got := eval[string](b, `(document.querySelector("#undo-not-kept") || {}).textContent || ""`); !strings.Contains(got, "Not kept across a reload") {
		t.Errorf("with the storage full, beside Undo: %q", got)
	}
	if got := eval[string](b, `document.querySelector("#banner").textContent`); got != "" {
		t.Errorf("with the storage full, the page failed: %q", got)
	}
	click(b, "#undo-clear")
	waitInspected(b, mine)
	eval[bool](b, `(Object.keys(localStorage).filter(k => k.startsWith("junk")).forEach(k => localStorage.removeItem(k)), true)`)
	if errs := b.consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}
