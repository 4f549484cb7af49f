package filter

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"eventlens/app/detect"
	"eventlens/app/jsontree"
)

// egEvent is a SignalR event in Event Grid form with data of every shape
// the operators meet.
const egEvent = `[{
  "id": "e1",
  "topic": "/subscriptions/s/resourceGroups/g/providers/Microsoft.SignalRService/SignalR/sig",
  "subject": "/hub/Chat",
  "eventType": "Microsoft.SignalRService.ClientConnectionConnected",
  "eventTime": "2024-01-01T00:00:00Z",
  "dataVersion": "1.0",
  "metadataVersion": "1",
  "data": {
    "hubName": "Chat",
    "connectionId": "c1",
    "count": 5,
    "numText": "5",
    "flag": true,
    "nothing": null,
    "nums": [1, 5],
    "tags": ["Hello", "World"],
    "mixed": ["x", 7],
    "empty": [],
    "tiny": 1e-999,
    "huge": 1e999,
    "objs": [{"name": "a"}],
    "nested": {"inner": {"deep": "v"}}
  }
}]`

// ceEvent is the same event in CloudEvents form, with extension
// attributes.
const ceEvent = `{
  "specversion": "1.0",
  "id": "e1",
  "source": "/subscriptions/s/resourceGroups/g/providers/Microsoft.SignalRService/SignalR/sig",
  "type": "Microsoft.SignalRService.ClientConnectionConnected",
  "subject": "/hub/Chat",
  "time": "2024-01-01T00:00:00Z",
  "region": "westeurope",
  "priority": 3,
  "data": {"hubName": "Chat", "count": 5, "nums": [1, 5], "tags": ["Hello", "World"]}
}`

