//go:build browser

package browsertest

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"eventlens/app/share"
)

// compareRestoreLabel is the compare mode's Undo button after a share link
// replaced its second payload.
const compareRestoreLabel = "Undo: restore your previous second payload"

// TestCompareShareLink makes a share link with Compare open: the link
// carries the second payload and the semantic mode, a link too large with
// them says so, and opening the link, in the same tab with Compare open or
// in a new tab with it closed, restores Compare with both sides; the
// second payload it replaced comes back with the compare mode's Undo.
func TestCompareShareLink(t *testing.T) {
	_, b := uiPage(t)
	left := enterSample(t, b, "eventgrid-connected")
	click(b, "#compare-toggle")
	waitJS(b, 5*time.Second, `document.querySelector("#compare-input") !== null`)
	right := strings.Replace(left, `"hubName": "chat"`, `"hubName": "lobby"`, 1)
	setText(b, "#compare-input", right)
	waitJS(b, 5*time.Second, `document.querySelector('#compare-diff[data-equal="false"]') !== null`)
	click(b, "#semantic")
	waitJS(b, 5*time.Second, `localStorage.getItem("eventlens.compare.semantic") === "1"`)

	click(b, "#share")
	waitJS(b, 5*time.Second, `document.querySelector("#share-link") !== null`)
	link := eval[string](b, `document.querySelector("#share-link").value`)
	u, err := url.Parse(link)
	if err != nil {
		t.Fatalf("share link %q: %v", link, err)
	}
	l, ok, err := share.DecodeLink(u.Fragment)
	if err != nil || !ok || string(l.Payload) != left || l.Compare == nil || string(l.Compare.Right) != right || !l.Compare.Semantic {
		t.Fatalf("the share link made with Compare open holds %+v, %v, %v", l, ok, err)
	}
	if got := noticeText(b); !strings.Contains(got, "second payload") {
		t.Errorf("notice = %q, want it to say the second payload travels", got)
	}

	// A second payload too large for a link: refused, and said so.
	big := make([]byte, 0, 200_000)
	for i := 0; len(big) < 190_000; i++ {
		big = fmt.Appendf(big, "%08x", uint32(i)*2654435761)
	}
	setText(b, "#compare-input", string(big))
	click(b, "#share")
	waitJS(b, 5*time.Second, `document.querySelector("#notice").textContent.includes("too large")`)
	if got := noticeText(b); !strings.Contains(got, "Close Compare") || !strings.Contains(got, "65536") {
		t.Errorf("refusal = %q, want the limit and what to do", got)
	}

	// The user's own second payload, compared as text.
	mine := strings.Replace(left, `"hubName": "chat"`, `"hubName": "mine"`, 1)
	setText(b, "#compare-input", mine)
	click(b, "#semantic")
	waitJS(b, 5*time.Second, fmt.Sprintf(`localStorage.getItem("eventlens.compare") === %s && localStorage.getItem("eventlens.compare.semantic") === null`, js(mine)))

	check := func(b *browser) {
		t.Helper()
		waitInspected(b, left)
		waitJS(b, 10*time.Second, fmt.Sprintf(`document.querySelector("#compare-input") !== null && document.querySelector("#compare-input").value === %s`, js(right)))
		waitJS(b, 10*time.Second, `document.querySelector('#compare-diff[data-equal="false"]') !== null`)
		if !eval[bool](b, `document.querySelector("#semantic").checked`) {
			t.Error("the link's semantic mode is off")
		}
		if got := eval[string](b, `[...document.querySelectorAll("#compare-right mark.changed .chars")].map(e => e.textContent).join("|")`); got != "lobby" {
			t.Errorf("the right side marks %q, want lobby", got)
		}
		if got := noticeText(b); !strings.Contains(got, compareRestoreLabel) {
			t.Errorf("notice = %q, want it to say %q", got, compareRestoreLabel)
		}
		if got := eval[string](b, `(e => e && !e.hidden ? e.textContent : "")(document.querySelector("#compare-undo"))`); got != compareRestoreLabel {
			t.Fatalf("the compare mode's Undo button = %q, want %q", got, compareRestoreLabel)
		}
		click(b, "#compare-undo")
		waitJS(b, 10*time.Second, fmt.Sprintf(`document.querySelector("#compare-input").value === %s`, js(mine)))
		waitJS(b, 10*time.Second, `[...document.querySelectorAll("#compare-right mark.changed .chars")].map(e => e.textContent).join("|") === "mine"`)
		if eval[bool](b, `document.querySelector("#semantic").checked`) {
			t.Error("Undo left the link's semantic mode on")
		}
		if got := eval[string](b, `localStorage.getItem("eventlens.compare")`); got != mine {
			t.Errorf("saved second payload after Undo = %q", got)
		}
		if got := eval[string](b, `(e => e && !e.hidden ? e.textContent : "")(document.querySelector("#compare-undo"))`); got != "" {
			t.Errorf("the compare mode's Undo button is still offered: %q", got)
		}
	}

	// The same tab, Compare open: the fragment changes.
	b.do(10*time.Second, chromedp.Navigate(link))
	check(b)

	// A new tab of the same browser, Compare closed: the link opens it.
	click(b, "#compare-toggle")
	waitJS(b, 5*time.Second, `document.querySelector("#compare") === null && localStorage.getItem("eventlens.compare.open") === null`)
	tab, cancel := chromedp.NewContext(b.ctx)
	defer cancel()
	watchPage(t, tab)
	b2 := &browser{t: t, ctx: tab}
	b2.open(link)
	check(b2)
}
