package ui

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/highlight"
	"eventlens/app/inspect"
	"eventlens/app/jsontree"
)

// compareKey is the localStorage key of the compare editor's text.
const compareKey = "eventlens.compare"

// maxMarkedLines caps the highlighted lines per side; past it a side is
// shown as plain text.
const maxMarkedLines = 500

// A run of at least minFold unchanged lines is folded, foldContext lines
// kept on each side of a change.
const (
	foldContext = 3
	minFold     = 6
)

// Compare is the compare mode: a second editor, and the structural diff of
// the main editor's payload (Left) with it.
type Compare struct {
	app.Compo

	Left Source // the main editor's payload
	// Load is the second payload and mode of the last share link opened.
	Load compareLoad

	loaded int         // the Seq of the last Load taken
	undo   compareUndo // the second payload a share link took the place of

	right    string
	semantic bool
	report   *inspect.DiffReport
	// The characters that differ inside replaced values, by line of each
	// side, for marksOf.
	marksOf               *inspect.DiffReport
	leftMarks, rightMarks lineMarks
	leftMoves, rightMoves lineMoves
	// unfolded holds the runs of unchanged lines opened ("compare-left:12").
	unfolded map[string]bool
	gen      int
	all      bool             // list every change
	allText  bool             // show all of long sides
	job      *inspect.DiffJob // the comparison of large payloads under way
	steps    stepper
	copied   string // what the last Copy did, for the status after the buttons
}

// Source is the main editor's payload as Compare receives it: its text,
// and the tree the Inspector decoded from it (nil when it did not decode),
// which Compare compares without decoding the text again.
type Source struct {
	// Seq identifies the Inspector's report of Text. go-app compares a
	// component's fields with reflect.DeepEqual, which stops at the first
	// field that differs: a new Seq spares it comparing two trees.
	Seq  int
	Text string
	Tree *jsontree.Node
}

// OnMount restores the second editor's text.
func (c *Compare) OnMount(ctx app.Context) {
	guard(ctx, "opening compare mode", func() {
		if v := app.Window().Get("localStorage"); v.Truthy() {
			if s := v.Call("getItem", compareKey); !s.IsNull() && !s.IsUndefined() {
				c.right = s.String()
				setFieldValue("compare-input", c.right)
			}
		}
		c.semantic = storedFlag(compareSemanticKey)
		c.takeLoad()
		c.schedule(ctx)
	})
}

// OnUpdate compares again when the main payload changed.
func (c *Compare) OnUpdate(ctx app.Context) {
	guard(ctx, "comparing the payloads", func() {
		c.takeLoad()
		c.schedule(ctx)
	})
}

// schedule compares Left with the second editor's text: at once when both
// are small, else in steps (a DiffJob) with the browser free to handle
// events and paint between them. A comparison under way is abandoned.
func (c *Compare) schedule(ctx app.Context) {
	c.steps.stop()
	c.job = nil
	c.all, c.allText = false, false
	c.unfolded = nil
	left := c.Left.Text
	if strings.TrimSpace(left) == "" || strings.TrimSpace(c.right) == "" {
		c.report = nil
		return
	}
	if len(left)+len(c.right) <= syncBytes {
		c.report = c.newJob().Run()
		return
	}
	c.job = c.newJob()
	c.steps.start(ctx, "comparing the payloads", c.step)
}

// newJob prepares the comparison of Left with the second editor's text,
// from Left's tree when the Inspector has it.
func (c *Compare) newJob() *inspect.DiffJob {
	if c.Left.Tree != nil {
		return inspect.NewDiffJobFrom(c.Left.Tree, bytesOf(c.right), c.semantic)
	}
	return inspect.NewDiffJob(bytesOf(c.Left.Text), bytesOf(c.right), c.semantic)
}

// step runs one step of the comparison under way, and shows its result
// once complete.
func (c *Compare) step(budget time.Duration) stepResult {
	if c.job.Step(budget) {
		c.report, c.job = c.job.Report(), nil
		return stepResult{done: true}
	}
	return stepResult{progress: true}
}

func (c *Compare) onInput(ctx app.Context, e app.Event) {
	c.gen++
	g := c.gen
	ctx.PreventUpdate()
	ctx.After(debounce, func(ctx app.Context) {
		guard(ctx, "comparing the payloads", func() {
			if g != c.gen {
				return
			}
			c.right = fieldText("compare-input")
			if ls, e := app.Window().Get("localStorage"), element("compare-input"); ls.Truthy() && e.Truthy() && e.Get("textLength").Int() <= maxDraft {
				storeItem(compareKey, e.Get("value"))
			}
			if c.undo.right == "" {
				c.undo = compareUndo{} // "Restored…" spoke of the text before this edit
			}
			c.schedule(ctx)
		})
	})
}

