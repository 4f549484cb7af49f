package ui

import (
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/textpos"
	"eventlens/app/vocab"
)

// largeText is the length (in UTF-16 code units) past which a payload is
// shown in the read-only LargeView instead of the textarea.
const largeText = vocab.LargeTextUnits

// The viewer's geometry. lineHeight must match .lv-scroll's line-height in
// web/app.css.
const (
	lineHeight = 20      // px per line
	viewMargin = 80      // lines drawn above and below the visible ones
	minVisible = 60      // lines assumed visible before the viewer is laid out
	maxSpacer  = 1 << 24 // px: taller scroll areas are scaled (browsers cap an element's height)
	// maxLineShown is how much of one line (bytes) the viewer draws: a
	// minified payload is one long line, and drawing it whole would bring
	// back the layout cost the viewer avoids. Copy and Download take it all.
	maxLineShown = 4096
)

// Mark is the place the viewer marks and scrolls to: a line, and columns
// on it (code points, 1-based). Seq changes with every request, so that
// marking the same place again scrolls to it again.
type Mark struct {
	Line, Col, Cols int
	Seq             int
}

// LargeView shows a large text read-only: a scroll area as tall as the
// whole text, in which only the visible lines (and a margin) are drawn, as
// one text node in a positioned pre, with their line numbers. It follows
// scrolling once per animation frame.
type LargeView struct {
	app.Compo

	Text  string        // the text shown; "" hides the viewer
	Lines textpos.Lines // Text's line-start index if the caller has it; nil: the view builds it
	Mark  Mark          // the place to mark; Line 0 marks nothing

	text    string        // the text starts describes
	starts  textpos.Lines // where each line of text starts
	first   int           // first line drawn (0-based)
	count   int           // lines drawn
	seen    int           // the Mark.Seq scrolled to
	pending bool          // an animation frame is requested

	onScroll, onFrame app.Func
	scroller          app.Value
}

// OnMount follows the scroll area's scrolling, once per animation frame.
func (v *LargeView) OnMount(ctx app.Context) {
	guard(ctx, "showing the large payload", func() {
		v.scroller = element("large-scroll")
		if !v.scroller.Truthy() {
			return
		}
		v.onFrame = app.FuncOf(func(app.Value, []app.Value) any {
			v.pending = false
			ctx.Dispatch(func(ctx app.Context) {
				guard(ctx, "scrolling the large payload", func() {
					if !v.follow() {
						ctx.PreventUpdate()
					}
				})
			})
			return nil
		})
		v.onScroll = app.FuncOf(func(app.Value, []app.Value) any {
			if !v.pending {
				v.pending = true
				app.Window().Call("requestAnimationFrame", v.onFrame)
			}
			return nil
		})
		v.scroller.Call("addEventListener", "scroll", v.onScroll, map[string]any{"passive": true})
		v.sync()
	})
}

// OnDismount removes the scroll listener.
func (v *LargeView) OnDismount() {
	if v.scroller != nil && v.scroller.Truthy() && v.onScroll != nil {
		v.scroller.Call("removeEventListener", "scroll", v.onScroll, map[string]any{"passive": true})
	}
	if v.onScroll != nil {
		v.onScroll.Release()
	}
	if v.onFrame != nil {
		v.onFrame.Release()
	}
	v.onScroll, v.onFrame, v.scroller = nil, nil, nil
}

// OnUpdate starts a new text from its top, and scrolls to a new mark.
func (v *LargeView) OnUpdate(ctx app.Context) {
	guard(ctx, "showing the large payload", v.sync)
}

// sync brings the scroll area in line with Text and Mark.
func (v *LargeView) sync() {
	if !sameString(v.Text, v.text) {
		v.text = v.Text
		v.starts = v.Lines
		if v.starts == nil {
			v.starts = textpos.NewLines(v.Text)
		}
		v.first, v.count = 0, 0
		v.seen = v.Mark.Seq
		v.setScrollTop(0)
	}
	if v.Mark.Seq != v.seen && v.Mark.Line > 0 {
		v.seen = v.Mark.Seq
		g := v.geometry()
		v.setScrollTop(g.scrollFor(v.Mark.Line-1, g.visible()/3))
		v.focus()
	}
	v.follow()
}

