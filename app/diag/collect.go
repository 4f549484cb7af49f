package diag

import (
	"fmt"

	"eventlens/app/vocab"
)

// Collector gathers the diagnostics of one inspection, keeping at most
// vocab.MaxDiagnosticsPerCode of each code: a payload in which every event
// draws the same findings (a million events with a bad type) would
// otherwise hold a million diagnostics, several hundred bytes each. Past
// the cap, one summary diagnostic per code, at the first one left out,
// says how many more there are; the counts include them all, so a verdict
// never depends on the cap.
type Collector struct {
	kept    []Diagnostic
	perCode map[string]int
	omitted map[string]*omission
	errors  int
	warns   int
	infos   int
}

// omission is the summary of the diagnostics of one code past the cap.
type omission struct {
	first Diagnostic // the first one left out
	count int
}

// Add records diagnostics in the order given.
func (c *Collector) Add(ds ...Diagnostic) {
	if c.perCode == nil {
		c.perCode = make(map[string]int)
	}
	for _, d := range ds {
		switch d.Severity {
		case Error:
			c.errors++
		case Warning:
			c.warns++
		default:
			c.infos++
		}
		c.perCode[d.Code]++
		if c.perCode[d.Code] <= vocab.MaxDiagnosticsPerCode {
			c.kept = append(c.kept, d)
			continue
		}
		if c.omitted == nil {
			c.omitted = make(map[string]*omission)
		}
		o := c.omitted[d.Code]
		if o == nil {
			d.Fix = nil
			o = &omission{first: d}
			c.omitted[d.Code] = o
		}
		o.count++
	}
}

// Diagnostics returns the diagnostics kept, with one summary per code that
// passed the cap, sorted by place (Sort).
func (c *Collector) Diagnostics() []Diagnostic {
	out := c.kept
	for _, o := range c.omitted {
		d := o.first
		d.Message = fmt.Sprintf("%d more diagnostics of this kind (%s), from here on, are not listed (%d are): fix the ones listed, then check again",
			o.count, d.Code, vocab.MaxDiagnosticsPerCode)
		out = append(out, d)
	}
	Sort(out)
	return out
}

// Capped reports whether some code passed the cap: its diagnostics past
// it are counted, not listed.
func (c *Collector) Capped() bool { return len(c.omitted) > 0 }

// Count returns how many diagnostics of each severity were added, those
// left out included.
func (c *Collector) Count() (errors, warnings, infos int) {
	return c.errors, c.warns, c.infos
}
