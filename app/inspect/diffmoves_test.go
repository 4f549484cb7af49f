package inspect

import (
	"slices"
	"strings"
	"testing"
)

// lineHolding returns the 1-based line of text holding sub.
func lineHolding(t *testing.T, text []byte, sub string) int {
	t.Helper()
	for i, l := range strings.Split(string(text), "\n") {
		if strings.Contains(l, sub) {
			return i + 1
		}
	}
	t.Fatalf("no line holds %q in\n%s", sub, text)
	return 0
}

// TestDiffMoves: an event of a batch that only changed position is
// reported with its positions and its first line on both sides; of its
// lines only the first is marked, and a moved event's own changes are
// marked as changes.
func TestDiffMoves(t *testing.T) {
	a := []byte(`[{"id": "a", "v": 1}, {"id": "b", "v": 2}, {"id": "c", "v": 3}]`)
	b := []byte(`[{"id": "c", "v": 3}, {"id": "a", "v": 1}, {"id": "b", "v": 20}]`)
	r := Diff(a, b, false)
	if r.Equal || !r.Reordered {
		t.Fatalf("Equal %v, Reordered %v; changes %v", r.Equal, r.Reordered, r.Changes)
	}
	if len(r.Moves) != 1 {
		t.Fatalf("moves = %+v; changes %v", r.Moves, r.Changes)
	}
	m := r.Moves[0]
	wantL, wantR := lineHolding(t, r.Left.Text, `"c"`)-1, lineHolding(t, r.Right.Text, `"c"`)-1
	if m.From != 2 || m.To != 0 || m.Left != wantL || m.Right != wantR {
		t.Errorf("move = %+v, want from 2 to 0, lines %d and %d", m, wantL, wantR)
	}
	if got := m.Label(); got != "moved from #2 to #0" {
		t.Errorf("label %q", got)
	}
	// The moved event's first line is marked on each side, its other
	// lines are not; the changed value of event b is.
	if !slices.Contains(r.Left.Lines, wantL) || !slices.Contains(r.Right.Lines, wantR) {
		t.Errorf("first lines of the move not marked: left %v right %v", r.Left.Lines, r.Right.Lines)
	}
	for _, l := range []int{wantL + 1, wantL + 2, wantL + 3} {
		if slices.Contains(r.Left.Lines, l) {
			t.Errorf("left line %d of the moved event is marked as changed: %v", l, r.Left.Lines)
		}
	}
	if v := lineHolding(t, r.Right.Text, `"v": 20`); !slices.Contains(r.Right.Lines, v) {
		t.Errorf("the changed value's line %d is not marked: %v", v, r.Right.Lines)
	}

	// A pure reorder is equal, with its moves reported.
	r = Diff(a, []byte(`[{"id": "b", "v": 2}, {"id": "c", "v": 3}, {"id": "a", "v": 1}]`), false)
	if !r.Equal || len(r.Moves) != 1 || r.Moves[0].From != 0 || r.Moves[0].To != 2 {
		t.Errorf("reorder: Equal %v, moves %+v", r.Equal, r.Moves)
	}
	// No move, no Moves.
	if r := Diff(a, a, false); len(r.Moves) != 0 {
		t.Errorf("equal payloads: moves %+v", r.Moves)
	}
}

func TestLastIndex(t *testing.T) {
	for p, want := range map[string]int{"/0": 0, "/data/12": 12, "": -1, "/a": -1, "/-1": -1} {
		got, ok := lastIndex(p)
		if ok != (want >= 0) || ok && got != want {
			t.Errorf("lastIndex(%q) = %d, %v; want %d", p, got, ok, want)
		}
	}
}

// TestDiffSummary: the status of a comparison counts the events that only
// moved apart from the changes, and never says "No differences" when an
// event moved.
func TestDiffSummary(t *testing.T) {
	a := []byte(`[{"id": "a", "v": 1}, {"id": "b", "v": 2}, {"id": "c", "v": 3}]`)
	for _, tc := range []struct {
		name, b, want string
	}{
		{"same", `[{"id": "a", "v": 1}, {"id": "b", "v": 2}, {"id": "c", "v": 3}]`, "No differences"},
		{"one value", `[{"id": "a", "v": 1}, {"id": "b", "v": 20}, {"id": "c", "v": 3}]`, "1 difference"},
		{"two values", `[{"id": "a", "v": 10}, {"id": "b", "v": 20}, {"id": "c", "v": 3}]`, "2 differences"},
		{"one move", `[{"id": "b", "v": 2}, {"id": "c", "v": 3}, {"id": "a", "v": 1}]`, "No changes; 1 event moved"},
		{"two moves", `[{"id": "c", "v": 3}, {"id": "b", "v": 2}, {"id": "a", "v": 1}]`, "No changes; 2 events moved"},
		{"move and change", `[{"id": "c", "v": 3}, {"id": "a", "v": 1}, {"id": "b", "v": 20}]`, "1 change; 1 event moved"},
	} {
		r := Diff(a, []byte(tc.b), false)
		if got := r.Summary(); got != tc.want {
			t.Errorf("%s: Summary() = %q, want %q; changes %v", tc.name, got, tc.want, r.Changes)
		}
	}
}
