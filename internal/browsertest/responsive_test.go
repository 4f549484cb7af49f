//go:build browser

package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"eventlens/app/gen"
	"eventlens/app/inspect"
	"eventlens/app/jsontree"
)

// The responsiveness tests paste large generated batches into the real page
// and watch it with a PerformanceObserver for long tasks, a timer that
// records the longest gap between its runs, and the size of the wasm
// memory. They assert behaviour only (right verdict, a click handled while
// the inspection runs, capped views with "show all"), each on states the
// page shows (its verdict's data-bytes and data-complete, its busy
// markers, aria-selected), never on how long something took, and log the
// figures. Their JavaScript is in js/.
//
// EVENTLENS_WEB serves another folder than web/ (e.g. one holding an
// app.wasm built without -s -w); EVENTLENS_PROFILE=1 also records a CPU
// profile of the paste with the DevTools Profiler and logs the functions
// that cost the most.

// pasteFigures is what js/paste_measured.js measured, in milliseconds from the paste.
type pasteFigures struct {
	Set                  float64  `json:"set"`      // the paste event's handling
	Handled              bool     `json:"handled"`  // the page took the paste (a large text: the textarea stays empty)
	Dispatch             float64  `json:"dispatch"` // else the browser's setting of the textarea's value and the input event
	Busy                 float64  `json:"busy"`     // the page showed it is inspecting
	Verdict              float64  `json:"verdict"`  // the verdict describes the pasted text
	Complete             float64  `json:"complete"` // every view is ready
	Painted              float64  `json:"painted"`  // the frame after Complete
	ClickAt              float64  `json:"clickAt"`
	ClickWhileInspecting bool     `json:"clickWhileInspecting"` // the page showed the inspection under way at the click
	ClickShown           float64  `json:"clickShown"`
	ClickBeforeComplete  bool     `json:"clickBeforeComplete"` // the click's effect showed while the page was still inspecting
	Longest              float64  `json:"longest"`             // longest gap between runs of a 0 ms timer
	Gaps                 [][2]int `json:"gaps"`                // [start, length] of each gap over 50 ms
	LongTasks            []int    `json:"longtasks"`           // durations of the long tasks (> 50 ms)
	Mem                  int      `json:"mem"`                 // wasm memory after, bytes
}

func (f pasteFigures) String() string {
	return fmt.Sprintf("paste event %.0f ms (handled by the page: %v), textarea value and input event %.0f ms, busy shown %.0f ms, verdict %.0f ms, complete %.0f ms, painted %.0f ms; longest block %.0f ms (blocks over 50 ms at [start length]: %v); long tasks %v (longest %d ms); wasm memory %d MiB",
		f.Set, f.Handled, f.Dispatch, f.Busy, f.Verdict, f.Complete, f.Painted, f.Longest, f.Gaps, f.LongTasks, slices.Max(append([]int{0}, f.LongTasks...)), f.Mem>>20)
}

// respPage serves the app (startServer) and opens the inspector in a
// browser with js/probe.js installed.
func respPage(t *testing.T) *browser {
	t.Helper()
	s := startServer(t, "")
	b := newBrowser(t)
	watchPage(t, b.ctx)
	b.runFirst(script("probe"))
	b.open(s.URL + "/")
	settle(b)
	return b
}

// settle waits until the page has had no long task for half a second: its
// start-up is over.
func settle(b *browser) {
	b.t.Helper()
	waitJS(b, 20*time.Second, `(() => { const l = window.__long || []; const end = l.length ? l[l.length-1].start + l[l.length-1].dur : 0; return performance.now() - end > 500 })()`)
}

// paste clicks into the editor and waits for the engine's warm-up
// (js/click_into_editor.js), then pastes payload and returns the figures;
// click as in js/paste_measured.js.
func paste(b *browser, payload []byte, click string, timeout time.Duration) pasteFigures {
	b.t.Helper()
	evalFor[bool](b, 30*time.Second, call("click_into_editor"))
	eval[bool](b, fmt.Sprintf(`(window.__payload = %s, true)`, js(string(payload))))
	ctx, cancel := context.WithTimeout(b.ctx, timeout)
	defer cancel()
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[json.RawMessage](call("paste_measured", len(payload), click), chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("pasting %d bytes: %v\nverdict: %s\nconsole:\n%s", len(payload), err,
			eval[string](b, `(document.querySelector("#verdict")||{}).textContent||""`), b.consoleText())
	}
	var f pasteFigures
	if err := json.Unmarshal(raw, &f); err != nil {
		b.t.Fatal(err)
	}
	return f
}

