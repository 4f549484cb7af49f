package inspect

import (
	"slices"
	"strconv"
	"strings"

	"eventlens/app/convert"
	"eventlens/app/detect"
	"eventlens/app/diag"
	"eventlens/app/jsondiff"
	"eventlens/app/jsontree"
	"eventlens/app/vocab"
	"eventlens/app/wire"
)

// Side is one of the two payloads of a comparison, as compared.
type Side struct {
	// Text is the side pretty-printed as compared: the payload itself, or
	// in semantic mode its events as compared (as CloudEvents, or in Event
	// Grid form when both sides are Event Grid).
	Text []byte
	// Minified says Text is minified instead, on one line: indenting the
	// side would have made it larger than MaxPrettyBytes (as Inspect's
	// Report.Minified).
	Minified bool
	// Lines lists the 1-based lines of Text that a change touches.
	Lines []int
	// Diagnostics explains why the side could not be compared (it does not
	// decode, or in semantic mode cannot be converted); empty otherwise.
	Diagnostics []diag.Diagnostic
}

// DiffReport is the comparison of two payloads.
type DiffReport struct {
	// Semantic: both sides were compared as events: as CloudEvents, or,
	// when both are Event Grid, in Event Grid form (see convertSide).
	Semantic bool
	// Equal says both sides compared and hold the same values; events of
	// a batch (matched by id) may still be in another order: Reordered.
	Equal     bool
	Reordered bool              // some events of a batch changed position (Move changes)
	Changes   []jsondiff.Change // from the left payload to the right one
	Patch     []byte            // the changes as an RFC 6902 JSON Patch
	Left      Side
	Right     Side
	// Pairs lists the values replaced by another value on one line of
	// each side (a string, number, boolean or null replaced by another),
	// with those lines, so a view can mark the characters that differ
	// (app/textdiff); at most MaxLinePairs, none for a minified side.
	Pairs []LinePair
	// Moves lists the events that only changed position (Move changes),
	// with the first line of each on both sides, so a view can mark them
	// apart from changed lines; those first lines are in the sides' Lines,
	// the rest of a moved event's lines only when its content changed too.
	// At most MaxLinePairs, none for a minified side.
	Moves []LineMove
}

// LineMove is an event of a batch that changed position: its 0-based
// index in the left side's array and in the right side's, and its first
// 1-based line in each side's Text.
type LineMove struct {
	From, To    int
	Left, Right int
}

// Label says where the event moved, with the page's event numbers:
// "moved from #0 to #2".
func (m LineMove) Label() string {
	return "moved from #" + strconv.Itoa(m.From) + " to #" + strconv.Itoa(m.To)
}

// LinePair is a value replaced by another: its 1-based line in the left
// side's Text and the new value's in the right side's.
type LinePair struct{ Left, Right int }

// MaxLinePairs caps DiffReport.Pairs: a view marks no more lines than
// that inside.
const MaxLinePairs = 500

// Diff compares payload a (left) with b (right). In semantic mode both are
// compared as events, so an Event Grid payload and its CloudEvents twin
// compare equal, and nothing a receiver could observe is hidden (see
// convertSide): two Event Grid payloads are compared in Event Grid form,
// any other pair as CloudEvents.
func Diff(a, b []byte, semantic bool) *DiffReport {
	return NewDiffJob(a, b, semantic).Run()
}

// decodeSide decodes one payload; on a syntax error it fills s's
// diagnostics and reports false.
func decodeSide(src []byte, s *Side) (*jsontree.Node, bool) {
	if len(src) <= MaxBytes {
		if req, ok := wire.Parse(src); ok {
			src = payloadOf(req) // an HTTP request: compare what it delivers
		}
	}
	doc, err := jsontree.Parse(src, jsontree.Options{MaxBytes: MaxBytes})
	if err != nil {
		s.Diagnostics = []diag.Diagnostic{syntaxDiagnostic(err)}
		return nil, false
	}
	return doc.Root, true
}

// formOf returns the form of a decoded side (Unknown when it did not
// decode), for semantic mode.
func formOf(root *jsontree.Node, ok bool) detect.Form {
	if !ok {
		return detect.Unknown
	}
	return detect.Detect(root).Form
}

