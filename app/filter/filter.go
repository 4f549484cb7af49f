// Package filter reads an Event Grid event subscription's filter, checks it
// as Azure would (FLTxxx diagnostics, located in the filter's text), and
// tells for each event of a payload whether the subscription delivers it,
// naming the clause that decided and the values it compared.
//
// The filter is the `filter` object of a subscription (`properties.filter`
// in ARM templates and REST bodies, `filter` in what `az eventgrid
// event-subscription show` prints), or that whole subscription. The clauses
// are evaluated as Azure's event-filtering docs describe: includedEventTypes,
// then subjectBeginsWith and subjectEndsWith (case-insensitive unless
// isSubjectCaseSensitive), then each advanced filter in order (AND across
// filters, OR across a filter's values), with the documented rules for
// missing keys, values of another type, and arrays with and without
// enableAdvancedFilteringOnArrays. Decisions where the docs are silent are
// listed in docs/SOURCES.md.
package filter

import (
	"eventlens/app/diag"
	"eventlens/app/jsontree"
)

// Filter is a subscription filter as read from its text. Clauses that could
// not be read are left out of the evaluation (and reported in
// Diagnostics).
type Filter struct {
	// Pointer is where the filter object is in the text: "" (the text is
	// the filter), "/filter" or "/properties/filter".
	Pointer string

	// IncludedEventTypes lists the event types delivered; nil when every
	// type is (absent, null, empty, or holding "All").
	IncludedEventTypes []string
	SubjectBeginsWith  string
	SubjectEndsWith    string
	// IsSubjectCaseSensitive makes the subject clauses compare case.
	IsSubjectCaseSensitive bool
	// EnableAdvancedFilteringOnArrays makes advanced filters look inside
	// array values.
	EnableAdvancedFilteringOnArrays bool
	// Advanced are the advanced filters, in order; those that could not be
	// read have OK false and are skipped.
	Advanced []Advanced

	// Diagnostics are the findings about the filter's text (JSON and FLT
	// codes), in source order.
	Diagnostics []diag.Diagnostic
	// Doc is the decoded text; nil when it is not JSON.
	Doc *jsontree.Doc
}

// Valid reports whether Azure would accept the filter: it decoded and has
// no error diagnostic.
func (f *Filter) Valid() bool {
	if f.Doc == nil {
		return false
	}
	for _, d := range f.Diagnostics {
		if d.Severity == diag.Error {
			return false
		}
	}
	return true
}

// Empty reports whether the filter has no clause: every event passes.
func (f *Filter) Empty() bool {
	return f.IncludedEventTypes == nil && f.SubjectBeginsWith == "" && f.SubjectEndsWith == "" && len(f.Advanced) == 0
}

// Advanced is one advanced filter.
type Advanced struct {
	Index    int    // position in advancedFilters
	Operator string // operatorType, as written
	Key      string // the key, e.g. "data.hubName"
	OK       bool   // read completely; false: skipped by the evaluation

	Numbers []number    // the Number operators' operands (one for the comparisons)
	Ranges  [][2]number // NumberInRange and NumberNotInRange
	Strings []string    // the String operators' operands
	Bool    bool        // BoolEquals

	op     *operator
	segs   []string // Key split at its dots
	folded []string // Strings, case folded

}

// number is a numeric operand: its value and its text as written.
type number struct {
	v    float64
	text string
}

// operand is what an operator compares the key's value with.
type operand uint8

const (
	numberValues operand = iota // values: [numbers]
	numberValue                 // value: number
	rangeValues                 // values: [[low, high], ...]
	boolValue                   // value: boolean
	stringValues                // values: [strings]
	noOperand                   // IsNullOrUndefined, IsNotNull
)

// operator is one advanced-filter operator and how it behaves.
type operator struct {
	name    string
	operand operand
	// negated: the operator matches when no value matches its positive
	// form (NotIn, NotContains…); values of another type are ignored, so
	// it matches when nothing is comparable.
	negated bool
	// missingMatches: a missing (or null) key matches (the docs list
	// NumberNotIn and StringNotIn; NumberNotInRange is decided alike).
	missingMatches bool
	// verb describes a match of the positive form ("is one of",
	// "contains"), none its absence ("is none of", "contains none of").
	verb, none string
}

