package filter

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"eventlens/app/catalog"
	"eventlens/app/diag"
	"eventlens/app/jsontree"
	"eventlens/app/vocab"
)

// Parse reads a filter from its text: a filter object, or a subscription
// holding one under filter or properties.filter. It never fails: what is
// wrong is in the Filter's Diagnostics, and what could be read is kept.
func Parse(src []byte) *Filter {
	doc, err := jsontree.Parse(src, jsontree.Options{})
	if err != nil {
		return &Filter{Diagnostics: []diag.Diagnostic{syntaxDiagnostic(err)}}
	}
	f := FromTree(doc.Root)
	f.Doc = doc
	for _, n := range doc.Notes {
		f.Diagnostics = append(f.Diagnostics, diag.Diagnostic{
			Severity: n.Code.Severity(), Code: string(n.Code), Message: n.Message, Event: -1,
			Pointer: n.Pointer, Line: n.Pos.Line, Column: n.Pos.Column, Offset: n.Pos.Offset, End: n.End,
		})
	}
	diag.Sort(f.Diagnostics)
	return f
}

// FromTree reads a filter from a decoded text (see Parse); the Filter's Doc
// is left nil.
func FromTree(root *jsontree.Node) *Filter {
	r := reader{f: &Filter{}}
	obj, ptr := locate(root)
	if obj == nil {
		r.report(vocab.FilterNotFilter, "", root,
			"This is not a subscription filter: %s. Paste the filter object (with includedEventTypes, subjectBeginsWith, subjectEndsWith or advancedFilters), or the whole subscription as `az eventgrid event-subscription show` prints it.",
			describeRoot(root))
		return r.f
	}
	r.f.Pointer = ptr
	if obj.Kind == jsontree.Null {
		return r.f // "filter": null delivers every event
	}
	r.readFilter(obj, ptr)
	return r.f
}

// locate finds the filter object: properties.filter, filter, or the root
// itself when it has a filter property. It returns nil when none is found.
func locate(root *jsontree.Node) (*jsontree.Node, string) {
	if root == nil || root.Kind != jsontree.Object {
		return nil, ""
	}
	if props := member(root, "properties"); props != nil && props.Value.Kind == jsontree.Object {
		if m := member(props.Value, "filter"); m != nil && (m.Value.Kind == jsontree.Object || m.Value.Kind == jsontree.Null) {
			return m.Value, jsontree.Pointer(props.Key, m.Key)
		}
	}
	if m := member(root, "filter"); m != nil && (m.Value.Kind == jsontree.Object || m.Value.Kind == jsontree.Null) {
		return m.Value, jsontree.Pointer(m.Key)
	}
	for _, p := range filterProps {
		if member(root, p) != nil {
			return root, ""
		}
	}
	if len(root.Members) == 0 {
		return root, "" // {}: a filter without clauses
	}
	for _, m := range root.Members {
		if _, ok := closest(m.Key, filterProps); ok {
			return root, "" // a filter with a misspelt property
		}
	}
	return nil, ""
}

// describeRoot says what a text that holds no filter is.
func describeRoot(root *jsontree.Node) string {
	if root == nil {
		return "it is empty"
	}
	if root.Kind != jsontree.Object {
		return "it is " + article(root.Kind) + ", not an object"
	}
	return "the object has no filter, properties.filter, includedEventTypes, subjectBeginsWith, subjectEndsWith or advancedFilters member"
}

// article writes a JSON kind with its article ("an array").
func article(k jsontree.Kind) string {
	switch k {
	case jsontree.Object, jsontree.Array:
		return "an " + k.String()
	case jsontree.Null:
		return "null"
	}
	return "a " + k.String()
}

// member returns the member of obj named name: the exact name, or else one
// that differs only in case (ARM reads property names case-insensitively).
func member(obj *jsontree.Node, name string) *jsontree.Member {
	if m := obj.Member(name); m != nil {
		return m
	}
	for i := len(obj.Members) - 1; i >= 0; i-- {
		if strings.EqualFold(obj.Members[i].Key, name) {
			return &obj.Members[i]
		}
	}
	return nil
}

// reader reads a filter and collects its diagnostics.
type reader struct {
	f      *Filter
	values int  // filter values counted so far (MaxFilterValues)
	over   bool // FLT008 reported
}

