package jsondiff

import "eventlens/app/jsontree"

// Comparer is a comparison run in steps, so that a caller on a single
// thread (a browser's) can share the work out over time: two arrays of
// events matched by id are compared a few events at a time; any other pair
// of documents is compared whole in the first step. Run to the end, a
// Comparer gives exactly Compare's changes, in the same order.
type Comparer struct {
	a, b    *jsontree.Node
	d       *differ
	run     *eventRun // the arrays of events under way; nil otherwise
	started bool
	done    bool
}

// NewComparer prepares the comparison of the old document a with the new
// document b (a nil node counts as JSON null); no work is done until Step.
// The Comparer keeps both trees: do not modify them while it runs.
func NewComparer(a, b *jsontree.Node, opts Options) *Comparer {
	if opts.MaxAlignCost <= 0 {
		opts.MaxAlignCost = DefaultMaxAlignCost
	}
	return &Comparer{a: orNull(a), b: orNull(b), d: newDiffer(opts)}
}

// Step compares until about maxNodes values have been compared, at least
// one event of an array of events (or, for other documents, the whole
// comparison, which the first step does), and reports whether the
// comparison is complete. A maxNodes of zero or less compares one event.
func (c *Comparer) Step(maxNodes int) (done bool) {
	if c.done {
		return true
	}
	start := c.d.nodes
	if !c.started {
		c.started = true
		c.run = c.events()
		if c.run == nil {
			c.d.diff(c.a, c.b, make([]byte, 0, 64), make([]byte, 0, 64))
			c.done = true
			return true
		}
	}
	for !c.run.done() && !c.d.full {
		c.d.nextEvent(c.run)
		if c.d.nodes-start >= maxNodes {
			break
		}
	}
	c.done = c.run.done() || c.d.full
	return c.done
}

// events starts the comparison of a and b as arrays of events matched by
// id, when they are that and the options ask for it; else it returns nil.
func (c *Comparer) events() *eventRun {
	if !c.d.opts.MatchEventsByID || c.a.Kind != jsontree.Array || c.b.Kind != jsontree.Array {
		return nil
	}
	ia, ok := eventIDs(c.a)
	if !ok {
		return nil
	}
	ib, ok := eventIDs(c.b)
	if !ok {
		return nil
	}
	return c.d.startEvents(c.a, c.b, ia, ib, make([]byte, 0, 64), make([]byte, 0, 64))
}

// Done reports whether the comparison is complete.
func (c *Comparer) Done() bool { return c.done }

// Changes returns the changes found so far; once Done, exactly those of
// Compare. The caller must not modify the list while the Comparer runs.
func (c *Comparer) Changes() []Change { return c.d.out }

// Progress returns how many events of the new array have been compared and
// how many it has, when two arrays of events are compared by id (all of
// them once the comparison is complete, even when cut short by
// Options.MaxChanges); else 0 and 0 until the comparison is complete, then
// 1 and 1.
func (c *Comparer) Progress() (compared, events int) {
	if c.run != nil {
		if c.done {
			return len(c.run.b.Items), len(c.run.b.Items)
		}
		return c.run.next, len(c.run.b.Items)
	}
	if c.done {
		return 1, 1
	}
	return 0, 0
}
