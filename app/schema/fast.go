package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"eventlens/app/jsontree"
)

// The fast path: the verdict of an embedded schema on a decoded value,
// read straight from the tree.
//
// gojsonschema stays the reference. Validating a value with it first builds
// the value as plain Go maps and slices (Loader.LoadJSON), then walks them
// with every keyword of the schema; for a batch of valid SignalR events
// that was three quarters of the schema stage and a third of a whole
// inspection. Most events are valid, and a valid event draws no finding, so
// entry.validate first asks the fast path, which only answers "valid" or
// "not sure". On "valid" there is nothing to report; otherwise gojsonschema
// validates the value as before and its errors become the diagnostics, so
// every diagnostic is gojsonschema's. The fast path must therefore never
// call valid a value gojsonschema rejects: TestFastPathAgrees and
// FuzzFastPath compare both verdicts on every object of the test corpus,
// the conformance vectors, generated events and their mutations.
//
// compileFast reads the same schema text and accepts only the keywords
// eventlens's schemas use, with gojsonschema's meaning (draft-07): type
// (not "integer"), required, properties, minLength, format (date-time, uri
// and uri-reference, the checkers this package registers), const (a
// string), $ref to "#/definitions/NAME" (its siblings ignored, as
// gojsonschema and draft-07 do), definitions at the root, and the
// annotations $schema, title, description and contentEncoding. A schema
// with anything else has no fast path (compileFast returns an error) and
// is always validated by gojsonschema.

// fastCheck is one compiled (sub)schema of the fast path.
type fastCheck struct {
	ref       *fastCheck         // $ref: the schema to use instead (nothing else applies)
	types     kindSet            // allowed kinds; 0 means any
	konst     *string            // const: the only string allowed
	fields    []field            // object: named members, required or with a schema
	minLength int                // string: fewest code points (0: no limit)
	format    func(string) error // format: the checker registered under its name (formats)
}

// field is what an object schema says of one member: required (the
// "required" list names it), its schema ("properties"; nil: none), or both.
// Each member is looked up once for both.
type field struct {
	name     string
	c        *fastCheck
	required bool
}

// field returns the entry of c.fields for name, adding it if needed.
func (c *fastCheck) field(name string) *field {
	for i := range c.fields {
		if c.fields[i].name == name {
			return &c.fields[i]
		}
	}
	c.fields = append(c.fields, field{name: name})
	return &c.fields[len(c.fields)-1]
}

// kindSet is a set of jsontree kinds (one bit per kind).
type kindSet uint8

func kindBit(k jsontree.Kind) kindSet { return 1 << k }

// fastKinds maps draft-07 type names to the tree's kinds ("integer" is left
// out: gojsonschema decides it by arithmetic on the literal).
var fastKinds = map[string]jsontree.Kind{
	"null": jsontree.Null, "boolean": jsontree.Bool, "number": jsontree.Number,
	"string": jsontree.String, "object": jsontree.Object, "array": jsontree.Array,
}

// valid reports whether n satisfies c. A false answer means "not sure":
// the caller asks gojsonschema.
func (c *fastCheck) valid(n *jsontree.Node) bool {
	for c.ref != nil {
		c = c.ref
	}
	kind := jsontree.Null
	if n != nil {
		kind = n.Kind
	}
	if c.types != 0 && c.types&kindBit(kind) == 0 {
		return false
	}
	if c.konst != nil && (kind != jsontree.String || n.Text != *c.konst) {
		return false
	}
	switch kind {
	case jsontree.Object:
		for i := range c.fields {
			f := &c.fields[i]
			m := n.Member(f.name)
			if m == nil {
				if f.required {
					return false
				}
				continue
			}
			if f.c != nil && !f.c.valid(m.Value) {
				return false
			}
		}
	case jsontree.String:
		if c.minLength > 0 && !atLeastRunes(n.Text, c.minLength) {
			return false
		}
		if c.format != nil && c.format(n.Text) != nil {
			return false
		}
	}
	return true
}

// atLeastRunes reports whether s has at least n code points, counted as
// utf8.RuneCountInString counts them (an invalid byte is one), without
// counting past what decides it: a rune is at most utf8.UTFMax bytes.
func atLeastRunes(s string, n int) bool {
	switch {
	case len(s) < n:
		return false
	case len(s) >= n*utf8.UTFMax:
		return true
	}
	return utf8.RuneCountInString(s) >= n
}

