//go:build browser

package browsertest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"eventlens/app/diag"
	"eventlens/app/inspect"
	"eventlens/app/samples"
)

// keyboard drives the page with keys alone, and logs each step of the
// walk, so that the walk can be quoted.
type keyboard struct {
	t     *testing.T
	b     *browser
	width int
	n     int // steps so far
}

// step logs one step of the walk.
func (k *keyboard) step(format string, args ...any) {
	k.t.Helper()
	k.n++
	k.t.Logf("%d px, step %d: %s", k.width, k.n, fmt.Sprintf(format, args...))
}

// press sends a key, with Shift when shift.
func (k *keyboard) press(key string, shift bool) {
	k.t.Helper()
	var opts []chromedp.KeyOption
	if shift {
		opts = append(opts, chromedp.KeyModifiers(chromedp.ModifierShift))
	}
	k.b.do(5*time.Second, chromedp.KeyEvent(key, opts...))
}

// focused describes the focused element: #id, or its tag and classes.
func (k *keyboard) focused() string {
	k.t.Helper()
	return eval[string](k.b, `(() => { const e = document.activeElement; if (!e || e === document.body) return "body"; return e.id ? "#" + e.id : e.tagName.toLowerCase() + "." + [...e.classList].join(".") })()`)
}

// tabTo presses Tab (Shift+Tab when back) until the focused element
// matches sel, at most max times, and returns how many it took.
func (k *keyboard) tabTo(sel string, back bool, max int) int {
	k.t.Helper()
	match := fmt.Sprintf(`document.activeElement !== null && document.activeElement.matches(%s)`, js(sel))
	for i := 1; i <= max; i++ {
		if k.focused() == "#input" {
			// In the editor Tab indents; Escape first makes it leave, as
			// the line under the editor says.
			k.press(kb.Escape, false)
		}
		k.press(kb.Tab, back)
		if eval[bool](k.b, match) {
			return i
		}
	}
	k.t.Fatalf("%d px: %d presses of Tab (back %v) did not reach %s; the focus is on %s", k.width, max, back, sel, k.focused())
	return 0
}

// verdictLine returns the verdict as it reads, on one line.
func verdictLine(b *browser) string {
	b.t.Helper()
	return eval[string](b, `document.querySelector("#verdict").innerText.split("\n").map(s => s.trim()).filter(s => s).join(" · ")`)
}

// TestUIKeyboardWalkthrough runs the main flow with the keyboard alone, at
// 360 and 1280 px: a sample from the menu, its verdict, a diagnostic's
// place in the editor, Apply fix, the output tabs, the batch table, an
// event shown alone, Compare, and Undo. Each step checks where the focus
// is and what the page shows, and is logged.
func TestUIKeyboardWalkthrough(t *testing.T) {
	for _, width := range []int{360, 1280} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			_, b := uiPage(t)
			b.do(10*time.Second, chromedp.EmulateViewport(int64(width), 740))
			walk(t, &keyboard{t: t, b: b, width: width})
		})
	}
}

