package filter

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"eventlens/app/catalog"
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
// Event Grid array, a CloudEvent, a CloudEvents batch), with the reasons of
// every verdict.
func (f *Filter) Apply(root *jsontree.Node) *Result { return f.ApplyExplaining(root, -1) }

// ApplyExplaining evaluates the filter like Apply, but writes the reasons
// of the first n verdicts only (all of them when n < 0): the others have
// their verdict and clause, and no reasons. Writing reasons is most of the
// work, and a page lists only the first events of a large batch.
func (f *Filter) ApplyExplaining(root *jsontree.Node, n int) *Result {
	if root == nil {
		return &Result{}
	}
	r := f.Start(detect.Detect(root).Events, n)
	r.Step(-1)
	return r.Result()
}

// Run is an evaluation of a filter against a payload's events done a few
// events at a time (Step), so that a page can draw between them.
type Run struct {
	f       *Filter
	events  []detect.Event
	explain int // the verdicts with reasons: the first explain (all when < 0)
	res     Result
}

// Start begins the evaluation of the filter against events (as
// detect.Detect finds them), with the reasons of the first n verdicts only
// (all when n < 0), as ApplyExplaining. Step does the work.
func (f *Filter) Start(events []detect.Event, n int) *Run {
	return &Run{f: f, events: events, explain: n, res: Result{Verdicts: make([]Verdict, 0, len(events))}}
}

// Step evaluates events until budget has passed (at least one event; all
// of them when budget < 0) and reports whether every event is evaluated.
func (r *Run) Step(budget time.Duration) bool {
	start, first := time.Now(), len(r.res.Verdicts)
	for i := first; i < len(r.events); i++ {
		if budget >= 0 && i > first && i%16 == 0 && time.Since(start) >= budget {
			break
		}
		ev := r.events[i]
		v := r.f.evaluate(ev.Node, ev.Form, r.explain < 0 || i < r.explain)
		v.Index = ev.Index
		r.res.Verdicts = append(r.res.Verdicts, v)
		if v.Delivered {
			r.res.Delivered++
		} else {
			r.res.Filtered++
		}
	}
	return r.Done()
}

// Done reports whether every event is evaluated.
func (r *Run) Done() bool { return len(r.res.Verdicts) == len(r.events) }

// Progress returns how many events are evaluated, and how many there are.
func (r *Run) Progress() (done, total int) { return len(r.res.Verdicts), len(r.events) }

// Result returns the verdicts so far: all of them once Done.
func (r *Run) Result() *Result { return &r.res }

// Evaluate tells whether the subscription delivers one event of the given
// form (detect.EventGrid or detect.CloudEvents; any other form is not an
// event Event Grid would accept), and why.
func (f *Filter) Evaluate(ev *jsontree.Node, form detect.Form) Verdict {
	return f.evaluate(ev, form, true)
}

// reason writes a reason when it is asked for.
type reason func() string

