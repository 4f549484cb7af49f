// Package afterjs makes the earliest cut of Go's start in the browser:
// right after package syscall/js, which initcut imports, has initialised,
// between the runtime's set-up with the first packages and the rest (see
// initcut).
package afterjs

import "eventlens/internal/initcut"

func init() { initcut.Yield("syscall/js") }
