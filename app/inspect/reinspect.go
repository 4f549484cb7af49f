package inspect

import (
	"eventlens/app/diag"
	"eventlens/app/jsontree"
	"eventlens/app/schema"
	"eventlens/app/vocab"
	"eventlens/app/wire"
)

// NewJobAfter prepares the inspection of src, an edit of the text that
// prev (a report whose verdict is final) describes. When the edit lies
// inside one event of a batch, the Job decodes and checks that event
// alone, reuses the other events' checks with their places moved, and runs
// the checks across events again: its verdict then comes after a few
// milliseconds instead of a whole inspection. Otherwise it is NewJob(src).
// Either way its report is the one NewJob(src) gives.
//
// The Job takes prev over: once it has stepped, prev's tree belongs to the
// new report (jsontree.Reparse) and prev must not be used again. A nil
// prev is allowed.
func NewJobAfter(prev *Report, src []byte) *Job {
	j := NewJob(src)
	j.prev = prev
	return j
}

// Reinspect inspects src as an edit of the text prev describes, as
// NewJobAfter does, but only when the edit lies inside one event: it then
// returns the Job, already at its verdict when the other events' checks
// could be reused (else ready to check each event), and true. Otherwise it
// returns nil and false, does no more work than finding that out (a
// comparison of the two texts and a decoding of one event), and leaves
// prev as it was: inspect src with NewJob. When it returns true, prev must
// not be used again.
func Reinspect(prev *Report, src []byte) (*Job, bool) {
	j := NewJob(src)
	if prev == nil || !j.reinspect(prev) {
		return nil, false
	}
	for j.reuse && !j.Verdict() {
		j.work()
	}
	return j, true
}

// Reinspected reports whether the Job reused the checks of the events an
// edit left alone (NewJobAfter): known once Verdict says so.
func (j *Job) Reinspected() bool { return j.reuse }

// eventFamilies are the code families of the checks of one event alone
// (schema.ValidateEvent and lint.Checker.Event), which NewJobAfter reuses
// for the events an edit left alone. Decoding notes, form detection and
// the checks across events (BATCH) are run again.
var eventFamilies = map[string]bool{"SCH": true, "EG": true, "CE": true, "SR": true}

// reinspect decodes the edit of prev's text that j.src is, when it lies
// inside one event, and reuses the checks of the other events when their
// forms did not change. It reports whether it decoded j.src; when it did
// not, prev is left as it was and the text is decoded whole.
func (j *Job) reinspect(prev *Report) bool {
	if prev.Doc == nil || prev.Request != nil || len(j.src) > MaxBytes {
		return false
	}
	if _, ok := wire.Parse(j.src); ok {
		return false
	}
	doc, edit, ok := jsontree.Reparse(prev.Doc, j.src, jsontree.Options{MaxBytes: MaxBytes})
	if !ok {
		return false
	}
	j.decoded(doc)
	kept, ok := keptChecks(prev, j, edit)
	if !ok {
		return true // the events are checked again, one by one
	}
	for i := range j.res.Events {
		if i == edit.Item {
			ev := &j.res.Events[i]
			j.found.Add(merge(schema.ValidateEvent(*ev), j.lint.Event(ev))...)
			continue
		}
		j.found.Add(kept[i]...)
	}
	if j.found.Capped() {
		// Past the cap, which findings are listed depends on the order
		// the checks ran in: check every event again, as NewJob does.
		j.found = diag.Collector{}
		j.decoded(doc)
		return true
	}
	j.next, j.reuse, j.stage = len(j.res.Events), true, stageCheck
	return true
}

// keptChecks returns, for each event of the new report but the edited
// one, the findings of its own checks in prev, moved to their new places.
// ok is false when they cannot stand for a new check: the events or their
// forms changed, or prev's list was capped (it lacks findings then).
func keptChecks(prev *Report, j *Job, edit jsontree.Edit) (kept [][]diag.Diagnostic, ok bool) {
	evs := j.res.Events
	if len(evs) != len(prev.Events) || edit.Item < 0 || edit.Item >= len(evs) {
		return nil, false
	}
	for i := range evs {
		if e, p := evs[i], prev.Events[i]; e.Form != p.Form || e.Index != p.Index || e.Pointer != p.Pointer {
			return nil, false
		}
	}
	perCode := map[string]int{}
	for _, d := range prev.Diagnostics {
		if perCode[d.Code]++; perCode[d.Code] > vocab.MaxDiagnosticsPerCode {
			return nil, false
		}
	}
	kept = make([][]diag.Diagnostic, len(evs))
	for _, d := range prev.Diagnostics {
		f := vocab.FamilyOf(vocab.Code(d.Code))
		if f == nil || !eventFamilies[f.Prefix] || d.Event < 0 || d.Event >= len(evs) || d.Event == edit.Item {
			continue
		}
		if d.Event > edit.Item {
			d = moved(d, edit)
		}
		kept[d.Event] = append(kept[d.Event], d)
	}
	return kept, true
}

// moved returns d with its place and its fix's edits moved as edit moved
// the text after the edited event.
func moved(d diag.Diagnostic, edit jsontree.Edit) diag.Diagnostic {
	p := edit.Moved(jsontree.Pos{Offset: d.Offset, Line: d.Line, Column: d.Column})
	d.Offset, d.Line, d.Column = p.Offset, p.Line, p.Column
	d.End = edit.MovedOffset(d.End)
	if d.Fix != nil {
		f := *d.Fix
		f.Edits = make([]diag.Edit, len(d.Fix.Edits))
		for i, e := range d.Fix.Edits {
			f.Edits[i] = diag.Edit{Offset: edit.MovedOffset(e.Offset), End: edit.MovedOffset(e.End), Text: e.Text}
		}
		d.Fix = &f
	}
	return d
}
