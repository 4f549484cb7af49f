package filter

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"eventlens/app/detect"
	"eventlens/app/jsontree"
	"eventlens/app/vocab"
)

// Verdict is what the subscription does with one event.
type Verdict struct {
	Index     int    // the event's position in the payload
	ID        string // its id ("" when absent or not a string)
	Delivered bool
	// Clause names the clause that filtered the event out
	// ("includedEventTypes", "subjectBeginsWith", "subjectEndsWith",
	// "advancedFilters[2]", or "event" for an element that is not an
	// event); "" when the event is delivered.
	Clause string
	// Reasons says, clause by clause in the order they are evaluated, what
	// was compared and how it came out; the last one decided.
	Reasons []string
}

// Result is the verdict for every event of a payload.
type Result struct {
	Verdicts  []Verdict
	Delivered int // events delivered
	Filtered  int // events filtered out
}

// Summary says how many events pass: "2 of 3 events delivered, 1 filtered
// out".
func (r *Result) Summary() string {
	n := len(r.Verdicts)
	if n == 0 {
		return "No events to filter."
	}
	s := fmt.Sprintf("%d of %d %s delivered", r.Delivered, n, plural(n, "event", "events"))
	if r.Filtered > 0 {
		s += fmt.Sprintf(", %d filtered out", r.Filtered)
	}
	return s + "."
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Apply evaluates the filter against every event of a decoded payload (an
// Event Grid array, a CloudEvent, a CloudEvents batch).
func (f *Filter) Apply(root *jsontree.Node) *Result {
	res := detect.Detect(root)
	out := &Result{Verdicts: make([]Verdict, 0, len(res.Events))}
	for _, ev := range res.Events {
		v := f.Evaluate(ev.Node, ev.Form)
		v.Index = ev.Index
		out.Verdicts = append(out.Verdicts, v)
		if v.Delivered {
			out.Delivered++
		} else {
			out.Filtered++
		}
	}
	return out
}

// Evaluate tells whether the subscription delivers one event of the given
// form (detect.EventGrid or detect.CloudEvents; any other form is not an
// event Event Grid would accept).
func (f *Filter) Evaluate(ev *jsontree.Node, form detect.Form) Verdict {
	v := Verdict{}
	if ev != nil && ev.Kind == jsontree.Object {
		if id := ev.Get(vocab.ID); id != nil && id.Kind == jsontree.String {
			v.ID = id.Text
		}
	}
	if form != detect.EventGrid && form != detect.CloudEvents || ev == nil || ev.Kind != jsontree.Object {
		v.Clause = "event"
		v.Reasons = []string{"This element is not an Event Grid or CloudEvents event, so Event Grid would not accept it, let alone deliver it."}
		return v
	}
	pass := func(reason string) { v.Reasons = append(v.Reasons, reason) }
	fail := func(clause, reason string) Verdict {
		v.Clause = clause
		v.Reasons = append(v.Reasons, reason)
		return v
	}
	if f.IncludedEventTypes != nil {
		name := vocab.EventType
		if form == detect.CloudEvents {
			name = vocab.Type
		}
		t := ev.Get(name)
		if t == nil || t.Kind != jsontree.String {
			return fail(propIncludedEventTypes, fmt.Sprintf("includedEventTypes: the event has no %s string, so it is none of %s.", name, quoteList(f.IncludedEventTypes)))
		}
		if !inFold(t.Text, f.IncludedEventTypes) {
			return fail(propIncludedEventTypes, fmt.Sprintf("includedEventTypes: %s %s is none of %s.", name, show(t.Text), quoteList(f.IncludedEventTypes)))
		}
		pass(fmt.Sprintf("includedEventTypes: %s %s is listed.", name, show(t.Text)))
	}
	if f.SubjectBeginsWith != "" || f.SubjectEndsWith != "" {
		subject, has := "", false
		if s := ev.Get(vocab.Subject); s != nil && s.Kind == jsontree.String {
			subject, has = s.Text, true
		}
		what := "subject " + show(subject)
		if !has {
			what = "the event has no subject (read as \"\"), and \"\""
		}
		mode := "ignoring case"
		if f.IsSubjectCaseSensitive {
			mode = "case-sensitive"
		}
		check := func(prop, pattern, verb, not string, match func(s, p string) bool) (bool, string) {
			a, b := subject, pattern
			if !f.IsSubjectCaseSensitive {
				a, b = fold(a), fold(b)
			}
			if match(a, b) {
				return true, fmt.Sprintf("%s: %s %s %s (%s).", prop, what, verb, show(pattern), mode)
			}
			return false, fmt.Sprintf("%s: %s %s %s (%s).", prop, what, not, show(pattern), mode)
		}
		if f.SubjectBeginsWith != "" {
			ok, reason := check(propSubjectBeginsWith, f.SubjectBeginsWith, "begins with", "does not begin with", strings.HasPrefix)
			if !ok {
				return fail(propSubjectBeginsWith, reason)
			}
			pass(reason)
		}
		if f.SubjectEndsWith != "" {
			ok, reason := check(propSubjectEndsWith, f.SubjectEndsWith, "ends with", "does not end with", strings.HasSuffix)
			if !ok {
				return fail(propSubjectEndsWith, reason)
			}
			pass(reason)
		}
	}
	for i := range f.Advanced {
		a := &f.Advanced[i]
		clause := fmt.Sprintf("advancedFilters[%d]", a.Index)
		if !a.OK {
			pass(clause + ": skipped, since it is invalid (see the filter's diagnostics).")
			continue
		}
		ok, reason := a.eval(ev, form, f.EnableAdvancedFilteringOnArrays)
		reason = fmt.Sprintf("%s %s %s: %s", clause, a.Operator, a.Key, reason)
		if !ok {
			return fail(clause, reason)
		}
		pass(reason)
	}
	if len(v.Reasons) == 0 {
		v.Reasons = []string{"The filter has no clause, so every event is delivered."}
	}
	v.Delivered = true
	return v
}

// eval evaluates one advanced filter against an event.
func (a *Advanced) eval(ev *jsontree.Node, form detect.Form, arrays bool) (bool, string) {
	op := a.op
	n, missing := resolve(ev, a.Key, form)
	if n == nil || n.Kind == jsontree.Null {
		what := missing
		if n != nil {
			what = "the value is null, which counts as missing"
		}
		switch {
		case op.name == "IsNullOrUndefined":
			return true, what + ", so it matches."
		case op.name == "IsNotNull":
			return false, what + ", so it does not match."
		case op.missingMatches:
			return true, what + "; " + op.name + " matches a missing key."
		}
		return false, what + "; " + op.name + " does not match a missing key."
	}
	switch op.name {
	case "IsNullOrUndefined":
		return false, "the value is " + showNode(n) + ", not null, so it does not match."
	case "IsNotNull":
		return true, "the value is " + showNode(n) + ", so it matches."
	}
	values := []*jsontree.Node{n}
	inArray := false
	if n.Kind == jsontree.Array {
		if !arrays {
			return op.negated, fmt.Sprintf("the value is an array, and enableAdvancedFilteringOnArrays is off, so %s compares nothing: it %s.", op.name, matchWord(op.negated))
		}
		values, inArray = n.Items, true
	}
	want := op.kind()
	compared := 0
	for _, v := range values {
		if v.Kind != want {
			continue // values of another type are ignored (event-filtering docs)
		}
		compared++
		if operand, ok := a.match(v); ok {
			where := "the value " + showNode(v)
			if inArray {
				where = "the array's element " + showNode(v)
			}
			rel := op.verb + " " + operand
			if op.negated {
				return false, fmt.Sprintf("%s %s, so it does not match.", where, rel)
			}
			return true, fmt.Sprintf("%s %s, so it matches.", where, rel)
		}
	}
	if compared == 0 {
		what := "the value is " + showNode(n)
		if inArray {
			what = fmt.Sprintf("the array holds no %s", kindPlural(want))
		}
		return op.negated, fmt.Sprintf("%s, and %s compares %s only (other types are ignored), so it %s.", what, op.name, kindPlural(want), matchWord(op.negated))
	}
	what, rel := "the value "+showNode(n), op.none
	if inArray {
		what, rel = "no element of the array "+showNode(n), op.verb
	}
	return op.negated, fmt.Sprintf("%s %s %s, so it %s.", what, rel, a.operands(), matchWord(op.negated))
}

func matchWord(ok bool) string {
	if ok {
		return "matches"
	}
	return "does not match"
}

func kindPlural(k jsontree.Kind) string {
	switch k {
	case jsontree.Bool:
		return "booleans"
	case jsontree.String:
		return "strings"
	}
	return "numbers"
}

// match compares one value of the operator's type with the operands of
// the operator's positive form; it returns the operand that matched.
func (a *Advanced) match(v *jsontree.Node) (string, bool) {
	switch a.op.operand {
	case boolValue:
		if (v.Text == "true") == a.Bool {
			return strconv.FormatBool(a.Bool), true
		}
		return "", false
	case stringValues:
		s := fold(v.Text)
		for _, p := range a.Strings {
			q := fold(p)
			var ok bool
			switch a.op.name {
			case "StringContains", "StringNotContains":
				ok = strings.Contains(s, q)
			case "StringBeginsWith", "StringNotBeginsWith":
				ok = strings.HasPrefix(s, q)
			case "StringEndsWith", "StringNotEndsWith":
				ok = strings.HasSuffix(s, q)
			default:
				ok = s == q
			}
			if ok {
				return show(p) + " (ignoring case)", true
			}
		}
		return "", false
	}
	x, err := strconv.ParseFloat(v.Text, 64)
	if err != nil && x == 0 {
		return "", false
	}
	switch a.op.operand {
	case rangeValues:
		for _, r := range a.Ranges {
			if x >= r[0].v && x <= r[1].v {
				return "[" + r[0].text + ", " + r[1].text + "]", true
			}
		}
		return "", false
	case numberValues:
		for _, y := range a.Numbers {
			if x == y.v {
				return y.text, true
			}
		}
		return "", false
	}
	y := a.Numbers[0]
	var ok bool
	switch a.op.name {
	case "NumberLessThan":
		ok = x < y.v
	case "NumberGreaterThan":
		ok = x > y.v
	case "NumberLessThanOrEquals":
		ok = x <= y.v
	case "NumberGreaterThanOrEquals":
		ok = x >= y.v
	}
	return y.text, ok
}

// operands writes the operands for a reason.
func (a *Advanced) operands() string {
	switch a.op.operand {
	case boolValue:
		return strconv.FormatBool(a.Bool)
	case stringValues:
		return quoteList(a.Strings) + " (ignoring case)"
	case rangeValues:
		parts := make([]string, len(a.Ranges))
		for i, r := range a.Ranges {
			parts[i] = "[" + r[0].text + ", " + r[1].text + "]"
		}
		return strings.Join(parts, ", ")
	case numberValue:
		return a.Numbers[0].text
	}
	parts := make([]string, len(a.Numbers))
	for i, y := range a.Numbers {
		parts[i] = y.text
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// resolve finds the value a key names in an event: its segments are
// matched with the event's members exactly, or else ignoring case (Azure's
// docs write keys as "Subject", "Data.Key1", "ID"). It returns nil and why
// when the key names nothing.
func resolve(ev *jsontree.Node, key string, form detect.Form) (*jsontree.Node, string) {
	segs := strings.Split(key, ".")
	n := ev
	for i, s := range segs {
		path := strings.Join(segs[:i+1], ".")
		if n.Kind == jsontree.Array {
			return nil, fmt.Sprintf("the event has no %s: %s is an array, and Event Grid does not filter inside arrays of objects", key, strings.Join(segs[:i], "."))
		}
		if n.Kind != jsontree.Object {
			return nil, fmt.Sprintf("the event has no %s: %s is %s", key, strings.Join(segs[:i], "."), article(n.Kind))
		}
		m := member(n, s)
		if m == nil {
			why := fmt.Sprintf("the event has no %s", path)
			if path != key {
				why = fmt.Sprintf("the event has no %s (no %s)", key, path)
			}
			if i == 0 {
				why += otherFormHint(ev, s, form)
			}
			return nil, why
		}
		n = m.Value
	}
	return n, ""
}

// otherFormHint names the attribute of the event's own form when a key
// uses the other form's name ("eventType" on a CloudEvent).
func otherFormHint(ev *jsontree.Node, name string, form detect.Form) string {
	for _, a := range vocab.Attributes {
		mine, theirs := a.EventGrid, a.CloudEvents
		if form == detect.CloudEvents {
			mine, theirs = theirs, mine
		}
		if theirs != "" && mine != "" && !strings.EqualFold(mine, theirs) && strings.EqualFold(name, theirs) && member(ev, mine) != nil {
			return fmt.Sprintf(" (%s is the %s name; this %s event calls it %s)", theirs, otherForm(form).Title(), form.Title(), mine)
		}
	}
	return ""
}

func otherForm(f detect.Form) detect.Form {
	if f == detect.EventGrid {
		return detect.CloudEvents
	}
	return detect.EventGrid
}

// fold maps a string for comparisons that ignore case: each character to
// its simple upper case, as .NET's ordinal case-insensitive comparisons do.
func fold(s string) string { return strings.ToUpper(s) }

// inFold reports whether s is in list, ignoring case.
func inFold(s string, list []string) bool {
	for _, t := range list {
		if strings.EqualFold(s, t) {
			return true
		}
	}
	return false
}

// maxShown is how many characters of a value a reason quotes.
const maxShown = 80

// show quotes a string for a reason, shortened past maxShown characters.
func show(s string) string {
	if utf8.RuneCountInString(s) > maxShown {
		r := []rune(s)
		s = string(r[:maxShown]) + "…"
	}
	return strconv.Quote(s)
}

// quoteList writes strings as a JSON-like list: ["a", "b"].
func quoteList(list []string) string {
	parts := make([]string, len(list))
	for i, s := range list {
		parts[i] = show(s)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// showNode writes a value for a reason: scalars as JSON, objects and
// arrays by kind and size.
func showNode(n *jsontree.Node) string {
	switch n.Kind {
	case jsontree.String:
		return show(n.Text)
	case jsontree.Number, jsontree.Bool:
		return n.Text
	case jsontree.Null:
		return "null"
	case jsontree.Array:
		if len(n.Items) <= 5 {
			parts := make([]string, 0, len(n.Items))
			for _, it := range n.Items {
				if it.Kind == jsontree.Object || it.Kind == jsontree.Array {
					return fmt.Sprintf("(an array of %d)", len(n.Items))
				}
				parts = append(parts, showNode(it))
			}
			return "[" + strings.Join(parts, ", ") + "]"
		}
		return fmt.Sprintf("(an array of %d)", len(n.Items))
	}
	return "an object"
}