// verdict evaluates a filter (the text of its advancedFilters array, or a
// whole filter when it starts with "{") against the only event of payload.
func verdict(t *testing.T, filter, payload string, arrays bool) Verdict {
	t.Helper()
	if !strings.HasPrefix(filter, "{") {
		filter = `{"advancedFilters": ` + filter + `}`
	}
	f := Parse([]byte(filter))
	f.EnableAdvancedFilteringOnArrays = f.EnableAdvancedFilteringOnArrays || arrays
	if !f.Valid() {
		t.Fatalf("filter %s is invalid: %+v", filter, f.Diagnostics)
	}
	doc, err := jsontree.Parse([]byte(payload), jsontree.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res := f.Apply(doc.Root)
	if len(res.Verdicts) != 1 {
		t.Fatalf("%d verdicts, want 1", len(res.Verdicts))
	}
	return res.Verdicts[0]
}

// TestOperators is the truth table of every operator against every shape
// of value: delivered, filtered, missing key, null, another type, arrays
// with and without enableAdvancedFilteringOnArrays.
func TestOperators(t *testing.T) {
	type row struct {
		name     string
		op       string // operatorType
		operand  string // `"values": […]` or `"value": …` or ""
		key      string
		arrays   bool
		want     bool
		contains string // in the deciding reason
	}
	rows := []row{
		// NumberIn
		{"NumberIn hit", "NumberIn", `"values": [4, 5]`, "data.count", false, true, "the value 5 is one of 5"},
		{"NumberIn miss", "NumberIn", `"values": [4, 6]`, "data.count", false, false, "is none of [4, 6]"},
		{"NumberIn missing", "NumberIn", `"values": [5]`, "data.absent", false, false, "does not match a missing key"},
		{"NumberIn null", "NumberIn", `"values": [5]`, "data.nothing", false, false, "null, which counts as missing"},
		{"NumberIn numeric string", "NumberIn", `"values": [5]`, "data.numText", false, false, "compares numbers only"},
		{"NumberIn bool", "NumberIn", `"values": [1]`, "data.flag", false, false, "compares numbers only"},
		{"NumberIn array off", "NumberIn", `"values": [5]`, "data.nums", false, false, "enableAdvancedFilteringOnArrays is off"},
		{"NumberIn array on", "NumberIn", `"values": [5]`, "data.nums", true, true, "the array's element 5 is one of 5"},
		{"NumberIn array on miss", "NumberIn", `"values": [9]`, "data.nums", true, false, "no element of the array [1, 5] is one of [9]"},
		{"NumberIn mixed array ignores strings", "NumberIn", `"values": [7]`, "data.mixed", true, true, "element 7"},
		{"NumberIn underflow is zero", "NumberIn", `"values": [0]`, "data.tiny", false, true, "is one of 0"},
		{"NumberGreaterThan overflow is infinite", "NumberGreaterThan", `"value": 1e300`, "data.huge", false, true, "> 1e300"},
		{"NumberIn empty array", "NumberIn", `"values": [7]`, "data.empty", true, false, "holds no numbers"},
		// NumberNotIn
		{"NumberNotIn pass", "NumberNotIn", `"values": [4, 6]`, "data.count", false, true, "is none of [4, 6], so it matches"},
		{"NumberNotIn fail", "NumberNotIn", `"values": [5]`, "data.count", false, false, "is one of 5, so it does not match"},
		{"NumberNotIn missing", "NumberNotIn", `"values": [5]`, "data.absent", false, true, "matches a missing key"},
		{"NumberNotIn string", "NumberNotIn", `"values": [5]`, "data.numText", false, true, "other types are ignored"},
		{"NumberNotIn array off", "NumberNotIn", `"values": [5]`, "data.nums", false, true, "compares nothing: it matches"},
		{"NumberNotIn array on", "NumberNotIn", `"values": [5]`, "data.nums", true, false, "element 5 is one of 5"},
		{"NumberNotIn array on pass", "NumberNotIn", `"values": [9]`, "data.nums", true, true, "so it matches"},
		// comparisons
		{"NumberLessThan hit", "NumberLessThan", `"value": 6`, "data.count", false, true, "5 < 6"},
		{"NumberLessThan equal", "NumberLessThan", `"value": 5`, "data.count", false, false, "is not < 5"},
		{"NumberLessThan missing", "NumberLessThan", `"value": 5`, "data.absent", false, false, "does not match a missing key"},
		{"NumberLessThan string", "NumberLessThan", `"value": 9`, "data.numText", false, false, "compares numbers only"},
		{"NumberLessThan array on", "NumberLessThan", `"value": 2`, "data.nums", true, true, "element 1 < 2"},
		{"NumberLessThan array off", "NumberLessThan", `"value": 2`, "data.nums", false, false, "is off"},
		{"NumberGreaterThan hit", "NumberGreaterThan", `"value": 4.5`, "data.count", false, true, "5 > 4.5"},
		{"NumberGreaterThan miss", "NumberGreaterThan", `"value": 5`, "data.count", false, false, "is not > 5"},
		{"NumberGreaterThan array on", "NumberGreaterThan", `"value": 4`, "data.nums", true, true, "element 5 > 4"},
		{"NumberGreaterThan missing", "NumberGreaterThan", `"value": 4`, "data.absent", false, false, "missing key"},
		{"NumberLessThanOrEquals hit", "NumberLessThanOrEquals", `"value": 5`, "data.count", false, true, "5 <= 5"},
		{"NumberLessThanOrEquals miss", "NumberLessThanOrEquals", `"value": 4`, "data.count", false, false, "is not <= 4"},
		{"NumberLessThanOrEquals bool", "NumberLessThanOrEquals", `"value": 4`, "data.flag", false, false, "compares numbers only"},
		{"NumberGreaterThanOrEquals hit", "NumberGreaterThanOrEquals", `"value": 5`, "data.count", false, true, "5 >= 5"},
		{"NumberGreaterThanOrEquals miss", "NumberGreaterThanOrEquals", `"value": 6`, "data.count", false, false, "is not >= 6"},
		{"NumberGreaterThanOrEquals missing", "NumberGreaterThanOrEquals", `"value": 6`, "data.absent", false, false, "missing key"},
		{"NumberGreaterThanOrEquals array on miss", "NumberGreaterThanOrEquals", `"value": 6`, "data.nums", true, false, "no element"},
		// ranges
		{"NumberInRange hit", "NumberInRange", `"values": [[0, 1], [4, 6]]`, "data.count", false, true, "is in [4, 6]"},
		{"NumberInRange bounds inclusive", "NumberInRange", `"values": [[5, 5]]`, "data.count", false, true, "is in [5, 5]"},
		{"NumberInRange miss", "NumberInRange", `"values": [[6, 9]]`, "data.count", false, false, "is outside [6, 9]"},
		{"NumberInRange missing", "NumberInRange", `"values": [[6, 9]]`, "data.absent", false, false, "missing key"},
		{"NumberInRange string", "NumberInRange", `"values": [[0, 9]]`, "data.numText", false, false, "compares numbers only"},
		{"NumberInRange array on", "NumberInRange", `"values": [[0, 2]]`, "data.nums", true, true, "element 1 is in [0, 2]"},
		{"NumberInRange array off", "NumberInRange", `"values": [[0, 2]]`, "data.nums", false, false, "is off"},
		{"NumberNotInRange pass", "NumberNotInRange", `"values": [[6, 9]]`, "data.count", false, true, "is outside [6, 9]"},
		{"NumberNotInRange fail", "NumberNotInRange", `"values": [[0, 9]]`, "data.count", false, false, "is in [0, 9], so it does not match"},
		{"NumberNotInRange missing", "NumberNotInRange", `"values": [[0, 9]]`, "data.absent", false, true, "matches a missing key"},
		{"NumberNotInRange array on", "NumberNotInRange", `"values": [[4, 6]]`, "data.nums", true, false, "element 5 is in [4, 6]"},
		{"NumberNotInRange array off", "NumberNotInRange", `"values": [[4, 6]]`, "data.nums", false, true, "compares nothing"},
		// BoolEquals
		{"BoolEquals hit", "BoolEquals", `"value": true`, "data.flag", false, true, "true equals true"},
		{"BoolEquals miss", "BoolEquals", `"value": false`, "data.flag", false, false, "does not equal false"},
		{"BoolEquals missing", "BoolEquals", `"value": false`, "data.absent", false, false, "missing key"},
		{"BoolEquals null", "BoolEquals", `"value": false`, "data.nothing", false, false, "null"},
		{"BoolEquals number", "BoolEquals", `"value": true`, "data.count", false, false, "compares booleans only"},
		// StringContains
		{"StringContains hit ignoring case", "StringContains", `"values": ["HA"]`, "data.hubName", false, true, `contains "HA" (ignoring case)`},
		{"StringContains miss", "StringContains", `"values": ["xyz"]`, "data.hubName", false, false, `contains none of ["xyz"]`},
		{"StringContains missing", "StringContains", `"values": ["x"]`, "data.absent", false, false, "missing key"},
		{"StringContains number", "StringContains", `"values": ["5"]`, "data.count", false, false, "compares strings only"},
		{"StringContains array on", "StringContains", `"values": ["orl"]`, "data.tags", true, true, `element "World"`},
		{"StringContains array off", "StringContains", `"values": ["orl"]`, "data.tags", false, false, "is off"},
		{"StringNotContains pass", "StringNotContains", `"values": ["xyz"]`, "data.hubName", false, true, "so it matches"},
		{"StringNotContains fail", "StringNotContains", `"values": ["hat"]`, "data.hubName", false, false, "so it does not match"},
		{"StringNotContains missing", "StringNotContains", `"values": ["hat"]`, "data.absent", false, false, "StringNotContains does not match a missing key"},
		{"StringNotContains number", "StringNotContains", `"values": ["5"]`, "data.count", false, true, "other types are ignored"},
		{"StringNotContains array on", "StringNotContains", `"values": ["ell"]`, "data.tags", true, false, `element "Hello" contains "ell"`},
		{"StringNotContains array off", "StringNotContains", `"values": ["ell"]`, "data.tags", false, true, "compares nothing: it matches"},
		// StringBeginsWith / StringNotBeginsWith
		{"StringBeginsWith hit", "StringBeginsWith", `"values": ["x", "ch"]`, "data.hubName", false, true, `begins with "ch"`},
		{"StringBeginsWith miss", "StringBeginsWith", `"values": ["hat"]`, "data.hubName", false, false, "begins with none of"},
		{"StringBeginsWith missing", "StringBeginsWith", `"values": ["x"]`, "data.absent", false, false, "missing key"},
		{"StringBeginsWith number", "StringBeginsWith", `"values": ["5"]`, "data.count", false, false, "compares strings only"},
		{"StringBeginsWith array on", "StringBeginsWith", `"values": ["wo"]`, "data.tags", true, true, `"World" begins with "wo"`},
		{"StringBeginsWith array off", "StringBeginsWith", `"values": ["wo"]`, "data.tags", false, false, "is off"},
		{"StringNotBeginsWith pass", "StringNotBeginsWith", `"values": ["x"]`, "data.hubName", false, true, "so it matches"},
		{"StringNotBeginsWith fail", "StringNotBeginsWith", `"values": ["CH"]`, "data.hubName", false, false, "does not match"},
		{"StringNotBeginsWith missing", "StringNotBeginsWith", `"values": ["x"]`, "data.absent", false, false, "missing key"},
		{"StringNotBeginsWith array on", "StringNotBeginsWith", `"values": ["wo"]`, "data.tags", true, false, `"World"`},
		// StringEndsWith / StringNotEndsWith
		{"StringEndsWith hit", "StringEndsWith", `"values": ["AT"]`, "data.hubName", false, true, `ends with "AT"`},
		{"StringEndsWith miss", "StringEndsWith", `"values": ["ch"]`, "data.hubName", false, false, "ends with none of"},
		{"StringEndsWith missing", "StringEndsWith", `"values": ["x"]`, "data.absent", false, false, "missing key"},
		{"StringEndsWith array on", "StringEndsWith", `"values": ["LD"]`, "data.tags", true, true, `"World" ends with "LD"`},
		{"StringEndsWith array off", "StringEndsWith", `"values": ["ld"]`, "data.tags", false, false, "is off"},
		{"StringNotEndsWith pass", "StringNotEndsWith", `"values": ["x"]`, "data.hubName", false, true, "so it matches"},
		{"StringNotEndsWith fail", "StringNotEndsWith", `"values": ["hat"]`, "data.hubName", false, false, "does not match"},
		{"StringNotEndsWith missing", "StringNotEndsWith", `"values": ["x"]`, "data.absent", false, false, "missing key"},
		{"StringNotEndsWith bool", "StringNotEndsWith", `"values": ["e"]`, "data.flag", false, true, "compares strings only"},
		// StringIn / StringNotIn
		{"StringIn hit ignoring case", "StringIn", `"values": ["chat"]`, "data.hubName", false, true, `is one of "chat"`},
		{"StringIn is not a substring match", "StringIn", `"values": ["cha"]`, "data.hubName", false, false, "is none of"},
		{"StringIn missing", "StringIn", `"values": ["x"]`, "data.absent", false, false, "missing key"},
		{"StringIn number", "StringIn", `"values": ["5"]`, "data.count", false, false, "compares strings only"},
		{"StringIn array on", "StringIn", `"values": ["world"]`, "data.tags", true, true, `"World" is one of "world"`},
		{"StringIn array off", "StringIn", `"values": ["world"]`, "data.tags", false, false, "is off"},
		{"StringIn array of objects", "StringIn", `"values": ["a"]`, "data.objs", true, false, "holds no strings"},
		{"StringNotIn pass", "StringNotIn", `"values": ["x"]`, "data.hubName", false, true, "is none of"},
		{"StringNotIn fail", "StringNotIn", `"values": ["CHAT"]`, "data.hubName", false, false, "does not match"},
		{"StringNotIn missing", "StringNotIn", `"values": ["x"]`, "data.absent", false, true, "StringNotIn matches a missing key"},
		{"StringNotIn array on", "StringNotIn", `"values": ["hello"]`, "data.tags", true, false, `"Hello" is one of "hello"`},
		{"StringNotIn array off", "StringNotIn", `"values": ["hello"]`, "data.tags", false, true, "compares nothing"},
		// null checks
		{"IsNullOrUndefined missing", "IsNullOrUndefined", "", "data.absent", false, true, "the event has no data.absent, so it matches"},
		{"IsNullOrUndefined null", "IsNullOrUndefined", "", "data.nothing", false, true, "null"},
		{"IsNullOrUndefined value", "IsNullOrUndefined", "", "data.count", false, false, "not null"},
		{"IsNullOrUndefined empty array", "IsNullOrUndefined", "", "data.empty", true, false, "not null"},
		{"IsNotNull value", "IsNotNull", "", "data.hubName", false, true, `"Chat", so it matches`},
		{"IsNotNull missing", "IsNotNull", "", "data.absent", false, false, "so it does not match"},
		{"IsNotNull null", "IsNotNull", "", "data.nothing", false, false, "null"},
		{"IsNotNull array", "IsNotNull", "", "data.tags", false, true, "matches"},
		// keys
		{"key ignores case", "StringIn", `"values": ["chat"]`, "Data.HubName", false, true, "is one of"},
		{"envelope key", "StringBeginsWith", `"values": ["/hub/"]`, "Subject", false, true, "begins with"},
		{"id key", "StringIn", `"values": ["E1"]`, "ID", false, true, "is one of"},
		{"eventType key", "StringEndsWith", `"values": ["Connected"]`, "eventType", false, true, "ends with"},
		{"topic key", "StringContains", `"values": ["signalr"]`, "topic", false, true, "contains"},
		{"nested key", "StringIn", `"values": ["v"]`, "data.nested.inner.deep", false, true, "is one of"},
		{"through a scalar", "StringIn", `"values": ["v"]`, "data.hubName.x", false, false, `data.hubName is a string`},
		{"through an array", "StringIn", `"values": ["a"]`, "data.objs.name", false, false, "does not filter inside arrays of objects"},
		{"CloudEvents name on Event Grid", "StringIn", `"values": ["x"]`, "source", false, false, "this Event Grid event calls it topic"},
	}
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			af := `[{"operatorType": "` + r.op + `", "key": "` + r.key + `"`
			if r.operand != "" {
				af += ", " + r.operand
			}
			af += "}]"
			v := verdict(t, af, egEvent, r.arrays)
			last := v.Reasons[len(v.Reasons)-1]
			if v.Delivered != r.want {
				t.Fatalf("delivered = %v, want %v (%s)", v.Delivered, r.want, last)
			}
			if !strings.Contains(last, r.contains) {
				t.Errorf("reason %q does not say %q", last, r.contains)
			}
			if !strings.HasPrefix(last, "advancedFilters[0] "+r.op+" "+r.key+": ") {
				t.Errorf("reason %q does not name the clause", last)
			}
			if r.want != (v.Clause == "") || !r.want && v.Clause != "advancedFilters[0]" {
				t.Errorf("clause = %q", v.Clause)
			}
		})
	}
	// Every operator has rows that deliver and rows that filter.
	for _, op := range Operators() {
		var yes, no bool
		for _, r := range rows {
			if r.op == op {
				yes, no = yes || r.want, no || !r.want
			}
		}
		if !yes || !no {
			t.Errorf("%s: the table needs a delivered and a filtered row (has %v, %v)", op, yes, no)
		}
	}
}

