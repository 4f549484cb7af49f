package summary

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// By chooses what each line of a chart follows.
type By uint8

// The groupings of a chart.
const (
	ByHub  By = iota // one line per hub
	ByUser           // one line per user
)

// String returns "hub" or "user".
func (b By) String() string {
	if b == ByUser {
		return "user"
	}
	return "hub"
}

// Bounds of a chart, so that a batch of any size draws a bounded number of
// SVG elements.
const (
	// MaxLines is how many lines a chart draws: the busiest groups, the
	// others merged into one line.
	MaxLines = 8
	// MaxMarks is how many marks a chart draws at most: past it, the events
	// of a line that fall in the same slice of time (a bucket a power of two
	// of viewBox units wide) and are of the same class (connect,
	// disconnect, disconnect with an error) share one mark.
	MaxMarks = 400
)

// The chart's viewBox: Width units wide; the lines in a plot PlotHeight
// high, then one lane of marks per line, LaneHeight high.
const (
	Width      = 1000.0
	PlotTop    = 6.0
	PlotHeight = 200.0
	LaneHeight = 18.0
	lanesGap   = 10.0
)

// Chart is a summary laid out as a step chart of open connections over
// time, in viewBox units: x grows with time from 0 to Width, y downwards.
type Chart struct {
	By     By
	Height float64 // the viewBox's height
	Lines  []Line  // busiest first; the last may be the merged others
	Marks  []Mark  // in time order within each line, lines one after the other
	// Bucket is the width of the time slices whose events share a mark
	// (viewBox units); 0 when every event has its own mark.
	Bucket  float64
	MaxOpen int       // the most connections a line has open at once (at least 1)
	Start   time.Time // the time at x = 0
	End     time.Time // the time at x = Width
	// Ticks draws the marks: one SVG path per line and class of mark, so
	// that the page draws tens of elements, not one per mark.
	Ticks []Ticks

	lines []int // per event of the summary: its line
}

// Ticks is the path data of the marks of one line and class: each mark a
// vertical tick, "M x y1 V y2".
type Ticks struct {
	Line  int
	Kind  Kind
	Error bool // disconnects with an error
	Many  bool // marks that stand for more than one event
	Path  string
}

// Line is one group's open connections over time.
type Line struct {
	Name   string // the hub or user ("" when the events carry none)
	Others int    // for the merged line: how many groups it merges; 0 otherwise
	Path   string // SVG path data of the step line
	Lane   float64
	// The line's events, the connections it had open at the start (opened
	// before the payload) and the most it had open at once.
	Connects, Disconnects, Errors, AtStart, Peak int
}

// Label names the line for a legend: the hub or user, "(no hub)", or "12
// other users".
func (l *Line) Label(by By) string {
	if l.Others > 0 {
		return fmt.Sprintf("%d other %ss", l.Others, by)
	}
	return Name(l.Name, by.String())
}

// Mark is one event, or several of one class close in time, on a line's
// lane: a tick from Y1 to Y2 at X, longer the more events it stands for.
type Mark struct {
	Line   int     // index into Chart.Lines
	X      float64 // where (the event's time, or its bucket's middle)
	Y1, Y2 float64
	Kind   Kind // connect or disconnect
	Error  bool // disconnects with an error message
	First  int  // index into Summary.Events of the first event it stands for
	Last   int  // index into Summary.Events of the last one
	Count  int  // how many events it stands for
}

// X returns where time t falls on the chart.
func (c *Chart) X(t time.Time) float64 {
	span := c.End.Sub(c.Start)
	if span <= 0 {
		return Width / 2
	}
	return Width * float64(t.Sub(c.Start)) / float64(span)
}

// Y returns where open connections are drawn on the plot.
func (c *Chart) Y(open int) float64 {
	return PlotTop + PlotHeight*(1-float64(open)/float64(c.MaxOpen))
}

