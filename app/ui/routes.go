// Package ui holds eventlens's go-app components. They render the engine's
// results (package inspect) and forward user actions; they hold no
// validation logic of their own.
package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// Routes registers every page of the app. The server and the wasm entry call
// it so both know the same pages.
func Routes() {
	app.Route("/", func() app.Composer { return &Inspector{} })
}

// Paths lists the routes registered by Routes, for precaching and static
// export.
var Paths = []string{"/"}