// TestCloudEvents evaluates CloudEvents keys: attributes, extensions, data.
func TestCloudEvents(t *testing.T) {
	cases := []struct {
		filter   string
		want     bool
		contains string
	}{
		{`{"includedEventTypes": ["microsoft.signalrservice.clientconnectionconnected"]}`, true, `type "Microsoft.SignalRService.ClientConnectionConnected" is listed`},
		{`{"includedEventTypes": ["Microsoft.SignalRService.ClientConnectionDisconnected"]}`, false, "is none of"},
		{`[{"operatorType": "StringIn", "key": "region", "values": ["WestEurope"]}]`, true, "is one of"},
		{`[{"operatorType": "NumberGreaterThan", "key": "priority", "value": 2}]`, true, "3 > 2"},
		{`[{"operatorType": "StringBeginsWith", "key": "priority", "values": ["3"]}]`, false, "compares strings only"},
		{`[{"operatorType": "StringIn", "key": "type", "values": ["Microsoft.SignalRService.ClientConnectionConnected"]}]`, true, "is one of"},
		{`[{"operatorType": "StringIn", "key": "specversion", "values": ["1.0"]}]`, true, "is one of"},
		{`[{"operatorType": "StringIn", "key": "data.hubName", "values": ["chat"]}]`, true, "is one of"},
		{`[{"operatorType": "StringIn", "key": "eventType", "values": ["x"]}]`, false, "eventType is the Event Grid name; this CloudEvents event calls it type"},
		{`[{"operatorType": "StringIn", "key": "topic", "values": ["x"]}]`, false, "calls it source"},
		{`{"subjectBeginsWith": "/HUB/chat"}`, true, "ignoring case"},
		{`{"subjectBeginsWith": "/HUB/chat", "isSubjectCaseSensitive": true}`, false, `does not begin with "/HUB/chat" (case-sensitive)`},
		{`{"subjectEndsWith": "Chat", "isSubjectCaseSensitive": true}`, true, "case-sensitive"},
		{`{"enableAdvancedFilteringOnArrays": true, "advancedFilters": [{"operatorType": "NumberIn", "key": "data.nums", "values": [5]}]}`, true, "element 5"},
	}
	for _, c := range cases {
		v := verdict(t, c.filter, ceEvent, false)
		last := v.Reasons[len(v.Reasons)-1]
		if v.Delivered != c.want || !strings.Contains(last, c.contains) {
			t.Errorf("%s: delivered %v (%q), want %v and %q", c.filter, v.Delivered, last, c.want, c.contains)
		}
	}
}

