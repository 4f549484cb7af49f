package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// InstallButton offers to install the app where the browser allows it. On
// Apple browsers, which have no install prompt, it shows how to add the app
// from the Share menu instead.
type InstallButton struct {
	app.Compo

	installable bool
	apple       bool
	showHint    bool
}

// OnMount reads whether the browser offers installation.
func (b *InstallButton) OnMount(ctx app.Context) {
	b.installable = ctx.IsAppInstallable()
	b.apple = ctx.IsAppleBrowser()
}

// OnAppInstallChange follows the browser's offer: it appears when the
// browser can install the app, and goes once the app is installed.
func (b *InstallButton) OnAppInstallChange(ctx app.Context) {
	b.installable = ctx.IsAppInstallable()
}

// install shows the browser's install prompt, or the Share-menu hint on
// Apple browsers.
func (b *InstallButton) install(ctx app.Context, e app.Event) {
	if b.apple {
		b.showHint = !b.showHint
		return
	}
	ctx.ShowAppInstallPrompt()
}

// Render draws the button, hidden where the app cannot be installed.
func (b *InstallButton) Render() app.UI {
	return app.Span().
		Class("install").
		Hidden(!b.installable).
		Body(
			app.Button().
				ID("install-app").
				Class("btn", "install-app").
				Type("button").
				Title("Install eventlens as an app that works offline").
				Text("Install").
				OnClick(b.install),
			app.Span().
				ID("install-hint").
				Class("install-hint").
				Hidden(!b.showHint).
				Text("To install, open the Share menu and choose “Add to Home Screen” (or “Add to Dock”)."),
		)
}
