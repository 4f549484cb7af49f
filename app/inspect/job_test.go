package inspect

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"eventlens/app/gen"
	"eventlens/app/jsontree"
)

// jobInputs returns the corpus payloads and generated batches (valid,
// changed, broken), by name.
func jobInputs(t *testing.T) map[string][]byte {
	t.Helper()
	in := map[string][]byte{}
	for _, p := range corpus(t) {
		in[p.Name] = p.Src
	}
	for _, f := range gen.Forms {
		for _, n := range []int{0, 1, 7, 300} {
			in[fmt.Sprintf("gen-%s-%d", f, n)] = gen.Batch(f, n)
			in[fmt.Sprintf("changed-%s-%d", f, n)] = gen.Changed(f, n)
		}
		b := gen.Batch(f, 50)
		in[fmt.Sprintf("truncated-%s", f)] = b[:len(b)/2]
		in[fmt.Sprintf("mistyped-%s", f)] = []byte(strings.Replace(string(b), "Microsoft.SignalRService.ClientConnection", "Microsoft.signalrService.ClientConnection", 3))
	}
	in["empty"] = nil
	in["blank"] = []byte("  \n")
	in["empty-array"] = []byte("[]")
	in["scalar"] = []byte("42")
	return in
}

// run drives a job to the end with the given budget per step and checks
// what holds along the way; it returns the report and the step count.
func runJob(t *testing.T, src []byte, budget time.Duration) (*Report, int) {
	t.Helper()
	j := NewJob(src)
	r := j.Report()
	if r == nil {
		t.Fatal("Report() is nil before the first step")
	}
	var verdict *Report // a copy of the report when the verdict became final
	last := -1
	steps := 0
	for {
		steps++
		done := j.Step(budget)
		if j.Report() != r {
			t.Fatal("Report() changed identity between steps")
		}
		if done != j.Done() {
			t.Fatalf("Step returned %v, Done() = %v", done, j.Done())
		}
		if done && !j.Verdict() {
			t.Fatal("done without a verdict")
		}
		if n, total := j.Progress(); n < last || n > total {
			t.Fatalf("progress %d of %d after %d", n, total, last)
		} else {
			last = n
		}
		if j.Verdict() && verdict == nil {
			c := *r
			c.Diagnostics = slices.Clone(r.Diagnostics)
			verdict = &c
		}
		if done {
			break
		}
		if steps > len(src)+10 {
			t.Fatal("the job does not end")
		}
	}
	// The verdict did not change after Verdict() said it was final.
	if verdict.Form != r.Form || verdict.Valid != r.Valid || verdict.Errors != r.Errors || verdict.Warnings != r.Warnings ||
		verdict.Infos != r.Infos || len(verdict.Events) != len(r.Events) || !reflect.DeepEqual(verdict.Diagnostics, r.Diagnostics) ||
		verdict.HandshakeResponse != r.HandshakeResponse {
		t.Errorf("the verdict changed after it was final:\n%s\nbecame\n%s", verdict.Summary(), r.Summary())
	}
	if !j.Step(budget) {
		t.Error("a finished job is not done on a further step")
	}
	return r, steps
}

// TestJobEqualsInspect: a job run to the end, in steps of any size, gives
// exactly Inspect's report, for every corpus payload and generated batches.
func TestJobEqualsInspect(t *testing.T) {
	for name, src := range jobInputs(t) {
		t.Run(name, func(t *testing.T) {
			want := Inspect(src)
			for _, budget := range []time.Duration{0, time.Microsecond, time.Hour} {
				got, steps := runJob(t, src, budget)
				if !reflect.DeepEqual(got, want) {
					t.Errorf("budget %v: the job's report differs from Inspect's:\njob:     %s\n%s\ninspect: %s\n%s", budget, got.Summary(), dump(got), want.Summary(), dump(want))
				}
				if budget == 0 {
					// One piece of work per step: decoding; each event's
					// validation (one step when there is none); checks;
					// pretty-printing; the conversion, convertEvents
					// events at a time (one step when there is none), then
					// its text.
					wantSteps := 3 + max(len(want.Events), 1) + max((len(want.Events)+convertEvents-1)/convertEvents, 1) + 1
					if want.Doc == nil {
						wantSteps = 1
					}
					if steps != wantSteps {
						t.Errorf("budget 0: %d steps, want %d", steps, wantSteps)
					}
				}
				if budget == time.Hour && steps != 1 {
					t.Errorf("budget 1h: %d steps, want 1", steps)
				}
			}
			if got := NewJob(src).Run(); !reflect.DeepEqual(got, want) {
				t.Errorf("Run() differs from Inspect: %s vs %s", got.Summary(), want.Summary())
			}
		})
	}
}