// convertSide returns root, of form f, as compared in semantic mode, as a
// batch; other is the other side's decoded root, of form otherForm. When
// it has no events form it fills s's diagnostics and reports false.
//
// A semantic comparison never hides what a receiver could observe:
//   - two Event Grid payloads are compared in Event Grid form, so that a
//     change of dataVersion or metadataVersion (which have no CloudEvents
//     counterpart and which the conversion drops) shows;
//   - otherwise an Event Grid side is converted to CloudEvents; when the
//     CloudEvents side carries Azure's dataschema "#<dataVersion>", the
//     Event Grid side's dataVersion is written that way too, so a
//     different version shows as a different dataschema;
//   - CloudEvents sides are compared as they are (extensions, dataschema
//     and all).
func convertSide(root *jsontree.Node, f, otherForm detect.Form, other *jsontree.Node, s *Side) (*jsontree.Node, bool) {
	switch f {
	case detect.EventGrid:
		if otherForm == detect.EventGrid {
			break // both Event Grid: compare them as they are
		}
		conv, err := convert.ToCloudEvents(root)
		if err != nil {
			s.Diagnostics = []diag.Diagnostic{diag.New(vocab.DiffConvert, -1, "", nil, "cannot compare as CloudEvents: %s", err)}
			return nil, false
		}
		if otherForm == detect.CloudEvents && usesVersionSchema(other) {
			return versionAsDataSchema(asBatch(root), asBatch(conv.Root)), true
		}
		root = conv.Root
	case detect.CloudEvents:
		// Already CloudEvents.
	default:
		s.Diagnostics = []diag.Diagnostic{diag.New(vocab.DiffNotEvents, -1, "", nil,
			"cannot compare as CloudEvents: %s; turn the semantic mode off to compare it as plain JSON", notEvents(f))}
		return nil, false
	}
	return asBatch(root), true
}

// usesVersionSchema reports whether an event of a CloudEvents payload
// carries Azure's dataschema "#<dataVersion>".
func usesVersionSchema(root *jsontree.Node) bool {
	for _, ev := range asBatch(root).Items {
		if ds := ev.Get(vocab.DataSchema); ds != nil && ds.Kind == jsontree.String && strings.HasPrefix(ds.Text, "#") {
			return true
		}
	}
	return false
}

// versionAsDataSchema returns the converted events ce of the Event Grid
// events eg with each event's string dataVersion written as dataschema
// "#<dataVersion>", as Azure writes it, unless the event has a dataschema
// already. The converted events are copied, not modified.
func versionAsDataSchema(eg, ce *jsontree.Node) *jsontree.Node {
	out := &jsontree.Node{Kind: jsontree.Array, Items: make([]*jsontree.Node, len(ce.Items))}
	for i, ev := range ce.Items {
		out.Items[i] = ev
		if i >= len(eg.Items) || ev.Kind != jsontree.Object || ev.Get(vocab.DataSchema) != nil {
			continue
		}
		v := eg.Items[i].Get(vocab.DataVersion)
		if v == nil || v.Kind != jsontree.String {
			continue
		}
		cp := *ev
		cp.Members = append(slices.Clip(ev.Members), jsontree.Member{Key: vocab.DataSchema,
			Value: &jsontree.Node{Kind: jsontree.String, Text: "#" + v.Text}})
		out.Items[i] = &cp
	}
	return out
}

// notEvents says why a payload of form f cannot be compared semantically.
func notEvents(f detect.Form) string {
	if f == detect.Handshake {
		return "a subscription-validation handshake has no CloudEvents form"
	}
	return "this payload is not Event Grid or CloudEvents events"
}

// asBatch wraps a single event in an array so that a single CloudEvent and
// a batch of one compare equal.
func asBatch(root *jsontree.Node) *jsontree.Node {
	if root.Kind == jsontree.Array {
		return root
	}
	return &jsontree.Node{Kind: jsontree.Array, Items: []*jsontree.Node{root}}
}

// prettyCapped returns root pretty-printed, or minified when indenting it
// would pass MaxPrettyBytes (deep nesting multiplies the indentation), and
// whether it is minified.
func prettyCapped(root *jsontree.Node) ([]byte, bool) {
	return jsontree.PrettyOrMinify(root, MaxPrettyBytes)
}

