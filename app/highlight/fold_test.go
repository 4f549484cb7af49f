package highlight

import (
	"fmt"
	"strings"
	"testing"
)

func TestFold(t *testing.T) {
	var b strings.Builder
	for i := 1; i <= 30; i++ {
		fmt.Fprintf(&b, "l%d\n", i)
	}
	text := b.String()
	segs, _ := Lines(text, []int{12, 13, 28}, 10)
	got := Fold(segs, 2, 4)
	var desc []string
	var all strings.Builder
	for _, s := range got {
		kind := "text"
		switch {
		case s.Marked:
			kind = "mark"
		case s.Folded:
			kind = fmt.Sprintf("fold%d", s.Lines)
		}
		desc = append(desc, fmt.Sprintf("%s@%d", kind, s.Line))
		all.WriteString(s.Text)
	}
	// Lines 1-9 folded (no context before a first change), 10-11 kept;
	// 12, 13 marked; 14-15 kept, 16-25 folded, 26-27 kept; 28 marked;
	// 29-30 folded? No: two lines are fewer than minFold.
	want := "fold9@1 text@10 mark@12 mark@13 text@14 fold10@16 text@26 mark@28 text@29"
	if strings.Join(desc, " ") != want {
		t.Errorf("Fold = %s\nwant   %s", strings.Join(desc, " "), want)
	}
	if all.String() != text {
		t.Error("the folded segments do not hold the whole text")
	}
	for _, s := range got {
		if s.Folded && (!strings.HasPrefix(s.Text, fmt.Sprintf("l%d\n", s.Line)) || strings.Count(s.Text, "\n") != s.Lines) {
			t.Errorf("folded segment at %d: %d lines %q", s.Line, s.Lines, s.Text)
		}
	}
	unmarked, _ := Lines(text, nil, 10)
	if got := Fold(unmarked, 2, 4); len(got) != 1 || got[0].Folded {
		t.Errorf("without a change: %+v", got)
	}
}
