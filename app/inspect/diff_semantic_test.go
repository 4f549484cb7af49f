package inspect

import (
	"strings"
	"testing"
)

// TestDiffSemanticShowsObservableChanges: a semantic comparison hides no
// change a receiver could observe: a dataVersion or metadataVersion between
// two Event Grid payloads (the conversion to CloudEvents drops both), a
// dataVersion against Azure's dataschema "#<dataVersion>", a dataschema or
// an extension attribute between CloudEvents payloads.
func TestDiffSemanticShowsObservableChanges(t *testing.T) {
	eg := string(read(t, "seed-eventgrid-connected"))
	ce := string(read(t, "seed-cloudevents-connected"))
	withAttr := func(src, attr string) string {
		return strings.Replace(src, `"specversion": "1.0"`, `"specversion": "1.0", `+attr, 1)
	}
	if !strings.Contains(eg, `"dataVersion": "1.0"`) || !strings.Contains(ce, `"specversion": "1.0"`) {
		t.Fatal("the seeds changed: update this test")
	}
	for _, tc := range []struct {
		name, a, b string
		path       string // the pointer of the one change expected
	}{
		{"Event Grid dataVersion", eg, strings.Replace(eg, `"dataVersion": "1.0"`, `"dataVersion": "2.0"`, 1), "/0/dataVersion"},
		{"Event Grid metadataVersion", eg, strings.Replace(eg, `"metadataVersion": "1"`, `"metadataVersion": "2"`, 1), "/0/metadataVersion"},
		{"Event Grid dataVersion against Azure's dataschema", strings.Replace(eg, `"dataVersion": "1.0"`, `"dataVersion": "2.0"`, 1),
			withAttr(ce, `"dataschema": "#1.0"`), "/0/dataschema"},
		{"CloudEvents dataschema", withAttr(ce, `"dataschema": "https://example.com/v1.json"`), withAttr(ce, `"dataschema": "https://example.com/v2.json"`), "/0/dataschema"},
		{"CloudEvents extension", ce, withAttr(ce, `"traceparent": "00-abc"`), "/0/traceparent"},
	} {
		r := Diff([]byte(tc.a), []byte(tc.b), true)
		if r.Equal || len(r.Changes) != 1 || r.Changes[0].Path != tc.path {
			t.Errorf("%s: equal=%v, changes %+v; want one change at %s", tc.name, r.Equal, r.Changes, tc.path)
		}
		if len(r.Left.Diagnostics)+len(r.Right.Diagnostics) != 0 {
			t.Errorf("%s: diagnostics %+v %+v", tc.name, r.Left.Diagnostics, r.Right.Diagnostics)
		}
	}
	// The twins still compare equal, with or without Azure's dataschema.
	for _, b := range []string{ce, withAttr(ce, `"dataschema": "#1.0"`)} {
		if r := Diff([]byte(eg), []byte(b), true); !r.Equal {
			t.Errorf("the Event Grid seed and its CloudEvents twin differ: %+v", r.Changes)
		}
	}
	// Two Event Grid payloads are shown in Event Grid form.
	r := Diff([]byte(eg), []byte(eg), true)
	if !r.Equal || !strings.Contains(string(r.Left.Text), `"dataVersion"`) {
		t.Errorf("two Event Grid payloads: equal=%v, left side\n%s", r.Equal, r.Left.Text)
	}
}
