// Command wasm is eventlens's browser entry: it registers the app's routes and
// runs the app when loaded as WebAssembly. Build it with GOOS=js GOARCH=wasm
// into web/app.wasm. It must not import the server, to keep app.wasm small.
package main

import (
	"runtime/debug"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/ui"
	"eventlens/app/vocab"
)

func main() {
	// Collect more often near the limit rather than grow the tab's memory,
	// which a wasm page never gives back.
	debug.SetMemoryLimit(vocab.MemoryLimit)
	ui.Routes()
	// Go's start and go-app's first drawing are two browser tasks. What
	// the user typed into the prerendered page until then is kept just
	// before that drawing replaces the page's elements.
	ui.YieldToBrowser()
	ui.KeepTyped()
	app.RunWhenOnBrowser()
}
