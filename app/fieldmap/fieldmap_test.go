package fieldmap

import (
	"fmt"
	"strings"
	"testing"

	"eventlens/app/convert"
	"eventlens/app/detect"
	"eventlens/app/jsontree"
	"eventlens/internal/fixture"
)

// load returns a seed payload's tree.
func load(t testing.TB, seed string) *jsontree.Node {
	t.Helper()
	return fixture.Parse(t, fixture.Seed(t, seed)).Root
}

func describe(rows []Row) string {
	var b strings.Builder
	for _, r := range rows {
		fmt.Fprintf(&b, "%s|%s|%s\n", r.EventGrid, r.CloudEvents, r.Kind)
	}
	return b.String()
}

func TestRowsEventGridSeed(t *testing.T) {
	root := load(t, fixture.EventGridConnected)
	res, err := convert.ToCloudEvents(root)
	if err != nil {
		t.Fatal(err)
	}
	got := describe(Rows(detect.EventGrid, 0, res.Changes, root.Items[0]))
	want := `topic|source|renamed
subject|subject|same
eventType|type|renamed
eventTime|time|renamed
id|id|same
data|data|same
dataVersion||dropped
metadataVersion||dropped
|specversion|added
`
	if got != want {
		t.Errorf("rows:\n%s\nwant:\n%s", got, want)
	}
}

func TestRowsCloudEventsSeed(t *testing.T) {
	root := load(t, fixture.CloudEventsDisconnected)
	res, err := convert.ToEventGrid(root)
	if err != nil {
		t.Fatal(err)
	}
	rows := Rows(detect.CloudEvents, 0, res.Changes, root.Items[0])
	got := describe(rows)
	// Event Grid names are on the left whichever form the input is in.
	for _, line := range []string{"topic|source|renamed", "eventType|type|renamed", "subject|subject|same", "dataVersion||added", "metadataVersion||added", "|specversion|dropped"} {
		if !strings.Contains(got, line+"\n") {
			t.Errorf("rows lack %q:\n%s", line, got)
		}
	}
	for _, r := range rows {
		if r.Kind == Same && r.EventGrid == "data" && !strings.Contains(r.Value, `"errorMessage":"Internal server error."`) {
			t.Errorf("data row value = %s", r.Value)
		}
	}
}

func TestRowsLostAndMissing(t *testing.T) {
	src := `{"specversion":"1.0","id":"1","source":"/s","type":"t","datacontenttype":"text/plain","data_base64":"aGk=","myext":"x"}`
	doc := fixture.Parse(t, src)
	res, err := convert.ToEventGrid(doc.Root)
	if err != nil {
		t.Fatal(err)
	}
	rows := Rows(detect.CloudEvents, 0, res.Changes, doc.Root)
	lost := map[string]bool{}
	for _, r := range rows {
		if r.Lost() {
			lost[r.CloudEvents+">"+r.EventGrid] = true
		}
	}
	for _, want := range []string{"data_base64>", "myext>"} {
		if !lost[want] {
			t.Errorf("lost rows lack %q: %v\n%s", want, lost, describe(rows))
		}
	}
	// A missing attribute the target needs has its target name filled in.
	var missing int
	for _, r := range rows {
		if r.Kind == convert.Missing {
			missing++
			if r.EventGrid == "" {
				t.Errorf("missing row without its Event Grid name: %+v", r)
			}
		}
	}
	if missing == 0 {
		t.Errorf("no missing row (time, subject and data are absent):\n%s", describe(rows))
	}
	if p := Payload(res.Changes); len(p) != 2 || p[0].Kind != convert.Noted || p[1].Kind != convert.Added {
		t.Errorf("Payload changes = %v, want the note that Azure does not deliver this direction, then the wrapping into an array", p)
	}
}

func FuzzRows(f *testing.F) {
	for _, id := range []string{fixture.EventGridConnected, fixture.CloudEventsConnected} {
		f.Add([]byte(fixture.Seed(f, id)))
	}
	f.Add([]byte(`{"specversion":"1.0","id":"1","source":"/s","type":"t","time":null,"x":1,"x":2}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		doc, err := jsontree.Parse(src, jsontree.Options{})
		if err != nil {
			return
		}
		res := detect.Detect(doc.Root)
		for _, conv := range []func(*jsontree.Node) (*convert.Result, error){convert.ToCloudEvents, convert.ToEventGrid} {
			r, err := conv(doc.Root)
			if err != nil {
				continue
			}
			for _, e := range res.Events {
				for _, row := range Rows(res.Form, e.Index, r.Changes, e.Node) {
					if row.EventGrid == "" && row.CloudEvents == "" && row.Kind != convert.Added && e.Node.Get("") == nil { // a "" key is a key
						t.Fatalf("row names no attribute: %+v", row)
					}
				}
			}
		}
	})
}
