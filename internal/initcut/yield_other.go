//go:build !(js && wasm)

package initcut

// Yield does nothing outside the browser: Go's start is cut only there.
func Yield(after string) {}
