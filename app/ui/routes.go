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

// WarmUp draws the app's page once, as a tree of values, without a browser
// page: the compiling worker's run of Go's start (wasm/main.go) calls it so
// that V8 compiles the code of the first drawing there, not on the page's
// thread. It reports whether the drawing went through; a panic (code that
// needs a page) ends it early, which only leaves more to compile later.
func WarmUp() (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	(&Inspector{}).Render()
	return true
}