// profilePaste pastes payload under the DevTools CPU profiler and logs
// where the time went (analyse).
func profilePaste(t *testing.T, b *browser, payload []byte) {
	startProfile(b)
	f := paste(b, payload, "", 60*time.Second)
	prof := stopProfile(b)
	t.Logf("profiled paste: %s", f)
	analyse(t, prof)
}

// TestResponsivePaste5000 pastes the largest batch Event Grid delivers: the
// verdict is right, and a click made while the inspection runs is handled
// before it completes.
func TestResponsivePaste5000(t *testing.T) {
	b := respPage(t)
	payload := gen.Batch(gen.EventGrid, gen.MaxEvents)
	before := eval[int](b, `window.__wasm ? window.__wasm.exports.mem.buffer.byteLength : 0`)
	mode := os.Getenv("EVENTLENS_PROFILE") // "second" profiles the second paste
	if mode != "" && mode != "second" {
		profilePaste(t, b, payload)
		return
	}
	f := paste(b, payload, "#tab-cloudevents", 60*time.Second)
	t.Logf("paste of %d events (%d bytes): %s (%d MiB before)", gen.MaxEvents, len(payload), f, before>>20)
	want := inspect.Inspect(payload)
	if got := verdictText(b); !strings.Contains(got, "Event Grid batch of 5000 events") || !strings.Contains(got, fmt.Sprintf("%d errors", want.Errors)) {
		t.Errorf("verdict = %q, want the engine's (%s)", got, want.Summary())
	}
	if got := eval[string](b, `document.querySelector("#verdict").dataset.valid`); got != fmt.Sprint(want.Valid) {
		t.Errorf("verdict valid = %s, engine says %v", got, want.Valid)
	}
	if !f.ClickWhileInspecting {
		t.Errorf("the click was made with the inspection complete (at %.0f ms): the page never showed it inspecting", f.ClickAt)
	}
	if !f.ClickBeforeComplete {
		t.Errorf("a click made while inspecting (at %.0f ms) showed at %.0f ms, after the inspection completed (%.0f ms): the page was not interactive", f.ClickAt, f.ClickShown, f.Complete)
	}
	// The clicked tab shows the converted batch, capped.
	if got := eval[string](b, `document.querySelector("#cloudevents").textContent`); !strings.Contains(got, `"specversion": "1.0"`) {
		t.Errorf("#cloudevents = %.200q", got)
	}
	// The event picker lists the events once the pointer comes near it,
	// and shows one event alone.
	if n := eval[int](b, `document.querySelectorAll("#event-picker option").length`); n != 1 {
		t.Errorf("the picker lists %d options before it is used", n)
	}
	eval[bool](b, `document.querySelector("#event-picker").dispatchEvent(new MouseEvent("mouseover", {bubbles: true}))`)
	waitJS(b, 10*time.Second, `document.querySelectorAll("#event-picker option").length === 1002`)
	eval[bool](b, `(() => { const s = document.querySelector("#event-picker"); s.value = "2"; s.dispatchEvent(new Event("change", {bubbles: true})); return true })()`)
	waitJS(b, 10*time.Second, fmt.Sprintf(`document.querySelector("#cloudevents").textContent.startsWith("{") && document.querySelector("#cloudevents").textContent.includes(%s)`, js(want.Events[2].ID)))
	if n := eval[int](b, `document.querySelectorAll("#diagnostics li").length`); n > 200 {
		t.Errorf("%d diagnostics listed for one event", n)
	}

	// A second paste of the same size (the page is warm, old views go).
	second := gen.Batch(gen.CloudEvents, gen.MaxEvents)
	if mode == "second" {
		profilePaste(t, b, second)
		return
	}
	f2 := paste(b, second, "", 60*time.Second)
	t.Logf("second paste, %d CloudEvents (%d bytes): %s", gen.MaxEvents, len(second), f2)
	if got := verdictText(b); !strings.Contains(got, "CloudEvents batch of 5000 events") {
		t.Errorf("verdict = %q", got)
	}
}

