//go:build !wasm

// eventlens's copy: the part of resource.go that needs net/http, kept out of
// the WebAssembly client (see PATCHES.md).

package app

import "net/http"

// fileHandler is what LocalDir's resolver embeds: an http.Handler serving
// the directory, which Handler uses to serve /web/ files.
type fileHandler = http.Handler

func fileServer(directory string) fileHandler {
	return http.FileServer(http.Dir(directory))
}
