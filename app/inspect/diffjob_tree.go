package inspect

import "eventlens/app/jsontree"

// NewDiffJobFrom prepares the comparison of an already decoded payload
// (left: the root of a Report's Doc, or of any jsontree.Doc decoded with
// MaxBytes) with payload b, as NewDiffJob does with left's text but
// without decoding it again. The DiffJob only reads left's tree. A nil
// left is a payload that does not decode: the comparison reports so.
func NewDiffJobFrom(left *jsontree.Node, b []byte, semantic bool) *DiffJob {
	j := NewDiffJob(nil, b, semantic)
	if left == nil {
		return j
	}
	j.ra, j.okA = left, true
	j.stage = diffDecodeRight
	return j
}