// TestResponsiveTyping1MB types into a 1 MB payload: every keystroke is
// answered at once; typing inside an event is checked at once, that event
// alone, and typing elsewhere waits until typing pauses.
func TestResponsiveTyping1MB(t *testing.T) {
	b := respPage(t)
	payload, n := batchOfAtLeast(1 << 20)
	f := paste(b, payload, "", 60*time.Second)
	t.Logf("paste of %d events (%d bytes): %s", n, len(payload), f)
	editAsText(b, len(payload))

	// Type ten characters at the end, each once the previous one is on
	// screen, as the browser does: the figures are logged.
	const keys = 10
	var ty struct {
		Keystrokes []float64 `json:"keystrokes"`
		Frames     []int     `json:"frames"`
		During     []string  `json:"during"`
		After      float64   `json:"after"`
		LongTasks  []int     `json:"longtasks"`
	}
	if err := json.Unmarshal(evalFor[json.RawMessage](b, 60*time.Second, call("type_paced", keys)), &ty); err != nil {
		t.Fatal(err)
	}
	t.Logf("typing into %d bytes: keystroke handling (the browser's edit and the input event) %v ms; keystroke to next frame %v ms; verdicts shown while typing %v; long tasks %v; verdict %.0f ms after the last key",
		len(payload), ty.Keystrokes, ty.Frames, ty.During, ty.LongTasks, ty.After)
	if got, want := eval[string](b, `document.querySelector("#verdict").dataset.bytes`), fmt.Sprint(len(payload)+keys); got != want {
		t.Errorf("after typing the verdict describes %s bytes, want %s", got, want)
	}

	if !eval[bool](b, `document.querySelector("#verdict").dataset.incremental === "true"`) {
		t.Error("typing at the end of the last event inspected the whole text again, not that event alone")
	}

	// Keys typed in one task (no timer runs between them): inside an
	// event, each is checked at once, that event alone; where the text no
	// longer decodes, the inspection waits until typing pauses and runs
	// once.
	type burstResult struct {
		Before      string   `json:"before"`
		After       string   `json:"after"`
		Want        string   `json:"want"`
		Seen        []string `json:"seen"`
		Incremental bool     `json:"incremental"`
	}
	burst := func(at, ch any) burstResult {
		t.Helper()
		var r burstResult
		if err := json.Unmarshal(evalFor[json.RawMessage](b, 60*time.Second, call("type_burst", keys, at, ch)), &r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	size := len(payload) + keys
	if r := burst(nil, nil); r.Want != fmt.Sprint(size+keys) || !r.Incremental {
		t.Errorf("a burst at the end of the last event gave a verdict of %s bytes (want %d), incremental %v", r.Want, size+keys, r.Incremental)
	}
	size += keys
	// Letters after the first event's comma: the text no longer decodes.
	doc, err := jsontree.Parse(payload, jsontree.Options{})
	if err != nil || payload[doc.Root.Items[0].End] != ',' {
		t.Fatalf("no comma after the first event: %v", err)
	}
	between := utf16Len(string(payload[:doc.Root.Items[0].End+1]))
	r := burst(between, "x")
	if want := fmt.Sprint(size + keys); r.Want != want || r.Before != fmt.Sprint(size) {
		t.Fatalf("burst typed into %s bytes giving %s, want %d giving %s", r.Before, r.Want, size, want)
	}
	if r.After != r.Before {
		t.Errorf("the verdict changed from %s to %s bytes within the keystrokes' task: typing that breaks the text was inspected as it was typed", r.Before, r.After)
	}
	if len(r.Seen) != 1 || r.Seen[0] != r.Want || r.Incremental {
		t.Errorf("after %d letters typed at once between events the verdict described %v bytes (incremental %v), want only %s from a whole inspection: inspection is not debounced", keys, r.Seen, r.Incremental, r.Want)
	}
}

// TestResponsiveLargeViews pastes a 10 MB batch: every view stays small in
// the page, with "show all" where it is cut, and the input limit is stated.
func TestResponsiveLargeViews(t *testing.T) {
	b := respPage(t)
	if got := eval[string](b, `document.body.textContent`); !strings.Contains(got, "32 MiB") {
		t.Error("the page does not state the 32 MiB input limit")
	}
	n := 17000 // about 10 MB
	payload := gen.Batch(gen.EventGrid, n)
	f := paste(b, payload, "", 120*time.Second)
	t.Logf("paste of %d events (%d bytes): %s", n, len(payload), f)
	if got := verdictText(b); !strings.Contains(got, fmt.Sprintf("Event Grid batch of %d events", n)) {
		t.Errorf("verdict = %q", got)
	}
	elements := func() int { return eval[int](b, `document.querySelectorAll("*").length`) }
	textLen := func(sel string) int {
		return eval[int](b, fmt.Sprintf(`(document.querySelector(%s)||{textContent:""}).textContent.length`, js(sel)))
	}
	const maxElements = 3000
	for _, tab := range []string{"pretty", "eventgrid", "cloudevents"} {
		click(b, "#tab-"+tab)
		waitJS(b, 10*time.Second, `document.querySelector("#`+tab+`") !== null`)
		shown := textLen("#" + tab)
		if shown == 0 || shown > 1<<20 {
			t.Errorf("#%s shows %d characters of a %d-byte payload, want a capped part", tab, shown, len(payload))
		}
		if eval[int](b, `document.querySelectorAll(".show-all-text").length`) != 1 {
			t.Errorf("#%s has no show-all button", tab)
		}
		if n := elements(); n > maxElements {
			t.Errorf("%d elements in the page with the %s tab open", n, tab)
		}
	}
	click(b, "#tab-diff")
	waitJS(b, 10*time.Second, `document.querySelector("#diff table") !== null`)
	if n := eval[int](b, `document.querySelectorAll("#diff table").length`); n > 20 {
		t.Errorf("the mapping lays out %d events", n)
	}
	if n := elements(); n > maxElements {
		t.Errorf("%d elements in the page with the Field mapping tab open", n)
	}
	if n := eval[int](b, `document.querySelectorAll("#diagnostics li").length`); n > 200 {
		t.Errorf("%d diagnostics listed at once", n)
	}

	// Show all: the whole pretty-printed payload, as one text node.
	click(b, "#tab-pretty")
	waitJS(b, 10*time.Second, `document.querySelector("#pretty .show-all-text, .show-all-text") !== null`)
	want := len(inspect.Inspect(payload).Pretty)
	start := time.Now()
	click(b, ".show-all-text")
	waitJS(b, 60*time.Second, fmt.Sprintf(`new TextEncoder().encode(document.querySelector("#pretty").textContent).length === %d`, want))
	t.Logf("show all of %d bytes of pretty text: %v", want, time.Since(start))

	// Compare with a changed copy: the comparison shows, capped.
	click(b, "#compare-toggle")
	waitJS(b, 10*time.Second, `document.querySelector("#compare-input") !== null`)
	start = time.Now()
	setText(b, "#compare-input", string(gen.Changed(gen.EventGrid, n)))
	waitJS(b, 120*time.Second, `document.querySelector('#compare-diff[data-equal="false"]') !== null`)
	t.Logf("comparison of two %d-event batches shown in %v", n, time.Since(start))
	if got := textLen("#compare-left") + textLen("#compare-right"); got > 2<<20 {
		t.Errorf("the compared sides show %d characters", got)
	}
	if n := elements(); n > maxElements {
		t.Errorf("%d elements in the page with compare open", n)
	}

	// Past the limit: refused, saying the limit.
	eval[bool](b, fmt.Sprintf(`(window.__payload = "[" + " ".repeat(%d) + "]", true)`, inspect.MaxBytes))
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[json.RawMessage](call("paste_measured", inspect.MaxBytes+2, ""), chromedp.EvalAwaitPromise)); err != nil {
		t.Fatalf("pasting past the limit: %v", err)
	}
	if got := eval[string](b, `document.querySelector("#diagnostics").textContent`); !strings.Contains(got, "more than the 32 MiB limit") {
		t.Errorf("diagnostics past the limit = %.300q", got)
	}
}

// editAsText presses "Edit as text" and waits until the code editor holds
// the payload, n UTF-16 code units long.
func editAsText(b *browser, n int) {
	b.t.Helper()
	// The code editor places the caret in the page only while the page
	// has the focus, which a headless page lacks unless emulated.
	b.do(10*time.Second, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true})
		return err
	}))
	click(b, "#edit-as-text")
	waitJS(b, 30*time.Second, fmt.Sprintf(`(() => { const h = %s; return !!h && h.length() === %d })()`, codeEditor, n))
}