// sameString reports whether a and b are the same string in memory (a
// cheap test for "the text did not change").
func sameString(a, b string) bool {
	return len(a) == len(b) && unsafe.StringData(a) == unsafe.StringData(b)
}

// geometry reads the scroll area's size and position.
func (v *LargeView) geometry() viewGeometry {
	g := viewGeometry{lines: len(v.starts)}
	if v.scroller != nil && v.scroller.Truthy() {
		g.top = v.scroller.Get("scrollTop").Float()
		g.height = v.scroller.Get("clientHeight").Float()
	}
	return g
}

func (v *LargeView) setScrollTop(top float64) {
	if v.scroller != nil && v.scroller.Truthy() {
		v.scroller.Set("scrollTop", top)
	}
}

func (v *LargeView) focus() {
	if v.scroller != nil && v.scroller.Truthy() {
		v.scroller.Call("focus", map[string]any{"preventScroll": true})
	}
}

// follow positions the drawn lines for the current scroll position, and
// reports whether other lines must be drawn.
func (v *LargeView) follow() bool {
	if v.scroller == nil || !v.scroller.Truthy() || v.Text == "" {
		// Hidden, with nothing to draw: reading its geometry would only
		// force a layout (at every start of the app, among others).
		return false
	}
	g := v.geometry()
	first, count := g.window(v.first, v.count)
	redraw := first != v.first || count != v.count
	v.first, v.count = first, count
	style := element("large-spacer").Get("style")
	if !style.Truthy() {
		return redraw
	}
	px := func(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) + "px" }
	style.Call("setProperty", "--lv-height", px(g.spacer()))
	style.Call("setProperty", "--lv-top", px(g.topOf(first)))
	style.Call("setProperty", "--lv-gutter", strconv.Itoa(len(strconv.Itoa(max(g.lines, 1))))+"ch")
	if m := v.Mark; m.Line > 0 && m.Line <= g.lines {
		style.Call("setProperty", "--lv-mark-top", px(g.topOf(m.Line-1)))
		style.Call("setProperty", "--lv-mark-col", strconv.Itoa(max(m.Col-1, 0))+"ch")
		style.Call("setProperty", "--lv-mark-cols", strconv.Itoa(max(m.Cols, 1))+"ch")
	}
	return redraw
}

// Render draws the scroll area, the drawn lines and their numbers. The
// elements are always there (hidden without a text), so that the scroll
// listener and the positions set from Go stay attached to them.
func (v *LargeView) Render() app.UI {
	text, numbers := "", ""
	if sameString(v.Text, v.text) {
		text, numbers = window(v.text, v.starts, v.first, v.count)
	}
	lines := len(v.starts)
	return app.Div().ID("large-scroll").Class("lv-scroll").
		Hidden(v.Text == "").
		TabIndex(0).
		Role("region").
		Aria("labelledby", "large-label").
		Aria("describedby", "editor-help").
		DataSet("lines", lines).
		DataSet("first", v.first+1).
		Body(
			app.Div().ID("large-spacer").Class("lv-spacer").Body(
				app.Div().ID("large-mark").Class("lv-mark").Hidden(v.Mark.Line <= 0 || v.Mark.Line > lines).
					DataSet("line", v.Mark.Line).
					Body(app.Span().Class("lv-mark-col")),
				app.Pre().ID("large-lines").Class("lv-gutter").Aria("hidden", true).Text(numbers),
				app.Pre().ID("large-text").Class("lv-text").Text(text),
			),
		)
}

