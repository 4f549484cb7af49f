package ui

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// actionPanic carries the message of a recovered panic to the page, which
// shows it in a banner.
const actionPanic = "eventlens/panic"

// guard runs f, the body of an event handler. Should f panic, the panic
// stops here: the page shows a banner saying what failed, and the editor
// keeps its text. Every handler of the package goes through guard. It
// returns the banner's message, or "" when f returned normally.
func guard(ctx app.Context, what string, f func()) (failure string) {
	defer func() {
		if r := recover(); r != nil {
			failure = fmt.Sprintf("Something went wrong while %s (%v). Your text is kept: edit it or reload the page, and please report the payload that caused this.", what, r)
			app.Logf("eventlens: %s", failure)
			if ctx.Context != nil { // a context from a mounted component
				ctx.NewActionWithValue(actionPanic, failure)
			}
		}
	}()
	f()
	return ""
}

// handler wraps an event handler in guard.
func handler(what string, h func(ctx app.Context, e app.Event)) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		guard(ctx, what, func() { h(ctx, e) })
	}
}
