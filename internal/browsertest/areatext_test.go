//go:build browser

package browsertest

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestEditorReadsOnlyTheEdit edits a text past 64 Ki code units, where the
// page reads only the part of the textarea an edit changed (app/ui's
// areaText and ChangeScript), in every way the text can change: keys typed
// at the caret, a deletion, a selection replaced, a script setting the
// whole value with the caret elsewhere, characters outside the BMP, and a
// surrogate pair completed by a second edit. After each edit the verdict
// must describe the textarea's exact length in UTF-8; at the end a
// diagnostic must select, in the textarea, the very value it is about,
// which fails if any edit had shifted the page's copy of the text.
func TestEditorReadsOnlyTheEdit(t *testing.T) {
	b := respPage(t)
	payload, n := batchOfAtLeast(200 << 10)
	paste(b, payload, "", 60*time.Second)
	waitJS(b, 30*time.Second, fmt.Sprintf(`document.querySelector("#input").value.length === %d`, len(payload)))
	t.Logf("%d events, %d bytes", n, len(payload))
	// at(k, field) is the UTF-16 index just inside the k-th value of field.
	const lib = `const el = document.querySelector("#input");
const at = (k, field) => { let i = -1; for (let j = 0; j <= k; j++) i = el.value.indexOf('"' + field + '"', i + 1); return el.value.indexOf('"', i + field.length + 2) + 1; };
const edit = (start, end, text) => { el.focus(); el.setRangeText(text, start, end, "end"); el.dispatchEvent(new InputEvent("input", {bubbles: true, inputType: text ? "insertText" : "deleteContentBackward", data: text || null})); return true; };
`
	steps := []struct{ name, js string }{
		{"a key typed inside the first subject", `edit(at(0, "subject") + 2, at(0, "subject") + 2, "é")`},
		{"an emoji typed in the third event", `edit(at(2, "subject") + 1, at(2, "subject") + 1, "😀")`},
		{"a character deleted", `edit(at(3, "subject") + 2, at(3, "subject") + 3, "")`},
		{"a selection replaced", `edit(at(4, "subject"), at(4, "subject") + 6, "x😀y")`},
		{"a high surrogate alone", `edit(at(6, "subject") + 1, at(6, "subject") + 1, "\ud83d")`},
		{"its low surrogate after it", `edit(at(6, "subject") + 2, at(6, "subject") + 2, "\ude00")`},
		{"the whole value set, the caret at the end", `(el.value = el.value.replace('"subject": "', '"subject": "ü'), el.dispatchEvent(new Event("input", {bubbles: true})), true)`},
		{"the caret moved, then a key typed elsewhere", `(el.setSelectionRange(5, 5), edit(at(7, "subject") + 1, at(7, "subject") + 1, "ß"))`},
		{"an unknown event type in the ninth event", `(() => { const s = at(8, "eventType"); return edit(s, el.value.indexOf('"', s), "Microsoft.SignalRService.ClientConnectionConnectéd😀"); })()`},
	}
	for _, s := range steps {
		if !eval[bool](b, "(() => {"+lib+"return "+s.js+"; })()") {
			t.Fatalf("%s: the edit did not run", s.name)
		}
		want := eval[int](b, `new TextEncoder().encode(document.querySelector("#input").value).length`)
		t.Logf("%s: %d bytes", s.name, want)
		waitJS(b, 30*time.Second, fmt.Sprintf(`document.querySelector("#verdict").dataset.bytes === "%d" && document.querySelector("#verdict").dataset.complete === "true"`, want))
	}
	if v := verdictText(b); !strings.Contains(v, "Invalid") {
		t.Fatalf("verdict %q: the unknown event type was not found", v)
	}
	// The diagnostic about the ninth event's type selects that value.
	sel := `#diagnostics li:has(.diag-go)`
	idx := eval[int](b, `[...document.querySelectorAll("`+sel+`")].findIndex(li => li.textContent.includes("/8/eventType"))`)
	if idx < 0 {
		t.Fatalf("no diagnostic about /8/eventType: %s", eval[string](b, `document.querySelector("#diagnostics").textContent`))
	}
	eval[bool](b, fmt.Sprintf(`(document.querySelectorAll("%s")[%d].querySelector(".diag-go").click(), true)`, sel, idx))
	waitJS(b, 10*time.Second, `document.querySelector("#input").selectionEnd > document.querySelector("#input").selectionStart`)
	got := eval[string](b, `(() => { const e = document.querySelector("#input"); return e.value.slice(e.selectionStart, e.selectionEnd) })()`)
	if !strings.Contains(got, "ClientConnectionConnectéd😀") {
		t.Errorf("the diagnostic selected %q, not the event type typed", got)
	}
}
