package ui

import (
	"reflect"
	"testing"

	"eventlens/app/inspect"
	"eventlens/app/textdiff"
)

func TestInlineChanges(t *testing.T) {
	r := inspect.Diff([]byte(`{"hubName": "chat", "n": 12}`), []byte(`{"hubName": "lobby", "n": 13, "x": 1}`), false)
	left, right := inlineChanges(r)
	// Line 2 is `  "hubName": "chat",` on the left and `  "hubName": "lobby",`
	// on the right; line 3 `  "n": 12` and `  "n": 13,` (a member follows).
	sp := func(start, end int) []textdiff.Span { return []textdiff.Span{{Start: start, End: end}} }
	wantLeft := lineMarks{2: sp(14, 18), 3: sp(8, 9)}
	wantRight := lineMarks{2: sp(14, 19), 3: sp(8, 10)}
	if !reflect.DeepEqual(left, wantLeft) || !reflect.DeepEqual(right, wantRight) {
		t.Errorf("inlineChanges = %v, %v; want %v, %v\n%s\n%s", left, right, wantLeft, wantRight, r.Left.Text, r.Right.Text)
	}
	if l, r := inlineChanges(inspect.Diff([]byte(`[1]`), []byte(`[1]`), false)); l != nil || r != nil {
		t.Errorf("equal payloads: %v, %v", l, r)
	}
}

func TestMovesOf(t *testing.T) {
	r := inspect.Diff([]byte(`[{"id": "a"}, {"id": "b"}]`), []byte(`[{"id": "b"}, {"id": "a"}]`), false)
	left, right := movesOf(r)
	if len(r.Moves) != 1 || len(left) != 1 || len(right) != 1 {
		t.Fatalf("moves %+v: left %v, right %v", r.Moves, left, right)
	}
	m := r.Moves[0]
	if left[m.Left] != m || right[m.Right] != m || m.Left == m.Right {
		t.Errorf("moves %+v: left %v, right %v", m, left, right)
	}
	if l, r := movesOf(inspect.Diff([]byte(`[1]`), []byte(`[1]`), false)); l != nil || r != nil {
		t.Errorf("equal payloads: %v, %v", l, r)
	}
}
