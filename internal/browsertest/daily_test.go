//go:build browser

package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/emulation"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"eventlens/app/diag"
	"eventlens/app/gen"
	"eventlens/app/inspect"
)

// TestUIFixesForCommonMistakes applies the fix of each of the commonest
// mistakes (a missing comma, as in a built-in sample; a trailing comma; a
// date without time or zone; JSON pasted as an escaped string): each is
// offered, and applying it leaves a valid payload.
func TestUIFixesForCommonMistakes(t *testing.T) {
	_, b := uiPage(t)
	seed := strings.TrimSpace(sample(t, "eventgrid-connected"))
	const eventTime = `"eventTime": "2019-06-10T18:41:00.9584103Z"`
	for _, tt := range []struct{ name, text, code, fixed string }{
		{"missing comma (sample)", sample(t, "broken-syntax-error"), "JSON001", strings.Replace(sample(t, "broken-syntax-error"), `"/hub/chat"`, `"/hub/chat",`, 1)},
		{"trailing comma", strings.Replace(seed, `"metadataVersion": "1"`, `"metadataVersion": "1",`, 1), "JSON001", seed},
		{"date without time", strings.Replace(seed, eventTime, `"eventTime": "2019-06-10"`, 1), "SCH003", strings.Replace(seed, eventTime, `"eventTime": "2019-06-10T00:00:00Z"`, 1)},
		{"time without zone", strings.Replace(seed, eventTime, `"eventTime": "2019-06-10T18:41:00"`, 1), "SCH003", strings.Replace(seed, eventTime, `"eventTime": "2019-06-10T18:41:00Z"`, 1)},
		{"escaped JSON", strconv.Quote(seed), "FORM001", seed},
	} {
		// Emptied first: two texts of one length have the same verdict's
		// data-bytes.
		setText(b, "#input", "")
		waitInspected(b, "")
		setText(b, "#input", tt.text)
		waitInspected(b, tt.text)
		sel := fmt.Sprintf(`#diagnostics li[data-code=%q] .apply-fix`, tt.code)
		if eval[int](b, fmt.Sprintf(`document.querySelectorAll(%s).length`, js(sel))) == 0 {
			t.Errorf("%s: no Apply fix on %s; diagnostics: %s", tt.name, tt.code,
				eval[string](b, `document.querySelector("#diagnostics").textContent`))
			continue
		}
		click(b, sel)
		waitInspected(b, tt.fixed)
		if got := inputValue(b); got != tt.fixed {
			t.Errorf("%s: after the fix the editor holds:\n%s", tt.name, got)
		}
		if got := eval[string](b, `document.querySelector("#verdict").dataset.valid`); got != "true" {
			t.Errorf("%s: after the fix: %s", tt.name, verdictText(b))
		}
	}
}

// top returns the top of the element sel in the viewport, in CSS pixels.
func top(b *browser, sel string) float64 {
	b.t.Helper()
	return eval[float64](b, fmt.Sprintf(`document.querySelector(%s).getBoundingClientRect().top`, js(sel)))
}

