package inspect

import (
	"testing"
	"time"

	"eventlens/app/detect"
	"eventlens/app/gen"
	"eventlens/app/jsontree"
	"eventlens/app/lint"
	"eventlens/app/schema"
)

func TestZZStages(t *testing.T) {
	schema.Warm()
	for _, f := range gen.Forms {
		src := gen.Batch(f, 5000)
		var tp, td, tv, tl, tb, ts time.Duration
		for range 3 {
			s := time.Now()
			doc, _ := jsontree.Parse(src, jsontree.Options{})
			tp += time.Since(s)
			s = time.Now()
			res := detect.Detect(doc.Root)
			td += time.Since(s)
			s = time.Now()
			for i := range res.Events {
				schema.ValidateEvent(res.Events[i])
			}
			tv += time.Since(s)
			s = time.Now()
			k := lint.NewChecker(doc)
			for i := range res.Events {
				k.Event(&res.Events[i])
			}
			tl += time.Since(s)
			s = time.Now()
			k.Batch(res)
			tb += time.Since(s)
			s = time.Now()
			summarise(doc, res)
			ts += time.Since(s)
		}
		t.Logf("%s %d bytes: parse %v detect %v schema %v lint %v batch %v summarise %v", f, len(src), tp/3, td/3, tv/3, tl/3, tb/3, ts/3)
	}
}
