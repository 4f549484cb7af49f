// Package afterlint cuts Go's start in the browser right after package lint
// has initialised (after regexp, net/netip and the semantic checks; see initcut).
package afterlint

import (
	_ "eventlens/app/lint"

	"eventlens/internal/initcut"
)

func init() { initcut.Yield("eventlens/app/lint") }