// largePayload is a batch of about 1.2 MB (over the viewer's threshold,
// under the draft limit) whose last event has a misspelled type, and the
// engine's report of it.
func largePayload(t *testing.T) ([]byte, *inspect.Report) {
	t.Helper()
	payload := gen.Batch(gen.EventGrid, 2000)
	const right = `"Microsoft.SignalRService.ClientConnectionConnected"`
	k := strings.LastIndex(string(payload), right)
	if k < 0 {
		t.Fatal("the generated batch has no ClientConnectionConnected event")
	}
	payload = []byte(string(payload[:k]) + `"Microsoft.SignalRService.ClientConnectionConected"` + string(payload[k+len(right):]))
	return payload, inspect.Inspect(payload)
}

// viewerState is what the large payload's viewer shows.
type viewerState struct {
	InputHidden  bool   `json:"inputHidden"`
	InputValue   int    `json:"inputValue"`
	ViewerHidden bool   `json:"viewerHidden"`
	Label        string `json:"label"`
	Text         string `json:"text"`
	Numbers      string `json:"numbers"`
	ScrollTop    int    `json:"scrollTop"`
	Height       int    `json:"height"`
}

func viewer(b *browser) viewerState {
	b.t.Helper()
	raw := eval[json.RawMessage](b, call("viewer_state"))
	var v viewerState
	if err := json.Unmarshal(raw, &v); err != nil {
		b.t.Fatal(err)
	}
	return v
}

