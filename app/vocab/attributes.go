package vocab

// Top-level attribute names of the two forms: Event Grid schema properties
// and CloudEvents 1.0 context attributes (with the JSON format's data
// members). Names that both forms use are listed once.
const (
	ID      = "id"      // both forms
	Subject = "subject" // both forms
	Data    = "data"    // both forms

	Topic           = "topic"           // Event Grid
	EventType       = "eventType"       // Event Grid
	EventTime       = "eventTime"       // Event Grid
	DataVersion     = "dataVersion"     // Event Grid
	MetadataVersion = "metadataVersion" // Event Grid

	Source          = "source"          // CloudEvents
	Type            = "type"            // CloudEvents
	Time            = "time"            // CloudEvents
	SpecVersion     = "specversion"     // CloudEvents
	DataContentType = "datacontenttype" // CloudEvents
	DataSchema      = "dataschema"      // CloudEvents
	DataBase64      = "data_base64"     // CloudEvents
)

// Action is what converting an event to the other form does with one
// attribute. The conversion reports each thing it does as a change of one
// of these kinds (convert.ChangeKind).
type Action string

// The actions, as reported by conversions.
const (
	// Same: copied under the same name, value unchanged.
	Same Action = "same"
	// Renamed: kept under the other form's name.
	Renamed Action = "renamed"
	// Dropped: left out on purpose, because the other form has no such
	// attribute and nothing the receiver needs is lost (or the value is
	// null, or a duplicate key that decoders ignore).
	Dropped Action = "dropped"
	// Added: the other form requires it, and its value is fixed or derived
	// from the event.
	Added Action = "added"
	// Lost: the other form cannot carry it.
	Lost Action = "lost"
	// Missing: the other form requires it and the event does not provide
	// it; nothing is invented.
	Missing Action = "missing"
	// Carried: an attribute the mapping does not name, kept under the same
	// name as a CloudEvents extension attribute.
	Carried Action = "carried"
	// Derived: becomes another attribute when its value has the right
	// shape, and is lost otherwise (dataschema "#<version>" → dataVersion).
	Derived Action = "derived"
	// Noted: nothing changed; a fact about the conversion as a whole that
	// the reader needs (e.g. that Azure does not deliver this direction).
	Noted Action = "noted"
)

// Attribute is one row of the mapping between the two forms.
type Attribute struct {
	EventGrid   string // Event Grid name; "" when Event Grid has none
	CloudEvents string // CloudEvents name; "" when CloudEvents has none

	// ToCloudEvents and ToEventGrid say what converting to each form does
	// with the attribute ("" when the source form has no such attribute).
	ToCloudEvents, ToEventGrid Action
	// Value is the fixed value a conversion adds (for Added), "" otherwise.
	Value string

	// RequiredInEventGrid and RequiredInCloudEvents say whether each form's
	// schema requires the attribute.
	RequiredInEventGrid, RequiredInCloudEvents bool

	// InCloudEvents says, for an Event Grid-only property, how CloudEvents
	// writes the same information.
	InCloudEvents string
	// InEventGrid names, for a CloudEvents-only attribute, the Event Grid
	// property that takes its part.
	InEventGrid string
	// Note says what a renamed attribute holds when its names alone do not
	// make it obvious (conversions quote it).
	Note string
}

