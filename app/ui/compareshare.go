package ui

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/share"
)

// compareRestoreLabel is the compare mode's Undo button's label after a
// share link replaced its second payload.
const compareRestoreLabel = "Undo: restore your previous second payload"

// compareLoad is the compare mode's state taken from a share link, handed
// to the Compare component: Seq grows with each link, so that the
// component takes each once.
type compareLoad struct {
	Seq      int
	Right    string
	Semantic bool
}

// compareUndo is the second payload a share link took the place of.
type compareUndo struct {
	right    string // "" when there is nothing to restore
	semantic bool
	msg      string // what happened, said beside the button
}

// sharedCompare returns the compare mode's state for a share link: nil
// when the compare mode is closed.
func (p *Inspector) sharedCompare() *share.Compare {
	if !p.compare {
		return nil
	}
	return &share.Compare{Right: []byte(fieldText("compare-input")), Semantic: storedFlag(compareSemanticKey)}
}

// takeSharedCompare opens the compare mode with a share link's second
// payload and mode, and returns what the page's notice adds about it. The
// second payload it replaces is kept for the compare mode's Undo button.
func (p *Inspector) takeSharedCompare(c *share.Compare) string {
	p.compare = true
	storeFlag(compareOpenKey, true)
	p.compareLoad = compareLoad{Seq: p.compareLoad.Seq + 1, Right: string(c.Right), Semantic: c.Semantic}
	before := currentCompareText()
	msg := " Compare opens with the link's second payload"
	if c.Semantic {
		msg += ", compared semantically"
	}
	if strings.TrimSpace(before) == "" || before == string(c.Right) {
		return msg + "."
	}
	return msg + ", which took the place of yours: “" + compareRestoreLabel + "”, in Compare, brings yours back."
}

// currentCompareText returns the compare mode's second payload: in its
// editor when it is open, else as kept from the last visit.
func currentCompareText() string {
	if e := element("compare-input"); e.Truthy() {
		return fieldText("compare-input")
	}
	ls := app.Window().Get("localStorage")
	if !ls.Truthy() {
		return ""
	}
	if v := ls.Call("getItem", compareKey); !v.IsNull() && !v.IsUndefined() {
		return v.String()
	}
	return ""
}

// saveCompareText keeps the second payload across reloads, when it is
// short enough for localStorage.
func saveCompareText(text string) {
	if ls := app.Window().Get("localStorage"); ls.Truthy() && len(text) <= maxDraft {
		storeItem(compareKey, text)
	}
}

// takeLoad puts a share link's second payload and mode in place of the
// compare mode's, keeping those for the Undo button; it does nothing for
// a link already taken. The caller compares again.
func (c *Compare) takeLoad() {
	if c.Load.Seq == 0 || c.Load.Seq == c.loaded {
		return
	}
	c.loaded = c.Load.Seq
	before, semantic := c.right, c.semantic
	if e := element("compare-input"); e.Truthy() {
		before = fieldText("compare-input")
	}
	c.setRight(c.Load.Right, c.Load.Semantic)
	c.undo = compareUndo{}
	if strings.TrimSpace(before) != "" && before != c.Load.Right {
		c.undo = compareUndo{right: before, semantic: semantic, msg: "The share link's second payload took the place of yours."}
	}
}

// setRight puts text in the second editor and sets the mode, both kept
// across reloads.
func (c *Compare) setRight(text string, semantic bool) {
	c.gen++ // an edit waiting for its debounce is overtaken
	c.right = text
	setFieldValue("compare-input", text)
	saveCompareText(text)
	c.semantic = semantic
	storeFlag(compareSemanticKey, semantic)
	if e := element("semantic"); e.Truthy() {
		e.Set("checked", semantic) // as the next render would, at once
	}
}

// restore brings back the second payload a share link took the place of.
func (c *Compare) restore(ctx app.Context, e app.Event) {
	if c.undo.right == "" {
		return
	}
	c.setRight(c.undo.right, c.undo.semantic)
	c.undo = compareUndo{msg: "Restored your previous second payload."}
	c.schedule(ctx)
}

// undoRow renders what a share link did to the second payload and the
// button that undoes it; hidden when there is nothing to say.
func (c *Compare) undoRow() app.UI {
	u := c.undo
	return app.Div().ID("compare-undo-row").Class("row").Hidden(u.msg == "").Body(
		app.P().ID("compare-notice").Class("notice").Role("status").Text(u.msg),
		app.Button().ID("compare-undo").Class("btn", "btn-accent").Text(compareRestoreLabel).Hidden(u.right == "").
			OnClick(handler("restoring the second payload", c.restore)),
	)
}