// TestResponsiveLargePaste pastes a 1.2 MB batch: the page takes the paste
// (the textarea stays empty), shows it in the read-only viewer with its
// size and lines, draws only the visible lines, follows scrolling by
// mouse and keyboard, and gives the verdict.
func TestResponsiveLargePaste(t *testing.T) {
	b := respPage(t)
	payload, want := largePayload(t)
	lines := strings.Split(string(payload), "\n")
	f := paste(b, payload, "", 60*time.Second)
	t.Logf("paste of %d bytes: %s", len(payload), f)
	if !f.Handled {
		t.Error("the page let the browser put a 1.2 MB paste into the textarea")
	}
	if got := verdictText(b); !strings.Contains(got, "Event Grid batch of 2000 events") || !strings.Contains(got, count(want.Errors, "error")) {
		t.Errorf("verdict = %q, engine: %s", got, want.Summary())
	}
	v := viewer(b)
	if !v.InputHidden || v.InputValue != 0 || v.ViewerHidden {
		t.Errorf("after a large paste: textarea hidden %v with %d characters, viewer hidden %v", v.InputHidden, v.InputValue, v.ViewerHidden)
	}
	if wantLabel := fmt.Sprintf("Large payload — 1.1 MB, %s lines, read-only view", commaInt(len(lines))); v.Label != wantLabel {
		t.Errorf("label = %q, want %q", v.Label, wantLabel)
	}
	if v.Height < len(lines)*20 {
		t.Errorf("the scroll area is %d px tall for %d lines", v.Height, len(lines))
	}
	drawn := strings.Split(v.Text, "\n")
	if len(drawn) > 400 || len(drawn) < 20 || drawn[0] != lines[0] || drawn[5] != lines[5] {
		t.Errorf("drawn %d lines, starting %q", len(drawn), drawn[:min(3, len(drawn))])
	}
	if !strings.HasPrefix(v.Numbers, "1\n2\n3\n") {
		t.Errorf("line numbers start %.20q", v.Numbers)
	}

	// Scrolling draws later lines, still only a few.
	eval[bool](b, `(document.querySelector("#large-scroll").scrollTop = 30000 * 20, true)`)
	waitJS(b, 20*time.Second, `document.querySelector("#large-lines").textContent.split("\n").includes("30001")`)
	v = viewer(b)
	drawn = strings.Split(v.Text, "\n")
	nums := strings.Split(v.Numbers, "\n")
	if len(drawn) > 400 || len(drawn) != len(nums) {
		t.Errorf("after scrolling: %d lines and %d numbers drawn", len(drawn), len(nums))
	}
	for i, n := range nums {
		var k int
		fmt.Sscan(n, &k)
		if k < 1 || k > len(lines) || drawn[i] != lines[k-1] {
			t.Fatalf("line %s drawn as %q, want %q", n, drawn[i], lines[max(k-1, 0)])
		}
	}
	if n := eval[int](b, `document.querySelectorAll("*").length`); n > 3000 {
		t.Errorf("%d elements in the page", n)
	}

	// The keyboard scrolls it, with the focus visible.
	eval[bool](b, `(document.querySelector("#large-download").focus(), true)`)
	b.do(5*time.Second, chromedp.KeyEvent(kb.Tab))
	if got := eval[string](b, `document.activeElement.id`); got != "large-scroll" {
		t.Errorf("focus on %q, want the viewer", got)
	}
	if got := eval[string](b, `getComputedStyle(document.querySelector("#large-scroll")).outlineStyle`); got == "none" {
		t.Error("the focused viewer shows no outline")
	}
	before := v.ScrollTop
	b.do(5*time.Second, chromedp.KeyEvent(kb.PageDown))
	waitJS(b, 20*time.Second, fmt.Sprintf(`document.querySelector("#large-scroll").scrollTop > %d`, before))
	b.do(5*time.Second, chromedp.KeyEvent(kb.End))
	waitJS(b, 20*time.Second, fmt.Sprintf(`document.querySelector("#large-lines").textContent.endsWith("\n%d")`, len(lines)))

	// The positions come from the CSSOM, which the CSP allows.
	if got := eval[[]string](b, `window.__csp || []`); len(got) > 0 {
		t.Errorf("CSP violations: %v", got)
	}
	if errs := b.consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}

	// At 360 px the viewer fits the screen.
	b.do(10*time.Second, chromedp.EmulateViewport(360, 800))
	if w := eval[int](b, `document.querySelector("#large-scroll").getBoundingClientRect().right`); w > 360 {
		t.Errorf("at 360 px the viewer ends at %d px", w)
	}
	if w := eval[int](b, `document.documentElement.scrollWidth`); w > 360 {
		t.Errorf("at 360 px the page is %d px wide: %s", w, eval[string](b, `[...document.querySelectorAll("*")].filter(e => e.getBoundingClientRect().right > 361).map(e => e.tagName + "#" + e.id + "." + e.className).join(" ")`))
	}
}