func (r *reader) report(code vocab.Code, ptr string, n *jsontree.Node, format string, args ...any) *diag.Diagnostic {
	r.f.Diagnostics = append(r.f.Diagnostics, diag.New(code, -1, ptr, n, format, args...))
	return &r.f.Diagnostics[len(r.f.Diagnostics)-1]
}

// child returns the pointer of a member of the object at ptr.
func child(ptr, key string) string {
	return string(jsontree.AppendToken(append([]byte(ptr), '/'), key))
}

// item returns the pointer of an element of the array at ptr.
func item(ptr string, i int) string { return ptr + "/" + strconv.Itoa(i) }

// readFilter reads the filter object obj at ptr.
func (r *reader) readFilter(obj *jsontree.Node, ptr string) {
	r.unknown(obj, ptr, filterProps, "a subscription filter")
	f := r.f
	if m := member(obj, propIncludedEventTypes); m != nil {
		r.readTypes(m.Value, child(ptr, m.Key))
	}
	f.SubjectBeginsWith = r.str(obj, ptr, propSubjectBeginsWith)
	f.SubjectEndsWith = r.str(obj, ptr, propSubjectEndsWith)
	f.IsSubjectCaseSensitive = r.boolean(obj, ptr, propCaseSensitive)
	f.EnableAdvancedFilteringOnArrays = r.boolean(obj, ptr, propArrays)
	m := member(obj, propAdvancedFilters)
	if m == nil || m.Value.Kind == jsontree.Null {
		return
	}
	list, lp := m.Value, child(ptr, m.Key)
	if list.Kind != jsontree.Array {
		r.report(vocab.FilterType, lp, list, "advancedFilters is %s: write an array of advanced filters ([{\"operatorType\": …, \"key\": …, \"values\": […]}]).", article(list.Kind))
		return
	}
	if len(list.Items) > vocab.MaxAdvancedFilters {
		r.report(vocab.FilterTooMany, item(lp, vocab.MaxAdvancedFilters), list.Items[vocab.MaxAdvancedFilters],
			"This subscription has %d advanced filters; Event Grid allows at most %d. Merge filters on the same key (one filter takes several values) or split the subscription.",
			len(list.Items), vocab.MaxAdvancedFilters)
	}
	for i, n := range list.Items {
		f.Advanced = append(f.Advanced, r.readAdvanced(n, item(lp, i), i))
	}
}

// unknown reports the members of obj that are not in known.
func (r *reader) unknown(obj *jsontree.Node, ptr string, known []string, what string) {
	for i := range obj.Members {
		m := &obj.Members[i]
		if isKnown(m.Key, known) {
			continue
		}
		hint := ""
		if s, ok := closest(m.Key, known); ok {
			hint = fmt.Sprintf(" Did you mean %q?", s)
		}
		r.report(vocab.FilterUnknownProperty, child(ptr, m.Key), m.Value,
			"%q is not a property of %s (it has %s), so Event Grid does not read it.%s", m.Key, what, strings.Join(known, ", "), hint)
	}
}

func isKnown(key string, known []string) bool {
	for _, k := range known {
		if strings.EqualFold(k, key) {
			return true
		}
	}
	return false
}

// closest returns the name of known that name likely misspells.
func closest(name string, known []string) (string, bool) {
	best, bestDist := "", -1
	low := strings.ToLower(name)
	for _, k := range known {
		d := catalog.Distance(low, strings.ToLower(k))
		if bestDist < 0 || d < bestDist {
			best, bestDist = k, d
		}
	}
	if bestDist >= 0 && bestDist <= max(2, len(best)/5) {
		return best, true
	}
	return "", false
}

// readTypes reads includedEventTypes.
func (r *reader) readTypes(n *jsontree.Node, ptr string) {
	switch n.Kind {
	case jsontree.Null:
		return
	case jsontree.Array:
	default:
		r.report(vocab.FilterType, ptr, n, "includedEventTypes is %s: write an array of event type names, or leave it out to deliver every type.", article(n.Kind))
		return
	}
	var types []string
	all := len(n.Items) == 0
	for i, it := range n.Items {
		if it.Kind != jsontree.String {
			r.report(vocab.FilterType, item(ptr, i), it, "includedEventTypes[%d] is %s: event types are strings.", i, article(it.Kind))
			continue
		}
		if strings.EqualFold(it.Text, "All") {
			all = true
		}
		types = append(types, it.Text)
	}
	if all {
		what := "is empty"
		if len(n.Items) > 0 {
			what = `holds "All"`
		}
		r.report(vocab.FilterAllTypes, ptr, n, "includedEventTypes %s: every event type passes this clause.", what)
		return
	}
	if types == nil {
		types = []string{} // only wrong items: nothing passes
	}
	r.f.IncludedEventTypes = types
}

