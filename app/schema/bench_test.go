package schema

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/xeipuuv/gojsonschema"

	"eventlens/app/detect"
	"eventlens/app/gen"
	"eventlens/app/jsontree"
)

// detected decodes and detects a generated batch.
func detected(b *testing.B, src []byte) detect.Result {
	b.Helper()
	doc, err := jsontree.Parse(src, jsontree.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return detect.Detect(doc.Root)
}

// BenchmarkValidate validates generated batches, already decoded and
// detected, in each form: envelope and data schemas, event by event.
func BenchmarkValidate(b *testing.B) {
	if err := Warm(); err != nil {
		b.Fatal(err)
	}
	for _, f := range gen.Forms {
		for _, n := range gen.Sizes {
			src := gen.Batch(f, n)
			res := detected(b, src)
			b.Run(fmt.Sprintf("%s/%d", f, n), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				b.ReportAllocs()
				for b.Loop() {
					if ds := Validate(res); len(ds) != 0 {
						b.Fatal(list(ds))
					}
				}
			})
		}
	}
}

// BenchmarkEnvelope compares two ways of running the envelope schema over
// a 1,000-event batch: once per event (as Validate does, which places each
// error in its event) and in one call with an array schema whose items are
// the envelope schema. The difference is gojsonschema's per-call overhead.
func BenchmarkEnvelope(b *testing.B) {
	for _, f := range gen.Forms {
		file := map[gen.Form]string{gen.EventGrid: "eventgrid.json", gen.CloudEvents: "cloudevents.json"}[f]
		envelope := compileFile(b, file, false)
		batch := compileFile(b, file, true)
		src := gen.Batch(f, 1000)
		res := detected(b, src)
		b.Run(f.String()+"/per-event", func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				for _, ev := range res.Events {
					if r, err := envelope.Validate(Loader{Node: ev.Node}); err != nil || !r.Valid() {
						b.Fatal(err)
					}
				}
			}
		})
		arr := &jsontree.Node{Kind: jsontree.Array}
		for _, ev := range res.Events {
			arr.Items = append(arr.Items, ev.Node)
		}
		b.Run(f.String()+"/one-call", func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				if r, err := batch.Validate(Loader{Node: arr}); err != nil || !r.Valid() {
					b.Fatal(err)
				}
			}
		})
	}
}

// compileFile compiles an embedded schema; with array, the schema of an
// array whose items are that schema (its definitions moved to the root, so
// that its "#/definitions/..." references still resolve).
func compileFile(b *testing.B, file string, array bool) *gojsonschema.Schema {
	b.Helper()
	text, err := files.ReadFile("schemas/" + file)
	if err != nil {
		b.Fatal(err)
	}
	if array {
		var item map[string]any
		if err := json.Unmarshal(text, &item); err != nil {
			b.Fatal(err)
		}
		wrapper := map[string]any{"type": "array", "items": item}
		for _, k := range []string{"$schema", "definitions"} {
			if v, ok := item[k]; ok {
				wrapper[k] = v
				delete(item, k)
			}
		}
		if text, err = json.Marshal(wrapper); err != nil {
			b.Fatal(err)
		}
	}
	sl := gojsonschema.NewSchemaLoader()
	sl.Draft = gojsonschema.Draft7
	sl.AutoDetect = false
	s, err := sl.Compile(gojsonschema.NewBytesLoader(text))
	if err != nil {
		b.Fatal(err)
	}
	return s
}
