package ui

import (
	"strings"

	"eventlens/app/inspect"
	"eventlens/app/summary"
)

// The output tabs.
const (
	tabPretty      = "pretty"
	tabEventGrid   = "eventgrid"
	tabCloudEvents = "cloudevents"
	tabDiff        = "diff"
	tabTimeline    = "timeline"
)

// tabOrder is the tabs' order in the tab list.
var tabOrder = []string{tabPretty, tabEventGrid, tabCloudEvents, tabDiff, tabTimeline}

// nextTab returns the tab that key (ArrowRight, ArrowLeft, Home, End)
// moves to from tab, as the WAI-ARIA tabs pattern does (wrapping around);
// false for another key.
func nextTab(tab, key string) (string, bool) {
	i := 0
	for j, t := range tabOrder {
		if t == tab {
			i = j
		}
	}
	n := len(tabOrder)
	switch key {
	case "ArrowRight":
		i = (i + 1) % n
	case "ArrowLeft":
		i = (i + n - 1) % n
	case "Home":
		i = 0
	case "End":
		i = n - 1
	default:
		return "", false
	}
	return tabOrder[i], true
}

// outputs are the texts of the Pretty, Event Grid and CloudEvents tabs.
type outputs struct {
	pretty, eventGrid, cloudEvents []byte
}

// outputsOf returns the tabs' texts of report r (nil: none): for the
// whole payload, or for event focus alone (focus >= 0) once the report is
// complete.
func outputsOf(r *inspect.Report, focus int, complete bool) outputs {
	if r == nil {
		return outputs{}
	}
	if focus >= 0 && r.Doc != nil && complete {
		return outputs{r.EventText(focus), r.EventGrid.EventText(focus), r.CloudEvents.EventText(focus)}
	}
	o := outputs{pretty: r.Pretty}
	if r.EventGrid != nil {
		o.eventGrid = r.EventGrid.Text
	}
	if r.CloudEvents != nil {
		o.cloudEvents = r.CloudEvents.Text
	}
	return o
}

// output returns the active tab's text, file name and media type. The
// mapping's text is built here, on demand (for Copy and Download).
func (p *Inspector) output() (text []byte, name, mime string) {
	switch p.tab {
	case tabEventGrid:
		return p.out.eventGrid, "eventlens-eventgrid.json", "application/json"
	case tabCloudEvents:
		return p.out.cloudEvents, "eventlens-cloudevents.json", "application/cloudevents-batch+json"
	case tabDiff:
		return []byte(mappingText(p.report)), "eventlens-mapping.txt", "text/plain"
	case tabTimeline:
		return summaryText(p.report), "eventlens-summary.txt", "text/plain"
	}
	return p.out.pretty, "eventlens-pretty.json", "application/json"
}

// outputName returns the file name of the active tab's download.
func (p *Inspector) outputName() string {
	switch p.tab {
	case tabEventGrid:
		return "eventlens-eventgrid.json"
	case tabCloudEvents:
		return "eventlens-cloudevents.json"
	case tabDiff:
		return "eventlens-mapping.txt"
	case tabTimeline:
		return "eventlens-summary.txt"
	}
	return "eventlens-pretty.json"
}

// outputTitle names the active tab's text, for the notices.
func (p *Inspector) outputTitle() string {
	switch p.tab {
	case tabEventGrid:
		return "the Event Grid form"
	case tabCloudEvents:
		return "the CloudEvents form"
	case tabDiff:
		return "the field mapping"
	case tabTimeline:
		return "the connection summary"
	}
	return "the formatted payload"
}

// hasOutput reports whether the active tab has something to copy or
// download, without building it.
func (p *Inspector) hasOutput() bool {
	if !p.complete() {
		return false
	}
	switch p.tab {
	case tabEventGrid:
		return len(p.out.eventGrid) > 0
	case tabCloudEvents:
		return len(p.out.cloudEvents) > 0
	case tabDiff:
		return p.report != nil && p.report.Converted() != nil && len(p.report.Converted().Changes) > 0
	case tabTimeline:
		return p.report != nil && p.report.Doc != nil && len(p.report.Events) > 0
	}
	return len(p.out.pretty) > 0
}

// mappingText renders what converting the payload changes as plain text,
// one change a line, for copying.
func mappingText(r *inspect.Report) string {
	if r == nil || r.Converted() == nil {
		return ""
	}
	var b strings.Builder
	for _, c := range r.Converted().Changes {
		b.WriteString(c.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// summaryText is the connection summary of report r as text (what
// `eventlens summary` prints), for copying.
func summaryText(r *inspect.Report) []byte {
	var b strings.Builder
	_ = summary.Of(r).WriteText(&b) // a strings.Builder does not fail
	return []byte(b.String())
}
