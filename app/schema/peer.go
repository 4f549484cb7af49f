package schema

import (
	"encoding/json"
	"fmt"

	"eventlens/app/catalog"
	"eventlens/app/detect"
	"eventlens/app/vocab"
)

// PeerSchema returns, as JSON text, one draft-07 schema of a whole batch
// in form f (detect.EventGrid or detect.CloudEvents) holding the rules
// Validate applies to it: an array whose items satisfy the form's envelope
// schema and, for each SignalR Service type, that type's data schema (if
// the type matches, then data). It is what a program using gojsonschema
// without eventlens would validate a batch's text with; the benchmarks
// measure whole inspection against it (docs/PERFORMANCE.md). Validate
// itself never uses it: it validates event by event to place each error.
func PeerSchema(f detect.Form) ([]byte, error) {
	read := func(file string) (map[string]any, error) {
		text, err := files.ReadFile("schemas/" + file)
		if err != nil {
			return nil, err
		}
		var m map[string]any
		if err := json.Unmarshal(text, &m); err != nil {
			return nil, fmt.Errorf("schema %s: %v", file, err)
		}
		delete(m, "$schema")
		return m, nil
	}
	envFile, typeKey := "eventgrid.json", vocab.EventType
	switch f {
	case detect.EventGrid:
	case detect.CloudEvents:
		envFile, typeKey = "cloudevents.json", vocab.Type
	default:
		return nil, fmt.Errorf("no peer schema for form %v: Event Grid or CloudEvents", f)
	}
	envelope, err := read(envFile)
	if err != nil {
		return nil, err
	}
	defs, _ := envelope["definitions"].(map[string]any)
	if defs == nil {
		defs = map[string]any{}
	}
	delete(envelope, "definitions")
	all := []any{envelope}
	for _, t := range []struct{ name, file string }{
		{catalog.Connected, "signalr-connected.json"},
		{catalog.Disconnected, "signalr-disconnected.json"},
	} {
		if defs[t.file], err = read(t.file); err != nil {
			return nil, err
		}
		all = append(all, map[string]any{
			"if":   map[string]any{"required": []any{typeKey}, "properties": map[string]any{typeKey: map[string]any{"const": t.name}}},
			"then": map[string]any{"properties": map[string]any{vocab.Data: map[string]any{"$ref": "#/definitions/" + t.file}}},
		})
	}
	return json.Marshal(map[string]any{
		"$schema":     "http://json-schema.org/draft-07/schema#",
		"type":        "array",
		"items":       map[string]any{"allOf": all},
		"definitions": defs,
	})
}
