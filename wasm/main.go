// Command wasm is eventlens's browser entry: it registers the app's routes and
// runs the app when loaded as WebAssembly. Build it with GOOS=js GOARCH=wasm
// into web/app.wasm. It must not import the server, to keep app.wasm small.
package main

import (
	"os"
	"runtime/debug"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/ui"
	"eventlens/app/vocab"

	// Go's start is cut into browser tasks after each of these packages.
	_ "eventlens/internal/initcut/afterjs"
	_ "eventlens/internal/initcut/afterlint"
	_ "eventlens/internal/initcut/afterunicode"
	_ "eventlens/internal/initcut/aftervocab"
)

// warmUpEnv is the variable web/wasmload.js sets in the worker's Go start.
const warmUpEnv = "EVENTLENS_WARM_UP"

func main() {
	// The worker that compiles app.wasm (web/wasmload.js) runs Go's start
	// once before the page does, so that V8 compiles the functions it
	// calls off the page's thread: the page's instance shares that code.
	// There is no page there: the start ends with the page drawn as values.
	if os.Getenv(warmUpEnv) != "" {
		ui.WarmUp()
		return
	}
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
