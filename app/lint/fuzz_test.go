package lint

import (
	"slices"
	"sort"
	"strings"
	"testing"

	"eventlens/app/detect"
	"eventlens/app/jsontree"
)

// FuzzCheck runs Parse, Detect and Check on arbitrary text: Check must not
// panic, its places and fix edits must lie in the source, and applying a
// fix must leave valid JSON.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{
		egOK, ceOK, egSeed, handshake, ceBinary,
		"[" + ceOK + "," + ceBinary + "]",
		strings.Replace(egOK, `"Microsoft.SignalRService.ClientConnectionConnected"`, `"Microsoft.signalrService.ClientConnectionDis ligados"`, 1),
		strings.Replace(egOK, `"topic"`, `"source"`, 1),
		strings.Replace(ceOK, `"specversion"`, `"specVersion"`, 1),
		strings.Replace(ceOK, `"id"`, `"ID", "traceParent": 1.5, "x-y": {}, "n": 1e999, "m": -0.0`, 1),
		`{"specversion":"0.3","id":"1","source":"s","type":"t","data":1,"data_base64":"QQ","datacontenttype":"text/plain; a","dataschema":"#1"}`,
		`{"specversion":"1.0","id":"1","source":"s","type":"t","data_base64":"Q\u0055J*"}`,
		`[{"eventType":"x","eventTime":"x","metadataVersion":null,"":1,"data":{}},{"specversion":"1.0","type":"x","source":"y","id":"1"}]`,
		`[{"eventType":"Microsoft.SignalRService.ClientConnectionConnected","subject":"/HUB/x","topic":"/subscriptions/{a}/resourceGroups//providers/x/y/z","eventTime":"2019-06-10T18:41:00Z","data":{"hubName":"X","timestamp":"9999-12-31T23:59:59Z","errorMessage":null}}]`,
		`[1, "a", null, {}]`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		doc, err := jsontree.Parse([]byte(src), jsontree.Options{MaxDepth: 64})
		if err != nil {
			return
		}
		ds := Check(doc, detect.Detect(doc.Root))
		for _, d := range ds {
			if d.Offset < 0 || d.Offset > d.End || d.End > len(src) {
				t.Fatalf("%s: place %d-%d out of %d bytes", d.Code, d.Offset, d.End, len(src))
			}
			if d.Line < 1 || d.Column < 1 || d.Message == "" {
				t.Fatalf("%s: no place or message: %+v", d.Code, d)
			}
			if d.Fix == nil {
				continue
			}
			edits := slices.Clone(d.Fix.Edits)
			sort.Slice(edits, func(i, j int) bool { return edits[i].Offset > edits[j].Offset })
			fixed, last := src, len(src)
			for _, e := range edits {
				if e.Offset < 0 || e.Offset > e.End || e.End > last {
					t.Fatalf("%s: edit %+v out of range or overlapping", d.Code, e)
				}
				fixed, last = fixed[:e.Offset]+e.Text+fixed[e.End:], e.Offset
			}
			if _, err := jsontree.Parse([]byte(fixed), jsontree.Options{MaxDepth: 64}); err != nil {
				t.Fatalf("%s: fix %q breaks the JSON: %v\n%s", d.Code, d.Fix.Title, err, fixed)
			}
		}
		if !sort.SliceIsSorted(ds, func(i, j int) bool { return ds[i].Offset < ds[j].Offset }) {
			t.Fatalf("diagnostics not sorted by place")
		}
	})
}
