//go:build !wasm

package app

// browserStart: outside the browser, the start is not sliced.
func browserStart() startEnv { return startEnv{} }
