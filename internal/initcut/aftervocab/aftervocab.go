// Package aftervocab cuts Go's start in the browser right after package vocab
// has initialised (the diagnostics' registry; see initcut).
package aftervocab

import (
	_ "eventlens/app/vocab"

	"eventlens/internal/initcut"
)

func init() { initcut.Yield("eventlens/app/vocab") }
