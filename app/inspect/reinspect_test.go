package inspect

import (
	"bytes"
	"fmt"
	"reflect"
	"testing"

	"eventlens/app/gen"
	"eventlens/app/jsontree"
)

// sameReport fails unless got says what want says: form, events, verdict,
// every diagnostic with its place and fix, the formatted text and both
// conversions.
func sameReport(t *testing.T, got, want *Report) {
	t.Helper()
	if got.Form != want.Form || got.Batch != want.Batch || got.Valid != want.Valid ||
		got.Errors != want.Errors || got.Warnings != want.Warnings || got.Infos != want.Infos ||
		got.HandshakeResponse != want.HandshakeResponse {
		t.Fatalf("verdict differs:\n got %s\nwant %s", got.Summary(), want.Summary())
	}
	if !reflect.DeepEqual(got.Events, want.Events) {
		t.Fatalf("events differ:\n got %+v\nwant %+v", got.Events, want.Events)
	}
	if len(got.Diagnostics) != len(want.Diagnostics) {
		t.Fatalf("%d diagnostics, want %d:\n got %v\nwant %v", len(got.Diagnostics), len(want.Diagnostics), codesOf(got), codesOf(want))
	}
	for i := range got.Diagnostics {
		if g, w := got.Diagnostics[i], want.Diagnostics[i]; !reflect.DeepEqual(g, w) {
			t.Fatalf("diagnostic %d:\n got %+v (fix %+v)\nwant %+v (fix %+v)", i, g, g.Fix, w, w.Fix)
		}
	}
	if !bytes.Equal(got.Pretty, want.Pretty) || got.Minified != want.Minified {
		t.Fatal("formatted text differs")
	}
	for _, c := range [][2]*Conversion{{got.EventGrid, want.EventGrid}, {got.CloudEvents, want.CloudEvents}} {
		g, w := c[0], c[1]
		if (g == nil) != (w == nil) {
			t.Fatalf("conversion %v, want %v", g, w)
		}
		if g != nil && (g.Native != w.Native || !bytes.Equal(g.Text, w.Text) || g.Minified != w.Minified || g.Err != w.Err || !reflect.DeepEqual(g.Changes, w.Changes)) {
			t.Fatalf("conversion differs: got native %v err %q, want native %v err %q", g.Native, g.Err, w.Native, w.Err)
		}
	}
}

// codesOf lists a report's diagnostics as code@line:column.
func codesOf(r *Report) []string {
	var out []string
	for _, d := range r.Diagnostics {
		out = append(out, fmt.Sprintf("%s@%d:%d", d.Code, d.Line, d.Column))
	}
	return out
}

// checkAfter inspects next as an edit of the text prev describes and
// compares the report with a whole inspection's; it returns the report
// and whether the other events' checks were reused.
func checkAfter(t *testing.T, prev *Report, next []byte) (*Report, bool) {
	t.Helper()
	want := Inspect(next)
	if len(want.Diagnostics)%2 == 1 {
		// Half the time, as the page does: Reinspect first, NewJob when
		// it declines.
		if j, ok := Reinspect(prev, next); ok {
			if j.Reinspected() && !j.Verdict() {
				t.Fatal("Reinspect returned before the verdict")
			}
			got := j.Run()
			sameReport(t, got, want)
			return got, j.Reinspected()
		}
		if prev.Doc != nil {
			sameReport(t, prev, Inspect(prev.Doc.Src)) // declined: prev is as it was
		}
		got := NewJob(next).Run()
		sameReport(t, got, want)
		return got, false
	}
	j := NewJobAfter(prev, next)
	got := j.Run()
	sameReport(t, got, want)
	return got, j.Reinspected()
}

