// Package initcut cuts Go's start in the browser into several tasks.
//
// Go's start (the runtime's set-up, then every package's initialisation)
// runs in one call from JavaScript, one browser task: on a phone four times
// slower than a desktop it blocks the page for about half a second, and no
// later slicing can shorten it. A package's init may wait, though: Go then
// returns to the browser until something wakes it. The packages under
// initcut do just that, each right after the package it is named for:
// since Go 1.21 the specification fixes the order packages initialise in
// (of the packages whose imports are all initialised, the one first by
// import path goes next), so a package that imports only X and initcut is
// initialised as soon as X is, before any package that sorts after
// "eventlens/internal" (most of the standard library). The wasm entry
// imports them for their effect; TestCutsFollowTheirPackage holds the
// order, under Node with GODEBUG=inittrace=1.
package initcut
