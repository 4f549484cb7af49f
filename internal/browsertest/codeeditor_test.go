//go:build browser

package browsertest

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"eventlens/app/diag"
	"eventlens/app/inspect"
	"eventlens/app/textpos"
)

// codeEditor is the code editor's handle in the page (web/editor/main.js).
const codeEditor = `document.querySelector("#code-editor").eventlensEditor`

// inCodeEditor is true while the focus is in the code editor.
const inCodeEditor = `document.activeElement !== null && document.activeElement.closest("#code-editor") !== null`

// TestCodeEditor edits a large payload in the code editor ("Edit as
// text"), with characters outside ASCII before the place it picks: a
// diagnostic selects its value and the caret readout follows; Apply fix is
// one edit Ctrl+Z takes back; Tab inserts spaces, but leaves from a place a
// diagnostic selected and after Escape; Ctrl+F finds; Copy and Download
// .json take the text as typed; Clear empties the editor and Undo clear
// brings the text back into the code editor.
func TestCodeEditor(t *testing.T) {
	b := respPage(t)
	payload, _ := largePayload(t)
	text := strings.Replace(string(payload), `"subject": "/hub/dashboard"`, `"subject": "/hub/dashböard😀"`, 1)
	r := inspect.Inspect([]byte(text))
	var d diag.Diagnostic
	for _, x := range r.Diagnostics {
		if x.Code == "EG001" && x.Fix != nil {
			d = x
		}
	}
	if d.Fix == nil {
		t.Fatalf("the engine reports no EG001 with a fix: %s", r.Summary())
	}
	x := textpos.New(text)
	want := []int{x.UTF16(d.Offset), x.UTF16(d.End)}
	paste(b, []byte(text), "", 60*time.Second)
	editAsText(b, utf16Len(text))

	// A diagnostic's place is selected in the code editor.
	click(b, `#diagnostics li[data-code="EG001"] .diag-go`)
	waitJS(b, 5*time.Second, fmt.Sprintf(`%s.selection()[0] === %d`, codeEditor, want[0]))
	if got := eval[[]int](b, codeEditor+`.selection()`); len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("selection = %v, want %v", got, want)
	}
	if got, w := eval[string](b, `document.querySelector("#caret").textContent`), fmt.Sprintf("Ln %d, Col %d", d.Line, d.Column); got != w {
		t.Errorf("caret readout %q, want %q", got, w)
	}
	// Tab from that place leaves the editor and changes nothing.
	b.do(5*time.Second, chromedp.KeyEvent("\t"))
	if eval[bool](b, inCodeEditor) {
		t.Error("Tab on the place a diagnostic selected stayed in the code editor")
	}
	if n := eval[int](b, codeEditor+`.length()`); n != utf16Len(text) {
		t.Errorf("Tab on the picked place changed the text to %d code units", n)
	}

	// Apply fix is one edit; Ctrl+Z in the editor takes it back.
	click(b, `#diagnostics li[data-code="EG001"] .apply-fix`)
	fixed := string(inspect.ApplyFix([]byte(text), d.Fix))
	waitInspected(b, fixed)
	if eval[string](b, codeEditor+`.text()`) != fixed {
		t.Error("after Apply fix the code editor does not hold the fixed text")
	}
	eval[bool](b, `(`+codeEditor+`.focus(), true)`)
	b.do(5*time.Second, chromedp.KeyEvent("z", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	waitInspected(b, text)
	if eval[string](b, codeEditor+`.text()`) != text {
		t.Error("Ctrl+Z after Apply fix did not bring the text back")
	}

	// Tab inserts two spaces; Escape then Tab leaves the editor.
	end := utf16Len(text) - 1
	eval[bool](b, fmt.Sprintf(`(%s.select(%d, %d), true)`, codeEditor, end, end))
	b.do(5*time.Second, chromedp.KeyEvent("\t"))
	waitJS(b, 5*time.Second, fmt.Sprintf(`%s.length() === %d`, codeEditor, utf16Len(text)+2))
	if !eval[bool](b, inCodeEditor) {
		t.Error("Tab left the code editor instead of inserting spaces")
	}
	b.do(5*time.Second, chromedp.KeyEvent("\x1b"), chromedp.KeyEvent("\t"))
	if eval[bool](b, inCodeEditor) {
		t.Error("Escape then Tab did not leave the code editor")
	}
	typed := text[:len(text)-1] + "  " + text[len(text)-1:]
	waitInspected(b, typed)
	if eval[string](b, codeEditor+`.text()`) != typed {
		t.Error("Escape then Tab changed the text")
	}

	// Ctrl+F opens the search panel.
	eval[bool](b, `(`+codeEditor+`.focus(), true)`)
	b.do(5*time.Second, chromedp.KeyEvent("f", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	waitJS(b, 5*time.Second, `document.querySelector("#code-editor .cm-search input[name=search]") !== null`)

	// Copy and Download .json take the text as typed, from the code
	// editor's own bar.
	eval[bool](b, `(() => {
		const create = URL.createObjectURL;
		window.__blobs = [];
		URL.createObjectURL = (blob) => { window.__blobs.push(blob); return create.call(URL, blob); };
		navigator.clipboard.writeText = (t) => { window.__copied = t; return Promise.resolve(); };
		return true;
	})()`)
	if eval[bool](b, `document.querySelector("#code-bar").hidden`) {
		t.Fatal("the code editor's bar (Copy, Download .json) is hidden while the code editor holds the payload")
	}
	click(b, "#code-copy")
	waitJS(b, 5*time.Second, `window.__copied !== undefined`)
	if eval[string](b, `window.__copied`) != typed {
		t.Error("Copy did not copy the text as typed in the code editor")
	}
	click(b, "#code-download")
	waitJS(b, 5*time.Second, `window.__blobs.length === 1`)
	if got := evalFor[string](b, 5*time.Second, `window.__blobs[0].text()`); got != typed {
		t.Errorf("Download .json saved %d characters, not the %d typed in the code editor", len(got), len(typed))
	}

	// Clear empties the editor into the textarea; Undo clear brings the
	// text back into the code editor.
	click(b, "#clear")
	waitInspected(b, "")
	if v := viewer(b); v.InputHidden || v.InputValue != 0 || !eval[bool](b, `document.querySelector("#code-editor").hidden`) {
		t.Errorf("after Clear: textarea hidden %v with %d characters, code editor hidden %v", v.InputHidden, v.InputValue, eval[bool](b, `document.querySelector("#code-editor").hidden`))
	}
	click(b, "#undo-clear")
	waitInspected(b, typed)
	if got := eval[string](b, `(`+codeEditor+` || {text: () => ""}).text()`); got != typed {
		t.Errorf("Undo clear put back %d characters into the code editor, want the %d typed", len(got), len(typed))
	}
	if errs := b.consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors:\n%v", errs)
	}

	// What was typed in the code editor is the draft: a reload brings it
	// back (in the read-only view, as any large draft).
	b.do(30*time.Second, chromedp.Reload())
	b.waitApp()
	waitJS(b, 30*time.Second, fmt.Sprintf(`document.querySelector('#verdict[data-bytes="%d"]') !== null`, len(typed)))
	if v := viewer(b); v.ViewerHidden {
		t.Error("after a reload the large draft is not in the read-only view")
	}
}

// TestCodeEditorMissing serves no web/editor.js: "Edit as text" then puts
// the payload into the textarea, and says why.
func TestCodeEditorMissing(t *testing.T) {
	s := buildSite(t, "", "/")
	srv := serveLoopback(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/web/editor.js" {
			http.NotFound(w, r)
			return
		}
		s.ServeHTTP(w, r)
	}))
	b := newBrowser(t)
	watchPage(t, b.ctx)
	b.runFirst(script("probe"))
	b.open(srv.URL + "/")
	payload, _ := largePayload(t)
	paste(b, payload, "", 60*time.Second)
	click(b, "#edit-as-text")
	waitJS(b, 30*time.Second, fmt.Sprintf(`document.querySelector("#input").value.length === %d`, len(payload)))
	if v := viewer(b); !v.ViewerHidden || v.InputHidden {
		t.Errorf("viewer hidden %v, textarea hidden %v", v.ViewerHidden, v.InputHidden)
	}
	if got := eval[string](b, `document.querySelector("#notice").textContent`); !strings.Contains(got, "could not load") {
		t.Errorf("notice = %q", got)
	}
}
