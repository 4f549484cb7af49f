// Package samples holds the example payloads the inspector offers in its
// "Samples" menu: Azure's own SignalR Service examples in Event Grid and
// CloudEvents form, and broken variants that show what eventlens reports.
//
// data/ is also the one copy of the seed payloads that the tests use
// (through internal/fixture): the menu embeds them, and //go:embed cannot
// reach a directory above the package, so they live here rather than under
// the repository's testdata/, and the tests read the very bytes users see.
package samples

import "embed"

//go:embed data/*.json
var files embed.FS

// Sample is one example payload.
type Sample struct {
	ID     string // stable name, e.g. "eventgrid-connected"
	Title  string // what the menu shows
	Broken bool   // the payload has problems on purpose
	Text   string // the payload
}

var list = []Sample{
	{ID: "eventgrid-connected", Title: "Event Grid: client connected"},
	{ID: "eventgrid-disconnected", Title: "Event Grid: client disconnected"},
	{ID: "cloudevents-connected", Title: "CloudEvents: client connected"},
	{ID: "cloudevents-disconnected", Title: "CloudEvents: client disconnected"},
	{ID: "validation-handshake", Title: "Event Grid: subscription validation"},
	{ID: "eventgrid-batch", Title: "Event Grid: a batch of 4 events"},
	{ID: "broken-misspelled-type", Title: "Broken: misspelled event type", Broken: true},
	{ID: "broken-specversion-camel-case", Title: "Broken: camel-case specVersion", Broken: true},
	{ID: "broken-bare-date", Title: "Broken: bare date in eventTime", Broken: true},
	{ID: "broken-syntax-error", Title: "Broken: missing comma (syntax error)", Broken: true},
}

func init() {
	for i := range list {
		b, err := files.ReadFile("data/" + list[i].ID + ".json")
		if err != nil {
			// The files are embedded at build time; a missing one is a build
			// mistake that the package's tests report.
			continue
		}
		list[i].Text = string(b)
	}
}

// All returns every sample, in menu order: valid ones first.
func All() []Sample {
	return append([]Sample(nil), list...)
}

// Get returns the sample with the given ID.
func Get(id string) (Sample, bool) {
	for _, s := range list {
		if s.ID == id {
			return s, true
		}
	}
	return Sample{}, false
}
