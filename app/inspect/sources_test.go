package inspect

import (
	"regexp"
	"strings"
	"testing"

	"eventlens/app/vocab"
	"eventlens/internal/fixture"
)

// TestSourcesNameEveryRule: docs/SOURCES.md gives the source of every rule
// of form detection and of the semantic checks: each such code appears in
// it (codes of decoding, JSON Schema and comparison are named by range).
func TestSourcesNameEveryRule(t *testing.T) {
	doc := string(fixture.Read(t, "docs/SOURCES.md"))
	named := map[string]bool{}
	for _, c := range regexp.MustCompile(`[A-Z]+[0-9]{3}`).FindAllString(doc, -1) {
		named[c] = true
	}
	for _, c := range vocab.Codes() {
		switch c.Family().Prefix {
		case "FORM", "EG", "CE", "SR", "BATCH":
			if !named[string(c)] {
				t.Errorf("docs/SOURCES.md does not give the source of %s (%s)", c, c.Summary())
			}
		}
	}
	for _, want := range []string{"Disputed: which SignalR data properties are required", "Disputed: Azure's `dataschema", "Disputed: are `data` and `dataVersion` required"} {
		if !strings.Contains(doc, want) {
			t.Errorf("docs/SOURCES.md lacks %q", want)
		}
	}
}

// TestDisputedRulesNameTheirSources: a diagnostic whose rule rests on a
// disputed source names the sources in its message.
func TestDisputedRulesNameTheirSources(t *testing.T) {
	for _, tc := range []struct {
		payload, code string
		names         []string
	}{
		{"sr-missing-connectionid", "SR007", []string{"REST specification", "SignalRService.tsp", "azsystemevents", "REQUIRED"}},
		{"sr-missing-timestamp", "SCH001", []string{"REST specification", "SignalRService.tsp", "azsystemevents"}},
		{"ce-dataschema-fragment", "CE020", []string{"Azure Event Grid writes", "CloudEvents 1.0 (§dataschema)"}},
		{"eg-missing-dataversion", "SCH001", []string{"REST API requires it", "the docs call it optional"}},
	} {
		r := Inspect(fixture.CorpusPayload(t, tc.payload))
		found := false
		for _, d := range r.Diagnostics {
			if d.Code != tc.code {
				continue
			}
			found = true
			for _, n := range tc.names {
				if !strings.Contains(d.Message, n) {
					t.Errorf("%s %s: message %q does not name %q", tc.payload, tc.code, d.Message, n)
				}
			}
		}
		if !found {
			t.Errorf("%s: no %s:\n%s", tc.payload, tc.code, dump(r))
		}
	}
}