// sideLines returns the sorted 1-based lines of one side's text (the old
// document's when old is set, else the new one's) that the changes touch:
// lines of Pretty(root), found from the tree by jsontree.LineIndex so the
// text is not decoded again, or line 1 of a minified side. Of an event
// that moved (a Move) only the first line is taken: moving is not a change
// of its content, which its own changes, if any, mark.
func sideLines(root *jsontree.Node, changes []jsondiff.Change, old, minified bool) []int {
	x := jsontree.NewLineIndex(root)
	var out []int
	for _, c := range changes {
		pointer := c.Path
		if old {
			if c.Op == jsondiff.Add {
				continue
			}
			pointer = c.OldPath
		} else if c.Op == jsondiff.Remove {
			continue
		}
		if minified {
			return []int{1}
		}
		first, last, ok := x.Span(pointer)
		if !ok {
			continue
		}
		if c.Op == jsondiff.Move {
			last = first
		}
		for line := first; line <= last; line++ {
			out = append(out, line)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// linePairs returns the lines of the scalar values the changes replace,
// in the left side's Pretty(ra) and the right side's Pretty(rb).
func linePairs(ra, rb *jsontree.Node, changes []jsondiff.Change) []LinePair {
	var xa, xb *jsontree.LineIndex
	var out []LinePair
	for _, c := range changes {
		if c.Op != jsondiff.Replace || c.Old == nil || c.New == nil || container(c.Old) || container(c.New) {
			continue
		}
		if xa == nil {
			xa, xb = jsontree.NewLineIndex(ra), jsontree.NewLineIndex(rb)
		}
		l, _, okL := xa.Span(c.OldPath)
		r, _, okR := xb.Span(c.Path)
		if okL && okR {
			out = append(out, LinePair{Left: l, Right: r})
			if len(out) == MaxLinePairs {
				break
			}
		}
	}
	return out
}

// lineMoves returns the events the changes move, with their positions and
// their first lines in the left side's Pretty(ra) and the right side's
// Pretty(rb).
func lineMoves(ra, rb *jsontree.Node, changes []jsondiff.Change) []LineMove {
	var xa, xb *jsontree.LineIndex
	var out []LineMove
	for _, c := range changes {
		if c.Op != jsondiff.Move {
			continue
		}
		from, okF := lastIndex(c.OldPath)
		to, okT := lastIndex(c.Path)
		if !okF || !okT {
			continue
		}
		if xa == nil {
			xa, xb = jsontree.NewLineIndex(ra), jsontree.NewLineIndex(rb)
		}
		l, _, okL := xa.Span(c.OldPath)
		r, _, okR := xb.Span(c.Path)
		if okL && okR {
			out = append(out, LineMove{From: from, To: to, Left: l, Right: r})
			if len(out) == MaxLinePairs {
				break
			}
		}
	}
	return out
}

// lastIndex returns the array index that ends a JSON pointer.
func lastIndex(pointer string) (int, bool) {
	i := strings.LastIndexByte(pointer, '/')
	if i < 0 {
		return 0, false
	}
	n, err := strconv.Atoi(pointer[i+1:])
	return n, err == nil && n >= 0
}

// container reports whether n is an object or an array.
func container(n *jsontree.Node) bool {
	return n.Kind == jsontree.Object || n.Kind == jsontree.Array
}

// Summary says in a few words what the comparison found, counting the
// events that only moved apart from the changes: "No differences",
// "3 differences", "No changes; 2 events moved", "3 changes; 1 event
// moved". It is meant for a comparison whose sides both compared.
func (r *DiffReport) Summary() string {
	moved := 0
	for _, c := range r.Changes {
		if c.Op == jsondiff.Move {
			moved++
		}
	}
	changed := len(r.Changes) - moved
	if moved == 0 {
		if changed == 0 {
			return "No differences"
		}
		return strconv.Itoa(changed) + " " + plural(changed, "difference", "differences")
	}
	s := "No changes"
	if changed > 0 {
		s = strconv.Itoa(changed) + " " + plural(changed, "change", "changes")
	}
	return s + "; " + strconv.Itoa(moved) + " " + plural(moved, "event", "events") + " moved"
}
