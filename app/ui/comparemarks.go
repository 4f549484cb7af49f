package ui

import (
	"strings"
	"unsafe"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/inspect"
	"eventlens/app/textdiff"
	"eventlens/app/textpos"
)

// lineMarks holds, for each 1-based line of a compared side that holds a
// replaced value, the byte ranges of the line that differ from the line
// of the value it was replaced with.
type lineMarks map[int][]textdiff.Span

// inlineChanges returns the characters that differ in each pair of
// replaced values (inspect.DiffReport.Pairs), by line of each side.
func inlineChanges(r *inspect.DiffReport) (left, right lineMarks) {
	if r == nil || len(r.Pairs) == 0 {
		return nil, nil
	}
	lt, rt := unsafe.String(unsafe.SliceData(r.Left.Text), len(r.Left.Text)), unsafe.String(unsafe.SliceData(r.Right.Text), len(r.Right.Text))
	ll, rl := textpos.NewLines(lt), textpos.NewLines(rt)
	left, right = lineMarks{}, lineMarks{}
	for _, p := range r.Pairs {
		a, okA := lineOf(lt, ll, p.Left)
		b, okB := lineOf(rt, rl, p.Right)
		if !okA || !okB {
			continue
		}
		removed, added := textdiff.Changed(a, b)
		left[p.Left], right[p.Right] = removed, added
	}
	return left, right
}

// lineOf returns 1-based line n of text, without its line break.
func lineOf(text string, lines textpos.Lines, n int) (string, bool) {
	if n < 1 || n > len(lines) {
		return "", false
	}
	start, end := lines[n-1], len(text)
	if n < len(lines) {
		end = lines[n]
	}
	for end > start && (text[end-1] == '\n' || text[end-1] == '\r') {
		end--
	}
	return text[start:end], true
}

// markedLine renders one changed line of a side: the line in a mark of
// the side's colour (class del on the left, ins on the right), with the
// characters that differ from its pair (spans, relative to the line) in
// a stronger one.
func markedLine(line int, text, side string, spans []textdiff.Span) app.UI {
	m := app.Mark().Class("changed", side).DataSet("line", line)
	if len(spans) == 0 {
		return m.Text(text)
	}
	var body []app.UI
	at := 0
	for _, s := range spans {
		if s.End > len(text) || s.Start < at {
			break
		}
		if at < s.Start {
			body = append(body, app.Text(text[at:s.Start]))
		}
		body = append(body, app.Span().Class("chars").Text(text[s.Start:s.End]))
		at = s.End
	}
	if at < len(text) {
		body = append(body, app.Text(text[at:]))
	}
	return m.DataSet("chars", true).Body(body...)
}

// lineMoves holds, for each 1-based line of a compared side that starts
// an event that changed position, the move.
type lineMoves map[int]inspect.LineMove

// movesOf returns the first lines of the moved events
// (inspect.DiffReport.Moves) on each side.
func movesOf(r *inspect.DiffReport) (left, right lineMoves) {
	if r == nil || len(r.Moves) == 0 {
		return nil, nil
	}
	left, right = lineMoves{}, lineMoves{}
	for _, m := range r.Moves {
		left[m.Left], right[m.Right] = m, m
	}
	return left, right
}

// movedLine renders the first line of an event that changed position,
// followed by where it went ("moved from #0 to #2", drawn by the style
// sheet so that the side's text stays the payload's).
func movedLine(line int, text string, m inspect.LineMove) app.UI {
	label := m.Label()
	text, nl := strings.CutSuffix(text, "\n")
	body := []app.UI{app.Text(text), app.Span().Class("move-note").DataSet("moved", label)}
	if nl {
		body = append(body, app.Text("\n"))
	}
	return app.Mark().Class("moved").DataSet("line", line).DataSet("moved", label).Title(label).Body(body...)
}
