package inspect

import (
	"time"

	"eventlens/app/detect"
	"eventlens/app/jsondiff"
	"eventlens/app/jsontree"
)

// DiffJob is a comparison run in steps, so that a caller on a single thread
// (the browser's) can share the work out over time and stay responsive:
// each Step does a bounded amount of work and returns. Two batches of
// events are compared a few events at a time. Diff is a DiffJob run to the
// end.
type DiffJob struct {
	a, b     []byte
	r        *DiffReport
	stage    diffStage
	ra, rb   *jsontree.Node // the sides as compared
	okA, okB bool
	cmp      *jsondiff.Comparer
	// semantic mode: the form of each decoded side, and whether both sides
	// are Event Grid (then they are compared in that form)
	formA, formB detect.Form
}

// diffStage is the next piece of work of a DiffJob.
type diffStage int

const (
	diffDecodeLeft   diffStage = iota // decode the left payload
	diffDecodeRight                   // decode the right payload
	diffConvertLeft                   // semantic mode: the left side in the form compared (it depends on both sides' forms)
	diffPrettyLeft                    // pretty-print it
	diffConvertRight                  // the same for the right payload
	diffPrettyRight                   //
	diffCompare                       // compare, a few events at a time
	diffPatch                         // the JSON Patch and the verdict
	diffLinesLeft                     // the changed lines of each side
	diffLinesRight                    //
	diffDone
)

// diffStepNodes is how many values one piece of the comparison compares
// (about 75 events of a SignalR batch).
const diffStepNodes = 1000

// NewDiffJob prepares the comparison of payload a (left) with b (right),
// as Diff does; no work is done until Step. The DiffJob keeps a and b: do
// not modify them while it runs.
func NewDiffJob(a, b []byte, semantic bool) *DiffJob {
	return &DiffJob{a: a, b: b, r: &DiffReport{Semantic: semantic}}
}

// Step works on the comparison for about budget, at least one piece of
// work (decoding a side, converting it, pretty-printing it, comparing a
// few events, the patch, one side's changed lines), and reports whether
// the comparison is complete. A budget of zero or less does exactly one
// piece. Every piece but the comparison of events runs whole: its time
// grows with the payload.
func (j *DiffJob) Step(budget time.Duration) (done bool) {
	start := time.Now()
	for j.stage != diffDone {
		j.work()
		if budget <= 0 || time.Since(start) >= budget {
			break
		}
	}
	return j.stage == diffDone
}

// Run completes the comparison and returns its DiffReport.
func (j *DiffJob) Run() *DiffReport {
	for j.stage != diffDone {
		j.work()
		yield()
	}
	return j.r
}

// Report returns the report as far as the comparison went; it is the same
// DiffReport throughout, complete once Done says so. It never returns nil.
func (j *DiffJob) Report() *DiffReport { return j.r }

// Done reports whether the comparison is complete.
func (j *DiffJob) Done() bool { return j.stage == diffDone }

// Progress returns how many events of the right payload have been compared
// and how many it has, once the comparison of two batches has begun (0 and
// 0 before, and for payloads that are not batches of events until they are
// compared).
func (j *DiffJob) Progress() (compared, events int) {
	if j.cmp == nil {
		return 0, 0
	}
	return j.cmp.Progress()
}

// Comparing reports whether the job is past decoding and converting both
// sides, comparing them or finishing the report.
func (j *DiffJob) Comparing() bool { return j.stage >= diffCompare }

// work does the next piece of work of the comparison (Diff runs them all).
func (j *DiffJob) work() {
	r := j.r
	switch j.stage {
	case diffDecodeLeft:
		j.ra, j.okA = decodeSide(j.a, &r.Left)
	case diffDecodeRight:
		j.rb, j.okB = decodeSide(j.b, &r.Right)
		if r.Semantic {
			j.formA, j.formB = formOf(j.ra, j.okA), formOf(j.rb, j.okB)
		}
	case diffConvertLeft:
		j.ra, j.okA = convertSide(j.ra, j.formA, j.formB, j.rb, &r.Left)
	case diffPrettyLeft:
		r.Left.Text, r.Left.Minified = prettyCapped(j.ra)
	case diffConvertRight:
		j.rb, j.okB = convertSide(j.rb, j.formB, j.formA, j.ra, &r.Right)
	case diffPrettyRight:
		r.Right.Text, r.Right.Minified = prettyCapped(j.rb)
	case diffCompare:
		if !j.okA || !j.okB {
			j.ra, j.rb = nil, nil
			j.stage = diffDone
			return
		}
		if j.cmp == nil {
			j.cmp = jsondiff.NewComparer(j.ra, j.rb, jsondiff.DefaultOptions())
		}
		if j.cmp.Step(diffStepNodes) {
			r.Changes = j.cmp.Changes()
			j.stage = diffPatch
		}
		return
	case diffPatch:
		r.Patch = jsondiff.Patch(j.ra, r.Changes)
		r.Equal = true
		for _, c := range r.Changes {
			if c.Op == jsondiff.Move {
				r.Reordered = true
			} else {
				r.Equal = false
			}
		}
		j.stage = diffLinesLeft
	case diffLinesLeft:
		r.Left.Lines = sideLines(j.ra, r.Changes, true, r.Left.Minified)
		j.stage = diffLinesRight
	case diffLinesRight:
		r.Right.Lines = sideLines(j.rb, r.Changes, false, r.Right.Minified)
		if !r.Left.Minified && !r.Right.Minified {
			r.Pairs = linePairs(j.ra, j.rb, r.Changes)
			r.Moves = lineMoves(j.ra, j.rb, r.Changes)
		}
		j.ra, j.rb = nil, nil
		j.stage = diffDone
	}
	if j.stage < diffCompare {
		j.stage = j.next(j.stage)
	}
}

// next returns the stage after s that has work to do: a side is converted
// only in semantic mode, and converted and pretty-printed only while it
// decoded (and converted).
func (j *DiffJob) next(s diffStage) diffStage {
	for s++; s < diffCompare; s++ {
		switch s {
		case diffConvertLeft:
			if j.r.Semantic && j.okA {
				return s
			}
		case diffPrettyLeft:
			if j.okA {
				return s
			}
		case diffConvertRight:
			if j.r.Semantic && j.okB {
				return s
			}
		case diffPrettyRight:
			if j.okB {
				return s
			}
		default:
			return s
		}
	}
	return s
}