// Layout lays the summary out as a chart with one line per hub or per user
// (the MaxLines−1 busiest, the rest merged when there are more than
// MaxLines). Its work is linear in the number of events, times the few
// bucket widths it tries.
func Layout(s *Summary, by By) *Chart {
	c := &Chart{By: by, Start: s.Start, End: s.End, MaxOpen: 1}
	groups := s.Hubs
	name := func(e *Event) string { return e.Hub }
	if by == ByUser {
		groups = s.Users
		name = func(e *Event) string { return e.User }
	}
	lineOf := make(map[string]int, min(len(groups), MaxLines))
	merged := len(groups) > MaxLines
	for i := range groups {
		g := &groups[i]
		if merged && i >= MaxLines-1 {
			if i == MaxLines-1 {
				c.Lines = append(c.Lines, Line{Others: len(groups) - i})
			}
			c.Lines[MaxLines-1].AtStart += g.OpenAtStart
			continue
		}
		lineOf[g.Name] = i
		c.Lines = append(c.Lines, Line{Name: g.Name, AtStart: g.OpenAtStart})
	}
	// Each event's line, looked up once.
	lines := make([]int, len(s.Events))
	for i := range s.Events {
		l, ok := lineOf[name(&s.Events[i])]
		if !ok {
			l = MaxLines - 1
		}
		lines[i] = l
	}
	// Open connections per line, over time: the peak sets the scale.
	open := make([]int, len(c.Lines))
	for i := range c.Lines {
		open[i] = c.Lines[i].AtStart
		c.Lines[i].Peak = open[i]
		c.MaxOpen = max(c.MaxOpen, open[i])
	}
	for i := range s.Events {
		e := &s.Events[i]
		l := lines[i]
		if e.Opener >= 0 {
			l = lines[e.Opener] // the connection is open on its connect's line
		}
		open[l] += e.Delta
		c.Lines[l].Peak = max(c.Lines[l].Peak, open[l])
		c.MaxOpen = max(c.MaxOpen, open[l])
		l = lines[i]
		switch {
		case e.Kind == Connect:
			c.Lines[l].Connects++
		case e.Error != "":
			c.Lines[l].Errors++
			c.Lines[l].Disconnects++
		default:
			c.Lines[l].Disconnects++
		}
	}
	c.paths(s, lines)
	for i := range c.Lines {
		c.Lines[i].Lane = PlotTop + PlotHeight + lanesGap + (float64(i)+0.5)*LaneHeight
	}
	c.Height = PlotTop + PlotHeight + lanesGap + float64(len(c.Lines))*LaneHeight + 2
	c.marks(s, lines)
	c.ticks()
	c.lines = lines
	return c
}

// paths draws each line's steps: horizontal while the count holds,
// vertical where it changes; changes at the same x (to a tenth of a unit)
// make one vertical.
func (c *Chart) paths(s *Summary, lines []int) {
	type pen struct {
		b     []byte
		open  int
		x     float64
		moved bool
	}
	pens := make([]pen, len(c.Lines))
	for i := range c.Lines {
		p := &pens[i]
		p.open = c.Lines[i].AtStart
		p.b = appendNum(append(make([]byte, 0, 64), "M0 "...), c.Y(p.open))
	}
	for i := range s.Events {
		e := &s.Events[i]
		if e.Delta == 0 {
			continue
		}
		l := lines[i]
		if e.Opener >= 0 {
			l = lines[e.Opener]
		}
		p := &pens[l]
		p.open += e.Delta
		x := math.Round(c.X(e.Time)*10) / 10
		if x != p.x || !p.moved {
			p.b = appendNum(append(p.b, 'H'), x)
			p.x, p.moved = x, true
		}
		p.b = appendNum(append(p.b, 'V'), c.Y(p.open))
	}
	for i := range pens {
		c.Lines[i].Path = string(appendNum(append(pens[i].b, 'H'), Width))
	}
}

