// Command goapp is a one-component go-app page, built by benchreport to
// measure what go-app alone adds to a WebAssembly binary.
package main

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// page is the only component.
type page struct{ app.Compo }

// Render draws a heading.
func (p *page) Render() app.UI { return app.H1().Text("eventlens") }

func main() {
	app.Route("/", func() app.Composer { return &page{} })
	app.RunWhenOnBrowser()
}
