//go:build browser

package browsertest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"eventlens/app/samples"
	"eventlens/app/share"
)

// These tests cover what must never lose the user's input or hide it.

// restoreLabel is the Undo button's label after an action replaced the
// payload.
const restoreLabel = "Undo: restore your previous text"

// inputValue returns the editor's text.
func inputValue(b *browser) string {
	b.t.Helper()
	return eval[string](b, `document.querySelector("#input").value`)
}

// TestUISampleMenuKeyboard moves through the samples menu with the arrow
// keys and by typing a letter: each loads the sample it reaches, and the
// menu keeps naming it.
func TestUISampleMenuKeyboard(t *testing.T) {
	_, b := uiPage(t)
	all := samples.All()
	b.do(5*time.Second, chromedp.Focus(chromedp.CSS("#samples")))
	for i := range 2 {
		want := all[i]
		b.do(5*time.Second, chromedp.KeyEvent(kb.ArrowDown))
		waitJS(b, 10*time.Second, fmt.Sprintf(`document.querySelector("#input").value === %s`, js(want.Text)))
		waitInspected(b, want.Text)
		if got := eval[string](b, `document.querySelector("#samples").value`); got != want.ID {
			t.Errorf("after ArrowDown %d the menu's value is %q, want %q", i+1, got, want.ID)
		}
		if got := eval[string](b, `document.querySelector("#samples").selectedOptions[0].textContent`); got != want.Title {
			t.Errorf("after ArrowDown %d the menu shows %q, want %q", i+1, got, want.Title)
		}
		if got := eval[string](b, `document.activeElement.id`); got != "samples" {
			t.Fatalf("loading a sample moved the focus to %q", got)
		}
	}
	// Typing a letter picks the first sample whose title starts with it.
	var first samples.Sample
	for _, s := range all {
		if strings.HasPrefix(s.Title, "C") {
			first = s
			break
		}
	}
	b.do(5*time.Second, chromedp.KeyEvent("C"))
	waitJS(b, 10*time.Second, fmt.Sprintf(`document.querySelector("#input").value === %s`, js(first.Text)))
	if got := eval[string](b, `document.querySelector("#samples").value`); got != first.ID {
		t.Errorf("after typing C the menu's value is %q, want %q", got, first.ID)
	}
	// The previous text can be brought back from the page.
	click(b, "#undo-clear")
	waitJS(b, 10*time.Second, fmt.Sprintf(`document.querySelector("#input").value === %s`, js(all[1].Text)))
}

// TestUITabAfterDiagnosticKeepsValue selects a diagnostic's place from the
// keyboard, then presses Tab: the value stays and the focus leaves the
// editor.
func TestUITabAfterDiagnosticKeepsValue(t *testing.T) {
	_, b := uiPage(t)
	text := enterSample(t, b, "broken-misspelled-type")
	b.do(5*time.Second, chromedp.Focus(chromedp.CSS(`#diagnostics li[data-code="EG001"] .diag-go`)), chromedp.KeyEvent("\r"))
	waitJS(b, 5*time.Second, `document.activeElement.id === "input" && document.querySelector("#input").selectionEnd > document.querySelector("#input").selectionStart`)
	b.do(5*time.Second, chromedp.KeyEvent("\t"))
	if got := inputValue(b); got != text {
		t.Errorf("Tab on the selected value changed the text:\n%s", got)
	}
	if got := eval[string](b, `document.activeElement.id`); got == "input" {
		t.Error("Tab on the selected value left the focus in the editor")
	}
	if got := eval[string](b, `document.querySelector("#verdict").dataset.bytes`); got != fmt.Sprint(len(text)) {
		t.Errorf("the verdict describes %s bytes, want %d", got, len(text))
	}
	if n := eval[int](b, `document.querySelectorAll('#diagnostics li[data-code="EG001"] .apply-fix').length`); n != 1 {
		t.Errorf("%d Apply fix buttons for EG001 after Tab, want 1", n)
	}
	// Once the user moves the caret, Tab indents again.
	b.do(5*time.Second, chromedp.Focus(chromedp.CSS("#input")),
		chromedp.Evaluate[chromedp.Void](`document.querySelector("#input").setSelectionRange(1, 1)`),
		chromedp.KeyEvent("\t"))
	if got := inputValue(b); got != text[:1]+"  "+text[1:] {
		t.Errorf("Tab at the caret did not insert two spaces: %.20q", got)
	}
}