// TestUILayoutStaysPut checks at 1280 and 360 px that a notice, the
// Undo button and a share link do not move the editor or the verdict;
// that the empty editor's hint and the Pretty tab's message fit their
// boxes; that Compare shares the toolbar's row at 1280 px; and that the
// Install and Reload buttons and the update banner are styled.
func TestUILayoutStaysPut(t *testing.T) {
	_, b := uiPage(t)
	for _, vp := range []struct{ w, h int64 }{{1280, 800}, {360, 740}} {
		b.do(10*time.Second, chromedp.EmulateViewport(vp.w, vp.h))
		setText(b, "#input", "")
		waitInspected(b, "")
		// The hint's lines fit the empty editor (it does not wrap lines).
		overflow := eval[[]string](b, `(() => {
			const e = document.querySelector("#input"), s = getComputedStyle(e);
			const c = document.createElement("canvas").getContext("2d");
			c.font = s.font;
			const room = e.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
			return e.placeholder.split("\n").filter(l => c.measureText(l).width > room);
		})()`)
		if len(overflow) > 0 {
			t.Errorf("%d px: the editor's hint is cut off: %q", vp.w, overflow)
		}
		setText(b, "#input", "hello")
		waitInspected(b, "hello")
		if w := eval[[]int](b, `(() => { const e = document.querySelector("#pretty"); return [e.scrollWidth, e.clientWidth] })()`); w[0] > w[1] {
			t.Errorf("%d px: the Pretty tab's message is cut off (%d px wide in %d)", vp.w, w[0], w[1])
		}
		text := enterSample(t, b, "eventgrid-connected")
		eval[bool](b, `(window.scrollTo(0, 0), true)`)
		editor, verdict := top(b, "#input"), top(b, "#verdict")
		for _, step := range []struct {
			what, click, wait string
		}{
			{"Clear", "#clear", `document.querySelector("#notice").textContent.startsWith("Cleared")`},
			{"Undo clear", "#undo-clear", `document.querySelector("#notice").textContent.startsWith("Restored")`},
			{"Share link", "#share", `document.querySelector("#share-link") !== null`},
		} {
			click(b, step.click)
			waitJS(b, 5*time.Second, step.wait)
			eval[bool](b, `(window.scrollTo(0, 0), true)`)
			if got := top(b, "#input"); got != editor {
				t.Errorf("%d px: after %s the editor moved from y=%.0f to y=%.0f", vp.w, step.what, editor, got)
			}
			if got := top(b, "#verdict"); got != verdict {
				t.Errorf("%d px: after %s the verdict moved from y=%.0f to y=%.0f", vp.w, step.what, verdict, got)
			}
		}
		waitInspected(b, text)
		click(b, "#dismiss-notice")
		waitJS(b, 5*time.Second, `document.querySelector("#toast").hidden`)
	}
	b.do(10*time.Second, chromedp.EmulateViewport(1280, 800))
	if menu, compare := top(b, "#samples"), top(b, "#compare-toggle"); compare > menu+8 {
		t.Errorf("at 1280 px Compare is on a row of its own (y=%.0f, the samples menu y=%.0f)", compare, menu)
	}
	for _, sel := range []string{"#install-app", "#update-reload"} {
		if got := eval[string](b, fmt.Sprintf(`getComputedStyle(document.querySelector(%s)).borderRadius`, js(sel))); got != "6px" {
			t.Errorf("%s is not styled as the page's buttons (border-radius %s)", sel, got)
		}
	}
	if got := eval[string](b, `getComputedStyle(document.querySelector("#update-banner")).borderTopStyle`); got != "solid" {
		t.Errorf("the update banner is not styled (border %s)", got)
	}
}

// TestUIPhoneLayout checks the page at 360 × 740: after a paste the
// verdict is in view, the tabs keep to one row, and the field mapping's
// explanations get the table's width instead of a column too narrow for
// their words.
func TestUIPhoneLayout(t *testing.T) {
	_, b := uiPage(t)
	b.do(10*time.Second, chromedp.EmulateViewport(360, 740))
	text := sample(t, "eventgrid-connected")
	eval[bool](b, `(document.querySelector("#input").focus(), true)`)
	pasteText(b, text)
	waitInspected(b, text)
	eval[bool](b, `(window.scrollTo(0, 0), true)`)
	if bottom := eval[float64](b, `document.querySelector("#verdict").getBoundingClientRect().bottom`); bottom > 740 {
		t.Errorf("after a paste the verdict ends at y=%.0f, below the window (740)", bottom)
	}
	if tops := eval[[]float64](b, `[...document.querySelectorAll('[role="tab"]')].map(e => e.getBoundingClientRect().top)`); len(tops) < 2 || slices.Max(tops) != slices.Min(tops) {
		t.Errorf("the tabs take more than one row: tops %v", tops)
	}
	click(b, "#tab-diff")
	waitJS(b, 5*time.Second, `document.querySelector("#diff table") !== null`)
	widths := eval[[]float64](b, `(() => {
		const t = document.querySelector("#diff table");
		return [t.getBoundingClientRect().width, ...[...t.querySelectorAll("td.what")].map(e => e.getBoundingClientRect().width)];
	})()`)
	for _, w := range widths[1:] {
		if w < widths[0]*0.9 {
			t.Errorf("a mapping explanation is %.0f px wide in a %.0f px table", w, widths[0])
			break
		}
	}
	if sw := eval[[]float64](b, `[document.documentElement.scrollWidth, window.innerWidth]`); sw[0] > sw[1] {
		t.Errorf("the page is %.0f px wide in a %.0f px window; past its right edge or overflowing: %s", sw[0], sw[1],
			eval[string](b, `[...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 || e.scrollWidth > window.innerWidth + 1).map(e => e.tagName + "#" + e.id + "." + e.className).join(", ")`))
	}
}

