// Package schema validates detected events against draft-07 JSON Schemas
// embedded from schemas/: the Event Grid envelope, the CloudEvents 1.0
// envelope, and the data of the SignalR Service events and of Event Grid's
// subscription-validation event. The schemas are compiled once; strict
// date-time, uri and uri-reference format checkers replace gojsonschema's
// lax ones; a valid event is recognised straight from the decoded tree by
// a fast path compiled from the same schemas (fast.go), and any other is
// validated by gojsonschema, also from the tree (Loader); and every schema
// error becomes a diagnostic with its place and a message a person can act
// on.
//
// Its diagnostics are the SCH codes of app/vocab (vocab.SchemaRequired …).
package schema

import (
	"embed"
	"fmt"
	"strings"
	"sync"

	"github.com/xeipuuv/gojsonschema"

	"eventlens/app/catalog"
	"eventlens/app/detect"
	"eventlens/app/diag"
	"eventlens/app/jsontree"
	"eventlens/app/vocab"
)

//go:embed schemas/*.json
var files embed.FS

// entry is one compiled schema and what messages need to know about it.
type entry struct {
	file   string // file name under schemas/
	prefix string // label of the validated node inside the event: "" or "data"
	schema *gojsonschema.Schema
	fast   *fastCheck // the fast path's form of the schema (fast.go); nil: none
	once   sync.Once  // compiles the schema (ready)
	err    error      // why it did not compile
}

// set holds every schema.
type set struct {
	eventGrid   entry
	cloudEvents entry
	data        map[string]*entry // data schemas by exact event type
	err         error             // the first schema that failed to compile
}

var (
	once     sync.Once
	compiled = set{
		eventGrid:   entry{file: "eventgrid.json"},
		cloudEvents: entry{file: "cloudevents.json"},
		data: map[string]*entry{
			catalog.Connected:    {file: "signalr-connected.json", prefix: "data"},
			catalog.Disconnected: {file: "signalr-disconnected.json", prefix: "data"},
			catalog.Validation:   {file: "validation.json", prefix: "data"},
		},
	}
)

func init() {
	for name, f := range formats {
		gojsonschema.FormatCheckers.Add(name, formatChecker(f))
	}
}

// entries returns every schema, the envelopes first.
func entries() []*entry {
	all := []*entry{&compiled.eventGrid, &compiled.cloudEvents}
	for _, name := range []string{catalog.Connected, catalog.Disconnected, catalog.Validation} {
		all = append(all, compiled.data[name])
	}
	return all
}

// ready compiles the entry's schema the first time it is called.
func (e *entry) ready() error {
	e.once.Do(func() { e.err = e.compile(false) })
	return e.err
}

// schemas returns the compiled schemas, compiling those not compiled yet
// on first use.
func schemas() *set {
	once.Do(func() {
		for _, e := range entries() {
			if err := e.ready(); err != nil && compiled.err == nil {
				compiled.err = err
			}
		}
	})
	return &compiled
}

// WarmSteps returns Warm cut into small steps, for a caller that runs them
// one per browser task so that none is a long task: compiling each schema,
// then validating the sample. Each step returns the error Warm would.
func WarmSteps() []func() error {
	var steps []func() error
	for _, e := range entries() {
		steps = append(steps, e.ready)
	}
	return append(steps, Warm)
}

// compile reads and compiles the entry's schema; with checkMeta, it first
// checks the schema against the draft-07 meta-schema. The schemas are
// embedded, so TestSchemasMatchMetaSchema checks them once: at start-up the
// check cost 35 times the compilation itself (140 ms of the page's
// start-up as wasm, against 4 ms).
func (e *entry) compile(checkMeta bool) error {
	b, err := files.ReadFile("schemas/" + e.file)
	if err != nil {
		return fmt.Errorf("schema %s: %v", e.file, err)
	}
	return e.compileBytes(b, checkMeta)
}

// compileBytes compiles b as the entry's schema, as compile does.
func (e *entry) compileBytes(b []byte, checkMeta bool) error {
	sl := gojsonschema.NewSchemaLoader()
	sl.Draft = gojsonschema.Draft7
	sl.AutoDetect = false
	sl.Validate = checkMeta
	s, err := sl.Compile(gojsonschema.NewBytesLoader(b))
	if err != nil {
		return fmt.Errorf("schema %s: %v", e.file, err)
	}
	e.schema = s
	// A schema outside the fast path's subset is validated by gojsonschema
	// alone.
	e.fast, _ = compileFast(b)
	return nil
}

// warmSample holds valid and invalid events of both forms, so that Warm
// runs every path a first real validation takes.
//
//go:embed warm.json
var warmSample []byte