// TestUIShareLinkKeepsDraft opens a share link over a draft, in a new tab
// and in the same one: the draft comes back from the Undo button and the
// link stays on the page to copy.
func TestUIShareLinkKeepsDraft(t *testing.T) {
	s, b := uiPage(t)
	draft := enterSample(t, b, "cloudevents-disconnected")
	shared := sample(t, "eventgrid-connected")
	frag, err := share.Encode([]byte(shared))
	if err != nil {
		t.Fatal(err)
	}
	link := s.URL + "/#" + frag

	check := func(b *browser) {
		t.Helper()
		waitInspected(b, shared)
		if got := eval[string](b, `document.querySelector("#notice").textContent`); !strings.Contains(got, restoreLabel) {
			t.Errorf("notice = %q, want it to say %q", got, restoreLabel)
		}
		if got := eval[string](b, `document.querySelector("#share-link") ? document.querySelector("#share-link").value : ""`); got != link {
			t.Errorf("share link on the page = %q, want %q", got, link)
		}
		if got := eval[string](b, `document.querySelector("#undo-clear").hidden ? "" : document.querySelector("#undo-clear").textContent`); got != restoreLabel {
			t.Errorf("Undo button = %q, want %q", got, restoreLabel)
		}
		click(b, "#undo-clear")
		waitInspected(b, draft)
		if got := inputValue(b); got != draft {
			t.Errorf("Undo restored %q", got)
		}
	}

	// The same tab, then a new tab (where the draft is the saved one).
	openInBothTabs(t, b, link, check)
}

// openInBothTabs opens a share link in b's tab (only the fragment changes,
// so the page does not reload) and in a new tab of the same browser, and
// runs check on each.
func openInBothTabs(t *testing.T, b *browser, link string, check func(*browser)) {
	t.Helper()
	b.do(10*time.Second, chromedp.Navigate(link))
	check(b)
	tab, cancel := chromedp.NewContext(b.ctx)
	defer cancel()
	watchPage(t, tab)
	b2 := &browser{t: t, ctx: tab}
	b2.open(link)
	check(b2)
}

// TestUIReplacementsCanBeUndone replaces the payload with a dropped file
// and with a fix: the Undo button brings back the text before each.
func TestUIReplacementsCanBeUndone(t *testing.T) {
	_, b := uiPage(t)
	before := enterSample(t, b, "broken-misspelled-type")
	file := sample(t, "cloudevents-connected")
	dropFile(b, "event.json", file)
	waitInspected(b, file)
	if got := noticeText(b); !strings.Contains(got, restoreLabel) {
		t.Errorf("after the file: notice %q", got)
	}
	click(b, "#undo-clear")
	waitInspected(b, before)
	if got := inputValue(b); got != before {
		t.Errorf("Undo after the file restored %q", got)
	}

	click(b, `#diagnostics li[data-code="EG001"] .apply-fix`)
	waitJS(b, 5*time.Second, `document.querySelector("#notice").textContent.startsWith("Applied")`)
	if got := eval[string](b, `document.querySelector("#undo-clear").hidden ? "" : document.querySelector("#undo-clear").textContent`); got != "Undo fix" {
		t.Errorf("after the fix the Undo button is %q", got)
	}
	click(b, "#undo-clear")
	waitInspected(b, before)
	if got := inputValue(b); got != before {
		t.Errorf("Undo fix restored %q", got)
	}
}

// TestUITabsArrowKeys moves between the output tabs with the arrow keys,
// Home and End (WAI-ARIA tabs pattern): the focused tab is selected and
// is the only one in the Tab order.
func TestUITabsArrowKeys(t *testing.T) {
	_, b := uiPage(t)
	enterSample(t, b, "eventgrid-connected")
	b.do(5*time.Second, chromedp.Focus(chromedp.CSS("#tab-pretty")))
	for _, step := range []struct{ key, want string }{
		{kb.ArrowRight, "eventgrid"},
		{kb.ArrowRight, "cloudevents"},
		{kb.End, "timeline"},
		{kb.ArrowRight, "pretty"},
		{kb.ArrowLeft, "timeline"},
		{kb.ArrowLeft, "diff"},
		{kb.Home, "pretty"},
	} {
		b.do(5*time.Second, chromedp.KeyEvent(step.key))
		waitJS(b, 5*time.Second, fmt.Sprintf(`document.activeElement.id === "tab-%s" && document.querySelector("#tab-%s").getAttribute("aria-selected") === "true" && document.querySelector("#%s") !== null`, step.want, step.want, step.want))
		if got := eval[string](b, `[...document.querySelectorAll('[role="tab"]')].map(e => e.tabIndex).join(",")`); strings.Count(got, "-1") != strings.Count(got, ",") {
			t.Errorf("on %s, the tabs' tabindex are %s: want only the selected one at 0", step.want, got)
		}
	}
}
