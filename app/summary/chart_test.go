package summary_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"eventlens/app/gen"
	"eventlens/app/inspect"
	"eventlens/app/summary"
)

// lastY returns the y where a step path ends, and checks that it starts at
// x = 0 and ends at x = Width.
func lastY(t *testing.T, path string) float64 {
	t.Helper()
	if !strings.HasPrefix(path, "M0 ") || !strings.HasSuffix(path, "H"+summary.Num(summary.Width)) {
		t.Fatalf("path %.80s … does not span the chart", path)
	}
	i := strings.LastIndexAny(path, "MV")
	rest := path[i+1:]
	if path[i] == 'M' {
		rest = strings.Fields(rest)[1]
	}
	rest, _, _ = strings.Cut(rest, "H")
	y, err := strconv.ParseFloat(rest, 64)
	if err != nil {
		t.Fatalf("path %q: %v", path, err)
	}
	return y
}

// checkPaths checks that every line's path stays on the plot: no count
// below zero or above the scale's top.
func checkPaths(t *testing.T, c *summary.Chart) {
	t.Helper()
	bottom, top := c.Y(0)+0.05, summary.PlotTop-0.05
	for _, l := range c.Lines {
		fields := strings.FieldsFunc(l.Path, func(r rune) bool { return r == 'V' || r == 'M' })
		for i, f := range fields {
			f, _, _ = strings.Cut(f, "H")
			if i == 0 {
				f = strings.Fields(f)[1] // "0 y"
			}
			y, err := strconv.ParseFloat(f, 64)
			if err != nil {
				t.Fatalf("path %.80s: %v", l.Path, err)
			}
			if y > bottom || y < top {
				t.Fatalf("line %q goes to y %g, off the plot (%g to %g)", l.Name, y, top, bottom)
			}
		}
	}
}

// TestLayoutStorm lays out the screenshot's batch: every event is in one
// mark, the marks stay under the bound, the storm's errors are all on its
// line, and each line ends at its open count.
func TestLayoutStorm(t *testing.T) {
	s := summary.Of(inspect.Inspect(gen.StormBatch(gen.EventGrid, 3000)))
	for _, by := range []summary.By{summary.ByHub, summary.ByUser} {
		t.Run(by.String(), func(t *testing.T) {
			c := summary.Layout(s, by)
			if len(c.Lines) == 0 || len(c.Lines) > summary.MaxLines {
				t.Fatalf("%d lines", len(c.Lines))
			}
			if len(c.Marks) > summary.MaxMarks || c.Bucket == 0 {
				t.Errorf("%d marks with buckets of %g units", len(c.Marks), c.Bucket)
			}
			checkPaths(t, c)
			counted, errors := 0, 0
			perLine := make([]int, len(c.Lines))
			for i, m := range c.Marks {
				counted += m.Count
				perLine[m.Line] += m.Count
				if m.Error {
					errors += m.Count
				}
				if m.X < 0 || m.X > summary.Width || m.Y1 >= m.Y2 || m.First > m.Last {
					t.Fatalf("mark %d: %+v", i, m)
				}
				if i > 0 && c.Marks[i-1].Line == m.Line && c.Marks[i-1].X > m.X {
					t.Fatalf("marks %d and %d out of order", i-1, i)
				}
			}
			if counted != len(s.Events) || errors != s.Total.ErrorDisconnects {
				t.Errorf("marks stand for %d events (%d errors), want %d (%d)", counted, errors, len(s.Events), s.Total.ErrorDisconnects)
			}
			groups := s.Hubs
			if by == summary.ByUser {
				groups = s.Users
			}
			for i, l := range c.Lines {
				if perLine[i] != l.Connects+l.Disconnects {
					t.Errorf("line %s: %d events marked, %d counted", l.Label(by), perLine[i], l.Connects+l.Disconnects)
				}
				if l.Others == 0 {
					g := groups[i]
					if g.Name != l.Name || l.Connects != g.Connects || l.Errors != g.ErrorDisconnects {
						t.Errorf("line %d is %+v, group %+v", i, l, g)
					}
					if got, want := lastY(t, l.Path), c.Y(g.Open); got != float64(int(want*10+0.5))/10 {
						t.Errorf("line %s ends at y %g, want %g (%d open)", l.Name, got, want, g.Open)
					}
				}
			}
			if by == summary.ByUser && (c.Lines[len(c.Lines)-1].Others != len(s.Users)-(summary.MaxLines-1) ||
				!strings.HasSuffix(c.Lines[len(c.Lines)-1].Label(by), "other users")) {
				t.Errorf("merged line %+v", c.Lines[len(c.Lines)-1])
			}
			if by == summary.ByHub && c.Lines[0].Name != "live" || c.Lines[0].Errors != 480 && by == summary.ByHub {
				t.Errorf("first line %+v, want the storm's hub with its 480 errors", c.Lines[0])
			}
		})
	}
}

