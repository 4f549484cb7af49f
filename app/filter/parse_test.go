package filter

import (
	"fmt"
	"strings"
	"testing"

	"eventlens/app/diag"
	"eventlens/app/inspect"
	"eventlens/app/vocab"
)

// TestParseLocates reads the filter where Azure's tools put it.
func TestParseLocates(t *testing.T) {
	cases := []struct {
		name, src, pointer string
		prefix             string
	}{
		{"filter object", `{"subjectBeginsWith": "/hub/"}`, "", "/hub/"},
		{"az show", `{"name": "sub", "filter": {"subjectBeginsWith": "/hub/", "advancedFilters": null, "includedEventTypes": null, "isSubjectCaseSensitive": null}, "provisioningState": "Succeeded"}`, "/filter", "/hub/"},
		{"ARM", `{"name": "sub", "properties": {"destination": {}, "filter": {"subjectBeginsWith": "/hub/"}}}`, "/properties/filter", "/hub/"},
		{"property names ignore case", `{"Filter": {"SubjectBeginsWith": "/hub/"}}`, "/Filter", "/hub/"},
		{"empty object", `{}`, "", ""},
	}
	for _, c := range cases {
		f := Parse([]byte(c.src))
		if !f.Valid() || f.Pointer != c.pointer || f.SubjectBeginsWith != c.prefix {
			t.Errorf("%s: valid %v pointer %q prefix %q, diagnostics %+v", c.name, f.Valid(), f.Pointer, f.SubjectBeginsWith, f.Diagnostics)
		}
	}
}