// operators lists Event Grid's advanced-filter operators (REST spec
// AdvancedFilter.operatorType; event-filtering docs).
var operators = []operator{
	{name: "NumberIn", operand: numberValues, verb: "is one of", none: "is none of"},
	{name: "NumberNotIn", operand: numberValues, negated: true, missingMatches: true, verb: "is one of", none: "is none of"},
	{name: "NumberLessThan", operand: numberValue, verb: "<", none: "is not <"},
	{name: "NumberGreaterThan", operand: numberValue, verb: ">", none: "is not >"},
	{name: "NumberLessThanOrEquals", operand: numberValue, verb: "<=", none: "is not <="},
	{name: "NumberGreaterThanOrEquals", operand: numberValue, verb: ">=", none: "is not >="},
	{name: "NumberInRange", operand: rangeValues, verb: "is in", none: "is outside"},
	{name: "NumberNotInRange", operand: rangeValues, negated: true, missingMatches: true, verb: "is in", none: "is outside"},
	{name: "BoolEquals", operand: boolValue, verb: "equals", none: "does not equal"},
	{name: "StringContains", operand: stringValues, verb: "contains", none: "contains none of"},
	{name: "StringNotContains", operand: stringValues, negated: true, verb: "contains", none: "contains none of"},
	{name: "StringBeginsWith", operand: stringValues, verb: "begins with", none: "begins with none of"},
	{name: "StringNotBeginsWith", operand: stringValues, negated: true, verb: "begins with", none: "begins with none of"},
	{name: "StringEndsWith", operand: stringValues, verb: "ends with", none: "ends with none of"},
	{name: "StringNotEndsWith", operand: stringValues, negated: true, verb: "ends with", none: "ends with none of"},
	{name: "StringIn", operand: stringValues, verb: "is one of", none: "is none of"},
	{name: "StringNotIn", operand: stringValues, negated: true, missingMatches: true, verb: "is one of", none: "is none of"},
	{name: "IsNullOrUndefined", operand: noOperand},
	{name: "IsNotNull", operand: noOperand},
}

// Operators returns the names of the advanced-filter operators, in the
// order of Azure's docs.
func Operators() []string {
	out := make([]string, len(operators))
	for i, o := range operators {
		out[i] = o.name
	}
	return out
}

// lookupOperator returns the operator named name (exactly), or nil.
func lookupOperator(name string) *operator {
	for i := range operators {
		if operators[i].name == name {
			return &operators[i]
		}
	}
	return nil
}

// kind is the JSON kind an operator compares.
func (o *operator) kind() jsontree.Kind {
	switch o.operand {
	case boolValue:
		return jsontree.Bool
	case stringValues:
		return jsontree.String
	}
	return jsontree.Number
}

// Filter properties, as Azure's REST spec (EventSubscriptionFilter,
// AdvancedFilter) names them.
const (
	propIncludedEventTypes = "includedEventTypes"
	propSubjectBeginsWith  = "subjectBeginsWith"
	propSubjectEndsWith    = "subjectEndsWith"
	propCaseSensitive      = "isSubjectCaseSensitive"
	propArrays             = "enableAdvancedFilteringOnArrays"
	propAdvancedFilters    = "advancedFilters"

	propOperatorType = "operatorType"
	propKey          = "key"
	propValue        = "value"
	propValues       = "values"
)

var (
	filterProps   = []string{propIncludedEventTypes, propSubjectBeginsWith, propSubjectEndsWith, propCaseSensitive, propArrays, propAdvancedFilters}
	advancedProps = []string{propOperatorType, propKey, propValue, propValues}
)

// Sample is a filter for SignalR Service connection events of one hub, as
// the page's "Sample filter" button writes it.
const Sample = `{
  "includedEventTypes": [
    "Microsoft.SignalRService.ClientConnectionConnected",
    "Microsoft.SignalRService.ClientConnectionDisconnected"
  ],
  "subjectBeginsWith": "/hub/",
  "advancedFilters": [
    {
      "operatorType": "StringIn",
      "key": "data.hubName",
      "values": ["chat"]
    }
  ]
}
`
