package inspect

import (
	"eventlens/app/jsontree"
	"eventlens/app/schema"
)

// Warmup readies the engine so that the first real inspection runs as fast
// as later ones, in pieces small enough to run one per browser task: each
// schema's compilation (schema.WarmSteps), then the inspection of each
// sample payload, one Job piece at a time (decoding, each event's checks,
// the checks across events, pretty-printing, the conversion), and an edit
// inside one event of a batch checked again (Reinspect). In the
// browser the first run of any code is slow, since the engine compiles
// each WebAssembly function when it is first called: run through small
// samples, that cost is paid before the user's payload arrives, and never
// in one long task.
type Warmup struct {
	steps   []func() error
	samples [][]byte
	job     *Job
	src     []byte // the text job inspects
	// retype checks again an edit inside one event of the first batch
	// (Reinspect), as typing into a large batch does; nil when there is
	// none to do. retyped says it was planned.
	retype  func() *Job
	retyped bool
}

// NewWarmup prepares a warm-up that inspects samples, in order, once the
// schemas are compiled, and then checks again an edit inside one event of
// the first batch among them.
func NewWarmup(samples ...[]byte) *Warmup {
	return &Warmup{steps: schema.WarmSteps(), samples: samples}
}

// Step does the next piece of the warm-up and reports whether it is
// complete. err is set when a schema did not compile, a bug in eventlens
// that every validation then reports as SCH000; the warm-up goes on.
func (w *Warmup) Step() (done bool, err error) {
	switch {
	case len(w.steps) > 0:
		err = w.steps[0]()
		w.steps = w.steps[1:]
	case w.retype != nil:
		w.job, w.retype = w.retype(), nil
	default:
		if w.job == nil && len(w.samples) > 0 {
			w.src, w.job = w.samples[0], NewJob(w.samples[0])
			w.samples = w.samples[1:]
		}
		if w.job != nil && w.job.Step(0) {
			if !w.retyped {
				w.planRetype(w.src, w.job.Report())
			}
			w.job = nil
		}
	}
	return len(w.steps) == 0 && w.job == nil && w.retype == nil && len(w.samples) == 0, err
}

// planRetype plans, when r is the report of a batch src with events, the
// check of a space typed just inside its first event.
func (w *Warmup) planRetype(src []byte, r *Report) {
	if r.Doc == nil || r.Doc.Root.Kind != jsontree.Array || len(r.Doc.Root.Items) == 0 {
		return
	}
	at := r.Doc.Root.Items[0].Pos.Offset + 1
	if at > len(src) {
		return
	}
	edited := append(append(append(make([]byte, 0, len(src)+1), src[:at]...), ' '), src[at:]...)
	w.retyped = true
	w.retype = func() *Job {
		j, ok := Reinspect(r, edited)
		if !ok {
			return nil
		}
		return j
	}
}