func (f *Filter) evaluate(ev *jsontree.Node, form detect.Form, explain bool) Verdict {
	v := Verdict{}
	if ev != nil && ev.Kind == jsontree.Object {
		if id := ev.Get(vocab.ID); id != nil && id.Kind == jsontree.String {
			v.ID = id.Text
		}
	}
	pass := func(why reason) {
		if explain {
			v.Reasons = append(v.Reasons, why())
		}
	}
	fail := func(clause string, why reason) Verdict {
		v.Clause = clause
		pass(why)
		return v
	}
	if form != detect.EventGrid && form != detect.CloudEvents || ev == nil || ev.Kind != jsontree.Object {
		return fail("event", func() string {
			return "This element is not an Event Grid or CloudEvents event, so Event Grid would not accept it, let alone deliver it."
		})
	}
	if t := ev.Get(vocab.EventType); form == detect.EventGrid && t != nil && t.Kind == jsontree.String && t.Text == catalog.Validation {
		v.Delivered = true
		pass(func() string {
			return "A subscription-validation event is sent to the endpoint when the subscription is created or updated, whatever its filter."
		})
		return v
	}
	if f.IncludedEventTypes != nil {
		name := vocab.EventType
		if form == detect.CloudEvents {
			name = vocab.Type
		}
		t := ev.Get(name)
		if t == nil || t.Kind != jsontree.String {
			return fail(propIncludedEventTypes, func() string {
				return fmt.Sprintf("includedEventTypes: the event has no %s string, so it is none of %s.", name, quoteList(f.IncludedEventTypes))
			})
		}
		if !inFold(t.Text, f.IncludedEventTypes) {
			return fail(propIncludedEventTypes, func() string {
				return fmt.Sprintf("includedEventTypes: %s %s is none of %s.", name, show(t.Text), quoteList(f.IncludedEventTypes))
			})
		}
		pass(func() string { return fmt.Sprintf("includedEventTypes: %s %s is listed.", name, show(t.Text)) })
	}
	if f.SubjectBeginsWith != "" || f.SubjectEndsWith != "" {
		subject, has := "", false
		if s := ev.Get(vocab.Subject); s != nil && s.Kind == jsontree.String {
			subject, has = s.Text, true
		}
		check := func(prop, pattern, verb, not string, match func(s, p string) bool) (bool, reason) {
			a, b := subject, pattern
			if !f.IsSubjectCaseSensitive {
				a, b = fold(a), fold(b)
			}
			ok := match(a, b)
			return ok, func() string {
				what := "subject " + show(subject)
				if !has {
					what = "the event has no subject (read as \"\"), and \"\""
				}
				mode := "ignoring case"
				if f.IsSubjectCaseSensitive {
					mode = "case-sensitive"
				}
				rel := verb
				if !ok {
					rel = not
				}
				return fmt.Sprintf("%s: %s %s %s (%s).", prop, what, rel, show(pattern), mode)
			}
		}
		if f.SubjectBeginsWith != "" {
			ok, why := check(propSubjectBeginsWith, f.SubjectBeginsWith, "begins with", "does not begin with", strings.HasPrefix)
			if !ok {
				return fail(propSubjectBeginsWith, why)
			}
			pass(why)
		}
		if f.SubjectEndsWith != "" {
			ok, why := check(propSubjectEndsWith, f.SubjectEndsWith, "ends with", "does not end with", strings.HasSuffix)
			if !ok {
				return fail(propSubjectEndsWith, why)
			}
			pass(why)
		}
	}
	for i := range f.Advanced {
		a := &f.Advanced[i]
		if !a.OK || a.op == nil {
			pass(func() string {
				return fmt.Sprintf("advancedFilters[%d]: skipped, since it is invalid (see the filter's diagnostics).", a.Index)
			})
			continue
		}
		ok, why := a.eval(ev, form, f.EnableAdvancedFilteringOnArrays)
		full := func() string { return fmt.Sprintf("advancedFilters[%d] %s %s: %s", a.Index, a.Operator, a.Key, why()) }
		if !ok {
			return fail(fmt.Sprintf("advancedFilters[%d]", a.Index), full)
		}
		pass(full)
	}
	if explain && len(v.Reasons) == 0 {
		v.Reasons = []string{"The filter has no clause, so every event is delivered."}
	}
	v.Delivered = true
	return v
}

