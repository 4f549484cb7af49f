package ui

import (
	"slices"
	"strings"
	"testing"

	"eventlens/app/textpos"
)

func TestLargeOf(t *testing.T) {
	big := strings.Repeat("a", largeText+1)
	if s, v, ok := largeOf(big); !ok || s != big || v != nil {
		t.Errorf("a text of %d bytes is not large", len(big))
	}
	// More bytes than largeText, but no more UTF-16 units: the textarea's.
	if _, _, ok := largeOf(strings.Repeat("é", largeText)); ok {
		t.Error("a text of largeText UTF-16 units is large")
	}
	for _, text := range []any{"[]", strings.Repeat("a", largeText), 42, nil} {
		if _, _, ok := largeOf(text); ok {
			t.Errorf("%.20v… is large", text)
		}
	}
}

// TestEditorLargeSurface follows the large text through the editor: shown
// in the large view, marked, kept for Undo, cleared, restored and moved to
// the textarea. (Natively there is no textarea: its calls do nothing.)
func TestEditorLargeSurface(t *testing.T) {
	text := strings.Repeat(`{"id": "é"}`+"\n", largeText/10) // 13 bytes a line
	var e editor
	if e.surface() != (textArea{&e.area}) || e.large() != nil {
		t.Fatal("a new editor does not start on the textarea")
	}
	e.load(text, true)
	b := e.large()
	if b == nil || e.surface() != surface(b) || b.text() != text || e.caret != caretHome {
		t.Fatalf("a %d-byte text is not in the large view", len(text))
	}
	if !b.holds(text) || b.holds(strings.Clone(text)) || b.units() != textpos.UTF16Len(text) || !slices.Equal(b.lines, textpos.NewLines(text)) {
		t.Errorf("large text: holds %v, %d units, %d lines", b.holds(text), b.units(), len(b.lines))
	}
	if n, over := b.oversized(); over || n != len(text) {
		t.Errorf("oversized = %d, %v", n, over)
	}
	if b.replace(text, "[]") {
		t.Error("the read-only view says it edited its text")
	}
	if !strings.HasPrefix(b.help(), "Read-only view") || !strings.HasPrefix(textArea{}.help(), "Tab inserts spaces") {
		t.Error("the surfaces' help lines")
	}

	// A place on one line is marked over its columns; a point, over one
	// column, without indexing the text.
	idx := textpos.New(text)
	e.show(place{start: 13 + 1, end: 13 + 7, line: 2, col: 2}, func() *textpos.Index { return idx })
	if m := b.mark; m.Line != 2 || m.Col != 2 || m.Cols != 6 || m.Seq != 1 || e.caret != "Ln 2, Col 2" {
		t.Errorf("mark = %+v, caret %q", m, e.caret)
	}
	e.show(place{start: 39, end: 39, line: 4, col: 1}, func() *textpos.Index { t.Error("a point needs the index"); return idx })
	if m := b.mark; m.Line != 4 || m.Cols != 1 || m.Seq != 2 || e.caret != "Ln 4, Col 1" {
		t.Errorf("mark = %+v, caret %q", m, e.caret)
	}

	// Clear and Undo.
	u, ok := e.surface().stash()
	if !ok || u.big != text || !u.ok() {
		t.Fatalf("stash = %+v, %v", u, ok)
	}
	e.clear()
	if e.large() != nil || e.caret != caretHome {
		t.Error("a cleared editor is not the textarea")
	}
	e.restore(u)
	if e.large() == nil || e.large().text() != text || e.large().mark.Line != 0 {
		t.Error("Undo does not bring the large text back, unmarked")
	}

	// Edit as text moves it to the textarea, once.
	if !e.editAsText() || e.large() != nil || e.editAsText() {
		t.Error("Edit as text")
	}
	if (undo{}).ok() || !(undo{value: nil, big: "x"}).ok() {
		t.Error("undo.ok")
	}
}