// TestUICompareFindableAndCharacterLevel opens Compare: it scrolls into
// view with the focus in its editor; a changed value is red on the left
// and green on the right, with the characters that differ marked inside;
// after a reload the compare mode is still open, with its mode.
func TestUICompareFindableAndCharacterLevel(t *testing.T) {
	s, b := uiPage(t)
	b.do(10*time.Second, chromedp.EmulateViewport(1280, 800))
	left := enterSample(t, b, "eventgrid-connected")
	eval[bool](b, `(window.scrollTo(0, 0), true)`)
	click(b, "#compare-toggle")
	waitJS(b, 5*time.Second, `document.activeElement && document.activeElement.id === "compare-input"`)
	if y := top(b, "#compare"); y < 0 || y > 400 {
		t.Errorf("opened, the compare section is at y=%.0f of an 800 px window", y)
	}
	setText(b, "#compare-input", strings.Replace(left, `"hubName": "chat"`, `"hubName": "lobby"`, 1))
	waitJS(b, 5*time.Second, `document.querySelector('#compare-diff[data-equal="false"]') !== null`)
	chars := func(side string) string {
		return eval[string](b, fmt.Sprintf(`[...document.querySelectorAll("#compare-%s mark.changed .chars")].map(e => e.textContent).join("|")`, side))
	}
	if got := chars("left"); got != "chat" {
		t.Errorf("left side: characters marked %q, want chat", got)
	}
	if got := chars("right"); got != "lobby" {
		t.Errorf("right side: characters marked %q, want lobby", got)
	}
	colours := eval[[]string](b, `["#compare-left mark.changed", "#compare-right mark.changed"].map(s => getComputedStyle(document.querySelector(s)).backgroundColor)`)
	if colours[0] == colours[1] {
		t.Errorf("both sides' changed lines have the colour %s", colours[0])
	}
	click(b, "#semantic")
	waitJS(b, 5*time.Second, `document.querySelector("#compare-status").textContent !== ""`)
	b.open(s.URL + "/")
	waitJS(b, 10*time.Second, `document.querySelector("#compare-input") !== null && document.querySelector("#compare-input").value.includes("lobby")`)
	if !eval[bool](b, `document.querySelector("#semantic").checked`) {
		t.Error("after a reload the semantic comparison is off")
	}
}

// accessibleName returns the accessible name and description Chromium
// computes for the element sel.
func accessibleName(b *browser, sel string) (name, description string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	obj, err := chromedp.Call(ctx, cdpruntime.Evaluate, cdpruntime.EvaluateParams{Expression: fmt.Sprintf(`document.querySelector(%s)`, js(sel))})
	if err != nil || obj.Result == nil || obj.Result.ObjectID == "" {
		b.t.Fatalf("no element %s: %v", sel, err)
	}
	no := false
	tree, err := chromedp.Call(ctx, accessibility.GetPartialAXTree, accessibility.GetPartialAXTreeParams{ObjectID: obj.Result.ObjectID, FetchRelatives: &no})
	if err != nil || len(tree.Nodes) == 0 {
		b.t.Fatalf("no accessibility node for %s: %v", sel, err)
	}
	text := func(v *accessibility.Value) string {
		var s string
		if v != nil {
			json.Unmarshal(v.Value, &s)
		}
		return s
	}
	return text(tree.Nodes[0].Name), text(tree.Nodes[0].Description)
}

// TestUIAccessibleDiagnosticsAndPlaceholder checks that a diagnostic's
// button is named by its severity, code and place, with the message as
// its description, and that the editor's placeholder has a contrast of at
// least 4.5:1 in the light and dark themes.
func TestUIAccessibleDiagnosticsAndPlaceholder(t *testing.T) {
	_, b := uiPage(t)
	text := enterSample(t, b, "broken-misspelled-type")
	r := inspect.Inspect([]byte(text))
	var eg001 diag.Diagnostic
	for _, d := range r.Diagnostics {
		if d.Code == "EG001" {
			eg001 = d
		}
	}
	name, desc := accessibleName(b, `#diagnostics li[data-code="EG001"] .diag-go`)
	if want := fmt.Sprintf("Error EG001 at line %d, column %d: select it in the editor", eg001.Line, eg001.Column); name != want {
		t.Errorf("the diagnostic's button is named %q, want %q", name, want)
	}
	if desc != eg001.Message {
		t.Errorf("the diagnostic's button is described as %q, want its message %q", desc, eg001.Message)
	}
	if _, desc := accessibleName(b, `#diagnostics li[data-code="EG001"] .apply-fix`); !strings.Contains(desc, eg001.Fix.Title) {
		t.Errorf("Apply fix is described as %q, want the fix %q", desc, eg001.Fix.Title)
	}
	setText(b, "#input", "")
	waitInspected(b, "")
	for _, scheme := range []string{"light", "dark"} {
		b.do(10*time.Second, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
			})
			return err
		}))
		ratio := eval[float64](b, script("contrast")+`; contrast(getComputedStyle(document.querySelector("#input"), "::placeholder").color, getComputedStyle(document.querySelector("#input")).backgroundColor)`)
		if ratio < 4.5 {
			t.Errorf("%s theme: the placeholder's contrast is %.2f:1, want at least 4.5:1", scheme, ratio)
		}
	}
}

