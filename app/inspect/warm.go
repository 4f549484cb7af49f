package inspect

import "eventlens/app/schema"

// Warmup readies the engine so that the first real inspection runs as fast
// as later ones, in pieces small enough to run one per browser task: each
// schema's compilation (schema.WarmSteps), then the inspection of each
// sample payload, one Job piece at a time (decoding, each event's checks,
// the checks across events, pretty-printing, the conversion). In the
// browser the first run of any code is slow, since the engine compiles
// each WebAssembly function when it is first called: run through small
// samples, that cost is paid before the user's payload arrives, and never
// in one long task.
type Warmup struct {
	steps   []func() error
	samples [][]byte
	job     *Job
}

// NewWarmup prepares a warm-up that inspects samples, in order, once the
// schemas are compiled.
func NewWarmup(samples ...[]byte) *Warmup {
	return &Warmup{steps: schema.WarmSteps(), samples: samples}
}

// Step does the next piece of the warm-up and reports whether it is
// complete. err is set when a schema did not compile, a bug in eventlens
// that every validation then reports as SCH000; the warm-up goes on.
func (w *Warmup) Step() (done bool, err error) {
	if len(w.steps) > 0 {
		err = w.steps[0]()
		w.steps = w.steps[1:]
	} else {
		if w.job == nil && len(w.samples) > 0 {
			w.job = NewJob(w.samples[0])
			w.samples = w.samples[1:]
		}
		if w.job != nil && w.job.Step(0) {
			w.job = nil
		}
	}
	return len(w.steps) == 0 && w.job == nil && len(w.samples) == 0, err
}
