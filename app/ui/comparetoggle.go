package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// localStorage keys of the compare mode's state, kept across reloads with
// its second payload (compareKey).
const (
	compareOpenKey     = "eventlens.compare.open"
	compareSemanticKey = "eventlens.compare.semantic"
)

// toggleCompare opens or closes the compare mode. Opened, it scrolls to
// the compare section and puts the focus in its editor, so it is found
// at once below a tall page.
func (p *Inspector) toggleCompare(ctx app.Context, e app.Event) {
	p.compare = !p.compare
	storeFlag(compareOpenKey, p.compare)
	if !p.compare {
		return
	}
	ctx.Defer(func(ctx app.Context) {
		if e := element("compare-input"); e.Truthy() {
			e.Call("focus", map[string]any{"preventScroll": true})
		}
		if e := element("compare"); e.Truthy() {
			e.Call("scrollIntoView", map[string]any{"block": "start"})
		}
	})
}

// storedFlag reports whether localStorage holds key set to "1".
func storedFlag(key string) bool {
	ls := app.Window().Get("localStorage")
	if !ls.Truthy() {
		return false
	}
	v := ls.Call("getItem", key)
	return !v.IsNull() && !v.IsUndefined() && v.String() == "1"
}

// storeFlag keeps key in localStorage while on, and removes it otherwise.
// Storage may be full or disabled: the flag is then simply not kept.
func storeFlag(key string, on bool) {
	ls := app.Window().Get("localStorage")
	if !ls.Truthy() {
		return
	}
	if on {
		ls.Call("setItem", key, "1")
	} else {
		ls.Call("removeItem", key)
	}
}