// Render draws the compare section.
func (c *Compare) Render() app.UI {
	return app.Section().ID("compare").Class("compare").Aria("label", "Compare two payloads").Body(
		app.H2().Text("Compare"),
		app.Div().Class("compare-controls").Body(
			app.Label().For("compare-input").Class("label").Text("Second payload (right side)"),
			app.Textarea().ID("compare-input").Class("editor", "editor-small").Spellcheck(false).
				Attr("autocomplete", "off").Attr("autocapitalize", "off").
				Placeholder("Paste the payload to compare with\nthe one above, e.g. its CloudEvents\ntwin.").
				OnInput(handler("reading the second payload", c.onInput)),
			app.Div().Class("row").Body(
				app.Input().Type("checkbox").ID("semantic").Checked(c.semantic).
					OnChange(handler("switching semantic comparison", func(ctx app.Context, e app.Event) {
						c.semantic = e.Get("target").Get("checked").Bool()
						storeFlag(compareSemanticKey, c.semantic)
						c.schedule(ctx)
					})),
				app.Label().For("semantic").Text("Semantic: compare the events, not the text, so an Event Grid payload equals its CloudEvents twin"),
			),
			c.undoRow(),
		),
		c.result(),
	)
}

// result renders the comparison's outcome.
func (c *Compare) result() app.UI {
	r := c.report
	box := app.Div().ID("compare-diff").Class("compare-diff")
	if c.steps.busy {
		return box.Aria("busy", "true").Body(c.progress())
	}
	if r == nil {
		return box.Body(app.P().ID("compare-status").Class("muted").Text("Paste a payload in both editors to compare them."))
	}
	var problems []app.UI
	for _, side := range []struct {
		name string
		s    inspect.Side
	}{{"Left", r.Left}, {"Right", r.Right}} {
		for _, d := range side.s.Diagnostics {
			where := ""
			if d.Line > 0 {
				where = fmt.Sprintf(" (%d:%d)", d.Line, d.Column)
			}
			problems = append(problems, app.Li().Text(side.name+where+": "+d.Message))
		}
	}
	if len(problems) > 0 {
		return box.DataSet("equal", false).Body(
			app.P().ID("compare-status").Class("error-text").Text("These payloads cannot be compared:"),
			app.Ul().Class("lost").Body(problems...),
		)
	}
	status := r.Summary()
	if r.Equal && r.Semantic {
		status += " (compared as CloudEvents)"
	}
	return box.DataSet("equal", r.Equal).Body(
		app.P().ID("compare-status").Class("compare-status").Text(status),
		app.Div().Class("sides").Body(
			c.side("Left", "compare-left", r.Left, "del", c.marks(r, true), c.moves(true)),
			c.side("Right", "compare-right", r.Right, "ins", c.marks(r, false), c.moves(false)),
		),
		c.changes(r),
	)
}

// progress renders the state of the comparison under way: "Comparing
// event 1,200 of 17,000…" once the events are being compared.
func (c *Compare) progress() app.UI {
	what, value, max := "Reading the payloads…", 0, 0
	if c.job != nil {
		if done, total := c.job.Progress(); total > 0 {
			what = fmt.Sprintf("Comparing event %s of %s…", thousands(min(done+1, total)), thousands(total))
			value, max = done, total
		} else if c.job.Comparing() {
			what = "Comparing…"
		}
	}
	bar := app.Progress().ID("compare-progress").Class("compare-progress").Aria("label", "Comparison progress")
	if max > 0 {
		bar = bar.Attr("max", max).Attr("value", value)
	}
	return app.Div().Class("compare-busy").Role("status").Body(
		app.P().ID("compare-status").Class("muted").Text(what),
		bar,
	)
}

// marks returns the characters that differ inside the replaced values of
// r's left side (or its right one), computed once per report.
func (c *Compare) marks(r *inspect.DiffReport, left bool) lineMarks {
	if c.marksOf != r {
		c.marksOf = r
		c.leftMarks, c.rightMarks = inlineChanges(r)
		c.leftMoves, c.rightMoves = movesOf(r)
	}
	if left {
		return c.leftMarks
	}
	return c.rightMarks
}

// moves returns the first lines of the events that moved on the left side
// (or the right one) of the report marks last read.
func (c *Compare) moves(left bool) lineMoves {
	if left {
		return c.leftMoves
	}
	return c.rightMoves
}

