package app

import (
	"strconv"
	"syscall/js"
	"time"
)

// eventlens: browserStart is the start slicer's browser side (slice.go).
// A yield posts a message to a MessageChannel's port and waits for it: a
// new task, which chained setTimeout calls are not (the browser holds them
// back 4 ms). When the start is over, <html data-start-yields> counts the
// yields.
//
// For tests, the page may define window.eventlensStartTest before app.js
// runs: {slice: milliseconds} replaces StartSlice (0 yields wherever the
// start can), {yield(n)} is called at the nth yield, the start going on
// once the promise it returns settles, and {frame(queued)} as each frame of
// the start begins, with the number of dispatches then queued.
func browserStart() startEnv {
	mc := js.Global().Get("MessageChannel")
	if mc.Type() != js.TypeFunction {
		return startEnv{}
	}
	ch := mc.New()
	wake := make(chan struct{}, 1)
	resume := js.FuncOf(func(js.Value, []js.Value) any {
		select {
		case wake <- struct{}{}:
		default:
		}
		return nil
	})
	ch.Get("port1").Set("onmessage", resume)
	port := ch.Get("port2")
	test := js.Global().Get("eventlensStartTest")
	if test.Type() != js.TypeObject {
		test = js.Undefined()
	}
	var frame func(int)
	if !test.IsUndefined() && test.Get("frame").Type() == js.TypeFunction {
		frame = func(queued int) { test.Call("frame", queued) }
	}
	return startEnv{
		frame: frame,
		yield: func(n int) {
			if !test.IsUndefined() && test.Get("yield").Type() == js.TypeFunction {
				test.Call("yield", n).Call("finally", resume)
			} else {
				port.Call("postMessage", nil)
			}
			<-wake
		},
		done: func(yields int) {
			js.Global().Get("document").Get("documentElement").Get("dataset").Set("startYields", strconv.Itoa(yields))
		},
		slice: func() time.Duration {
			if !test.IsUndefined() && test.Get("slice").Type() == js.TypeNumber {
				return time.Duration(test.Get("slice").Float() * float64(time.Millisecond))
			}
			return StartSlice
		},
	}
}
