//go:build wasm
// +build wasm

package app

// eventlens's copy: GenerateStaticWebsite, which only panicked here, is not
// defined for wasm, since Handler is not (see http.go and PATCHES.md).

func wasmExecJS() string {
	return ""
}