// side renders one side's text with its changed lines marked in the
// side's colour (class del on the left, ins on the right), and inside
// replaced values the characters that differ, and the first lines of the
// events that moved with where they went; a long side shows its first
// lines until "Show all" is pressed.
func (c *Compare) side(name, id string, s inspect.Side, class string, marks lineMarks, moves lineMoves) app.UI {
	pre := app.Pre().ID(id).Class("code", "side").TabIndex(0).Aria("label", name+" payload as compared")
	text, cut := s.Text, false
	if !c.allText {
		text, cut = head(s.Text, maxShownLines, maxShownBytes)
	}
	lines := s.Lines
	if cut {
		shownLines := bytes.Count(text, []byte("\n"))
		n, _ := slices.BinarySearch(lines, shownLines+1)
		lines = lines[:n]
	}
	var more app.UI
	if cut {
		more = app.Div().Class("row", "cut-note").Body(
			app.Span().Class("muted").Text(fmt.Sprintf("Showing the first %s of %s; the list below has every change.", sizeLabel(len(text)), sizeLabel(len(s.Text)))),
			app.Button().Class("btn", "show-all-text").Text("Show all of both sides").
				OnClick(handler("showing all of both sides", func(ctx app.Context, e app.Event) { c.allText = true })),
		)
	}
	segs, ok := highlight.Lines(string(text), lines, maxMarkedLines)
	if !ok {
		pre = pre.DataSet("plain", true).Text(string(text))
	} else {
		// Long runs of unchanged lines are folded, 3 lines of context
		// kept around each change.
		segs = highlight.Fold(segs, foldContext, minFold)
		body := make([]app.UI, len(segs))
		for i, sg := range segs {
			key := id + ":" + strconv.Itoa(sg.Line)
			switch {
			case sg.Folded && !c.unfolded[key]:
				body[i] = app.Button().Class("fold").DataSet("line", sg.Line).
					Title("Show these unchanged lines").
					Text(fmt.Sprintf("⋯ %d unchanged %s (%d–%d)", sg.Lines, plural(sg.Lines, "line", "lines"), sg.Line, sg.Line+sg.Lines-1)).
					OnClick(handler("showing unchanged lines", func(ctx app.Context, e app.Event) {
						if c.unfolded == nil {
							c.unfolded = map[string]bool{}
						}
						c.unfolded[key] = true
					}), app.EventScope(key))
			case sg.Marked && moves[sg.Line] != (inspect.LineMove{}):
				body[i] = movedLine(sg.Line, sg.Text, moves[sg.Line])
			case sg.Marked:
				body[i] = markedLine(sg.Line, sg.Text, class, marks[sg.Line])
			default:
				body[i] = app.Text(sg.Text)
			}
		}
		pre = pre.Body(body...)
	}
	return app.Div().Class("side-box").Body(app.H3().Text(name), minifiedNote(s.Minified, ""), pre, more)
}

// changes renders the list of changes and the JSON Patch buttons.
func (c *Compare) changes(r *inspect.DiffReport) app.UI {
	var items []app.UI
	for i, ch := range r.Changes {
		if i == maxListed && !c.all {
			items = append(items, app.Li().Body(app.Button().Class("btn").Text(fmt.Sprintf("Show all %d changes", len(r.Changes))).
				OnClick(handler("showing every change", func(ctx app.Context, e app.Event) { c.all = true }))))
			break
		}
		items = append(items, app.Li().Class("op-"+string(ch.Op)).DataSet("path", ch.Path).Text(ch.String()))
	}
	patch := r.Patch
	return app.Div().Class("changes").Body(
		app.H3().Text("Changes (JSON pointers)"),
		app.Ul().ID("compare-changes").Class("change-list").Body(items...),
		app.Div().Class("row").Body(
			app.Button().ID("copy-patch").Class("btn").Text("Copy as JSON Patch").
				OnClick(handler("copying the JSON Patch", func(ctx app.Context, e app.Event) {
					c.copied = "Copied the JSON Patch to the clipboard."
					copyText(string(patch), func(ok bool) {
						if !ok {
							ctx.Dispatch(func(ctx app.Context) {
								c.copied = "The browser did not let eventlens copy the patch: download it instead."
							})
						}
					})
				})),
			app.Button().ID("download-patch").Class("btn").Text("Download patch .json").
				OnClick(handler("downloading the JSON Patch", func(ctx app.Context, e app.Event) {
					download("eventlens-patch.json", "application/json-patch+json", patch)
				})),
			app.Span().ID("copy-patch-status").Class("muted").Role("status").Text(c.copied),
		),
	)
}
