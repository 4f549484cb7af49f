package ui

import (
	"math"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/gen"
	"eventlens/app/textpos"
)

func TestLineStartsAndWindow(t *testing.T) {
	long := strings.Repeat("é", maxLineShown) // 2 bytes each: cut in the middle
	tests := []struct {
		name         string
		text         string
		first, count int
		lines, nums  string
	}{
		{"one line", "[]", 0, 10, "[]", "1"},
		{"middle", "a\nb\nc\nd", 1, 2, "b\nc", "2\n3"},
		{"past the end", "a\nb", 1, 10, "b", "2"},
		{"trailing newline", "a\n", 0, 5, "a\n", "1\n2"},
		{"crlf", "a\r\nb", 0, 2, "a\nb", "1\n2"},
		{"negative", "a\nb", -3, -1, "", ""},
		{"beyond", "a\nb", 7, 3, "", ""},
		{"long line", long + "\nx", 0, 2, long[:maxLineShown] + " … (4096 more bytes: Copy or Download has them all)\nx", "1\n2"},
	}
	for _, tt := range tests {
		starts := textpos.NewLines(tt.text)
		if want := strings.Count(tt.text, "\n") + 1; len(starts) != want {
			t.Errorf("%s: %d line starts, want %d", tt.name, len(starts), want)
		}
		lines, nums := window(tt.text, starts, tt.first, tt.count)
		if lines != tt.lines || nums != tt.nums {
			t.Errorf("%s: window = %q, %q; want %q, %q", tt.name, lines, nums, tt.lines, tt.nums)
		}
	}
}

func TestViewGeometry(t *testing.T) {
	// 88,512 lines fit the scroll area at 20 px each.
	g := viewGeometry{lines: 88512, top: 30000 * lineHeight, height: 400}
	if got := g.spacer(); got != 88512*lineHeight {
		t.Errorf("spacer = %v", got)
	}
	if got := g.firstLine(); got != 30000 {
		t.Errorf("first line = %v", got)
	}
	first, count := g.window(0, 0)
	if first != 30000-viewMargin || count != g.visible()+2*viewMargin {
		t.Errorf("window = %d, %d", first, count)
	}
	// Scrolling within the drawn lines keeps them.
	g.top += 10 * lineHeight
	if f, c := g.window(first, count); f != first || c != count {
		t.Errorf("a small scroll redraws: %d, %d", f, c)
	}
	if got := g.topOf(first); got != float64(first)*lineHeight {
		t.Errorf("top of line %d = %v", first, got)
	}
	if got := g.scrollFor(1000, 5); got != 995*lineHeight {
		t.Errorf("scrollFor = %v", got)
	}

	// A million lines pass maxSpacer: scrolling is proportional, and the
	// bottom of the scroll area shows the last line.
	g = viewGeometry{lines: 1 << 20, height: 400}
	if g.spacer() != maxSpacer {
		t.Errorf("spacer = %v", g.spacer())
	}
	g.top = maxSpacer - 400
	first, count = g.window(0, 0)
	if first+count != g.lines {
		t.Errorf("at the bottom lines %d..%d of %d are drawn", first, first+count, g.lines)
	}
	top := g.topOf(g.lines - 1)
	if top < g.top || top+lineHeight > g.top+g.height+1 {
		t.Errorf("the last line is drawn at %v, the view is %v..%v", top, g.top, g.top+g.height)
	}
	line := 500000
	g.top = g.scrollFor(line, 0)
	if got := g.firstLine(); got < float64(line)-1 || got > float64(line)+1 {
		t.Errorf("scrolled to line %d, the top shows %v", line, got)
	}
	// Before layout (hidden), a default number of lines is drawn.
	if f, c := (viewGeometry{lines: 10}).window(0, 0); f != 0 || c != 10 {
		t.Errorf("hidden window = %d, %d", f, c)
	}
}

