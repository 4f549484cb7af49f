// Command wasm is eventlens's browser entry: it registers the app's routes and
// runs the app when loaded as WebAssembly. Build it with GOOS=js GOARCH=wasm
// into web/app.wasm. It must not import the server, to keep app.wasm small.
package main

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/ui"
)

func main() {
	ui.Routes()
	app.RunWhenOnBrowser()
}