// TestLayoutSmall: few events get a mark each, at their time.
func TestLayoutSmall(t *testing.T) {
	evs := gen.Events(40)
	s := summary.Of(inspect.Inspect(gen.Write(gen.CloudEvents, evs)))
	c := summary.Layout(s, summary.ByHub)
	if c.Bucket != 0 || len(c.Marks) != 40 {
		t.Fatalf("%d marks, bucket %g", len(c.Marks), c.Bucket)
	}
	if c.X(s.Start) != 0 || c.X(s.End) != summary.Width || c.Y(0) != summary.PlotTop+summary.PlotHeight || c.Y(c.MaxOpen) != summary.PlotTop {
		t.Errorf("scales: x %g..%g, y %g..%g", c.X(s.Start), c.X(s.End), c.Y(0), c.Y(c.MaxOpen))
	}
	for _, m := range c.Marks {
		e := s.Events[m.First]
		if m.Count != 1 || m.X != c.X(e.Time) {
			t.Errorf("mark %+v for event at x %g", m, c.X(e.Time))
		}
		d := c.Describe(s, &m)
		if !strings.HasPrefix(d, "#"+strconv.Itoa(e.Index)+" "+e.Kind.String()) || !strings.Contains(d, e.ID) ||
			(e.Error != "") != strings.Contains(d, "errorMessage: "+e.Error) {
			t.Errorf("description %q of %+v", d, e)
		}
	}
	if c.Height <= summary.PlotTop+summary.PlotHeight {
		t.Errorf("height %g leaves no room for the lanes", c.Height)
	}
}

// TestLayoutDegenerate: no events, and events all at one time.
func TestLayoutDegenerate(t *testing.T) {
	c := summary.Layout(summary.Of(nil), summary.ByUser)
	if len(c.Lines) != 0 || len(c.Marks) != 0 || c.MaxOpen != 1 {
		t.Errorf("empty chart %+v", c)
	}
	at := time.Date(2024, 5, 14, 9, 30, 0, 0, time.UTC)
	evs := []gen.Event{
		{ID: "a", Type: gen.Connected, Time: at, Hub: "h", ConnectionID: "c1", UserID: "u"},
		{ID: "b", Type: gen.Disconnected, Time: at, Hub: "h", ConnectionID: "c1", UserID: "u", ErrorMessage: "x"},
	}
	s := summary.Of(inspect.Inspect(gen.Write(gen.EventGrid, evs)))
	c = summary.Layout(s, summary.ByHub)
	if len(c.Marks) != 2 || c.Marks[0].X != summary.Width/2 || !c.Marks[1].Error {
		t.Errorf("marks %+v", c.Marks)
	}
	if d := c.Describe(s, &c.Marks[1]); !strings.Contains(d, "errorMessage: x") {
		t.Errorf("description %q", d)
	}
}

// TestLayoutConnectionChangesGroup: a disconnect that names another hub
// and user than its connect closes the connection where it was opened, so
// that no line goes below zero.
func TestLayoutConnectionChangesGroup(t *testing.T) {
	at := time.Date(2024, 5, 14, 9, 30, 0, 0, time.UTC)
	evs := []gen.Event{
		{ID: "a", Type: gen.Connected, Time: at, Hub: "a", ConnectionID: "c1", UserID: "u1"},
		{ID: "b", Type: gen.Connected, Time: at.Add(time.Second), Hub: "b", ConnectionID: "c2", UserID: "u2"},
		{ID: "c", Type: gen.Disconnected, Time: at.Add(2 * time.Second), Hub: "b", ConnectionID: "c1", UserID: "u2"},
	}
	s := summary.Of(inspect.Inspect(gen.Write(gen.EventGrid, evs)))
	for _, by := range []summary.By{summary.ByHub, summary.ByUser} {
		c := summary.Layout(s, by)
		checkPaths(t, c)
		for _, l := range c.Lines {
			want := c.Y(1) // b and u2 keep c2 open
			if l.Name == "a" || l.Name == "u1" {
				want = c.Y(0)
			}
			if got := lastY(t, l.Path); got != want {
				t.Errorf("by %s: line %s ends at y %g, want %g", by, l.Name, got, want)
			}
		}
	}
	if e := s.Events[2]; e.Opener != 0 || e.Delta != -1 {
		t.Errorf("the disconnect %+v does not close the first connect", e)
	}
}

