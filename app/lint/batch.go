package lint

import (
	"eventlens/app/detect"
	"eventlens/app/diag"
	"eventlens/app/jsontree"
	"eventlens/app/vocab"
)

// batch runs the checks across events: Event Grid's size and count limits,
// duplicate ids, and one specversion per CloudEvents batch.
func (c *checker) batch(root *jsontree.Node, res detect.Result) {
	for i := range res.Events {
		ev := &res.Events[i]
		if size := sizeOf(c.src, ev.Node, vocab.MaxEventBytes); size > vocab.MaxEventBytes {
			c.add(at(vocab.BatchEventSize, ev, ev.Pointer, ev.Node,
				"event %d is %s once minified (whitespace outside strings removed), over Event Grid's limit of %s per event: Event Grid rejects it (413 Payload Too Large); keep large content out of the event (store it and send a link)",
				ev.Index, byteCount(size), byteCount(vocab.MaxEventBytes)))
		}
	}
	if res.Batch && root != nil && root.Kind == jsontree.Array {
		if n := len(root.Items); n > vocab.MaxBatchEvents {
			c.add(diag.New(vocab.BatchCount, -1, "", root,
				"the array holds %d events, more than Event Grid's maximum of %d per publish request: split it into arrays of at most %d events",
				n, vocab.MaxBatchEvents, vocab.MaxBatchEvents))
		}
		size := 0
		if c.doc != nil && root == c.doc.Root {
			size = c.doc.CompactLen() // counted while decoding, not measured again
		} else {
			size = sizeOf(c.src, root, vocab.MaxPublishBytes)
		}
		if size > vocab.MaxPublishBytes {
			c.add(diag.New(vocab.BatchSize, -1, "", root,
				"the array is %s once minified (whitespace outside strings removed), over Event Grid's limit of %s per publish request: Event Grid rejects it (413 Payload Too Large); split it into smaller arrays",
				byteCount(size), byteCount(vocab.MaxPublishBytes)))
		}
	}
	if len(res.Events) > 1 {
		c.duplicates(res.Events)
	}
}

// duplicates reports events that repeat an earlier event's id and source,
// and CloudEvents events whose specversion differs from the first one's.
func (c *checker) duplicates(events []detect.Event) {
	first := make(map[[2]string]int, len(events)) // id, source
	svEvent, svNode := -1, (*jsontree.Node)(nil)
	for i := range events {
		ev := &events[i]
		if ev.Node == nil || ev.Node.Kind != jsontree.Object {
			continue
		}
		srcAttr := vocab.Topic
		switch ev.Form {
		case detect.EventGrid, detect.Handshake:
		case detect.CloudEvents:
			srcAttr = vocab.Source
			if sv := value(ev.Node, vocab.SpecVersion); sv != nil && sv.Kind == jsontree.String {
				switch {
				case svNode == nil:
					svEvent, svNode = ev.Index, sv
				case sv.Text != svNode.Text:
					c.add(at(vocab.BatchSpecVersion, ev, pointer(ev, vocab.SpecVersion), sv,
						"specversion %s differs from event %d's %s: all events of a CloudEvents batch share one specversion; make them all \"1.0\"",
						quote(sv.Text), svEvent, quote(svNode.Text)))
				}
			}
		default:
			continue
		}
		id := value(ev.Node, vocab.ID)
		if id == nil || id.Kind != jsontree.String {
			continue
		}
		source, _ := stringValue(ev.Node, srcAttr)
		key := [2]string{id.Text, source}
		j, seen := first[key]
		if !seen {
			first[key] = ev.Index
			continue
		}
		same := ""
		if source != "" {
			same = " and the same " + srcAttr
		}
		c.add(at(vocab.BatchDuplicateID, ev, pointer(ev, vocab.ID), id,
			"id %s is also the id of event %d%s: Event Grid and CloudEvents consumers treat events with the same id and source as duplicates and may drop this one; give each event its own id",
			quote(id.Text), j, same))
	}
}
