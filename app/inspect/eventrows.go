package inspect

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"eventlens/app/diag"
	"eventlens/app/jsontree"
	"eventlens/app/vocab"
)

// EventRow is one event of a payload as the batch table shows it: its
// attributes (strings as written; "" when absent or not a string) and
// how many errors and warnings point into it.
type EventRow struct {
	Index        int
	ID           string
	Type         string
	Subject      string
	Time         string // eventTime or time
	Hub          string // data.hubName
	ConnectionID string // data.connectionId
	UserID       string // data.userId
	Errors       int
	Warnings     int
}

// Verdict says what is wrong with the event in a few words: "valid", "2
// errors", "1 warning", "1 error, 3 warnings".
func (e EventRow) Verdict() string {
	errors := fmt.Sprintf("%d %s", e.Errors, plural(e.Errors, "error", "errors"))
	warnings := fmt.Sprintf("%d %s", e.Warnings, plural(e.Warnings, "warning", "warnings"))
	switch {
	case e.Errors == 0 && e.Warnings == 0:
		return "valid"
	case e.Warnings == 0:
		return errors
	case e.Errors == 0:
		return warnings
	}
	return errors + ", " + warnings
}

// EventRows returns one row per event of the report, in payload order.
func (r *Report) EventRows() []EventRow {
	if r == nil || len(r.Events) == 0 {
		return nil
	}
	rows := make([]EventRow, len(r.Events))
	var root *jsontree.Node
	if r.Doc != nil {
		root = r.Doc.Root
	}
	for i, ev := range r.Events {
		row := EventRow{Index: ev.Index, ID: ev.ID, Type: ev.Type}
		if n := lookup(root, ev.Pointer); n != nil {
			row.Subject = text(n.Get(vocab.Subject))
			row.Time = cmp.Or(text(n.Get(vocab.EventTime)), text(n.Get(vocab.Time)))
			if data := n.Get(vocab.Data); data != nil && data.Kind == jsontree.Object {
				row.Hub = text(data.Get(vocab.HubName))
				row.ConnectionID = text(data.Get(vocab.ConnectionID))
				row.UserID = text(data.Get(vocab.UserID))
			}
		}
		rows[i] = row
	}
	for _, d := range r.Diagnostics {
		if d.Event < 0 || d.Event >= len(rows) {
			continue
		}
		switch d.Severity {
		case diag.Error:
			rows[d.Event].Errors++
		case diag.Warning:
			rows[d.Event].Warnings++
		}
	}
	return rows
}

func lookup(root *jsontree.Node, pointer string) *jsontree.Node {
	if root == nil {
		return nil
	}
	return root.Lookup(pointer)
}

// text returns a string node's text, or "".
func text(n *jsontree.Node) string {
	if n == nil || n.Kind != jsontree.String {
		return ""
	}
	return n.Text
}

// RowColumn names a column of the batch table, to sort by.
type RowColumn string

// The batch table's columns.
const (
	ColIndex        RowColumn = "index"
	ColID           RowColumn = "id"
	ColType         RowColumn = "type"
	ColSubject      RowColumn = "subject"
	ColTime         RowColumn = "time"
	ColHub          RowColumn = "hub"
	ColConnectionID RowColumn = "connectionId"
	ColUserID       RowColumn = "userId"
	ColVerdict      RowColumn = "verdict"
)

// RowOrder returns the positions in rows of the rows that match query (a
// case-insensitive substring of any attribute; "" matches every row),
// sorted by column (descending when desc), ties in payload order. Times
// sort as written: RFC 3339 times in one zone sort in time order. The
// verdict sorts by errors, then warnings.
func RowOrder(rows []EventRow, query string, col RowColumn, desc bool) []int {
	q := strings.ToLower(strings.TrimSpace(query))
	order := make([]int, 0, len(rows))
	for i := range rows {
		if q == "" || rows[i].matches(q) {
			order = append(order, i)
		}
	}
	by := func(a, b EventRow) int {
		switch col {
		case ColID:
			return strings.Compare(a.ID, b.ID)
		case ColType:
			return strings.Compare(a.Type, b.Type)
		case ColSubject:
			return strings.Compare(a.Subject, b.Subject)
		case ColTime:
			return strings.Compare(a.Time, b.Time)
		case ColHub:
			return strings.Compare(a.Hub, b.Hub)
		case ColConnectionID:
			return strings.Compare(a.ConnectionID, b.ConnectionID)
		case ColUserID:
			return strings.Compare(a.UserID, b.UserID)
		case ColVerdict:
			return cmp.Or(cmp.Compare(a.Errors, b.Errors), cmp.Compare(a.Warnings, b.Warnings))
		}
		return cmp.Compare(a.Index, b.Index)
	}
	slices.SortStableFunc(order, func(i, j int) int {
		c := by(rows[i], rows[j])
		if desc {
			c = -c
		}
		return cmp.Or(c, cmp.Compare(i, j))
	})
	return order
}

// matches reports whether any attribute holds q (lower-case).
func (e EventRow) matches(q string) bool {
	for _, s := range [...]string{e.ID, e.Type, e.Subject, e.Time, e.Hub, e.ConnectionID, e.UserID} {
		if strings.Contains(strings.ToLower(s), q) {
			return true
		}
	}
	return false
}