// TestJobStages: the verdict comes before the pretty text and conversions,
// and validation advances event by event.
func TestJobStages(t *testing.T) {
	src := gen.Batch(gen.EventGrid, 20)
	j := NewJob(src)
	j.Step(0) // decode and detect
	if n, total := j.Progress(); n != 0 || total != 20 {
		t.Fatalf("after decoding: progress %d of %d, want 0 of 20", n, total)
	}
	if j.Verdict() {
		t.Fatal("verdict final before validation")
	}
	for i := 1; i <= 20; i++ {
		j.Step(0)
		if n, _ := j.Progress(); n != i {
			t.Fatalf("after %d validation steps: progress %d", i, n)
		}
	}
	j.Step(0) // semantic checks
	r := j.Report()
	if !j.Verdict() || j.Done() || !r.Valid || len(r.Events) != 20 || r.Pretty != nil || r.CloudEvents != nil {
		t.Fatalf("after the checks: verdict=%v done=%v valid=%v events=%d pretty=%d bytes conversions=%v",
			j.Verdict(), j.Done(), r.Valid, len(r.Events), len(r.Pretty), r.CloudEvents != nil)
	}
	j.Step(0)
	if r.Pretty == nil || r.CloudEvents != nil || j.Done() {
		t.Fatal("pretty-printing did not come alone")
	}
	if j.Step(0) || r.CloudEvents != nil {
		t.Fatal("the conversion's events and its text came in one step")
	}
	if !j.Step(0) || r.CloudEvents == nil || r.CloudEvents.Err != "" || !r.EventGrid.Native {
		t.Fatalf("after the conversion: done=%v, conversions %+v", j.Done(), r.CloudEvents)
	}
}

// TestJobStepRespectsBudget: a small budget splits a large batch into
// several steps; a step always does some work.
func TestJobStepRespectsBudget(t *testing.T) {
	src := gen.Batch(gen.CloudEvents, 2000)
	j := NewJob(src)
	steps := 0
	for !j.Step(time.Millisecond) {
		steps++
	}
	if steps < 3 {
		t.Errorf("a 2,000-event batch took %d steps of 1 ms", steps+1)
	}
	if !reflect.DeepEqual(j.Report(), Inspect(src)) {
		t.Error("the stepped report differs from Inspect's")
	}
}

// TestOversized: the report of an oversized payload without its text is
// Inspect's report of such a text.
func TestOversized(t *testing.T) {
	for _, n := range []int{MaxBytes + 1, MaxBytes + 1<<20, 40 << 20} {
		want := Inspect(make([]byte, n))
		got := Oversized(n)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Oversized(%d) = %+v\nInspect gives %+v", n, got.Diagnostics, want.Diagnostics)
		}
		if !strings.Contains(got.Diagnostics[0].Message, "32 MiB limit") || got.Valid || got.Errors != 1 {
			t.Errorf("Oversized(%d): %s: %s", n, got.Summary(), got.Diagnostics[0].Message)
		}
	}
	for _, n := range []int{0, 1, MaxBytes} {
		if r := Oversized(n); r != nil {
			t.Errorf("Oversized(%d) = %s, want nil (within the limit)", n, r.Summary())
		}
	}
}

