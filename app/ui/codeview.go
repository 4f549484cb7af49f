package ui

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/highlight"
)

// The code views show at most this much of a text (whole lines) until
// "Show all" is pressed: the browser lays out a long text slowly, and the
// rest is a Copy, a Download or an event pick away.
const (
	maxShownLines = 3000
	maxShownBytes = 256 << 10
)

// head returns the first whole lines of text within maxLines lines and
// maxBytes bytes, and whether that cut anything. A text without a line
// break within maxBytes is cut at a character boundary.
func head(text []byte, maxLines, maxBytes int) (shown []byte, cut bool) {
	limit := min(len(text), maxBytes)
	lines := 0
	for i := 0; i < limit; i++ {
		if text[i] == '\n' {
			lines++
			if lines == maxLines && i+1 < len(text) {
				return text[:i+1], true
			}
		}
	}
	if limit == len(text) {
		return text, false
	}
	if k := bytes.LastIndexByte(text[:limit], '\n'); k >= 0 {
		return text[:k+1], true
	}
	for limit > 0 && !utf8.RuneStart(text[limit]) {
		limit--
	}
	return text[:limit], true
}

// CodeView shows JSON text in a pre: coloured when small, one text node
// when large, and only its first lines when very large, with a button to
// show all of it.
type CodeView struct {
	app.Compo

	ID    string // the pre's id
	Label string // its accessible name
	Text  []byte // the text shown

	all bool // show all of a long text
}

// OnUpdate shows a new text from its start.
func (v *CodeView) OnUpdate(ctx app.Context) {
	v.all = false
}

// Render draws the text.
func (v *CodeView) Render() app.UI {
	pre := app.Pre().ID(v.ID).Class("code").TabIndex(0).Aria("label", v.Label)
	shown, cut := v.Text, false
	if !v.all {
		shown, cut = head(v.Text, maxShownLines, maxShownBytes)
	}
	if cut {
		return app.Div().Class("code-box").Body(
			pre.DataSet("plain", true).DataSet("cut", true).Text(string(shown)),
			app.Div().Class("row", "cut-note").Body(
				app.Span().Class("muted").Text(fmt.Sprintf("Showing the first %s of %s; Copy and Download take all of it, and the event picker shows any one event.",
					sizeLabel(len(shown)), sizeLabel(len(v.Text)))),
				app.Button().Class("btn", "show-all-text").Text("Show all ("+sizeLabel(len(v.Text))+")").
					OnClick(handler("showing all the text", func(ctx app.Context, e app.Event) { v.all = true })),
			),
		)
	}
	text := string(shown)
	toks, ok := highlight.Tokens(text, highlight.Default)
	if !ok {
		return pre.DataSet("plain", true).Text(text)
	}
	body := make([]app.UI, len(toks))
	for i, t := range toks {
		if t.Kind == highlight.Plain {
			body[i] = app.Text(t.Text)
		} else {
			body[i] = app.Span().Class("tk-" + t.Kind.String()).Text(t.Text)
		}
	}
	return pre.Body(body...)
}
