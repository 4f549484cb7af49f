// Package web holds the app's static assets, embedded in the binary so that
// eventlens serves and exports the app from any directory.
//
// app.wasm is a build output (`make wasm` writes it here, git ignores it):
// the pattern app.* embeds it when it exists and app.css alone on a fresh
// clone, so the module builds and tests either way; the site refuses to
// start without app.wasm and says to run `make wasm`.
package web

import (
	"embed"
	"io/fs"
)

// FS is the app's assets: app.css, the icons, wasmload.js (the worker
// that compiles app.wasm), editor.js (the code editor of large payloads,
// bundled from editor/ by make editor) and, once built, app.wasm.
//
//go:embed app.* icon* wasmload.js editor.js
var FS embed.FS

// Assets names the files of FS other than app.wasm, the build output: the
// stylesheet, the icons and the scripts, which every build ships.
func Assets() []string {
	entries, _ := fs.ReadDir(FS, ".") // an embed.FS always reads its root
	var names []string
	for _, e := range entries {
		if !e.IsDir() && e.Name() != "app.wasm" {
			names = append(names, e.Name())
		}
	}
	return names
}
