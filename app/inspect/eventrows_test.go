package inspect

import (
	"reflect"
	"strings"
	"testing"

	"eventlens/app/gen"
)

func TestEventRows(t *testing.T) {
	src := gen.Batch(gen.EventGrid, 3)
	// Event 1 gets a bad time (an error) and event 2 loses its hub (a warning).
	r0 := Inspect(src)
	rows0 := r0.EventRows()
	s := strings.Replace(string(src), `"eventTime": "`+rows0[1].Time+`"`, `"eventTime": "yesterday"`, 1)
	s = strings.Replace(s, `"hubName": "`+rows0[2].Hub+`"`, `"hub": "`+rows0[2].Hub+`"`, 1)
	r := Inspect([]byte(s))
	rows := r.EventRows()
	if len(rows) != 3 {
		t.Fatalf("%d rows, want 3", len(rows))
	}
	for i, row := range rows {
		if row.Index != i || row.ID != r.Events[i].ID || row.Type != r.Events[i].Type || row.Subject == "" || row.ConnectionID == "" || row.UserID == "" {
			t.Errorf("row %d = %+v", i, row)
		}
	}
	if rows[0].Verdict() != "valid" || rows[1].Errors == 0 || rows[1].Time != "yesterday" || rows[2].Hub != "" || rows[2].Warnings == 0 || rows[2].Errors != 0 {
		t.Errorf("verdicts: %q %+v, %q %+v, %q %+v", rows[0].Verdict(), rows[0], rows[1].Verdict(), rows[1], rows[2].Verdict(), rows[2])
	}
	if ce := Inspect(gen.Batch(gen.CloudEvents, 2)).EventRows(); ce[1].Time == "" || ce[1].Hub == "" {
		t.Errorf("CloudEvents row %+v", ce[1])
	}
	if (&Report{}).EventRows() != nil {
		t.Error("rows of an empty report")
	}
}

func TestRowOrder(t *testing.T) {
	rows := []EventRow{
		{Index: 0, ID: "b", Hub: "chat", Time: "2019-06-10T18:41:02Z"},
		{Index: 1, ID: "a", Hub: "lobby", Time: "2019-06-10T18:41:01Z", Errors: 1},
		{Index: 2, ID: "c", Hub: "Chat", Time: "2019-06-10T18:41:03Z", Warnings: 2},
	}
	for _, tt := range []struct {
		query string
		col   RowColumn
		desc  bool
		want  []int
	}{
		{"", ColIndex, false, []int{0, 1, 2}},
		{"", ColIndex, true, []int{2, 1, 0}},
		{"", ColID, false, []int{1, 0, 2}},
		{"", ColTime, true, []int{2, 0, 1}},
		{"", ColVerdict, true, []int{1, 2, 0}},
		{"CHAT", ColIndex, false, []int{0, 2}},
		{" lobby ", ColIndex, false, []int{1}},
		{"nothing", ColIndex, false, []int{}},
	} {
		if got := RowOrder(rows, tt.query, tt.col, tt.desc); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("RowOrder(%q, %s, desc %v) = %v, want %v", tt.query, tt.col, tt.desc, got, tt.want)
		}
	}
	if got := (EventRow{Errors: 1, Warnings: 2}).Verdict(); got != "1 error, 2 warnings" {
		t.Errorf("verdict %q", got)
	}
}
