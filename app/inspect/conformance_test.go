package inspect

import (
	"path/filepath"
	"testing"

	"eventlens/app/detect"
	"eventlens/app/jsontree"
	"eventlens/internal/fixture"
)

// TestConformance runs the CloudEvents JSON format conformance vectors of
// testdata/conformance (cloudevents/conformance, format/json, copied
// unchanged): every valid event or batch is valid CloudEvents, and every
// invalid one is reported invalid. Each case's event or batch is inspected
// as the exact text the vector file holds.
func TestConformance(t *testing.T) {
	cases := 0
	for _, file := range fixture.Glob(t, "testdata/conformance/*.json") {
		src := fixture.Read(t, "testdata/conformance/"+filepath.Base(file))
		doc := fixture.Parse(t, string(src))
		fileType := doc.Root.Get("testType")
		tests := doc.Root.Get("tests")
		if fileType == nil || tests == nil || tests.Kind != jsontree.Array {
			t.Fatalf("%s: no testType or tests", file)
		}
		for _, tc := range tests.Items {
			id := tc.Get("id").Text
			typ := fileType.Text
			if o := tc.Get("testType"); o != nil {
				typ = o.Text
			}
			body := tc.Get("event")
			if typ == "ValidBatch" || typ == "InvalidBatch" {
				body = tc.Get("batch")
			}
			if body == nil {
				t.Fatalf("%s %s: no event or batch for test type %s", file, id, typ)
			}
			cases++
			t.Run(id, func(t *testing.T) {
				r := Inspect(src[body.Pos.Offset:body.End])
				switch typ {
				case "ValidSingleEvent", "ValidBatch":
					if !r.Valid || r.Form != detect.CloudEvents && !(r.Batch && len(r.Events) == 0) {
						t.Errorf("%s is valid CloudEvents; eventlens says form=%s valid=%v:\n%s", id, r.Form, r.Valid, dump(r))
					}
					if typ == "ValidBatch" != r.Batch {
						t.Errorf("%s: batch=%v, want %v", id, r.Batch, typ == "ValidBatch")
					}
				case "InvalidSingleEvent", "InvalidBatch":
					if r.Valid {
						t.Errorf("%s is invalid; eventlens says it is valid (form=%s):\n%s", id, r.Form, dump(r))
					}
				default:
					t.Fatalf("%s: unknown test type %q", id, typ)
				}
			})
		}
	}
	if cases < 43 {
		t.Errorf("ran %d conformance cases, want the 43 of cloudevents/conformance format/json", cases)
	}
}