// Warm compiles every schema and validates a small sample with them, so
// that the first real validation runs as fast as later ones (the first run
// after start-up is several times slower, notably in the browser). It
// returns an error when an embedded schema does not compile, which is a bug
// in eventlens; Validate then reports SCH000.
func Warm() error {
	s := schemas()
	if s.err != nil {
		return s.err
	}
	doc, err := jsontree.Parse(warmSample, jsontree.Options{})
	if err != nil {
		return fmt.Errorf("warm-up sample: %v", err)
	}
	Validate(detect.Detect(doc.Root))
	return nil
}

// Validate checks each event of a detected payload against its form's
// envelope schema and, when its type is a known type with a data schema
// (exact name), its data against that schema. Events whose form is Unknown
// are skipped (detect reports them). Diagnostics come in event order, each
// event's sorted by place.
func Validate(res detect.Result) []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, ev := range res.Events {
		out = append(out, ValidateEvent(ev)...)
	}
	return out
}

// ValidateEvent checks one event as Validate does; validating a large batch
// event by event lets a caller share the work out over time.
func ValidateEvent(ev detect.Event) []diag.Diagnostic {
	if ev.Node == nil || ev.Node.Kind != jsontree.Object {
		return nil
	}
	s := schemas()
	if s.err != nil {
		return []diag.Diagnostic{diag.New(vocab.SchemaInternal, ev.Index, ev.Pointer, nil,
			"the JSON Schemas could not be loaded (%v): this is a bug in eventlens, please report it; the semantic checks still ran", s.err)}
	}
	var env *entry
	typeKey := vocab.EventType
	switch ev.Form {
	case detect.EventGrid, detect.Handshake: // events carry EventGrid; Handshake is a payload's form
		env = &s.eventGrid
	case detect.CloudEvents:
		env, typeKey = &s.cloudEvents, vocab.Type
	default:
		return nil
	}
	out := env.validate(ev, ev.Node, ev.Pointer)
	if t := ev.Node.Get(typeKey); t != nil && t.Kind == jsontree.String {
		if ds, ok := s.data[t.Text]; ok {
			// In Event Grid form the envelope already requires data to be an
			// object; in CloudEvents form data may be anything, but a known
			// type's data is an object, and an event without it (absent,
			// null, or only in data_base64) gets the verdict its Event Grid
			// form gets.
			switch d := ev.Node.Get(vocab.Data); {
			case d != nil && d.Kind != jsontree.Null && (d.Kind == jsontree.Object || ev.Form == detect.CloudEvents):
				if !ds.passes(d) { // spares building the pointer
					out = append(out, ds.validate(ev, d, ev.Pointer+"/data")...)
				}
			case ev.Form == detect.CloudEvents:
				out = append(out, ds.cloudEventsData(ev, t.Text, d)...)
			}
		}
	}
	diag.Sort(out)
	return out
}

// validate runs the entry's schema on node n of event ev; base is the JSON
// pointer of n in the payload.
func (e *entry) validate(ev detect.Event, n *jsontree.Node, base string) []diag.Diagnostic {
	if e.passes(n) {
		return nil // what gojsonschema says of a valid value
	}
	r, err := e.schema.Validate(Loader{Node: n})
	if err != nil {
		return []diag.Diagnostic{diag.New(vocab.SchemaInternal, ev.Index, base, n,
			"the %s schema could not read this value (%v): this is a bug in eventlens, please report it", e.file, err)}
	}
	if r.Valid() {
		return nil
	}
	errs := r.Errors()
	out := make([]diag.Diagnostic, 0, len(errs))
	empty := map[string]bool{} // pointers of empty strings reported as such
	for _, re := range errs {
		d := e.diagnostic(ev, n, base, re)
		if d.Code == string(vocab.SchemaOther) && re.Type() == "string_gte" {
			empty[d.Pointer] = true
		}
		out = append(out, d)
	}
	if len(empty) > 0 {
		// "must not be empty" says it all: drop "not a date-time" for "".
		kept := out[:0]
		for _, d := range out {
			if d.Code != string(vocab.SchemaFormat) || !empty[d.Pointer] {
				kept = append(kept, d)
			}
		}
		out = kept
	}
	return out
}

// passes reports whether the fast path (fast.go) finds n valid under the
// entry's schema; false means "ask gojsonschema".
func (e *entry) passes(n *jsontree.Node) bool {
	return e.fast != nil && n != nil && e.fast.valid(n)
}

// contextTokens returns the path of an error's context below the validated
// value: gojsonschema writes it as "(root)" followed by property names and
// array indexes. Joining with NUL, which no schema property name holds,
// keeps names with dots apart.
func contextTokens(c *gojsonschema.JsonContext) []string {
	if c == nil {
		return nil
	}
	toks := strings.Split(c.String("\x00"), "\x00")
	return toks[1:] // drop "(root)"
}