// fastCompiler compiles one schema document.
type fastCompiler struct {
	defs map[string]any        // the root's definitions
	done map[string]*fastCheck // compiled definitions, by name
}

// compileFast compiles schema text for the fast path, or returns why it
// cannot (a keyword or value outside the subset it implements).
func compileFast(text []byte) (*fastCheck, error) {
	dec := json.NewDecoder(bytes.NewReader(text))
	dec.UseNumber()
	var root map[string]any
	if err := dec.Decode(&root); err != nil {
		return nil, err
	}
	fc := &fastCompiler{done: map[string]*fastCheck{}}
	if d, ok := root["definitions"]; ok {
		m, ok := d.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("definitions is not an object")
		}
		fc.defs = m
	}
	return fc.compile(root, true)
}

// compile compiles one schema object; root says whether it is the
// document's root (where $schema and definitions may be).
func (fc *fastCompiler) compile(v any, root bool) (*fastCheck, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("schema %v is not an object", v)
	}
	c := &fastCheck{}
	if r, ok := m["$ref"]; ok {
		s, ok := r.(string)
		if !ok {
			return nil, fmt.Errorf("$ref %v is not a string", r)
		}
		ref, err := fc.ref(s)
		if err != nil {
			return nil, err
		}
		c.ref = ref
		return c, nil
	}
	for k, val := range m {
		var err error
		switch k {
		case "title", "description", "contentEncoding":
		case "$schema", "definitions":
			if !root {
				err = fmt.Errorf("%s below the root", k)
			}
		case "type":
			err = c.setTypes(val)
		case "required":
			err = c.setRequired(val)
		case "properties":
			err = fc.setProperties(c, val)
		case "minLength":
			c.minLength, err = nonNegative(val)
		case "format":
			s, _ := val.(string)
			if c.format = formats[s]; c.format == nil {
				err = fmt.Errorf("format %v", val)
			}
		case "const":
			s, ok := val.(string)
			if !ok {
				err = fmt.Errorf("const %v is not a string", val)
			}
			c.konst = &s
		default:
			err = fmt.Errorf("keyword %q", k)
		}
		if err != nil {
			return nil, err
		}
	}
	return c, nil
}

// ref returns the compiled definition a "#/definitions/NAME" reference
// names.
func (fc *fastCompiler) ref(s string) (*fastCheck, error) {
	name, ok := strings.CutPrefix(s, "#/definitions/")
	if !ok || name == "" || strings.ContainsAny(name, "/~%") {
		return nil, fmt.Errorf("$ref %q", s)
	}
	if c, ok := fc.done[name]; ok {
		return c, nil
	}
	d, ok := fc.defs[name]
	if !ok {
		return nil, fmt.Errorf("$ref %q: no such definition", s)
	}
	// Registered before compiling, so that a definition referring to
	// itself ends.
	c := &fastCheck{}
	fc.done[name] = c
	compiled, err := fc.compile(d, false)
	if err != nil {
		return nil, err
	}
	*c = *compiled
	return c, nil
}

func (c *fastCheck) setTypes(v any) error {
	var names []any
	switch t := v.(type) {
	case string:
		names = []any{t}
	case []any:
		names = t
	default:
		return fmt.Errorf("type %v", v)
	}
	for _, n := range names {
		s, _ := n.(string)
		k, ok := fastKinds[s]
		if !ok {
			return fmt.Errorf("type %v", n)
		}
		c.types |= kindBit(k)
	}
	if c.types == 0 {
		return fmt.Errorf("empty type list")
	}
	return nil
}

func (c *fastCheck) setRequired(v any) error {
	list, ok := v.([]any)
	if !ok {
		return fmt.Errorf("required %v", v)
	}
	for _, r := range list {
		s, ok := r.(string)
		if !ok {
			return fmt.Errorf("required %v", r)
		}
		c.field(s).required = true
	}
	return nil
}

func (fc *fastCompiler) setProperties(c *fastCheck, v any) error {
	m, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("properties %v", v)
	}
	for name, s := range m {
		p, err := fc.compile(s, false)
		if err != nil {
			return fmt.Errorf("property %q: %v", name, err)
		}
		c.field(name).c = p
	}
	return nil
}

// nonNegative reads a schema's non-negative integer.
func nonNegative(v any) (int, error) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, fmt.Errorf("%v is not a number", v)
	}
	i, err := strconv.Atoi(string(n))
	if err != nil || i < 0 {
		return 0, fmt.Errorf("%v is not a non-negative integer", v)
	}
	return i, nil
}
