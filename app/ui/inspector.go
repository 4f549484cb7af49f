package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// Inspector is the main page: an editor for a payload and what eventlens
// finds in it.
type Inspector struct {
	app.Compo
}

// OnNav sets the page title, on the server and in the browser.
func (p *Inspector) OnNav(ctx app.Context) {
	ctx.Page().SetTitle("eventlens — Event Grid & CloudEvents inspector")
}

// Render draws the page.
func (p *Inspector) Render() app.UI {
	root := app.Main().ID("app").Class("app")
	if app.IsClient {
		// The server prerenders the page; this marks that the wasm app runs.
		root = root.DataSet("wasm", "ready")
	}
	return root.Body(
		app.Header().Class("bar").Body(
			app.H1().Class("title").Text("eventlens"),
			app.P().Class("tagline").Text("Inspect Azure SignalR Service events in Event Grid and CloudEvents form. Payloads never leave your browser."),
		),
		app.Label().For("input").Class("label").Text("Payload"),
		app.Textarea().
			ID("input").
			Class("editor").
			Spellcheck(false).
			Placeholder("Paste an Event Grid or CloudEvents payload (JSON), or drop a .json file here."),
	)
}