// walk follows tokens down from n; it stops at the deepest node it can
// reach (so a diagnostic always has a place).
func walk(n *jsontree.Node, toks []string) *jsontree.Node {
	for _, t := range toks {
		var next *jsontree.Node
		switch n.Kind {
		case jsontree.Object:
			next = n.Get(t)
		case jsontree.Array:
			if k, ok := index(t); ok && k < len(n.Items) {
				next = n.Items[k]
			}
		}
		if next == nil {
			return n
		}
		n = next
	}
	return n
}

// index parses a decimal array index.
func index(t string) (int, bool) {
	if t == "" || len(t) > 9 {
		return 0, false
	}
	k := 0
	for i := 0; i < len(t); i++ {
		if t[i] < '0' || t[i] > '9' {
			return 0, false
		}
		k = k*10 + int(t[i]-'0')
	}
	return k, true
}

// label names a property for messages: its path inside the event, dotted
// (eventTime, data.timestamp), quoted.
func label(prefix string, toks ...string) string {
	var parts []string
	if prefix != "" {
		parts = append(parts, prefix)
	}
	parts = append(parts, toks...)
	if len(parts) == 0 {
		return "the event"
	}
	return fmt.Sprintf("%q", strings.Join(parts, "."))
}

// detail returns a string detail of a schema error.
func detail(re gojsonschema.ResultError, key string) string {
	if v, ok := re.Details()[key]; ok {
		if s, ok := v.(string); ok {
			return s
		}
		return fmt.Sprint(v)
	}
	return ""
}

// diagnostic turns one schema error on node n (at pointer base) of event ev
// into a diagnostic.
func (e *entry) diagnostic(ev detect.Event, n *jsontree.Node, base string, re gojsonschema.ResultError) diag.Diagnostic {
	toks := contextTokens(re.Context())
	at := walk(n, toks)
	ptr := base + jsontree.Pointer(toks...)
	name := label(e.prefix, toks...)
	var last string
	if len(toks) > 0 {
		last = toks[len(toks)-1]
	}
	switch re.Type() {
	case "required":
		prop := detail(re, "property")
		return diag.New(vocab.SchemaRequired, ev.Index, ptr, at, "%s", e.missing(ev, at, toks, prop))
	case "invalid_type":
		return diag.New(vocab.SchemaType, ev.Index, ptr, at, "%s must be %s%s; got %s",
			name, typeList(detail(re, "expected")), example(e.file, last), describe(at))
	case "format":
		d := diag.New(vocab.SchemaFormat, ev.Index, ptr, at, "%s", formatMessage(name, detail(re, "format"), e.file, last, at))
		if detail(re, "format") == "date-time" {
			d.Fix = dateTimeFix(at)
		}
		return d
	case "const":
		return diag.New(vocab.SchemaValue, ev.Index, ptr, at, "%s must be %s%s; got %s",
			name, detail(re, "allowed"), constReason(e.file, last), describe(at))
	case "enum":
		return diag.New(vocab.SchemaValue, ev.Index, ptr, at, "%s must be one of %s; got %s",
			name, detail(re, "allowed"), describe(at))
	case "string_gte":
		if detail(re, "min") == "1" {
			return diag.New(vocab.SchemaOther, ev.Index, ptr, at, "%s must not be empty%s", name, emptyReason(e.file, last))
		}
	case "additional_property_not_allowed":
		prop := detail(re, "property")
		d := diag.New(vocab.SchemaNotAllowed, ev.Index, ptr+jsontree.Pointer(prop), at.Get(prop),
			"%s is not allowed in %s: remove it or check its spelling", label(e.prefix, append(toks, prop)...), name)
		if m := at.Member(prop); m != nil {
			d.Line, d.Column, d.Offset = m.KeyPos.Line, m.KeyPos.Column, m.KeyPos.Offset
		}
		return d
	}
	return diag.New(vocab.SchemaOther, ev.Index, ptr, at, "%s: %s (JSON Schema rule %q of %s)",
		name, re.Description(), re.Type(), e.file)
}

// dateTimeFix returns the fix that completes the date or local time at
// string node n into an RFC 3339 date-time (CompleteDateTime), saying
// which zone it assumes; nil when there is none.
func dateTimeFix(n *jsontree.Node) *diag.Fix {
	if n == nil || n.Kind != jsontree.String || n.End <= n.Pos.Offset {
		return nil
	}
	fixed, ok := CompleteDateTime(n.Text)
	if !ok {
		return nil
	}
	text := string(jsontree.AppendString(nil, fixed))
	title := "Write " + text
	switch {
	case len(n.Text) == 10:
		title += " (midnight UTC: change the time if it was another)"
	case strings.HasSuffix(fixed, "Z") && !strings.HasSuffix(strings.ToUpper(n.Text), "Z"):
		title += " (UTC: change the zone if it was another)"
	}
	return &diag.Fix{Title: title, Edits: []diag.Edit{{Offset: n.Pos.Offset, End: n.End, Text: text}}}
}