// TestClauses checks the order of the clauses, AND across filters and OR
// across values, and the reasons of a delivered event.
func TestClauses(t *testing.T) {
	cases := []struct {
		name, filter string
		want         bool
		clause       string
		reasons      int
	}{
		{"empty filter", `{}`, true, "", 1},
		{"types then subject", `{"includedEventTypes": ["Microsoft.SignalRService.ClientConnectionConnected"], "subjectBeginsWith": "/hub/", "subjectEndsWith": "chat"}`, true, "", 3},
		{"type decides first", `{"includedEventTypes": ["Other"], "subjectBeginsWith": "/nope"}`, false, "includedEventTypes", 1},
		{"subjectBeginsWith decides", `{"subjectBeginsWith": "/nope", "subjectEndsWith": "chat"}`, false, "subjectBeginsWith", 1},
		{"subjectEndsWith decides", `{"subjectBeginsWith": "/hub", "subjectEndsWith": "nope"}`, false, "subjectEndsWith", 2},
		{"AND across filters", `[{"operatorType": "StringIn", "key": "data.hubName", "values": ["chat"]}, {"operatorType": "NumberIn", "key": "data.count", "values": [1]}]`, false, "advancedFilters[1]", 2},
		{"OR across values", `[{"operatorType": "StringIn", "key": "data.hubName", "values": ["news", "chat"]}, {"operatorType": "NumberIn", "key": "data.count", "values": [1, 5]}]`, true, "", 2},
		{"same key twice", `[{"operatorType": "StringContains", "key": "subject", "values": ["hub"]}, {"operatorType": "StringContains", "key": "subject", "values": ["chat"]}]`, true, "", 2},
		{"All types", `{"includedEventTypes": ["All"]}`, true, "", 1},
	}
	for _, c := range cases {
		f := c.filter
		if strings.HasPrefix(f, "[") {
			f = `{"advancedFilters": ` + f + `}`
		}
		parsed := Parse([]byte(f))
		doc, _ := jsontree.Parse([]byte(egEvent), jsontree.Options{})
		v := parsed.Apply(doc.Root).Verdicts[0]
		if v.Delivered != c.want || v.Clause != c.clause || len(v.Reasons) != c.reasons {
			t.Errorf("%s: delivered %v clause %q reasons %q; want %v %q %d", c.name, v.Delivered, v.Clause, v.Reasons, c.want, c.clause, c.reasons)
		}
	}
}