// marks places the events on their lines' lanes, sharing marks per bucket
// when there are more than MaxMarks.
func (c *Chart) marks(s *Summary, lines []int) {
	// The events are in time order, so each line's and class's buckets
	// come in order too: a bucket is new when it differs from the last
	// one of its line and class, and counting needs no map.
	type slot struct{ line, class int }
	slots := make([]slot, len(s.Events))
	xs := make([]float64, len(s.Events))
	for i := range s.Events {
		e := &s.Events[i]
		cl := 0 // connect
		switch {
		case e.Kind == Connect:
		case e.Error != "":
			cl = 2 // disconnect with an error
		default:
			cl = 1 // disconnect
		}
		slots[i], xs[i] = slot{lines[i], cl}, c.X(e.Time)
	}
	last := make([]int64, 3*len(c.Lines)) // per line and class: its last bucket, -1 for none
	count := func(w float64) int {
		for i := range last {
			last[i] = -1
		}
		n := 0
		for i, sl := range slots {
			b := int64(xs[i] / w)
			if k := sl.line*3 + sl.class; last[k] != b {
				last[k] = b
				if n++; n > MaxMarks {
					break
				}
			}
		}
		return n
	}
	w := 0.0
	if len(s.Events) > MaxMarks {
		for w = 0.5; w < Width && count(w) > MaxMarks; w *= 2 {
		}
	}
	c.Bucket = w
	lastMark := make([]int, 3*len(c.Lines)) // per line and class: its last mark, -1 for none
	for i := range lastMark {
		lastMark[i], last[i] = -1, -1
	}
	c.Marks = make([]Mark, 0, min(len(s.Events), MaxMarks))
	for i, sl := range slots {
		x := xs[i]
		k := sl.line*3 + sl.class
		if w > 0 {
			b := int64(x / w)
			if j := lastMark[k]; j >= 0 && last[k] == b {
				c.Marks[j].Count++
				c.Marks[j].Last = i
				continue
			}
			last[k] = b
			x = (float64(b) + 0.5) * w
		}
		lastMark[k] = len(c.Marks)
		c.Marks = append(c.Marks, Mark{Line: sl.line, X: math.Min(x, Width), Kind: s.Events[i].Kind, Error: sl.class == 2, First: i, Last: i, Count: 1})
	}
	// A mark's length grows with the square root of the events it stands
	// for, so that a burst stands out from the marks around it.
	most := 1
	for i := range c.Marks {
		most = max(most, c.Marks[i].Count)
	}
	for i := range c.Marks {
		m := &c.Marks[i]
		lane := c.Lines[m.Line].Lane
		half := LaneHeight * 0.45 * max(0.25, math.Sqrt(float64(m.Count)/float64(most)))
		switch {
		case m.Kind == Connect: // connects rise from the lane's middle
			m.Y1, m.Y2 = lane-half, lane
		case !m.Error: // disconnects fall from it
			m.Y1, m.Y2 = lane, lane+half
		default: // errors cross it
			m.Y1, m.Y2 = lane-half, lane+half
		}
	}
	// Marks in time order within each line, lines in order: the keyboard
	// walks them so.
	sortMarks(c.Marks)
}

// ticks draws the marks as one path per line, class and single or many.
func (c *Chart) ticks() {
	idx := map[Ticks]int{} // the key has no Path
	var paths [][]byte
	for i := range c.Marks {
		m := &c.Marks[i]
		k := Ticks{Line: m.Line, Kind: m.Kind, Error: m.Error, Many: m.Count > 1}
		j, ok := idx[k]
		if !ok {
			j = len(c.Ticks)
			idx[k] = j
			c.Ticks = append(c.Ticks, k)
			paths = append(paths, nil)
		}
		b := appendNum(append(paths[j], 'M'), m.X)
		b = appendNum(append(b, ' '), m.Y1)
		paths[j] = appendNum(append(b, 'V'), m.Y2)
	}
	for j := range c.Ticks {
		c.Ticks[j].Path = string(paths[j])
	}
}

// MarkAt returns the mark nearest to (x, y) in viewBox units: on the lane
// y falls in, the mark closest in x if it is at most tol away; -1 if none.
func (c *Chart) MarkAt(x, y, tol float64) int {
	for i := range c.Lines {
		if math.Abs(y-c.Lines[i].Lane) <= LaneHeight/2 {
			if j := c.Nearest(i, x); j >= 0 && math.Abs(c.Marks[j].X-x) <= tol {
				return j
			}
			return -1
		}
	}
	return -1
}