// FuzzJob: no input makes a job panic, and a job in single steps ends with
// Inspect's verdict and diagnostics.
func FuzzJob(f *testing.F) {
	for _, s := range []string{
		string(gen.Batch(gen.EventGrid, 3)), string(gen.Batch(gen.CloudEvents, 2)), string(gen.Changed(gen.EventGrid, 5)),
		`[]`, `{}`, `[1,{"id":1}]`, `{"specversion":"1.0","id":"x","source":"/s","type":"t","data_base64":"eA=="}`,
		`[{"eventType":"Microsoft.EventGrid.SubscriptionValidationEvent","data":{"validationCode":"c"}}]`,
		"\xef\xbb\xbf[{\"a\":1,\"a\":2}]", `[{"id":"1"},{"id":"1"}]`, `[`, "\xff",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		j := NewJob(src)
		for steps := 0; !j.Step(0); steps++ {
			if steps > len(src)+10 {
				t.Fatal("the job does not end")
			}
		}
		got, want := j.Report(), Inspect(src)
		if got.Summary() != want.Summary() || !reflect.DeepEqual(got.Diagnostics, want.Diagnostics) ||
			string(got.Pretty) != string(want.Pretty) || (got.CloudEvents == nil) != (want.CloudEvents == nil) {
			t.Errorf("job: %s\ninspect: %s", got.Summary(), want.Summary())
		}
		if n := len(src); n > 0 && Oversized(n) != nil {
			t.Errorf("Oversized(%d) is not nil", n)
		}
	})
}

// TestJobDecodesInPieces: a large batch is decoded decodeValues values at
// a time, one piece per step at budget 0, to Inspect's report; an error in
// a later piece ends the job as it ends Inspect.
func TestJobDecodesInPieces(t *testing.T) {
	src := gen.Batch(gen.EventGrid, 2000)
	pieces := 1
	for d := jsontree.NewDecoder(src, jsontree.Options{}); !d.Step(decodeValues); {
		pieces++
	}
	if pieces < 3 {
		t.Fatalf("2,000 events decode in %d pieces of %d values: not a test of pieces", pieces, decodeValues)
	}
	j := NewJob(src)
	for i := 1; i < pieces; i++ {
		if j.Step(0); j.stage != stageParse {
			t.Fatalf("decoding ended after %d of %d pieces", i, pieces)
		}
	}
	if j.Step(0); j.stage != stageValidate {
		t.Fatalf("decoding did not end after %d pieces", pieces)
	}
	if r := j.Run(); !reflect.DeepEqual(r, Inspect(src)) {
		t.Error("the report of a batch decoded in pieces differs from Inspect's")
	}
	broken := append(src[:len(src)-3:len(src)-3], '!', ']')
	got, steps := runJob(t, broken, 0)
	if !reflect.DeepEqual(got, Inspect(broken)) || steps != pieces || got.Errors != 1 {
		t.Errorf("a batch broken at its end: %d steps (want %d), %s", steps, pieces, got.Summary())
	}
}

// TestJobWholePiecesWait: once a piece that takes the whole payload has
// cost more than a step's budget, each such piece (the checks across
// events, pretty-printing, the conversion's text) starts a step of its own rather
// than run on past the budget of a step begun with other work.
func TestJobWholePiecesWait(t *testing.T) {
	src := gen.Batch(gen.CloudEvents, 30)
	j := NewJob(src)
	j.Step(0) // decoding
	j.whole = 2 * time.Hour
	if j.Step(time.Hour); j.stage != stageCheck {
		t.Fatalf("a step of validation went on into stage %d", j.stage)
	}
	// The conversion's events come a few at a time: they may follow
	// pretty-printing in its step.
	for _, want := range []jobStage{stagePretty, stageConvertText, stageDone} {
		if j.Step(time.Hour); j.stage != want {
			t.Fatalf("stage %d after a step, want %d", j.stage, want)
		}
	}
	if !reflect.DeepEqual(j.Report(), Inspect(src)) {
		t.Error("the report differs from Inspect's")
	}
}