// TestInvalidFilters: each mistake gets its code at its place.
func TestInvalidFilters(t *testing.T) {
	many := func(n int, item string) string {
		parts := make([]string, n)
		for i := range parts {
			parts[i] = item
		}
		return strings.Join(parts, ", ")
	}
	cases := []struct {
		name, src string
		code      vocab.Code
		pointer   string
		line, col int
		contains  string
	}{
		{"not JSON", `{"subjectBeginsWith": }`, vocab.JSONSyntax, "/subjectBeginsWith", 1, 23, "not JSON"},
		{"array", `[]`, vocab.FilterNotFilter, "", 1, 1, "it is an array"},
		{"no filter", `{"name": "x"}`, vocab.FilterNotFilter, "", 1, 1, "no filter"},
		{"types not array", `{"includedEventTypes": "A"}`, vocab.FilterType, "/includedEventTypes", 1, 24, "a string"},
		{"type not string", `{"includedEventTypes": ["A", 1]}`, vocab.FilterType, "/includedEventTypes/1", 1, 30, "includedEventTypes[1]"},
		{"subject not string", `{"subjectEndsWith": 1}`, vocab.FilterType, "/subjectEndsWith", 1, 21, "a number"},
		{"bool as string", `{"isSubjectCaseSensitive": "true"}`, vocab.FilterType, "/isSubjectCaseSensitive", 1, 28, "without quotes"},
		{"advancedFilters object", `{"advancedFilters": {}}`, vocab.FilterType, "/advancedFilters", 1, 21, "an array"},
		{"unknown operator", `{"advancedFilters": [{"operatorType": "stringin", "key": "k", "values": ["a"]}]}`, vocab.FilterOperator, "/advancedFilters/0/operatorType", 1, 39, `Did you mean "StringIn"`},
		{"made-up operator", `{"advancedFilters": [{"operatorType": "Regex", "key": "k", "values": ["a"]}]}`, vocab.FilterOperator, "/advancedFilters/0/operatorType", 1, 39, "use one of NumberIn"},
		{"no operator", `{"advancedFilters": [{"key": "k", "values": ["a"]}]}`, vocab.FilterMissing, "/advancedFilters/0", 1, 22, "no operatorType"},
		{"no key", `{"advancedFilters": [{"operatorType": "StringIn", "values": ["a"]}]}`, vocab.FilterMissing, "/advancedFilters/0", 1, 22, "no key"},
		{"no values", `{"advancedFilters": [{"operatorType": "StringIn", "key": "k"}]}`, vocab.FilterMissing, "/advancedFilters/0", 1, 22, `add "values"`},
		{"value for values", `{"advancedFilters": [{"operatorType": "NumberIn", "key": "k", "value": 1}]}`, vocab.FilterMissing, "/advancedFilters/0/value", 1, 72, "takes values, not value"},
		{"values for value", `{"advancedFilters": [{"operatorType": "NumberLessThan", "key": "k", "values": [1]}]}`, vocab.FilterMissing, "/advancedFilters/0/values", 1, 79, "takes value, not values"},
		{"empty values", `{"advancedFilters": [{"operatorType": "StringIn", "key": "k", "values": []}]}`, vocab.FilterMissing, "/advancedFilters/0/values", 1, 73, "values is empty"},
		{"string for number", `{"advancedFilters": [{"operatorType": "NumberIn", "key": "k", "values": ["5"]}]}`, vocab.FilterValueType, "/advancedFilters/0/values/0", 1, 74, "without quotes"},
		{"number for string", `{"advancedFilters": [{"operatorType": "StringIn", "key": "k", "values": [5]}]}`, vocab.FilterValueType, "/advancedFilters/0/values/0", 1, 74, "compares strings"},
		{"string for bool", `{"advancedFilters": [{"operatorType": "BoolEquals", "key": "k", "value": "true"}]}`, vocab.FilterValueType, "/advancedFilters/0/value", 1, 74, "BoolEquals compares booleans"},
		{"values not array", `{"advancedFilters": [{"operatorType": "StringIn", "key": "k", "values": "a"}]}`, vocab.FilterType, "/advancedFilters/0/values", 1, 73, "takes an array"},
		{"range not pair", `{"advancedFilters": [{"operatorType": "NumberInRange", "key": "k", "values": [[1, 2, 3]]}]}`, vocab.FilterRange, "/advancedFilters/0/values/0", 1, 79, "an array of 3 values"},
		{"range flat", `{"advancedFilters": [{"operatorType": "NumberNotInRange", "key": "k", "values": [1, 2]}]}`, vocab.FilterRange, "/advancedFilters/0/values/0", 1, 82, "a number"},
		{"range reversed", `{"advancedFilters": [{"operatorType": "NumberInRange", "key": "k", "values": [[9, 1]]}]}`, vocab.FilterRange, "/advancedFilters/0/values/0", 1, 79, "write [1, 9]"},
		{"range bound string", `{"advancedFilters": [{"operatorType": "NumberInRange", "key": "k", "values": [[1, "9"]]}]}`, vocab.FilterRange, "/advancedFilters/0/values/0/1", 1, 83, "bound is a string"},
		{"empty key", `{"advancedFilters": [{"operatorType": "IsNotNull", "key": ""}]}`, vocab.FilterKey, "/advancedFilters/0/key", 1, 59, "key is empty"},
		{"empty segment", `{"advancedFilters": [{"operatorType": "IsNotNull", "key": "data..x"}]}`, vocab.FilterKey, "/advancedFilters/0/key", 1, 59, "empty segment"},
		{"key not string", `{"advancedFilters": [{"operatorType": "IsNotNull", "key": 1}]}`, vocab.FilterType, "/advancedFilters/0/key", 1, 59, "key is a number"},
		{"advanced not object", `{"advancedFilters": ["x"]}`, vocab.FilterType, "/advancedFilters/0", 1, 22, "advancedFilters[0] is a string"},
		{"long string", `{"advancedFilters": [{"operatorType": "StringIn", "key": "k", "values": ["` + strings.Repeat("é", 513) + `"]}]}`, vocab.FilterLongString, "/advancedFilters/0/values/0", 1, 74, "513 characters"},
		{"too many filters", `{"advancedFilters": [` + many(26, `{"operatorType": "IsNotNull", "key": "k"}`) + `]}`, vocab.FilterTooMany, "/advancedFilters/25", 1, 1097, "26 advanced filters"},
		{"too many values", `{"advancedFilters": [{"operatorType": "StringIn", "key": "k", "values": [` + many(20, `"a"`) + `]}, {"operatorType": "NumberIn", "key": "k", "values": [` + many(6, `1`) + `]}]}`, vocab.FilterTooManyValues, "/advancedFilters/1/values/5", 1, 243, "value number 26"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := Parse([]byte(c.src))
			if f.Valid() {
				t.Fatalf("valid, want %s", c.code)
			}
			var d *diag.Diagnostic
			for i := range f.Diagnostics {
				if f.Diagnostics[i].Code == string(c.code) {
					d = &f.Diagnostics[i]
					break
				}
			}
			if d == nil {
				t.Fatalf("no %s in %+v", c.code, f.Diagnostics)
			}
			if d.Pointer != c.pointer || d.Line != c.line || d.Column != c.col || !strings.Contains(d.Message, c.contains) {
				t.Errorf("got %s at %q %d:%d %q; want %q %d:%d containing %q", d.Code, d.Pointer, d.Line, d.Column, d.Message, c.pointer, c.line, c.col, c.contains)
			}
		})
	}
}

