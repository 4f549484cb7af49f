package inspect

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"eventlens/app/convert"
	"eventlens/app/jsontree"
	"eventlens/internal/fixture"
)

// corpus returns the payloads of testdata/payloads and the seeds, with
// their expected verdicts.
func corpus(t testing.TB) []fixture.Payload {
	t.Helper()
	out := fixture.Corpus(t)
	if len(out) < 46 {
		t.Fatalf("found %d payloads in testdata/payloads, want the 6 seeds and at least 40 cases", len(out))
	}
	return out
}

// TestCorpus checks every payload of testdata/payloads against the form,
// verdict and diagnostic codes expected beside it.
func TestCorpus(t *testing.T) {
	for _, p := range corpus(t) {
		t.Run(p.Name, func(t *testing.T) {
			src, want := p.Src, p.Expect
			r := Inspect(src)
			var codes []string
			for _, d := range r.Diagnostics {
				if !slices.Contains(codes, d.Code) {
					codes = append(codes, d.Code)
				}
				if d.Message == "" || d.Code == "" {
					t.Errorf("diagnostic without code or message: %+v", d)
				}
				if d.Offset < 0 || d.Offset > len(src) || d.End < d.Offset || d.End > len(src) {
					t.Errorf("%s: place %d..%d outside the %d-byte source", d.Code, d.Offset, d.End, len(src))
				}
			}
			slices.Sort(codes)
			if codes == nil {
				codes = []string{}
			}
			if r.Form.String() != want.Form || r.Batch != want.Batch || r.Valid != want.Valid || !slices.Equal(codes, want.Codes) {
				t.Errorf("%s\n got form=%s batch=%v valid=%v codes=%v\nwant form=%s batch=%v valid=%v codes=%v\n%s",
					want.Description, r.Form, r.Batch, r.Valid, codes, want.Form, want.Batch, want.Valid, want.Codes, dump(r))
			}
		})
	}
}

// dump lists a report's diagnostics for failure messages.
func dump(r *Report) string {
	var b strings.Builder
	for _, d := range r.Diagnostics {
		fmt.Fprintf(&b, "  %d:%d %s %s %s: %s\n", d.Line, d.Column, d.Severity, d.Code, d.Pointer, d.Message)
	}
	return b.String()
}

// TestConversionGoldens checks every conversion against its golden file,
// testdata/golden/NAME.TARGET.txt (go test -update rewrites them): each
// corpus payload that is events, converted to the other form as Inspect
// shows it, and each case of testdata/convert, converted directly:
// eg-NAME.json to CloudEvents, ce-NAME.json to Event Grid, any other
// NAME.json both ways (those cases are not events to Inspect, or not in
// the form their conversion starts from). A golden file that no case
// produces is an error.
func TestConversionGoldens(t *testing.T) {
	written := map[string]bool{}
	check := func(name, target string, conv *Conversion) {
		t.Helper()
		file := name + "." + target + ".txt"
		if written[file] {
			t.Errorf("two cases write %s: rename one", file)
		}
		written[file] = true
		var got bytes.Buffer
		if conv.Err != "" {
			fmt.Fprintf(&got, "cannot convert: %s\n", conv.Err)
		} else {
			got.Write(conv.Text)
			got.WriteString("--- changes\n")
			for _, c := range conv.Changes {
				fmt.Fprintln(&got, c)
			}
			// The converted text is valid JSON holding the converted tree.
			if back := fixture.Parse(t, string(conv.Text)); !jsontree.Equal(back.Root, conv.Root) {
				t.Errorf("%s: Text does not decode to Root", file)
			}
		}
		fixture.Golden(t, fixture.Path(t, "testdata/golden/"+file), got.Bytes())
	}
	for _, p := range corpus(t) {
		r := Inspect(p.Src)
		for _, side := range []struct {
			form string
			conv *Conversion
		}{{"cloudevents", r.CloudEvents}, {"eventgrid", r.EventGrid}} {
			if side.conv != nil && !side.conv.Native {
				check(p.Name, side.form, side.conv)
			}
		}
	}
	for _, file := range fixture.Glob(t, "testdata/convert/*.json") {
		name := strings.TrimSuffix(filepath.Base(file), ".json")
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		root := fixture.Parse(t, string(src)).Root
		if !strings.HasPrefix(name, "ce-") {
			check(name, "cloudevents", convertWith(convert.NewToCloudEvents, root))
		}
		if !strings.HasPrefix(name, "eg-") {
			check(name, "eventgrid", convertWith(convert.NewToEventGrid, root))
		}
	}
	for _, file := range fixture.Glob(t, "testdata/golden/*.txt") {
		if !written[filepath.Base(file)] {
			t.Errorf("no case produces %s: delete it", file)
		}
	}
}

// TestSeedRoundTrip: Event Grid → CloudEvents → Event Grid gives back the
// same events for the seed payloads.
func TestSeedRoundTrip(t *testing.T) {
	for _, n := range []string{"seed-eventgrid-connected", "seed-eventgrid-disconnected"} {
		r := Inspect(fixture.CorpusPayload(t, n))
		if r.CloudEvents == nil || r.CloudEvents.Err != "" {
			t.Fatalf("%s: no CloudEvents form: %+v", n, r.CloudEvents)
		}
		back := Inspect(r.CloudEvents.Text)
		if !back.Valid {
			t.Errorf("%s: the CloudEvents form is not valid:\n%s", n, dump(back))
		}
		if back.EventGrid == nil || back.EventGrid.Root == nil {
			t.Fatalf("%s: no Event Grid form of the CloudEvents form", n)
		}
		if !jsontree.Equal(r.Doc.Root, back.EventGrid.Root) {
			t.Errorf("%s: round trip changed the events:\n%s\nbecame\n%s", n, r.Pretty, back.EventGrid.Text)
		}
	}
}

// convertWith returns the Conversion of root that start's Converter makes,
// as an inspection shows it.
func convertWith(start func(*jsontree.Node) *convert.Converter, root *jsontree.Node) *Conversion {
	conv, _ := converting{ce: &Conversion{Native: true}, run: start(root)}.finish()
	return conv
}
