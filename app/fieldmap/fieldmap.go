// Package fieldmap lays out how one event's attributes map between the
// Event Grid schema and CloudEvents 1.0, from a conversion's list of
// changes: which attributes were kept as they are, renamed, dropped, added,
// carried as extensions, and which could not be carried at all.
package fieldmap

import (
	"eventlens/app/convert"
	"eventlens/app/detect"
	"eventlens/app/jsontree"
	"eventlens/app/vocab"
)

// Same marks an attribute copied unchanged (same name, same value), the
// table's vocab.Same.
const Same = vocab.Same

// Row is one attribute, with its Event Grid name on the left and its
// CloudEvents name on the right ("" where that form has none).
type Row struct {
	EventGrid   string             // attribute name in the Event Grid event
	CloudEvents string             // attribute name in the CloudEvents event
	Kind        convert.ChangeKind // Same, or the conversion's change kind
	Value       string             // the value concerned (minified JSON), when known
	Note        string             // why, in words
}

// Lost reports whether the row names an attribute the conversion could not
// carry, or one the converted event needs and lacks.
func (r Row) Lost() bool { return r.Kind == convert.Lost || r.Kind == convert.Missing }

// Rows returns the mapping of event index of a payload whose own form is
// from (EventGrid or CloudEvents), given the conversion's changes and the
// source event (which may be nil). Rows follow the source event's key
// order; attributes the conversion added or misses come last.
func Rows(from detect.Form, index int, changes []convert.Change, event *jsontree.Node) []Row {
	egFirst := from != detect.CloudEvents
	row := func(c convert.Change, kind convert.ChangeKind) Row {
		r := Row{Kind: kind, Value: c.Value, Note: c.Note}
		src, dst := c.From, c.To
		switch kind {
		case convert.Dropped, convert.Lost:
			dst = ""
		case convert.Added:
			src = ""
		case convert.Missing:
			src = ""
			if dst == "" {
				dst = c.From
			}
		}
		if egFirst {
			r.EventGrid, r.CloudEvents = src, dst
		} else {
			r.EventGrid, r.CloudEvents = dst, src
		}
		return r
	}
	byFrom := map[string][]convert.Change{}
	var tail []Row
	for _, c := range changes {
		if c.Event != index {
			continue
		}
		if c.From != "" && c.Kind != convert.Missing {
			byFrom[c.From] = append(byFrom[c.From], c)
		} else {
			tail = append(tail, row(c, c.Kind))
		}
	}
	var rows []Row
	seen := map[string]bool{}
	if event != nil && event.Kind == jsontree.Object {
		for _, m := range event.Members {
			if seen[m.Key] {
				continue
			}
			seen[m.Key] = true
			cs := byFrom[m.Key]
			if len(cs) == 0 {
				c := convert.Change{From: m.Key, To: m.Key, Value: string(jsontree.Minify(m.Value))}
				rows = append(rows, row(c, Same))
				continue
			}
			for _, c := range cs {
				rows = append(rows, row(c, c.Kind))
			}
		}
	}
	// Changes naming keys the event does not have (or no event given).
	for _, c := range changes {
		if c.Event == index && c.From != "" && c.Kind != convert.Missing && !seen[c.From] {
			rows = append(rows, row(c, c.Kind))
		}
	}
	return append(rows, tail...)
}

// Payload returns the changes that concern the payload as a whole (such as
// a single event wrapped into an array).
func Payload(changes []convert.Change) []convert.Change {
	var out []convert.Change
	for _, c := range changes {
		if c.Event < 0 {
			out = append(out, c)
		}
	}
	return out
}