// Nearest returns the mark of line closest in x to x (the earlier of two
// as close), or -1 when the line has none.
func (c *Chart) Nearest(line int, x float64) int {
	// The marks are sorted by line, then x.
	lo, _ := slices.BinarySearchFunc(c.Marks, line, func(m Mark, l int) int { return m.Line - l })
	hi, _ := slices.BinarySearchFunc(c.Marks, line+1, func(m Mark, l int) int { return m.Line - l })
	j, _ := slices.BinarySearchFunc(c.Marks[lo:hi], x, func(m Mark, x float64) int { return cmp.Compare(m.X, x) })
	best, dist := -1, math.Inf(1)
	for _, k := range []int{lo + j - 1, lo + j} {
		if k >= lo && k < hi {
			if d := math.Abs(c.Marks[k].X - x); d < dist {
				best, dist = k, d
			}
		}
	}
	return best
}

// Events returns the events mark m stands for, in time order: indices
// into Summary.Events.
func (c *Chart) Events(s *Summary, m *Mark) []int {
	if m.Count == 1 {
		return []int{m.First}
	}
	out := make([]int, 0, m.Count)
	for i := m.First; i <= m.Last && i < len(s.Events); i++ {
		e := &s.Events[i]
		if i < len(c.lines) && c.lines[i] == m.Line && e.Kind == m.Kind && e.Errored() == m.Error {
			out = append(out, i)
		}
	}
	return out
}

// sortMarks orders marks by line, then x, then first event.
func sortMarks(ms []Mark) {
	slices.SortFunc(ms, func(a, b Mark) int {
		switch {
		case a.Line != b.Line:
			return a.Line - b.Line
		case a.X < b.X:
			return -1
		case a.X > b.X:
			return 1
		}
		return a.First - b.First
	})
}

// num writes a coordinate with at most one decimal.
func num(v float64) string { return string(appendNum(nil, v)) }

// appendNum appends a coordinate with at most one decimal: what
// strconv.AppendFloat(b, math.Round(v*10)/10, 'f', -1, 64) writes, but in
// integers (a chart writes thousands, and float formatting is slow in
// wasm).
func appendNum(b []byte, v float64) []byte {
	t := math.Round(v * 10)
	if !(math.Abs(t) < 1e15) { // NaN, infinities, and values no chart has
		return strconv.AppendFloat(b, t/10, 'f', -1, 64)
	}
	n := int64(t)
	if n < 0 {
		b, n = append(b, '-'), -n
	}
	b = strconv.AppendInt(b, n/10, 10)
	if d := n % 10; d != 0 {
		b = append(b, '.', byte('0'+d))
	}
	return b
}

// Num writes a coordinate for an SVG attribute (at most one decimal).
func Num(v float64) string { return num(v) }

// Describe says what a mark stands for, in one line: the event (number,
// kind, hub, user, time, id, error message), or the events of a bucket
// (how many, which kind, when).
func (c *Chart) Describe(s *Summary, m *Mark) string {
	first := &s.Events[m.First]
	if m.Count == 1 {
		return s.Describe(m.First)
	}
	last := &s.Events[m.Last]
	what := first.Kind.String() + "s"
	if m.Error {
		what = "disconnects with an error"
	}
	label := c.Lines[m.Line].Label(c.By)
	return fmt.Sprintf("%d %s on %s, %s to %s; the first is #%d", m.Count, what, label, Clock(first.Time), Clock(last.Time), first.Index)
}

// Describe says what event i (an index into Events) is, in one line: its
// number, kind, hub, user, time, id and error message.
func (s *Summary) Describe(i int) string {
	e := &s.Events[i]
	var b strings.Builder
	fmt.Fprintf(&b, "#%d %s · hub %s · user %s · %s", e.Index, e.Kind, Name(e.Hub, "hub"), Name(e.User, "user"), Clock(e.Time))
	if e.ID != "" {
		fmt.Fprintf(&b, " · id %s", e.ID)
	}
	if e.Error != "" {
		fmt.Fprintf(&b, " · errorMessage: %s", e.Error)
	}
	return b.String()
}

// Clock writes a time of day in UTC to the millisecond: 09:31:02.250Z.
func Clock(t time.Time) string { return t.UTC().Format("15:04:05.000Z") }
