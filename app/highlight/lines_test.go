package highlight

import (
	"strings"
	"testing"
)

func TestLines(t *testing.T) {
	text := "[\n  {\n    \"id\": \"1\",\n    \"type\": \"t\"\n  }\n]\n"
	segs, ok := Lines(text, []int{4, 3, 9}, 10)
	if !ok {
		t.Fatal("not ok")
	}
	var got []string
	var all strings.Builder
	for _, s := range segs {
		mark := " "
		if s.Marked {
			mark = "*"
		}
		got = append(got, mark+itoa(s.Line)+":"+s.Text)
		all.WriteString(s.Text)
	}
	want := []string{" 1:[\n  {\n", "*3:    \"id\": \"1\",\n", "*4:    \"type\": \"t\"\n", " 5:  }\n]\n"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("segments\n%q\nwant\n%q", got, want)
	}
	if all.String() != text {
		t.Error("segments do not add up to the text")
	}
	if _, ok := Lines(text, []int{1, 2, 3}, 2); ok {
		t.Error("more marked lines than the cap, still ok")
	}
	if segs, _ := Lines("a\nb", []int{2}, 5); len(segs) != 2 || !segs[1].Marked || segs[1].Text != "b" {
		t.Errorf("last line without newline: %+v", segs)
	}
}

func itoa(i int) string { return string(rune('0' + i)) }

func FuzzLines(f *testing.F) {
	f.Add("a\nb\n\nc", 2, 3)
	f.Add("", 1, 1)
	f.Fuzz(func(t *testing.T, text string, a, b int) {
		segs, ok := Lines(text, []int{a, b}, 2)
		if !ok {
			t.Fatal("two marks under a cap of two refused")
		}
		var all strings.Builder
		for _, s := range segs {
			if s.Text == "" {
				t.Fatal("empty segment")
			}
			if s.Marked && s.Line != a && s.Line != b {
				t.Fatalf("line %d marked, want %d or %d", s.Line, a, b)
			}
			all.WriteString(s.Text)
		}
		if all.String() != text {
			t.Fatal("segments do not add up to the text")
		}
	})
}
