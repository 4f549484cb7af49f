// Command engine is a one-component go-app page that inspects a payload
// with the eventlens engine, built by benchreport to measure what the
// engine (gojsonschema included) adds to go-app in a WebAssembly binary.
package main

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/inspect"
)

// page is the only component.
type page struct{ app.Compo }

// Render draws the verdict on a payload read from the page.
func (p *page) Render() app.UI {
	return app.H1().Text(inspect.Inspect([]byte(app.Window().Get("payload").String())).Summary())
}

func main() {
	app.Route("/", func() app.Composer { return &page{} })
	app.RunWhenOnBrowser()
}