// TestResponsiveLargeDiagnostic clicks a diagnostic of a large payload: the
// viewer scrolls to its line and marks it; its fix applies to the text
// held by the page, which is inspected again.
func TestResponsiveLargeDiagnostic(t *testing.T) {
	b := respPage(t)
	payload, want := largePayload(t)
	paste(b, payload, "", 60*time.Second)
	idx := -1
	for i, d := range want.Diagnostics {
		if i < 200 && d.Line > 1000 && (idx < 0 || d.Fix != nil) {
			idx = i
		}
	}
	if idx < 0 {
		t.Fatalf("no diagnostic past line 1000 in %s", want.Summary())
	}
	d := want.Diagnostics[idx]
	lines := strings.Split(string(payload), "\n")
	click(b, fmt.Sprintf(`#diagnostics li[data-index="%d"] .diag-go`, idx))
	waitJS(b, 20*time.Second, fmt.Sprintf(`document.querySelector("#large-lines").textContent.split("\n").includes("%d")`, d.Line))
	if got := eval[string](b, `document.querySelector("#large-mark").dataset.line`); got != fmt.Sprint(d.Line) || eval[bool](b, `document.querySelector("#large-mark").hidden`) {
		t.Errorf("marked line %s, want %d", got, d.Line)
	}
	// The marked line is on screen, where line d.Line is drawn.
	onScreen := eval[bool](b, `(() => { const s = document.querySelector("#large-scroll").getBoundingClientRect(), m = document.querySelector("#large-mark").getBoundingClientRect(); return m.top >= s.top && m.bottom <= s.bottom })()`)
	if !onScreen {
		t.Error("the marked line is not in view")
	}
	if !strings.Contains(viewer(b).Text, lines[d.Line-1]) {
		t.Errorf("line %d (%q) is not drawn", d.Line, lines[d.Line-1])
	}
	if got := eval[string](b, `document.querySelector("#caret").textContent`); got != fmt.Sprintf("Ln %d, Col %d", d.Line, d.Column) {
		t.Errorf("caret = %q", got)
	}
	if got := eval[string](b, `document.activeElement.id`); got != "large-scroll" {
		t.Errorf("focus on %q after the click, want the viewer", got)
	}
	if d.Fix == nil {
		t.Logf("%s has no fix: not applied", d.Code)
		return
	}
	fixed := inspect.ApplyFix(payload, d.Fix)
	click(b, fmt.Sprintf(`#diagnostics li[data-index="%d"] .apply-fix`, idx))
	waitJS(b, 30*time.Second, fmt.Sprintf(`document.querySelector('#verdict[data-bytes="%d"]') !== null && document.querySelector("#verdict").dataset.complete === "true"`, len(fixed)))
	if got, w := verdictText(b), inspect.Inspect(fixed); !strings.Contains(got, count(w.Errors, "error")) {
		t.Errorf("after the fix the verdict is %q, engine: %s", got, w.Summary())
	}
	click(b, "#undo-clear")
	waitJS(b, 30*time.Second, fmt.Sprintf(`document.querySelector('#verdict[data-bytes="%d"]') !== null`, len(payload)))
}

