package app

import "time"

// eventlens: the app's start is cut into browser tasks of about StartSlice
// of work each. go-app's release mounts the whole page, then runs every
// component's OnMount and the first frame's updates, in one task; on a
// phone that task blocks the page for about a second. Here the engine
// gives the browser its thread back whenever a slice is spent: between
// the nodes of the first page's mount (a subtree built apart from the
// document, attached when it is whole, so nothing half-built shows),
// between dispatches and frames until the engine first has nothing to do,
// and between the nodes of those frames' updates. An update changes the
// document as it goes, so during the start an element's children are
// updated before its own attributes: an attribute of the page's root that
// says the page is ready comes after everything under it. So the
// components' OnMount may run a few tasks after the page is in place: an
// app whose OnMount sets up what input needs must hold input off until
// then. After the start, the engine runs as released.

// StartSlice is how much work the start does before it lets the browser
// run: short enough that no task of the start counts as long (50 ms) on a
// phone four times slower, though one component's Render, one node's
// update or one dispatch is never cut.
const StartSlice = 5 * time.Millisecond

// slicer tracks the current slice of the start.
type slicer struct {
	mounting bool          // the first page's mount is under way
	updating bool          // a frame of the start updates components
	starting bool          // the engine has not yet been idle
	slice    time.Duration // the work between two yields
	began    time.Time     // when the current slice began
	yields   int           // the yields so far
	env      startEnv      // the browser's side
}

// startEnv is what the slicer needs of the browser (slice_wasm.go).
type startEnv struct {
	yield func(n int)          // lets the browser run, then returns
	done  func(yields int)     // the start is over
	slice func() time.Duration // the slice's length (StartSlice unless a test sets it)
	frame func(queued int)     // a frame of the start begins, with queued dispatches waiting; nil unless a test asks
}

// starter is the start's slicer; only the engine's goroutine uses it.
var starter slicer

// begin starts slicing: called as the engine starts, in a browser task
// that has done little so far. Without a yield, nothing is sliced.
func (s *slicer) begin(env startEnv) {
	if env.yield == nil {
		return
	}
	s.env = env
	s.slice = env.slice()
	s.starting = true
	s.began = time.Now()
}

// spent yields to the browser if the slice is spent and the start is on;
// node says the call is from a node's mount or update, which are sliced
// only in the first page's mount and in the start's frames.
func (s *slicer) spent(node bool) {
	if !s.starting || (node && !s.mounting && !s.updating) {
		return
	}
	if time.Since(s.began) < s.slice {
		return
	}
	s.yields++
	s.env.yield(s.yields)
	s.began = time.Now()
}

// frame tells a test that a frame of the start begins, and how many
// dispatches are queued then (none: they run first).
func (s *slicer) frame(queued int) {
	if s.starting && s.env.frame != nil {
		s.env.frame(queued)
	}
}

// idle ends the start's slicing: the engine found nothing to do.
func (s *slicer) idle() {
	if !s.starting {
		return
	}
	s.starting = false
	s.mounting = false
	s.updating = false
	s.env.done(s.yields)
}
