package inspect

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"eventlens/app/jsontree"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// expectation is a payload's expected verdict, kept beside it in
// testdata/payloads/NAME.expect.json.
type expectation struct {
	Description string   `json:"description"`
	Form        string   `json:"form"`
	Batch       bool     `json:"batch"`
	Valid       bool     `json:"valid"`
	Codes       []string `json:"codes"` // every diagnostic code reported, sorted, each once
}

// corpus returns the payload files of testdata/payloads.
func corpus(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("../../testdata/payloads/*.json")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range files {
		if !strings.HasSuffix(f, ".expect.json") {
			out = append(out, f)
		}
	}
	if len(out) < 46 {
		t.Fatalf("found %d payloads in testdata/payloads, want the 6 seeds and at least 40 cases", len(out))
	}
	return out
}

func name(file string) string { return strings.TrimSuffix(filepath.Base(file), ".json") }

// TestCorpus checks every payload of testdata/payloads against the form,
// verdict and diagnostic codes expected beside it.
func TestCorpus(t *testing.T) {
	for _, file := range corpus(t) {
		t.Run(name(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			raw, err := os.ReadFile(strings.TrimSuffix(file, ".json") + ".expect.json")
			if err != nil {
				t.Fatalf("every payload needs its expectation: %v", err)
			}
			var want expectation
			if err := json.Unmarshal(raw, &want); err != nil {
				t.Fatal(err)
			}
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

// TestConversionGoldens converts every payload that is events to the other
// form and compares the text and the list of changes with
// testdata/golden/NAME.{cloudevents,eventgrid}.txt (-update rewrites them).
func TestConversionGoldens(t *testing.T) {
	for _, file := range corpus(t) {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		r := Inspect(src)
		for _, side := range []struct {
			form string
			conv *Conversion
		}{{"cloudevents", r.CloudEvents}, {"eventgrid", r.EventGrid}} {
			if side.conv == nil || side.conv.Native {
				continue
			}
			var got bytes.Buffer
			if side.conv.Err != "" {
				fmt.Fprintf(&got, "cannot convert: %s\n", side.conv.Err)
			} else {
				got.Write(side.conv.Text)
				got.WriteString("--- changes\n")
				for _, c := range side.conv.Changes {
					fmt.Fprintln(&got, c)
				}
			}
			golden(t, filepath.Join("../../testdata/golden", name(file)+"."+side.form+".txt"), got.Bytes())
		}
	}
}

// golden compares got with the file's content, or rewrites it with -update.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./app/inspect -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (go test ./app/inspect -update rewrites it)\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// TestSeedRoundTrip: Event Grid → CloudEvents → Event Grid gives back the
// same events for the seed payloads.
func TestSeedRoundTrip(t *testing.T) {
	for _, n := range []string{"seed-eventgrid-connected", "seed-eventgrid-disconnected"} {
		src, err := os.ReadFile("../../testdata/payloads/" + n + ".json")
		if err != nil {
			t.Fatal(err)
		}
		r := Inspect(src)
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