// TestResponsiveLargeEditAsText moves a large payload into the code editor:
// it holds the payload, the textarea and the viewer are hidden, the
// report stays, and typing into it inspects again.
func TestResponsiveLargeEditAsText(t *testing.T) {
	b := respPage(t)
	payload, _ := largePayload(t)
	paste(b, payload, "", 60*time.Second)
	editAsText(b, len(payload))
	if got := eval[string](b, `document.querySelector("#code-editor").eventlensEditor.text()`); got != string(payload) {
		t.Errorf("the code editor holds %d characters, not the payload", len(got))
	}
	v := viewer(b)
	if !v.ViewerHidden || !v.InputHidden {
		t.Errorf("after Edit as text: viewer hidden %v, textarea hidden %v; want both hidden", v.ViewerHidden, v.InputHidden)
	}
	// Its own styles apply (the page's policy allows no inline style),
	// and it draws the lines in view, not the whole text.
	if ws := eval[string](b, `getComputedStyle(document.querySelector("#code-editor .cm-content")).whiteSpace`); ws != "pre" {
		t.Errorf("the code editor's text has white-space %q, want its own style's pre", ws)
	}
	if c := b.consoleText(); strings.Contains(c, "Content Security Policy") {
		t.Errorf("the code editor broke the page's Content-Security-Policy:\n%s", c)
	}
	if lines := eval[int](b, `document.querySelectorAll("#code-editor .cm-line").length`); lines == 0 || lines > 2000 {
		t.Errorf("the code editor draws %d lines of the payload's %d", lines, strings.Count(string(payload), "\n")+1)
	}
	if got := eval[string](b, `document.querySelector("#notice").textContent`); !strings.Contains(got, "code editor") {
		t.Errorf("notice = %q", got)
	}
	if got := eval[string](b, `document.activeElement.closest("#code-editor") ? "code-editor" : document.activeElement.id`); got != "code-editor" {
		t.Errorf("focus on %q after Edit as text, want the code editor", got)
	}
	// The report still describes it, and typing inspects again.
	if got := eval[string](b, `document.querySelector("#verdict").dataset.bytes`); got != fmt.Sprint(len(payload)) {
		t.Errorf("verdict describes %s bytes", got)
	}
	var r struct {
		Want string `json:"want"`
	}
	if err := json.Unmarshal(evalFor[json.RawMessage](b, 60*time.Second, call("type_burst", 1, nil, nil)), &r); err != nil {
		t.Fatal(err)
	}
	if r.Want != fmt.Sprint(len(payload)+1) {
		t.Errorf("after a space typed the verdict describes %s bytes, want %d", r.Want, len(payload)+1)
	}
}

// TestResponsiveLargeClearUndo clears a large payload and brings it back.
func TestResponsiveLargeClearUndo(t *testing.T) {
	b := respPage(t)
	payload, _ := largePayload(t)
	paste(b, payload, "", 60*time.Second)
	click(b, "#large-clear")
	waitJS(b, 10*time.Second, `document.querySelector('#verdict[data-bytes="0"]') !== null`)
	v := viewer(b)
	if !v.ViewerHidden || v.InputHidden || v.InputValue != 0 {
		t.Errorf("after Clear: viewer hidden %v, textarea hidden %v with %d characters", v.ViewerHidden, v.InputHidden, v.InputValue)
	}
	click(b, "#undo-clear")
	waitJS(b, 30*time.Second, fmt.Sprintf(`document.querySelector('#verdict[data-bytes="%d"]') !== null`, len(payload)))
	v = viewer(b)
	if v.ViewerHidden || !strings.HasPrefix(v.Text, "[{\n") {
		t.Errorf("after Undo clear: viewer hidden %v, text %.20q", v.ViewerHidden, v.Text)
	}
}

