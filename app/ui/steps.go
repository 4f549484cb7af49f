package ui

import (
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Step pacing: a payload up to syncBytes is inspected (and a pair of them
// compared) at once; a larger one in steps of about stepBudget, with the
// browser free to handle events and paint between them.
const (
	syncBytes  = 128 << 10
	stepBudget = 60 * time.Millisecond
	// The progress is drawn again at most this often: each drawing costs
	// the browser a layout of the page.
	progressEvery = 250 * time.Millisecond
	// verdictPause lets the page draw a verdict in a task of its own before
	// the next step (go-app draws at most every 1/30 s).
	verdictPause = 40 * time.Millisecond
)

// stepper runs long work (an inspection, a comparison) a step at a time:
// each step does about stepBudget of work in a browser task of its own
// (see later), so that the page handles events and paints between steps.
// It runs one piece of work at a time: starting another, or stop, abandons
// the one under way.
type stepper struct {
	run   int       // identifies the work under way; a step scheduled for older work is stale
	busy  bool      // work is under way
	drawn time.Time // when the progress was last drawn
}

// stepResult says what follows a step.
type stepResult struct {
	done     bool          // the work is complete: no further step
	progress bool          // the step only moved the progress: draw it at most every progressEvery
	pause    time.Duration // the least wait before the next step, for the page to draw what the step showed
}

// start abandons the work under way and runs step in later browser tasks,
// with the budget stepBudget, until it reports done. what names the work
// in the banner shown should a step fail.
func (s *stepper) start(ctx app.Context, what string, step func(budget time.Duration) stepResult) {
	s.stop()
	s.busy = true
	run := s.run
	var next func(ctx app.Context)
	next = func(ctx app.Context) {
		guard(ctx, what, func() {
			if !s.busy || run != s.run {
				return // stopped, or replaced by newer work
			}
			r := step(stepBudget)
			switch {
			case run != s.run:
				return // the step started other work, or stopped
			case r.done:
				s.busy = false
				return
			case r.progress && time.Since(s.drawn) < progressEvery:
				ctx.PreventUpdate()
			case r.progress:
				s.drawn = time.Now()
			}
			later(ctx, r.pause, next)
		})
	}
	later(ctx, 0, next)
}

// stop abandons the work under way, if any.
func (s *stepper) stop() {
	s.busy = false
	s.run++
}
