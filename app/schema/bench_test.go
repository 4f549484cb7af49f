package schema

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/xeipuuv/gojsonschema"

	"eventlens/app/catalog"
	"eventlens/app/detect"
	"eventlens/app/gen"
	"eventlens/app/jsontree"
	"eventlens/app/vocab"
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

// BenchmarkBare is the peer that whole inspection is measured against
// (issue 16, docs/PERFORMANCE.md): gojsonschema alone, from the text of a
// generated batch to its verdict, as a program using gojsonschema without
// eventlens would check it. One schema (peerSchema) holds the same rules
// eventlens validates: the form's envelope for every event and, by event
// type, the SignalR data schema. gojsonschema decodes the text itself
// (NewBytesLoader: encoding/json with UseNumber) and validates the array in
// one call.
func BenchmarkBare(b *testing.B) {
	for _, f := range gen.Forms {
		s, err := gojsonschema.NewSchema(gojsonschema.NewGoLoader(peerSchema(b, f)))
		if err != nil {
			b.Fatal(err)
		}
		for _, n := range []int{1000, gen.MaxEvents} {
			src := gen.Batch(f, n)
			b.Run(fmt.Sprintf("%s/%d", f, n), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				b.ReportAllocs()
				for b.Loop() {
					r, err := s.Validate(gojsonschema.NewBytesLoader(src))
					if err != nil || !r.Valid() {
						b.Fatal(err, r.Errors())
					}
				}
			})
		}
	}
}

// peerSchema returns one draft-07 schema of a batch of form f: an array
// whose items satisfy the form's envelope schema and, for each SignalR
// type eventlens knows, that type's data schema (if / then on the type).
func peerSchema(b *testing.B, f gen.Form) map[string]any {
	b.Helper()
	read := func(file string) map[string]any {
		text, err := files.ReadFile("schemas/" + file)
		if err != nil {
			b.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(text, &m); err != nil {
			b.Fatal(err)
		}
		delete(m, "$schema")
		return m
	}
	envFile, typeKey := "eventgrid.json", vocab.EventType
	if f == gen.CloudEvents {
		envFile, typeKey = "cloudevents.json", vocab.Type
	}
	envelope := read(envFile)
	defs, _ := envelope["definitions"].(map[string]any)
	if defs == nil {
		defs = map[string]any{}
	}
	delete(envelope, "definitions")
	all := []any{envelope}
	for name, file := range map[string]string{catalog.Connected: "signalr-connected.json", catalog.Disconnected: "signalr-disconnected.json"} {
		defs[file] = read(file)
		all = append(all, map[string]any{
			"if":   map[string]any{"required": []any{typeKey}, "properties": map[string]any{typeKey: map[string]any{"const": name}}},
			"then": map[string]any{"properties": map[string]any{vocab.Data: map[string]any{"$ref": "#/definitions/" + file}}},
		})
	}
	return map[string]any{
		"$schema":     "http://json-schema.org/draft-07/schema#",
		"type":        "array",
		"items":       map[string]any{"allOf": all},
		"definitions": defs,
	}
}