// Attributes is the mapping, one row per attribute, Event Grid properties
// in the Event Grid schema's order first, then the CloudEvents-only
// attributes.
var Attributes = [...]Attribute{
	{EventGrid: ID, CloudEvents: ID, ToCloudEvents: Same, ToEventGrid: Same,
		RequiredInEventGrid: true, RequiredInCloudEvents: true},
	{EventGrid: Topic, CloudEvents: Source, ToCloudEvents: Renamed, ToEventGrid: Renamed,
		RequiredInCloudEvents: true, Note: "the publisher's resource path"},
	{EventGrid: Subject, CloudEvents: Subject, ToCloudEvents: Same, ToEventGrid: Same,
		RequiredInEventGrid: true},
	{EventGrid: EventType, CloudEvents: Type, ToCloudEvents: Renamed, ToEventGrid: Renamed,
		RequiredInEventGrid: true, RequiredInCloudEvents: true},
	{EventGrid: EventTime, CloudEvents: Time, ToCloudEvents: Renamed, ToEventGrid: Renamed,
		RequiredInEventGrid: true},
	{EventGrid: Data, CloudEvents: Data, ToCloudEvents: Same, ToEventGrid: Same,
		RequiredInEventGrid: true},
	{EventGrid: DataVersion, ToCloudEvents: Dropped, ToEventGrid: Added,
		RequiredInEventGrid: true, InCloudEvents: `"` + DataSchema + `": "#<` + DataVersion + `>"`},
	{EventGrid: MetadataVersion, ToCloudEvents: Dropped, ToEventGrid: Added, Value: "1",
		InCloudEvents: `"` + SpecVersion + `": "1.0"`},
	{CloudEvents: SpecVersion, ToCloudEvents: Added, ToEventGrid: Dropped, Value: "1.0",
		RequiredInCloudEvents: true, InEventGrid: MetadataVersion},
	{CloudEvents: DataContentType, ToEventGrid: Dropped},
	{CloudEvents: DataSchema, ToEventGrid: Derived},
	{CloudEvents: DataBase64, ToEventGrid: Lost},
}

// byEventGrid and byCloudEvents index Attributes by each form's names.
var byEventGrid, byCloudEvents = index()

func index() (eg, ce byName) {
	for i := range Attributes {
		a := &Attributes[i]
		eg.add(a.EventGrid, a)
		ce.add(a.CloudEvents, a)
	}
	return eg, ce
}

// byName finds attributes by name among the few names of the same length:
// every member of every event is looked up, and comparing a name or two
// costs a third of hashing it (as WebAssembly, which hashes without the
// processor's help).
type byName [][]named

// named is an attribute under one of its names.
type named struct {
	name string
	a    *Attribute
}

// add indexes a under name; an empty name is not indexed.
func (t *byName) add(name string, a *Attribute) {
	if name == "" {
		return
	}
	for len(*t) <= len(name) {
		*t = append(*t, nil)
	}
	(*t)[len(name)] = append((*t)[len(name)], named{name, a})
}

// get returns the attribute named name, or nil.
func (t byName) get(name string) *Attribute {
	if len(name) >= len(t) {
		return nil
	}
	for _, n := range t[len(name)] {
		if n.name == name {
			return n.a
		}
	}
	return nil
}

// EventGridAttribute returns the row of the Event Grid property name.
func EventGridAttribute(name string) (Attribute, bool) {
	if a := byEventGrid.get(name); a != nil {
		return *a, true
	}
	return Attribute{}, false
}

// CloudEventsAttribute returns the row of the CloudEvents attribute name.
func CloudEventsAttribute(name string) (Attribute, bool) {
	if a := byCloudEvents.get(name); a != nil {
		return *a, true
	}
	return Attribute{}, false
}

// IsEventGrid reports whether name is a top-level property of the Event
// Grid schema.
func IsEventGrid(name string) bool { return byEventGrid.get(name) != nil }

// IsCloudEvents reports whether name is a CloudEvents context attribute (or
// the JSON format's data or data_base64).
func IsCloudEvents(name string) bool { return byCloudEvents.get(name) != nil }

// EventGridNames returns the Event Grid schema's top-level properties, in
// its order.
func EventGridNames() []string {
	var out []string
	for _, a := range Attributes {
		if a.EventGrid != "" {
			out = append(out, a.EventGrid)
		}
	}
	return out
}

// CloudEventsNames returns the CloudEvents attributes, in the order of
// Attributes.
func CloudEventsNames() []string {
	var out []string
	for _, a := range Attributes {
		if a.CloudEvents != "" {
			out = append(out, a.CloudEvents)
		}
	}
	return out
}