// TestWarnings: findings that leave the filter valid.
func TestWarnings(t *testing.T) {
	cases := []struct {
		name, src string
		code      vocab.Code
		contains  string
	}{
		{"unknown property", `{"subjectBeginWith": "/hub/"}`, vocab.FilterUnknownProperty, `Did you mean "subjectBeginsWith"`},
		{"unknown advanced property", `{"advancedFilters": [{"operatorType": "IsNotNull", "key": "k", "Operator": "x"}]}`, vocab.FilterUnknownProperty, "not a property of an advanced filter"},
		{"deep key", `{"advancedFilters": [{"operatorType": "IsNotNull", "key": "data.a.b.c"}]}`, vocab.FilterKeyDepth, "4 levels"},
		{"operand on IsNotNull", `{"advancedFilters": [{"operatorType": "IsNotNull", "key": "k", "values": [1]}]}`, vocab.FilterIgnored, "takes no operand"},
		{"value beside values", `{"advancedFilters": [{"operatorType": "StringIn", "key": "k", "values": ["a"], "value": "b"}]}`, vocab.FilterIgnored, "reads values"},
		{"All", `{"includedEventTypes": ["All"]}`, vocab.FilterAllTypes, `holds "All"`},
		{"empty types", `{"includedEventTypes": []}`, vocab.FilterAllTypes, "is empty"},
		{"duplicate key", `{"subjectBeginsWith": "a", "subjectBeginsWith": "b"}`, vocab.JSONDuplicateKey, ""},
	}
	for _, c := range cases {
		f := Parse([]byte(c.src))
		if !f.Valid() {
			t.Errorf("%s: invalid: %+v", c.name, f.Diagnostics)
			continue
		}
		found := false
		for _, d := range f.Diagnostics {
			found = found || d.Code == string(c.code) && strings.Contains(d.Message, c.contains)
		}
		if !found {
			t.Errorf("%s: no %s saying %q in %+v", c.name, c.code, c.contains, f.Diagnostics)
		}
	}
}

// TestLimitsAreExact: the documented limits themselves are accepted.
func TestLimitsAreExact(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"advancedFilters": [`)
	for i := range vocab.MaxAdvancedFilters {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, `{"operatorType": "StringIn", "key": "data.k%d", "values": ["%s"]}`, i, strings.Repeat("x", vocab.MaxFilterString))
	}
	b.WriteString(`]}`)
	f := Parse([]byte(b.String()))
	if !f.Valid() || len(f.Advanced) != vocab.MaxAdvancedFilters {
		t.Errorf("a filter at the limits is refused: %+v", f.Diagnostics)
	}
}

// TestOperatorFix: the fix for a misspelt operator writes the known one.
func TestOperatorFix(t *testing.T) {
	src := []byte(`{"advancedFilters": [{"operatorType": "numberin", "key": "k", "values": [1]}]}`)
	f := Parse(src)
	if len(f.Diagnostics) != 1 || f.Diagnostics[0].Fix == nil {
		t.Fatalf("%+v", f.Diagnostics)
	}
	fixed := inspect.ApplyFix(src, f.Diagnostics[0].Fix)
	if g := Parse(fixed); !g.Valid() || g.Advanced[0].Operator != "NumberIn" {
		t.Errorf("fixed text %s: %+v", fixed, g.Diagnostics)
	}
}

// TestInvalidClauseIsSkipped: a broken advanced filter is left out of the
// evaluation, and the verdict says so.
func TestInvalidClauseIsSkipped(t *testing.T) {
	f := Parse([]byte(`{"advancedFilters": [{"operatorType": "Nope", "key": "k", "values": ["a"]}]}`))
	if f.Valid() || len(f.Advanced) != 1 || f.Advanced[0].OK {
		t.Fatalf("%+v", f)
	}
	v := verdictOf(t, f, egEvent)
	if !v.Delivered || !strings.Contains(v.Reasons[0], "skipped") {
		t.Errorf("%+v", v)
	}
}

// FuzzParse: no filter text makes Parse or Apply panic, and a valid filter
// gives one verdict per event.
func FuzzParse(f *testing.F) {
	for _, s := range []string{Sample, `{}`, `{"filter": null}`, `{"properties": {"filter": {"advancedFilters": [{"operatorType": "NumberInRange", "key": "data.count", "values": [[1, 9]]}]}}}`,
		`{"enableAdvancedFilteringOnArrays": true, "advancedFilters": [{"operatorType": "StringNotIn", "key": "data.tags", "values": ["x"]}]}`,
		`{"advancedFilters": [{"operatorType": "IsNullOrUndefined", "key": "data..x"}]}`, `[`, `"x"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		flt := Parse([]byte(src))
		res := verdictsOf(t, flt, egEvent)
		if len(res.Verdicts) != 1 || res.Delivered+res.Filtered != 1 {
			t.Fatalf("%+v", res)
		}
		v := res.Verdicts[0]
		if len(v.Reasons) == 0 || v.Delivered != (v.Clause == "") {
			t.Fatalf("%+v", v)
		}
		for _, d := range flt.Diagnostics {
			if !vocab.Code(d.Code).Registered() {
				t.Fatalf("unregistered code %s", d.Code)
			}
		}
	})
}
