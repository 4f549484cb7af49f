// Package afterunicode cuts Go's start in the browser right after package unicode
// has initialised (its tables' maps, which regexp keeps, are the largest initialisation of the standard library; see initcut).
package afterunicode

import (
	_ "unicode"

	"eventlens/internal/initcut"
)

func init() { initcut.Yield("unicode") }
