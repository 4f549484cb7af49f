//go:build wasm

// eventlens's copy: the WebAssembly client serves no files, so LocalDir's
// resolver embeds nothing there (see resource_http.go and PATCHES.md).

package app

type fileHandler struct{}

func fileServer(string) fileHandler { return fileHandler{} }
