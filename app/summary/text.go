package summary

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// MaxListed is how many users, and how many events without a time, the
// text lists; the JSON lists every one.
const MaxListed = 20

// WriteText writes the summary for people to read: the totals, the error
// messages, each hub, the busiest users and the events left out. Values
// come from the payload: a terminal needs them escaped (the CLI writes
// through its escaping writer).
func (s *Summary) WriteText(w io.Writer) error {
	tw := &textWriter{w: w}
	n := s.Connections()
	tw.f("%s %s", Count(n), plural(n, "connection event", "connection events"))
	if s.Other > 0 {
		tw.f(", %s other %s set aside", Count(s.Other), plural(s.Other, "event", "events"))
	}
	if !s.Start.IsZero() {
		tw.f(", %s to %s (%s)", stamp(s.Start), stamp(s.End), Duration(s.End.Sub(s.Start)))
	}
	tw.f("\n")
	tw.f("total: %s\n", s.Total.Line())
	if len(s.Total.Errors) > 0 {
		tw.f("disconnect errors:\n")
		for _, e := range s.Total.Errors {
			tw.f("  %6s  %s\n", Count(e.Count), e.Message)
		}
	}
	tw.f("hubs (%d):\n", len(s.Hubs))
	for i := range s.Hubs {
		tw.f("  %s: %s\n", Name(s.Hubs[i].Name, "hub"), s.Hubs[i].Line())
	}
	if len(s.Users) > MaxListed {
		tw.f("users (the %d busiest of %s):\n", MaxListed, Count(len(s.Users)))
	} else {
		tw.f("users (%d):\n", len(s.Users))
	}
	for i := range s.Users[:min(len(s.Users), MaxListed)] {
		tw.f("  %s: %s\n", Name(s.Users[i].Name, "user"), s.Users[i].Line())
	}
	if len(s.Untimed) > 0 {
		tw.f("left out, no usable time (%d):\n", len(s.Untimed))
		for _, u := range s.Untimed[:min(len(s.Untimed), MaxListed)] {
			tw.f("  #%d at %s: %s\n", u.Index, u.Pointer, u.Reason)
		}
		if len(s.Untimed) > MaxListed {
			tw.f("  … %d more (--json lists them all)\n", len(s.Untimed)-MaxListed)
		}
	}
	return tw.err
}

// Line writes the group's figures on one line: "12 connects, 10
// disconnects (3 with an error), 2 open at the end; durations: shortest
// 1.2s, median 5s (10 connections)".
func (g *Stats) Line() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s, %s %s", Count(g.Connects), plural(g.Connects, "connect", "connects"),
		Count(g.Disconnects), plural(g.Disconnects, "disconnect", "disconnects"))
	if g.ErrorDisconnects > 0 {
		fmt.Fprintf(&b, " (%s with an error)", Count(g.ErrorDisconnects))
	}
	fmt.Fprintf(&b, ", %s open at the end", Count(g.Open))
	if g.OpenAtStart > 0 {
		fmt.Fprintf(&b, ", %s opened before", Count(g.OpenAtStart))
	}
	if g.Durations > 0 {
		fmt.Fprintf(&b, "; shortest %s, median %s (%s %s)", g.Shortest, g.Median, Count(g.Durations), plural(g.Durations, "connection", "connections"))
	}
	if g.OutOfOrder > 0 {
		fmt.Fprintf(&b, "; %s out of time order", Count(g.OutOfOrder))
	}
	return b.String()
}

// Name returns a group's name for display: "(no hub)" or "(no user)" when
// the events carry none.
func Name(name, what string) string {
	if name == "" {
		return "(no " + what + ")"
	}
	return name
}

// Count writes n with thousands separators: 12,345.
func Count(n int) string {
	s := strconv.Itoa(n)
	start := 0
	if n < 0 {
		start = 1
	}
	for i := len(s) - 3; i > start; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Stamp writes a time as RFC 3339 in UTC, with the fraction it has.
func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// textWriter keeps the first write error and writes nothing after it.
type textWriter struct {
	w   io.Writer
	err error
}

func (t *textWriter) f(format string, args ...any) {
	if t.err == nil {
		_, t.err = fmt.Fprintf(t.w, format, args...)
	}
}