func TestLargeLabel(t *testing.T) {
	p := gen.Batch(gen.EventGrid, gen.MaxEvents)
	got := largeLabel(len(p), strings.Count(string(p), "\n")+1)
	if !strings.HasPrefix(got, "Large payload — 2.8 MB, ") || !strings.HasSuffix(got, " lines, read-only view") || !strings.Contains(got, ",") {
		t.Errorf("label = %q", got)
	}
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 88512: "88,512", 1234567: "1,234,567", -1500: "-1,500"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestLargeViewRender(t *testing.T) {
	text := string(gen.Batch(gen.EventGrid, 200))
	v := &LargeView{Text: text}
	v.text, v.starts, v.count = text, textpos.NewLines(text), 50
	html := app.HTMLString(v)
	for _, w := range []string{`id="large-scroll"`, `tabindex="0"`, `aria-labelledby="large-label"`, `id="large-text"`, `id="large-lines"`, "&#34;topic&#34;"} {
		if !strings.Contains(html, w) {
			t.Errorf("the viewer lacks %s", w)
		}
	}
	if strings.Contains(html, "style=") {
		t.Error("the viewer has a style attribute")
	}
	if n := strings.Count(html, "\n"); n > 120 {
		t.Errorf("%d lines rendered for a window of 50", n)
	}
	if empty := app.HTMLString(&LargeView{}); !strings.Contains(empty, "hidden") {
		t.Errorf("an empty viewer is not hidden: %s", empty)
	}
}

// TestLargeViewLines: the view takes the line index its caller built with
// the text (a large paste reads its text once), and builds one otherwise.
func TestLargeViewLines(t *testing.T) {
	text := string(gen.Batch(gen.EventGrid, 50))
	_, lines := textpos.Measure(text)
	v := &LargeView{Text: text, Lines: lines}
	v.sync()
	if len(v.starts) != len(lines) || &v.starts[0] != &lines[0] {
		t.Error("the view built its own line index instead of taking the one given")
	}
	own := &LargeView{Text: text}
	own.sync()
	if !slices.Equal(own.starts, lines) {
		t.Errorf("the view's own index has %d lines, want %d", len(own.starts), len(lines))
	}
}

func FuzzWindow(f *testing.F) {
	f.Add(string(gen.Batch(gen.EventGrid, 3)), 2, 10)
	f.Add("a\r\nb\n\n", -1, 3)
	f.Add(strings.Repeat("é", maxLineShown+1), 0, 1)
	f.Add("\xff\xfe\n", 1, 1<<30)
	f.Fuzz(func(t *testing.T, text string, first, count int) {
		starts := textpos.NewLines(text)
		lines, nums := window(text, starts, first, count)
		if utf8.ValidString(text) && !utf8.ValidString(lines) {
			t.Errorf("window cut a character: %q", lines)
		}
		if strings.Count(lines, "\n") != strings.Count(nums, "\n") {
			t.Errorf("%d lines, %d numbers", strings.Count(lines, "\n"), strings.Count(nums, "\n"))
		}
	})
}

func FuzzViewGeometry(f *testing.F) {
	f.Add(88512, 600000.0, 400.0, 0, 0, 1000)
	f.Add(1<<22, 1e9, 0.0, 5, -3, -7)
	// Found by fuzzing: a negative first line was kept as the window.
	f.Add(88535, 0.0, 0.0, -13, 163, 0)
	f.Fuzz(func(t *testing.T, lines int, top, height float64, first, count, line int) {
		if lines < 0 || lines > 1<<26 || !finite(top) || !finite(height) || math.Abs(top) > 1e15 || math.Abs(height) > 1e12 {
			return // scrollTop and clientHeight are finite pixel counts
		}
		g := viewGeometry{lines: lines, top: top, height: height}
		f, c := g.window(first, count)
		if f < 0 || c < 0 || f+c > lines {
			t.Fatalf("window(%d, %d) = %d, %d of %d lines", first, count, f, c, lines)
		}
		// The window covers every visible line.
		if at := int(g.firstLine()); at < lines && (f > at || f+c < min(at+g.visible(), lines)) {
			t.Fatalf("window(%d, %d) = %d, %d of %d lines misses visible lines %d..%d", first, count, f, c, lines, at, at+g.visible())
		}
		if s := g.scrollFor(line, g.visible()/3); s < 0 || !finite(s) {
			t.Fatalf("scrollFor(%d) = %v", line, s)
		}
		if line >= 0 && line+1 < lines && g.topOf(line+1) < g.topOf(line) {
			t.Fatalf("topOf(%d) = %v after topOf(%d) = %v", line+1, g.topOf(line+1), line, g.topOf(line))
		}
	})
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