// TestResponsiveLargeReload reloads the page: a large payload within the
// draft limit comes back in the viewer; one past it is not kept.
func TestResponsiveLargeReload(t *testing.T) {
	b := respPage(t)
	payload, _ := largePayload(t)
	paste(b, payload, "", 60*time.Second)
	b.do(30*time.Second, chromedp.Reload())
	b.waitApp()
	waitJS(b, 30*time.Second, fmt.Sprintf(`document.querySelector('#verdict[data-bytes="%d"]') !== null`, len(payload)))
	v := viewer(b)
	if v.ViewerHidden || v.InputValue != 0 || !strings.HasPrefix(v.Label, "Large payload") {
		t.Errorf("after reload: viewer hidden %v, textarea %d characters, label %q", v.ViewerHidden, v.InputValue, v.Label)
	}

	// Past the draft limit (2 Mi UTF-16 units) the draft is dropped.
	big := gen.Batch(gen.EventGrid, gen.MaxEvents)
	paste(b, big, "", 60*time.Second)
	if got := eval[bool](b, `localStorage.getItem("eventlens.draft") === null`); !got {
		t.Error("a 3 MB payload was kept as the draft")
	}
	b.do(30*time.Second, chromedp.Reload())
	b.waitApp()
	time.Sleep(500 * time.Millisecond)
	v = viewer(b)
	if !v.ViewerHidden || v.InputValue != 0 {
		t.Errorf("after reload past the draft limit: viewer hidden %v, textarea %d characters", v.ViewerHidden, v.InputValue)
	}
}

// count writes "1 error", "2 errors".
func count(n int, one string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %ss", n, one)
}

// commaInt writes n with thousands separators.
func commaInt(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// TestResponsiveCompareLarge compares two 10 MB batches: the comparison
// runs in steps with its progress shown, a click is handled while it runs,
// and the number of changes shown is the engine's.
func TestResponsiveCompareLarge(t *testing.T) {
	b := respPage(t)
	n := 17000 // about 10 MB each
	left, right := gen.Batch(gen.EventGrid, n), gen.Changed(gen.EventGrid, n)
	f := paste(b, left, "", 120*time.Second)
	t.Logf("paste of the left batch (%d bytes): %s", len(left), f)
	click(b, "#compare-toggle")
	waitJS(b, 10*time.Second, `document.querySelector("#compare-input") !== null`)
	settle(b)
	eval[bool](b, fmt.Sprintf(`(window.__payload = %s, true)`, js(string(right))))
	ctx, cancel := context.WithTimeout(b.ctx, 180*time.Second)
	defer cancel()
	var res struct {
		Progress       float64 `json:"progress"`
		ProgressText   string  `json:"progressText"`
		ClickAt        float64 `json:"clickAt"`
		ClickShown     float64 `json:"clickShown"`
		ClickWhileBusy bool    `json:"clickWhileBusy"`
		Complete       float64 `json:"complete"`
		Status         string  `json:"status"`
		LongTasks      []int   `json:"longtasks"`
	}
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[json.RawMessage](call("compare_measured", "#tab-cloudevents"), chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("comparing: %v\nstatus: %s\nconsole:\n%s", err, eval[string](b, `(document.querySelector("#compare-status")||{}).textContent||""`), b.consoleText())
	}
	if err := json.Unmarshal(raw, &res); err != nil {
		t.Fatal(err)
	}
	t.Logf("comparison of two %d-event batches (%d and %d bytes): progress shown %.0f ms (%q), click at %.0f ms shown %.0f ms (while comparing: %v), complete %.0f ms; long tasks %v (longest %d ms)",
		n, len(left), len(right), res.Progress, res.ProgressText, res.ClickAt, res.ClickShown, res.ClickWhileBusy, res.Complete,
		res.LongTasks, slices.Max(append([]int{0}, res.LongTasks...)))
	if !strings.HasPrefix(res.ProgressText, "Comparing event ") || !strings.HasSuffix(res.ProgressText, " of "+commaInt(n)+"…") {
		t.Errorf("progress = %q, want Comparing event … of %s…", res.ProgressText, commaInt(n))
	}
	if !res.ClickWhileBusy {
		t.Error("the click's effect showed only after the comparison: the page did not handle it while comparing")
	}
	want := inspect.Diff(left, right, false)
	if w := want.Summary(); res.Status != w {
		t.Errorf("status = %q, want %q (the engine's changes)", res.Status, w)
	}
	if shown := eval[int](b, `document.querySelectorAll("#compare-changes li.op-add, #compare-changes li.op-remove, #compare-changes li.op-replace, #compare-changes li.op-move").length`); shown != min(len(want.Changes), 200) {
		t.Errorf("%d changes listed, want %d (the engine's, up to 200)", shown, min(len(want.Changes), 200))
	}
}