// TestBatch evaluates every event of a batch, with ids and counts, and an
// element that is not an event.
func TestBatch(t *testing.T) {
	payload := `[
  {"id": "a", "subject": "/hub/chat", "eventType": "Microsoft.SignalRService.ClientConnectionConnected", "eventTime": "2024-01-01T00:00:00Z", "dataVersion": "1.0", "data": {"hubName": "chat"}},
  {"id": "b", "subject": "/hub/news", "eventType": "Microsoft.SignalRService.ClientConnectionConnected", "eventTime": "2024-01-01T00:00:00Z", "dataVersion": "1.0", "data": {"hubName": "news"}},
  {"id": "c", "subject": "/hub/chat", "eventType": "Microsoft.SignalRService.ClientConnectionDisconnected", "eventTime": "2024-01-01T00:00:00Z", "dataVersion": "1.0", "data": {"hubName": "chat"}},
  42
]`
	f := Parse([]byte(Sample))
	if !f.Valid() {
		t.Fatalf("the sample filter is invalid: %+v", f.Diagnostics)
	}
	doc, err := jsontree.Parse([]byte(payload), jsontree.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res := f.Apply(doc.Root)
	want := []struct {
		id        string
		delivered bool
		clause    string
	}{{"a", true, ""}, {"b", false, "advancedFilters[0]"}, {"c", true, ""}, {"", false, "event"}}
	if len(res.Verdicts) != len(want) {
		t.Fatalf("%d verdicts", len(res.Verdicts))
	}
	for i, w := range want {
		v := res.Verdicts[i]
		if v.Index != i || v.ID != w.id || v.Delivered != w.delivered || v.Clause != w.clause {
			t.Errorf("event %d: %+v, want %+v", i, v, w)
		}
	}
	if res.Delivered != 2 || res.Filtered != 2 || res.Summary() != "2 of 4 events delivered, 2 filtered out." {
		t.Errorf("counts %d/%d, %q", res.Delivered, res.Filtered, res.Summary())
	}
}

// TestEvaluateForms: an event of no known form is never delivered.
func TestEvaluateForms(t *testing.T) {
	f := Parse([]byte(`{}`))
	ev := jsontree.NewObject(jsontree.NewMember("id", jsontree.NewString("x")))
	if v := f.Evaluate(ev, detect.Unknown); v.Delivered || v.Clause != "event" || v.ID != "x" {
		t.Errorf("unknown form: %+v", v)
	}
	if v := f.Evaluate(ev, detect.EventGrid); !v.Delivered {
		t.Errorf("empty filter on an Event Grid event: %+v", v)
	}
	if res := f.Apply(nil); len(res.Verdicts) != 0 || res.Summary() != "No events to filter." {
		t.Errorf("no payload: %+v", res)
	}
	// An advanced filter made by hand, without Parse, is skipped.
	g := &Filter{Advanced: []Advanced{{Operator: "StringIn", Key: "id", Strings: []string{"y"}, OK: true}}}
	if v := g.Evaluate(ev, detect.EventGrid); !v.Delivered || !strings.Contains(v.Reasons[0], "skipped") {
		t.Errorf("hand-made filter: %+v", v)
	}
}

// verdictsOf applies a parsed filter to a payload.
func verdictsOf(t *testing.T, f *Filter, payload string) *Result {
	t.Helper()
	doc, err := jsontree.Parse([]byte(payload), jsontree.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return f.Apply(doc.Root)
}

// verdictOf applies a parsed filter to a payload of one event.
func verdictOf(t *testing.T, f *Filter, payload string) Verdict {
	t.Helper()
	return verdictsOf(t, f, payload).Verdicts[0]
}

// TestValidationEvent: the handshake reaches the endpoint whatever the
// filter says.
func TestValidationEvent(t *testing.T) {
	payload := `[{"id": "v", "topic": "/subscriptions/s", "subject": "", "data": {"validationCode": "c", "validationUrl": "https://x"},
  "eventType": "Microsoft.EventGrid.SubscriptionValidationEvent", "eventTime": "2024-01-01T00:00:00Z", "metadataVersion": "1", "dataVersion": "1"}]`
	v := verdictOf(t, Parse([]byte(Sample)), payload)
	if !v.Delivered || !strings.Contains(v.Reasons[0], "whatever its filter") {
		t.Errorf("%+v", v)
	}
}

// TestApplyExplaining: the same verdicts and clauses as Apply, with the
// reasons of the first events only.
func TestApplyExplaining(t *testing.T) {
	payload := `[` + strings.Repeat(`{"id": "a", "subject": "/hub/chat", "eventType": "T", "eventTime": "2024-01-01T00:00:00Z", "dataVersion": "1", "data": {"hubName": "chat"}},
{"id": "b", "subject": "/hub/news", "eventType": "T", "eventTime": "2024-01-01T00:00:00Z", "dataVersion": "1", "data": {"hubName": "news"}},`, 3) + `1]`
	f := Parse([]byte(`{"subjectBeginsWith": "/hub/", "advancedFilters": [{"operatorType": "StringIn", "key": "data.hubName", "values": ["chat"]}]}`))
	doc, err := jsontree.Parse([]byte(payload), jsontree.Options{})
	if err != nil {
		t.Fatal(err)
	}
	all, some := f.Apply(doc.Root), f.ApplyExplaining(doc.Root, 3)
	if len(all.Verdicts) != 7 || all.Delivered != some.Delivered || all.Filtered != some.Filtered || all.Filtered != 4 {
		t.Fatalf("%+v\n%+v", all, some)
	}
	for i, v := range some.Verdicts {
		w := all.Verdicts[i]
		if v.Delivered != w.Delivered || v.Clause != w.Clause || v.ID != w.ID || v.Index != w.Index {
			t.Errorf("event %d: %+v, want %+v", i, v, w)
		}
		if (len(v.Reasons) > 0) != (i < 3) || len(w.Reasons) == 0 {
			t.Errorf("event %d: reasons %q / %q", i, v.Reasons, w.Reasons)
		}
	}
}

// TestRunInSteps: an evaluation done a step at a time gives the verdicts
// Apply gives, and each step leaves the counts adding up.
func TestRunInSteps(t *testing.T) {
	var b strings.Builder
	b.WriteString("[")
	for i := range 100 {
		hub := []string{"chat", "news", "CHAT"}[i%3]
		fmt.Fprintf(&b, `{"id": "e%d", "subject": "/hub/%s", "eventType": "T", "eventTime": "2024-01-01T00:00:00Z", "dataVersion": "1", "data": {"hubName": %q, "n": %d}},`, i, hub, hub, i)
	}
	b.WriteString(`1]`)
	doc, err := jsontree.Parse([]byte(b.String()), jsontree.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f := Parse([]byte(`{"subjectBeginsWith": "/hub/", "advancedFilters": [{"operatorType": "StringIn", "key": "data.hubName", "values": ["chat"]}, {"operatorType": "NumberLessThan", "key": "data.n", "values": [90]}]}`))
	want := f.ApplyExplaining(doc.Root, 40)
	r := f.Start(detect.Detect(doc.Root).Events, 40)
	steps := 0
	for !r.Step(0) {
		steps++
		done, total := r.Progress()
		got := r.Result()
		if done == 0 || done >= total || got.Delivered+got.Filtered != done || len(got.Verdicts) != done {
			t.Fatalf("step %d: %d of %d done, %+v", steps, done, total, got)
		}
		if steps > 101 {
			t.Fatal("the evaluation does not end")
		}
	}
	if steps == 0 {
		t.Error("a budget of 0 evaluated every event in one step")
	}
	if !reflect.DeepEqual(r.Result(), want) {
		t.Errorf("in steps:\n%+v\nat once:\n%+v", r.Result(), want)
	}
	if want.Delivered == 0 || want.Filtered == 0 {
		t.Errorf("the payload does not exercise both verdicts: %s", want.Summary())
	}
}

// FuzzApply: no payload makes Apply panic, every element gets one verdict,
// and the counts add up.
func FuzzApply(f *testing.F) {
	for _, s := range []string{egEvent, ceEvent, `[]`, `[1, null, {}]`, `{"specversion": "1.0", "id": "x", "source": "s", "type": "t", "data": [1, [2], {"a": null}]}`,
		`[{"id": "x", "subject": 5, "eventType": null, "data": {"hubName": ["a", {"b": 1}], "count": 1e999}}]`} {
		f.Add(s)
	}
	filters := []*Filter{
		Parse([]byte(Sample)),
		Parse([]byte(`{"enableAdvancedFilteringOnArrays": true, "subjectEndsWith": "x", "advancedFilters": [
			{"operatorType": "NumberInRange", "key": "data.count", "values": [[0, 10]]},
			{"operatorType": "StringNotContains", "key": "data.hubName", "values": ["z"]},
			{"operatorType": "IsNullOrUndefined", "key": "data.a.b.c"},
			{"operatorType": "BoolEquals", "key": "Subject", "value": true}]}`)),
	}
	f.Fuzz(func(t *testing.T, src string) {
		doc, err := jsontree.Parse([]byte(src), jsontree.Options{})
		if err != nil {
			return
		}
		for _, flt := range filters {
			res := flt.Apply(doc.Root)
			if res.Delivered+res.Filtered != len(res.Verdicts) {
				t.Fatalf("%+v", res)
			}
			for _, v := range res.Verdicts {
				if len(v.Reasons) == 0 || v.Delivered != (v.Clause == "") {
					t.Fatalf("%+v", v)
				}
			}
		}
	})
}