func walk(t *testing.T, k *keyboard) {
	b := k.b
	broken, _ := samples.Get("broken-misspelled-type")
	batch, _ := samples.Get("eventgrid-batch")
	r := inspect.Inspect([]byte(broken.Text))
	var bad diag.Diagnostic
	for _, d := range r.Diagnostics {
		if d.Code == "EG001" {
			bad = d
		}
	}
	if bad.Fix == nil {
		t.Fatalf("the sample %q has no EG001 with a fix: %+v", broken.ID, r.Diagnostics)
	}
	fixed := string(inspect.ApplyFix([]byte(broken.Text), bad.Fix))

	// 1. The samples menu, from the top of the page.
	n := k.tabTo("#samples", false, 10)
	k.step("Tab ×%d from the top of the page reaches the Samples menu (%s)", n, k.focused())

	// 2. A sample from the menu, with the arrow keys.
	presses := 0
	for eval[string](b, `document.querySelector("#samples").value`) != broken.ID {
		if presses++; presses > len(samples.All()) {
			t.Fatalf("ArrowDown ×%d did not reach %q", presses, broken.ID)
		}
		k.press(kb.ArrowDown, false)
	}
	waitInspected(b, broken.Text)
	if got := inputValue(b); got != broken.Text {
		t.Fatalf("the menu shows %q, the editor holds %.60q", broken.Title, got)
	}
	k.step("ArrowDown ×%d loads “%s”; the focus stays on %s", presses, broken.Title, k.focused())
	verdict := verdictLine(b)
	if !strings.Contains(verdict, "error") {
		t.Errorf("verdict %q does not count the error", verdict)
	}
	k.step("the verdict reads %q", verdict)

	// 3. The diagnostic, and Enter to select its place in the editor.
	diag := `#diagnostics li[data-code="EG001"] .diag-go`
	n = k.tabTo(diag, false, 25)
	if got := inputValue(b); got != broken.Text {
		t.Fatalf("Tab through the editor changed the text:\n%s", got)
	}
	k.step("Tab ×%d (Escape first in the editor) reaches the diagnostic EG001 (%s)", n, k.focused())
	k.press(kb.Enter, false)
	want := broken.Text[bad.Offset:bad.End] // ASCII: bytes are UTF-16 units
	waitJS(b, 5*time.Second, fmt.Sprintf(`document.activeElement.id === "input" && (() => { const e = document.querySelector("#input"); return e.value.slice(e.selectionStart, e.selectionEnd) === %s })()`, js(want)))
	k.step("Enter puts the focus in the editor with %s selected (line %d, column %d)", want, bad.Line, bad.Column)

	// 4. Tab leaves the editor without touching the value; Apply fix.
	apply := `#diagnostics li[data-code="EG001"] .apply-fix`
	n = k.tabTo(apply, false, 25)
	if got := inputValue(b); got != broken.Text {
		t.Fatalf("leaving the editor with Tab changed the text:\n%s", got)
	}
	k.step("Tab ×%d leaves the editor (the text unchanged) and reaches “Apply fix” (%s)", n, k.focused())
	k.press(kb.Enter, false)
	waitInspected(b, fixed)
	if got := inputValue(b); got != fixed {
		t.Fatalf("Apply fix wrote %q", got)
	}
	if n := eval[int](b, `document.querySelectorAll('#diagnostics li[data-code="EG001"]').length`); n != 0 {
		t.Errorf("EG001 is still listed after its fix")
	}
	k.step("Enter applies the fix: the verdict reads %q, the notice %q; the focus is on %s", verdictLine(b), noticeText(b), k.focused())

	// 5. The output tabs, with the arrow keys.
	n = k.tabTo(`[role="tab"][aria-selected="true"]`, false, 25)
	k.step("Tab ×%d reaches the selected output tab (%s)", n, k.focused())
	for _, want := range []string{"tab-eventgrid", "tab-cloudevents"} {
		k.press(kb.ArrowRight, false)
		waitJS(b, 5*time.Second, fmt.Sprintf(`document.activeElement.id === %s && document.activeElement.getAttribute("aria-selected") === "true"`, js(want)))
	}
	k.press(kb.Home, false)
	waitJS(b, 5*time.Second, `document.activeElement.id === "tab-pretty" && document.activeElement.getAttribute("aria-selected") === "true"`)
	k.step("ArrowRight ×2 selects the Event Grid tab, then the CloudEvents tab; Home goes back to Pretty (%s)", k.focused())

	// 6. The batch sample, from the menu again.
	n = k.tabTo("#samples", true, 40)
	k.step("Shift+Tab ×%d goes back to the Samples menu", n)
	presses = 0
	for eval[string](b, `document.querySelector("#samples").value`) != batch.ID {
		if presses++; presses > len(samples.All()) {
			t.Fatalf("ArrowUp ×%d did not reach %q", presses, batch.ID)
		}
		k.press(kb.ArrowUp, false)
	}
	waitInspected(b, batch.Text)
	waitJS(b, 5*time.Second, `document.querySelectorAll("#batch-table tr.bt-row").length === 4`)
	k.step("ArrowUp ×%d loads “%s”: the verdict reads %q and the batch table lists 4 events", presses, batch.Title, verdictLine(b))

	// 7. An event of the batch table, shown alone.
	row := `#batch-table tr.bt-row[data-index="2"] .bt-go`
	n = k.tabTo(row, false, 25)
	k.step("Tab ×%d reaches event #2's row in the batch table (%s)", n, k.focused())
	k.press(kb.Enter, false)
	waitJS(b, 5*time.Second, `document.querySelector('#batch-table tr.bt-row[data-index="2"]').getAttribute("aria-selected") === "true" && document.querySelector("#event-picker").value === "2"`)
	if got := k.focused(); got != "button.bt-go" || !eval[bool](b, `document.activeElement.closest("tr").dataset.index === "2"`) {
		t.Errorf("after Enter on event #2's row the focus is on %s", got)
	}
	k.step("Enter shows event #2 alone (the event menu says #2, its row is selected); the focus stays on its row (%s)", k.focused())

	// 8. Compare.
	n = k.tabTo("#compare-toggle", true, 40)
	k.step("Shift+Tab ×%d reaches Compare", n)
	k.press(kb.Enter, false)
	waitJS(b, 5*time.Second, `document.activeElement.id === "compare-input" && document.querySelector("#compare-toggle").getAttribute("aria-pressed") === "true"`)
	k.step("Enter opens Compare and puts the focus in its editor (%s)", k.focused())

	// 9. Undo: back to the fixed text the batch sample replaced.
	n = k.tabTo("#undo-clear", true, 80)
	label := eval[string](b, `document.activeElement.textContent`)
	k.step("Shift+Tab ×%d reaches “%s”", n, label)
	k.press(kb.Enter, false)
	waitInspected(b, fixed)
	if got := inputValue(b); got != fixed {
		t.Errorf("Undo restored %q", got)
	}
	waitJS(b, 5*time.Second, `document.activeElement.id === "input"`)
	k.step("Enter brings back the fixed text: the verdict reads %q; the focus is on %s", verdictLine(b), k.focused())
	if errs := b.consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}