// str reads an optional string property.
func (r *reader) str(obj *jsontree.Node, ptr, name string) string {
	m := member(obj, name)
	if m == nil || m.Value.Kind == jsontree.Null {
		return ""
	}
	if m.Value.Kind != jsontree.String {
		r.report(vocab.FilterType, child(ptr, m.Key), m.Value, "%s is %s: write a string (or leave it out).", name, article(m.Value.Kind))
		return ""
	}
	return m.Value.Text
}

// boolean reads an optional boolean property.
func (r *reader) boolean(obj *jsontree.Node, ptr, name string) bool {
	m := member(obj, name)
	if m == nil || m.Value.Kind == jsontree.Null {
		return false
	}
	if m.Value.Kind != jsontree.Bool {
		r.report(vocab.FilterType, child(ptr, m.Key), m.Value, "%s is %s: write true or false (without quotes).", name, article(m.Value.Kind))
		return false
	}
	return m.Value.Text == "true"
}

// readAdvanced reads one advanced filter.
func (r *reader) readAdvanced(n *jsontree.Node, ptr string, index int) Advanced {
	a := Advanced{Index: index}
	if n.Kind != jsontree.Object {
		r.report(vocab.FilterType, ptr, n, "advancedFilters[%d] is %s: each advanced filter is an object with operatorType, key and value or values.", index, article(n.Kind))
		return a
	}
	r.unknown(n, ptr, advancedProps, "an advanced filter")
	ok := true
	if m := member(n, propOperatorType); m == nil {
		r.report(vocab.FilterMissing, ptr, n, "advancedFilters[%d] has no operatorType: add one of %s.", index, strings.Join(Operators(), ", "))
		ok = false
	} else if m.Value.Kind != jsontree.String {
		r.report(vocab.FilterType, child(ptr, m.Key), m.Value, "operatorType is %s: write the operator's name as a string, e.g. \"StringIn\".", article(m.Value.Kind))
		ok = false
	} else {
		a.Operator = m.Value.Text
		a.op = lookupOperator(m.Value.Text)
		if a.op == nil {
			r.badOperator(m.Value, child(ptr, m.Key))
			ok = false
		}
	}
	if m := member(n, propKey); m == nil {
		r.report(vocab.FilterMissing, ptr, n, "advancedFilters[%d] has no key: name the event field to compare, e.g. \"data.hubName\" or \"subject\".", index)
		ok = false
	} else if m.Value.Kind != jsontree.String {
		r.report(vocab.FilterType, child(ptr, m.Key), m.Value, "key is %s: write the field's name as a string, e.g. \"data.hubName\".", article(m.Value.Kind))
		ok = false
	} else {
		a.Key = m.Value.Text
		if !r.checkKey(m.Value, child(ptr, m.Key)) {
			ok = false
		}
	}
	if a.op != nil && !r.readOperands(&a, n, ptr) {
		ok = false
	}
	a.OK = ok && a.op != nil
	if a.OK {
		a.segs = strings.Split(a.Key, ".")
		for _, s := range a.Strings {
			a.folded = append(a.folded, fold(s))
		}
	}
	return a
}

// badOperator reports an unknown operatorType, with the known operator it
// likely misspells and a fix that writes it.
func (r *reader) badOperator(n *jsontree.Node, ptr string) {
	s, ok := closest(n.Text, Operators())
	if !ok {
		r.report(vocab.FilterOperator, ptr, n, "%q is not an Event Grid operator: use one of %s.", n.Text, strings.Join(Operators(), ", "))
		return
	}
	d := r.report(vocab.FilterOperator, ptr, n, "%q is not an Event Grid operator (names are case-sensitive). Did you mean %q?", n.Text, s)
	d.Fix = &diag.Fix{Title: fmt.Sprintf("Write %q", s), Edits: []diag.Edit{{Offset: n.Pos.Offset, End: n.End, Text: strconv.Quote(s)}}}
}