// TestUIBatchTable pastes 5,000 events: the batch table lists them with a
// bounded number of rows in the page, scrolls to the last, focuses the
// event clicked, sorts and filters.
func TestUIBatchTable(t *testing.T) {
	_, b := uiPage(t)
	payload := string(gen.Batch(gen.EventGrid, gen.MaxEvents))
	r := inspect.Inspect([]byte(payload))
	eval[bool](b, `(document.querySelector("#input").focus(), true)`)
	pasteLarge(b, payload)
	waitJS(b, 90*time.Second, fmt.Sprintf(`document.querySelector('#verdict[data-bytes="%d"]') !== null && document.querySelector("#batch-table") !== null`, len(payload)))
	if got := eval[string](b, `document.querySelector("#batch-count").textContent`); got != "5,000 events" {
		t.Errorf("the table counts %q", got)
	}
	rows := func() []int {
		return eval[[]int](b, `[...document.querySelectorAll("#batch-table tr.bt-row")].map(e => +e.dataset.index)`)
	}
	if n := len(rows()); n < 10 || n > 40 {
		t.Errorf("%d rows in the page for 5,000 events, want the rows in view and a few more", n)
	}
	first := eval[[]string](b, `[...document.querySelectorAll("#batch-table tr.bt-row")[0].cells].map(c => c.textContent)`)
	if want := []string{"0", r.Events[0].ID, r.Events[0].Type}; len(first) < 9 || first[0] != want[0] || first[1] != want[1] || first[2] != want[2] || first[8] != "valid" {
		t.Errorf("first row %q, want it to start %q and end with the verdict", first, want)
	}
	// Scrolled to the end, the last event is drawn.
	eval[bool](b, `(() => { const s = document.querySelector("#batch-scroll"); s.scrollTop = s.scrollHeight; return true })()`)
	waitJS(b, 10*time.Second, `document.querySelector('#batch-table tr.bt-row[data-index="4999"]') !== null`)
	if n := len(rows()); n > 40 {
		t.Errorf("%d rows in the page at the end of the table", n)
	}
	click(b, `#batch-table tr.bt-row[data-index="4999"] .bt-go`)
	waitJS(b, 10*time.Second, `document.querySelector('#batch-table tr.bt-row[data-index="4999"]').getAttribute("aria-selected") === "true"`)
	if got := eval[string](b, `document.querySelector("#event-picker").value`); got != "4999" {
		t.Errorf("after a click on event 4999 the event menu shows %q", got)
	}
	// Sorted by index, descending: 4999 first.
	click(b, `.bt-sort[data-col="index"]`)
	waitJS(b, 10*time.Second, `document.querySelector("#batch-table tr.bt-row").dataset.index === "4999"`)
	if got := eval[string](b, `document.querySelector('#batch-table th[aria-sort="descending"]').textContent`); !strings.HasPrefix(got, "#") {
		t.Errorf("the column sorted descending is %q", got)
	}
	// Filtered by one event's id: that row alone.
	setText(b, "#batch-filter", r.Events[1234].ID)
	waitJS(b, 10*time.Second, `document.querySelectorAll("#batch-table tr.bt-row").length === 1`)
	if got := rows(); len(got) != 1 || got[0] != 1234 {
		t.Errorf("filtered by event 1234's id, the table lists %v", got)
	}
	if got := eval[string](b, `document.querySelector("#batch-count").textContent`); got != "1 of 5,000 events match" {
		t.Errorf("filtered, the table counts %q", got)
	}
	if errs := b.consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}

