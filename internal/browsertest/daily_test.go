//go:build browser

package browsertest

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
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