// window returns lines [first, first+count) of text (starts from
// textpos.NewLines), each cut to maxLineShown bytes, and their numbers, one a
// line. Out-of-range requests are clamped.
func window(text string, starts textpos.Lines, first, count int) (lines, numbers string) {
	first = max(0, min(first, len(starts)))
	end := max(first, min(first+max(count, 0), len(starts)))
	var lb, nb strings.Builder
	for i := first; i < end; i++ {
		s := min(max(starts[i], 0), len(text))
		e := len(text)
		if i+1 < len(starts) {
			e = max(s, min(starts[i+1], len(text)))
		}
		line := strings.TrimSuffix(strings.TrimSuffix(text[s:e], "\n"), "\r")
		if len(line) > maxLineShown {
			cut := maxLineShown
			for cut > 0 && !utf8.RuneStart(line[cut]) {
				cut--
			}
			line = line[:cut] + " … (" + strconv.Itoa(len(line)-cut) + " more bytes: Copy or Download has them all)"
		}
		if i > first {
			lb.WriteByte('\n')
			nb.WriteByte('\n')
		}
		lb.WriteString(line)
		nb.WriteString(strconv.Itoa(i + 1))
	}
	return lb.String(), nb.String()
}

// viewGeometry maps between the scroll position and lines. Lines are
// lineHeight px apart on screen; the scroll area is lines × lineHeight px
// tall, unless that passes maxSpacer: scrolling then moves through the
// lines proportionally.
type viewGeometry struct {
	lines       int
	top, height float64 // scrollTop and clientHeight, px
}

// visible returns how many lines fit the scroll area.
func (g viewGeometry) visible() int {
	if g.height <= 0 {
		return minVisible
	}
	return int(g.height/lineHeight) + 1
}

// spacer returns the scroll area's height, px.
func (g viewGeometry) spacer() float64 {
	return min(float64(g.lines)*lineHeight, maxSpacer)
}

// span returns the scroll positions and line positions that map to each
// other: scrollTop 0..scroll shows line 0..lines at the top.
func (g viewGeometry) span() (scroll, lines float64) {
	h := g.height
	if h <= 0 {
		h = minVisible * lineHeight
	}
	return max(g.spacer()-h, 0), max(float64(g.lines)-h/lineHeight, 0)
}

// firstLine returns the (fractional) line at the top of the scroll area.
func (g viewGeometry) firstLine() float64 {
	scroll, lines := g.span()
	if scroll <= 0 {
		return 0
	}
	top := min(max(g.top, 0), scroll) // a stale scrollTop can pass the end
	if float64(g.lines)*lineHeight <= maxSpacer {
		return top / lineHeight
	}
	return top / scroll * lines
}

// topOf returns the position (px from the spacer's top) at which line i
// (0-based) is drawn.
func (g viewGeometry) topOf(i int) float64 {
	if float64(g.lines)*lineHeight <= maxSpacer {
		return float64(i) * lineHeight
	}
	return max(g.top, 0) + (float64(i)-g.firstLine())*lineHeight
}

// scrollFor returns the scrollTop that shows line i (0-based) with above
// lines before it.
func (g viewGeometry) scrollFor(i, above int) float64 {
	want := float64(max(i-above, 0))
	if float64(g.lines)*lineHeight <= maxSpacer {
		return want * lineHeight
	}
	scroll, lines := g.span()
	if lines <= 0 {
		return 0
	}
	return min(want, lines) / lines * scroll
}

// window returns the lines to draw: the current ones (first, count) while
// they still cover the visible lines, else the visible ones with
// viewMargin lines on each side.
func (g viewGeometry) window(first, count int) (int, int) {
	top := int(g.firstLine())
	vis := g.visible()
	if first >= 0 && count > 0 && top >= first && top+vis <= min(first+count, g.lines) && first+count <= g.lines {
		return first, count
	}
	first = max(top-viewMargin, 0)
	end := min(top+vis+viewMargin, g.lines)
	return first, max(end-first, 0)
}
