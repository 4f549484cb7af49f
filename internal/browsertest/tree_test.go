//go:build browser

package browsertest

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"eventlens/app/jsontree"
)

// treeRow is a row of the tree view as js/tree_rows.js reads it.
type treeRow struct {
	Pointer, Line, Text string
	Height, Top, Bottom float64
}

// treeState is the tree view's rows in the page, and its scroll box.
type treeState struct {
	Rows                          []treeRow
	View, ScrollTop, ScrollHeight float64
}

func readTree(b *browser) treeState {
	b.t.Helper()
	return eval[treeState](b, call("tree_rows"))
}

// covers reports whether the rows drawn fill the tree's visible box: no
// gap between rows, from above its top to below its bottom (or the last
// row's end).
func (s treeState) covers(last string) bool {
	if len(s.Rows) == 0 {
		return false
	}
	if s.Rows[0].Top > 0.5 {
		return false
	}
	for i := 1; i < len(s.Rows); i++ {
		if d := s.Rows[i].Top - s.Rows[i-1].Bottom; d > 0.5 || d < -0.5 {
			return false
		}
	}
	end := s.Rows[len(s.Rows)-1]
	return end.Bottom >= s.View-0.5 || end.Pointer == last
}

// TestUITreeLinesAndWrap: each row of the tree view shows the line of its
// value in the editor's text; the Wrap toggle shows long values whole on
// several lines, is remembered across a reload, and the rows drawn still
// fill the view wherever it is scrolled, with a bounded number of rows in
// the page.
func TestUITreeLinesAndWrap(t *testing.T) {
	_, b := uiPage(t)
	// 300 long strings, one a line, after a line of its own.
	values := make([]string, 300)
	for i := range values {
		values[i] = fmt.Sprintf("value %d: %s end", i, strings.Repeat("lorem ipsum ", 20+i%7*10))
	}
	body, err := json.MarshalIndent(values, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	text := string(body)
	doc, err := jsontree.Parse(body, jsontree.Options{})
	if err != nil {
		t.Fatal(err)
	}
	setText(b, "#input", text)
	waitInspected(b, text)
	click(b, "#tree-toggle")
	waitJS(b, 5*time.Second, `document.querySelector("#tree .tv-row") !== null`)

	// Line numbers: each row's is its value's line in the text.
	checkLines := func(s treeState) {
		t.Helper()
		for _, r := range s.Rows {
			n := doc.Root.Lookup(r.Pointer)
			if n == nil {
				t.Fatalf("row %q points at no value", r.Pointer)
			}
			if r.Line != strconv.Itoa(n.Pos.Line) {
				t.Errorf("row %s shows line %q, its value is on line %d", r.Pointer, r.Line, n.Pos.Line)
			}
		}
	}
	s := readTree(b)
	checkLines(s)
	if len(s.Rows) < 2 || s.Rows[1].Line != "2" {
		t.Fatalf("rows %+v", s.Rows[:min(len(s.Rows), 2)])
	}

	// Unwrapped: one clipped line a row, the long value shortened.
	if got := eval[string](b, `document.querySelector("#tree-wrap").getAttribute("aria-pressed")`); got != "false" {
		t.Errorf("Wrap starts pressed: %q", got)
	}
	if r := s.Rows[1]; r.Height != 22 || strings.Contains(r.Text, " end") {
		t.Errorf("unwrapped, row /0 is %v px high and reads %q", r.Height, r.Text)
	}

	// Wrapped: the whole value, on several lines.
	click(b, "#tree-wrap")
	waitJS(b, 5*time.Second, `document.querySelector("#tree-wrap").getAttribute("aria-pressed") === "true" && document.querySelector('#tree .tv-row[data-pointer="/0"]').offsetHeight > 22`)
	s = readTree(b)
	if r := s.Rows[1]; !strings.HasSuffix(r.Text, values[0]+`"`) || r.Height < 44 {
		t.Errorf("wrapped, row /0 is %v px high and reads %q", r.Height, r.Text)
	}
	if !s.covers("/299") {
		t.Errorf("wrapped, the rows leave a gap in the view: %+v", s)
	}

	// Scrolled to the middle and to the end: the rows drawn fill the view,
	// and at most 60 are in the page.
	for _, at := range []string{"s.scrollHeight / 2", "s.scrollHeight"} {
		eval[bool](b, fmt.Sprintf(`(() => { const s = document.querySelector("#tree"); s.scrollTop = %s; return true })()`, at))
		waitJS(b, 5*time.Second, call("tree_settled", "/299"))
		s = readTree(b)
		if !s.covers("/299") {
			t.Errorf("scrolled to %s, the rows leave a gap in the view: scrollTop %v of %v, rows %v to %v",
				at, s.ScrollTop, s.ScrollHeight, s.Rows[0], s.Rows[len(s.Rows)-1])
		}
		if len(s.Rows) > 60 {
			t.Errorf("scrolled to %s: %d rows in the page", at, len(s.Rows))
		}
		checkLines(s)
	}
	// Scrolling to the end again and again reaches the last value.
	waitJS(b, 10*time.Second, `(() => { const s = document.querySelector("#tree"); s.scrollTop = s.scrollHeight; const r = document.querySelector('#tree .tv-row[data-pointer="/299"]'); return r !== null && r.getBoundingClientRect().bottom <= s.getBoundingClientRect().bottom + 1 })()`)

	// The choice is remembered across a reload (the draft comes back too).
	b.do(30*time.Second, chromedp.Reload())
	b.waitApp()
	waitInspected(b, text)
	click(b, "#tree-toggle")
	waitJS(b, 5*time.Second, `document.querySelector("#tree .tv-row") !== null`)
	if got := eval[string](b, `document.querySelector("#tree-wrap").getAttribute("aria-pressed")`); got != "true" {
		t.Errorf("after a reload Wrap is %q", got)
	}
	if errs := b.consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}
