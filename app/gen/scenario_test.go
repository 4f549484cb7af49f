package gen_test

import (
	"bytes"
	"testing"
	"time"

	"eventlens/app/gen"
	"eventlens/app/inspect"
)

// TestScenario checks a scenario's batch: the same every time, valid with
// no finding, the storm's and burst's events as their fields say, and
// exactly Late events earlier than the event before them.
func TestScenario(t *testing.T) {
	sc := gen.Scenario{Seed: 3, Background: 300, Late: 4,
		Storms: []gen.Storm{{Hub: "s", User: "u", At: 10 * time.Second, Clients: 5, Rounds: 3,
			Period: 4 * time.Second, Gap: time.Second, Step: 5 * time.Millisecond, Message: "m"}},
		Bursts: []gen.Burst{{Hub: "b", User: "d", At: 20 * time.Second, Count: 7, Step: time.Millisecond, Hold: time.Second, Message: "x"}}}
	evs := sc.Events()
	if !bytes.Equal(sc.Batch(gen.CloudEvents), gen.Write(gen.CloudEvents, sc.Events())) {
		t.Fatal("two calls gave different batches")
	}
	if len(evs) != 300+5*(2*3+1)+2*7 {
		t.Fatalf("%d events", len(evs))
	}
	r := inspect.Inspect(sc.Batch(gen.EventGrid))
	if !r.Valid || len(r.Diagnostics) != 0 {
		t.Fatalf("%s: %v", r.Summary(), r.Diagnostics)
	}
	late, storm, stormErrors, burst := 0, 0, 0, 0
	for i, e := range evs {
		if i > 0 && e.Time.Before(evs[i-1].Time) {
			late++
		}
		switch e.Hub {
		case "s":
			storm++
			if e.Type == gen.Disconnected && e.ErrorMessage == "m" {
				stormErrors++
			}
		case "b":
			burst++
		}
	}
	if late != 4 || storm != 35 || stormErrors != 15 || burst != 14 {
		t.Errorf("%d late, %d storm events (%d errors), %d burst events", late, storm, stormErrors, burst)
	}
	// Another seed, other ordinary traffic.
	other := sc
	other.Seed = 4
	if bytes.Equal(other.Batch(gen.EventGrid), sc.Batch(gen.EventGrid)) {
		t.Error("the seed changes nothing")
	}
	// StormBatch has the size asked for.
	if n := len(inspect.Inspect(gen.StormBatch(gen.EventGrid, 3000)).Events); n != 3000 {
		t.Errorf("StormBatch(3000) has %d events", n)
	}
}