// checkKey checks a key's shape; it reports whether the key can be used.
func (r *reader) checkKey(n *jsontree.Node, ptr string) bool {
	segs := strings.Split(n.Text, ".")
	for _, s := range segs {
		if s == "" {
			msg := "The key is empty: name the event field to compare, e.g. \"data.hubName\"."
			if n.Text != "" {
				msg = fmt.Sprintf("The key %q has an empty segment (a leading, trailing or doubled dot): write segments separated by single dots, e.g. \"data.hubName\". Event Grid cannot escape a dot inside a field name.", n.Text)
			}
			r.report(vocab.FilterKey, ptr, n, "%s", msg)
			return false
		}
	}
	if len(segs) > vocab.MaxFilterKeyLevels {
		r.report(vocab.FilterKeyDepth, ptr, n,
			"The key %q has %d levels. Event Grid's earlier docs allowed two levels of nesting (data.key1.key2); the current docs state no limit. If Azure refuses the subscription, filter on a shallower field.",
			n.Text, len(segs))
	}
	return true
}

// readOperands reads value or values as a's operator needs; it reports
// whether they can be used.
func (r *reader) readOperands(a *Advanced, n *jsontree.Node, ptr string) bool {
	op := a.op
	vm, vsm := member(n, propValue), member(n, propValues)
	if op.operand == noOperand {
		for _, m := range []*jsontree.Member{vm, vsm} {
			if m != nil {
				r.report(vocab.FilterIgnored, child(ptr, m.Key), m.Value, "%s takes no operand: this %s is ignored; remove it.", op.name, m.Key)
			}
		}
		return true
	}
	single := op.operand == numberValue || op.operand == boolValue
	use, other, want, not := vsm, vm, propValues, propValue
	if single {
		use, other, want, not = vm, vsm, propValue, propValues
	}
	if use == nil {
		if other != nil {
			r.report(vocab.FilterMissing, child(ptr, other.Key), other.Value, "%s takes %s, not %s: rename the property to %q%s.", op.name, want, not, want, shapeHint(op))
		} else {
			r.report(vocab.FilterMissing, ptr, n, "advancedFilters[%d] (%s) has no %s: add %q%s.", a.Index, op.name, want, want, shapeHint(op))
		}
		return false
	}
	if other != nil {
		r.report(vocab.FilterIgnored, child(ptr, other.Key), other.Value, "%s reads %s: this %s is ignored; remove it.", op.name, want, not)
	}
	vp := child(ptr, use.Key)
	if single {
		r.count(use.Value, vp)
		return r.single(a, use.Value, vp)
	}
	v := use.Value
	if v.Kind != jsontree.Array {
		r.report(vocab.FilterType, vp, v, "values is %s: %s takes an array%s.", article(v.Kind), op.name, shapeHint(op))
		return false
	}
	if len(v.Items) == 0 {
		r.report(vocab.FilterMissing, vp, v, "values is empty: give %s at least one value%s.", op.name, shapeHint(op))
		return false
	}
	ok := true
	for i, it := range v.Items {
		ip := item(vp, i)
		r.count(it, ip)
		switch op.operand {
		case numberValues:
			if x, good := r.num(op, it, ip); good {
				a.Numbers = append(a.Numbers, x)
			} else {
				ok = false
			}
		case rangeValues:
			if rg, good := r.rng(op, it, ip); good {
				a.Ranges = append(a.Ranges, rg)
			} else {
				ok = false
			}
		case stringValues:
			if it.Kind != jsontree.String {
				r.report(vocab.FilterValueType, ip, it, "%s compares strings, and this value is %s: write it in quotes.", op.name, article(it.Kind))
				ok = false
				continue
			}
			if n := utf8.RuneCountInString(it.Text); n > vocab.MaxFilterString {
				r.report(vocab.FilterLongString, ip, it, "This value has %d characters; Event Grid allows %d per string value. Use a shorter prefix, suffix or substring.", n, vocab.MaxFilterString)
				ok = false
				continue
			}
			a.Strings = append(a.Strings, it.Text)
		}
	}
	return ok
}

// shapeHint shows the operand an operator takes.
func shapeHint(op *operator) string {
	switch op.operand {
	case numberValues:
		return ", e.g. \"values\": [1, 2]"
	case numberValue:
		return ", e.g. \"value\": 10"
	case rangeValues:
		return ", e.g. \"values\": [[0, 10], [100, 200]]"
	case boolValue:
		return ", e.g. \"value\": true"
	case stringValues:
		return ", e.g. \"values\": [\"chat\"]"
	}
	return ""
}