// TestReinspectEqualsInspect edits batches with findings all over
// (typing, deleting, replacing; pretty-printed and minified; both forms),
// one edit after another on the previous report, and compares every
// report with a whole inspection of the same text.
func TestReinspectEqualsInspect(t *testing.T) {
	texts := map[string][]byte{
		"eventgrid":   gen.Batch(gen.EventGrid, 15),
		"cloudevents": gen.Batch(gen.CloudEvents, 15),
	}
	for name, src := range map[string][]byte{"eventgrid": texts["eventgrid"], "cloudevents": texts["cloudevents"]} {
		d, err := jsontree.Parse(src, jsontree.Options{})
		if err != nil {
			t.Fatal(err)
		}
		texts[name+"-minified"] = jsontree.Minify(d.Root)
	}
	inserts := []string{"x", "é", "\n", " ", "\"", ",", "1", "Z", "-", ":", "T", "0", `"extra":1,`, `"id":"1",`, "Connected"}
	for name, text := range texts {
		t.Run(name, func(t *testing.T) {
			prev, src := Inspect(text), text
			reused, whole, findings := 0, 0, 0
			seed := uint64(len(text)) + 7
			for step := range 250 {
				seed = seed*6364136223846793005 + 1442695040888963407
				off := int(seed>>33) % len(src)
				n := int(seed>>20) % 3
				if off+n > len(src) {
					n = len(src) - off
				}
				ins := inserts[int(seed>>8)%len(inserts)]
				if step%4 == 0 {
					ins = ""
				}
				next := append(append(append([]byte{}, src[:off]...), ins...), src[off+n:]...)
				r, ok := checkAfter(t, prev, next)
				if ok {
					reused++
				} else {
					whole++
				}
				findings += len(r.Diagnostics)
				if r.Doc != nil && len(r.Events) > 1 {
					prev, src = r, next // go on from the edited text
				} else {
					prev = Inspect(src) // back to the last text that decoded
				}
			}
			t.Logf("%s: %d edits reused the other events' checks, %d inspected whole; %d findings in all", name, reused, whole, findings)
			if reused < 60 || findings == 0 {
				t.Errorf("only %d of 250 edits reused checks (%d findings)", reused, findings)
			}
		})
	}
}

// TestReinspectTakesNoRequest checks that an edit turning the text into an
// HTTP request, or of a report that is one, is inspected whole.
func TestReinspectTakesNoRequest(t *testing.T) {
	body := gen.Batch(gen.EventGrid, 3)
	req := append([]byte("POST /api/events HTTP/1.1\r\nContent-Type: application/json\r\naeg-event-type: Notification\r\n\r\n"), body...)
	for _, c := range []struct {
		name       string
		prev, next []byte
	}{
		{"a request edited", req, bytes.Replace(req, []byte(`"id": "`), []byte(`"id": "x`), 1)},
		{"a payload made a request", body, append([]byte("POST / HTTP/1.1\r\n\r\n"), body...)},
	} {
		t.Run(c.name, func(t *testing.T) {
			if _, ok := checkAfter(t, Inspect(c.prev), c.next); ok {
				t.Error("checks were reused")
			}
		})
	}
}

// TestReinspectPastTheCap checks an edit of a batch whose findings of one
// code pass the listing cap: the report is still a whole inspection's.
func TestReinspectPastTheCap(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("[")
	for i := range 1100 {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"id":"%d","eventType":"x","subject":"s","eventTime":"2024-01-01T00:00:00Z","data":{},"dataVersion":"1.0"}`, i)
	}
	b.WriteString("]")
	src := b.Bytes()
	next := bytes.Replace(src, []byte(`"id":"5"`), []byte(`"id":"55"`), 1)
	checkAfter(t, Inspect(src), next)
}

// FuzzReinspect applies an edit (delete n bytes at off, insert ins) to a
// payload and checks that the report of NewJobAfter is Inspect's.
func FuzzReinspect(f *testing.F) {
	f.Add(gen.Batch(gen.EventGrid, 3), uint16(200), uint8(1), "x")
	f.Add(gen.Batch(gen.CloudEvents, 3), uint16(500), uint8(2), `"dataschema":"#1.0",`)
	f.Add([]byte(`[{"id":"1","eventType":"a"},{"id":"1","eventType":"a"},{"specversion":"0.3"}]`), uint16(8), uint8(0), "2")
	f.Fuzz(func(t *testing.T, src []byte, off uint16, n uint8, ins string) {
		if len(src) == 0 || len(src) > 1<<16 {
			return
		}
		o := int(off) % (len(src) + 1)
		del := min(int(n%8), len(src)-o)
		next := append(append(append([]byte{}, src[:o]...), ins...), src[o+del:]...)
		checkAfter(t, Inspect(src), next)
	})
}