// TestLayoutReach: on the screenshot's batch, the tick paths draw every
// mark once, MarkAt finds each mark at its place (and nothing between the
// lanes), Nearest finds a line's first and last marks from its ends, and a
// mark's Events are the events it stands for, each once.
func TestLayoutReach(t *testing.T) {
	s := summary.Of(inspect.Inspect(gen.StormBatch(gen.EventGrid, 3000)))
	for _, by := range []summary.By{summary.ByHub, summary.ByUser} {
		c := summary.Layout(s, by)
		ticks := 0
		for _, tk := range c.Ticks {
			n := strings.Count(tk.Path, "M")
			ticks += n
			want := 0
			for _, m := range c.Marks {
				if m.Line == tk.Line && m.Kind == tk.Kind && m.Error == tk.Error && (m.Count > 1) == tk.Many {
					if !strings.Contains(tk.Path, "M"+summary.Num(m.X)+" "+summary.Num(m.Y1)+"V"+summary.Num(m.Y2)) {
						t.Fatalf("by %s: mark %+v is not in its ticks %.80s…", by, m, tk.Path)
					}
					want++
				}
			}
			if n != want {
				t.Errorf("by %s: ticks %+v draw %d marks, want %d", by, tk.Line, n, want)
			}
		}
		if ticks != len(c.Marks) || len(c.Ticks) > 6*len(c.Lines) {
			t.Errorf("by %s: %d paths draw %d ticks for %d marks", by, len(c.Ticks), ticks, len(c.Marks))
		}
		seen := make([]int, len(s.Events))
		for i := range c.Marks {
			m := &c.Marks[i]
			// A mark shares its x with no other mark of its lane and class,
			// but may with one of another class: MarkAt finds one at that x.
			if j := c.MarkAt(m.X, c.Lines[m.Line].Lane, 1); j < 0 || c.Marks[j].Line != m.Line || c.Marks[j].X != m.X {
				t.Fatalf("by %s: MarkAt(%g, lane %d) = %d, want mark %d", by, m.X, m.Line, j, i)
			}
			evs := c.Events(s, m)
			if len(evs) != m.Count || evs[0] != m.First || evs[len(evs)-1] != m.Last {
				t.Fatalf("by %s: mark %+v stands for events %v", by, m, evs)
			}
			for _, e := range evs {
				seen[e]++
				if ev := &s.Events[e]; ev.Kind != m.Kind || ev.Errored() != m.Error {
					t.Fatalf("by %s: event %+v in mark %+v", by, ev, m)
				}
			}
		}
		for i, n := range seen {
			if n != 1 {
				t.Fatalf("by %s: event %d is in %d marks", by, i, n)
			}
		}
		for l := range c.Lines {
			first, last := -1, -1
			for i, m := range c.Marks {
				if m.Line == l {
					if first < 0 {
						first = i
					}
					last = i
				}
			}
			if a, z := c.Nearest(l, -10), c.Nearest(l, summary.Width+10); a != first || z != last {
				t.Errorf("by %s: line %d's nearest marks to its ends are %d and %d, want %d and %d", by, l, a, z, first, last)
			}
		}
		if j := c.Nearest(len(c.Lines), 0); j != -1 {
			t.Errorf("by %s: Nearest on no line = %d", by, j)
		}
		if j := c.MarkAt(summary.Width/2, summary.PlotTop, 1); j != -1 {
			t.Errorf("by %s: MarkAt on the plot = %d, want -1", by, j)
		}
		if j := c.MarkAt(-50, c.Lines[0].Lane, 1); j != -1 {
			t.Errorf("by %s: MarkAt left of the chart = %d, want -1", by, j)
		}
	}
}