// single reads the value of a single-value operator.
func (r *reader) single(a *Advanced, v *jsontree.Node, ptr string) bool {
	if a.op.operand == boolValue {
		if v.Kind != jsontree.Bool {
			r.report(vocab.FilterValueType, ptr, v, "BoolEquals compares booleans, and value is %s: write true or false without quotes.", article(v.Kind))
			return false
		}
		a.Bool = v.Text == "true"
		return true
	}
	x, ok := r.num(a.op, v, ptr)
	if ok {
		a.Numbers = []number{x}
	}
	return ok
}

// num reads a numeric operand.
func (r *reader) num(op *operator, v *jsontree.Node, ptr string) (number, bool) {
	if v.Kind != jsontree.Number {
		hint := ""
		if v.Kind == jsontree.String {
			if _, err := strconv.ParseFloat(v.Text, 64); err == nil {
				hint = " without quotes"
			}
		}
		r.report(vocab.FilterValueType, ptr, v, "%s compares numbers, and this value is %s: write a number%s.", op.name, article(v.Kind), hint)
		return number{}, false
	}
	x, err := strconv.ParseFloat(v.Text, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		r.report(vocab.FilterValueType, ptr, v, "%s cannot read the number %s.", op.name, v.Text)
		return number{}, false
	}
	return number{x, v.Text}, true
}

// rng reads one [low, high] range.
func (r *reader) rng(op *operator, v *jsontree.Node, ptr string) ([2]number, bool) {
	if v.Kind != jsontree.Array || len(v.Items) != 2 {
		what := article(v.Kind)
		if v.Kind == jsontree.Array {
			what = fmt.Sprintf("an array of %d values", len(v.Items))
		}
		r.report(vocab.FilterRange, ptr, v, "Each range of %s is [low, high], two numbers, and this one is %s; e.g. \"values\": [[0, 10]].", op.name, what)
		return [2]number{}, false
	}
	var rg [2]number
	for i, it := range v.Items {
		if it.Kind != jsontree.Number {
			r.report(vocab.FilterRange, item(ptr, i), it, "Each range of %s is [low, high], two numbers, and this bound is %s.", op.name, article(it.Kind))
			return rg, false
		}
		x, err := strconv.ParseFloat(it.Text, 64)
		if err != nil && !errors.Is(err, strconv.ErrRange) {
			r.report(vocab.FilterRange, item(ptr, i), it, "%s cannot read the number %s.", op.name, it.Text)
			return rg, false
		}
		rg[i] = number{x, it.Text}
	}
	if rg[0].v > rg[1].v {
		r.report(vocab.FilterRange, ptr, v, "The range [%s, %s] has its low bound above its high bound, so no number is in it: write [%s, %s].", rg[0].text, rg[1].text, rg[1].text, rg[0].text)
		return rg, false
	}
	return rg, true
}

// count counts one filter value toward MaxFilterValues, reporting the
// first past it.
func (r *reader) count(n *jsontree.Node, ptr string) {
	r.values++
	if r.values > vocab.MaxFilterValues && !r.over {
		r.over = true
		r.report(vocab.FilterTooManyValues, ptr, n,
			"This is filter value number %d: Event Grid allows %d values across all the advanced filters of a subscription (a single value and a range count one each). Use fewer values, e.g. StringBeginsWith on a shared prefix, or split the subscription.",
			r.values, vocab.MaxFilterValues)
	}
}

// syntaxDiagnostic turns a decoding failure into a located diagnostic.
func syntaxDiagnostic(err error) diag.Diagnostic {
	var se *jsontree.SyntaxError
	if errors.As(err, &se) {
		return diag.Diagnostic{
			Severity: se.Code.Severity(), Code: string(se.Code), Message: "The filter is not JSON: " + se.Msg, Event: -1,
			Pointer: se.Pointer, Line: se.Pos.Line, Column: se.Pos.Column,
			Offset: se.Pos.Offset, End: max(se.End, se.Pos.Offset),
		}
	}
	return diag.New(vocab.JSONSyntax, -1, "", nil, "The filter is not JSON: %s", err.Error())
}
