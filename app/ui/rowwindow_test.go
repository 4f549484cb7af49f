package ui

import "testing"

func TestRowWindow(t *testing.T) {
	w := rowWindow{height: 20, visible: 10, overscan: 5}
	for _, tc := range []struct {
		scroll, n     int
		from, to      int
		before, after int
		changed       bool
	}{
		{0, 100, 0, 15, 0, 85 * 20, false},
		{0, 3, 0, 3, 0, 0, false},
		{19, 100, 0, 15, 0, 85 * 20, false},
		{400, 100, 15, 35, 15 * 20, 65 * 20, true},
		{1990, 100, 94, 100, 94 * 20, 0, true},
		{1990, 50, 50, 50, 50 * 20, 0, false}, // the list got shorter
	} {
		changed := w.scrollTo(tc.scroll)
		from, to := w.span(tc.n)
		before, after := w.spacers(tc.n)
		if changed != tc.changed || from != tc.from || to != tc.to || before != tc.before || after != tc.after {
			t.Errorf("scrolled to %d of %d rows: changed %v, rows [%d, %d), spacers %d and %d; want %v, [%d, %d), %d and %d",
				tc.scroll, tc.n, changed, from, to, before, after, tc.changed, tc.from, tc.to, tc.before, tc.after)
		}
	}
	if w.setFirst(-3); w.first != 0 {
		t.Errorf("first %d after a negative row", w.first)
	}
}