// TestUITreeView shows a batch as a tree: it opens from the keyboard,
// a click on a value selects it in the editor, and a 5,000-event batch
// keeps a bounded number of rows in the page.
func TestUITreeView(t *testing.T) {
	_, b := uiPage(t)
	text := enterSample(t, b, "eventgrid-connected")
	click(b, "#tree-toggle")
	waitJS(b, 5*time.Second, `document.querySelector("#tree .tv-row") !== null`)
	labels := func() string {
		// The rows' text, without their line numbers.
		return eval[string](b, `[...document.querySelectorAll("#tree .tv-row")].map(e => [...e.children].filter(c => !c.classList.contains("tv-line")).map(c => c.textContent).join("")).join("|")`)
	}
	if got := labels(); got != "▾[1 item]|▸[0]: {8 keys}" {
		t.Errorf("the tree opens as %q", got)
	}
	// Keyboard: down to the event, right opens it, down to its first member.
	b.do(5*time.Second, chromedp.Focus(chromedp.CSS("#tree")))
	for _, k := range []string{kb.ArrowDown, kb.ArrowRight, kb.ArrowRight} {
		b.do(5*time.Second, chromedp.KeyEvent(k))
	}
	waitJS(b, 5*time.Second, `document.querySelector("#tree .tv-active") && document.querySelector("#tree .tv-active").dataset.pointer === "/0/topic"`)
	if got := eval[string](b, `document.querySelector("#tree").getAttribute("aria-activedescendant")`); got != "tree-row-2" {
		t.Errorf("the active row is %q, want tree-row-2", got)
	}
	// A click on the subject selects its value in the editor.
	click(b, `#tree .tv-row[data-pointer="/0/subject"]`)
	want := `"/hub/chat"`
	waitJS(b, 5*time.Second, fmt.Sprintf(`(() => { const e = document.querySelector("#input"); return e.value.slice(e.selectionStart, e.selectionEnd) === %s })()`, js(want)))
	// Enter on the active row selects it too. (The key is sent as a
	// keydown alone: chromedp's Enter also types a character, which a
	// browser does not after the keydown's default is prevented.)
	b.do(5*time.Second, chromedp.Focus(chromedp.CSS("#tree")))
	b.do(5*time.Second, chromedp.KeyEvent(kb.ArrowUp), chromedp.KeyEvent(kb.ArrowUp))
	waitJS(b, 5*time.Second, `document.querySelector("#tree .tv-active").dataset.pointer === "/0"`)
	eval[bool](b, `document.querySelector("#tree").dispatchEvent(new KeyboardEvent("keydown", {key: "Enter", bubbles: true, cancelable: true}))`)
	waitJS(b, 5*time.Second, fmt.Sprintf(`(() => { const e = document.querySelector("#input"); return e.value.slice(e.selectionStart, e.selectionEnd) === %s })()`, js(text[strings.Index(text, "{"):strings.LastIndex(text, "}")+1])))
	if got := inputValue(b); got != text {
		t.Errorf("selecting from the tree changed the text:\n%s", got)
	}
	// Copy the active value's pointer, then the value.
	click(b, `#tree .tv-row[data-pointer="/0/subject"]`)
	click(b, "#tree-copy-pointer")
	waitJS(b, 5*time.Second, `document.querySelector("#tree-copy-status").textContent.includes("the pointer /0/subject")`)
	click(b, "#tree-copy-value")
	waitJS(b, 5*time.Second, `document.querySelector("#tree-copy-status").textContent.includes("the value at /0/subject")`)

	// Pasted over the whole text (the paste replaces the selection).
	payload := string(gen.Batch(gen.EventGrid, gen.MaxEvents))
	eval[bool](b, `(document.querySelector("#input").select(), true)`)
	pasteLarge(b, payload)
	waitJS(b, 90*time.Second, fmt.Sprintf(`document.querySelector('#verdict[data-bytes="%d"]') !== null && document.querySelector("#tree .tv-row") !== null`, len(payload)))
	if n := eval[int](b, `document.querySelectorAll("#tree .tv-row").length`); n > 60 {
		t.Errorf("%d tree rows in the page for 5,000 events", n)
	}
	eval[bool](b, `(() => { const s = document.querySelector("#tree"); s.scrollTop = s.scrollHeight; return true })()`)
	waitJS(b, 10*time.Second, `document.querySelector('#tree .tv-row[data-pointer="/4999"]') !== null`)
	if errs := b.consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}

