package vocab

import (
	"encoding/json"
	"regexp"
	"slices"
	"testing"
)

func TestAttributes(t *testing.T) {
	egSeen, ceSeen := map[string]bool{}, map[string]bool{}
	for _, a := range Attributes {
		if a.EventGrid == "" && a.CloudEvents == "" {
			t.Errorf("%+v has no name", a)
		}
		if egSeen[a.EventGrid] || ceSeen[a.CloudEvents] {
			t.Errorf("%+v: a name is listed twice", a)
		}
		if a.EventGrid != "" {
			egSeen[a.EventGrid] = true
		}
		if a.CloudEvents != "" {
			ceSeen[a.CloudEvents] = true
		}
		both := a.EventGrid != "" && a.CloudEvents != ""
		switch {
		case both && a.EventGrid == a.CloudEvents && (a.ToCloudEvents != Same || a.ToEventGrid != Same):
			t.Errorf("%s has one name in both forms, so converting keeps it: got %s, %s", a.EventGrid, a.ToCloudEvents, a.ToEventGrid)
		case both && a.EventGrid != a.CloudEvents && (a.ToCloudEvents != Renamed || a.ToEventGrid != Renamed):
			t.Errorf("%s/%s: two names means renamed both ways, got %s, %s", a.EventGrid, a.CloudEvents, a.ToCloudEvents, a.ToEventGrid)
		case a.EventGrid == "" && a.ToCloudEvents != "" && a.ToCloudEvents != Added:
			t.Errorf("%s: a CloudEvents-only attribute can only be added by converting to CloudEvents, got %s", a.CloudEvents, a.ToCloudEvents)
		case a.CloudEvents == "" && a.ToEventGrid != Added:
			t.Errorf("%s: an Event Grid-only property is added (or found missing) by converting to Event Grid, got %s", a.EventGrid, a.ToEventGrid)
		}
		if a.Note != "" && a.ToCloudEvents != Renamed {
			t.Errorf("%+v: only renamed attributes take a note", a)
		}
	}
	// The forms' names in their schema's terms.
	if got, want := EventGridNames(), []string{ID, Topic, Subject, EventType, EventTime, Data, DataVersion, MetadataVersion}; !slices.Equal(got, want) {
		t.Errorf("EventGridNames() = %v, want %v", got, want)
	}
	if got := CloudEventsNames(); len(got) != 10 || !IsCloudEvents(SpecVersion) || IsCloudEvents(Topic) || !IsEventGrid(Topic) || IsEventGrid(Source) {
		t.Errorf("CloudEventsNames() = %v: want the 10 CloudEvents attributes", got)
	}
	if a, ok := CloudEventsAttribute(Source); !ok || a.EventGrid != Topic {
		t.Errorf("CloudEventsAttribute(source) = %+v, %v: want the row of topic", a, ok)
	}
	if _, ok := EventGridAttribute(Source); ok {
		t.Error("source is not an Event Grid property")
	}
	// Every name finds its own row, in its own form only; names of the
	// same length as another form's do not cross over.
	for i, a := range Attributes {
		if got, ok := EventGridAttribute(a.EventGrid); ok != (a.EventGrid != "") || ok && got != Attributes[i] {
			t.Errorf("EventGridAttribute(%q) = %+v, %v", a.EventGrid, got, ok)
		}
		if got, ok := CloudEventsAttribute(a.CloudEvents); ok != (a.CloudEvents != "") || ok && got != Attributes[i] {
			t.Errorf("CloudEventsAttribute(%q) = %+v, %v", a.CloudEvents, got, ok)
		}
	}
	for _, name := range []string{"", "Id", "ID", "time ", "types", "eventtype", "datacontenttypes", "a_name_longer_than_every_attribute"} {
		if IsEventGrid(name) || IsCloudEvents(name) {
			t.Errorf("%q is taken for an attribute name", name)
		}
	}
	if IsEventGrid(Time) || IsCloudEvents(EventTime) || IsEventGrid(SpecVersion) || IsCloudEvents(DataVersion) {
		t.Error("a name of one form is taken for the other's")
	}
}

var codePattern = regexp.MustCompile(`^[A-Z]+[0-9]{3}$`)

func TestCodes(t *testing.T) {
	codes := Codes()
	if len(codes) != len(registry) || len(codes) < 50 {
		t.Fatalf("Codes() lists %d codes, registry %d", len(codes), len(registry))
	}
	prefixes := map[string]bool{}
	for _, f := range Families {
		if prefixes[f.Prefix] || f.Source == "" || f.Area == "" || f.About == "" {
			t.Errorf("family %+v: repeated prefix or missing field", f)
		}
		prefixes[f.Prefix] = true
	}
	for i, c := range codes {
		if !codePattern.MatchString(string(c)) || c.Family() == nil || !c.Registered() {
			t.Errorf("code %q: want PREFIX + 3 digits, in a family", c)
		}
		if s := c.Summary(); s == "" || s[len(s)-1] != '.' {
			t.Errorf("%s: summary %q should be a sentence", c, s)
		}
		if i > 0 && c.Family() == codes[i-1].Family() && c <= codes[i-1] {
			t.Errorf("Codes() is out of order at %s", c)
		}
		if _, ok := c.Milder(); ok != (c == CEEventGridProperty || c == CEExtensionNotInteger || c == CEDataSchemaURI) {
			t.Errorf("%s: Milder() = %v", c, ok)
		}
	}
	for _, c := range []Code{CEEventGridProperty, CEExtensionNotInteger, CEDataSchemaURI} {
		if sev, _ := c.Milder(); sev != Warning || c.Severity() != Error {
			t.Errorf("%s: %s, milder %s", c, c.Severity(), sev)
		}
	}
	unknown := Code("EG999")
	if unknown.Registered() || unknown.Severity() != Error || unknown.Summary() != "" || unknown.Fix() != "" {
		t.Errorf("an unregistered code: %v %s %q", unknown.Registered(), unknown.Severity(), unknown.Summary())
	}
	if Code("XY001").Family() != nil || Code("EG").Family() != nil || Code("CE001").Family().Source != "app/lint" {
		t.Error("FamilyOf matches the prefix followed by digits only")
	}
}

func TestSeverityJSON(t *testing.T) {
	b, err := json.Marshal([]Severity{Info, Warning, Error})
	if err != nil || string(b) != `["info","warning","error"]` {
		t.Errorf("severities encode as %s, %v", b, err)
	}
}
