package ui

import (
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// DefaultUpdateCheck is how often an open app asks whether a new version
// was deployed, when UpdateBanner.CheckEvery is zero.
const DefaultUpdateCheck = 15 * time.Minute

// UpdateBanner shows "A new version is available — Reload" once the service
// worker has installed a newer version, and reloads into it on a click. The
// user's draft survives the reload because the inspector saves it in
// localStorage on every change.
type UpdateBanner struct {
	app.Compo

	// CheckEvery is how often the open app looks for a new version; zero
	// means DefaultUpdateCheck. Browsers also look on every page load.
	CheckEvery time.Duration

	available bool
}

// OnMount shows the banner at once if an update arrived before the page was
// built, and starts the periodic check.
func (b *UpdateBanner) OnMount(ctx app.Context) {
	b.available = ctx.AppUpdateAvailable()
	b.scheduleCheck(ctx)
}

// OnAppUpdate shows the banner: the new version is installed and cached.
func (b *UpdateBanner) OnAppUpdate(ctx app.Context) {
	b.available = ctx.AppUpdateAvailable()
}

// scheduleCheck asks the service worker to look for a new version after
// CheckEvery, then again, for as long as the banner is mounted.
func (b *UpdateBanner) scheduleCheck(ctx app.Context) {
	every := b.CheckEvery
	if every <= 0 {
		every = DefaultUpdateCheck
	}
	ctx.After(every, func(ctx app.Context) {
		if !b.available {
			app.TryUpdate()
		}
		b.scheduleCheck(ctx)
	})
}

// reload loads the new version.
func (b *UpdateBanner) reload(ctx app.Context, e app.Event) {
	ctx.Reload()
}

// Render draws the banner, hidden until an update is available.
func (b *UpdateBanner) Render() app.UI {
	return app.Div().
		ID("update-banner").
		Class("update-banner").
		Role("status").
		Hidden(!b.available).
		Body(
			app.Span().Class("update-text").Text("A new version is available — "),
			app.Button().
				ID("update-reload").
				Class("btn", "btn-accent", "update-reload").
				Type("button").
				Text("Reload").
				OnClick(b.reload),
		)
}
