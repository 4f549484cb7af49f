package ui

import (
	"cmp"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// toast renders what the page says about the last action, over the page
// at the bottom of the window rather than in its flow, so that a message
// never moves the editor or the results: the notice, the share link just
// made, and the Undo button of the last replacement. Hidden when there is
// none of them; always rendered, so that the elements after it keep their
// place.
func (p *Inspector) toast() app.UI {
	box := app.Div().ID("toast").Class("toast")
	if p.notice.text == "" && p.shareURL == "" && !p.undo.ok() {
		return box.Hidden(true).Body(p.noticeBox())
	}
	var dismiss app.UI
	if p.notice.text != "" || p.shareURL != "" {
		dismiss = app.Button().ID("dismiss-notice").Class("btn", "toast-close").
			Aria("label", "Dismiss this message").Title("Dismiss this message").Text("×").
			OnClick(handler("dismissing the message", func(ctx app.Context, e app.Event) {
				p.notice, p.shareURL = notice{}, ""
			}))
	}
	return box.Body(
		p.noticeBox(),
		p.shareRow(),
		app.Div().Class("toast-actions").Body(
			app.Button().ID("undo-clear").Class("btn", "btn-accent").Text(cmp.Or(p.undo.what, "Undo clear")).Hidden(!p.undo.ok()).
				OnClick(handler("undoing the clear", p.undoClear)),
			undoNote(p.undo.ok() && !p.undoStored),
			dismiss,
		),
	)
}

// undoNote says beside the Undo button that its text is not kept across
// a reload, when shown.
func undoNote(shown bool) app.UI {
	if !shown {
		return nil
	}
	return app.Span().ID("undo-not-kept").Class("muted", "toast-note").Text(undoNotKept)
}