// eval evaluates one advanced filter against an event.
func (a *Advanced) eval(ev *jsontree.Node, form detect.Form, arrays bool) (bool, reason) {
	op := a.op
	n, missing := resolve(ev, a.segs, form)
	if n == nil || n.Kind == jsontree.Null {
		what := func() string {
			if n != nil {
				return "the value is null, which counts as missing"
			}
			return missing()
		}
		switch {
		case op.name == "IsNullOrUndefined":
			return true, func() string { return what() + ", so it matches." }
		case op.name == "IsNotNull":
			return false, func() string { return what() + ", so it does not match." }
		case op.missingMatches:
			return true, func() string { return what() + "; " + op.name + " matches a missing key." }
		}
		return false, func() string { return what() + "; " + op.name + " does not match a missing key." }
	}
	switch op.name {
	case "IsNullOrUndefined":
		return false, func() string { return "the value is " + showNode(n) + ", not null, so it does not match." }
	case "IsNotNull":
		return true, func() string { return "the value is " + showNode(n) + ", so it matches." }
	}
	values := []*jsontree.Node{n}
	inArray := false
	if n.Kind == jsontree.Array {
		if !arrays {
			return op.negated, func() string {
				return fmt.Sprintf("the value is an array, and enableAdvancedFilteringOnArrays is off, so %s compares nothing: it %s.", op.name, matchWord(op.negated))
			}
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
		if i, ok := a.match(v); ok {
			return !op.negated, func() string {
				where := "the value " + showNode(v)
				if inArray {
					where = "the array's element " + showNode(v)
				}
				return fmt.Sprintf("%s %s %s, so it %s.", where, op.verb, a.operand(i), matchWord(!op.negated))
			}
		}
	}
	if compared == 0 {
		return op.negated, func() string {
			what := "the value is " + showNode(n)
			if inArray {
				what = fmt.Sprintf("the array holds no %s", kindPlural(want))
			}
			return fmt.Sprintf("%s, and %s compares %s only (other types are ignored), so it %s.", what, op.name, kindPlural(want), matchWord(op.negated))
		}
	}
	return op.negated, func() string {
		what, rel := "the value "+showNode(n), op.none
		if inArray {
			what, rel = "no element of the array "+showNode(n), op.verb
		}
		return fmt.Sprintf("%s %s %s, so it %s.", what, rel, a.operands(), matchWord(op.negated))
	}
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
// the operator's positive form; it returns the index of the operand that
// matched (0 for a single operand).
func (a *Advanced) match(v *jsontree.Node) (int, bool) {
	switch a.op.operand {
	case boolValue:
		return 0, (v.Text == "true") == a.Bool
	case stringValues:
		s := fold(v.Text)
		for i, q := range a.folded {
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
				return i, true
			}
		}
		return 0, false
	}
	x, err := strconv.ParseFloat(v.Text, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, false // not a number jsontree lets through; never happens
	}
	switch a.op.operand {
	case rangeValues:
		for i, r := range a.Ranges {
			if x >= r[0].v && x <= r[1].v {
				return i, true
			}
		}
		return 0, false
	case numberValues:
		for i, y := range a.Numbers {
			if x == y.v {
				return i, true
			}
		}
		return 0, false
	}
	y := a.Numbers[0].v
	switch a.op.name {
	case "NumberLessThan":
		return 0, x < y
	case "NumberGreaterThan":
		return 0, x > y
	case "NumberLessThanOrEquals":
		return 0, x <= y
	}
	return 0, x >= y // NumberGreaterThanOrEquals
}

// operand writes operand i for a reason.
func (a *Advanced) operand(i int) string {
	switch a.op.operand {
	case boolValue:
		return strconv.FormatBool(a.Bool)
	case stringValues:
		return show(a.Strings[i]) + " (ignoring case)"
	case rangeValues:
		return "[" + a.Ranges[i][0].text + ", " + a.Ranges[i][1].text + "]"
	}
	return a.Numbers[i].text
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

// resolve finds the value a key (split at its dots) names in an event: its
// segments are matched with the event's members exactly, or else ignoring
// case (Azure's docs write keys as "Subject", "Data.Key1", "ID"). When the
// key names nothing, it returns nil and a reason that says why.
func resolve(ev *jsontree.Node, segs []string, form detect.Form) (*jsontree.Node, reason) {
	key := func() string { return strings.Join(segs, ".") }
	n := ev
	for i, s := range segs {
		parent := n
		if n.Kind == jsontree.Array {
			return nil, func() string {
				return fmt.Sprintf("the event has no %s: %s is an array, and Event Grid does not filter inside arrays of objects", key(), strings.Join(segs[:i], "."))
			}
		}
		if n.Kind != jsontree.Object {
			return nil, func() string {
				return fmt.Sprintf("the event has no %s: %s is %s", key(), strings.Join(segs[:i], "."), article(parent.Kind))
			}
		}
		m := member(n, s)
		if m == nil {
			return nil, func() string {
				path := strings.Join(segs[:i+1], ".")
				why := fmt.Sprintf("the event has no %s", path)
				if i < len(segs)-1 {
					why = fmt.Sprintf("the event has no %s (no %s)", key(), path)
				}
				if i == 0 {
					why += otherFormHint(ev, s, form)
				}
				return why
			}
		}
		n = m.Value
	}
	return n, nil
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
