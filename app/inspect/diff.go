package inspect

import (
	"slices"

	"eventlens/app/convert"
	"eventlens/app/detect"
	"eventlens/app/diag"
	"eventlens/app/jsondiff"
	"eventlens/app/jsontree"
	"eventlens/app/vocab"
)

// Side is one of the two payloads of a comparison, as compared.
type Side struct {
	// Text is the side pretty-printed as compared: the payload itself, or
	// its CloudEvents form in semantic mode.
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
	Semantic bool // both sides were compared as CloudEvents
	// Equal says both sides compared and hold the same values; events of
	// a batch (matched by id) may still be in another order: Reordered.
	Equal     bool
	Reordered bool              // some events of a batch changed position (Move changes)
	Changes   []jsondiff.Change // from the left payload to the right one
	Patch     []byte            // the changes as an RFC 6902 JSON Patch
	Left      Side
	Right     Side
}

// Diff compares payload a (left) with b (right). In semantic mode both are
// first converted to CloudEvents, so an Event Grid payload and its
// CloudEvents twin compare equal.
func Diff(a, b []byte, semantic bool) *DiffReport {
	return NewDiffJob(a, b, semantic).Run()
}

// decodeSide decodes one payload; on a syntax error it fills s's
// diagnostics and reports false.
func decodeSide(src []byte, s *Side) (*jsontree.Node, bool) {
	doc, err := jsontree.Parse(src, jsontree.Options{MaxBytes: MaxBytes})
	if err != nil {
		s.Diagnostics = []diag.Diagnostic{syntaxDiagnostic(err)}
		return nil, false
	}
	return doc.Root, true
}

// convertSide returns root in CloudEvents form, as a batch (semantic mode);
// when it has none it fills s's diagnostics and reports false.
func convertSide(root *jsontree.Node, s *Side) (*jsontree.Node, bool) {
	res := detect.Detect(root)
	switch res.Form {
	case detect.EventGrid:
		conv, err := convert.ToCloudEvents(root)
		if err != nil {
			s.Diagnostics = []diag.Diagnostic{diag.New(vocab.DiffConvert, -1, "", nil, "cannot compare as CloudEvents: %s", err)}
			return nil, false
		}
		root = conv.Root
	case detect.CloudEvents:
		// Already CloudEvents.
	default:
		s.Diagnostics = []diag.Diagnostic{diag.New(vocab.DiffNotEvents, -1, "", nil,
			"cannot compare as CloudEvents: %s; turn the semantic mode off to compare it as plain JSON", notEvents(res.Form))}
		return nil, false
	}
	return asBatch(root), true
}

// notEvents says why a payload of form f has no CloudEvents form.
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
	size := jsontree.PrettyLen(root)
	if size > MaxPrettyBytes {
		return jsontree.Minify(root), true
	}
	return jsontree.AppendPretty(make([]byte, 0, size), root), false
}

// sideLines returns the sorted 1-based lines of one side's text (the old
// document's when old is set, else the new one's) that the changes touch:
// lines of Pretty(root), found from the tree by jsontree.LineIndex so the
// text is not decoded again, or line 1 of a minified side.
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
		for line := first; line <= last; line++ {
			out = append(out, line)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