// TestUILargePasteOverASelection pastes a large text over part of the
// editor's text: the paste replaces the selection, as a small one does
// (it failed with a JavaScript type error).
func TestUILargePasteOverASelection(t *testing.T) {
	_, b := uiPage(t)
	text := enterSample(t, b, "eventgrid-connected")
	start := strings.Index(text, `"user-eymwyo23"`)
	end := start + len(`"user-eymwyo23"`)
	big, _ := batchOfAtLeast(600 << 10)
	eval[bool](b, fmt.Sprintf(`(() => { const e = document.querySelector("#input"); e.focus(); e.setSelectionRange(%d, %d); return true })()`, start, end))
	pasteLarge(b, string(big))
	want := text[:start] + string(big) + text[end:]
	waitJS(b, 60*time.Second, fmt.Sprintf(`document.querySelector('#verdict[data-bytes="%d"]') !== null`, len(want)))
	if errs := b.consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}

// TestUICompareFoldsUnchangedLines compares two batches that differ in
// one value of the last event: the unchanged lines before it are folded
// into one button, which shows them.
func TestUICompareFoldsUnchangedLines(t *testing.T) {
	_, b := uiPage(t)
	left := string(gen.Batch(gen.EventGrid, 3))
	r := inspect.Inspect([]byte(left))
	rows := r.EventRows()
	right := strings.Replace(left, `"userId": "`+rows[2].UserID+`"`, `"userId": "someone-else"`, 1)
	if right == left {
		t.Fatal("the test's change did not apply")
	}
	setText(b, "#input", left)
	waitInspected(b, left)
	click(b, "#compare-toggle")
	waitJS(b, 5*time.Second, `document.querySelector("#compare-input") !== null`)
	setText(b, "#compare-input", right)
	waitJS(b, 5*time.Second, `document.querySelector('#compare-diff[data-equal="false"]') !== null`)
	fold := `#compare-left button.fold[data-line="1"]`
	if n := eval[int](b, fmt.Sprintf(`document.querySelectorAll(%s).length`, js(fold))); n != 1 {
		t.Fatalf("no fold of the unchanged lines from line 1; left side:\n%s", eval[string](b, `document.querySelector("#compare-left").textContent`))
	}
	if got := eval[string](b, `document.querySelector("#compare-left").textContent`); strings.Contains(got, rows[0].ID) {
		t.Errorf("the first event's id is shown though its lines are unchanged")
	}
	if got := eval[string](b, fmt.Sprintf(`document.querySelector(%s).textContent`, js(fold))); !strings.Contains(got, "unchanged lines") {
		t.Errorf("the fold says %q", got)
	}
	click(b, fold)
	waitJS(b, 5*time.Second, fmt.Sprintf(`document.querySelector("#compare-left").textContent.includes(%s)`, js(rows[0].ID)))
	if got := eval[string](b, `[...document.querySelectorAll("#compare-right mark.changed .chars")].map(e => e.textContent).join("")`); got == "" {
		t.Error("the changed value's characters are not marked")
	}
}

// TestUIBatchTableFollowsTheCaret puts the editor's caret in an event:
// its row in the batch table is outlined.
func TestUIBatchTableFollowsTheCaret(t *testing.T) {
	_, b := uiPage(t)
	text := string(gen.Batch(gen.EventGrid, 3))
	setText(b, "#input", text)
	waitInspected(b, text)
	r := inspect.Inspect([]byte(text))
	at := strings.Index(text, r.Events[2].ID) // ASCII: bytes are UTF-16 units
	eval[bool](b, fmt.Sprintf(`(() => { const e = document.querySelector("#input"); e.focus(); e.setSelectionRange(%d, %d); e.dispatchEvent(new KeyboardEvent("keyup", {key: "ArrowRight", bubbles: true})); return true })()`, at, at))
	waitJS(b, 5*time.Second, `document.querySelector("#batch-table tr.bt-caret") !== null`)
	if got := eval[string](b, `document.querySelector("#batch-table tr.bt-caret").dataset.index`); got != "2" {
		t.Errorf("the outlined row is event %s, want 2", got)
	}
}

// pasteLarge pastes a large text as pasteText does, giving the page time
// to take it on a busy machine (the script carries the whole text).
func pasteLarge(b *browser, text string) {
	b.t.Helper()
	evalFor[bool](b, 60*time.Second, call("paste_text", text))
}
